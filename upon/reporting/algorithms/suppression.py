"""Which figures of the equality reports to hide, so that nobody can be picked out of them.

Pure: plain counts in, plain states out, no Django. One table per monitoring question: a row
per answer (with "Not answered", so each column adds up to its total) and a column per stage,
each stage inside the one before (everyone offered was shortlisted, and so on); below, the total
of each stage. The equality report and the adverse impact report publish the same figures,
hidden in the same way (`suppress_report`), so putting the two pages side by side adds nothing.

The reader this guards against knows every figure shown on both pages, the rules below, that
counts add up to totals, that no group grows from one stage to the next and that every table
has the same totals. Each figure is in one of three states:

- SHOWN: the count itself.
- SMALL ("Fewer than 5"): a count from 1 to 4 (primary suppression), or a zero hidden by the
  zero rule below. "Fewer than 5" is true of both, and the reader cannot tell them apart.
- PROTECTING ("Hidden to protect a small group"): a count of 5 or more hidden only so that a
  small one cannot be worked out (secondary, or complementary, suppression).

The rules, applied until none applies:

1. Differencing. Where one figure's people are among another's (the same group at a later
   stage; a stage's total and a group at that stage or later; a later total and an earlier
   one), the difference between the two is itself a count of people. If both are shown, it
   must be 0 or at least 5: otherwise the part is hidden (a total only if both are totals).
   `difference_pairs` lists these pairs; tests check the rule over every one.
2. No lone hidden cell in a column. One hidden cell beside a shown total is the total minus the
   rest; beside a hidden total and shown zeros, it says that everyone at the stage gave that
   answer. So a second cell is hidden: the smallest non-zero one shown, else a zero (as SMALL).
3. Exact recovery. A figure hidden is never pinned to a single value by everything shown
   (checked exactly with CP-SAT, `_first_exposed`): otherwise one more figure is hidden.
4. One set of totals. Every question counts the same people, so a total hidden in one table is
   hidden in all (`suppress_report`).

With `known_totals`, the reader already knows every total from another page (the programme
lead reads the funnel's every count; the funder reads the alumni's tenures in post beside
where they lead): the totals are shown whatever their size, never hidden to protect a cell,
and the cells are protected with the totals known (rules 1 to 3 with every total fixed; rule 3
for the counts from 1 to 4, see `_first_exposed`). Where only a zero is left to hide beside a
pinned cell, the zero is hidden (as SMALL).

Zero is shown (it names nobody, and "nobody from this group was offered a place" is what
monitoring must see) except under rule 2. That is safe by differencing: every shown count is 0
or at least 5, so the difference between a shown zero and any shown figure is 0 or at least 5;
between a zero and a hidden figure, it is hidden. A shown zero below a hidden count does say
that none of those few reached the stage: a fact about a group of fewer than 5 people, not about
which answers any one of them gave, which is what is protected here.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

THRESHOLD = 5
SHOWN = "shown"
SMALL = "small"
PROTECTING = "protecting"
SUPPRESSED_TEXT = "Fewer than 5"
PROTECTED_TEXT = "Hidden to protect a small group"
TEXT = {SMALL: SUPPRESSED_TEXT, PROTECTING: PROTECTED_TEXT}
TOTAL = -1  # the group index of a stage's total
# With `known_totals`, what every hidden count says, whichever its state: "Fewer than 5" beside
# "Hidden to protect a small group" would tell a reader who knows the totals too much.
HIDDEN_TEXT = "Hidden: fewer than 5, or hidden to protect a small group"

Key = tuple[int, int]  # (group, stage); group TOTAL for the stage's total


@dataclass(frozen=True)
class Suppression:
    """The state of every figure of one table: cells[group][stage] and totals[stage]."""

    cells: tuple[tuple[str, ...], ...]
    totals: tuple[str, ...]

    def state(self, group: int, stage: int) -> str:
        return self.totals[stage] if group == TOTAL else self.cells[group][stage]

    def hidden(self, group: int, stage: int) -> bool:
        return self.state(group, stage) != SHOWN


def is_small(count: int) -> bool:
    """Primary suppression: 1 to 4 people could be identified."""
    return 0 < count < THRESHOLD


def validate(table: Sequence[Sequence[int]]) -> None:
    for g, row in enumerate(table):
        if any(count < 0 for count in row):
            raise ValueError(f"row {g}: counts cannot be negative")
        if any(later > earlier for earlier, later in zip(row, row[1:], strict=False)):
            raise ValueError(f"row {g}: each stage must count no more than the one before")


def difference_pairs(groups: int, stages: int) -> Iterator[tuple[Key, Key]]:
    """Every (whole, part) of figures where the part's people are among the whole's."""
    for s in range(stages):
        for t in range(s, stages):
            if t > s:
                yield (TOTAL, s), (TOTAL, t)
            for g in range(groups):
                yield (TOTAL, s), (g, t)
                if t > s:
                    yield (g, s), (g, t)


def _value(table, key: Key) -> int:
    g, s = key
    return sum(row[s] for row in table) if g == TOTAL else table[g][s]


def suppress_report(
    tables: Sequence[Sequence[Sequence[int]]], *, known_totals: bool = False
) -> list[Suppression]:
    """The states for several tables of the same people (one per question), sharing totals."""
    for table in tables:
        validate(table)
    if known_totals:
        return [suppress(table, known_totals=True) for table in tables]
    hidden_totals: set[int] = set()
    while True:
        results = [suppress(table, hidden_totals=hidden_totals) for table in tables]
        now = {s for result in results for s, state in enumerate(result.totals) if state != SHOWN}
        if now <= hidden_totals:
            return results
        hidden_totals |= now


def suppress(
    table: Sequence[Sequence[int]], *, hidden_totals=frozenset(), known_totals: bool = False
) -> Suppression:
    """The states of one table's figures (see the module's rules)."""
    validate(table)
    stages = len(table[0]) if table else 0
    state: dict[Key, str] = {}
    for s in range(stages):
        for g in [TOTAL, *range(len(table))]:
            small = is_small(_value(table, (g, s))) and not (known_totals and g == TOTAL)
            state[g, s] = SMALL if small else SHOWN
    for s in hidden_totals:
        if state[TOTAL, s] == SHOWN:
            state[TOTAL, s] = PROTECTING
    pairs = list(difference_pairs(len(table), stages))
    if known_totals:
        pairs = [(whole, part) for whole, part in pairs if part[0] != TOTAL]
    while True:
        key = (
            _difference_to_hide(table, state, pairs)
            or _lone_cell_partner(table, state, stages, known_totals)
            or _exposure_partner(table, state, stages, known_totals)
        )
        if key is None:
            break
        state[key] = SMALL if _value(table, key) == 0 else PROTECTING
    return Suppression(
        cells=tuple(tuple(state[g, s] for s in range(stages)) for g in range(len(table))),
        totals=tuple(state[TOTAL, s] for s in range(stages)),
    )


def _difference_to_hide(table, state, pairs) -> Key | None:
    for whole, part in pairs:
        shown = state[whole] == SHOWN == state[part]
        if shown and is_small(_value(table, whole) - _value(table, part)):
            return part
    return None


def _lone_cell_partner(table, state, stages, known_totals=False) -> Key | None:
    for s in range(stages):
        hidden = [g for g in range(len(table)) if state[g, s] != SHOWN]
        if len(hidden) != 1:
            continue
        shown = [(table[g][s], g) for g in range(len(table)) if state[g, s] == SHOWN]
        non_zero = [item for item in shown if item[0]]
        if non_zero:
            return min(non_zero)[1], s
        # A zero hidden under a shown zero is still zero: prefer one whose row above is not.
        zeros = sorted(
            (s > 0 and state[g, s - 1] == SHOWN and table[g][s - 1] == 0, g) for _, g in shown
        )
        if zeros:
            return zeros[0][1], s
        if state[TOTAL, s] == SHOWN and not known_totals:
            return TOTAL, s
    return None


def _exposure_partner(table, state, stages, known_totals=False) -> Key | None:
    """One more figure to hide when some hidden one is pinned: the smallest shown non-zero
    count in its stage, else that stage's total, else the count above it in its row (a hidden
    zero under a shown zero is zero), else the smallest shown count anywhere."""
    exposed = _first_exposed(table, state, stages, small_only=known_totals)
    if exposed is None:
        return None
    group, stage = exposed
    shown = sorted(
        (table[g][s], s, g)
        for g in range(len(table))
        for s in range(stages)
        if table[g][s] > 0 and state[g, s] == SHOWN
    )
    in_stage = [item for item in shown if item[1] == stage]
    if in_stage:
        return in_stage[0][2], stage
    if known_totals:
        # Every count shown in the stage is 0 here: hide one whose row above is not a shown
        # zero (a hidden zero under a shown zero is still zero).
        zeros = sorted(
            (stage > 0 and state[g, stage - 1] == SHOWN and table[g][stage - 1] == 0, g)
            for g in range(len(table))
            if state[g, stage] == SHOWN
        )
        if zeros and not zeros[0][0]:
            return zeros[0][1], stage
    elif state[TOTAL, stage] == SHOWN:
        return TOTAL, stage
    if group != TOTAL and stage and state[group, stage - 1] == SHOWN:
        return group, stage - 1
    if shown:
        return shown[0][2], shown[0][1]
    if known_totals:
        # Last, a shown zero anywhere: a pinned cell may be held by a column other than its own.
        zeros = sorted(
            (s > 0 and state[g, s - 1] == SHOWN and table[g][s - 1] == 0, s, g)
            for g in range(len(table))
            for s in range(stages)
            if state[g, s] == SHOWN
        )
        return (zeros[0][2], zeros[0][1]) if zeros else None
    totals = [s for s in range(stages) if state[TOTAL, s] == SHOWN and _value(table, (TOTAL, s))]
    return (TOTAL, totals[0]) if totals else None


def domain(key: Key, figure_state: str, bound: int) -> tuple[int, int]:
    """What a reader knows of a hidden figure from its label alone."""
    if figure_state == PROTECTING:
        return THRESHOLD, bound
    return (1 if key[0] == TOTAL else 0), THRESHOLD - 1


def _first_exposed(table, state, stages, *, small_only: bool = False) -> Key | None:
    """A hidden figure that the shown ones pin to one value, if any. With `small_only`, only
    a count from 1 to 4 matters: with every total known, a count hidden to protect one (5 or
    more) can be pinned by its label alone (at least 5 of a total of 5), which says nothing
    about a small group as long as no small count is pinned."""
    model = cp_model.CpModel()
    bound = sum(row[0] for row in table) + THRESHOLD
    truth, free = {}, []

    def figure(key):
        value = _value(table, key)
        if state[key] == SHOWN:
            return value
        # With every total known, the page shows one word for any hidden count (`HIDDEN_TEXT`):
        # the reader knows only that it is hidden.
        known = (0, bound) if small_only else domain(key, state[key], bound)
        var = model.new_int_var(*known, str(key))
        truth[key] = value
        free.append((key, var))
        return var

    cells = [[figure((g, s)) for s in range(stages)] for g in range(len(table))]
    for s in range(stages):
        total = figure((TOTAL, s))
        column = [row[s] for row in cells]
        if not all(isinstance(item, int) for item in [*column, total]):
            model.add(sum(column) == total)
        for row in cells:
            if s and not (isinstance(row[s], int) and isinstance(row[s - 1], int)):
                model.add(row[s] <= row[s - 1])
    settled = set()
    for key, var in free:
        if key in settled or (small_only and not is_small(truth[key])):
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
            return key
    return None
