"""Cohort composition: the cohort proposed at capacity from the shortlist.

Pure: plain data in, frozen dataclasses out, no Django. It maximises the calibrated merit of the
cohort under the balance rules the programme sets, and only on attributes that are not protected
characteristics: at most m people from any one employer, at least one person from every region
the shortlist has someone from, and a minimum and maximum for each sector named. A Candidate has
exactly five fields (id, merit, employer, region, sector): monitoring answers cannot reach it.

The optimum is exact (OR-Tools CP-SAT, proven optimal). Merits are compared to 3 decimal places
(each is scaled by SCALE = 1000 and rounded to a whole number, far finer than a calibrated merit's
uncertainty); every total and cost reported is in those rounded merits. Among cohorts of equal
merit the one whose people stand higher on the shortlist wins (the order is merit, then id), so
the same shortlist and rules always give the same cohort.

Beside the cohort it reports what each rule cost (the cohort's merit with that rule alone dropped,
less its merit with every rule), why each near miss was not chosen, and the reserves in order,
which become the waitlist once the programme lead confirms.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

SCALE = 1000
NEAR_MISSES = 10
TIME_LIMIT_S = 60.0


def _people(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"


def _places(count: int) -> str:
    return f"{count} place" if count == 1 else f"{count} places"


@dataclass(frozen=True)
class Candidate:
    """One shortlisted application: its calibrated merit and three non-protected attributes."""

    id: int | str  # ids of one shortlist are all of one type, so they can be ordered
    merit: float
    employer: str
    region: str
    sector: str


@dataclass(frozen=True)
class BalanceRules:
    """The intake's places and the balance rules; sectors not named in sector_bounds are free."""

    capacity: int
    max_per_employer: int | None = None
    min_one_per_region: bool = False
    sector_bounds: Mapping[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleCost:
    rule: str  # "employer", "region" or "sector"
    description: str
    cost: float  # merit the cohort gives up for this rule alone, never negative


@dataclass(frozen=True)
class Reason:
    rule: str  # "merit", "employer", "sector_max", "region" or "sector_min"
    text: str


@dataclass(frozen=True)
class NearMiss:
    id: int | str
    merit: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Composition:
    """The proposal. When the rules cannot be met, feasible is False, problems says why in
    plain words, and no cohort, costs or waitlist are given."""

    feasible: bool
    problems: tuple[str, ...] = ()
    selected: tuple[int | str, ...] = ()  # best merit first
    total_merit: float = 0.0
    unconstrained_merit: float = 0.0  # the top `capacity` merits, with no rule at all
    cost_of_rules: float = 0.0  # unconstrained_merit - total_merit
    rule_costs: tuple[RuleCost, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()  # the best unselected, each with its reasons
    waitlist: tuple[int | str, ...] = ()  # everyone not selected, best merit first


def _validate(candidates: Sequence[Candidate], rules: BalanceRules) -> None:
    if len({c.id for c in candidates}) != len(candidates):
        raise ValueError("each candidate needs a different id")
    if not all(math.isfinite(c.merit) for c in candidates):
        raise ValueError("every merit must be a finite number")
    if rules.capacity < 1:
        raise ValueError("capacity must be at least 1")
    if rules.max_per_employer is not None and rules.max_per_employer < 1:
        raise ValueError("max_per_employer must be at least 1")
    for sector, (low, high) in rules.sector_bounds.items():
        if not 0 <= low <= high:
            raise ValueError(f"sector {sector!r}: bounds must satisfy 0 <= minimum <= maximum")


def _can_be_chosen(ranked: Sequence[Candidate], rules: BalanceRules) -> list[int]:
    """Ranks of the candidates that can be in the optimal cohort; the rest are pruned.

    Take j in a cohort and B, some candidates ranked above j with j's sector (sectors without
    bounds count as one). Swapping in an unselected i from B for j keeps the employer rule unless
    i's employer is another one already at its maximum m, keeps the sector rule, and strictly
    improves the cohort. To block every such swap the cohort must hold all of B from j's own
    employer (fewer than m of them, j being there too) and, for each other employer e, all of
    B_e or m people from e: sum over e of min(|B_e|, m) people besides j. If that is capacity or
    more (or j's employer has m in B), the swap cannot be blocked. With no employer rule m is
    capacity, enough to block anything. Without the region rule, B is everyone above j in its
    sector. With it, swaps across regions need j's region to keep someone, so j is pruned when
    the swap cannot be blocked within j's region and sector, or when it cannot be blocked across
    regions and also not when j is its region's only person: then B (j's region and sector) is
    wholly unselected, and blocking it needs m people from each of its employers, none being j's.
    An optimal cohort holds no pruned candidate, so the optimum is unchanged.
    """
    m = rules.max_per_employer or rules.capacity
    above: dict[tuple, Counter] = defaultdict(Counter)  # group -> employer -> people above
    blocking: Counter = Counter()  # group -> people needed to block the swaps from it

    def unblockable(group, employer):
        return above[group][employer] >= m or blocking[group] >= rules.capacity

    kept = []
    for rank, candidate in enumerate(ranked):
        sector = candidate.sector if candidate.sector in rules.sector_bounds else None
        region = candidate.region if rules.min_one_per_region else None
        cell, wide = ("cell", region, sector), ("sector", sector)
        pruned = unblockable(cell, candidate.employer)
        if not pruned and rules.min_one_per_region:
            alone = above[cell][candidate.employer] > 0 or m * len(above[cell]) >= rules.capacity
            pruned = alone and unblockable(wide, candidate.employer)
        if not pruned:
            kept.append(rank)
        for group in (cell, wide):
            if above[group][candidate.employer] < m:
                blocking[group] += 1
            above[group][candidate.employer] += 1
    return kept


def _solve(
    ranked: Sequence[Candidate],
    scaled: Sequence[int],
    rules: BalanceRules,
    hint=frozenset(),
    prune: bool = True,
) -> list[int] | None:
    """Ranks of the optimal cohort (merit first, then higher places), or None if infeasible."""
    keep = _can_be_chosen(ranked, rules) if prune else range(len(ranked))
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"x{rank}") for rank in keep]
    model.add(cp_model.LinearExpr.sum(chosen) == rules.capacity)
    groups: dict[tuple, list] = defaultdict(list)
    for rank, var in zip(keep, chosen, strict=True):
        candidate = ranked[rank]
        groups["employer", candidate.employer].append(var)
        groups["region", candidate.region].append(var)
        groups["sector", candidate.sector].append(var)
    if rules.max_per_employer is not None:
        for (kind, _), members in groups.items():
            if kind == "employer" and len(members) > rules.max_per_employer:
                model.add(cp_model.LinearExpr.sum(members) <= rules.max_per_employer)
    if rules.min_one_per_region:
        for region in {c.region for c in ranked}:
            if not groups["region", region]:
                return None
            model.add_bool_or(groups["region", region])
    for sector, (low, high) in rules.sector_bounds.items():
        members = groups["sector", sector]
        if len(members) < low:
            return None
        model.add_linear_constraint(cp_model.LinearExpr.sum(members), low, high)
    weight = rules.capacity * len(ranked) + 1  # any merit gain outweighs every rank tie-break
    model.maximize(cp_model.LinearExpr.weighted_sum(chosen, [scaled[r] * weight - r for r in keep]))
    if hint:  # the cohort under every rule is a good start when a rule is dropped
        for rank, var in zip(keep, chosen, strict=True):
            model.add_hint(var, rank in hint)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = TIME_LIMIT_S
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return None
    if status != cp_model.OPTIMAL:
        # The status is passed in: OR-Tools 9.15's status_name() without it raises TypeError.
        raise RuntimeError(
            f"the cohort solver stopped without proving the best cohort "
            f"({solver.status_name(status)}); its time limit is {TIME_LIMIT_S:g} s"
        )
    return [rank for rank, var in zip(keep, chosen, strict=True) if solver.boolean_value(var)]


