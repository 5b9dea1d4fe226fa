"""The figures the partner API publishes, read from the register and the programme: only
aggregates, with the funder's suppression (the API's readers are outside the programme).

- The register's yearly figures: every complete reporting year (1 April to 31 March, ended by
  today) from the register's first, the workforce analytics' (`upon/workforce/analytics.py`:
  `turnover.years_figures` over every tenure), published as `algorithms/published.py` hides
  them. Authorities are as the register keeps them (a former code is followed to the authority
  that has it now), people by their register entry.
- Tenure by region: Kaplan-Meier over the spells as at today, in one authority or as a director
  across posts; a spell's region is its first authority's. England and each region.
- The programme's funnel per intake and its grant: the reporting app's figures, suppressed for
  the funder (`reporting/funnel.py`, `reporting/grant.py`).
- Published funder reports: see `funder_reports`.

The register is read through the workforce analytics' one reader (`analytics.Reading`), and what
is published from it is kept in the same cache under the register's state and the day: worked
out once after the register changes, then one aggregate query a request.
"""

import datetime
from collections import defaultdict

from upon.organisations.models import Region
from upon.partners.algorithms import published
from upon.reporting import funnel, grant, report
from upon.workforce import analytics
from upon.workforce.algorithms import survival

ENGLAND = "England"
NO_REGION = analytics.NO_REGION


def yearly_figures(
    *, today: datetime.date, first: int | None = None, last: int | None = None
) -> list[published.PublishedYear]:
    """Every complete reporting year's figures from the register's first (the workforce
    analytics' yearly figures), published; kept in their cache beside them."""
    reading = analytics.Reading()

    def compute():
        return [published.year(found) for found in analytics.yearly(today=today, reading=reading)]

    return [
        found
        for found in reading.cached("partners-years", today, compute)
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
    reading = analytics.Reading()
    return reading.cached(
        f"partners-tenure-{basis}",
        today,
        lambda: _tenure_by_region(reading.register, today=today, basis=basis),
    )


def _tenure_by_region(
    register: analytics.Register, *, today: datetime.date, basis: str
) -> list[published.PublishedGroup]:
    data = register.survival_data(basis=basis, as_at=today)
    durations, ended = defaultdict(list), defaultdict(list)
    for spell, months, observed in zip(data.spells, data.durations, data.observed, strict=True):
        region = register.region_of[spell.authorities[0]]
        durations[region].append(float(months))
        ended[region].append(bool(observed))
    total = _group(ENGLAND, [float(m) for m in data.durations], [bool(o) for o in data.observed])
    rows = [_group(label, durations[label], ended[label]) for label in Region.labels]
    unknown = set(durations) - set(Region.labels)  # an authority with no region recorded
    if unknown:
        rows.append(
            _group(
                NO_REGION,
                [m for label in unknown for m in durations[label]],
                [o for label in unknown for o in ended[label]],
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
