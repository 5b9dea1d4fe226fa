"""Every reporting year at once (`turnover.years_figures`, vectorised) against the year-by-year
loop it replaced (tests/workforce/turnover_reference.py), on random registers: the same figures,
to the last bit of every average."""

import dataclasses
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workforce import turnover_reference
from tests.workforce.test_turnover import REGISTER, tenure
from upon.workforce.algorithms.turnover import ReportingYear, year_figures, years_figures

D = datetime.date
BASE = D(2015, 1, 1)
YEARS = [ReportingYear(first) for first in range(2014, 2021)]  # around every register drawn


# On a grid of 30 days (give or take a day or two), gaps and handovers land on their limits.
GRID_GAPS = (0, 1, 28, 29, 30, 31, 59, 60, 61, 365)


@st.composite
def registers(draw, grid=False):
    """Up to 25 tenures of 6 people in 4 authorities over about five years: overlaps, the same
    day twice, shared posts, duplicates, returns, interims and twin hats all come up. On the
    grid, days fall on multiples of 30, give or take."""
    count = draw(st.integers(0, 25))
    tenures = []
    for _ in range(count):
        if grid:
            start = draw(st.integers(0, 60)) * 30 + draw(st.integers(-1, 1)) + 1
            length = draw(
                st.one_of(
                    st.none(),
                    st.builds(
                        lambda n, d: max(n * 30 + d, 0), st.integers(0, 30), st.integers(-2, 1)
                    ),
                )
            )
        else:
            start = draw(st.integers(0, 5 * 365))
            length = draw(st.one_of(st.none(), st.integers(0, 900)))
        tenures.append(
            tenure(
                draw(st.sampled_from("ABCD")),
                draw(st.sampled_from(["p", "q", "r", "s", "t", "u"])),
                BASE + datetime.timedelta(days=start),
                None if length is None else BASE + datetime.timedelta(days=start + length),
                interim=draw(st.booleans()),
                twin_hat=draw(st.booleans()),
            )
        )
    if tenures and draw(st.booleans()):
        # The same row twice, or twice but for interim: which of the two comes first matters.
        twin = draw(st.sampled_from(tenures))
        flip = draw(st.booleans())
        tenures.insert(
            draw(st.integers(0, len(tenures))),
            dataclasses.replace(twin, interim=twin.interim != flip),
        )
    return tenures


def reference(register, years, **gaps):
    return tuple(turnover_reference.year_figures(register, year=y, **gaps) for y in years)


@settings(max_examples=300, deadline=None)
@given(registers(), st.integers(0, 400), st.integers(0, 60))
def test_every_year_at_once_is_the_year_by_year_loop(register, gap_days, handover_days):
    gaps = {"gap_days": gap_days, "handover_days": handover_days}
    assert years_figures(register, years=YEARS, **gaps) == reference(register, YEARS, **gaps)


@settings(max_examples=300, deadline=None)
@given(registers(grid=True), st.sampled_from(GRID_GAPS), st.sampled_from(GRID_GAPS[:-1]))
def test_on_the_limits_of_the_gap_and_the_handover(register, gap_days, handover_days):
    gaps = {"gap_days": gap_days, "handover_days": handover_days}
    assert years_figures(register, years=YEARS, **gaps) == reference(register, YEARS, **gaps)


@settings(max_examples=100, deadline=None)
@given(registers(), st.lists(st.sampled_from(YEARS), max_size=5))
def test_any_years_in_any_order(register, years):
    # Years apart, repeated or out of order come back as asked, each as the loop gives it.
    assert years_figures(register, years=years) == reference(register, years)


def test_the_hand_worked_register_at_once():
    years = [ReportingYear(first) for first in range(2000, 2020)]
    assert years_figures(REGISTER, years=years) == reference(REGISTER, years)
    assert (
        year_figures(REGISTER, year=ReportingYear(2018))
        == reference(REGISTER, [ReportingYear(2018)])[0]
    )


def test_no_register_and_no_years():
    assert years_figures([], years=YEARS[:2]) == reference([], YEARS[:2])
    assert years_figures(REGISTER, years=[]) == ()


def test_a_negative_gap_is_refused():
    with pytest.raises(ValueError, match="gap_days must be 0 or more"):
        years_figures(REGISTER, years=YEARS, gap_days=-1)
