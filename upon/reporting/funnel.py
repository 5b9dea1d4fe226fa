"""What the programme achieved, per intake: from applying to becoming a director.

Where each stage lives:

- applied, shortlisted, offered, accepted: the application and its decision and offer, counted
  as the equality reports count them (`stages.stage_filters`).
- eligible: applied, with answers that meet the intake's eligibility rules (at least its
  minimum years of senior leadership, a role above team manager, and able to become a director
  in the intake's horizon). Nobody screens applications out by hand, so this is what the
  applicant told us; their employer endorsed every submitted application.
- completed: a place on the intake's cohort, confirmed as completed (upon/delivery).
- appointed director within 1, 2, 3 and 5 years: a completer whose first DCS (or twin-hat)
  post starting after their cohort began is verified by the team (upon/support), and started
  that long after the cohort's last day. A post that started before then counts at once.

Four queries whatever the number of intakes or people: the intakes, the applications by intake,
the places by intake, and each completer's completion and first post (dates only, no names).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Min, Q

from upon.delivery.models import Participant, ParticipantStatus
from upon.programmes.models import Intake
from upon.recruitment.algorithms.eligibility import TEAM_MANAGER
from upon.recruitment.models import Application
from upon.reporting.algorithms import funnel
from upon.reporting.stages import stage_filters
from upon.support.models import DIRECTOR_ROLES

STAGES = (
    ("applied", "Applied"),
    ("eligible", "Eligible"),
    ("shortlisted", "Shortlisted"),
    ("offered", "Offered a place"),
    ("accepted", "Accepted a place"),
    ("completed", "Completed the programme"),
    *(
        (funnel.within_key(years), f"Appointed director within {years} year{'s' * (years > 1)}")
        for years in funnel.WITHIN_YEARS
    ),
)
LABELS = dict(STAGES)
# Whose people are among whose: what the funder's figures are protected along.
NESTED = (
    ("applied", "eligible"),
    ("applied", "shortlisted"),
    ("shortlisted", "offered"),
    ("offered", "accepted"),
    ("accepted", "completed"),
    ("completed", "within_5"),
    ("within_5", "within_3"),
    ("within_3", "within_2"),
    ("within_2", "within_1"),
)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: int | None  # None: hidden from this reader
    hidden: str = ""  # why, when hidden


@dataclass(frozen=True)
class IntakeFunnel:
    intake: Intake
    figures: tuple[Figure, ...]
    median_months: float | None
    median_hidden: str = ""


def eligible_filter(prefix: str = "") -> Q:
    """Applied and eligible, for Application (prefix "") or a model beside it."""
    return (
        stage_filters(prefix)["applied"]
        & Q(**{f"{prefix}leadership_years__gte": F(f"{prefix}intake__min_leadership_years")})
        & Q(**{f"{prefix}director_potential": True})
        & ~Q(**{f"{prefix}role_level": TEAM_MANAGER})
    )


def director_post_filter(prefix: str) -> Q:
    """A verified DCS post starting on or after the cohort began, for a Participant query."""
    return Q(
        **{
            f"{prefix}verified_at__isnull": False,
            f"{prefix}role__in": DIRECTOR_ROLES,
            f"{prefix}starts_on__gte": F("cohort__starts_on"),
        }
    )


def intake_funnels(*, programme, suppress: bool) -> list[IntakeFunnel]:
    """The funnel of each of the programme's intakes, newest first. With `suppress` (for the
    funder), small counts and those that would give them away are hidden, and a median of
    fewer than 5 people's times."""
    intakes = list(Intake.objects.filter(programme=programme).order_by("-opens_at", "-pk"))
    rules = stage_filters() | {"eligible": eligible_filter()}
    applications = {
        row["intake"]: row
        for row in Application.objects.filter(intake__programme=programme)
        .values("intake")
        .annotate(**{stage: Count("pk", filter=rule) for stage, rule in rules.items()})
        .order_by()
    }
    completed = dict(
        Participant.objects.filter(
            cohort__intake__programme=programme, status=ParticipantStatus.COMPLETED
        )
        .values("cohort__intake")
        .annotate(n=Count("user", distinct=True))
        .order_by()
        .values_list("cohort__intake", "n")
    )
    completions: dict[int, list] = {}
    for intake_id, ends_on, appointed_on in (
        Participant.objects.filter(
            cohort__intake__programme=programme, status=ParticipantStatus.COMPLETED
        )
        .values("pk", "cohort__intake", "cohort__ends_on")
        .annotate(
            appointed_on=Min(
                "user__appointments__starts_on",
                filter=director_post_filter("user__appointments__"),
            )
        )
        .order_by()
        .values_list("cohort__intake", "cohort__ends_on", "appointed_on")
    ):
        completions.setdefault(intake_id, []).append((ends_on, appointed_on))
    return [
        _intake_funnel(
            intake,
            applications.get(intake.pk, {}),
            completed.get(intake.pk, 0),
            funnel.appointments(completions.get(intake.pk, [])),
            suppress=suppress,
        )
        for intake in intakes
    ]


def _intake_funnel(intake, applied, completed, appointed, *, suppress) -> IntakeFunnel:
    counts = {
        stage: applied.get(stage, 0)
        for stage in ("applied", "eligible", "shortlisted", "offered", "accepted")
    }
    counts["completed"] = completed
    counts |= {funnel.within_key(y): n for y, n in appointed.within.items()}
    state = funnel.hide_small(counts, NESTED) if suppress else {}
    figures = tuple(
        Figure(key, label, None, funnel.TEXT[state[key]])
        if state.get(key, funnel.SHOWN) != funnel.SHOWN
        else Figure(key, label, counts[key])
        for key, label in STAGES
    )
    if suppress and appointed.appointed < funnel.THRESHOLD and appointed.appointed:
        return IntakeFunnel(intake, figures, None, "Not shown: fewer than 5 people appointed")
    return IntakeFunnel(intake, figures, appointed.median_months)


def csv_rows(funnels: list[IntakeFunnel]) -> list[list]:
    """The table as rows: a heading row, then a row per intake (hidden figures as words)."""
    rows = [["Intake", *LABELS.values(), "Median months from completing to appointment"]]
    for found in funnels:
        median = (
            found.median_hidden
            if found.median_hidden
            else ("" if found.median_months is None else f"{found.median_months:.1f}")
        )
        rows.append(
            [
                found.intake.name,
                *(f.hidden if f.count is None else f.count for f in found.figures),
                median,
            ]
        )
    return rows