def _rules_in_force(rules: BalanceRules) -> list[tuple[str, str, BalanceRules]]:
    """Each rule set: its name, its description, and the rules with it alone dropped."""
    m = rules.max_per_employer
    every = [
        (m is not None, "employer", f"At most {_people(m or 0)} from any one employer"),
        (
            rules.min_one_per_region,
            "region",
            "At least one person from every region on the shortlist",
        ),
        (bool(rules.sector_bounds), "sector", "Each sector within its bounds"),
    ]
    relaxed = {
        "employer": replace(rules, max_per_employer=None),
        "region": replace(rules, min_one_per_region=False),
        "sector": replace(rules, sector_bounds={}),
    }
    return [(name, text, relaxed[name]) for on, name, text in every if on]


def _plain_problems(ranked: Sequence[Candidate], rules: BalanceRules) -> list[str]:
    """Counting arguments that show at once that the rules cannot be met, in plain words."""
    places, m, bounds = rules.capacity, rules.max_per_employer, rules.sector_bounds
    limit = m if m is not None else len(ranked)
    problems = []
    if len(ranked) < places:
        problems.append(
            f"The shortlist has {_people(len(ranked))} but the cohort has {_places(places)}."
        )
    regions = len({c.region for c in ranked})
    if rules.min_one_per_region and regions > places:
        problems.append(
            f"The shortlist spans {regions} regions but there are only {_places(places)}, "
            "so not every region can have one."
        )
    if m is not None:
        most = sum(min(k, m) for k in Counter(c.employer for c in ranked).values())
        if places <= len(ranked) and most < places:
            problems.append(
                f"With at most {_people(m)} from any one employer, only {_people(most)} on the "
                f"shortlist can be chosen, fewer than the {_places(places)}."
            )
    if bounds:
        need = sum(low for low, _ in bounds.values())
        if need > places:
            problems.append(
                f"The sector minimums need at least {_people(need)} but there are only "
                f"{_places(places)}."
            )
        pairs = Counter((c.sector, c.employer) for c in ranked)
        available = Counter()
        for (sector, _), count in pairs.items():
            available[sector] += min(count, limit)
        for sector, (low, _) in bounds.items():
            if available[sector] < low:
                problems.append(
                    f"The {sector} sector needs at least {_people(low)} but only "
                    f"{available[sector]} from it can be chosen."
                )
        room = sum(min(n, bounds[s][1]) if s in bounds else n for s, n in available.items())
        if places <= len(ranked) and room < places:
            problems.append(
                f"The sector maximums allow at most {_people(room)} but there are "
                f"{_places(places)}."
            )
    return problems


