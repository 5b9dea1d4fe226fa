"""Reviewer assignment: the optimum against brute force and an independent MILP, the tiers kept in
order, and the rules (conflicts, capacities, k, fixed pairs, balance) always kept."""

from collections import Counter
from itertools import combinations, product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import maximum_flow

from upon.selection.algorithms import assignment
from upon.selection.algorithms.assignment import (
    SCALE,
    Assignment,
    AssignmentProblem,
    assign,
    weights,
)


def make(*, n, m, k, capacities, regions=None, conflicts=(), fixed=(), affinity=None):
    return AssignmentProblem(
        n_applications=n,
        n_reviewers=m,
        reviews_per_application=k,
        capacities=np.array(capacities, dtype=np.int64),
        conflicts=np.array(list(conflicts), dtype=np.int64).reshape(-1, 2),
        application_regions=np.array(regions if regions is not None else [0] * n, dtype=np.int64),
        affinity=None if affinity is None else np.array(affinity, dtype=float),
        fixed=np.array(list(fixed), dtype=np.int64).reshape(-1, 2),
    )


# ------------------------------------------------------------- the cost, computed independently


def as_set(pairs):
    return {(int(i), int(j)) for i, j in np.asarray(pairs).reshape(-1, 2).tolist()}


def tiers(problem, pairs):
    """(reviews left unplaced, load cost, region cost, affinity cost) of a result, in plain Python.

    Only the new pairs are charged: a reviewer's t-th review costs t, their t-th from one region
    t - 1, counting the fixed ones first; affinity costs round((top - a) * SCALE / top)."""
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    region = problem.application_regions.tolist()
    fixed = as_set(problem.fixed)
    pairs = as_set(pairs)
    new = pairs - fixed
    fixed_per_app = Counter(i for i, _ in fixed)
    wanted = sum(max(0, k - fixed_per_app[i]) for i in range(n))
    load_before, load_after = Counter(j for _, j in fixed), Counter(j for _, j in pairs)
    load = sum(t for j in range(m) for t in range(load_before[j] + 1, load_after[j] + 1))
    cell_before = Counter((j, region[i]) for i, j in fixed)
    cell_after = Counter((j, region[i]) for i, j in pairs)
    spread = sum(t - 1 for c in cell_after for t in range(cell_before[c] + 1, cell_after[c] + 1))
    affinity = 0
    if problem.affinity is not None:
        values = problem.affinity.tolist()
        top = max((a for row in values for a in row), default=0.0)
        if top > 0:
            affinity = sum(round((top - values[i][j]) * SCALE / top) for i, j in new)
    return (wanted - len(new), load, spread, affinity)


def weighted(problem, tier_values):
    w = weights(problem=problem)
    unfilled, load, spread, affinity = tier_values
    return w.unfilled * unfilled + w.load * load + w.region * spread + affinity


def open_pairs(problem):
    """Pairs the solver may add: not conflicted, not already held."""
    n, m = problem.n_applications, problem.n_reviewers
    closed = as_set(problem.conflicts) | as_set(problem.fixed)
    return [(i, j) for i in range(n) for j in range(m) if (i, j) not in closed]


def brute_force(problem):
    """Every feasible set of new pairs: the least weighted cost and the least tiers in order."""
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    fixed = as_set(problem.fixed)
    fixed_per_app = Counter(i for i, _ in fixed)
    room = {
        j: max(0, int(problem.capacities[j]) - sum(1 for _, r in fixed if r == j)) for j in range(m)
    }
    allowed = open_pairs(problem)
    choices = []
    for i in range(n):
        mine = [j for a, j in allowed if a == i]
        most = min(len(mine), max(0, k - fixed_per_app[i]))
        choices.append(
            [c for size in range(most + 1) for c in combinations(mine, size)] if most else [()]
        )
    best_weighted, best_tiers = None, None
    for choice in product(*choices):
        loads = Counter(j for chosen in choice for j in chosen)
        if any(loads[j] > room[j] for j in loads):
            continue
        pairs = fixed | {(i, j) for i, chosen in enumerate(choice) for j in chosen}
        found = tiers(problem, sorted(pairs))
        cost = weighted(problem, found)
        best_weighted = cost if best_weighted is None else min(best_weighted, cost)
        best_tiers = found if best_tiers is None else min(best_tiers, found)
    return best_weighted, best_tiers


