"""Bench: Kaplan-Meier with its confidence band on 100,000 tenures (`km_100k_s`), against
lifelines doing the same (`km_100k_lifelines_s`), issue 14.

Synthetic and deterministic: 100,000 directors whose tenure in months is drawn from a Weibull
(shape 1.2, scale 40 months: a median of about 29 months, as the sector's figures) and who
were appointed uniformly over the ten years before the register is read, so a tenure still
running then is censored (about three in ten are). The durations are continuous: every one is
distinct, the heaviest case for both (lifelines takes about 0.15 s on it).

Each run fits the survival, its 95% exponential Greenwood band and the median with its interval:
`survival.kaplan_meier`, and `KaplanMeierFitter().fit` with
`median_survival_times(kmf.confidence_interval_)`. One untimed run each, then RUNS turns taken
in alternation (so a busy moment on the machine falls on both alike); each figure is the median.

- `km_100k_speedup`: lifelines' time over ours, at least 3 (bench/run.py reads a `*_speedup`
  target as a floor); `km_100k_share_of_lifelines` is the same as a share, for the table.
- `km_100k_max_abs_diff`: the largest difference from lifelines in the survival, the band's two
  curves and the median with its limits (0 where both give infinity), at most 1e-9; the
  timelines must be the same, or the bench fails.
"""

import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lifelines import KaplanMeierFitter  # noqa: E402
from lifelines.utils import median_survival_times  # noqa: E402

from upon.workforce.algorithms.survival import kaplan_meier  # noqa: E402

TARGETS = {
    "km_100k_s": 0.05,
    "km_100k_speedup": 3.0,
    "km_100k_max_abs_diff": 1e-9,
}
SEED = 20180401
TENURES = 100_000
RUNS = 7


def tenures(count: int = TENURES, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    length = rng.weibull(1.2, count) * 40.0  # months each would stay
    so_far = rng.uniform(0, 120, count)  # months from appointment to the register's reading
    return np.minimum(length, so_far), length <= so_far


def ours(durations: np.ndarray, observed: np.ndarray):
    return kaplan_meier(durations=durations, observed=observed)


def theirs(durations: np.ndarray, observed: np.ndarray):
    # lifelines sets NumPy's error handling for the whole process as it fits: kept to here.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fitter = KaplanMeierFitter().fit(durations, observed)
        interval = median_survival_times(fitter.confidence_interval_)
    return fitter, interval


def difference(curve, fitter, interval) -> float:
    if not np.array_equal(curve.timeline, fitter.timeline):
        raise AssertionError("the timeline differs from lifelines'")
    bands = fitter.confidence_interval_.to_numpy()
    gaps = [
        np.abs(curve.survival - fitter.survival_function_.to_numpy()[:, 0]).max(),
        np.abs(curve.lower - bands[:, 0]).max(),
        np.abs(curve.upper - bands[:, 1]).max(),
    ]
    medians = zip(
        (curve.median.time, curve.median.lower, curve.median.upper),
        (fitter.median_survival_time_, *interval.to_numpy()[0]),
        strict=True,
    )
    for mine, lifelines in medians:
        gaps.append(0.0 if mine == lifelines else abs(mine - lifelines))
    return float(max(gaps))


def measure() -> dict[str, float]:
    durations, observed = tenures()
    curve = ours(durations, observed)
    fitter, interval = theirs(durations, observed)
    worst = difference(curve, fitter, interval)
    mine, lifelines = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        ours(durations, observed)
        mine.append(time.perf_counter() - started)
        started = time.perf_counter()
        theirs(durations, observed)
        lifelines.append(time.perf_counter() - started)
    km_s, lifelines_s = statistics.median(mine), statistics.median(lifelines)
    return {
        "km_100k_s": round(km_s, 4),
        "km_100k_lifelines_s": round(lifelines_s, 4),
        "km_100k_speedup": round(lifelines_s / km_s, 2),
        "km_100k_share_of_lifelines": round(km_s / lifelines_s, 3),
        "km_100k_max_abs_diff": worst,
        "km_100k_censored_share": round(float(1 - observed.mean()), 3),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        target = TARGETS.get(name)
        bound = "" if target is None else f"{target:g}"
        print(f"{name:<36}{value:>12.4g}{bound:>12}")
