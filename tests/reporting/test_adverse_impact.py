"""Adverse impact: rates, the four-fifths flag, Fisher's test, and suppression that holds."""

from fractions import Fraction
from math import comb

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from upon.reporting.algorithms.adverse_impact import (
    STAGES,
    adverse_impact,
    adverse_impact_report,
    suppress,
)


def counts(*stages):
    return dict(zip(STAGES, stages, strict=False))


def fisher_by_hand(a, b, c, d):
    """Two-sided Fisher: the probability of every table with these margins as likely as this
    one or less, from the hypergeometric distribution, exactly."""
    row, other_row, column = a + b, c + d, a + c

    def chance(k):
        return Fraction(comb(row, k) * comb(other_row, column - k), comb(row + other_row, column))

    observed = chance(a)
    ks = range(max(0, column - other_row), min(row, column) + 1)
    return float(sum(chance(k) for k in ks if chance(k) <= observed))


def cell(table, group, stage):
    row = next(g for g in table.groups if g.group == group)
    return row.cells[STAGES.index(stage)]


def test_rates_impact_ratios_the_four_fifths_flag_and_fisher_by_hand():
    table = adverse_impact(
        question="Sex",
        counts={
            "Women": counts(50, 20, 10, 10),
            "Men": counts(40, 10, 8, 6),
            "Prefer not to say": counts(10, 6, 5, 5),
        },
    )
    shortlisted = table.totals[1]
    assert (shortlisted.count, shortlisted.rate) == (36, 0.36)
    # Prefer not to say has the highest rate (0.6) but is never the reference
    assert (shortlisted.reference_group, shortlisted.reference_rate) == ("Women", 0.4)
    women, men, unsaid = (cell(table, g, "shortlisted") for g in ("Women", "Men", PNTS))
    assert (women.rate, women.impact_ratio, women.below_four_fifths) == (0.4, 1.0, False)
    assert (men.rate, men.impact_ratio, men.below_four_fifths) == (0.25, 0.625, True)
    assert (unsaid.rate, unsaid.impact_ratio, unsaid.below_four_fifths) == (0.6, 1.5, False)
    assert men.p_value == pytest.approx(fisher_by_hand(10, 30, 26, 34), rel=1e-9)
    assert women.p_value == pytest.approx(fisher_by_hand(20, 30, 16, 34), rel=1e-9)
    # offered: Women 10/50 = 0.2 is the reference, Men 8/40 = 0.2 too; Prefer not to say 0.5
    men_offered = cell(table, "Men", "offered")
    assert (men_offered.impact_ratio, men_offered.below_four_fifths) == (1.0, False)
    # accepted: 10/50 against 6/40: the ratio is exactly 0.75
    assert cell(table, "Men", "accepted").impact_ratio == 0.75


PNTS = "Prefer not to say"


def test_a_ratio_of_exactly_four_fifths_is_not_flagged():
    table = adverse_impact(question="Q", counts={"A": counts(50, 25), "B": counts(50, 20)})
    b = cell(table, "B", "shortlisted")
    assert (b.impact_ratio, b.below_four_fifths) == (0.8, False)


def test_fisher_matches_the_hypergeometric_sum_on_lopsided_tables():
    table = adverse_impact(
        question="Q", counts={"A": counts(30, 25, 20), "B": counts(60, 10, 5), "C": counts(9, 9, 9)}
    )
    assert cell(table, "A", "shortlisted").p_value == pytest.approx(
        fisher_by_hand(25, 5, 19, 50), rel=1e-9
    )
    assert cell(table, "C", "offered").p_value == pytest.approx(
        fisher_by_hand(9, 0, 25, 65), rel=1e-9
    )


def test_small_counts_are_suppressed_with_one_more_so_the_total_does_not_give_them_away():
    table = adverse_impact(
        question="Ethnicity",
        counts={"A": counts(40, 3, 0), "B": counts(30, 12, 6), "C": counts(20, 7, 0)},
    )
    a, b, c = (cell(table, g, "shortlisted") for g in "ABC")
    assert (a.suppressed, a.count, a.rate, a.impact_ratio, a.p_value) == (
        True,
        None,
        None,
        None,
        None,
    )
    assert (c.suppressed, c.count, c.rate, c.below_four_fifths) == (True, None, None, None)
    assert (b.suppressed, b.count) == (False, 12)
    assert table.totals[1].count == 22
    # zero is shown: it names nobody
    assert (cell(table, "A", "offered").count, cell(table, "A", "offered").rate) == (0, 0.0)


def test_zero_is_shown_and_a_small_total_is_suppressed():
    hidden, total_hidden = suppress([[0, 0, 0, 0], [10, 3, 0, 0], [0, 0, 0, 0]])
    assert hidden == [[False] * 4, [False, True, False, False], [False] * 4]
    assert total_hidden == [False, True, False, False]


def test_a_count_exposed_by_the_next_stage_is_protected_too():
    # shortlisted 1 and 6 are suppressed (out of 27); all 6 were offered, which is shown, so
    # the 6 would be at least 6 and the 1 at least 1: both exposed. A third count is hidden.
    hidden, total_hidden = suppress([[10, 1, 0, 0], [20, 6, 6, 5], [30, 20, 10, 9]])
    assert [row[1] for row in hidden] == [True, True, True]
    assert total_hidden == [False] * 4
    assert exposed([[10, 1, 0, 0], [20, 6, 6, 5], [30, 20, 10, 9]], hidden, total_hidden) == []