@st.composite
def tiny_problems(draw):
    n, m = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    cells = [(i, j) for i in range(n) for j in range(m)]
    fixed = draw(st.sets(st.sampled_from(cells), max_size=2))
    conflicts = draw(st.sets(st.sampled_from(cells), max_size=3)) - fixed
    fixed_load = Counter(j for _, j in fixed)
    return make(
        n=n,
        m=m,
        k=draw(st.integers(1, 2)),
        capacities=[fixed_load[j] + draw(st.integers(0, 3)) for j in range(m)],
        regions=draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)),
        conflicts=conflicts,
        fixed=fixed,
        affinity=draw(
            st.none()
            | st.lists(
                st.lists(st.integers(0, 8).map(lambda a: a / 4), min_size=m, max_size=m),
                min_size=n,
                max_size=n,
            )
        ),
    )


@settings(max_examples=150, deadline=None)
@given(problem=tiny_problems())
def test_the_objective_is_the_brute_force_minimum(problem):
    result = assign(problem=problem)
    best_weighted, best_tiers = brute_force(problem)
    assert result.objective == best_weighted
    assert tiers(problem, result.pairs) == best_tiers  # the weights keep the tiers in order
    assert weighted(problem, best_tiers) == best_weighted


def test_four_applications_three_reviewers_by_hand():
    problem = make(n=4, m=3, k=2, capacities=[3, 3, 3], regions=[0, 1, 0, 1], conflicts=[(0, 0)])
    result = assign(problem=problem)
    best_weighted, best_tiers = brute_force(problem)
    assert result.objective == best_weighted
    # 8 reviews over 3 reviewers: loads 3, 3, 2 cost 1+2+3 twice and 1+2 once; each reviewer of 3
    # has two applications from one region once.
    assert tiers(problem, result.pairs) == best_tiers == (0, 15, 2, 0)
    assert sorted(result.loads.tolist()) == [2, 3, 3]
    assert (0, 0) not in as_set(result.pairs)


def test_filling_comes_before_balance_before_regions_before_affinity():
    # Application 4 can only go to reviewer 0, who already holds four: it still goes there.
    fixed = [(i, 0) for i in range(4)]
    problem = make(n=5, m=2, k=1, capacities=[5, 5], fixed=fixed, conflicts=[(4, 1)])
    result = assign(problem=problem)
    assert (4, 0) in as_set(result.pairs) and result.loads.tolist() == [5, 0]
    # Affinity pulls applications 0 and 1 (region 0) to reviewer 0 and 2 and 3 (region 1) to
    # reviewer 1. Balance wins (two each), then spread (one of each region each), then affinity
    # chooses which: 0 to reviewer 0 (cost 0) and 1 to reviewer 1 (800) beats the other way
    # (1000 + 0), and 2 to reviewer 1 (0) with 3 to reviewer 0 (1000) beats 1000 + 500.
    affinity = [[1.0, 0.0], [1.0, 0.2], [0.0, 1.0], [0.0, 0.5]]
    problem = make(n=4, m=2, k=1, capacities=[4, 4], regions=[0, 0, 1, 1], affinity=affinity)
    result = assign(problem=problem)
    assert as_set(result.pairs) == {(0, 0), (1, 1), (2, 1), (3, 0)}
    assert tiers(problem, result.pairs) == brute_force(problem)[1] == (0, 6, 0, 1800)
    # Spread outweighs affinity summed over several pairs: swapping applications 1 and 2 gives
    # both reviewers two regions for 900 + 900 of affinity, more than one pair can ever cost.
    affinity = [[1.0, 0.0], [1.0, 0.1], [0.1, 1.0], [0.0, 1.0]]
    problem = make(n=4, m=2, k=1, capacities=[2, 2], regions=[0, 0, 1, 2], affinity=affinity)
    result = assign(problem=problem)
    assert as_set(result.pairs) == {(0, 0), (1, 1), (2, 0), (3, 1)}
    assert tiers(problem, result.pairs) == brute_force(problem)[1] == (0, 6, 0, 1800)