def _clashes(ranked: Sequence[Candidate], scaled: Sequence[int], rules: BalanceRules) -> list[str]:
    """When no single rule is impossible alone, which rule stands in the way of the others."""
    freeing = [
        description.lower()
        for _, description, relaxed in _rules_in_force(rules)
        if _solve(ranked, scaled, relaxed) is not None
    ]
    if not freeing:
        return ["The rules cannot all be met together, and dropping any one is not enough."]
    return [
        f"The rules cannot all be met together; a cohort is possible without the rule: {rule}."
        for rule in freeing
    ]


def _reasons(
    near: Candidate, near_rank: int, last: Candidate, last_rank: int, cohort, rules: BalanceRules
) -> tuple[Reason, ...]:
    """Why a near miss did not take the last place: the rules swapping it in would break.

    If it ranks below the last place, its merit is the reason (it is not in the top `capacity`
    either). If it ranks above, swapping it in for the last place would raise the cohort's merit
    (or keep it and raise its place order), so, the cohort being optimal, the swap breaks at
    least one rule, and every rule it breaks is listed.
    """
    if near_rank > last_rank:
        return (
            Reason("merit", f"Merit {near.merit:.3f} is below the last place ({last.merit:.3f})."),
        )
    employers = Counter(c.employer for c in cohort)
    regions = Counter(c.region for c in cohort)
    sectors = Counter(c.sector for c in cohort)
    m, bounds = rules.max_per_employer, rules.sector_bounds
    reasons = []
    if m is not None and near.employer != last.employer and employers[near.employer] >= m:
        reasons.append(Reason("employer", f"Would exceed {_people(m)} from {near.employer}."))
    if near.sector != last.sector and near.sector in bounds:
        high = bounds[near.sector][1]
        if sectors[near.sector] >= high:
            reasons.append(
                Reason("sector_max", f"The {near.sector} sector is at its maximum of {high}.")
            )
    if rules.min_one_per_region and near.region != last.region and regions[last.region] == 1:
        reasons.append(Reason("region", f"The last place was needed for region {last.region}."))
    if near.sector != last.sector and last.sector in bounds:
        low = bounds[last.sector][0]
        if sectors[last.sector] <= low:
            reasons.append(
                Reason(
                    "sector_min",
                    f"The last place was needed for the {last.sector} sector's minimum of {low}.",
                )
            )
    assert reasons, "an optimal cohort admits no improving swap"  # nosec B101  # a self-check, not a guard
    return tuple(reasons)


def compose_cohort(
    *,
    candidates: Sequence[Candidate],
    rules: BalanceRules,
    near_misses: int = NEAR_MISSES,
    prune: bool = True,
) -> Composition:
    """Propose the cohort: the most calibrated merit the balance rules allow, with what each
    rule cost, why the best `near_misses` of the rest were not chosen, and the waitlist.

    `prune` leaves out, before solving, candidates who provably cannot be in any optimal
    cohort; turning it off changes nothing but the time taken (the tests check that)."""
    _validate(candidates, rules)
    ranked = sorted(candidates, key=lambda c: (-c.merit, c.id))
    scaled = [round(c.merit * SCALE) for c in ranked]
    problems = _plain_problems(ranked, rules)
    chosen = None if problems else _solve(ranked, scaled, rules, prune=prune)
    if chosen is None:
        return Composition(
            feasible=False, problems=tuple(problems or _clashes(ranked, scaled, rules))
        )
    total = sum(scaled[rank] for rank in chosen)
    unconstrained = sum(scaled[: rules.capacity])
    costs = []
    for name, description, relaxed in _rules_in_force(rules):
        freer = _solve(ranked, scaled, relaxed, hint=frozenset(chosen), prune=prune)
        costs.append(RuleCost(name, description, (sum(scaled[r] for r in freer) - total) / SCALE))
    in_cohort = set(chosen)
    reserves = [rank for rank in range(len(ranked)) if rank not in in_cohort]
    cohort = [ranked[rank] for rank in chosen]
    last_rank = chosen[-1]
    misses = tuple(
        NearMiss(
            ranked[rank].id,
            ranked[rank].merit,
            _reasons(ranked[rank], rank, ranked[last_rank], last_rank, cohort, rules),
        )
        for rank in reserves[:near_misses]
    )
    return Composition(
        feasible=True,
        selected=tuple(c.id for c in cohort),
        total_merit=total / SCALE,
        unconstrained_merit=unconstrained / SCALE,
        cost_of_rules=(unconstrained - total) / SCALE,
        rule_costs=tuple(costs),
        near_misses=misses,
        waitlist=tuple(ranked[rank].id for rank in reserves),
    )
