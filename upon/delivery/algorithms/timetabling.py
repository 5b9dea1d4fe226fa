"""Timetable planning: a year of cohort sessions placed on dates, facilitators and venues.

Pure: plain data in, frozen dataclasses out, no Django. Time is a run of half-day slots: slot s
is on day s // 2, in the morning when s is even and in the afternoon when it is odd. The caller
maps dates to slots and passes weekends and bank holidays in England as `closed_days`. Each
session takes `length` consecutive slots within one day (a taught day is 2, a morning or an
afternoon is 1), is run by exactly one of its eligible facilitators (none when it lists none)
and held in exactly one of its eligible venues (none when it lists none: it is virtual).

Hard rules, never broken: no facilitator, venue or cohort is in two sessions at once; no
session takes a slot its facilitator or venue is unavailable for; nothing happens on a closed
day; each session lies within its own window (`earliest` to `latest`, both slots it may take);
a cohort's ordered sessions (its taught days 1 to 8, say) happen in that order, each starting
at least `min_gap_days` days after the one before. A session's own window carries any other
rule about when it happens (an action learning meeting about every six weeks is a window of a
week or two around each sixth week); pinning a session the team has accepted is a window of one
start with one facilitator and one venue.

The proposal is the best plan in this order of aims, each counting only among plans equal on
the aims before it:

1. When re-planning, the fewest sessions of `previous` changed (a session is changed unless it
   keeps its start, facilitator and venue), then the fewest moved to another start: re-staffing
   a day upsets a facilitator, moving it upsets a cohort. Sessions not in `previous` are new.
2. The least spread: the sum over every ordered session of |start - ideal start|, in slots. The
   ideal starts of a cohort's m ordered sessions are spaced evenly, rounded half up, from the
   first slot its window allows (the earliest `earliest` of those sessions) to the last start
   it allows (the latest `latest - length + 1`).
3. The least max_load, the most half-day slots any one facilitator runs: a light push towards
   sharing the work, never bought with a session further from its ideal.

The objective is one number with these as its digits: changed, moved, spread and max_load,
each weighted by one more than everything after it can add up to (`_radices`), so a smaller
`Plan.objective` is always a better plan. A plan of `previous` is mended greedily (each session
that no longer fits re-staffed at its own start where someone and somewhere are free) and given
to the solver as a hint.

Solved by OR-Tools CP-SAT on a time-indexed model: a Boolean per session and possible start, and
one per (session, facilitator, start) and (session, venue, start) that facilitator or venue is
free for, so unavailability and closed days never enter the model and no element constraint is
needed; at most one Boolean per (facilitator, slot), (venue, slot) and (cohort, slot) is true;
order and gap are implications on an order encoding of each start ("started by slot t"); the
busiest facilitator's load starts at the even share, a bound the solver does not find alone.
Of the two workers (WORKERS), one is CP-SAT's "max_lp" (its richest linear relaxation and
cuts) and the other looks for plans (local search, neighbourhoods); together they prove the
optimum of a 96-session year in a few seconds (bench/timetable.py; 18 random years tried, all
proven). `stop_at_first` runs "no_lp" instead: a first plan needs no relaxation. Measured and
not used: an interval model (a start variable, an optional interval per choice, NoOverlap per
resource) did not prove that year within 15 seconds, nor did this model with the default
worker on some years; NoOverlap added to this model as a redundant constraint made the first
plan slower and the proof no faster. The seed is fixed; with more than one worker, which of
several equally good plans comes back may differ from run to run. `find_clashes` checks any
placements, however made (proposed, then adjusted by hand), for double bookings.
"""

import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

KINDS = frozenset({"taught_day", "learning_visit", "action_learning", "challenge", "other"})
TIME_LIMIT_S = 15.0
WORKERS = 2
SEED = 0
# Three years of half-day slots: far beyond any programme year, and a bound on the model's size.
MAX_SLOTS = 2 * 3 * 366


@dataclass(frozen=True)
class SessionSpec:
    """One session to place."""

    id: str
    cohort: str
    kind: str  # one of KINDS
    length: int  # half-day slots, consecutive, within one day: 1 or 2 (a taught day is 2)
    order: int | None = None  # place in the cohort's ordered sequence; None if it is free
    facilitators: tuple[str, ...] = ()  # who may run it; one is chosen (none when empty)
    venues: tuple[str, ...] = ()  # where it may happen; one is chosen (virtual when empty)
    earliest: int = 0  # the first slot it may take
    latest: int | None = None  # the last slot it may take (None: the last slot there is)