# ---------------------------------------------------------- a second solver: staged MILP (HiGHS)


def lexicographic_milp(problem):
    """The tiers' optimum, one tier at a time, by HiGHS on a formulation written from scratch:
    x for each open pair, a 0/1 unit per step of each reviewer's load and each (reviewer, region)
    count, each unit priced at its step, and each tier's optimum kept while the next is found."""
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    region = problem.application_regions.tolist()
    regions = sorted(set(region))
    fixed = as_set(problem.fixed)
    fixed_per_app = Counter(i for i, _ in fixed)
    fixed_load = Counter(j for _, j in fixed)
    fixed_cell = Counter((j, region[i]) for i, j in fixed)
    room = {j: max(0, int(problem.capacities[j]) - fixed_load[j]) for j in range(m)}
    demand = [max(0, k - fixed_per_app[i]) for i in range(n)]
    pairs = open_pairs(problem)
    load_units = [(j, t) for j in range(m) for t in range(1, room[j] + 1)]
    cell_units = [(j, r, t) for j in range(m) for r in regions for t in range(1, room[j] + 1)]
    nx, nl = len(pairs), len(load_units)
    size = nx + nl + len(cell_units)

    rows, cols, vals, lower, upper = [], [], [], [], []

    def constraint(entries, low, high):
        row = len(lower)
        for col, val in entries:
            rows.append(row)
            cols.append(col)
            vals.append(val)
        lower.append(low)
        upper.append(high)

    for i in range(n):  # at most the reviews still wanted
        constraint([(p, 1) for p, (a, _) in enumerate(pairs) if a == i], 0, demand[i])
    for j in range(m):  # load units carry exactly the new load
        constraint(
            [(p, 1) for p, (_, b) in enumerate(pairs) if b == j]
            + [(nx + u, -1) for u, (b, _) in enumerate(load_units) if b == j],
            0,
            0,
        )
        for r in regions:  # cell units carry exactly the new count from region r
            constraint(
                [(p, 1) for p, (a, b) in enumerate(pairs) if b == j and region[a] == r]
                + [(nx + nl + u, -1) for u, (b, s, _) in enumerate(cell_units) if (b, s) == (j, r)],
                0,
                0,
            )
    placed = np.zeros(size)
    placed[:nx] = -1
    load_cost = np.zeros(size)
    load_cost[nx : nx + nl] = [fixed_load[j] + t for j, t in load_units]
    spread_cost = np.zeros(size)
    spread_cost[nx + nl :] = [fixed_cell[j, r] + t - 1 for j, r, t in cell_units]
    affinity_cost = np.zeros(size)
    if problem.affinity is not None and problem.affinity.max() > 0:
        top = float(problem.affinity.max())
        affinity_cost[:nx] = [
            round((top - float(problem.affinity[i, j])) * SCALE / top) for i, j in pairs
        ]

    best = []
    for objective in (placed, load_cost, spread_cost, affinity_cost):
        matrix = coo_matrix((vals, (rows, cols)), shape=(len(lower), size))
        result = milp(
            objective,
            constraints=LinearConstraint(matrix, lower, upper),
            integrality=np.ones(size),
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": 0},
        )
        assert result.status == 0
        value = round(float(objective @ np.round(result.x)))
        best.append(value)
        constraint([(c, v) for c, v in enumerate(objective) if v], -np.inf, value + 0.5)
    wanted = sum(demand)
    return (wanted + best[0], best[1], best[2], best[3])


