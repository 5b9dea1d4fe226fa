"""The entitlement's rules on plain dates (upon/support/algorithms/entitlements.py)."""

import datetime

import pytest

from upon.support.algorithms.entitlements import (
    ACTIVE,
    ENDED,
    PAUSED,
    Post,
    Standing,
    add_months,
    opens,
    standing,
)

D = datetime.date
START = D(2026, 1, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 2, 29), 24, D(2026, 2, 28)),
        (START, 24, D(2028, 1, 1)),
    ],
)
def test_add_months_keeps_to_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_a_post_opens_it_within_five_years_of_completing_not_after():
    completed = D(2021, 7, 31)
    assert opens(post=Post(D(2026, 7, 31)), completed_on=completed, window_years=5)
    assert not opens(post=Post(D(2026, 8, 1)), completed_on=completed, window_years=5)
    assert not opens(post=Post(START), completed_on=None, window_years=5)


def test_it_runs_24_months_from_the_first_day_in_post():
    assert standing(opening=Post(START), later=[], today=D(2027, 12, 31)) == Standing(
        ACTIVE, D(2027, 12, 31)
    )
    assert standing(opening=Post(START), later=[], today=D(2028, 1, 1)) == Standing(
        ENDED, D(2027, 12, 31)
    )


def test_a_post_ending_after_the_24_months_changes_nothing():
    post = Post(START, D(2028, 6, 30))
    assert standing(opening=post, later=[], today=D(2027, 1, 1)) == Standing(
        ACTIVE, D(2027, 12, 31)
    )


def test_an_end_of_post_pauses_it_then_ends_it_six_months_later():
    post = Post(START, D(2026, 12, 31))
    assert standing(opening=post, later=[], today=D(2026, 12, 31)).status == ACTIVE
    assert standing(opening=post, later=[], today=D(2027, 1, 1)) == Standing(
        PAUSED, D(2027, 7, 2), D(2027, 1, 1)
    )
    assert standing(opening=post, later=[], today=D(2027, 7, 3)) == Standing(ENDED, D(2027, 7, 2))


def test_a_new_post_within_six_months_resumes_it_with_the_time_left():
    first = Post(START, D(2026, 12, 31))
    second = Post(D(2027, 3, 1))  # 59 days paused
    # Paused while the new post is yet to start: it will end 59 days later than planned.
    assert standing(opening=first, later=[second], today=D(2027, 2, 1)) == Standing(
        PAUSED, D(2027, 12, 31) + datetime.timedelta(days=59), D(2027, 1, 1)
    )
    assert standing(opening=first, later=[second], today=D(2027, 3, 1)) == Standing(
        ACTIVE, D(2027, 12, 31) + datetime.timedelta(days=59)
    )


def test_a_new_post_after_six_months_does_not_resume_it():
    first = Post(START, D(2026, 12, 31))
    late = Post(D(2027, 9, 1))
    assert standing(opening=first, later=[late], today=D(2027, 10, 1)) == Standing(
        ENDED, D(2027, 7, 2)
    )