@dataclass(frozen=True)
class Placement:
    session: str
    start: int  # its first slot; it takes start .. start + length - 1
    facilitator: str | None
    venue: str | None


@dataclass(frozen=True)
class PlanningProblem:
    n_slots: int
    sessions: tuple[SessionSpec, ...]
    facilitator_unavailable: Mapping[str, frozenset[int]] = field(default_factory=dict)  # slots
    venue_unavailable: Mapping[str, frozenset[int]] = field(default_factory=dict)  # slots
    closed_days: frozenset[int] = frozenset()  # weekends, bank holidays: nothing on these days
    min_gap_days: int = 0  # between the start days of a cohort's consecutive ordered sessions
    previous: Mapping[str, Placement] | None = None  # the plan in force, when re-planning


@dataclass(frozen=True)
class Plan:
    """The proposal. status is "optimal" (proven best), "feasible" (keeps every rule, not
    proven best), "infeasible" (proven impossible) or "unknown" (no plan found in the time,
    nothing proven); placements is empty and the figures 0 unless there is a plan."""

    status: str
    placements: dict[str, Placement]  # by session id, in the order the sessions were given
    objective: int  # (changed, moved, spread, max_load) folded into one number; lower is better
    changed: int  # sessions of `previous` not kept at their start, facilitator and venue
    moved: int  # sessions of `previous` not kept at their start
    spread: int  # slots away from the ideal starts, summed
    max_load: int  # half-day slots of the busiest facilitator
    bound: int  # no plan has a lower objective (equal to objective when optimal)
    wall_time_s: float


@dataclass(frozen=True)
class Clash:
    kind: str  # "facilitator", "venue" or "cohort"
    resource: str  # the facilitator, venue or cohort in two places at once
    sessions: tuple[str, str]  # the earlier start first (then by id)
    slots: tuple[int, ...]  # the slots both take


def _validate(problem: PlanningProblem) -> None:
    if not 1 <= problem.n_slots <= MAX_SLOTS:
        raise ValueError(f"n_slots must be from 1 to {MAX_SLOTS}")
    if problem.min_gap_days < 0:
        raise ValueError("min_gap_days must not be negative")
    if len({s.id for s in problem.sessions}) != len(problem.sessions):
        raise ValueError("each session needs a different id")
    orders = set()
    for spec in problem.sessions:
        if spec.kind not in KINDS:
            raise ValueError(f"session {spec.id!r}: kind must be one of {sorted(KINDS)}")
        if spec.length not in (1, 2):
            raise ValueError(f"session {spec.id!r}: length must be 1 or 2 half-day slots")
        if len(set(spec.facilitators)) != len(spec.facilitators):
            raise ValueError(f"session {spec.id!r}: a facilitator is listed twice")
        if len(set(spec.venues)) != len(spec.venues):
            raise ValueError(f"session {spec.id!r}: a venue is listed twice")
        if spec.order is not None:
            if (spec.cohort, spec.order) in orders:
                raise ValueError(f"cohort {spec.cohort!r} has two sessions at order {spec.order}")
            orders.add((spec.cohort, spec.order))


def _last_slot(spec: SessionSpec, n_slots: int) -> int:
    return n_slots - 1 if spec.latest is None else min(spec.latest, n_slots - 1)


def _starts(spec: SessionSpec, problem: PlanningProblem) -> list[int]:
    """The starts the session's window, the day boundaries and the closed days allow."""
    last_start = _last_slot(spec, problem.n_slots) - spec.length + 1
    return [
        t
        for t in range(max(spec.earliest, 0), last_start + 1)
        if t // 2 == (t + spec.length - 1) // 2 and t // 2 not in problem.closed_days
    ]


def _sequences(sessions: Sequence[SessionSpec]) -> list[list[SessionSpec]]:
    """Each cohort's ordered sessions, in order."""
    sequences: dict[str, list[SessionSpec]] = defaultdict(list)
    for spec in sessions:
        if spec.order is not None:
            sequences[spec.cohort].append(spec)
    return [sorted(specs, key=lambda s: s.order) for specs in sequences.values()]