def moderate_problem(seed, *, n=30, m=8, with_affinity=False, tight=False):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 4))
    cells = [(i, j) for i in range(n) for j in range(m)]
    chosen = rng.random(len(cells))
    conflicts = [c for c, u in zip(cells, chosen, strict=True) if u < 0.12]
    fixed = [c for c, u in zip(cells, chosen, strict=True) if 0.12 <= u < 0.16]
    fixed_load = Counter(j for _, j in fixed)
    spare = (n * k) // m + (-3 if tight else 2)
    capacities = [fixed_load[j] + int(rng.integers(max(0, spare - 3), spare + 3)) for j in range(m)]
    return make(
        n=n,
        m=m,
        k=k,
        capacities=capacities,
        regions=rng.integers(0, 4, n).tolist(),
        conflicts=conflicts,
        fixed=fixed,
        affinity=rng.random((n, m)).round(2) if with_affinity else None,
    )


@pytest.mark.parametrize(
    "seed, with_affinity, tight",
    [(seed, seed % 2 == 1, seed % 3 == 2) for seed in range(9)],
)
def test_the_objective_matches_an_independent_milp(seed, with_affinity, tight):
    problem = moderate_problem(seed, with_affinity=with_affinity, tight=tight)
    result = assign(problem=problem)
    best = lexicographic_milp(problem)
    assert tiers(problem, result.pairs) == best
    assert result.objective == weighted(problem, best)


# --------------------------------------------------------------------- the rules, for any problem


def most_reviews(problem):
    """The largest number of new reviews that can be placed (scipy's max flow)."""
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    fixed = as_set(problem.fixed)
    fixed_per_app, fixed_load = Counter(i for i, _ in fixed), Counter(j for _, j in fixed)
    source, sink = n + m, n + m + 1
    arcs = [(source, i, max(0, k - fixed_per_app[i])) for i in range(n)]
    arcs += [(i, n + j, 1) for i, j in open_pairs(problem)]
    arcs += [(n + j, sink, max(0, int(problem.capacities[j]) - fixed_load[j])) for j in range(m)]
    tails, heads, capacity = np.array(arcs, dtype=np.int32).reshape(-1, 3).T
    graph = csr_matrix((capacity, (tails, heads)), shape=(n + m + 2, n + m + 2))
    return maximum_flow(graph, source, sink).flow_value


@st.composite
def problems(draw, *, with_conflicts=True, with_fixed=True):
    n, m = draw(st.integers(0, 14)), draw(st.integers(0, 6))
    cells = [(i, j) for i in range(n) for j in range(m)]
    fixed = draw(st.sets(st.sampled_from(cells), max_size=8)) if cells and with_fixed else set()
    conflicts = (
        draw(st.lists(st.sampled_from(cells), max_size=20)) if cells and with_conflicts else []
    )
    fixed_load = Counter(j for _, j in fixed)
    return make(
        n=n,
        m=m,
        k=draw(st.integers(0, 3)),
        capacities=[fixed_load[j] + draw(st.integers(0, 6)) for j in range(m)],
        regions=draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)),
        conflicts=[c for c in conflicts if c not in fixed],
        fixed=sorted(fixed),
        affinity=draw(
            st.none()
            | st.lists(
                st.lists(st.floats(0, 5, allow_nan=False), min_size=m, max_size=m),
                min_size=n,
                max_size=n,
            )
        )
        if n and m
        else None,
    )


def check_rules(problem, result: Assignment):
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    pairs = [tuple(p) for p in result.pairs.tolist()]
    assert pairs == sorted(set(pairs))  # sorted, no pair twice
    fixed = as_set(problem.fixed)
    assert fixed <= set(pairs)
    assert not as_set(problem.conflicts) & set(pairs)
    assert result.loads.tolist() == [sum(1 for _, j in pairs if j == r) for r in range(m)]
    assert (result.loads <= problem.capacities).all()
    held = Counter(i for i, _ in pairs)
    fixed_per_app = Counter(i for i, _ in fixed)
    for i in range(n):
        assert held[i] <= max(k, fixed_per_app[i])
    new = set(pairs) - fixed
    assert len(new) == most_reviews(problem)  # as many reviews as can be placed
    assert result.unfilled == tuple(i for i in range(n) if held[i] < k)
    # No single move of a new review from a busier reviewer to one with room and two fewer
    # reviews: every such review is conflicted with the freer reviewer or already theirs.
    conflicts = as_set(problem.conflicts)
    for a, b in product(range(m), repeat=2):
        if result.loads[a] >= result.loads[b] + 2 and result.loads[b] < problem.capacities[b]:
            for i, j in new:
                if j == a:
                    assert (i, b) in conflicts or (i, b) in pairs


