"""Bench: every reporting year's turnover and tenure figures on the national register
(`turnover_years_100k_s`, issue 14): `turnover.years_figures` over all the register's years at
once, the work behind the register's yearly figures page, the funder's report and the partner
API after the register changes.

The register is the national dataset's (`seed_demo --scale national`, demo/register.py) built
without the database: thirty reporting years of invented history for the 153 authorities and
100,000 synthetic tenures on copies of them, each copy with its own seeded history, from the
same generator (`demo/register_history.py`, which is pure). About 38 reporting years: the first
directors started up to eight years before the history's first year. One untimed run, then RUNS
timed; the figure is the median. The year-by-year loop it replaced took about 4.5 s a year here.
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo.register_history import invent  # noqa: E402
from upon.workforce.algorithms import turnover  # noqa: E402

TARGETS = {"turnover_years_100k_s": 0.5}
SEED = 2026
AUTHORITIES = 153
SYNTHETIC = 100_000
YEARS = 30
TODAY = datetime.date(2026, 6, 1)
RUNS = 5


def register() -> list[turnover.Tenure]:
    """The 153 authorities' history and exactly SYNTHETIC tenures more, as the seed makes them."""
    last = turnover.ReportingYear.containing(TODAY).first - 1
    years = {"first_year": last - YEARS + 1, "last_year": last}
    codes = [f"E{place:08d}" for place in range(AUTHORITIES)]
    posts = invent(codes, **years, seed=SEED)
    synthetic, copy, people = [], 0, max(post.person for post in posts)
    while len(synthetic) < SYNTHETIC:
        copy += 1
        mirrors = [f"SYN{copy:03d}{place:03d}" for place in range(AUTHORITIES)]
        invented = invent(mirrors, **years, seed=SEED + copy)[: SYNTHETIC - len(synthetic)]
        for post in invented:
            post.person += people
        people = max(post.person for post in invented)
        synthetic += invented
    return [
        turnover.Tenure(
            authority=post.authority,
            person=str(post.person),
            start=post.started_on,
            end=post.ended_on,
            interim=post.interim,
            twin_hat=post.twin_hat,
        )
        for post in posts + synthetic
    ]


def reporting_years(tenures) -> list[turnover.ReportingYear]:
    first = turnover.ReportingYear.containing(min(t.start for t in tenures)).first
    last = turnover.ReportingYear.containing(TODAY).first - 1
    return [turnover.ReportingYear(year) for year in range(first, last + 1)]


def measure() -> dict:
    tenures = register()
    years = reporting_years(tenures)
    turnover.years_figures(tenures, years=years)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        turnover.years_figures(tenures, years=years)
        times.append(time.perf_counter() - started)
    return {
        "turnover_years_100k_s": round(statistics.median(times), 4),
        "turnover_years_100k_tenures": len(tenures),
        "turnover_years_100k_years": len(years),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        target = TARGETS.get(name)
        bound = "" if target is None else f"{target:g}"
        print(f"{name:<36}{value:>12.4g}{bound:>12}")
