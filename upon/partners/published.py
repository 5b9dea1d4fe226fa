"""The figures the partner API publishes, read from the register and the programme: only
aggregates, with the funder's suppression (the API's readers are outside the programme).

- The register's yearly figures: every complete reporting year (1 April to 31 March, ended by
  today) from the register's first, `turnover.year_figures` over every tenure, published as
  `algorithms/published.py` hides them. Authorities are as the register keeps them (a former
  code is followed to the authority that has it now), people by their register entry.
- Tenure by region: Kaplan-Meier over the spells as at today, in one authority or as a director
  across posts; a spell's region is its first authority's. England and each region.
- The programme's funnel per intake and its grant: the reporting app's figures, suppressed for
  the funder (`reporting/funnel.py`, `reporting/grant.py`).
- Published funder reports: see `funder_reports`.
"""

import datetime
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from upon.organisations.models import Region
from upon.partners.algorithms import published
from upon.reporting import funnel, grant, report
from upon.support.models import Tenure as Basis
from upon.workforce.algorithms import survival, turnover
from upon.workforce.models import Tenure

# The register's figures take about a second to work out at national scale (thirty years of
# 153 authorities: bench/partner_api_years.py) and change only with the register or the day:
# they are kept in the cache under both, for a day at most.
CACHE_SECONDS = 24 * 60 * 60
ENGLAND = "England"
NO_REGION = "Region not recorded"


def register_tenures() -> list[tuple[turnover.Tenure, str]]:
    """Every tenure in the register, with its authority's region code. One query."""
    rows = Tenure.objects.values_list(
        "authority_id",
        "authority__region",
        "director_id",
        "started_on",
        "ended_on",
        "basis",
        "twin_hat",
    ).order_by()
    return [
        (
            turnover.Tenure(
                authority=str(authority),
                person=str(person),
                start=start,
                end=end,
                interim=basis == Basis.INTERIM,
                twin_hat=twin_hat,
            ),
            region,
        )
        for authority, region, person, start, end, basis, twin_hat in rows
    ]


def _register_stamp() -> str:
    """Changes whenever a tenure is added, removed or changed (every change bumps its version,
    imports included)."""
    found = Tenure.objects.aggregate(n=Count("pk"), last=Max("pk"), versions=Sum("version"))
    return f"{found['n']}-{found['last']}-{found['versions']}"


def _cached(name: str, today: datetime.date, compute):
    key = f"partners:{name}:{today.isoformat()}:{_register_stamp()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def complete_years(
    tenures, *, today: datetime.date, first: int | None = None, last: int | None = None
) -> list[turnover.ReportingYear]:
    """The reporting years that have ended by today, from the register's first (or `first`) to
    `last`, oldest first."""
    if not tenures:
        return []
    earliest = turnover.ReportingYear.containing(min(t.start for t in tenures)).first
    latest = turnover.ReportingYear.containing(today).first - 1
    start = earliest if first is None else max(first, earliest)
    end = latest if last is None else min(last, latest)
    return [turnover.ReportingYear(y) for y in range(start, end + 1)]


def yearly_figures(
    *, today: datetime.date, first: int | None = None, last: int | None = None
) -> list[published.PublishedYear]:
    def compute():
        tenures = [tenure for tenure, _ in register_tenures()]
        return [
            published.year(turnover.year_figures(tenures, year=year))
            for year in complete_years(tenures, today=today)
        ]

    return [
        found
        for found in _cached("years", today, compute)
        if (first is None or found.year.first >= first)
        and (last is None or found.year.first <= last)
    ]


def _group(label: str, durations: list[float], ended: list[bool]) -> published.GroupTenure:
    if not durations:
        return published.GroupTenure(label, 0, 0, None)
    curve = survival.kaplan_meier(durations=durations, observed=ended)
    return published.GroupTenure(label, len(durations), sum(ended), curve.median)


def tenure_by_region(*, today: datetime.date, basis: str) -> list[published.PublishedGroup]:
    """England, then each region in the register's order: spells, ended, median months."""
    return _cached(f"tenure-{basis}", today, lambda: _tenure_by_region(today=today, basis=basis))


def _tenure_by_region(*, today: datetime.date, basis: str) -> list[published.PublishedGroup]:
    found = register_tenures()
    region_of = {tenure.authority: region for tenure, region in found}
    data = turnover.survival_data([t for t, _ in found], as_at=today, basis=basis)
    durations, ended = defaultdict(list), defaultdict(list)
    for spell, months, observed in zip(data.spells, data.durations, data.observed, strict=True):
        region = region_of[spell.authorities[0]]
        durations[region].append(float(months))
        ended[region].append(bool(observed))
    total = _group(ENGLAND, [float(m) for m in data.durations], [bool(o) for o in data.observed])
    rows = [_group(label, durations[code], ended[code]) for code, label in Region.choices]
    unknown = set(durations) - set(Region.values)  # an authority with no region recorded
    if unknown:
        rows.append(
            _group(
                NO_REGION,
                [m for code in unknown for m in durations[code]],
                [o for code in unknown for o in ended[code]],
            )
        )
    return published.groups(total, rows)


def intake_funnels(*, programme) -> list[funnel.IntakeFunnel]:
    return funnel.intake_funnels(programme=programme, suppress=True)


def grant_figures(*, programme) -> tuple[grant.BudgetAgainstSpend, list[grant.CostPer]]:
    figures = grant.budget_against_spend(programme=programme)
    return figures, grant.costs_per(programme=programme, spent=figures.spent, suppress=True)


def funder_reports(*, programme) -> list[dict]:
    """The programme's published funder reports, newest first: the finished versions the funder
    reads (upon/reporting/report.py), each with its title, period and when it was finished;
    nothing about who built it, and not the files (the funder downloads those in the service)."""
    return [
        {
            "title": f"Report to the funder, version {found.version}",
            "period_starts_on": found.starts_on,
            "period_ends_on": found.ends_on,
            "published_at": found.finished_at,
        }
        for found in report.reports_for(programme=programme, team=False)
    ]