@settings(max_examples=300, deadline=None)
@given(problem=problems())
def test_the_rules_hold_for_any_problem(problem):
    result = assign(problem=problem)
    check_rules(problem, result)
    again = assign(problem=problem)
    assert np.array_equal(again.pairs, result.pairs) and again.objective == result.objective
    assert result.objective == weighted(problem, tiers(problem, result.pairs))


@settings(max_examples=200, deadline=None)
@given(problem=problems(with_conflicts=False, with_fixed=False))
def test_without_conflicts_every_application_is_filled_and_loads_are_within_one(problem):
    result = assign(problem=problem)
    check_rules(problem, result)
    n, k = problem.n_applications, problem.reviews_per_application
    caps = problem.capacities.tolist()
    if all(sum(min(c, s) for c in caps) >= s * k for s in range(n + 1)):  # no cut short of nk
        assert result.unfilled == ()
        assert len(result.pairs) == n * k
    below = result.loads < problem.capacities
    if below.any():  # every reviewer with room is within one of the busiest
        assert result.loads.max() <= result.loads[below].min() + 1
    # Regions: no review moves or swaps between two reviewers without making loads worse and
    # still spreads a reviewer's regions better.
    if problem.affinity is None:
        region = problem.application_regions.tolist()
        pairs = as_set(result.pairs)
        cell = Counter((j, region[i]) for i, j in pairs)
        loads = result.loads
        for (p, a), (q, b) in product(pairs, repeat=2):
            if a == b or (p, b) in pairs:
                continue
            rp, rq = region[p], region[q]
            if loads[a] == loads[b] + 1 and loads[b] < problem.capacities[b]:  # same load cost
                assert cell[b, rp] - (cell[a, rp] - 1) >= 0
            if p != q and (q, a) not in pairs and rp != rq:  # swapping p and q keeps the loads
                change = cell[a, rq] - (cell[a, rp] - 1) + cell[b, rp] - (cell[b, rq] - 1)
                assert change >= 0


def test_fixed_pairs_count_toward_k_and_capacity():
    problem = make(
        n=3, m=3, k=2, capacities=[3, 2, 2], fixed=[(0, 0), (0, 1), (1, 0)], conflicts=[(2, 2)]
    )
    result = assign(problem=problem)
    # Application 0 has its two; 2 needs reviewers 0 and 1, each with one place left, so 1 gets 2.
    assert as_set(result.pairs) == {(0, 0), (0, 1), (1, 0), (1, 2), (2, 0), (2, 1)}
    assert result.loads.tolist() == [3, 2, 1] and result.unfilled == ()


def test_a_fixed_pair_stays_even_when_over_capacity_or_conflicted():
    problem = make(n=2, m=2, k=1, capacities=[0, 1], fixed=[(0, 0)], conflicts=[(0, 0), (1, 1)])
    result = assign(problem=problem)
    assert as_set(result.pairs) == {(0, 0)}
    assert result.unfilled == (1,)  # reviewer 0 is full, reviewer 1 conflicted
    assert result.loads.tolist() == [1, 0]


def test_unfilled_is_exactly_the_short_applications():
    problem = make(n=3, m=2, k=2, capacities=[3, 3], conflicts=[(1, 1)])
    result = assign(problem=problem)
    assert result.unfilled == (1,)
    assert as_set(result.pairs) == {(0, 0), (0, 1), (1, 0), (2, 0), (2, 1)}
    check_rules(problem, result)


