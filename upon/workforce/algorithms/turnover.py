"""Turnover and tenure of directors of children's services, by reporting year. Pure: the
register's tenures in (small frozen dataclasses), figures out; no Django.

The words, as every figure here uses them:

- A **tenure** is one person leading one authority from `start` to `end`, both days in post
  (`end` is the last day; None while still in post). A person leading two authorities at once
  (a shared director) has two tenures. Authorities are codes as given: the caller maps the
  former codes of a reorganised authority to its successor first, so its history runs on.
- **In post on a day**: the tenure started on or before it and had not ended before it.
- A **reporting year** runs from 1 April to 31 March ("2018/19" starts on 1 April 2018).
- The **gap** between two tenures is the days between the last day of one and the first day of
  the next, neither counted: 0 when one follows the next day. Tenures with a gap of at most
  `gap_days` (MOVE_GAP_DAYS, a year, unless given) are **consecutive**.
- A **change of director** is a tenure starting in the year in an authority that had a director
  before (another tenure there started earlier), unless it only continues the same person's
  tenure: the authority's previous tenure is this person's, consecutive, and this one is not an
  interim post made permanent. Each change is one kind, the first that fits:
  1. **interim**: an interim appointment;
  2. **interim made permanent**: permanent, and the authority's previous tenure was this
     person's, interim and consecutive;
  3. **moved from another authority**: permanent, by a person who left a post in another
     authority at most `gap_days` days before starting here, or stayed in it, handing over,
     at most `handover_days` (HANDOVER_DAYS, 31) days after starting here;
  4. **experienced director**: permanent, by someone who has led an authority before (any
     tenure in the register starting earlier: one they left long ago, or one they still hold,
     as a shared director taking on a second authority) but none of the above;
  5. **new permanent**: permanent, by someone with no earlier tenure in the register: a
     first-time director.
  So changes = interim + made permanent + moved + experienced + new permanent, and "moves" counts
  permanent moves only (an interim who moves counts as interim).
- **Authorities with a change**: the authorities with at least one change in the year.
- **At 31 March** (the year's last day): the authorities with a director in post that day, and
  of those, the ones whose director then is interim, and the ones whose director then is twin
  hat (also director of adult social services).
- **Tenure in one authority**: a person's consecutive tenures in one authority with nobody
  else's between them (an interim made permanent, say) make one spell there.
  **Tenure as a director across posts**: a person's consecutive tenures anywhere (a move within
  the gap, a shared post) make one career spell. A spell's length is its days in post: the days
  covered by at least one of its tenures (gaps not counted, overlaps counted once), the first
  and last day included. Months are days / (365.25 / 12).
- **Average tenure at 31 March**: the mean length so far, on 31 March, of the spells of the
  directors in post then: in one authority, one per post held that day (split by whether that
  post is interim); across posts, one per person (permanent if any post they hold that day is).
- **Survival data as at a day**: every spell that had started by then, its days in post up to
  that day, observed (it ended: its last day is before that day) or censored (in post on it).
  A spell that ended is taken as over even if the person could still start another post
  within the gap.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

MOVE_GAP_DAYS = 365  # tenures this close (or closer) are consecutive; a move within it counts
HANDOVER_DAYS = 31  # a mover may still be in their old post this long after starting here
MONTH_DAYS = 365.25 / 12
ONE_DAY = datetime.timedelta(days=1)

INTERIM = "interim"
MADE_PERMANENT = "interim made permanent"
MOVED = "moved from another authority"
EXPERIENCED = "experienced director"
NEW_PERMANENT = "new permanent"
KINDS = (INTERIM, MADE_PERMANENT, MOVED, EXPERIENCED, NEW_PERMANENT)

AUTHORITY, DIRECTOR = "authority", "director"  # the two bases of tenure
DAYS, MONTHS = "days", "months"


@dataclass(frozen=True)
class Tenure:
    authority: str
    person: str  # the register's key for the person (the same across their posts)
    start: datetime.date
    end: datetime.date | None  # the last day in post; None while in post
    interim: bool = False
    twin_hat: bool = False

    def __post_init__(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.person} in {self.authority}: the end is before the start")

    def in_post_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, order=True)
class ReportingYear:
    first: int  # the calendar year it starts in: 2018 for 2018/19

    @classmethod
    def containing(cls, day: datetime.date) -> "ReportingYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.first, 4, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.first + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.first}/{(self.first + 1) % 100:02d}"

    def __contains__(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Change:
    tenure: Tenure
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Spell:
    """A person's consecutive tenures, in one authority or across posts, as at a day."""

    person: str
    authorities: tuple[str, ...]  # in the order the tenures started
    start: datetime.date
    last_day: datetime.date  # the last day in post, or the as-at day while in post
    ended: bool  # False: in post on the as-at day (censored)
    days: int  # days in post: covered by at least one tenure, first and last included
    tenures: tuple[Tenure, ...]

    @property
    def months(self) -> float:
        return self.days / MONTH_DAYS


