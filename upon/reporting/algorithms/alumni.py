"""The programme's alumni in the national register: how long they stay as directors against
every other director appointed in the same years, and where they lead now.

Pure: the register's tenures (`turnover.Tenure`) in, plain figures out, no Django.

The words, as every figure here uses them:

- A **tenure** is a spell in one authority (`turnover.spells` with basis AUTHORITY): a person's
  consecutive posts there with nobody else's between (an interim made permanent is one spell),
  the measure the published yearly figures use. Its length runs to its last day in post, or to
  the day the register is read while still in post (censored).
- An **alumni tenure** is a spell of a person in the register linked to an alumnus (someone who
  completed one of the programme's cohorts) that started on or after the day their cohort
  began: what they led before the programme is not the programme's outcome.
- **Every other director appointed in the same years**: the spells of everyone else in the
  register starting in the reporting years from the first alumni tenure's to the last's.
- **Followed for n years**: tenures at least n years long so far (still in post then, whether
  they have left since or not); the share still in post after n years is the Kaplan-Meier
  estimate with its 95% band (`survival.kaplan_meier`), in months of 365.25 / 12 days.
- **Leading now**: an authority whose director on the day the register is read holds an
  alumni tenure there. A director shared by two authorities leads both.

What the funder may see (`published`): every count is a count of people. A count from 1 to 4
is "Fewer than 5"; where one count's people are among another's (those followed for 2 years
are among those followed for 1), two shown counts never differ by 1 to 4 (the later one is
hidden as well: `funnel.hide_small`). A group of fewer than 5 tenures shows nothing else (no
median, no share); a share still in post is shown only where 5 or more were followed that long;
the log-rank test only where both groups have 5 tenures or more.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from upon.reporting.algorithms import funnel
from upon.service.algorithms import step_charts
from upon.workforce.algorithms import survival, turnover

YEARS_SHOWN = (1, 2, 3, 5)
MONTH_DAYS = turnover.MONTH_DAYS
ALUMNI, OTHERS = "alumni", "others"
FEWER_FOLLOWED = "Not shown: fewer than 5 followed this long"
FEWER_TENURES = "Not shown: fewer than 5 tenures"


@dataclass(frozen=True)
class AtYears:
    years: int
    followed: int  # tenures at least this long so far
    share: float | None  # the estimate still in post after this long (None: nobody yet)
    lower: float | None
    upper: float | None


@dataclass(frozen=True)
class Group:
    key: str  # ALUMNI or OTHERS
    tenures: int
    left: int  # their end was seen
    in_post: int  # still in post when the register was read (censored)
    median: survival.Median | None  # in months; None with no tenures
    at_years: tuple[AtYears, ...]
    curve: survival.SurvivalCurve | None


@dataclass(frozen=True)
class Comparison:
    alumni: Group
    others: Group
    first_year: turnover.ReportingYear | None  # the years compared; None with no alumni
    last_year: turnover.ReportingYear | None
    logrank: survival.LogRank | None  # None unless both groups have tenures
    alumni_spells: tuple[turnover.Spell, ...]


def group(key: str, spells: Sequence[turnover.Spell]) -> Group:
    months = np.array([s.days / MONTH_DAYS for s in spells], dtype=float)
    ended = np.array([s.ended for s in spells], dtype=bool)
    left = int(ended.sum())
    if not spells:
        empty = tuple(AtYears(y, 0, None, None, None) for y in YEARS_SHOWN)
        return Group(key, 0, 0, 0, None, empty, None)
    curve = survival.kaplan_meier(durations=months, observed=ended)
    at_years = []
    for years in YEARS_SHOWN:
        t = years * 12.0
        place = np.searchsorted(curve.timeline, t, side="right") - 1
        at_years.append(
            AtYears(
                years,
                int((months >= t).sum()),
                float(curve.survival[place]),
                float(curve.lower[place]),
                float(curve.upper[place]),
            )
        )
    return Group(key, len(spells), left, len(spells) - left, curve.median, tuple(at_years), curve)


def alumni_spells(
    spells: Iterable[turnover.Spell], alumni: Mapping[str, datetime.date]
) -> list[turnover.Spell]:
    """The spells of alumni (person -> the day their first cohort began) from that day on."""
    return [s for s in spells if s.person in alumni and s.start >= alumni[s.person]]


def compare(
    tenures: Iterable[turnover.Tenure],
    *,
    alumni: Mapping[str, datetime.date],
    as_at: datetime.date,
) -> Comparison:
    """The alumni's tenures against every other director's appointed in the same years."""
    spells = turnover.spells(tenures, as_at=as_at, basis=turnover.AUTHORITY)
    theirs = alumni_spells(spells, alumni)
    if not theirs:
        return Comparison(group(ALUMNI, []), group(OTHERS, []), None, None, None, ())
    first = turnover.ReportingYear.containing(min(s.start for s in theirs))
    last = turnover.ReportingYear.containing(max(s.start for s in theirs))
    others = [
        s for s in spells if s.person not in alumni and first.starts_on <= s.start <= last.ends_on
    ]
    mine, rest = group(ALUMNI, theirs), group(OTHERS, others)
    test = None
    if others:
        test = survival.logrank(
            durations_a=[s.days / MONTH_DAYS for s in theirs],
            observed_a=[s.ended for s in theirs],
            durations_b=[s.days / MONTH_DAYS for s in others],
            observed_b=[s.ended for s in others],
        )
    return Comparison(mine, rest, first, last, test, tuple(theirs))


# What a reader sees ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A figure as published: its value, or None and the words shown instead."""

    value: object
    hidden: str = ""