def ideal_starts(*, problem: PlanningProblem) -> dict[str, int]:
    """The ideal start of every ordered session: evenly spaced over its cohort's window."""
    ideal = {}
    for specs in _sequences(problem.sessions):
        low = max(0, min(s.earliest for s in specs))
        high = max(low, max(_last_slot(s, problem.n_slots) - s.length + 1 for s in specs))
        m = len(specs)
        for k, spec in enumerate(specs):
            ideal[spec.id] = low if m == 1 else low + (2 * k * (high - low) + m - 1) // (2 * m - 2)
    return ideal


def _radices(problem: PlanningProblem) -> tuple[int, int, int]:
    """The weights of changed, moved and spread in the objective (max_load's is 1): each is
    more than everything after it can ever add up to, so the aims are met strictly in order."""
    ids = {s.id for s in problem.sessions}
    most_spread = problem.n_slots * sum(s.order is not None for s in problem.sessions)
    most_load = sum(s.length for s in problem.sessions if s.facilitators)
    spread = most_load + 1
    moved = spread * (most_spread + 1)
    changed = moved * (sum(sid in ids for sid in problem.previous or {}) + 1)
    return changed, moved, spread


def _fold(problem: PlanningProblem, changed: int, moved: int, spread: int, max_load: int) -> int:
    weights = _radices(problem)
    return weights[0] * changed + weights[1] * moved + weights[2] * spread + max_load


def _figures(problem: PlanningProblem, placements: Mapping[str, Placement]) -> tuple[int, ...]:
    """changed, moved, spread and max_load of placements for every session of the problem."""
    changed = moved = 0
    for sid, old in (problem.previous or {}).items():
        if sid in placements:
            new = placements[sid]
            changed += (new.start, new.facilitator, new.venue) != (
                old.start,
                old.facilitator,
                old.venue,
            )
            moved += new.start != old.start
    spread = sum(
        abs(placements[sid].start - target) for sid, target in ideal_starts(problem=problem).items()
    )
    load: dict[str, int] = defaultdict(int)
    for spec in problem.sessions:
        if placements[spec.id].facilitator is not None:
            load[placements[spec.id].facilitator] += spec.length
    return changed, moved, spread, max(load.values(), default=0)


def _possible(problem: PlanningProblem):
    """Each session's possible starts and, for each eligible facilitator and venue, the starts
    it leaves free; None when some session has nowhere to go."""
    never: frozenset[int] = frozenset()
    unavailable = {
        "facilitator": problem.facilitator_unavailable,
        "venue": problem.venue_unavailable,
    }
    domains, free = {}, {}
    for spec in problem.sessions:
        starts = _starts(spec, problem)
        options = {
            kind: {
                r: [
                    t
                    for t in starts
                    if not any(t + i in unavailable[kind].get(r, never) for i in range(spec.length))
                ]
                for r in resources
            }
            for kind, resources in (("facilitator", spec.facilitators), ("venue", spec.venues))
        }
        allowed = set(starts)
        for by_resource in options.values():
            if by_resource:
                allowed &= {t for ts in by_resource.values() for t in ts}
        if not allowed:
            return None
        domains[spec.id] = sorted(allowed)
        free[spec.id] = {
            kind: {r: [t for t in ts if t in allowed] for r, ts in by_resource.items()}
            for kind, by_resource in options.items()
        }
        for kind in free[spec.id]:
            free[spec.id][kind] = {r: ts for r, ts in free[spec.id][kind].items() if ts}
    return domains, free


@dataclass
class _Model:
    """The CP-SAT model and the Booleans a plan is read from."""

    model: cp_model.CpModel
    at: dict[str, dict[int, cp_model.IntVar]]  # at[s][t]: session s starts at slot t
    chosen: dict[str, dict[str, dict[str, cp_model.IntVar]]]  # chosen[s][kind][r]: r takes s
    pairs: dict[str, dict[tuple[str, str, int], cp_model.IntVar]]  # [s][kind, r, t]: r, from t
    started: dict[str, dict[int, cp_model.IntVar]]  # [s][t]: s starts at t or before
    kept: dict[str, tuple[cp_model.IntVar, cp_model.IntVar]]  # [s]: (unchanged, same start)
    max_load: cp_model.IntVar | None
    decisions: dict[int, cp_model.IntVar]  # every variable a solution is hinted on, by index


