"""The small rules behind the team's pages, without the database."""

import datetime
from types import SimpleNamespace

import pytest

from upon.recruitment.team_queries import (
    describe_months,
    region_label,
    senior_leadership_months,
    status_tag_class,
)

TODAY = datetime.date(2026, 3, 15)


def role(started, ended=None, senior=True):
    return SimpleNamespace(started=started, ended=ended, senior_leadership=senior)


def test_senior_months_count_only_senior_roles():
    entries = [
        role(datetime.date(2020, 1, 1), datetime.date(2022, 1, 1)),
        role(datetime.date(2015, 1, 1), datetime.date(2019, 12, 31), senior=False),
    ]
    assert senior_leadership_months(entries, today=TODAY) == 24


def test_overlapping_senior_roles_count_once_and_a_current_role_runs_to_today():
    entries = [
        role(datetime.date(2020, 1, 1), datetime.date(2023, 1, 1)),
        role(datetime.date(2022, 1, 1)),  # current, overlaps the first
        role(datetime.date(2010, 6, 15), datetime.date(2011, 6, 14)),  # a day short of a year
    ]
    assert senior_leadership_months(entries, today=TODAY) == (6 * 12 + 2) + 11


def test_no_senior_roles_is_zero():
    assert senior_leadership_months([], today=TODAY) == 0


@pytest.mark.parametrize(
    ("months", "text"),
    [(0, "None"), (1, "1 month"), (5, "5 months"), (12, "1 year"), (75, "6 years, 3 months")],
)
def test_describe_months(months, text):
    assert describe_months(months) == text


def test_labels():
    assert region_label("E12000007") == "London"
    assert region_label("") == ""
    assert status_tag_class("accepted") == "govuk-tag--green"
    assert status_tag_class("unknown") == "govuk-tag--grey"
