"""Bench: assigning reviewers to applications (`assign_800x80_s`, `assign_2000x1000_s`).

The timed call is the whole `assign`: building the graph with NumPy, the OR-Tools min-cost flow,
and reading the result back. Two synthetic, deterministic cases, k = 3 reviews each:

    800 applications, 80 reviewers, capacity ceil(800 * 3 / 80) + 3 = 33, 9 regions
    2000 applications, 1000 reviewers, capacity 10, 9 regions

each with about 3% of all pairs conflicted at random and regions of very different sizes (one
small), no affinity. Each case runs once untimed first.

Then the case production has: the same two with expertise affinity (each reviewer knows about a
third of the six sectors and a fifth of the eight kinds of role, and an application's affinity
with a reviewer is how many of its sector and role they know, 0 to 2).
`assign_800x80_affinity_s` and `assign_2000x1000_affinity_s` time `assign` on them, and the
`_mcf_s` figures beside them one plain min-cost flow over the whole graph (`assign_plain`),
timed in the same runs, alternating; `_vs_mcf` is the ratio of the medians (at most 1: `assign`
is no slower than the plain flow) and `assign_affinity_objective_gap` the objectives' difference
(must be 0). Beside the times it reports every
conflicted pair the result holds (`assign_conflicts_broken`, must be 0) and the solver's objective
less an independent optimum of the same costs (`assign_objective_gap`, must be 0): the
800 x 80 case written from scratch as a linear programme (TU, so its simplex vertex is whole) and
solved by HiGHS's dual simplex through scipy.
"""

import math
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upon.selection.algorithms.assignment import (  # noqa: E402
    AssignmentProblem,
    assign,
    assign_plain,
    weights,
)

TARGETS = {
    "assign_800x80_s": 0.05,
    "assign_2000x1000_s": 2.0,
    "assign_800x80_affinity_vs_mcf": 1.0,
    "assign_2000x1000_affinity_vs_mcf": 1.0,
}
SEED = 20240612
K = 3
CONFLICT_RATE = 0.03
REGION_WEIGHT = np.array([14, 13, 12, 12, 11, 11, 10, 10, 1], dtype=float)


def case(n: int, m: int, capacity: int, seed: int = SEED) -> AssignmentProblem:
    rng = np.random.default_rng(seed)
    regions = rng.choice(len(REGION_WEIGHT), size=n, p=REGION_WEIGHT / REGION_WEIGHT.sum())
    conflicts = np.argwhere(rng.random((n, m)) < CONFLICT_RATE)
    return AssignmentProblem(
        n_applications=n,
        n_reviewers=m,
        reviews_per_application=K,
        capacities=np.full(m, capacity, dtype=np.int64),
        conflicts=conflicts.astype(np.int64),
        application_regions=regions.astype(np.int64),
    )


def with_affinity(problem: AssignmentProblem, seed: int = SEED) -> AssignmentProblem:
    rng = np.random.default_rng(seed + 1)
    n, m = problem.n_applications, problem.n_reviewers
    sectors = rng.choice(6, size=n, p=[0.3, 0.25, 0.2, 0.15, 0.07, 0.03])
    roles = rng.choice(8, size=n)
    knows_sector = rng.random((m, 6)) < 0.3
    knows_role = rng.random((m, 8)) < 0.2
    affinity = knows_sector[:, sectors].T.astype(float) + knows_role[:, roles].T
    return replace(problem, affinity=affinity)


SMALL = (800, 80, math.ceil(800 * K / 80) + 3)
LARGE = (2000, 1000, 10)


