"""Turnover and tenure (upon/workforce/algorithms/turnover.py) on a small register worked out by
hand: every figure of 2018/19 (1 April 2018 to 31 March 2019), and the survival data."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upon.workforce.algorithms.turnover import (
    AUTHORITY,
    DAYS,
    DIRECTOR,
    EXPERIENCED,
    INTERIM,
    MADE_PERMANENT,
    MONTH_DAYS,
    MOVED,
    NEW_PERMANENT,
    ReportingYear,
    Tenure,
    TenureAverage,
    changes,
    spells,
    survival_data,
    year_figures,
)

D = datetime.date
YEAR = ReportingYear(2018)
MARCH_31 = D(2019, 3, 31)


def tenure(authority, person, start, end=None, *, interim=False, twin_hat=False):
    return Tenure(authority, person, start, end, interim=interim, twin_hat=twin_hat)


# Days in post are counted with the first and last day: 1 July 2018 to 31 March 2019 is
# 31 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 = 274 days.
REGISTER = [
    # A: p1 leaves; p2 covers as interim, then is made permanent (two changes).
    tenure("A", "p1", D(2010, 4, 1), D(2018, 6, 30)),
    tenure("A", "p2", D(2018, 7, 1), D(2018, 12, 31), interim=True),
    tenure("A", "p2", D(2019, 1, 1)),
    # B and K: p3 leads both (a shared director), twin hat in B; no change in the year.
    tenure("B", "p3", D(2015, 9, 1), twin_hat=True),
    tenure("K", "p3", D(2017, 1, 1)),
    # C: p4 leaves; p5 moves in from D, 15 days after leaving there (moved).
    tenure("C", "p4", D(2012, 1, 1), D(2018, 8, 31)),
    tenure("C", "p5", D(2018, 10, 1)),
    # D: p5 leaves for C; p6 is interim from the next day, twin hat (interim).
    tenure("D", "p5", D(2014, 4, 1), D(2018, 9, 15), twin_hat=True),
    tenure("D", "p6", D(2018, 9, 16), interim=True, twin_hat=True),
    # E: vacant from 2018; p7, a first-time director, is appointed (new permanent).
    tenure("E", "p8", D(2016, 5, 1), D(2017, 12, 31)),
    tenure("E", "p7", D(2019, 2, 1)),
    # F and G: p9 led F until 2008 and comes back in G ten years on (experienced).
    tenure("F", "p9", D(2003, 4, 1), D(2008, 3, 31)),
    tenure("G", "p10", D(2011, 1, 1), D(2018, 4, 30)),
    tenure("G", "p9", D(2018, 5, 1), D(2019, 3, 31)),  # their last day is 31 March: in post
    # H: p11's interim post is renewed as a new interim tenure: the same person carrying on.
    tenure("H", "p11", D(2017, 4, 1), D(2018, 10, 31), interim=True),
    tenure("H", "p11", D(2018, 11, 1), interim=True),
    # J: the register's first director there starts in the year: not a change.
    tenure("J", "p12", D(2018, 6, 1)),
]


def test_each_change_of_the_year_and_its_kind():
    found = [(c.tenure.authority, c.tenure.person, c.kind) for c in changes(REGISTER, year=YEAR)]
    assert found == [
        ("G", "p9", EXPERIENCED),  # 1 May 2018
        ("A", "p2", INTERIM),  # 1 July
        ("D", "p6", INTERIM),  # 16 September
        ("C", "p5", MOVED),  # 1 October
        ("A", "p2", MADE_PERMANENT),  # 1 January 2019
        ("E", "p7", NEW_PERMANENT),  # 1 February
    ]


def test_every_figure_of_the_year():
    figures = year_figures(REGISTER, year=YEAR)
    assert figures.year == YEAR
    assert figures.changes == 6
    assert figures.authorities_with_change == 5  # A (twice), C, D, E, G
    assert figures.interim_appointments == 2
    assert figures.made_permanent == 1
    assert figures.moves == 1
    assert figures.experienced == 1
    assert figures.new_permanent == 1
    # In post on 31 March 2019: A, B, C, D, E, G, H, J, K (F has had nobody since 2008).
    assert figures.in_post_at_end == 9
    assert figures.interims_in_post_at_end == 2  # D (p6) and H (p11)
    assert figures.twin_hat_at_end == 2  # B (p3) and D (p6); p5 was twin hat in D, not in C


def test_tenure_in_one_authority_at_31_march():
    # One per post held on 31 March 2019, days so far in the spell there:
    #   A p2 274 (interim from 1 July, then permanent: one spell), B p3 1308 (1 September 2015:
    #   1096 days to 31 August 2018, then 212), C p5 182, E p7 59, G p9 335, J p12 304,
    #   K p3 820 (365 + 365 + 90): permanent, 3282 days over 7;
    #   D p6 197, H p11 730 (two interim tenures, one spell): interim, 927 days over 2.
    average = year_figures(REGISTER, year=YEAR).tenure_in_authority
    assert average == TenureAverage(
        directors=9,
        months=(3282 + 927) / 9 / MONTH_DAYS,
        permanent_directors=7,
        permanent_months=3282 / 7 / MONTH_DAYS,
        interim_directors=2,
        interim_months=927 / 2 / MONTH_DAYS,
    )
    assert round(average.months, 2) == 15.36  # 467.7 days over 30.4375


def test_tenure_as_a_director_across_posts_at_31_march():
    # One per person in post on 31 March 2019, days in their career spell so far:
    #   p2 274; p3 1308 (K lies inside B's years: counted once); p5 1811 (D from 1 April 2014
    #   to 15 September 2018, 1629 days, then C after a 15-day gap, 182: gaps not counted);
    #   p7 59; p9 335 (F ended ten years before: another spell); p12 304: permanent, 4091
    #   days over 6; p6 197, p11 730: interim, 927 over 2.
    average = year_figures(REGISTER, year=YEAR).tenure_as_director
    assert average == TenureAverage(
        directors=8,
        months=(4091 + 927) / 8 / MONTH_DAYS,
        permanent_directors=6,
        permanent_months=4091 / 6 / MONTH_DAYS,
        interim_directors=2,
        interim_months=927 / 2 / MONTH_DAYS,
    )


def test_survival_data_in_one_authority():
    data = survival_data(REGISTER, as_at=MARCH_31, basis=AUTHORITY, unit=DAYS)
    found = {(s.person, s.authorities): (s.days, s.ended) for s in data.spells}
    assert found == {
        ("p9", ("F",)): (1827, True),  # 1 April 2003 to 31 March 2008: 5 years, 2 leap days
        ("p1", ("A",)): (3013, True),  # 8 years (2922 days) and 91
        ("p10", ("G",)): (2677, True),
        ("p4", ("C",)): (2435, True),
        ("p5", ("D",)): (1629, True),
        ("p3", ("B",)): (1308, False),
        ("p8", ("E",)): (610, True),
        ("p3", ("K",)): (820, False),
        ("p11", ("H",)): (730, False),
        ("p12", ("J",)): (304, False),
        ("p2", ("A",)): (274, False),
        ("p5", ("C",)): (182, False),
        ("p6", ("D",)): (197, False),
        ("p7", ("E",)): (59, False),
        ("p9", ("G",)): (335, False),
    }
    assert [s.start for s in data.spells] == sorted(s.start for s in data.spells)
    assert data.durations.tolist() == [s.days for s in data.spells]
    assert data.observed.tolist() == [s.ended for s in data.spells]


def test_survival_data_as_a_director_in_months():
    data = survival_data(REGISTER, as_at=MARCH_31, basis=DIRECTOR)
    found = {(s.person, s.authorities): (s.days, s.ended) for s in data.spells}
    assert found == {
        ("p9", ("F",)): (1827, True),
        ("p1", ("A",)): (3013, True),
        ("p10", ("G",)): (2677, True),
        ("p4", ("C",)): (2435, True),
        ("p5", ("D", "C")): (1811, False),
        ("p3", ("B", "K")): (1308, False),
        ("p8", ("E",)): (610, True),
        ("p11", ("H",)): (730, False),
        ("p12", ("J",)): (304, False),
        ("p2", ("A",)): (274, False),
        ("p6", ("D",)): (197, False),
        ("p7", ("E",)): (59, False),
        ("p9", ("G",)): (335, False),
    }
    assert np.array_equal(data.durations, np.array([s.days for s in data.spells]) / MONTH_DAYS)


def test_survival_data_earlier_cuts_the_register_there():
    # On 30 September 2018: p2 still interim in A (92 days), p5 gone from D, p6 in post 15 days;
    # nothing starting later is there.
    data = spells(REGISTER, as_at=D(2018, 9, 30), basis=AUTHORITY)
    found = {(s.person, s.authorities): (s.days, s.ended) for s in data if s.start >= D(2018, 1, 1)}
    assert found == {
        ("p9", ("G",)): (153, False),
        ("p2", ("A",)): (92, False),
        ("p12", ("J",)): (122, False),
        ("p6", ("D",)): (15, False),
    }


def test_a_move_with_a_handover_and_one_after_the_gap():
    register = [
        # x is still in A for 19 days after starting in B (2 to 20 August): a handover.
        tenure("A", "x", D(2010, 1, 1), D(2018, 8, 20)),
        tenure("B", "y", D(2012, 1, 1), D(2018, 7, 31)),
        tenure("B", "x", D(2018, 8, 1)),
        # z left C 426 days (1 April 2017 to 31 May 2018) before starting in D.
        tenure("C", "z", D(2010, 1, 1), D(2017, 3, 31)),
        tenure("D", "w", D(2012, 1, 1), D(2018, 5, 31)),
        tenure("D", "z", D(2018, 6, 1)),
        tenure("E", "v", D(2012, 1, 1), D(2018, 5, 31)),
        tenure("E", "u", D(2018, 6, 1), interim=True),  # an interim who moves counts as interim
        tenure("F", "u", D(2011, 1, 1), D(2018, 5, 31)),
    ]

    def kinds(**gaps):
        return {c.tenure.person: c.kind for c in changes(register, year=YEAR, **gaps)}

    assert kinds() == {"x": MOVED, "z": EXPERIENCED, "u": INTERIM}
    assert kinds(gap_days=425) == kinds()
    assert kinds(gap_days=426) == {"x": MOVED, "z": MOVED, "u": INTERIM}
    assert kinds(handover_days=19) == kinds()
    assert kinds(handover_days=18) == {"x": EXPERIENCED, "z": EXPERIENCED, "u": INTERIM}


def test_a_shared_director_taking_on_a_second_authority_is_experienced():
    register = [
        tenure("X", "s", D(2012, 1, 1)),  # still leads X
        tenure("Y", "y", D(2012, 1, 1), D(2018, 6, 30)),
        tenure("Y", "s", D(2018, 7, 1)),
    ]
    assert [(c.tenure.authority, c.kind) for c in changes(register, year=YEAR)] == [
        ("Y", EXPERIENCED)
    ]
    figures = year_figures(register, year=YEAR)
    assert (figures.in_post_at_end, figures.tenure_as_director.directors) == (2, 1)


def test_nobody_in_post_gives_no_averages():
    figures = year_figures([tenure("A", "p", D(2000, 1, 1), D(2001, 1, 1))], year=YEAR)
    assert figures.in_post_at_end == 0
    assert figures.tenure_in_authority == TenureAverage(0, None, 0, None, 0, None)
    assert figures.tenure_as_director == TenureAverage(0, None, 0, None, 0, None)


def test_reporting_years():
    assert YEAR.label == "2018/19"
    assert (YEAR.starts_on, YEAR.ends_on) == (D(2018, 4, 1), D(2019, 3, 31))
    assert ReportingYear.containing(D(2019, 3, 31)) == YEAR
    assert ReportingYear.containing(D(2019, 4, 1)) == ReportingYear(2019)
    assert D(2018, 4, 1) in YEAR and D(2018, 3, 31) not in YEAR
    assert ReportingYear(1999).label == "1999/00"


def test_an_end_before_the_start_is_refused():
    with pytest.raises(ValueError, match="the end is before the start"):
        tenure("A", "p", D(2019, 1, 2), D(2019, 1, 1))


def test_the_basis_and_unit_are_checked():
    with pytest.raises(ValueError, match="basis"):
        spells(REGISTER, as_at=MARCH_31, basis="post")
    with pytest.raises(ValueError, match="unit"):
        survival_data(REGISTER, as_at=MARCH_31, unit="weeks")


BASE = D(2018, 1, 1)


@st.composite
def small_registers(draw):
    """Up to 8 tenures of 3 people in 3 authorities within about a year (days from BASE)."""
    tenures = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, 300))
        length = draw(st.one_of(st.none(), st.integers(0, 120)))
        tenures.append(
            tenure(
                draw(st.sampled_from("ABC")),
                draw(st.sampled_from(["p", "q", "r"])),
                BASE + datetime.timedelta(days=start),
                None if length is None else BASE + datetime.timedelta(days=start + length),
                interim=draw(st.booleans()),
            )
        )
    return tenures


def days_covered(tenures, as_at):
    """Brute force: every day in post up to `as_at`, one by one."""
    covered = set()
    for t in tenures:
        day = t.start
        while day <= as_at and (t.end is None or day <= t.end):
            covered.add(day)
            day += datetime.timedelta(days=1)
    return covered


@settings(max_examples=150, deadline=None)
@given(small_registers(), st.integers(0, 400), st.integers(0, 60))
def test_spells_count_each_day_in_post_once(register, as_at_day, gap_days):
    as_at = BASE + datetime.timedelta(days=as_at_day)
    across = spells(register, as_at=as_at, basis=DIRECTOR, gap_days=gap_days)
    for person in {t.person for t in register}:
        own = [s for s in across if s.person == person]
        mine = [t for t in register if t.person == person]
        # A person's career spells share no day and cover every day they were in post.
        assert sum(s.days for s in own) == len(days_covered(mine, as_at))
        assert sum(not s.ended for s in own) == any(t.in_post_on(as_at) for t in mine)
        for spell in own:
            assert spell.days == len(days_covered(spell.tenures, as_at))
            assert spell.ended == (spell.last_day < as_at)
    per_post = spells(register, as_at=as_at, basis=AUTHORITY, gap_days=gap_days)
    # Every tenure that had started is in exactly one spell in its authority.
    assert sorted(repr(t) for s in per_post for t in s.tenures) == sorted(
        repr(t) for t in register if t.start <= as_at
    )
    for spell in per_post:
        assert {t.person for t in spell.tenures} == {spell.person}
        assert len(set(spell.authorities)) == 1
        assert spell.days == len(days_covered(spell.tenures, as_at))


@settings(max_examples=150, deadline=None)
@given(small_registers())
def test_the_kinds_of_change_add_up(register):
    year = ReportingYear(2017)  # 1 April 2017 to 31 March 2018: the registers straddle it
    figures = year_figures(register, year=year)
    assert figures.changes == (
        figures.interim_appointments
        + figures.made_permanent
        + figures.moves
        + figures.experienced
        + figures.new_permanent
    )
    assert figures.authorities_with_change <= min(figures.changes, 3)
    assert figures.interims_in_post_at_end <= figures.in_post_at_end
    assert figures.tenure_in_authority.directors == sum(
        t.in_post_on(year.ends_on) for t in register
    )
