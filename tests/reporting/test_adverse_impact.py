"""Adverse impact: rates, the four-fifths flag, Fisher's test, and suppression that holds."""

from fractions import Fraction
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upon.reporting.algorithms.adverse_impact import (
    STAGES,
    adverse_impact,
    adverse_impact_report,
)
from upon.reporting.algorithms.suppression import TOTAL, suppress


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
    # No shown difference is 1 to 4 people, so nothing here is hidden.
    table = adverse_impact(
        question="Sex",
        counts={
            "Women": counts(50, 20, 10, 10),
            "Men": counts(40, 10, 5, 5),
            "Prefer not to say": counts(10, 10, 5, 5),
        },
    )
    shortlisted = table.totals[1]
    assert (shortlisted.count, shortlisted.rate) == (40, 0.4)
    # Prefer not to say has the highest rate (1.0) but is never the reference
    assert (shortlisted.reference_group, shortlisted.reference_rate) == ("Women", 0.4)
    women, men, unsaid = (cell(table, g, "shortlisted") for g in ("Women", "Men", PNTS))
    assert (women.rate, women.impact_ratio, women.below_four_fifths) == (0.4, 1.0, False)
    assert (men.rate, men.impact_ratio, men.below_four_fifths) == (0.25, 0.625, True)
    assert (unsaid.rate, unsaid.impact_ratio, unsaid.below_four_fifths) == (1.0, 2.5, False)
    assert men.p_value == pytest.approx(fisher_by_hand(10, 30, 30, 30), rel=1e-9)
    assert women.p_value == pytest.approx(fisher_by_hand(20, 30, 20, 30), rel=1e-9)
    # offered and accepted: Women 10/50 = 0.2 is the reference, Men 5/40 = 0.125
    for stage in ("offered", "accepted"):
        men_later = cell(table, "Men", stage)
        assert (men_later.impact_ratio, men_later.below_four_fifths) == (0.625, True)


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


def test_the_p_value_is_suppressed_when_a_total_it_needs_is_suppressed():
    table = adverse_impact(
        question="Q", counts={"A": counts(10, 3), "B": counts(10, 0), "C": counts(10, 0)}
    )
    assert table.totals[1].suppressed
    # A's 3 is not alone in its column: B's zero is hidden too, as "Fewer than 5".
    assert cell(table, "B", "shortlisted").hidden == "Fewer than 5"
    c = cell(table, "C", "shortlisted")
    assert (c.count, c.rate, c.p_value) == (0, 0.0, None)


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


@st.composite
def nested_tables(draw):
    table = []
    for _ in range(draw(st.integers(1, 5))):
        row = [draw(st.integers(0, 25))]
        for _ in range(3):
            row.append(draw(st.integers(0, row[-1])))
        table.append(row)
    return table


@settings(max_examples=40, deadline=None)
@given(table=nested_tables())
def test_nothing_is_worked_out_from_a_hidden_count(table):
    """What is hidden is the shared suppression's (tested in test_suppression.py)."""
    suppression = suppress(table)
    hidden = [[suppression.hidden(g, s) for s in range(4)] for g in range(len(table))]
    total_hidden = [suppression.hidden(TOTAL, s) for s in range(4)]
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
