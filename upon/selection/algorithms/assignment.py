"""Reviewer assignment: which reviewers read which applications, as one min-cost flow.

Pure: NumPy arrays in, frozen dataclasses out, no Django. Every application needs k reviewers;
a reviewer never gets an application they are conflicted with, nor one they already hold, nor
more than their capacity. Pairs already held (finished or in progress) are fixed: they are always
in the result, even if also listed as a conflict or beyond a capacity, and count toward the
application's k and the reviewer's capacity, so a second run only fills the gaps.

The graph, built with NumPy (never pair by pair in Python) and solved exactly by OR-Tools:

    source -> application i        capacity k - (fixed pairs on i), cost 0
    application i -> cell (j, r)   one unit arc per allowed pair (i, j), r the region of i,
                                   costing the affinity term
    cell (j, r) -> reviewer j      unit arcs, the t-th costing (fixed pairs of j in r + t - 1) * W3
    reviewer j -> sink             unit arcs up to the capacity left (capacity - fixed load), the
                                   t-th costing (fixed load of j + t) * W2
    source -> sink                 the overflow: capacity sum(k - fixed pairs), H a unit

The supply at the source is every review still wanted, so the flow always exists. The costs are
lexicographic, each tier outweighing everything below it:

    (1) fill as many reviews as possible: a review left unplaced goes through the overflow at H;
    (2) balance loads: a reviewer's t-th review costs t * W2, a convex cost, so the loads of
        reviewers below capacity differ by at most one unless conflicts or fixed pairs prevent it;
    (3) spread regions: a reviewer's t-th application from one region costs (t - 1) * W3, so each
        reviewer's share spreads across the regions;
    (4) maximise affinity: pair (i, j) costs round((top - affinity[i, j]) * SCALE / top), top the
        largest affinity, so affinities count to 1 part in SCALE (all 0 without affinity).

The weights (`weights`) are large enough to prove the tiers apart. A flow is optimal exactly when
no cycle of its residual graph has negative cost, and the difference between two flows splits
into such cycles; so it is enough that any simple cycle improving a tier by one unit gains more
there than the tiers below can lose along it. A simple cycle passes each node at most once: it
crosses at most one load arc forward (into the sink), at most one region arc forward into each
reviewer, and at most one pair arc forward out of each application. With A the largest affinity
cost, n applications, S the sum over reviewers of the largest step any of their region chains
reaches, and L the largest load any load chain reaches:

    W3 = n * A + 1,    W2 = W3 * (S + 1),    H = W2 * (L + 1).

The affinity costs are divided by their common factor before solving (expertise counts give
few distinct costs, often multiples of one), which keeps the tiers' order and so the optimum,
and makes A, and with it every weight, smaller: less work for the solver's cost scaling.

Large problems without differing affinities are solved in two steps that keep the optimum
exact. First the flow over a few
candidate reviewers per application (a window of consecutive reviewers whose start moves round
with the application; at least MIN_CANDIDATES, and enough that each reviewer is offered about
OFFERS_PER_REVIEWER applications). Then a relaxation of the whole problem, with the
applications of each region pooled into one node, so a cell (j, r) takes up to as many reviews
as region r has applications j may read: every assignment is a flow of the relaxation at no
greater cost, so its optimum is a lower bound. When the candidates' optimum meets that bound it
is optimal for the whole problem; otherwise the whole problem is solved. Both flows are small
(2,000 by 1,000: 80,000 pair arcs and 9,000 instead of 2,000,000), so this is several times
faster whenever the bound is met, which it is for realistic pools without affinity. With
affinities that differ it never is (the relaxation gives each cell its best affinity), so the
whole problem is solved at once rather than three flows for one answer. How many candidates is a
guess about speed only: the answer is optimal whatever it is. Each region chain is also cut
short (`chain_cap_for`); when an optimum fills some cut chain to its end, that flow is solved
again with whole chains, so cutting too changes only the time taken.

`objective` is the solver's optimal total of those integer costs (fixed pairs cost nothing). Pairs
come back sorted, so the same problem always gives the same assignment.
"""

from dataclasses import dataclass, field, replace

import numpy as np
from ortools.graph.python import min_cost_flow

SCALE = 1000
# A large problem's first solve offers each application this many reviewers at least, and
# enough that every reviewer is offered about OFFERS_PER_REVIEWER applications.
MIN_CANDIDATES = 16
OFFERS_PER_REVIEWER = 80
_COST_LIMIT = 2**62  # headroom below int64 for OR-Tools' cost scaling


def _no_pairs() -> np.ndarray:
    return np.empty((0, 2), dtype=np.int64)


