"""Suppression that holds across cells, rows, totals and reports, without the database."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from upon.reporting.algorithms.suppression import (
    PROTECTING,
    SHOWN,
    SMALL,
    THRESHOLD,
    TOTAL,
    difference_pairs,
    domain,
    suppress,
    suppress_report,
)


def value(table, key):
    g, s = key
    return sum(row[s] for row in table) if g == TOTAL else table[g][s]


def leaks(table, result):
    """Pairs of shown figures, one's people among the other's, that differ by 1 to 4."""
    return [
        (whole, part)
        for whole, part in difference_pairs(len(table), len(table[0]))
        if not result.hidden(*whole)
        and not result.hidden(*part)
        and 0 < value(table, whole) - value(table, part) < THRESHOLD
    ]


def exposed(table, result):
    """Hidden figures a reader could pin down, by a second solver (HiGHS, through SciPy).

    The reader knows every figure shown, what each label means ("Fewer than 5": a cell from 0
    to 4, a total from 1 to 4; "Hidden to protect a small group": 5 or more), that counts add
    up to totals and that no group grows from one stage to the next.
    """
    stages = len(table[0])
    figures = [(g, s) for g in [TOTAL, *range(len(table))] for s in range(stages)]
    keys = [key for key in figures if result.hidden(*key)]
    if not keys:
        return []
    index = {key: i for i, key in enumerate(keys)}
    bound = sum(row[0] for row in table) + THRESHOLD
    low, high = zip(*(domain(key, result.state(*key), bound) for key in keys), strict=True)
    rows, lower, upper = [], [], []

    def add(terms, low, high):  # low <= sum(coef * figure) <= high, shown figures as constants
        row, constant = np.zeros(len(keys)), 0
        for key, coef in terms:
            if key in index:
                row[index[key]] += coef
            else:
                constant += coef * value(table, key)
        rows.append(row)
        lower.append(low - constant)
        upper.append(high - constant)

    for s in range(stages):
        add([((TOTAL, s), -1), *(((g, s), 1) for g in range(len(table)))], 0, 0)
        for g in range(len(table)):
            if s:
                add([((g, s), 1), ((g, s - 1), -1)], -np.inf, 0)
    found = []
    for key in keys:
        values = []
        for sign in (1, -1):
            goal = np.zeros(len(keys))
            goal[index[key]] = sign
            outcome = milp(
                goal,
                integrality=np.ones(len(keys)),
                bounds=Bounds(low, high),
                constraints=[LinearConstraint(np.array(rows), lower, upper)],
                # HiGHS's presolve (SciPy 1.17) wrongly calls some of these feasible problems
                # infeasible; the solve itself is right.
                options={"presolve": False},
            )
            values.append(round(outcome.x[index[key]]))
        if values[0] == values[1]:
            found.append(key)
    return found


@st.composite
def nested_tables(draw, groups=(2, 5)):
    table = []
    for _ in range(draw(st.integers(*groups))):
        row = [draw(st.integers(0, 25))]
        for _ in range(3):
            row.append(draw(st.integers(0, row[-1])))
        table.append(row)
    return table


@st.composite
def reports(draw):
    """Two questions about the same people: the same column totals, split differently."""
    first = draw(nested_tables(groups=(2, 4)))
    second = [[0] * 4 for _ in range(draw(st.integers(2, 4)))]
    for s in range(4):
        remaining = sum(row[s] for row in first)
        for g, row in enumerate(second[:-1]):
            row[s] = draw(st.integers(0, min(remaining, second[g][s - 1] if s else remaining)))
            remaining -= row[s]
        second[-1][s] = remaining
    # Nested by construction except perhaps the last row: keep only reports that are.
    if any(b > a for row in second for a, b in zip(row, row[1:], strict=False)):
        second = [list(row) for row in first]
    return [first, second]


def check(table, result):
    assert leaks(table, result) == []
    for s in range(len(table[0])):
        assert sum(result.hidden(g, s) for g in range(len(table))) != 1
    for g, row in enumerate(table):
        for s, count in enumerate(row):
            state = result.state(g, s)
            assert state == (SMALL if 0 < count < THRESHOLD else state)
            assert state != PROTECTING or count >= THRESHOLD
    assert exposed(table, result) == []


@settings(max_examples=50, deadline=None)
@given(table=nested_tables())
@example(table=[[2, 2, 0, 0], [1, 1, 1, 0], [3, 1, 1, 0], [5, 5, 1, 0], [5, 5, 2, 0]])
@example(table=[[12, 9, 5, 5], [20, 20, 20, 18], [0, 0, 0, 0]])
@example(table=[[2, 2, 2, 2], [0, 0, 0, 0], [0, 0, 0, 0]])
# shortlisted 1 and 6 hidden, all 6 offered: the 6 would be at least 6 and the 1 at least 1.
@example(table=[[10, 1, 0, 0], [20, 6, 6, 5], [30, 20, 10, 9]])
def test_no_shown_difference_is_a_small_count_and_nothing_hidden_can_be_worked_out(table):
    check(table, suppress(table))


@settings(max_examples=25, deadline=None)
@given(tables=reports())
@example(tables=[[[10, 5, 1, 0], [0, 0, 0, 0], [1, 0, 0, 0]], [[0, 0, 0, 0], [11, 5, 1, 0]]])
def test_tables_of_the_same_people_hide_the_same_totals(tables):
    results = suppress_report(tables)
    assert results[0].totals == results[1].totals
    for table, result in zip(tables, results, strict=True):
        check(table, result)


def states(result):
    return [list(row) for row in result.cells], list(result.totals)


def test_a_withdrawal_of_3_between_two_shown_stages_hides_the_later_one():
    # 12 applied, 9 shortlisted: 3 dropped out, which the two would say side by side.
    result = suppress([[12, 9, 0, 0], [20, 20, 0, 0]])
    cells, totals = states(result)
    assert cells[0][:2] == [SHOWN, PROTECTING]
    assert result.hidden(TOTAL, 0) or result.hidden(TOTAL, 1) or result.hidden(1, 1)
    check([[12, 9, 0, 0], [20, 20, 0, 0]], result)


def test_zero_is_shown_unless_a_lone_hidden_cell_needs_company():
    table = [[10, 5, 5, 5], [20, 10, 10, 10], [0, 0, 0, 0]]
    assert states(suppress(table)) == ([[SHOWN] * 4, [SHOWN] * 4, [SHOWN] * 4], [SHOWN] * 4)
    # Two people, both of one answer: a zero beside them is hidden too, as "Fewer than 5", so
    # nobody learns that everyone at the stage gave the same answer.
    cells, totals = states(suppress([[2], [0], [0]]))
    assert cells == [[SMALL], [SMALL], [SHOWN]]
    assert totals == [SMALL]


@pytest.mark.parametrize("row", [[5, 6], [-1, 0]])
def test_impossible_counts_are_refused(row):
    with pytest.raises(ValueError):
        suppress([row])