@dataclass(frozen=True)
class TenureAverage:
    """Mean spell length in months at a day (None where nobody is counted)."""

    directors: int
    months: float | None
    permanent_directors: int
    permanent_months: float | None
    interim_directors: int
    interim_months: float | None


@dataclass(frozen=True)
class YearFigures:
    year: ReportingYear
    changes: int
    authorities_with_change: int
    interim_appointments: int
    made_permanent: int
    moves: int
    experienced: int
    new_permanent: int
    in_post_at_end: int  # authorities with a director on 31 March
    interims_in_post_at_end: int
    twin_hat_at_end: int
    tenure_in_authority: TenureAverage
    tenure_as_director: TenureAverage


@dataclass(frozen=True)
class TenureDurations:
    """Durations and observed flags for `survival.kaplan_meier`, with the spells they are."""

    durations: np.ndarray
    observed: np.ndarray
    spells: tuple[Spell, ...]


def gap(earlier: Tenure, later: Tenure) -> int | None:
    """Days between the last day of `earlier` and the first of `later`, neither counted
    (negative when they overlap); None while `earlier` has not ended."""
    if earlier.end is None:
        return None
    return (later.start - earlier.end).days - 1


def _by_start(tenures: Iterable[Tenure]) -> list[Tenure]:
    return sorted(tenures, key=lambda t: (t.start, t.end or datetime.date.max, t.person))


def _previous_in_authority(tenures: Sequence[Tenure]) -> dict[Tenure, Tenure | None]:
    """Each tenure's predecessor: the tenure in its authority that started last before it."""
    previous: dict[Tenure, Tenure | None] = {}
    by_authority: dict[str, list[Tenure]] = defaultdict(list)
    for tenure in tenures:
        by_authority[tenure.authority].append(tenure)
    for posts in by_authority.values():
        ordered = _by_start(posts)
        for place, tenure in enumerate(ordered):
            earlier = place - 1
            while earlier >= 0 and ordered[earlier].start == tenure.start:
                earlier -= 1  # two starting the same day (bad data): neither came before
            previous[tenure] = ordered[earlier] if earlier >= 0 else None
    return previous


def _continues(previous: Tenure | None, tenure: Tenure, gap_days: int) -> bool:
    """`tenure` follows the same person's own tenure in the authority, within the gap."""
    if previous is None or previous.person != tenure.person:
        return False
    between = gap(previous, tenure)
    return between is None or between <= gap_days


def _kind(
    tenure: Tenure,
    previous: Tenure | None,
    earlier_posts: list[Tenure],
    *,
    gap_days: int,
    handover_days: int,
) -> str | None:
    """The kind of change `tenure` is, or None when it is not a change."""
    if previous is None:
        return None  # the authority's first director in the register
    continues = _continues(previous, tenure, gap_days)
    if continues and not (previous.interim and not tenure.interim):
        return None  # the same person carrying on: not a change of director
    if tenure.interim:
        return INTERIM
    if continues:
        return MADE_PERMANENT
    for post in earlier_posts:
        if post.authority == tenure.authority or post.end is None:
            continue
        between = gap(post, tenure)
        if -handover_days - 1 <= between <= gap_days:
            return MOVED
    return EXPERIENCED if earlier_posts else NEW_PERMANENT