@dataclass(frozen=True)
class AssignmentProblem:
    n_applications: int
    n_reviewers: int
    reviews_per_application: int  # k
    capacities: np.ndarray  # (n_reviewers,) int: most reviews each may hold here, fixed included
    conflicts: np.ndarray  # (m, 2) int pairs (application, reviewer) never allowed
    application_regions: np.ndarray  # (n_applications,) int region index
    affinity: np.ndarray | None = None  # (n_applications, n_reviewers) float >= 0, higher better
    fixed: np.ndarray = field(default_factory=_no_pairs)  # (p, 2) pairs already held


@dataclass(frozen=True)
class Assignment:
    pairs: np.ndarray  # (p, 2) int (application, reviewer), sorted, fixed pairs included
    loads: np.ndarray  # (n_reviewers,) int
    objective: int  # the min-cost flow's total cost
    unfilled: tuple[int, ...]  # applications with fewer than k reviewers


@dataclass(frozen=True)
class Weights:
    """The tier weights of one problem: an unplaced review costs `unfilled`, a reviewer's t-th
    review `load` * t, their t-th from one region `region` * (t - 1), plus the affinity term."""

    unfilled: int
    load: int
    region: int


def _pairs(value, n: int, m: int, name: str) -> np.ndarray:
    pairs = np.asarray(value, dtype=np.int64).reshape(-1, 2)
    if len(pairs) and not (
        (pairs[:, 0] >= 0).all()
        and (pairs[:, 0] < n).all()
        and (pairs[:, 1] >= 0).all()
        and (pairs[:, 1] < m).all()
    ):
        raise ValueError(f"{name}: every pair must be (application, reviewer) within the problem")
    return pairs


def _affinity_costs(problem: AssignmentProblem) -> np.ndarray:
    """(n_applications, n_reviewers) int: the affinity term of each pair, 0 for the best."""
    n, m = problem.n_applications, problem.n_reviewers
    if problem.affinity is None:
        return np.zeros((n, m), dtype=np.int64)
    affinity = np.asarray(problem.affinity, dtype=np.float64)
    top = affinity.max(initial=0.0)
    if top <= 0:
        return np.zeros((n, m), dtype=np.int64)
    return np.rint((top - affinity) * SCALE / top).astype(np.int64)


@dataclass(frozen=True)
class _Graph:
    """The problem reduced to what the flow needs: sizes, then arrays indexed as commented."""

    n: int
    m: int
    k: int
    n_regions: int
    fixed_flat: np.ndarray  # sorted unique i * m + j of the fixed pairs
    demand: np.ndarray  # (n,) reviews still to place on each application
    fixed_load: np.ndarray  # (m,)
    pair_app: np.ndarray  # int32 application of every allowed pair that can carry flow, sorted
    pair_rev: np.ndarray  # int32 its reviewer
    pair_cell: np.ndarray  # int32 its cell: reviewer * n_regions + the application's region
    pair_cost: np.ndarray  # its affinity term
    fixed_cell: np.ndarray  # (m * n_regions,) fixed reviews of reviewer j in region r, at j*R+r
    cell_units: np.ndarray  # (m * n_regions,) unit arcs on the region chain of each cell
    load_units: np.ndarray  # (m,) unit arcs on each reviewer's load chain
    app_region: np.ndarray  # (n,) each application's region, numbered 0, 1, ...


