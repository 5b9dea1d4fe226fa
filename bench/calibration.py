"""Bench: calibrating 50,000 reviews (`calibrate_50k_s`, and from 5,000 reviewers
`calibrate_50k_5000_reviewers_s`).

Synthetic and deterministic: 16,667 applications with three reviews each from a pool of 500
reviewers (or 5,000, where the offsets' share of the uncertainties is estimated), merits and
severities drawn from known distributions, scores rounded to the rubric's 1 to 4. The timed call
is the whole fit: offsets, merits and their uncertainties, plus the intake's Krippendorff's
alpha.
"""

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upon.selection.algorithms.calibration import calibrate, krippendorff_alpha_interval  # noqa: E402

TARGETS = {"calibrate_50k_s": 1.0, "calibrate_50k_5000_reviewers_s": 0.3}
RUNS = 7
SEED = 20240612


def reviews(count: int = 50_000, reviewers: int = 500, seed: int = SEED):
    rng = np.random.default_rng(seed)
    n_apps = -(-count // 3)
    applications = np.repeat(np.arange(n_apps), 3)[:count]
    who = rng.integers(0, reviewers, count)
    merit = rng.normal(2.5, 0.6, n_apps)
    severity = rng.normal(0, 0.4, reviewers)
    noise = rng.normal(0, 0.5, count)
    scores = np.clip(np.rint(merit[applications] + severity[who] + noise), 1, 4)
    return applications, who, scores


def timed(reviewers: int) -> list[float]:
    applications, who, scores = reviews(reviewers=reviewers)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        calibrate(applications=applications, reviewers=who, scores=scores)
        krippendorff_alpha_interval(units=applications, coders=who, values=scores)
        times.append(time.perf_counter() - start)
    return sorted(times)


def p95(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure() -> dict[str, float]:
    figures = {}
    for reviewers, name in ((500, "calibrate_50k_s"), (5000, "calibrate_50k_5000_reviewers_s")):
        times = timed(reviewers)
        figures[name] = round(statistics.median(times), 4)
        figures[f"{name}_p95"] = round(p95(times), 4)
    return figures


if __name__ == "__main__":
    for name, value in measure().items():
        target = TARGETS.get(name)
        print(f"{name:<36}{value:>10.4f}{target if target is not None else '':>10}")