def changes(
    tenures: Iterable[Tenure],
    *,
    year: ReportingYear,
    gap_days: int = MOVE_GAP_DAYS,
    handover_days: int = HANDOVER_DAYS,
) -> tuple[Change, ...]:
    """The changes of director in the year, in the order they started."""
    tenures = list(tenures)
    previous = _previous_in_authority(tenures)
    posts_of: dict[str, list[Tenure]] = defaultdict(list)
    for tenure in tenures:
        posts_of[tenure.person].append(tenure)
    found = []
    for tenure in _by_start(t for t in tenures if t.start in year):
        earlier = [post for post in posts_of[tenure.person] if post.start < tenure.start]
        kind = _kind(
            tenure,
            previous[tenure],
            earlier,
            gap_days=gap_days,
            handover_days=handover_days,
        )
        if kind is not None:
            found.append(Change(tenure, kind))
    return tuple(found)


def _spell(group: list[Tenure], as_at: datetime.date) -> Spell:
    """One spell from its tenures (by start), cut at `as_at`."""
    days, covered_to = 0, None  # covered_to: the last day counted so far
    last_day = None
    for tenure in group:
        end = as_at if tenure.end is None or tenure.end >= as_at else tenure.end
        first = tenure.start if covered_to is None else max(tenure.start, covered_to + ONE_DAY)
        if end >= first:
            days += (end - first).days + 1
        covered_to = end if covered_to is None else max(covered_to, end)
        last_day = covered_to
    return Spell(
        person=group[0].person,
        authorities=tuple(dict.fromkeys(t.authority for t in group)),
        start=group[0].start,
        last_day=last_day,
        ended=last_day < as_at,
        days=days,
        tenures=tuple(group),
    )


def spells(
    tenures: Iterable[Tenure],
    *,
    as_at: datetime.date,
    basis: str = AUTHORITY,
    gap_days: int = MOVE_GAP_DAYS,
) -> tuple[Spell, ...]:
    """Every spell that had started by `as_at`, in one authority (basis AUTHORITY) or as a
    director across posts (DIRECTOR), cut at `as_at`; by start, then person."""
    if basis not in (AUTHORITY, DIRECTOR):
        raise ValueError(f"basis must be {AUTHORITY!r} or {DIRECTOR!r}")
    started = [t for t in tenures if t.start <= as_at]
    key = (lambda t: t.authority) if basis == AUTHORITY else (lambda t: t.person)
    grouped: dict[str, list[Tenure]] = defaultdict(list)
    for tenure in started:
        grouped[key(tenure)].append(tenure)
    groups: list[list[Tenure]] = []
    for posts in grouped.values():
        current: list[Tenure] = []
        reach: datetime.date | None = None  # the latest last day in `current`; None: in post
        for tenure in _by_start(posts):
            if basis == AUTHORITY:
                # Nobody else's tenure between: the authority's previous tenure is the person's.
                joins = bool(current) and _continues(current[-1], tenure, gap_days)
            else:
                joins = bool(current) and (
                    reach is None or (tenure.start - reach).days - 1 <= gap_days
                )
            end = None if tenure.end is None or tenure.end >= as_at else tenure.end
            if joins:
                current.append(tenure)
                reach = None if reach is None or end is None else max(reach, end)
            else:
                current = [tenure]
                groups.append(current)
                reach = end
    found = [_spell(group, as_at) for group in groups]
    return tuple(sorted(found, key=lambda s: (s.start, s.person, s.authorities)))


def survival_data(
    tenures: Iterable[Tenure],
    *,
    as_at: datetime.date,
    basis: str = AUTHORITY,
    unit: str = MONTHS,
    gap_days: int = MOVE_GAP_DAYS,
) -> TenureDurations:
    """The spells' lengths (in `unit`) and whether each ended by `as_at`, for Kaplan-Meier."""
    if unit not in (DAYS, MONTHS):
        raise ValueError(f"unit must be {DAYS!r} or {MONTHS!r}")
    found = spells(tenures, as_at=as_at, basis=basis, gap_days=gap_days)
    days = np.array([s.days for s in found], dtype=float)
    return TenureDurations(
        durations=days / MONTH_DAYS if unit == MONTHS else days,
        observed=np.array([s.ended for s in found], dtype=bool),
        spells=found,
    )