def _reduce(problem: AssignmentProblem) -> _Graph:
    n, m, k = problem.n_applications, problem.n_reviewers, problem.reviews_per_application
    if n < 0 or m < 0 or k < 0:
        raise ValueError("n_applications, n_reviewers and reviews_per_application must be >= 0")
    capacities = np.asarray(problem.capacities, dtype=np.int64).reshape(-1)
    regions = np.asarray(problem.application_regions, dtype=np.int64).reshape(-1)
    if capacities.shape != (m,) or (capacities < 0).any():
        raise ValueError("capacities: one whole number >= 0 for each reviewer")
    if regions.shape != (n,) or (regions < 0).any():
        raise ValueError("application_regions: one region index >= 0 for each application")
    if problem.affinity is not None:
        affinity = np.asarray(problem.affinity, dtype=np.float64)
        if affinity.shape != (n, m) or not np.isfinite(affinity).all() or (affinity < 0).any():
            raise ValueError("affinity: a finite number >= 0 for each application and reviewer")
    if n * m >= 2**31:
        raise ValueError("the problem is too large: n_applications * n_reviewers must be < 2**31")
    conflicts = _pairs(problem.conflicts, n, m, "conflicts")
    fixed = _pairs(problem.fixed, n, m, "fixed")
    fixed_flat = np.unique(fixed[:, 0] * m + fixed[:, 1])
    fixed_app = fixed_flat // m if m else fixed_flat
    fixed_rev = fixed_flat - fixed_app * m
    demand = np.maximum(0, k - np.bincount(fixed_app, minlength=n))
    fixed_load = np.bincount(fixed_rev, minlength=m)
    remaining = np.maximum(0, capacities - fixed_load)

    allowed = np.zeros((n, m), dtype=bool)
    allowed[demand > 0] = True
    allowed[:, remaining == 0] = False
    allowed[conflicts[:, 0], conflicts[:, 1]] = False
    allowed.reshape(-1)[fixed_flat] = False
    pair_app = np.repeat(np.arange(n, dtype=np.int32), np.count_nonzero(allowed, axis=1))
    pair_rev = np.flatnonzero(allowed).astype(np.int32)
    pair_rev -= pair_app * np.int32(m)
    if problem.affinity is None:
        pair_cost = np.zeros(len(pair_app), dtype=np.int64)
    else:
        pair_cost = _affinity_costs(problem)[pair_app, pair_rev]

    labels, regions = np.unique(regions, return_inverse=True)  # regions numbered 0, 1, ...
    n_regions = max(1, len(labels))
    pair_cell = pair_rev * np.int32(n_regions)
    pair_cell += regions.astype(np.int32)[pair_app]
    fixed_cell = np.bincount(fixed_rev * n_regions + regions[fixed_app], minlength=m * n_regions)
    cell_units = np.minimum(
        np.bincount(pair_cell, minlength=m * n_regions), np.repeat(remaining, n_regions)
    )
    load_units = np.minimum(remaining, np.bincount(pair_rev, minlength=m))
    return _Graph(
        n=n,
        m=m,
        k=k,
        n_regions=n_regions,
        fixed_flat=fixed_flat,
        demand=demand,
        fixed_load=fixed_load,
        pair_app=pair_app,
        pair_rev=pair_rev,
        pair_cell=pair_cell,
        pair_cost=pair_cost,
        fixed_cell=fixed_cell,
        cell_units=cell_units,
        load_units=load_units,
        app_region=regions,
    )


def _weights(graph: _Graph) -> Weights:
    largest_affinity = int(graph.pair_cost.max(initial=0))
    region = graph.n * largest_affinity + 1
    top_step = np.where(graph.cell_units > 0, graph.fixed_cell + graph.cell_units - 1, 0)
    steps = int(top_step.reshape(graph.m, graph.n_regions).max(axis=1, initial=0).sum())
    load = region * (steps + 1)
    top_load = np.where(graph.load_units > 0, graph.fixed_load + graph.load_units, 0)
    unfilled = load * (int(top_load.max(initial=0)) + 1)
    return Weights(unfilled=unfilled, load=load, region=region)


def weights(*, problem: AssignmentProblem) -> Weights:
    """The tier weights `assign` uses for this problem (see the module docstring)."""
    return _weights(_reduce(problem))


