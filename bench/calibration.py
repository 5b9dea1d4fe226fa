"""Bench: calibrating 50,000 reviews (`calibrate_50k_s`).

Synthetic and deterministic: 16,667 applications with three reviews each from a pool of 500
reviewers, merits and severities drawn from known distributions, scores rounded to the rubric's
1 to 4. The timed call is the whole fit: offsets, merits and their uncertainties, plus the
intake's Krippendorff's alpha.
"""

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upon.selection.algorithms.calibration import calibrate, krippendorff_alpha_interval  # noqa: E402

TARGETS = {"calibrate_50k_s": 1.0}
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


def measure() -> dict[str, float]:
    applications, reviewers, scores = reviews()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        calibrate(applications=applications, reviewers=reviewers, scores=scores)
        krippendorff_alpha_interval(units=applications, coders=reviewers, values=scores)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "calibrate_50k_s": round(statistics.median(times), 4),
        "calibrate_50k_s_p95": round(p95, 4),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        target = TARGETS.get(name)
        print(f"{name:<24}{value:>10.4f}{target if target is not None else '':>10}")