def _average(pairs: list[tuple[int, bool]]) -> TenureAverage:
    """Mean months of (days, interim) pairs: all, permanent, interim. The days are averaged
    first, then turned into months."""

    def mean(values: list[int]) -> float | None:
        return sum(values) / len(values) / MONTH_DAYS if values else None

    permanent = [days for days, interim in pairs if not interim]
    interim = [days for days, interim in pairs if interim]
    return TenureAverage(
        directors=len(pairs),
        months=mean([days for days, _ in pairs]),
        permanent_directors=len(permanent),
        permanent_months=mean(permanent),
        interim_directors=len(interim),
        interim_months=mean(interim),
    )


def average_tenure(
    tenures: Iterable[Tenure],
    *,
    on: datetime.date,
    basis: str = AUTHORITY,
    gap_days: int = MOVE_GAP_DAYS,
) -> TenureAverage:
    """The mean length so far on `on` of the spells of the directors in post then."""
    tenures = list(tenures)
    holding = [t for t in tenures if t.in_post_on(on)]
    found = spells(tenures, as_at=on, basis=basis, gap_days=gap_days)
    if basis == AUTHORITY:
        spell_of = {tenure: spell for spell in found for tenure in spell.tenures}
        pairs = [(spell_of[t].days, t.interim) for t in holding]
    else:
        current = {s.person: s for s in found if not s.ended}
        people = dict.fromkeys(t.person for t in holding)
        pairs = [
            (
                current[person].days,
                all(t.interim for t in holding if t.person == person),
            )
            for person in people
        ]
    return _average(pairs)


# Every reporting year at once ---------------------------------------------------------------
#
# `years_figures` gives, for many years, exactly what `changes` and `average_tenure` give year by
# year, in one pass of array operations over the register (tests/workforce/turnover_reference.py
# keeps the year-by-year loop, and a Hypothesis test holds the two to the same figures). What
# makes it possible:
#
# - A tenure's kind of change does not depend on the year: its predecessor in the authority and
#   the person's earlier posts all started before it. So each tenure's kind is worked out once
#   and the changes of every year are counted by the year it started in.
# - Which tenures make one spell does not depend on the as-at day either. In one authority a
#   tenure joins the one before it by their raw dates. Across posts, a tenure joins while it
#   starts within the gap of the latest last day so far; a post still held on the as-at day (cut
#   to "in post") and the same post read with its real last day (on or after that day, so after
#   every tenure started by then) let the same tenures join, for any gap of 0 or more.
# - A spell's days in post as at a day on which it is held are the days from its first day to
#   that day less the holes between its tenures that start by then (every tenure that started by
#   then starts on or before that day, so every hole lies before it): a running sum of holes,
#   looked up with `searchsorted`.
# - The directors in post on each 31 March are the (tenure, year) pairs with the tenure held on
#   that day: each tenure holds on a run of consecutive year ends, found by `searchsorted`.

_OPEN = datetime.date.max.toordinal()  # the last day of a tenure still in post, as `_by_start`
_SPAN = _OPEN + 2  # more than any difference between two days: offsets segments apart


@dataclass(frozen=True)
class _Arrays:
    """The register as arrays, tenure by tenure in the order given."""

    authority: np.ndarray  # an index into the sorted authority codes
    person: np.ndarray  # an index into the sorted people
    start: np.ndarray  # ordinal days
    end: np.ndarray  # ordinal days; _OPEN while in post
    open: np.ndarray  # bool: still in post (end None)
    interim: np.ndarray
    twin_hat: np.ndarray

    @classmethod
    def of(cls, tenures: Sequence[Tenure]) -> "_Arrays":
        # Plain comprehensions and map: the one part that is a loop in Python, kept lean.
        def codes(values: list[str]) -> np.ndarray:
            names = sorted(set(values))  # as str sorts them: the order `_by_start` uses
            place = dict(zip(names, range(len(names)), strict=True))
            return np.array(list(map(place.__getitem__, values)), dtype=np.int64)

        ends = [t.end for t in tenures]
        still = [end is None for end in ends]
        last_days = [_OPEN if end is None else end.toordinal() for end in ends]
        return cls(
            authority=codes([t.authority for t in tenures]),
            person=codes([t.person for t in tenures]),
            start=np.array(list(map(datetime.date.toordinal, [t.start for t in tenures]))),
            end=np.array(last_days, dtype=np.int64),
            open=np.array(still, dtype=bool),
            interim=np.array([t.interim for t in tenures], dtype=bool),
            twin_hat=np.array([t.twin_hat for t in tenures], dtype=bool),
        )


