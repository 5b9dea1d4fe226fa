"""Counts for the aggregate equality report, read in two queries whatever the intake's size.

Only the programme lead's report calls this. It returns tables whose small counts are already
suppressed (see `algorithms/equality.py`); no single person's answers leave this module.
"""

from django.db.models import Count, Q

from upon.programmes.models import Intake
from upon.recruitment.models import Application, ApplicationStatus
from upon.reporting.algorithms import equality
from upon.reporting.models import QUESTIONS, MonitoringResponse

# The stages the report counts people at, as the statuses each one leaves out.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Applied", (ApplicationStatus.DRAFT,)),
    ("Submitted and not withdrawn", (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)),
)
STAGE_LABELS = [label for label, _ in STAGES]


def _questions() -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(key, wording, list(choices.choices)) for key, (wording, choices) in QUESTIONS.items()]


def equality_tables(*, intake: Intake) -> list[equality.Table]:
    """A suppressed table per monitoring question for an intake's applicants, by stage.

    One query counts the people at each stage; one conditional aggregate counts every answer
    to every question at every stage. People with no response are "Not answered".
    """
    totals_row = Application.objects.filter(intake=intake).aggregate(
        **{
            f"s{stage}": Count("pk", filter=~Q(status__in=left_out))
            for stage, (_, left_out) in enumerate(STAGES)
        }
    )
    totals = [totals_row[f"s{stage}"] for stage in range(len(STAGES))]

    questions = _questions()
    cells = [
        (key, value, stage, left_out)
        for key, _, choices in questions
        for value, _ in choices
        for stage, (_, left_out) in enumerate(STAGES)
    ]
    counted = MonitoringResponse.objects.filter(application__intake=intake).aggregate(
        **{
            f"c{index}": Count(
                "pk", filter=Q(**{key: value}) & ~Q(application__status__in=left_out)
            )
            for index, (key, value, _, left_out) in enumerate(cells)
        }
    )
    answered: dict[str, dict[str, list[int]]] = {}
    for index, (key, value, stage, _) in enumerate(cells):
        answered.setdefault(key, {}).setdefault(value, [0] * len(STAGES))[stage] = counted[
            f"c{index}"
        ]
    return equality.build_report(questions=questions, answered=answered, totals=totals)
