"""Turnover and tenure of the national register, for its analytics pages (issue 14, item 3).

The figures are the pure modules' (`algorithms/turnover.py` defines every word; survival in
`algorithms/survival.py`, the test across groups in `algorithms/logrank_groups.py`); this module
reads the register into them and keeps what they give.

Aggregates only. The pages are read by the programme team and lead of any programme and by the
funder, so nothing here carries a director's name, and no figure is about one person: the register
is read as authority, a number standing for the person, dates, interim or permanent, twin hat.
Counts are not suppressed below 5, unlike the programme's own outcome figures: every count here is
of public appointments to a statutory post (who leads an authority's children's services is
public, and the sector publishes the same counts every year), with no equality monitoring data
anywhere near them, so a small count gives away nothing that is not already public.

Scale: the register is read with one `values_list` query (no names, no models), whatever its
size, and what the algorithms make of it is cached under the register's state (`state()`: how many
tenures, the newest, the latest recorded and changed times, each from an index: any
addition, import, change, end or deletion moves it) and the day, so a page asks one small
query while the register is unchanged and works the figures out again once after it changes.
Every reporting year is worked out in one pass (`turnover.years_figures`), and after the team
changes the register a background task works the pages' figures out again (`tasks.py`,
`refresh_soon`), so the first reader after a change reads them from the cache.

This is the one reader of the register for figures: the partner API (`partners/published.py`)
and the funder's report (`reporting/report_figures.py`) read it through `Reading`, and keep
what they make of it in the same cache under the same state.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db import connection

from upon.organisations.models import LocalAuthorityType, Region
from upon.workforce.algorithms import turnover
from upon.workforce.algorithms.logrank_groups import GroupLogRank, logrank_groups
from upon.workforce.algorithms.survival import Median, SurvivalCurve, kaplan_meier
from upon.workforce.models import Basis, Tenure

CACHE_SECONDS = 24 * 60 * 60
ALL, REGION, TYPE = "all", "region", "type"
GROUPINGS = {
    ALL: "All directors",
    REGION: "Region",
    TYPE: "Type of authority",
}
NO_REGION, NO_TYPE = "Region not recorded", "Type not recorded"
SURVIVAL_YEARS = (1, 2, 3, 5)  # the table's "still in post after" columns
BASIS_LABELS = {
    turnover.AUTHORITY: "In one authority",
    turnover.DIRECTOR: "As a director across posts",
}


@dataclass(frozen=True)
class Register:
    """The register as the algorithms read it, with each authority's region and type."""

    tenures: tuple[turnover.Tenure, ...]
    region_of: dict[str, str]  # authority (its pk, as text) to region label
    type_of: dict[str, str]  # authority to type label
    state: str = ""  # `state()` as it was just before it was read
    _spells: dict = field(default_factory=dict, compare=False, repr=False)

    def survival_data(self, *, basis: str, as_at: datetime.date) -> turnover.TenureDurations:
        """`turnover.survival_data` on the register, worked out once a basis and day however
        many figures read it (the pages' refresh reads it six times)."""
        key = (basis, as_at)
        if key not in self._spells:
            self._spells[key] = turnover.survival_data(self.tenures, as_at=as_at, basis=basis)
        return self._spells[key]


@dataclass(frozen=True)
class BasisFigures:
    """Tenure on one basis (in one authority, or as a director across posts)."""

    basis: str
    label: str
    at_year_end: turnover.TenureAverage | None  # directors in post on the last 31 March
    spells: int  # every spell started by today
    ended: int
    mean_completed_months: float | None  # the spells that ended
    median: Median  # Kaplan-Meier, months


@dataclass(frozen=True)
class TenureFigures:
    year: turnover.ReportingYear | None  # the last complete reporting year
    in_authority: BasisFigures
    as_director: BasisFigures
    trend: tuple[turnover.YearFigures, ...]  # the latest years, oldest first


@dataclass(frozen=True)
class Group:
    label: str
    curve: SurvivalCurve  # months
    spells: int
    left: int
    in_post: int
    still_in_post_after: tuple[float, ...]  # the share, after each of SURVIVAL_YEARS


@dataclass(frozen=True)
class SurvivalFigures:
    by: str
    groups: tuple[Group, ...]
    test: GroupLogRank | None  # across the groups; None for "all" (its two curves overlap)