def test_the_p_value_is_suppressed_when_a_total_it_needs_is_suppressed():
    table = adverse_impact(question="Q", counts={"A": counts(10, 3), "B": counts(10, 0)})
    assert table.totals[1].suppressed
    b = cell(table, "B", "shortlisted")
    assert (b.count, b.rate, b.p_value) == (0, 0.0, None)


def test_no_reference_when_nobody_shown_reached_the_stage():
    table = adverse_impact(question="Q", counts={"A": counts(10, 0), "B": counts(12, 0)})
    assert table.totals[1].reference_group is None
    assert cell(table, "A", "shortlisted").impact_ratio is None


def test_a_report_has_a_table_per_question_in_order():
    report = adverse_impact_report(
        questions={"Sex": {"Women": counts(10, 5)}, "Disability": {"Yes": counts(7, 6)}}
    )
    assert [table.question for table in report] == ["Sex", "Disability"]


@pytest.mark.parametrize("row", [counts(5, 6), counts(-1, 0)])
def test_impossible_counts_are_refused(row):
    with pytest.raises(ValueError):
        adverse_impact(question="Q", counts={"A": row})


def exposed(table, hidden, total_hidden):
    """Suppressed figures a reader could pin down, by a second solver (HiGHS, through SciPy).

    The reader knows every figure shown, that suppressed ones are at least 1, that counts add
    up to totals and that no group grows from one stage to the next.
    """
    stages = len(table[0])
    keys = [(s, g) for g in range(len(table)) for s in range(stages) if hidden[g][s]]
    keys += [(s, -1) for s in range(stages) if total_hidden[s]]
    index = {key: i for i, key in enumerate(keys)}
    rows, lower, upper = [], [], []

    def add(terms, constant, low, high):  # low <= sum(coef * var) + constant <= high
        row = np.zeros(len(keys))
        for key, coef in terms:
            row[index[key]] += coef
        rows.append(row)
        lower.append(low - constant)
        upper.append(high - constant)

    for s in range(stages):
        terms = [((s, g), 1) for g in range(len(table)) if hidden[g][s]]
        constant = sum(table[g][s] for g in range(len(table)) if not hidden[g][s])
        if total_hidden[s]:
            add([*terms, ((s, -1), -1)], constant, 0, 0)
        elif terms:
            total = sum(row[s] for row in table)
            add(terms, constant, total, total)
        for g in range(len(table)):
            if s and (hidden[g][s] or hidden[g][s - 1]):
                terms = [((s, g), 1)] if hidden[g][s] else []
                terms += [((s - 1, g), -1)] if hidden[g][s - 1] else []
                constant = (0 if hidden[g][s] else table[g][s]) - (
                    0 if hidden[g][s - 1] else table[g][s - 1]
                )
                add(terms, constant, -np.inf, 0)
    found = []
    for key in keys:
        values = []
        for sign in (1, -1):
            goal = np.zeros(len(keys))
            goal[index[key]] = sign
            result = milp(
                goal,
                integrality=np.ones(len(keys)),
                bounds=Bounds(1, 10_000),
                constraints=[LinearConstraint(np.array(rows), lower, upper)] if rows else [],
                # HiGHS's presolve (SciPy 1.17) wrongly calls some of these feasible problems
                # infeasible, e.g. the table in the example above; the solve itself is right.
                options={"presolve": False},
            )
            values.append(round(result.x[index[key]]))
        if values[0] == values[1]:
            found.append(key)
    return found


@st.composite
def nested_tables(draw):
    table = []
    for _ in range(draw(st.integers(1, 5))):
        row = [draw(st.integers(0, 25))]
        for _ in range(3):
            row.append(draw(st.integers(0, row[-1])))
        table.append(row)
    return table


@settings(max_examples=80, deadline=None)
@given(table=nested_tables())
@example(table=[[2, 2, 0, 0], [1, 1, 1, 0], [3, 1, 1, 0], [5, 5, 1, 0], [5, 5, 2, 0]])
def test_no_suppressed_count_can_be_worked_out_from_what_is_shown(table):
    hidden, total_hidden = suppress(table)
    for g, row in enumerate(table):
        for s, count in enumerate(row):
            assert hidden[g][s] or not 0 < count < 5  # every count under 5 but zero is hidden
            assert not (hidden[g][s] and count == 0)  # zero is always shown
    assert exposed(table, hidden, total_hidden) == []
    groups = {f"G{g}": dict(zip(STAGES, row, strict=True)) for g, row in enumerate(table)}
    result = adverse_impact(question="Q", counts=groups)
    for g, group in enumerate(result.groups):
        for s, shown in enumerate(group.cells):
            assert shown.suppressed == hidden[g][s]
            assert shown.count == (None if hidden[g][s] else table[g][s])
            if shown.rate is not None or shown.p_value is not None:  # nothing from hidden
                assert not hidden[g][s] and not hidden[g][0]
            if shown.p_value is not None:
                assert not total_hidden[s] and not total_hidden[0]
