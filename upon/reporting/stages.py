"""The stages of selection every equality report counts people at, defined once, and the counts.

Both the equality report and adverse impact monitoring read their figures from
`monitoring_tables`, so a person is at a stage in one report exactly when they are in the other,
and both publish the same figures hidden the same way (see `algorithms/suppression.py`).
Each stage is inside the one before: nobody is counted at a stage without having applied.

- applied: submitted an application (including anyone who withdrew it afterwards). A draft,
  or a draft withdrawn before it was submitted, never applied: their monitoring answers are
  counted nowhere.
- shortlisted: the panel shortlisted them, or they were offered a place.
- offered: offered a place.
- accepted: accepted the offer.

Two queries whatever the intake's size. Only the programme lead's reports call this, and only
aggregate, suppressed tables leave it. Selection itself never reads monitoring data.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from upon.recruitment.models import Application, ApplicationStatus
from upon.reporting.algorithms.adverse_impact import STAGES
from upon.reporting.algorithms.suppression import Suppression, suppress_report
from upon.reporting.equality_reads import Reading, record
from upon.reporting.models import QUESTIONS, EqualitySnapshot, MonitoringResponse
from upon.selection.models import OfferStatus, Outcome

LABELS = {
    "applied": "Applied",
    "shortlisted": "Shortlisted",
    "offered": "Offered a place",
    "accepted": "Accepted a place",
}
NOT_ANSWERED = "Not answered"


def stage_filters(prefix: str = "") -> dict[str, Q]:
    """Who is at each stage, for Application (prefix "") or a model beside it."""

    def q(**lookups) -> Q:
        return Q(**{prefix + field: value for field, value in lookups.items()})

    applied = q(submitted_at__isnull=False) & ~q(status=ApplicationStatus.DRAFT)
    offered = applied & q(offer__isnull=False)
    return {
        "applied": applied,
        "shortlisted": applied & (q(decision__outcome=Outcome.SHORTLIST) | q(offer__isnull=False)),
        "offered": offered,
        "accepted": offered & q(offer__status=OfferStatus.ACCEPTED),
    }


@dataclass(frozen=True)
class MonitoringTable:
    """One question's counts, counts[group][stage], and how each figure is published."""

    key: str
    question: str
    groups: tuple[str, ...]  # every answer, then "Not answered"
    counts: tuple[tuple[int, ...], ...]
    suppression: Suppression


def monitoring_tables(*, intake, reading: Reading) -> list[MonitoringTable]:
    """A table per question, in the order asked, suppressed together. An intake whose answers
    the retention schedule deleted is counted from the counts it kept (`EqualitySnapshot`)."""
    record(reading, what=f"Equality counts of {intake}", programme=intake.programme)
    snapshot = EqualitySnapshot.objects.filter(intake=intake).first()
    if snapshot is not None:
        questions = questions_from(snapshot.selection_counts)
    else:
        questions = intake_selection_counts(intake=intake)
    suppressions = suppress_report([rows for *_, rows in questions])
    return [
        MonitoringTable(key, wording, groups, tuple(map(tuple, rows)), suppression)
        for (key, wording, groups, rows), suppression in zip(questions, suppressions, strict=True)
    ]


def intake_selection_counts(*, intake) -> list[tuple]:
    """The intake's answers counted at the equality report's stages (`monitoring_counts`)."""
    return monitoring_counts(
        applications=Application.objects.filter(intake=intake),
        responses=MonitoringResponse.objects.filter(application__intake=intake),
        rules=stage_filters(),
        response_rules=stage_filters("application__"),
        stages=STAGES,
    )


def counts_to_keep(questions: list[tuple]) -> dict[str, list[list[int]]]:
    """{question key: rows}: what an `EqualitySnapshot` keeps of `monitoring_counts`."""
    return {key: rows for key, _, _, rows in questions}


def questions_from(kept: dict, *, add: list[tuple] | None = None) -> list[tuple]:
    """`monitoring_counts`' answer rebuilt from kept counts (wording and groups from the
    questions as asked now), added cell by cell to `add` (live counts of other intakes)."""
    questions = []
    for index, (key, (wording, choices)) in enumerate(QUESTIONS.items()):
        rows = [list(row) for row in kept[key]]
        if add is not None:
            rows = [
                [a + b for a, b in zip(row, other, strict=True)]
                for row, other in zip(rows, add[index][3], strict=True)
            ]
        questions.append((key, wording, (*choices.labels, NOT_ANSWERED), rows))
    return questions


def monitoring_counts(*, applications, responses, rules, response_rules, stages) -> list[tuple]:
    """(key, wording, groups, rows) for each question: rows[group][stage] counts the answers
    among `responses` at each stage (`response_rules`), then "Not answered": the rest of the
    stage's total among `applications` (`rules`). Two queries."""
    totals_row = applications.aggregate(
        **{stage: Count("pk", filter=rules[stage]) for stage in stages}
    )
    totals = [totals_row[stage] for stage in stages]
    cells = [
        (key, value, stage)
        for key, (_, choices) in QUESTIONS.items()
        for value in choices.values
        for stage in stages
    ]
    counted = responses.aggregate(
        **{
            f"c{index}": Count("pk", filter=Q(**{key: value}) & response_rules[stage])
            for index, (key, value, stage) in enumerate(cells)
        }
    )
    answers = {cell: counted[f"c{i}"] for i, cell in enumerate(cells)}
    questions = []
    for key, (wording, choices) in QUESTIONS.items():
        rows = [[answers[key, value, stage] for stage in stages] for value in choices.values]
        columns = zip(*rows, strict=True)
        rows.append([total - sum(column) for total, column in zip(totals, columns, strict=True)])
        questions.append((key, wording, (*choices.labels, NOT_ANSWERED), rows))
    return questions
