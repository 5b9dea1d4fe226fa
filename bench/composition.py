"""Bench: proposing a cohort of 50 places from a shortlist of 5,000 (`compose_5000_s`).

The timed call is everything the composition page shows: the optimal cohort, the cost of each
rule (one more solve per rule), the near misses with their reasons, and the waitlist. The
shortlist is synthetic and deterministic: 300 employers of very different sizes, 9 regions (one
small, with lower merits), 6 sectors (merit varies by sector), merit from a normal distribution
plus employer, region and sector effects, so every rule binds and costs something.
"""

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upon.selection.algorithms.composition import BalanceRules, Candidate, compose_cohort  # noqa: E402

TARGETS = {"compose_5000_s": 2.0}
RUNS = 7
SEED = 20240611
SECTORS = ("Local authority", "Health", "Voluntary", "Education", "Police", "Government")


def shortlist(size: int = 5000, seed: int = SEED) -> list[Candidate]:
    rng = np.random.default_rng(seed)
    employer_weight = rng.pareto(1.2, 300) + 0.05
    employers = rng.choice(300, size=size, p=employer_weight / employer_weight.sum())
    region_weight = np.array([14, 13, 12, 12, 11, 11, 10, 10, 1], dtype=float)
    regions = rng.choice(9, size=size, p=region_weight / region_weight.sum())
    sectors = rng.choice(6, size=size, p=[0.3, 0.25, 0.2, 0.15, 0.07, 0.03])
    merit = (
        rng.normal(0.0, 1.0, size)
        + rng.normal(0.0, 0.4, 300)[employers]
        + np.array([0.2, 0.1, 0.1, 0.0, 0.0, 0.0, -0.1, -0.1, -0.8])[regions]
        + np.array([0.5, 0.2, 0.0, -0.1, -0.3, -0.6])[sectors]
    )
    return [
        Candidate(
            id=f"A{index:05d}",
            merit=float(merit[index]),
            employer=f"Employer {employers[index]:03d}",
            region=f"Region {regions[index]}",
            sector=SECTORS[sectors[index]],
        )
        for index in range(size)
    ]


RULES = BalanceRules(
    capacity=50,
    max_per_employer=2,
    min_one_per_region=True,
    sector_bounds={sector: (3, 20) for sector in SECTORS},
)


def measure() -> dict[str, float]:
    candidates = shortlist()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        composition = compose_cohort(candidates=candidates, rules=RULES)
        times.append(time.perf_counter() - start)
        assert composition.feasible and len(composition.selected) == RULES.capacity
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "compose_5000_s": round(statistics.median(times), 4),
        "compose_5000_s_p95": round(p95, 4),
    }


if __name__ == "__main__":
    composition = compose_cohort(candidates=shortlist(), rules=RULES)
    print(f"cohort merit {composition.total_merit:.3f}; rules cost {composition.cost_of_rules:.3f}")
    for cost in composition.rule_costs:
        print(f"  {cost.description}: {cost.cost:.3f}")
    for miss in composition.near_misses[:5]:
        print(f"  near miss {miss.id} ({miss.merit:.3f}): {' '.join(r.text for r in miss.reasons)}")
    print(f"{'metric':<24}{'value':>10}{'target':>10}")
    for name, value in measure().items():
        target = TARGETS.get(name)
        print(f"{name:<24}{value:>10.4f}{target if target is not None else '':>10}")
