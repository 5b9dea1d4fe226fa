"""upon/reporting/algorithms/funnel.py on plain data, every figure worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from upon.reporting.algorithms.funnel import (
    DAYS_PER_MONTH,
    PROTECTING,
    SHOWN,
    SMALL,
    TEXT,
    appointments,
    cost_per,
    hide_small,
    within_key,
    years_after,
)
from upon.reporting.funnel import NESTED

D = datetime.date
# The funnel's stages, whose people are among whose.
FUNNEL_NESTED = NESTED


# Dates and keys ------------------------------------------------------------------------------


def test_within_key():
    assert [within_key(y) for y in (1, 2, 3, 5)] == [
        "within_1",
        "within_2",
        "within_3",
        "within_5",
    ]


@pytest.mark.parametrize(
    "day, years, expected",
    [
        (D(2022, 6, 30), 1, D(2023, 6, 30)),
        (D(2022, 6, 30), 5, D(2027, 6, 30)),
        (D(2024, 2, 29), 1, D(2025, 2, 28)),  # no 29 February in 2025
        (D(2024, 2, 29), 4, D(2028, 2, 29)),  # a leap year again
        (D(2023, 2, 28), 1, D(2024, 2, 28)),
    ],
)
def test_years_after(day, years, expected):
    assert years_after(day, years) == expected


# Appointments --------------------------------------------------------------------------------


def test_nobody_completed():
    found = appointments([])
    assert (found.within, found.appointed, found.median_days, found.median_months) == (
        {1: 0, 2: 0, 3: 0, 5: 0},
        0,
        None,
        None,
    )


def test_completers_never_appointed_count_for_nothing():
    found = appointments([(D(2022, 6, 30), None), (D(2022, 6, 30), None)])
    assert (found.within, found.appointed, found.median_days) == (
        {1: 0, 2: 0, 3: 0, 5: 0},
        0,
        None,
    )


def test_appointments_within_each_number_of_years():
    done = D(2022, 6, 30)
    found = appointments(
        [
            (done, D(2022, 9, 1)),  # 63 days: within 1 year
            (done, D(2023, 6, 30)),  # 365 days, exactly a year: within 1 year
            (done, D(2023, 7, 1)),  # 366 days: within 2, not 1
            (done, D(2025, 6, 30)),  # 1,096 days, exactly 3 years: within 3
            (done, D(2027, 7, 1)),  # 1,827 days, a day over 5 years: appointed, in no window
            (done, D(2022, 3, 1)),  # before completing: at once, 0 days
            (done, None),  # never appointed
        ]
    )
    assert found.within == {1: 3, 2: 4, 3: 5, 5: 5}
    assert found.appointed == 6
    # Waits 0, 63, 365, 366, 1096, 1827: the median is between 365 and 366.
    assert found.median_days == 365.5
    assert found.median_months == 365.5 / (365.25 / 12)


def test_an_odd_number_of_appointments_has_the_middle_wait_as_its_median():
    # The intake of tests/reporting/outcomes_world.py: 0, 63 and 610 days, and one never.
    done = D(2022, 6, 30)
    found = appointments(
        [(done, D(2022, 9, 1)), (done, D(2024, 3, 1)), (done, None), (done, D(2022, 3, 1))]
    )
    assert (found.within, found.appointed, found.median_days) == (
        {1: 2, 2: 3, 3: 3, 5: 3},
        3,
        63.0,
    )
    assert isinstance(found.median_days, float)
    assert found.median_months == 63 / DAYS_PER_MONTH


def test_a_leap_day_completion_ends_its_years_on_28_february():
    done = D(2024, 2, 29)
    found = appointments([(done, D(2025, 2, 28)), (done, D(2025, 3, 1))])
    # 28 February 2025 is within the first year; 1 March 2025 is not.
    assert found.within == {1: 1, 2: 2, 3: 2, 5: 2}
    assert found.median_days == (365 + 366) / 2


def test_a_post_started_before_completing_is_appointed_at_once():
    found = appointments([(D(2022, 6, 30), D(2019, 5, 1))])
    assert (found.within, found.appointed, found.median_days) == (
        {1: 1, 2: 1, 3: 1, 5: 1},
        1,
        0.0,
    )


def test_days_per_month():
    assert DAYS_PER_MONTH == 30.4375


# What the funder may see ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, state",
    [(0, SHOWN), (1, SMALL), (2, SMALL), (3, SMALL), (4, SMALL), (5, SHOWN), (6, SHOWN)],
)
def test_a_count_from_1_to_4_is_small_and_zero_is_shown(count, state):
    assert hide_small({"applied": count}, ()) == {"applied": state}


def test_the_texts():
    assert TEXT == {SMALL: "Fewer than 5", PROTECTING: "Hidden to protect a small group"}


@pytest.mark.parametrize(
    "whole, part, expected",
    [
        (20, 20, SHOWN),  # nobody dropped out
        (20, 19, PROTECTING),  # 1 dropped out
        (20, 16, PROTECTING),  # 4 dropped out
        (20, 15, SHOWN),  # 5 dropped out
        (5, 0, SHOWN),  # 5 dropped out, and a zero is shown
        (5, 4, SMALL),  # the part is small already
    ],
)
def test_a_part_close_to_its_whole_is_hidden(whole, part, expected):
    assert hide_small({"applied": whole, "shortlisted": part}, [("applied", "shortlisted")]) == {
        "applied": SHOWN,
        "shortlisted": expected,
    }


def test_a_small_whole_leaves_its_part_alone():
    # 3 applied (small) and 0 shortlisted: nothing to give away from a hidden whole.
    assert hide_small({"applied": 3, "shortlisted": 0}, [("applied", "shortlisted")]) == {
        "applied": SMALL,
        "shortlisted": SHOWN,
    }


def test_counts_not_nested_are_never_compared():
    assert hide_small({"applied": 20, "completed": 18}, []) == {
        "applied": SHOWN,
        "completed": SHOWN,
    }


def test_a_part_is_protected_from_the_whole_of_its_whole():
    # 20 applied, 18 shortlisted (2 fewer: hidden), 16 offered: offered is 2 fewer than the
    # hidden shortlisted, but 4 fewer than applied, so it is hidden as well.
    nested = [("applied", "shortlisted"), ("shortlisted", "offered")]
    assert hide_small({"applied": 20, "shortlisted": 18, "offered": 16}, nested) == {
        "applied": SHOWN,
        "shortlisted": PROTECTING,
        "offered": PROTECTING,
    }


def test_a_hidden_count_needs_no_protecting_from():
    # 10 applied, 8 shortlisted (hidden: 2 fewer), 5 offered: 3 fewer than the hidden 8, but 5
    # fewer than applied. Nothing shown differs from it by 1 to 4, so it is shown.
    nested = [("applied", "shortlisted"), ("shortlisted", "offered")]
    assert hide_small({"applied": 10, "shortlisted": 8, "offered": 5}, nested) == {
        "applied": SHOWN,
        "shortlisted": PROTECTING,
        "offered": SHOWN,
    }


def test_the_chain_follows_through_every_stage():
    # 38 and 36 are 2 and 4 fewer than 40: hidden. 34 is 6 fewer than 40 and only 2 and 4
    # fewer than hidden counts: shown. 32 and 30 are 2 and 4 fewer than 34: hidden.
    keys = ["a", "b", "c", "d", "e", "f"]
    counts = dict(zip(keys, [40, 38, 36, 34, 32, 30], strict=True))
    nested = list(zip(keys, keys[1:], strict=False))
    state = hide_small(counts, nested)
    assert state == {
        "a": SHOWN,
        "b": PROTECTING,
        "c": PROTECTING,
        "d": SHOWN,
        "e": PROTECTING,
        "f": PROTECTING,
    }


def test_the_funnel_of_the_worked_intake():
    # Intake 2021 of tests/reporting/outcomes_world.py.
    counts = {
        "applied": 11,
        "eligible": 9,
        "shortlisted": 7,
        "offered": 6,
        "accepted": 5,
        "completed": 4,
        "within_1": 2,
        "within_2": 3,
        "within_3": 3,
        "within_5": 3,
    }
    assert hide_small(counts, FUNNEL_NESTED) == {
        "applied": SHOWN,
        "eligible": PROTECTING,  # 2 fewer than applied
        "shortlisted": PROTECTING,  # 4 fewer than applied
        "offered": SHOWN,  # 5 fewer than applied; shortlisted is hidden
        "accepted": PROTECTING,  # 1 fewer than offered
        "completed": SMALL,
        "within_1": SMALL,
        "within_2": SMALL,
        "within_3": SMALL,
        "within_5": SMALL,
    }


def test_the_funnel_of_an_intake_with_only_applications():
    counts = dict.fromkeys(
        ["eligible", "shortlisted", "offered", "accepted", "completed"]
        + [f"within_{y}" for y in (1, 2, 3, 5)],
        0,
    ) | {"applied": 3, "eligible": 3}
    state = hide_small(counts, FUNNEL_NESTED)
    assert (state["applied"], state["eligible"]) == (SMALL, SMALL)
    assert {key for key, value in state.items() if value == SHOWN} == set(counts) - {
        "applied",
        "eligible",
    }


def test_the_funnel_with_large_counts_shows_everything():
    counts = {
        "applied": 200,
        "eligible": 150,
        "shortlisted": 60,
        "offered": 30,
        "accepted": 25,
        "completed": 20,
        "within_1": 5,
        "within_2": 10,
        "within_3": 15,
        "within_5": 20,  # every completer: 0 fewer
    }
    assert set(hide_small(counts, FUNNEL_NESTED).values()) == {SHOWN}


def test_a_part_larger_than_its_whole_is_refused():
    with pytest.raises(ValueError, match=r"^shortlisted \(8\) cannot exceed applied \(7\)$"):
        hide_small({"applied": 7, "shortlisted": 8}, [("applied", "shortlisted")])


# Cost per person -----------------------------------------------------------------------------


def test_cost_per_person():
    assert cost_per(Decimal("420000"), 5) == Decimal("84000")
    assert cost_per(Decimal("421250.50"), 5) == Decimal("84250.10")
    assert cost_per(Decimal("420000"), 0) is None
    third = cost_per(Decimal("100"), 3)
    assert isinstance(third, Decimal)
    assert third == Decimal("100") / Decimal("3")


def test_the_funders_stages_protect_who_withdrew_between_accepting_and_completing():
    """upon/reporting/funnel.py's NESTED: everyone who completed accepted a place, so 10 accepted
    and 8 completed would tell the funder that 2 people withdrew."""
    counts = {
        "applied": 40,
        "eligible": 30,
        "shortlisted": 20,
        "offered": 15,
        "accepted": 10,
        "completed": 8,
        "within_5": 0,
        "within_3": 0,
        "within_2": 0,
        "within_1": 0,
    }
    state = hide_small(counts, NESTED)
    assert state["completed"] == PROTECTING
    assert state["accepted"] == SHOWN