def test_empty_problems():
    for n, m, k in [(0, 0, 2), (3, 0, 2), (0, 3, 2), (3, 3, 0)]:
        problem = make(n=n, m=m, k=k, capacities=[2] * m)
        result = assign(problem=problem)
        assert result.pairs.shape == (0, 2)
        assert result.loads.tolist() == [0] * m
        assert result.unfilled == (tuple(range(n)) if k else ())
        unplaced = n * k if m == 0 else 0
        assert result.objective == weights(problem=problem).unfilled * unplaced


def test_region_labels_need_not_be_small_or_dense():
    dense = make(n=4, m=2, k=1, capacities=[2, 2], regions=[0, 1, 1, 2])
    sparse = make(n=4, m=2, k=1, capacities=[2, 2], regions=[0, 7, 7, 10**12])
    first, second = assign(problem=dense), assign(problem=sparse)
    assert np.array_equal(first.pairs, second.pairs)
    assert first.objective == second.objective


def test_the_result_does_not_depend_on_the_order_of_conflicts():
    problem = moderate_problem(3)
    shuffled = AssignmentProblem(
        n_applications=problem.n_applications,
        n_reviewers=problem.n_reviewers,
        reviews_per_application=problem.reviews_per_application,
        capacities=problem.capacities,
        conflicts=np.concatenate([problem.conflicts[::-1], problem.conflicts[:3]]),
        application_regions=problem.application_regions,
        fixed=problem.fixed[::-1],
    )
    first, second = assign(problem=problem), assign(problem=shuffled)
    assert np.array_equal(first.pairs, second.pairs)
    assert first.objective == second.objective


@pytest.mark.parametrize(
    "change, message",
    [
        ({"capacities": np.array([1, -1])}, "capacities"),
        ({"capacities": np.array([1])}, "capacities"),
        ({"application_regions": np.array([0])}, "application_regions"),
        ({"application_regions": np.array([0, -1])}, "application_regions"),
        ({"conflicts": np.array([[2, 0]])}, "conflicts"),
        ({"fixed": np.array([[0, 5]])}, "fixed"),
        ({"affinity": np.array([[1.0, 2.0]])}, "affinity"),
        ({"affinity": np.array([[1.0, -2.0], [0.0, 0.0]])}, "affinity"),
        ({"affinity": np.array([[1.0, np.nan], [0.0, 0.0]])}, "affinity"),
        ({"reviews_per_application": -1}, "reviews_per_application"),
    ],
)
def test_bad_problems_are_refused(change, message):
    fields = {
        "n_applications": 2,
        "n_reviewers": 2,
        "reviews_per_application": 1,
        "capacities": np.array([1, 1]),
        "conflicts": np.empty((0, 2), dtype=np.int64),
        "application_regions": np.array([0, 1]),
    }
    with pytest.raises(ValueError, match=message):
        assign(problem=AssignmentProblem(**{**fields, **change}))


# Large problems are first solved over a few candidate reviewers per application, and that
# answer is kept only when a relaxation of the whole problem proves it optimal.


@settings(max_examples=300, deadline=None)
@given(problem=problems(), candidates=st.integers(1, 2))
def test_the_candidate_solve_gives_the_whole_problems_optimum(problem, candidates):
    whole = assign(problem=problem, candidates=None, chain_cap=None)
    quick = assign(problem=problem, candidates=candidates)
    assert quick.objective == whole.objective
    check_rules(problem, quick)


@settings(max_examples=200, deadline=None)
@given(problem=problems())
def test_the_relaxation_never_costs_more_than_the_optimum(problem):
    graph = assignment._reduce(problem)
    w = assignment._weights(graph)
    assert assignment._lower_bound(graph, w) <= assign(problem=problem, candidates=None).objective


