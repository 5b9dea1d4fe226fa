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


def year_figures(
    tenures: Iterable[Tenure],
    *,
    year: ReportingYear,
    gap_days: int = MOVE_GAP_DAYS,
    handover_days: int = HANDOVER_DAYS,
) -> YearFigures:
    """Every figure of the reporting year, as the module's docstring defines them."""
    tenures = list(tenures)
    found = changes(tenures, year=year, gap_days=gap_days, handover_days=handover_days)
    count = {kind: sum(c.kind == kind for c in found) for kind in KINDS}
    end = year.ends_on
    holding = [t for t in tenures if t.in_post_on(end)]
    return YearFigures(
        year=year,
        changes=len(found),
        authorities_with_change=len({c.tenure.authority for c in found}),
        interim_appointments=count[INTERIM],
        made_permanent=count[MADE_PERMANENT],
        moves=count[MOVED],
        experienced=count[EXPERIENCED],
        new_permanent=count[NEW_PERMANENT],
        in_post_at_end=len({t.authority for t in holding}),
        interims_in_post_at_end=len({t.authority for t in holding if t.interim}),
        twin_hat_at_end=len({t.authority for t in holding if t.twin_hat}),
        tenure_in_authority=average_tenure(tenures, on=end, basis=AUTHORITY, gap_days=gap_days),
        tenure_as_director=average_tenure(tenures, on=end, basis=DIRECTOR, gap_days=gap_days),
    )