def _firsts(keys: np.ndarray) -> np.ndarray:
    """True where a sorted array's value differs from the one before (and at the first)."""
    found = np.ones(len(keys), dtype=bool)
    found[1:] = keys[1:] != keys[:-1]
    return found


def _running_max(values: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """The maximum of `values` so far within each segment (`segment`: ascending ids)."""
    offset = segment * _SPAN
    return np.maximum.accumulate(values + offset) - offset


class _Spells:
    """Tenures in a sorted order made into spells, to read a spell's days in post as at a day."""

    def __init__(self, order: np.ndarray, new: np.ndarray, arrays: _Arrays):
        self.order = order
        start, end = arrays.start[order], arrays.end[order]
        self.spell = np.cumsum(new) - 1  # in sorted order
        reach = _running_max(end, self.spell)  # the latest last day so far in the spell
        holes = np.zeros(len(order), dtype=np.int64)
        holes[1:] = np.maximum(start[1:] - reach[:-1] - 1, 0)
        holes[new] = 0
        total = np.cumsum(holes)
        self.holes = total - total[np.flatnonzero(new)][self.spell]  # within the spell so far
        self.first_day = start[np.flatnonzero(new)][self.spell]
        self.key = self.spell * _SPAN + start  # ascending
        self.place = np.empty(len(order), dtype=np.int64)
        self.place[order] = np.arange(len(order))  # a tenure's place in the sorted order

    def days(self, tenure: np.ndarray, on: np.ndarray) -> np.ndarray:
        """Days in post so far on `on` of the spell of each `tenure`, held on that day."""
        spell = self.spell[self.place[tenure]]
        last = np.searchsorted(self.key, spell * _SPAN + on, side="right") - 1
        return on - self.first_day[last] + 1 - self.holes[last]


def _by_authority(arrays: _Arrays) -> np.ndarray:
    """Tenures by authority, then as `_by_start` orders them (ties in the order given)."""
    index = np.arange(len(arrays.start))
    return np.lexsort((index, arrays.person, arrays.end, arrays.start, arrays.authority))


def _by_person(arrays: _Arrays) -> np.ndarray:
    index = np.arange(len(arrays.start))
    return np.lexsort((index, arrays.end, arrays.start, arrays.person))


def _kinds(
    arrays: _Arrays, by_authority: np.ndarray, by_person: np.ndarray, *, gap_days, handover_days
) -> np.ndarray:
    """Each tenure's kind of change (an index into KINDS, -1: not a change), as `_kind` gives
    it."""
    order = by_authority
    count = len(order)
    authority, person = arrays.authority[order], arrays.person[order]
    start, end, interim = arrays.start[order], arrays.end[order], arrays.interim[order]
    is_open = arrays.open[order]
    place = np.arange(count)
    # The predecessor: the last tenure in the authority that started on an earlier day.
    same_day_first = np.maximum.accumulate(np.where(_firsts(authority * _SPAN + start), place, 0))
    before = np.maximum(same_day_first - 1, 0)
    has_previous = (same_day_first > 0) & (authority[before] == authority)
    continues = (
        has_previous
        & (person[before] == person)
        & (is_open[before] | (start - end[before] - 1 <= gap_days))
    )
    carries_on = continues & ~(interim[before] & ~interim)
    kind = np.full(count, -1, dtype=np.int64)
    change = has_previous & ~carries_on
    kind[change & interim] = KINDS.index(INTERIM)
    kind[change & ~interim & continues] = KINDS.index(MADE_PERMANENT)
    # Moves: a permanent change left open so far, against every post of the same person.
    undecided = np.flatnonzero(change & ~interim & ~continues)
    tenure = order[undecided]  # as given
    people = arrays.person[by_person]
    first_of_person = np.flatnonzero(_firsts(people))
    posts_of = np.diff(np.append(first_of_person, count))
    segment = np.searchsorted(people[first_of_person], arrays.person[tenure])
    pairs = posts_of[segment]
    mine = np.repeat(tenure, pairs)
    within = np.arange(pairs.sum()) - np.repeat(np.cumsum(pairs) - pairs, pairs)
    post = by_person[np.repeat(first_of_person[segment], pairs) + within]
    between = arrays.start[mine] - arrays.end[post] - 1
    moved_now = (
        (arrays.authority[post] != arrays.authority[mine])
        & ~arrays.open[post]
        & (arrays.start[post] < arrays.start[mine])
        & (between >= -handover_days - 1)
        & (between <= gap_days)
    )
    moved = np.zeros(len(arrays.start), dtype=bool)
    moved[mine[moved_now]] = True
    # Anyone's first post started on their first day as a director.
    first_start = arrays.start[by_person][first_of_person][segment]
    experienced = first_start < arrays.start[tenure]
    kind_of = np.full(len(arrays.start), -1, dtype=np.int64)
    kind_of[order] = kind
    kind_of[tenure] = np.where(
        moved[tenure],
        KINDS.index(MOVED),
        np.where(experienced, KINDS.index(EXPERIENCED), KINDS.index(NEW_PERMANENT)),
    )
    return kind_of


def _distinct(group: np.ndarray, value: np.ndarray, groups: int, values: int) -> np.ndarray:
    """How many distinct values (0..values-1) each group (0..groups-1) has."""
    seen = np.zeros(groups * values, dtype=bool)
    seen[group * values + value] = True
    return seen.reshape(groups, values).sum(axis=1)


def _blank(year: ReportingYear) -> YearFigures:
    nobody = TenureAverage(0, None, 0, None, 0, None)
    return YearFigures(year, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, nobody, nobody)


def _averages(groups: np.ndarray, days: np.ndarray, interim: np.ndarray, size: int):
    """A TenureAverage for each group 0..size-1, as `_average` works it out."""

    def sums(mask):
        counts = np.bincount(groups[mask], minlength=size)
        totals = np.bincount(groups[mask], weights=days[mask], minlength=size)  # exact: < 2**53
        return counts, totals

    def mean(total, count):
        return int(total) / int(count) / MONTH_DAYS if count else None

    everyone, permanent, interims = sums(interim | ~interim), sums(~interim), sums(interim)
    return [
        TenureAverage(
            directors=int(everyone[0][g]),
            months=mean(everyone[1][g], everyone[0][g]),
            permanent_directors=int(permanent[0][g]),
            permanent_months=mean(permanent[1][g], permanent[0][g]),
            interim_directors=int(interims[0][g]),
            interim_months=mean(interims[1][g], interims[0][g]),
        )
        for g in range(size)
    ]


def years_figures(
    tenures: Iterable[Tenure],
    *,
    years: Iterable[ReportingYear],
    gap_days: int = MOVE_GAP_DAYS,
    handover_days: int = HANDOVER_DAYS,
) -> tuple[YearFigures, ...]:
    """Every figure of each reporting year (in the order given), as the module's docstring
    defines them: the same as `year_figures` year by year, worked out for all at once."""
    if gap_days < 0:
        raise ValueError("gap_days must be 0 or more")
    tenures, years = list(tenures), list(years)
    if not tenures or not years:
        return tuple(_blank(year) for year in years)
    firsts = sorted({year.first for year in years})
    size = len(firsts)
    year_starts = np.array([ReportingYear(f).starts_on.toordinal() for f in firsts], np.int64)
    year_ends = np.array([ReportingYear(f).ends_on.toordinal() for f in firsts], np.int64)
    arrays = _Arrays.of(tenures)
    authorities = int(arrays.authority.max()) + 1
    by_authority, by_person = _by_authority(arrays), _by_person(arrays)
    kind = _kinds(arrays, by_authority, by_person, gap_days=gap_days, handover_days=handover_days)

    # The changes, by the year they started in.
    started_in = np.searchsorted(year_starts, arrays.start, side="right") - 1
    counted = (
        (kind >= 0) & (started_in >= 0) & (arrays.start <= year_ends[np.maximum(started_in, 0)])
    )
    year_of, kind_of = started_in[counted], kind[counted]
    by_kind = np.bincount(year_of * len(KINDS) + kind_of, minlength=size * len(KINDS))
    by_kind = by_kind.reshape(size, len(KINDS))
    authorities_changed = _distinct(year_of, arrays.authority[counted], size, authorities)

    # Who is in post on each 31 March: every (tenure, year) pair.
    first_year = np.searchsorted(year_ends, arrays.start, side="left")
    held_years = np.maximum(np.searchsorted(year_ends, arrays.end, side="right") - first_year, 0)
    holding = np.repeat(np.arange(len(tenures)), held_years)
    within = np.arange(len(holding)) - np.repeat(np.cumsum(held_years) - held_years, held_years)
    year = first_year[holding] + within
    on = year_ends[year]

    held_by = arrays.authority[holding]

    def authorities_with(mask):
        return _distinct(year[mask], held_by[mask], size, authorities)

    in_post = authorities_with(np.ones(len(holding), dtype=bool))
    interims_in_post = authorities_with(arrays.interim[holding])
    twin_hats = authorities_with(arrays.twin_hat[holding])

    # Tenure in one authority: one per post held, its spell there.
    authority_sorted = arrays.authority[by_authority]
    person_sorted = arrays.person[by_authority]
    end_sorted, open_sorted = arrays.end[by_authority], arrays.open[by_authority]
    start_sorted = arrays.start[by_authority]
    # The tenure just before in the authority (not only an earlier day): `spells` joins on it.
    follows = np.zeros(len(tenures), dtype=bool)
    follows[1:] = (
        (authority_sorted[1:] == authority_sorted[:-1])
        & (person_sorted[1:] == person_sorted[:-1])
        & (open_sorted[:-1] | (start_sorted[1:] - end_sorted[:-1] - 1 <= gap_days))
    )
    in_authority = _Spells(by_authority, ~follows, arrays)
    post_days = in_authority.days(holding, on)
    tenure_in_authority = _averages(year, post_days, arrays.interim[holding], size)

    # Tenure across posts: one per person in post, permanent if any post they hold is.
    person_start, person_end = arrays.start[by_person], arrays.end[by_person]
    people = arrays.person[by_person]
    reach = _running_max(person_end, people)
    new = _firsts(people)
    new[1:] |= person_start[1:] - reach[:-1] - 1 > gap_days
    across = _Spells(by_person, new, arrays)
    key = year * (int(arrays.person.max()) + 1) + arrays.person[holding]
    order = np.argsort(key, kind="stable")
    starts = _firsts(key[order])
    which = np.cumsum(starts) - 1  # each pair's (person, year), in key order
    first = order[starts]
    permanent = np.bincount(which, weights=~arrays.interim[holding][order], minlength=len(first))
    permanent = permanent > 0
    director_days = across.days(holding[first], on[first])
    tenure_as_director = _averages(year[first], director_days, ~permanent, size)

    figures = {}
    for g, f in enumerate(firsts):
        counts = [int(n) for n in by_kind[g]]
        figures[f] = YearFigures(
            year=ReportingYear(f),
            changes=sum(counts),
            authorities_with_change=int(authorities_changed[g]),
            interim_appointments=counts[KINDS.index(INTERIM)],
            made_permanent=counts[KINDS.index(MADE_PERMANENT)],
            moves=counts[KINDS.index(MOVED)],
            experienced=counts[KINDS.index(EXPERIENCED)],
            new_permanent=counts[KINDS.index(NEW_PERMANENT)],
            in_post_at_end=int(in_post[g]),
            interims_in_post_at_end=int(interims_in_post[g]),
            twin_hat_at_end=int(twin_hats[g]),
            tenure_in_authority=tenure_in_authority[g],
            tenure_as_director=tenure_as_director[g],
        )
    return tuple(figures[year.first] for year in years)


def year_figures(
    tenures: Iterable[Tenure],
    *,
    year: ReportingYear,
    gap_days: int = MOVE_GAP_DAYS,
    handover_days: int = HANDOVER_DAYS,
) -> YearFigures:
    """Every figure of the reporting year, as the module's docstring defines them."""
    return years_figures(tenures, years=[year], gap_days=gap_days, handover_days=handover_days)[0]
