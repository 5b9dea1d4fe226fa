"""Bench: the partner API's yearly register figures (`/api/v1/register/years`, issue 14 item 7)
over a national register: `partner_api_years_s`, the time to work out and publish (with the
funder's suppression) every reporting year from thirty years of tenures in 153 authorities.

That arithmetic is the endpoint's cost: its one query reads the tenures, and the rest is
`turnover.years_figures` for every year at once and `published.year` (which runs the
suppression, CP-SAT included, on each year's tables). Synthetic and deterministic: each
authority's directors follow one another from 1 April 1996 to today, each staying a
Weibull-drawn time (median about 29 months); one in five is interim, one in seven twin hat, and
one in ten has led another authority before. One untimed run, then RUNS timed; the figure is the
median. The API keeps the result in the cache until the register or the day changes
(`upon/partners/published.py`, beside the register's analytics), so this is the first request
after a change; later ones read the cache.
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upon.partners.algorithms import published  # noqa: E402
from upon.workforce.algorithms import turnover  # noqa: E402

TARGETS = {"partner_api_years_s": 3.0}
SEED = 20210401
AUTHORITIES = 153
FIRST = datetime.date(1996, 4, 1)
TODAY = datetime.date(2026, 6, 1)
RUNS = 3


def register(seed: int = SEED) -> list[turnover.Tenure]:
    rng = np.random.default_rng(seed)
    tenures, people = [], 0
    for authority in range(AUTHORITIES):
        start = FIRST
        while start <= TODAY:
            days = max(int(rng.weibull(1.2) * 40 * 30.4375), 30)
            end = start + datetime.timedelta(days=days - 1)
            mover = tenures and rng.random() < 0.1
            person = tenures[int(rng.integers(len(tenures)))].person if mover else f"p{people}"
            people += 0 if mover else 1
            tenures.append(
                turnover.Tenure(
                    authority=f"a{authority}",
                    person=person,
                    start=start,
                    end=None if end >= TODAY else end,
                    interim=bool(rng.random() < 0.2),
                    twin_hat=bool(rng.random() < 1 / 7),
                )
            )
            start = end + datetime.timedelta(days=1)
    return tenures


def publish(tenures) -> list[published.PublishedYear]:
    last = turnover.ReportingYear.containing(TODAY).first - 1
    years = [turnover.ReportingYear(first) for first in range(FIRST.year, last + 1)]
    return [published.year(found) for found in turnover.years_figures(tenures, years=years)]


def measure() -> dict:
    tenures = register()
    publish(tenures)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        years = publish(tenures)
        times.append(time.perf_counter() - started)
    return {
        "partner_api_years_s": statistics.median(times),
        "partner_api_years_tenures": len(tenures),
        "partner_api_years_years": len(years),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name}: {value:.4g}" if isinstance(value, float) else f"{name}: {value}")
