"""The cohort's needs: what the participants' self-assessments say about each capability, so the
team can tailor the programme, and which sessions address which need.

Only submitted self-assessments of people still on the programme count. The team sees each
capability's distribution of ratings, its median and average, the weakest capabilities and the
change over the year; never one person's ratings by name. Counts under 5 are shown: these are
ratings the participants give themselves for their development, not monitoring data.

Charts are SVG written by our own template (govuk/bar_chart.html), each with a text summary and
the same figures in a table: no plotting library is imported, on a first request or after.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count

from upon.delivery.models import (
    AssessmentPoint,
    Participant,
    ParticipantStatus,
    SelfAssessment,
    SelfRating,
    Session,
)
from upon.delivery.self_assessment import LEVEL_NAMES, LEVELS, capabilities_for
from upon.service.algorithms.bar_charts import Chart, Row, horizontal_bars

COUNTED_STATUSES = (ParticipantStatus.ACTIVE, ParticipantStatus.COMPLETED)
POINTS = tuple(AssessmentPoint.values)
POINT_LABELS = dict(AssessmentPoint.choices)
WEAKEST = 3


# Pure arithmetic on counts: no database.


def median_of(counts: tuple[int, ...]) -> float | None:
    """The median rating from counts of ratings 1 to 5 (the mean of the middle two when the
    number of people is even)."""
    n = sum(counts)
    if n == 0:
        return None
    ratings = [level for level, count in zip(LEVELS, counts, strict=True) for _ in range(count)]
    middle = n // 2
    if n % 2:
        return float(ratings[middle])
    return (ratings[middle - 1] + ratings[middle]) / 2


def mean_of(counts: tuple[int, ...]) -> float | None:
    n = sum(counts)
    if n == 0:
        return None
    return sum(level * count for level, count in zip(LEVELS, counts, strict=True)) / n


@dataclass(frozen=True)
class Distribution:
    counts: tuple[int, int, int, int, int]

    @property
    def people(self) -> int:
        return sum(self.counts)

    @property
    def median(self) -> float | None:
        return median_of(self.counts)

    @property
    def mean(self) -> float | None:
        return mean_of(self.counts)


EMPTY = Distribution((0, 0, 0, 0, 0))


@dataclass
class CapabilityNeed:
    capability: object
    by_point: dict[str, Distribution]
    sessions: list = field(default_factory=list)

    def at(self, point: str) -> Distribution:
        return self.by_point.get(point, EMPTY)

    def points(self, points: tuple[str, ...]) -> list[tuple[str, Distribution]]:
        return [(point, self.at(point)) for point in points]


@dataclass
class CohortNeeds:
    capabilities: list[CapabilityNeed]
    participants: int
    submitted: dict[str, int]
    point: str | None  # the point the distribution shows
    points_with_data: tuple[str, ...]
    weakest: list[CapabilityNeed]
    summary: list[str]
    change_summary: list[str]

    @property
    def point_label(self) -> str:
        return POINT_LABELS.get(self.point, "")

    def distribution_rows(self) -> list[tuple[object, Distribution]]:
        """(capability, its distribution at the point shown), in framework order."""
        return [(n.capability, n.at(self.point)) for n in self.capabilities]

    def change_rows(self) -> list[tuple[object, list[Distribution]]]:
        """(capability, its distribution at each point with submissions)."""
        return [(n.capability, [n.at(p) for p in self.points_with_data]) for n in self.capabilities]

    @property
    def point_labels_with_data(self) -> list[str]:
        return [POINT_LABELS[p] for p in self.points_with_data]


def _number(value: float | None) -> str:
    if value is None:
        return "none"
    return f"{value:.1f}".removesuffix(".0")


def _people(count: int) -> str:
    return f"{count} participant" if count == 1 else f"{count} participants"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def weakest_of(needs: list[CapabilityNeed], point: str, top: int = WEAKEST) -> list[CapabilityNeed]:
    """The capabilities rated lowest at this point: by median, then average."""
    rated = [n for n in needs if n.at(point).people]
    return sorted(rated, key=lambda n: (n.at(point).median, n.at(point).mean))[:top]


def summarise(
    needs: list[CapabilityNeed],
    *,
    point: str | None,
    participants: int,
    submitted: dict[str, int],
    points_with_data: tuple[str, ...],
) -> tuple[list[str], list[str]]:
    """Plain sentences for the distribution chart and the change chart."""
    if point is None:
        return (["No one has submitted a self-assessment yet."], [])
    label = POINT_LABELS[point].lower()
    summary = [
        f"Self-assessments submitted for the {label}: {submitted.get(point, 0)} of "
        f"{_people(participants)}."
    ]
    weakest = weakest_of(needs, point)
    if weakest:
        summary.append(
            "The weakest capabilities are "
            + _and(
                [
                    f"{n.capability.name} (median {_number(n.at(point).median)}, average "
                    f"{_number(n.at(point).mean)})"
                    for n in weakest
                ]
            )
            + "."
        )
    change = []
    if len(points_with_data) >= 2:
        first, last = points_with_data[0], points_with_data[-1]
        moves = [
            (n.at(last).mean - n.at(first).mean, n)
            for n in needs
            if n.at(first).people and n.at(last).people
        ]
        if moves:
            first_label, last_label = POINT_LABELS[first].lower(), POINT_LABELS[last].lower()
            rise, most = max(moves, key=lambda pair: pair[0])
            fall, least = min(moves, key=lambda pair: pair[0])
            if rise > 0:
                change.append(
                    f"From the {first_label} to the {last_label}, the average rating rose most "
                    f"for {most.capability.name}: {_number(most.at(first).mean)} to "
                    f"{_number(most.at(last).mean)}."
                )
            if fall < 0:
                change.append(
                    f"From the {first_label} to the {last_label}, it fell most for "
                    f"{least.capability.name}: {_number(least.at(first).mean)} to "
                    f"{_number(least.at(last).mean)}."
                )
            average = sum(delta for delta, _ in moves) / len(moves)
            if round(average, 1) == 0:
                change.append("Across all capabilities the average rating held steady.")
            else:
                direction = "rose" if average > 0 else "fell"
                change.append(
                    f"Across all capabilities the average rating {direction} by "
                    f"{_number(abs(average))}."
                )
    else:
        change.append(
            "Change over the year shows once a second self-assessment has been submitted."
        )
    return summary, change


# From the database.


def cohort_needs(*, cohort, point: str | None = None) -> CohortNeeds:
    """Every capability's distribution of ratings at each point, the weakest at `point` (or
    at the latest point anyone has submitted), and the sessions that address each."""
    capabilities = list(capabilities_for(cohort=cohort))
    counted = {
        "assessment__participant__cohort": cohort,
        "assessment__participant__status__in": COUNTED_STATUSES,
        "assessment__submitted_at__isnull": False,
    }
    counts: dict[tuple[int, str], list[int]] = {}
    for row in (
        SelfRating.objects.filter(**counted)
        .values("capability_id", "assessment__point", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (row["capability_id"], row["assessment__point"])
        counts.setdefault(key, [0] * len(LEVELS))[row["rating"] - 1] = row["n"]
    submitted = dict(
        SelfAssessment.objects.filter(
            participant__cohort=cohort,
            participant__status__in=COUNTED_STATUSES,
            submitted_at__isnull=False,
        )
        .values_list("point")
        .annotate(n=Count("pk"))
        .order_by()
    )
    participants = Participant.objects.filter(cohort=cohort, status__in=COUNTED_STATUSES).count()
    addressing: dict[int, list] = {}
    through = Session.addresses.through
    for link in (
        through.objects.filter(session__cohort=cohort)
        .select_related("session")
        .order_by("session__starts_at", "session_id")
    ):
        addressing.setdefault(link.capability_id, []).append(link.session)
    needs = [
        CapabilityNeed(
            capability=capability,
            by_point={
                p: Distribution(tuple(counts[(capability.pk, p)]))
                for p in POINTS
                if (capability.pk, p) in counts
            },
            sessions=addressing.get(capability.pk, []),
        )
        for capability in capabilities
    ]
    points_with_data = tuple(p for p in POINTS if submitted.get(p))
    if point not in points_with_data:
        point = points_with_data[-1] if points_with_data else None
    summary, change = summarise(
        needs,
        point=point,
        participants=participants,
        submitted=submitted,
        points_with_data=points_with_data,
    )
    return CohortNeeds(
        capabilities=needs,
        participants=participants,
        submitted=submitted,
        point=point,
        points_with_data=points_with_data,
        weakest=weakest_of(needs, point) if point else [],
        summary=summary,
        change_summary=change,
    )


def sessions_for_choice(*, cohort):
    return Session.objects.filter(cohort=cohort).order_by("starts_at", "pk")


def sessions_addressing(*, cohort, capability):
    return Session.objects.filter(cohort=cohort, addresses=capability).order_by("starts_at", "pk")


@transaction.atomic
def set_sessions_addressing(*, cohort, capability, sessions) -> None:
    """Record that exactly these sessions of the cohort address the capability."""
    through = Session.addresses.through
    through.objects.filter(session__cohort=cohort, capability=capability).delete()
    through.objects.bulk_create(
        through(session_id=session.pk, capability_id=capability.pk)
        for session in sessions
        if session.cohort_id == cohort.pk
    )


# Charts: laid out by the pure upon/service/algorithms/bar_charts.py, drawn by a template.


def distribution_chart(needs: CohortNeeds) -> Chart | None:
    """Stacked bars: how many people gave each rating to each capability at needs.point."""
    if needs.point is None:
        return None
    label = needs.point_label.lower()
    return horizontal_bars(
        [
            Row(
                label=n.capability.name,
                values=tuple(float(c) for c in n.at(needs.point).counts),
                texts=tuple(str(c) for c in n.at(needs.point).counts),
            )
            for n in needs.capabilities
        ],
        id="ratings-chart",
        title=f"Self-ratings at the {label}",
        summary=(
            f"Stacked bar chart: how many participants gave each rating from 1 to 5 to each "
            f"capability at the {label}. The table below gives the same figures."
        ),
        series=[f"{level}: {LEVEL_NAMES[level]}" for level in LEVELS],
        stacked=True,
        axis_label="Number of participants",
        whole_numbers=True,
    )


def change_chart(needs: CohortNeeds) -> Chart | None:
    """Grouped bars: each capability's average rating at each point with submissions."""
    if len(needs.points_with_data) < 2:
        return None
    points = needs.points_with_data
    return horizontal_bars(
        [
            Row(
                label=n.capability.name,
                values=tuple(n.at(p).mean for p in points),
                texts=tuple(_number(n.at(p).mean) for p in points),
                note="No ratings",
            )
            for n in needs.capabilities
        ],
        id="change-chart",
        title="Average self-rating over the year",
        summary=(
            "Bar chart: each capability's average self-rating at "
            + _and([POINT_LABELS[p].lower() for p in points])
            + ". The table below gives the same figures."
        ),
        series=[POINT_LABELS[p] for p in points],
        minimum=0,
        maximum=5,
        step=1,
        axis_label="Average self-rating (1 to 5)",
    )