def test_both_ways_through_the_candidate_solve_are_taken():
    """Some problems are proved optimal from their candidates, others need the whole solve."""
    proved = fell_back = 0
    for seed in range(40):
        problem = moderate_problem(seed, n=20, m=12, tight=seed % 2 == 0)
        graph = assignment._reduce(problem)
        w = assignment._weights(graph)
        _, cost, _ = assignment._flow(graph, w, assignment._candidates(graph, 2))
        if cost == assignment._lower_bound(graph, w):
            proved += 1
        else:
            fell_back += 1
        assert assign(problem=problem, candidates=2).objective == (
            assign(problem=problem, candidates=None).objective
        )
    assert proved > 0 and fell_back > 0


@settings(max_examples=300, deadline=None)
@given(problem=problems(), candidates=st.sampled_from([None, 1, 2]), cap=st.integers(1, 3))
def test_cut_region_chains_give_the_whole_problems_optimum(problem, candidates, cap):
    whole = assign(problem=problem, candidates=None, chain_cap=None)
    cut = assign(problem=problem, candidates=candidates, chain_cap=cap)
    assert cut.objective == whole.objective
    check_rules(problem, cut)


@settings(max_examples=200, deadline=None)
@given(problem=problems(), cap=st.integers(1, 3))
def test_a_cut_relaxation_is_still_a_lower_bound(problem, cap):
    graph = assignment._reduce(problem)
    w = assignment._weights(graph)
    assert assignment._lower_bound(graph, w, cap) == assignment._lower_bound(graph, w)


# With affinity (as production has it, from reviewers' expertise) the assignment is one flow,
# its affinity costs divided by their common factor, and the same optimum as the plain flow.


@st.composite
def affinity_problems(draw):
    problem = draw(problems())
    n, m = problem.n_applications, problem.n_reviewers
    if not (n and m):
        return problem
    # Whole numbers of matching expertise terms, as production computes them, or any floats.
    cells = st.integers(0, 4).map(float) | st.floats(0, 5, allow_nan=False)
    rows = st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n)
    return make(
        n=n,
        m=m,
        k=problem.reviews_per_application,
        capacities=problem.capacities,
        regions=problem.application_regions,
        conflicts=problem.conflicts,
        fixed=problem.fixed,
        affinity=draw(rows),
    )


@settings(max_examples=300, deadline=None)
@given(problem=affinity_problems(), candidates=st.sampled_from(["auto", None, 1, 2]))
def test_with_affinity_the_objective_is_the_plain_min_cost_flows_optimum(problem, candidates):
    plain = assignment.assign_plain(problem=problem)
    result = assign(problem=problem, candidates=candidates)
    assert result.objective == plain.objective
    assert tiers(problem, result.pairs) == tiers(problem, plain.pairs)
    check_rules(problem, result)


def test_with_affinities_that_differ_the_whole_problem_is_solved_once(monkeypatch):
    """The relaxation pools applications, keeping each cell's best affinity, so it never meets
    the candidates' optimum once affinities differ: neither is tried, one flow is solved."""
    problem = moderate_problem(3, n=60, m=30, with_affinity=True)
    expected = assignment.assign_plain(problem=problem).objective
    solves = []
    flow = assignment._flow
    monkeypatch.setattr(assignment, "_flow", lambda *a, **k: solves.append(1) or flow(*a, **k))
    assert assign(problem=problem, candidates=2, chain_cap=None).objective == expected
    assert len(solves) == 1


def test_affinity_costs_are_divided_by_their_common_factor():
    """Two matching terms at most: costs 0, 500 and 1000 are solved as 0, 1 and 2, so the tier
    weights stay small; the objective is still given in the module's own costs."""
    problem = make(
        n=4,
        m=2,
        k=1,
        capacities=[2, 2],
        regions=[0, 0, 1, 1],
        affinity=[[2, 0], [1, 2], [0, 1], [2, 2]],
    )
    graph = assignment._reduce(problem)
    assert sorted(set(graph.pair_cost.tolist())) == [0, 500, 1000]
    assert assignment._common_factor(graph.pair_cost) == 500
    assert assign(problem=problem).objective == assignment.assign_plain(problem=problem).objective