def state() -> str:
    """What the cached figures are keyed on: how many tenures, the newest, and the latest
    recorded and changed. Any addition, import, change (every change, by an edit page's claim
    or an import's bump, sets `changed_at` to now: upon/service/versioning.py), end or deletion
    moves it. One query of four parts, each answered from an index (the count from the
    smallest; the others from their own, `models.Tenure.Meta`), not a scan of the register: a
    single SELECT of several aggregates would read every row."""
    quote, meta = connection.ops.quote_name, Tenure._meta
    table = quote(meta.db_table)
    columns = [quote(meta.get_field(name).column) for name in ("id", "recorded_at", "changed_at")]
    parts = ["COUNT(*)", *(f"MAX({column})" for column in columns)]
    # Built from the model's own table and column names, quoted; nothing from a request.
    subqueries = [f"(SELECT {part} FROM {table})" for part in parts]  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(subqueries))
        found = cursor.fetchone()
    return ":".join(str(value) for value in found)


def read_register(*, state: str = "") -> Register:
    """Every tenure, in one query, as the algorithms take it, kept with `state` (the register's
    state, asked before it was read: see `Reading`)."""
    regions, types = dict(Region.choices), dict(LocalAuthorityType.choices)
    tenures, region_of, type_of = [], {}, {}
    rows = Tenure.objects.order_by().values_list(
        "authority_id",
        "director_id",
        "started_on",
        "ended_on",
        "basis",
        "twin_hat",
        "authority__region",
        "authority__la_type",
    )
    for authority, director, start, end, basis, twin_hat, region, la_type in rows:
        key = str(authority)
        tenures.append(
            turnover.Tenure(
                authority=key,
                person=str(director),
                start=start,
                end=end,
                interim=basis == Basis.INTERIM,
                twin_hat=twin_hat,
            )
        )
        region_of[key] = regions.get(region, NO_REGION)
        type_of[key] = types.get(la_type, NO_TYPE)
    return Register(tuple(tenures), region_of, type_of, state)


class Reading:
    """The register's state, asked once, and the register, read at most once, for one page or
    job; what is worked out from it is kept in the cache under the state and the day.

    The state is asked first (one aggregate query), and the register read after it only when the
    cache has not got what is asked. In that order a change landing between the two can only put
    newer figures under the older state, which the next reader, seeing the new state, works out
    again; never older figures under the newer state."""

    def __init__(self):
        self._found = state()
        self.state = hashlib.sha256(self._found.encode()).hexdigest()[:32]
        self._register = None
        self.worked_out = 0  # how many of what was asked the cache had not got

    @property
    def register(self) -> Register:
        if self._register is None:
            self._register = read_register(state=self._found)
        return self._register

    def key(self, name: str, today: datetime.date) -> str:
        return f"workforce-analytics:{name}:{today.isoformat()}:{self.state}"

    def cached(self, name: str, today: datetime.date, compute):
        """What `compute()` gives, from the cache while the register is unchanged; `compute`
        reads `self.register` if it needs it (the register is read only then)."""
        key = self.key(name, today)
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, CACHE_SECONDS)
            self.worked_out += 1
        return found


def last_complete_year(today: datetime.date) -> turnover.ReportingYear:
    return turnover.ReportingYear(turnover.ReportingYear.containing(today).first - 1)


def _years(register: Register, today: datetime.date) -> tuple[turnover.YearFigures, ...]:
    if not register.tenures:
        return ()
    first = turnover.ReportingYear.containing(min(t.start for t in register.tenures))
    last = last_complete_year(today)
    years = [turnover.ReportingYear(year) for year in range(first.first, last.first + 1)]
    return turnover.years_figures(register.tenures, years=years)


def yearly(
    *, today: datetime.date, reading: Reading | None = None
) -> tuple[turnover.YearFigures, ...]:
    """Each complete reporting year's figures, from the register's first year, oldest first."""
    reading = reading or Reading()
    return reading.cached("years", today, lambda: _years(reading.register, today))


