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

Suppression (DESIGN.md: counts under 5 suppressed) starts from the equality report's column rule,
imported from algorithms/equality.py (pure, and the same rule fits each stage here): a count of
1 to 4 is suppressed, zero is shown (it names nobody, and "nobody from this group was offered a
place" is what monitoring must see), and when a stage has exactly one suppressed group the next
smallest non-zero count is suppressed too, so the stage total does not give it away; a stage
total from 1 to 4 is suppressed. That rule alone is not enough here, because stages are nested
(everyone offered was shortlisted): with a shortlist of 1 and 6 suppressed out of 27 and the 6
all offered (shown), the 6 is at least 6 and the 1 at least 1, so both are exposed. So the table
is then audited exactly (CP-SAT): while some suppressed count or total has only one value
consistent with everything shown, one more figure is suppressed (see `suppress`). The reader
this guards against knows every figure shown, that suppressed ones are at least 1, that counts
add up to totals and that no group grows from one stage to the next; it stops exact recovery,
not narrow ranges. Anything worked out from a suppressed count (a rate, a ratio, a flag, a
p-value) is suppressed with it: a group's figures need its count and its applications shown,
its p-value needs both totals shown too, and a suppressed group is never the reference.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model
from scipy.stats import fisher_exact

from upon.reporting.algorithms.equality import SUPPRESSED_TEXT, is_small, suppress_column

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
    "suppress",
]


@dataclass(frozen=True)
class StageCell:
    """One group at one stage. For applied, only count and suppressed are filled in."""

    stage: str
    count: int | None  # None when suppressed: templates print SUPPRESSED_TEXT
    suppressed: bool
    rate: float | None = None  # count / the group's applications
    impact_ratio: float | None = None  # rate / the reference group's rate
    below_four_fifths: bool | None = None  # impact_ratio < 0.8
    p_value: float | None = None  # Fisher's exact test, two-sided, against all other groups


@dataclass(frozen=True)
class GroupImpact:
    group: str
    cells: tuple[StageCell, ...]  # one per stage, applied first


@dataclass(frozen=True)
class StageTotal:
    stage: str
    count: int | None  # None when suppressed
    suppressed: bool
    rate: float | None = None  # of all applications
    reference_group: str | None = None  # whose rate the impact ratios are taken against
    reference_rate: float | None = None


@dataclass(frozen=True)
class ImpactTable:
    question: str
    stages: tuple[str, ...]
    groups: tuple[GroupImpact, ...]
    totals: tuple[StageTotal, ...]


def _validate(table: Sequence[Sequence[int]], groups: Sequence[str], stages) -> None:
    for group, row in zip(groups, table, strict=True):
        if any(count < 0 for count in row):
            raise ValueError(f"{group}: counts cannot be negative")
        if any(later > earlier for earlier, later in zip(row, row[1:], strict=False)):
            raise ValueError(f"{group}: each stage must count no more than the one before")


def suppress(table: Sequence[Sequence[int]]) -> tuple[list[list[bool]], list[bool]]:
    """Which counts (table[group][stage]) and which stage totals to suppress.

    The equality report's column rule first; then, while some suppressed count (or total) can
    still be worked out exactly from what is shown, one more is suppressed: the smallest count
    shown in its stage, else that stage's total, else the smallest count shown anywhere.
    """
    stage_count = len(table[0]) if table else 0
    hidden = [[False] * stage_count for _ in table]
    for stage in range(stage_count):
        for group, hide in enumerate(suppress_column([row[stage] for row in table])):
            hidden[group][stage] = hide
    totals = [sum(row[stage] for row in table) for stage in range(stage_count)]
    total_hidden = [is_small(total) for total in totals]
    while (stage := _first_exposed(table, hidden, total_hidden)) is not None:
        shown = sorted(
            (table[g][s], s, g)
            for g in range(len(table))
            for s in range(stage_count)
            if table[g][s] > 0 and not hidden[g][s]
        )
        in_stage = [item for item in shown if item[1] == stage]
        if in_stage or (total_hidden[stage] and shown):
            _, s, g = (in_stage or shown)[0]
            hidden[g][s] = True
        elif not total_hidden[stage]:
            total_hidden[stage] = True
        else:  # every count is hidden: hide a total (a hidden figure is never zero)
            total_hidden[next(s for s, t in enumerate(totals) if t and not total_hidden[s])] = True
    return hidden, total_hidden


def _first_exposed(table, hidden, total_hidden) -> int | None:
    """The stage of a suppressed count or total that the shown figures pin to one value.

    What a reader knows: every count shown, every total shown, that suppressed counts and
    totals are at least 1 (zero is always shown), that each stage's counts add up to its total,
    and that no group has more people at a stage than at the stage before. A suppressed figure
    is exposed when no table consistent with all that gives it another value.
    """
    model = cp_model.CpModel()
    bound = 2 * sum(row[0] for row in table) + 10
    truth, free = {}, []

    def figure(value, is_hidden, key, upper):
        if not is_hidden:
            return value
        var = model.new_int_var(1, upper, str(key))
        truth[key] = value
        free.append((key, var))
        return var

    cells = [
        [figure(value, hidden[g][s], (s, g), bound) for s, value in enumerate(row)]
        for g, row in enumerate(table)
    ]
    for s, is_hidden in enumerate(total_hidden):
        total = figure(sum(row[s] for row in table), is_hidden, (s, -1), bound * len(table))
        column = [row[s] for row in cells]
        if not all(isinstance(item, int) for item in [*column, total]):
            model.add(sum(column) == total)
        for row in cells:
            if s and not (isinstance(row[s], int) and isinstance(row[s - 1], int)):
                model.add(row[s] <= row[s - 1])
    settled = set()
    for key, var in free:
        if key in settled:
            continue
        for direction in (1, -1):
            trial = model.clone()
            other = trial.get_int_var_from_proto_index(var.index)
            if direction > 0:
                trial.add(other >= truth[key] + 1)
            else:
                trial.add(other <= truth[key] - 1)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            if solver.solve(trial) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                settled.update(k for k, v in free if solver.value(v) != truth[k])
                break
        else:
            return key[0]
    return None


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
) -> ImpactTable:
    """One monitoring question's table: `counts[group][stage]`, groups in the order given.

    A stage missing from a group's counts is 0. Rates are of the first stage (applied). Rates
    and ratios are worked out exactly (fractions), so a ratio of exactly 0.8 is not flagged.
    """
    groups = list(counts)
    table = [[int(counts[group].get(stage, 0)) for stage in stages] for group in groups]
    _validate(table, groups, stages)
    hidden, total_hidden = suppress(table)
    totals = [sum(row[index] for row in table) for index in range(len(stages))]

    def shown(count, is_hidden):
        return None if is_hidden else count

    rows = [
        [StageCell(stages[0], shown(row[0], hidden[g][0]), hidden[g][0])]
        for g, row in enumerate(table)
    ]
    stage_totals = [StageTotal(stages[0], shown(totals[0], total_hidden[0]), total_hidden[0])]
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
                    shown(row[index], hidden[g][index]),
                    hidden[g][index],
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
                shown(totals[index], total_hidden[index]),
                total_hidden[index],
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