def _chain(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For chains of the given lengths, laid end to end: each arc's chain and its step 0, 1, …"""
    owner = np.repeat(np.arange(len(units), dtype=np.int64), units)
    starts = np.cumsum(units) - units
    return owner, np.arange(len(owner), dtype=np.int64) - starts[owner]


def _flow(
    graph: _Graph,
    w: Weights,
    keep: np.ndarray | None = None,
    pair_capacity: np.ndarray | None = None,
    chain_cap: int | None = None,
) -> tuple[np.ndarray, int, bool]:
    """Solve the flow over the allowed pairs (or only those `keep` marks): the pairs used, as
    indices into graph.pair_app, and the optimal cost. Pair arcs carry one unit unless
    `pair_capacity` says otherwise.

    `chain_cap` keeps only the first units of each region chain. The third value says whether
    some cut chain was filled to its cap: when none is, the optimum is also the optimum with
    whole chains, because every unit cut off costs at least as much as the unused unit before
    it, so no cycle through a cut unit can be cheaper than one through that unused unit."""
    n, m = graph.n, graph.m
    source, sink, app_base, cell_base = 0, 1, 2, 2 + n
    rev_base = cell_base + m * graph.n_regions
    n_nodes = rev_base + m
    total_demand = int(graph.demand.sum())
    if w.unfilled * max(n_nodes + 1, total_demand + 1) >= _COST_LIMIT:
        raise ValueError("the problem is too large for exact integer costs")

    chosen = np.arange(len(graph.pair_app)) if keep is None else np.flatnonzero(keep)
    units = graph.cell_units if chain_cap is None else np.minimum(graph.cell_units, chain_cap)
    cell, cell_step = _chain(units)
    rev, load_step = _chain(graph.load_units)
    wanted = np.flatnonzero(graph.demand)
    blocks = np.cumsum([0, len(chosen), len(cell), len(rev), len(wanted), 1])
    pairs, cells, loads, sources, overflow = (
        slice(a, b) for a, b in zip(blocks[:-1], blocks[1:], strict=True)
    )
    tails = np.empty(blocks[-1], dtype=np.int32)
    heads = np.empty(blocks[-1], dtype=np.int32)
    capacities = np.ones(blocks[-1], dtype=np.int64)
    costs = np.zeros(blocks[-1], dtype=np.int64)
    np.add(graph.pair_app[chosen], app_base, out=tails[pairs])
    np.add(graph.pair_cell[chosen], cell_base, out=heads[pairs])
    costs[pairs] = graph.pair_cost[chosen]
    if pair_capacity is not None:
        capacities[pairs] = pair_capacity[chosen]
    tails[cells] = cell_base + cell
    heads[cells] = rev_base + cell // graph.n_regions
    costs[cells] = (graph.fixed_cell[cell] + cell_step) * w.region
    tails[loads] = rev_base + rev
    heads[loads] = sink
    costs[loads] = (graph.fixed_load[rev] + load_step + 1) * w.load
    tails[sources] = source
    heads[sources] = app_base + wanted
    capacities[sources] = graph.demand[wanted]
    tails[overflow], heads[overflow] = source, sink
    capacities[overflow], costs[overflow] = total_demand, w.unfilled

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(
        np.array([source, sink, n_nodes - 1], dtype=np.int32),
        np.array([total_demand, -total_demand, 0], dtype=np.int64),
    )  # the last node named too, so OR-Tools knows every node even when it has no arc
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"the assignment flow did not solve: {status}")
    used = np.flatnonzero(flow.flows(np.arange(blocks[1], dtype=np.int32)))
    saturated = False
    if chain_cap is not None:
        last = np.flatnonzero((cell_step == chain_cap - 1) & (graph.cell_units[cell] > chain_cap))
        if len(last):
            saturated = bool(flow.flows((blocks[1] + last).astype(np.int32)).any())
    return chosen[used], int(flow.optimal_cost()), saturated