def figures_for(
    *, years: list[turnover.ReportingYear], today: datetime.date, reading: Reading | None = None
) -> tuple[turnover.YearFigures, ...]:
    """The figures of the given reporting years, each of which had ended by `today`, from the
    cached yearly figures; a year before the register's first has none (all zero)."""
    found = {figures.year: figures for figures in yearly(today=today, reading=reading)}
    last = last_complete_year(today)
    if any(year > last for year in years):
        raise ValueError(f"Only the reporting years to {last.label} have ended")
    missing = [year for year in years if year not in found]
    found |= dict(zip(missing, turnover.years_figures((), years=missing), strict=True))
    return tuple(found[year] for year in years)


def _curve(durations: turnover.TenureDurations) -> SurvivalCurve:
    return kaplan_meier(durations=durations.durations, observed=durations.observed)


def _basis(register, *, basis, today, years) -> BasisFigures:
    found = register.survival_data(basis=basis, as_at=today)
    completed = found.durations[found.observed]
    latest = years[-1] if years else None
    return BasisFigures(
        basis=basis,
        label=BASIS_LABELS[basis],
        at_year_end=(
            None
            if latest is None
            else latest.tenure_in_authority
            if basis == turnover.AUTHORITY
            else latest.tenure_as_director
        ),
        spells=len(found.durations),
        ended=int(found.observed.sum()),
        mean_completed_months=float(completed.mean()) if len(completed) else None,
        median=_curve(found).median if len(found.durations) else Median(*(float("inf"),) * 3),
    )


def tenure(
    *, today: datetime.date, trend_years: int = 10, reading: Reading | None = None
) -> TenureFigures:
    reading = reading or Reading()
    years = yearly(today=today, reading=reading)

    def compute():
        register = reading.register
        return TenureFigures(
            year=years[-1].year if years else None,
            in_authority=_basis(register, basis=turnover.AUTHORITY, today=today, years=years),
            as_director=_basis(register, basis=turnover.DIRECTOR, today=today, years=years),
            trend=years[-trend_years:],
        )

    return reading.cached(f"tenure:{trend_years}", today, compute)


def _group(label: str, durations: np.ndarray, observed: np.ndarray) -> Group:
    curve = kaplan_meier(durations=durations, observed=observed)
    after = curve.survival_at(np.array(SURVIVAL_YEARS, dtype=float) * 12)
    return Group(
        label=label,
        curve=curve,
        spells=len(durations),
        left=int(observed.sum()),
        in_post=int((~observed).sum()),
        still_in_post_after=tuple(float(v) for v in after),
    )


def _survival(register: Register, *, by: str, today: datetime.date) -> SurvivalFigures:
    if not register.tenures:
        return SurvivalFigures(by, (), None)
    if by == ALL:
        groups = []
        for basis, label in BASIS_LABELS.items():
            found = register.survival_data(basis=basis, as_at=today)
            groups.append(_group(label, found.durations, found.observed))
        return SurvivalFigures(by, tuple(groups), None)
    label_of = register.region_of if by == REGION else register.type_of
    choices = Region.choices if by == REGION else LocalAuthorityType.choices
    order = {label: place for place, (_, label) in enumerate(choices)}
    found = register.survival_data(basis=turnover.AUTHORITY, as_at=today)
    labels = np.array([label_of[spell.authorities[0]] for spell in found.spells])
    present = sorted(set(labels), key=lambda name: (order.get(name, len(order)), name))
    parts = [(found.durations[labels == name], found.observed[labels == name]) for name in present]
    groups = tuple(_group(name, *part) for name, part in zip(present, parts, strict=True))
    test = logrank_groups(parts) if len(parts) > 1 else None
    return SurvivalFigures(by, groups, test)


def survival(
    *, today: datetime.date, by: str = ALL, reading: Reading | None = None
) -> SurvivalFigures:
    """Kaplan-Meier of tenure as at today: for "all", in one authority and across posts; by
    region or type of authority, tenure in one authority in each, with the log-rank test."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}")
    reading = reading or Reading()
    return reading.cached(
        f"survival:{by}", today, lambda: _survival(reading.register, by=by, today=today)
    )


def refresh(*, today: datetime.date, reading: Reading | None = None) -> str:
    """Work out every analytics page's figures for `today` into the cache, those it has not got
    already (nothing, if the register has not changed since they were). Returns the state they
    are kept under. Run by `tasks.refresh_analytics` after the register changes."""
    reading = reading or Reading()
    tenure(today=today, reading=reading)  # the yearly figures with it
    for by in GROUPINGS:
        survival(today=today, by=by, reading=reading)
    return reading.state
