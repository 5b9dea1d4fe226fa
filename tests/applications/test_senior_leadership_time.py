"""Senior leadership time: one pure rule for the applicant, the team and eligibility."""

import datetime
from types import SimpleNamespace

import pytest

from upon.recruitment.algorithms.eligibility import (
    describe_months,
    has_enough_leadership,
    senior_leadership_months,
)

TODAY = datetime.date(2026, 3, 15)
D = datetime.date


def role(started, ended=None, senior=True):
    return SimpleNamespace(started=started, ended=ended, senior_leadership=senior)


def months(*entries, today=TODAY):
    return senior_leadership_months(entries, today=today)


def test_only_senior_roles_count():
    assert (
        months(role(D(2020, 1, 1), D(2021, 12, 31)), role(D(2015, 1, 1), D(2019, 12, 31), False))
        == 24
    )


def test_no_roles_is_zero():
    assert months() == 0


def test_an_end_date_is_the_last_day_in_the_role():
    assert months(role(D(2019, 1, 1), D(2020, 12, 31))) == 24
    assert months(role(D(2010, 6, 15), D(2011, 6, 14))) == 12
    assert months(role(D(2010, 6, 15), D(2011, 6, 13))) == 11


def test_overlapping_roles_count_once():
    assert months(role(D(2016, 1, 1), D(2019, 12, 31)), role(D(2019, 1, 1), D(2020, 12, 31))) == 60


def test_a_role_inside_another_adds_nothing():
    assert months(role(D(2016, 1, 1), D(2020, 12, 31)), role(D(2017, 3, 1), D(2018, 2, 28))) == 60


def test_a_role_starting_the_day_after_another_ends_is_continuous():
    # Apart, each is 5 months and 10 days; together they are 10 months and 20 days.
    assert months(role(D(2020, 1, 1), D(2020, 6, 10)), role(D(2020, 6, 11), D(2020, 11, 20))) == 10


def test_separate_roles_add_up():
    assert months(role(D(2010, 1, 1), D(2010, 12, 31)), role(D(2015, 1, 1), D(2016, 12, 31))) == 36


def test_a_current_role_runs_to_today():
    assert months(role(D(2023, 3, 15))) == 36
    assert months(role(D(2020, 1, 1), D(2023, 1, 1)), role(D(2022, 1, 1))) == 6 * 12 + 2


def test_a_role_ending_in_the_future_runs_only_to_today():
    assert months(role(D(2023, 3, 15), D(2030, 1, 1))) == 36


def test_a_role_starting_in_the_future_counts_nothing():
    assert months(role(D(2026, 3, 16))) == 0
    assert months(role(D(2027, 1, 1), D(2028, 12, 31))) == 0
    assert months(role(D(2023, 3, 15)), role(D(2026, 4, 1), D(2029, 1, 1))) == 36


def test_a_role_ending_before_it_starts_counts_nothing():
    assert months(role(D(2020, 1, 1), D(2019, 1, 1))) == 0


def test_a_role_starting_today_is_not_yet_a_month():
    assert months(role(TODAY)) == 0


@pytest.mark.parametrize(
    ("started", "expected", "enough"),
    [
        (D(2023, 3, 16), 36, True),  # 16 March 2023 to 15 March 2026: three whole years
        (D(2023, 3, 17), 35, False),  # a day short
        (D(2023, 3, 15), 36, True),
    ],
)
def test_three_years_is_exactly_36_months(started, expected, enough):
    assert months(role(started)) == expected
    assert has_enough_leadership(months=expected, min_years=3) is enough


def test_the_minimum_is_whole_years_in_months():
    assert has_enough_leadership(months=36, min_years=3)
    assert not has_enough_leadership(months=35, min_years=3)
    assert has_enough_leadership(months=0, min_years=0)


@pytest.mark.parametrize(
    ("months_", "text"),
    [(0, "None"), (1, "1 month"), (5, "5 months"), (12, "1 year"), (75, "6 years, 3 months")],
)
def test_describe_months(months_, text):
    assert describe_months(months_) == text
