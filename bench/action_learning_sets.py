"""Bench: forming action learning sets (`als_120_s`, `als_120_score`, `als_500_s`, `als_500_score`).

The reference objective: 120 people in 20 sets of 6 (sets of 5 to 7, sizes balanced), no two
from one employer in a set, score = sum over sets of distinct regions plus distinct sectors, so
attributes=("region", "sector"); the bound is 240. A plain swap local search reaches 236 in 2 s
and CP-SAT only after 60 s; the target is 236 or more in under 2 s, and 500 people in under 10 s.

The cohorts are synthetic and deterministic: 53 employers for 120 people (221 for 500) of very
uneven sizes, none larger than 20; each employer is in one of 9 regions (regions of uneven size,
employers placed largest first where their region is furthest below its share), and the 6
sectors are dealt evenly and shuffled.
"""

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upon.delivery.algorithms.set_formation import Member, form_sets  # noqa: E402

TARGETS = {"als_120_s": 2.0, "als_120_score": 236, "als_500_s": 10.0}
ATTRIBUTES = ("region", "sector")
RUNS = 3
SEED = 20240611
LARGEST_EMPLOYER = 20
REGION_SHARE = np.array([14, 13, 12, 12, 11, 11, 10, 10, 7], dtype=float)
SECTORS = ("Local authority", "Health", "Voluntary", "Education", "Police", "Government")
EMPLOYER_TYPES = ("Council", "NHS trust", "Charity", "Academy trust", "Police force", "Department")


def employer_sizes(people: int, employers: int, rng: np.random.Generator) -> np.ndarray:
    """Uneven sizes, each at least 1 and at most LARGEST_EMPLOYER, summing to people."""
    weight = rng.pareto(1.1, employers) + 0.05
    sizes = 1 + rng.multinomial(people - employers, weight / weight.sum())
    while sizes.max() > LARGEST_EMPLOYER:  # move the excess to the smaller employers
        excess = int((sizes - np.minimum(sizes, LARGEST_EMPLOYER)).sum())
        sizes = np.minimum(sizes, LARGEST_EMPLOYER)
        room = np.flatnonzero(sizes < LARGEST_EMPLOYER)
        sizes[room] += rng.multinomial(excess, np.full(len(room), 1 / len(room)))
    return sizes


def cohort(people: int = 120, seed: int = SEED) -> list[Member]:
    rng = np.random.default_rng(seed)
    employers = round(53 * people / 120)
    sizes = employer_sizes(people, employers, rng)
    share = REGION_SHARE / REGION_SHARE.sum() * people
    in_region = np.zeros(len(share))
    region_of = np.zeros(employers, dtype=int)
    for e in np.argsort(-sizes, kind="stable"):
        region_of[e] = int(np.argmax(share - in_region))
        in_region[region_of[e]] += sizes[e]
    employer_type_of = rng.integers(0, len(EMPLOYER_TYPES), employers)
    employer_of = np.repeat(np.arange(employers), sizes)
    rng.shuffle(employer_of)
    sectors = rng.permutation(np.arange(people) % len(SECTORS))
    return [
        Member(
            id=f"P{index:04d}",
            region=f"Region {region_of[e]}",
            sector=SECTORS[sectors[index]],
            employer=f"Employer {e:03d}",
            employer_type=EMPLOYER_TYPES[employer_type_of[e]],
        )
        for index, e in enumerate(employer_of)
    ]


def form(people: int):
    """The cohort's sets, with the time limit set to the target."""
    limit = TARGETS[f"als_{people}_s"]
    return form_sets(members=cohort(people), attributes=ATTRIBUTES, time_limit_s=limit)


def timed(people: int) -> tuple[float, object]:
    times, formation = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        formation = form(people)
        times.append(time.perf_counter() - start)
        assert formation.feasible
    return statistics.median(times), formation


def measure() -> dict[str, float]:
    results: dict[str, float] = {}
    for people in (120, 500):
        seconds, formation = timed(people)
        results[f"als_{people}_s"] = round(seconds, 4)
        results[f"als_{people}_score"] = formation.score
        results[f"als_{people}_bound"] = formation.upper_bound
    return results


if __name__ == "__main__":
    for people in (120, 500):
        formation = form(people)
        sizes = sorted({len(s) for s in formation.sets})
        print(
            f"{people} people: {len(formation.sets)} sets of {sizes}, score {formation.score}, "
            f"bound {formation.upper_bound}, gap {formation.gap}"
        )
    print(f"{'metric':<24}{'value':>10}{'target':>10}")
    for name, value in measure().items():
        target = TARGETS.get(name)
        print(f"{name:<24}{value:>10.4f}{target if target is not None else '':>10}")
