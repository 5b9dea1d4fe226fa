"""The register's invented history (demo/register_history.py) looks like the sector: run through
the workforce analytics (upon/workforce/algorithms/turnover.py), each published year's changes,
authorities with a change, interim appointments and twin-hat directors at 31 March come out
within 10% of the published figures (issue 14, item 2)."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from demo import register_history
from upon.workforce.algorithms.turnover import ReportingYear, Tenure, year_figures

AUTHORITIES = Path(__file__).resolve().parents[2] / "upon/organisations/data/local_authorities.csv"
CODES = [row["gss_code"] for row in csv.DictReader(AUTHORITIES.open())]
FIRST, LAST = 1996, 2025


@pytest.fixture(scope="module")
def posts():
    return register_history.invent(CODES, first_year=FIRST, last_year=LAST)


@pytest.fixture(scope="module")
def tenures(posts):
    return [
        Tenure(
            authority=post.authority,
            person=str(post.person),
            start=post.started_on,
            end=post.ended_on,
            interim=post.interim,
            twin_hat=post.twin_hat,
        )
        for post in posts
    ]


# (year, published changes, authorities with a change, interim appointments, twin hat)
PUBLISHED = [
    (year, changes, changed, interim, twin)
    for year, (changes, changed, _permanent, interim, _moves, twin) in sorted(
        register_history.PUBLISHED.items()
    )
]


def within_ten_percent(measured: int, published: int | None) -> bool:
    return published is None or abs(measured - published) <= 0.1 * published


@pytest.mark.parametrize(("year", "changes", "changed", "interim", "twin"), PUBLISHED)
def test_each_published_year_is_reproduced_within_ten_percent(
    tenures, year, changes, changed, interim, twin
):
    figures = year_figures(tenures, year=ReportingYear(year))
    measured = (
        figures.changes,
        figures.authorities_with_change,
        figures.interim_appointments,
        figures.twin_hat_at_end,
    )
    wanted = (changes, changed, interim, twin)
    assert all(map(within_ten_percent, measured, wanted)), (measured, wanted)


def test_every_authority_has_one_director_at_a_time_and_one_now(posts):
    by_authority = defaultdict(list)
    for post in posts:
        by_authority[post.authority].append(post)
    assert sorted(by_authority) == sorted(CODES)
    for held in by_authority.values():
        held.sort(key=lambda post: post.started_on)
        for before, after in zip(held, held[1:], strict=False):
            assert before.started_on <= before.ended_on < after.started_on
        assert held[-1].ended_on is None


def test_the_history_ends_with_the_last_reporting_year(posts):
    assert max(post.started_on for post in posts) <= register_history.year_end(LAST)
    assert max(post.ended_on for post in posts if post.ended_on) <= register_history.year_end(LAST)


def test_the_same_seed_invents_the_same_history(posts):
    again = register_history.invent(CODES, first_year=FIRST, last_year=LAST)
    assert again == posts
    other = register_history.invent(CODES, first_year=FIRST, last_year=LAST, seed=7)
    assert other != posts


def test_long_run_years_change_about_47_times(tenures):
    figures = year_figures(tenures, year=ReportingYear(2005))
    assert figures.changes == register_history.LONG_RUN_CHANGES