def _build(problem: PlanningProblem, domains, free) -> _Model:
    model = cp_model.CpModel()
    decisions: dict[int, cp_model.IntVar] = {}

    def new_bool():
        var = model.new_bool_var("")
        decisions[var.index] = var
        return var

    at, chosen, pairs = {}, {}, defaultdict(dict)
    # Who or what is busy on each slot, as lists of Booleans: at most one of each list is true.
    busy: dict[tuple[str, str], dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for spec in problem.sessions:
        values = domains[spec.id]
        at[spec.id] = {t: new_bool() for t in values}
        model.add_exactly_one(at[spec.id].values())
        for t, var in at[spec.id].items():
            for slot in range(t, t + spec.length):
                busy["cohort", spec.cohort][slot].append(var)
        chosen[spec.id] = {}
        for kind, options in free[spec.id].items():
            chosen[spec.id][kind] = {}
            if not options:  # none needed: no facilitator, or virtual
                continue
            if len(options) == 1:  # the only choice, free whenever the session can be
                (resource,) = options
                chosen[spec.id][kind][resource] = model.new_constant(1)
                for t, var in at[spec.id].items():
                    for slot in range(t, t + spec.length):
                        busy[kind, resource][slot].append(var)
                continue
            pairs_at: dict[int, list] = defaultdict(list)  # (resource, start) pairs by start
            for resource, starts in options.items():
                for t in starts:
                    pair = pairs[spec.id][kind, resource, t] = new_bool()
                    pairs_at[t].append(pair)
                    for slot in range(t, t + spec.length):
                        busy[kind, resource][slot].append(pair)
                chosen[spec.id][kind][resource] = new_bool()
                model.add(
                    cp_model.LinearExpr.sum([pairs[spec.id][kind, resource, t] for t in starts])
                    == chosen[spec.id][kind][resource]
                )
            for t, var in at[spec.id].items():
                model.add(cp_model.LinearExpr.sum(pairs_at[t]) == var)
    seen = set()
    for by_slot in busy.values():
        for users in by_slot.values():
            key = tuple(sorted(var.index for var in users))
            if len(users) > 1 and key not in seen:  # a taught day's two slots give one list
                seen.add(key)
                model.add_at_most_one(users)

    # Order and gap, on an order encoding of each start: by[t] is "started at t or before".
    by: dict[str, dict[int, cp_model.IntVar]] = {}
    for specs in _sequences(problem.sessions):
        for spec in specs:
            values, by[spec.id] = domains[spec.id], {}
            for i, t in enumerate(values):
                last = i == len(values) - 1
                by[spec.id][t] = model.new_constant(1) if last else new_bool()
                before = by[spec.id][values[i - 1]] if i else 0
                model.add(by[spec.id][t] == before + at[spec.id][t])
        for first, then in zip(specs, specs[1:], strict=False):
            earlier, i = domains[first.id], -1
            for t in domains[then.id]:  # i: the latest start of `first` that lets `then` start at t
                while i + 1 < len(earlier) and (
                    earlier[i + 1] + first.length <= t
                    and earlier[i + 1] // 2 + problem.min_gap_days <= t // 2
                ):
                    i += 1
                if i < 0:
                    model.add(by[then.id][t] == 0)
                else:
                    model.add_implication(by[then.id][t], by[first.id][earlier[i]])

    objective: list = []
    unchanged, max_load = {}, None
    weights = _radices(problem)
    previous = {sid: p for sid, p in (problem.previous or {}).items() if sid in at}
    if previous:
        for sid, old in previous.items():
            kept, stays = new_bool(), new_bool()  # kept: nothing changes; stays: same start
            unchanged[sid] = kept, stays
            model.add_implication(kept, stays)
            if old.start in at[sid]:
                model.add_implication(stays, at[sid][old.start])
            else:
                model.add(stays == 0)
            for kind, resource in (("facilitator", old.facilitator), ("venue", old.venue)):
                if resource in chosen[sid][kind]:
                    model.add_implication(kept, chosen[sid][kind][resource])
                elif chosen[sid][kind] or resource is not None:
                    model.add(kept == 0)  # the old choice is no longer possible
            objective += [weights[0] * (1 - kept), weights[1] * (1 - stays)]
    ideal = ideal_starts(problem=problem)
    if ideal:
        objective += [
            weights[2] * abs(t - target) * v
            for sid, target in ideal.items()
            for t, v in at[sid].items()
            if t != target
        ]
    loads: dict[str, list] = defaultdict(list)
    for spec in problem.sessions:
        for person, var in chosen[spec.id]["facilitator"].items():
            loads[person].append(spec.length * var)
    if loads:
        total = sum(s.length for s in problem.sessions if chosen[s.id]["facilitator"])
        # Someone runs at least an even share: said outright, as the solver does not find it.
        max_load = model.new_int_var(-(-total // len(loads)), total, "max_load")
        decisions[max_load.index] = max_load
        for load in loads.values():
            model.add(max_load >= cp_model.LinearExpr.sum(load))
        objective.append(max_load)
    model.minimize(cp_model.LinearExpr.sum(objective))
    return _Model(model, at, chosen, pairs, by, unchanged, max_load, decisions)


def _mended(problem: PlanningProblem, domains, free) -> dict[str, Placement]:
    """The plan in force, as far as it still holds, with each session that no longer fits
    re-staffed at its start where someone and somewhere are free: a start for the solver."""
    specs = {spec.id: spec for spec in problem.sessions}
    previous = {sid: p for sid, p in (problem.previous or {}).items() if sid in specs}
    booked: set[tuple[str, str | None, int]] = set()

    def fits(spec: SessionSpec, placement: Placement) -> bool:
        if placement.start not in domains[spec.id]:
            return False
        for kind, resource in (("facilitator", placement.facilitator), ("venue", placement.venue)):
            options = free[spec.id][kind]
            if (resource is None) != (not options):
                return False
            if resource is not None and placement.start not in options.get(resource, ()):
                return False
        return not any(
            (kind, resource, placement.start + i) in booked
            for i in range(spec.length)
            for kind, resource in (
                ("facilitator", placement.facilitator),
                ("venue", placement.venue),
                ("cohort", spec.cohort),
            )
            if resource is not None
        )

    def book(spec: SessionSpec, placement: Placement) -> None:
        mended[spec.id] = placement
        for i in range(spec.length):
            booked.add(("facilitator", placement.facilitator, placement.start + i))
            booked.add(("venue", placement.venue, placement.start + i))
            booked.add(("cohort", spec.cohort, placement.start + i))

    mended: dict[str, Placement] = {}
    broken = []
    for sid, old in previous.items():
        if fits(specs[sid], old):
            book(specs[sid], old)
        else:
            broken.append(sid)
    for sid in broken:
        old, spec = previous[sid], specs[sid]
        people = sorted(free[sid]["facilitator"], key=lambda f: (f != old.facilitator, f)) or [None]
        places = sorted(free[sid]["venue"], key=lambda v: (v != old.venue, v)) or [None]
        for person in people:
            for place in places:
                placement = Placement(sid, old.start, person, place)
                if sid not in mended and fits(spec, placement):
                    book(spec, placement)
    return mended


def _hint(problem: PlanningProblem, built: _Model, placements: Mapping[str, Placement]) -> None:
    """Hint the solver with placements (all sessions or some): every variable they settle."""
    hinted: dict[int, int] = {}

    def hint(var: cp_model.IntVar, value) -> None:
        hinted[var.index] = int(value)

    previous = problem.previous or {}
    load: dict[str, int] = defaultdict(int)
    for spec in problem.sessions:
        placement = placements.get(spec.id)
        if placement is None:
            continue
        sid, start = spec.id, placement.start
        for t, var in built.at[sid].items():
            hint(var, t == start)
        for t, var in built.started.get(sid, {}).items():
            if var.index in built.decisions:
                hint(var, start <= t)
        chosen = {"facilitator": placement.facilitator, "venue": placement.venue}
        for kind, resource in chosen.items():
            for other, var in built.chosen[sid][kind].items():
                if var.index in built.decisions:
                    hint(var, other == resource)
        for (kind, resource, t), var in built.pairs[sid].items():
            hint(var, t == start and resource == chosen[kind])
        if sid in built.kept:
            old = previous[sid]
            kept, stays = built.kept[sid]
            hint(kept, (start, *chosen.values()) == (old.start, old.facilitator, old.venue))
            hint(stays, start == old.start)
        if placement.facilitator is not None:
            load[placement.facilitator] += spec.length
    if built.max_load is not None and len(placements) == len(problem.sessions):
        hint(built.max_load, max(max(load.values(), default=0), built.max_load.proto.domain[0]))
    # Written at once: add_hint, one variable at a time, costs more than the solve here.
    built.model.proto.solution_hint.vars.extend(list(hinted))
    built.model.proto.solution_hint.values.extend(list(hinted.values()))


def _empty(status: str, began: float, bound: int = 0) -> Plan:
    return Plan(status, {}, 0, 0, 0, 0, 0, bound, time.perf_counter() - began)


def propose(
    *,
    problem: PlanningProblem,
    time_limit_s: float = TIME_LIMIT_S,
    stop_at_first: bool = False,
    workers: int = WORKERS,
) -> Plan:
    """Propose a timetable keeping every hard rule: the best plan (see the module docstring)
    proven within `time_limit_s` in all, or with `stop_at_first` the first plan found."""
    began = time.perf_counter()
    _validate(problem)
    possible = _possible(problem)
    if possible is None:
        return _empty("infeasible", began)
    built = _build(problem, *possible)
    model = built.model
    if problem.previous:  # start from the plan in force, mended where it no longer holds
        _hint(problem, built, _mended(problem, *possible))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = SEED
    solver.parameters.max_time_in_seconds = max(0.0, time_limit_s - (time.perf_counter() - began))
    solver.parameters.stop_after_first_solution = stop_at_first
    solver.parameters.cp_model_probing_level = 0  # measured: probing costs more than it saves
    # Measured: the default LP worker stalls on some years where "max_lp" proves the optimum;
    # the first plan needs no relaxation at all and comes soonest without one.
    solver.parameters.subsolvers.append("no_lp" if stop_at_first else "max_lp")
    status = solver.solve(model)
    if status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"the timetable model is invalid: {model.validate()}")
    if status == cp_model.INFEASIBLE:
        return _empty("infeasible", began)
    if status != cp_model.OPTIMAL and status != cp_model.FEASIBLE:
        return _empty("unknown", began, _least(solver))
    placements = {spec.id: _read(solver, built, spec.id) for spec in problem.sessions}
    changed, moved, spread, max_load = _figures(problem, placements)
    objective = _fold(problem, changed, moved, spread, max_load)
    optimal = status == cp_model.OPTIMAL
    return Plan(
        status="optimal" if optimal else "feasible",
        placements=placements,
        objective=objective,
        changed=changed,
        moved=moved,
        spread=spread,
        max_load=max_load,
        bound=objective if optimal else min(objective, _least(solver)),
        wall_time_s=time.perf_counter() - began,
    )


def _least(solver: cp_model.CpSolver) -> int:
    """The solver's lower bound as a whole number (the objective is one), 0 if it has none."""
    bound = solver.best_objective_bound
    return max(0, math.ceil(bound - 1e-6)) if math.isfinite(bound) else 0


def _read(solver: cp_model.CpSolver, built: _Model, sid: str) -> Placement:
    def picked(options):
        return next((key for key, var in options.items() if solver.boolean_value(var)), None)

    return Placement(
        session=sid,
        start=picked(built.at[sid]),
        facilitator=picked(built.chosen[sid]["facilitator"]),
        venue=picked(built.chosen[sid]["venue"]),
    )


def find_clashes(
    *, placements: Mapping[str, Placement], sessions: Sequence[SessionSpec]
) -> list[Clash]:
    """Every facilitator, venue and cohort in two places at once, however the placements were
    made: one Clash per pair of sessions and what they share, in a fixed order."""
    specs = {spec.id: spec for spec in sessions}
    unknown = sorted(set(placements) - set(specs))
    if unknown:
        raise ValueError(f"placements for sessions not given: {unknown}")
    booked: dict[tuple[str, str], list[tuple[int, str, frozenset[int]]]] = defaultdict(list)
    for sid, placement in placements.items():
        spec = specs[sid]
        slots = frozenset(range(placement.start, placement.start + spec.length))
        for kind, resource in (
            ("facilitator", placement.facilitator),
            ("venue", placement.venue),
            ("cohort", spec.cohort),
        ):
            if resource is not None:
                booked[kind, resource].append((placement.start, sid, slots))
    clashes = []
    kinds = {"facilitator": 0, "venue": 1, "cohort": 2}
    for (kind, resource), bookings in sorted(booked.items(), key=lambda b: (kinds[b[0][0]], b[0])):
        for (_, first, a), (_, second, b) in combinations(sorted(bookings), 2):
            if a & b:
                clashes.append(Clash(kind, resource, (first, second), tuple(sorted(a & b))))
    return clashes