def _lower_bound(graph: _Graph, w: Weights, chain_cap: int | None = None) -> int:
    """The optimum of a relaxation: applications of one region pooled, so a cell (j, r) takes
    up to as many reviews as region r has applications reviewer j may read, each at the
    cheapest affinity among them. Every assignment is a flow here at no greater cost."""
    n_cells = graph.m * graph.n_regions
    by_cell = np.bincount(graph.pair_cell, minlength=n_cells)
    cheapest = np.full(n_cells, np.iinfo(np.int64).max)
    np.minimum.at(cheapest, graph.pair_cell, graph.pair_cost)
    cells = np.flatnonzero(by_cell)
    pooled = replace(
        graph,
        n=graph.n_regions,
        demand=np.bincount(
            graph.app_region, weights=graph.demand, minlength=graph.n_regions
        ).astype(np.int64),
        pair_app=(cells % graph.n_regions).astype(np.int32),
        pair_rev=(cells // graph.n_regions).astype(np.int32),
        pair_cell=cells.astype(np.int32),
        pair_cost=cheapest[cells],
        app_region=np.arange(graph.n_regions),
    )
    _, cost, saturated = _flow(pooled, w, pair_capacity=by_cell[cells], chain_cap=chain_cap)
    if saturated:
        _, cost, _ = _flow(pooled, w, pair_capacity=by_cell[cells])
    return cost


def _candidates(graph: _Graph, per_application: int) -> np.ndarray:
    """For each application, `per_application` of its allowed pairs: a window of consecutive
    reviewers starting at a point that moves round with the application, so every reviewer is
    offered about the same number."""
    allowed = np.bincount(graph.pair_app, minlength=graph.n)
    first = np.cumsum(allowed) - allowed
    apps = graph.pair_app
    offset = (np.arange(graph.n, dtype=np.int64) * 7919) % np.maximum(allowed, 1)
    position = np.arange(len(apps), dtype=np.int64) - first[apps]
    return (position - offset[apps]) % allowed[apps] < per_application


def candidate_count(graph: _Graph) -> int:
    return max(MIN_CANDIDATES, -(-OFFERS_PER_REVIEWER * graph.m // max(graph.n, 1)))


def chain_cap_for(graph: _Graph) -> int:
    """Region chains are cut at twice a reviewer's even share of one region, plus two: an
    optimum rarely comes near that, and when it does the chains are solved whole."""
    most = int((graph.fixed_load + graph.load_units).max(initial=0))
    return 2 * -(-most // graph.n_regions) + 2


def _common_factor(costs: np.ndarray) -> int:
    """The largest whole number dividing every affinity cost (1 when all are 0)."""
    factor = int(np.gcd.reduce(costs)) if len(costs) else 0
    return max(factor, 1)


def _objective(graph: _Graph, w: Weights, used: np.ndarray) -> int:
    """The total cost of the flow placing the pairs `used`, in `graph`'s costs and weights `w`:
    the same sum the solver minimises, counted from the result."""
    load = np.bincount(graph.pair_rev[used], minlength=graph.m).astype(np.int64)
    cell = np.bincount(graph.pair_cell[used], minlength=graph.m * graph.n_regions).astype(np.int64)
    unfilled = int(graph.demand.sum()) - len(used)
    loads = int((load * graph.fixed_load + load * (load + 1) // 2).sum())
    regions = int((cell * graph.fixed_cell + cell * (cell - 1) // 2).sum())
    affinity = int(graph.pair_cost[used].sum())
    return w.unfilled * unfilled + w.load * loads + w.region * regions + affinity


def _result(graph: _Graph, used: np.ndarray, objective: int) -> Assignment:
    n, m = graph.n, graph.m
    placed = graph.pair_app[used].astype(np.int64) * m + graph.pair_rev[used]
    flat = np.sort(np.concatenate([graph.fixed_flat, placed]))
    apps = flat // m if m else flat
    reviewers = flat - apps * m
    return Assignment(
        pairs=np.column_stack([apps, reviewers]),
        loads=np.bincount(reviewers, minlength=m),
        objective=objective,
        unfilled=tuple(np.flatnonzero(np.bincount(apps, minlength=n) < graph.k).tolist()),
    )


def assign_plain(*, problem: AssignmentProblem) -> Assignment:
    """The same optimum as `assign`, the plain way: one min-cost flow over every allowed pair,
    with whole chains and the costs as the module docstring gives them. The reference the
    tests and the bench compare `assign` with."""
    graph = _reduce(problem)
    used, objective, _ = _flow(graph, _weights(graph))
    return _result(graph, used, objective)


def assign(
    *,
    problem: AssignmentProblem,
    candidates: int | str | None = "auto",
    chain_cap: int | str | None = "auto",
) -> Assignment:
    """The optimal assignment: most reviews placed, then loads balanced, then regions spread
    across each reviewer's share, then affinity maximised (the module docstring has the costs).

    The affinity costs are first divided by their common factor (affinities counting matching
    expertise terms give few distinct costs, often all multiples of one): the tiers keep their
    order, so the optimum is the same, while the tier weights, and so the solver's work, shrink.
    The objective is still reported in the module's own costs.

    A large problem without differing affinities is first solved over `candidates` reviewers
    per application ("auto": see `candidate_count`). That answer is kept only when it costs no
    more than a relaxation of the whole problem, which proves it optimal for the whole problem;
    otherwise the whole problem is solved. None: always whole. When affinities differ, the
    relaxation (which gives each cell its best affinity) is never met, so the whole problem is
    solved at once. `chain_cap` cuts each region chain short the same way ("auto":
    `chain_cap_for`; None: whole chains); a cut that could matter is undone, so it too only
    changes the time taken."""
    graph = _reduce(problem)
    factor = _common_factor(graph.pair_cost)
    solved = replace(graph, pair_cost=graph.pair_cost // factor) if factor > 1 else graph
    w = _weights(solved)
    n = graph.n
    if candidates == "auto":
        candidates = candidate_count(graph)
    if chain_cap == "auto":
        chain_cap = chain_cap_for(graph)
    differ = len(graph.pair_cost) and graph.pair_cost.min() != graph.pair_cost.max()
    used = None
    if candidates is not None and not differ and len(graph.pair_app) > 2 * candidates * max(1, n):
        keep = _candidates(solved, candidates)
        sparse_used, cost, _ = _flow(solved, w, keep, chain_cap=chain_cap)
        if cost == _lower_bound(solved, w, chain_cap):
            used = sparse_used
    if used is None:
        used, _, saturated = _flow(solved, w, chain_cap=chain_cap)
        if saturated:
            used, _, _ = _flow(solved, w)
    return _result(graph, used, _objective(graph, _weights(graph), used))
