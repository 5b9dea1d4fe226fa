"""Adverse impact monitoring for the programme lead: how each group fared at each selection stage.

Pure: plain counts in, frozen dataclasses out, no Django. For one monitoring question, each
answer given (a group, "Prefer not to say" among them) has a count at each stage: applied,
shortlisted, offered, accepted. For each stage after applied, and each group:

- selection rate: the group's count at the stage over the group's applications (every rate is
  relative to applied, not to the stage before, so rates read as "of those who applied");
- impact ratio: the group's rate over the reference rate, the highest rate among the groups
  shown, with the four-fifths flag when the ratio is below 0.8. "Prefer not to say" is a group
  like any other, except that it is never the reference: it is not a group of people who share
  a characteristic, so its rate is no benchmark for the others;
- Fisher's exact test (two-sided) on the 2x2 table: this group selected or not, against all the
  other groups selected or not.

Suppression is the equality report's (`algorithms/suppression.py`): the two reports publish
the same figures, hidden the same way, so that neither adds anything to the other. Anything
worked out from a hidden count (a rate, a ratio, a flag, a p-value) is hidden with it: a group's
figures need its count and its applications shown, its p-value needs both totals shown too, and
a hidden group is never the reference.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from scipy.stats import fisher_exact

from upon.reporting.algorithms.suppression import (
    SHOWN,
    SUPPRESSED_TEXT,
    TEXT,
    TOTAL,
    Suppression,
    suppress,
    validate,
)

STAGES = ("applied", "shortlisted", "offered", "accepted")
FOUR_FIFTHS = Fraction(4, 5)
PREFER_NOT_TO_SAY = "Prefer not to say"
__all__ = [
    "SUPPRESSED_TEXT",
    "GroupImpact",
    "ImpactTable",
    "StageCell",
    "StageTotal",
    "adverse_impact",
    "adverse_impact_report",
]


@dataclass(frozen=True)
class StageCell:
    """One group at one stage. For applied, only count and suppressed are filled in."""

    stage: str
    count: int | None  # None when hidden: templates print `hidden`
    hidden: str | None  # what to show instead ("Fewer than 5", or why it is hidden)
    rate: float | None = None  # count / the group's applications
    impact_ratio: float | None = None  # rate / the reference group's rate
    below_four_fifths: bool | None = None  # impact_ratio < 0.8
    p_value: float | None = None  # Fisher's exact test, two-sided, against all other groups

    @property
    def suppressed(self) -> bool:
        return self.hidden is not None


@dataclass(frozen=True)
class GroupImpact:
    group: str
    cells: tuple[StageCell, ...]  # one per stage, applied first


@dataclass(frozen=True)
class StageTotal:
    stage: str
    count: int | None  # None when hidden
    hidden: str | None
    rate: float | None = None  # of all applications
    reference_group: str | None = None  # whose rate the impact ratios are taken against
    reference_rate: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.hidden is not None


@dataclass(frozen=True)
class ImpactTable:
    question: str
    stages: tuple[str, ...]
    groups: tuple[GroupImpact, ...]
    totals: tuple[StageTotal, ...]


def _fisher(selected: int, applied: int, all_selected: int, all_applied: int) -> float | None:
    others_applied = all_applied - applied
    if applied == 0 or others_applied == 0:
        return None
    others_selected = all_selected - selected
    table = [[selected, applied - selected], [others_selected, others_applied - others_selected]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)


def adverse_impact(
    *,
    question: str,
    counts: Mapping[str, Mapping[str, int]],
    stages: Sequence[str] = STAGES,
    prefer_not_to_say: str = PREFER_NOT_TO_SAY,
    suppression: Suppression | None = None,
) -> ImpactTable:
    """One monitoring question's table: `counts[group][stage]`, groups in the order given.

    A stage missing from a group's counts is 0. Rates are of the first stage (applied). Rates
    and ratios are worked out exactly (fractions), so a ratio of exactly 0.8 is not flagged.
    `suppression` is the report's, shared with the equality report; without it, this table's
    own.
    """
    groups = list(counts)
    table = [[int(counts[group].get(stage, 0)) for stage in stages] for group in groups]
    validate(table)
    suppression = suppression or suppress(table)
    hidden = [[suppression.hidden(g, s) for s in range(len(stages))] for g in range(len(table))]
    total_hidden = [suppression.hidden(TOTAL, s) for s in range(len(stages))]
    totals = [sum(row[index] for row in table) for index in range(len(stages))]

    def shown(count, group, stage):
        state = suppression.state(group, stage)
        return (count, None) if state == SHOWN else (None, TEXT[state])

    rows = [[StageCell(stages[0], *shown(row[0], g, 0))] for g, row in enumerate(table)]
    stage_totals = [StageTotal(stages[0], *shown(totals[0], TOTAL, 0))]
    for index, stage in enumerate(stages[1:], start=1):
        rates = [
            Fraction(row[index], row[0])
            if row[0] and not hidden[g][0] and not hidden[g][index]
            else None
            for g, row in enumerate(table)
        ]
        benchmarks = [
            (rate, -g)
            for g, rate in enumerate(rates)
            if rate is not None and groups[g] != prefer_not_to_say
        ]
        best = max(benchmarks, default=None)
        reference = -best[1] if best and best[0] > 0 else None
        tested = not total_hidden[index] and not total_hidden[0]
        for g, row in enumerate(table):
            rate = rates[g]
            ratio = rate / rates[reference] if rate is not None and reference is not None else None
            rows[g].append(
                StageCell(
                    stage,
                    *shown(row[index], g, index),
                    None if rate is None else float(rate),
                    None if ratio is None else float(ratio),
                    None if ratio is None else ratio < FOUR_FIFTHS,
                    _fisher(row[index], row[0], totals[index], totals[0])
                    if rate is not None and tested
                    else None,
                )
            )
        stage_totals.append(
            StageTotal(
                stage,
                *shown(totals[index], TOTAL, index),
                totals[index] / totals[0] if tested and totals[0] else None,
                None if reference is None else groups[reference],
                None if reference is None else float(rates[reference]),
            )
        )
    return ImpactTable(
        question=question,
        stages=tuple(stages),
        groups=tuple(GroupImpact(g, tuple(row)) for g, row in zip(groups, rows, strict=True)),
        totals=tuple(stage_totals),
    )


def adverse_impact_report(
    *, questions: Mapping[str, Mapping[str, Mapping[str, int]]], stages: Sequence[str] = STAGES
) -> tuple[ImpactTable, ...]:
    """A table for each monitoring question, in the order given: `questions[question][group]`."""
    return tuple(
        adverse_impact(question=question, counts=counts, stages=stages)
        for question, counts in questions.items()
    )