def lp_optimum(problem: AssignmentProblem) -> int:
    """The least cost by linear programming, for a problem with no fixed pairs or affinity.

    Variables: x for each pair not conflicted, a slack per application for the reviews it goes
    without (each at the unfilled weight), one [0, 1] unit per step of each reviewer's load (the
    t-th at t times the load weight) and of each reviewer's count in each region (the t-th at
    t - 1 times the region weight). Rows: each application's reviews plus slack is k; each
    reviewer's pairs equal their load units; each (reviewer, region)'s pairs equal its units.
    """
    assert len(problem.fixed) == 0 and problem.affinity is None
    w = weights(problem=problem)
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    regions = problem.application_regions
    n_regions = int(regions.max()) + 1
    allowed = np.ones((n, m), dtype=bool)
    allowed[problem.conflicts[:, 0], problem.conflicts[:, 1]] = False
    app, rev = np.nonzero(allowed)
    capacity = problem.capacities.astype(np.int64)
    units = np.repeat(np.arange(m), capacity)  # load unit -> reviewer
    load_step = np.concatenate([np.arange(1, c + 1) for c in capacity])
    cells = np.repeat(np.arange(m * n_regions), np.repeat(capacity, n_regions))  # j * R + r
    cell_step = np.concatenate([np.arange(c) for c in np.repeat(capacity, n_regions)])
    nx, ns, nz, ny = len(app), n, len(units), len(cells)
    x0, s0, z0, y0 = 0, nx, nx + ns, nx + ns + nz
    rows_app, rows_load, rows_cell = 0, n, n + m
    rows = np.concatenate(
        [
            rows_app + app,
            rows_app + np.arange(n),
            rows_load + rev,
            rows_load + units,
            rows_cell + rev * n_regions + regions[app],
            rows_cell + cells,
        ]
    )
    cols = np.concatenate(
        [
            x0 + np.arange(nx),
            s0 + np.arange(ns),
            x0 + np.arange(nx),
            z0 + np.arange(nz),
            x0 + np.arange(nx),
            y0 + np.arange(ny),
        ]
    )
    values = np.concatenate(
        [np.ones(nx + ns), np.ones(nx), -np.ones(nz), np.ones(nx), -np.ones(ny)]
    )
    matrix = coo_matrix((values, (rows, cols)), shape=(n + m + m * n_regions, y0 + ny)).tocsr()
    rhs = np.concatenate([np.full(n, k), np.zeros(m + m * n_regions)])
    cost = np.concatenate(
        [
            np.zeros(nx),
            np.full(ns, w.unfilled),
            load_step * w.load,
            cell_step * w.region,
        ]
    ).astype(float)
    upper = np.concatenate([np.ones(nx), np.full(ns, k), np.ones(nz + ny)])
    result = linprog(
        cost,
        A_eq=matrix,
        b_eq=rhs,
        bounds=np.column_stack([np.zeros_like(upper), upper]),
        method="highs-ds",
    )
    assert result.status == 0, result.message
    solution = np.round(result.x).astype(np.int64)
    assert np.abs(result.x - solution).max() < 1e-6  # a vertex of a TU system is whole
    return int(cost.astype(np.int64) @ solution)


def timed(problem: AssignmentProblem, runs: int) -> tuple[list[float], int, int]:
    """Seconds of each run, conflicted pairs in the result, and the objective."""
    result = assign(problem=problem)  # untimed warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = assign(problem=problem)
        times.append(time.perf_counter() - start)
    conflicted = {tuple(pair) for pair in problem.conflicts.tolist()}
    broken = sum(1 for pair in result.pairs.tolist() if tuple(pair) in conflicted)
    return sorted(times), broken, result.objective


def side_by_side(problem: AssignmentProblem, runs: int) -> tuple[list[float], list[float], int]:
    """Seconds of `assign` and of the plain flow, run alternately on one problem, and the
    difference of their objectives."""
    ours, plain = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = assign(problem=problem)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        reference = assign_plain(problem=problem)
        plain.append(time.perf_counter() - start)
    return sorted(ours), sorted(plain), result.objective - reference.objective


def p95(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure() -> dict[str, float]:
    small = case(*SMALL)
    small_times, small_broken, small_objective = timed(small, runs=7)
    large_times, large_broken, _ = timed(case(*LARGE), runs=5)
    figures = {
        "assign_800x80_s": round(statistics.median(small_times), 4),
        "assign_800x80_p95_s": round(p95(small_times), 4),
        "assign_2000x1000_s": round(statistics.median(large_times), 4),
        "assign_2000x1000_p95_s": round(p95(large_times), 4),
        "assign_conflicts_broken": small_broken + large_broken,
        "assign_objective_gap": small_objective - lp_optimum(small),
    }
    gap = 0
    for (n, m, capacity), runs in ((SMALL, 7), (LARGE, 3)):
        problem = with_affinity(case(n, m, capacity))
        if runs > 3:
            assign(problem=problem), assign_plain(problem=problem)  # untimed warm-up
        ours, plain, difference = side_by_side(problem, runs)
        gap += abs(difference)
        name = f"assign_{n}x{m}_affinity"
        figures[f"{name}_s"] = round(statistics.median(ours), 4)
        figures[f"{name}_p95_s"] = round(p95(ours), 4)
        figures[f"{name}_mcf_s"] = round(statistics.median(plain), 4)
        figures[f"{name}_mcf_p95_s"] = round(p95(plain), 4)
        figures[f"{name}_vs_mcf"] = round(statistics.median(ours) / statistics.median(plain), 3)
    figures["assign_affinity_objective_gap"] = gap
    return figures


if __name__ == "__main__":
    for n, m, capacity in (SMALL, LARGE):
        problem = case(n, m, capacity)
        result = assign(problem=problem)
        print(
            f"{n} x {m}: {len(result.pairs)} reviews, loads {result.loads.min()}-"
            f"{result.loads.max()}, {len(result.unfilled)} short, objective {result.objective}"
        )
    print(f"{'metric':<36}{'value':>10}{'target':>10}")
    for name, value in measure().items():
        target = TARGETS.get(name)
        print(f"{name:<36}{value:>10.4f}{target if target is not None else '':>10}")