@dataclass(frozen=True)
class PublishedYears:
    years: int
    followed: Shown
    share: Shown  # a (share, lower, upper) triple when shown


@dataclass(frozen=True)
class PublishedGroup:
    key: str
    tenures: Shown
    left: Shown
    in_post: Shown
    median: Shown  # a survival.Median when shown
    at_years: tuple[PublishedYears, ...]


def _followed_key(years: int) -> str:
    return f"followed_{years}"


def published(found: Group, *, suppress: bool) -> PublishedGroup:
    """The group as this reader sees it (the module's docstring says what the funder sees)."""
    counts = {"tenures": found.tenures, "left": found.left, "in_post": found.in_post}
    counts |= {_followed_key(a.years): a.followed for a in found.at_years}
    chain = [_followed_key(y) for y in YEARS_SHOWN]
    nested = [("tenures", "left"), ("tenures", "in_post"), ("tenures", chain[0])]
    nested += list(zip(chain, chain[1:], strict=False))
    state = funnel.hide_small(counts, nested) if suppress else {}

    def count(key):
        hidden = state.get(key, funnel.SHOWN)
        return Shown(counts[key]) if hidden == funnel.SHOWN else Shown(None, funnel.TEXT[hidden])

    few = suppress and found.tenures < funnel.THRESHOLD
    if found.median is None:
        median = Shown(None, "No tenures")
    elif few:
        median = Shown(None, FEWER_TENURES)
    else:
        median = Shown(found.median)
    at_years = []
    for a in found.at_years:
        if a.share is None:
            share = Shown(None, "No tenures")
        elif few:
            share = Shown(None, FEWER_TENURES)
        elif suppress and a.followed < funnel.THRESHOLD:
            share = Shown(None, FEWER_FOLLOWED)
        else:
            share = Shown((a.share, a.lower, a.upper))
        at_years.append(PublishedYears(a.years, count(_followed_key(a.years)), share))
    return PublishedGroup(
        found.key,
        count("tenures"),
        count("left"),
        count("in_post"),
        median,
        tuple(at_years),
    )


def logrank_shown(comparison: Comparison, *, suppress: bool) -> bool:
    if comparison.logrank is None:
        return False
    small = min(comparison.alumni.tenures, comparison.others.tenures) < funnel.THRESHOLD
    return not (suppress and small)


# Where alumni lead now -------------------------------------------------------------------------


def leading_now(spells: Iterable[turnover.Spell], *, as_at: datetime.date) -> set[str]:
    """The authorities an alumni spell holds on `as_at`."""
    return {t.authority for s in spells if not s.ended for t in s.tenures if t.in_post_on(as_at)}


def chart_series(found: Group, *, label: str, suppress: bool):
    """The group's curve for `step_charts.step_chart`, in years, or None when not drawn. With
    `suppress`, only the times at which 5 or more were still in post, and no censoring."""
    curve = found.curve
    if curve is None or (suppress and found.tenures < funnel.THRESHOLD):
        return None
    keep = len(curve.timeline)
    if suppress:
        keep = int(np.searchsorted(-curve.at_risk, -funnel.THRESHOLD, side="right"))
    years = curve.timeline[:keep] / 12
    censored = () if suppress else tuple(years[curve.censored[:keep] > 0])
    return step_charts.Series(
        label,
        tuple(years),
        tuple(curve.survival[:keep]),
        tuple(curve.lower[:keep]),
        tuple(curve.upper[:keep]),
        censored,
    )
