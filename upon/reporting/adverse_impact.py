"""Counts for adverse impact monitoring: each monitoring answer at each selection stage.

Read in two queries whatever the intake's size, and handed to the pure statistics in
reporting/algorithms/adverse_impact.py, which suppresses small counts. Only the programme lead's
report calls this, and only aggregate tables leave it. Selection itself never reads monitoring
data.
"""

from django.db.models import Count, Q

from upon.recruitment.models import Application, ApplicationStatus
from upon.reporting.algorithms.adverse_impact import STAGES, ImpactTable, adverse_impact
from upon.reporting.models import QUESTIONS, MonitoringResponse
from upon.selection.models import OfferStatus, Outcome

NOT_ANSWERED = "Not answered"


def _stage_filters(prefix: str) -> dict[str, Q]:
    """Who is at each stage. Nested: everyone offered counts as shortlisted, and so on."""
    offered = Q(**{f"{prefix}offer__isnull": False})
    return {
        "applied": Q(**{f"{prefix}submitted_at__isnull": False})
        & ~Q(**{f"{prefix}status": ApplicationStatus.DRAFT}),
        "shortlisted": Q(**{f"{prefix}decision__outcome": Outcome.SHORTLIST}) | offered,
        "offered": offered,
        "accepted": Q(**{f"{prefix}offer__status": OfferStatus.ACCEPTED}),
    }


def impact_tables(*, intake) -> list[ImpactTable]:
    stage_totals = Application.objects.filter(intake=intake).aggregate(
        **{stage: Count("pk", filter=rule) for stage, rule in _stage_filters("").items()}
    )
    answer_rules = _stage_filters("application__")
    cells = [
        (key, value, label, stage)
        for key, (_, choices) in QUESTIONS.items()
        for value, label in choices.choices
        for stage in STAGES
    ]
    counted = MonitoringResponse.objects.filter(application__intake=intake).aggregate(
        **{
            f"c{index}": Count("pk", filter=Q(**{key: value}) & answer_rules[stage])
            for index, (key, value, _, stage) in enumerate(cells)
        }
    )
    per_question: dict[str, dict[str, dict[str, int]]] = {}
    for index, (key, _, label, stage) in enumerate(cells):
        per_question.setdefault(key, {}).setdefault(label, {})[stage] = counted[f"c{index}"]
    tables = []
    for key, (wording, _) in QUESTIONS.items():
        groups = per_question[key]
        groups[NOT_ANSWERED] = {
            stage: stage_totals[stage] - sum(g[stage] for g in groups.values()) for stage in STAGES
        }
        shown = {label: c for label, c in groups.items() if c["applied"]}
        if shown:
            tables.append(adverse_impact(question=wording, counts=shown))
    return tables
