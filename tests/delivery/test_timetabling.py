"""Timetable planning: the optimum against brute force, the hard rules always kept, re-planning
with the fewest changes, and clashes found exactly. The checker and the brute force here are
written from the rules as the module docstring states them, not from the module's code."""

from dataclasses import replace
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upon.delivery.algorithms.timetabling import (
    Clash,
    Placement,
    PlanningProblem,
    SessionSpec,
    find_clashes,
    ideal_starts,
    propose,
)


def taught(id, cohort, order, facilitators=("F1", "F2"), venues=("V1",), **window):
    return SessionSpec(
        id=id,
        cohort=cohort,
        kind="taught_day",
        length=2,
        order=order,
        facilitators=facilitators,
        venues=venues,
        **window,
    )


def slots(spec, start):
    return set(range(start, start + spec.length))


def alone(problem, spec, p):
    """The rules one placement breaks by itself."""
    broken = []
    taken = slots(spec, p.start)
    latest = problem.n_slots - 1 if spec.latest is None else spec.latest
    if p.start < max(spec.earliest, 0) or max(taken) > min(latest, problem.n_slots - 1):
        broken.append(f"{spec.id} is outside its window")
    if len({slot // 2 for slot in taken}) != 1:
        broken.append(f"{spec.id} runs over two days")
    if p.start // 2 in problem.closed_days:
        broken.append(f"{spec.id} is on a closed day")
    for resource, eligible, away in (
        (p.facilitator, spec.facilitators, problem.facilitator_unavailable),
        (p.venue, spec.venues, problem.venue_unavailable),
    ):
        if (resource is None) != (not eligible) or (resource and resource not in eligible):
            broken.append(f"{spec.id} has {resource}, not one of {eligible}")
        if resource is not None and taken & set(away.get(resource, ())):
            broken.append(f"{resource} is away for {spec.id}")
    return broken


def together(problem, sa, pa, sb, pb):
    """The rules two placements break between them."""
    broken = []
    a, b = sa.id, sb.id
    if slots(sa, pa.start) & slots(sb, pb.start):
        if pa.facilitator is not None and pa.facilitator == pb.facilitator:
            broken.append(f"{pa.facilitator} runs {a} and {b} at once")
        if pa.venue is not None and pa.venue == pb.venue:
            broken.append(f"{pa.venue} holds {a} and {b} at once")
        if sa.cohort == sb.cohort:
            broken.append(f"cohort {sa.cohort} is in {a} and {b} at once")
    if sa.cohort == sb.cohort and None not in (sa.order, sb.order):
        (sf, pf), (st_, pt) = sorted([(sa, pa), (sb, pb)], key=lambda pair: pair[0].order)
        if pt.start < pf.start + sf.length:
            broken.append(f"{st_.id} is not after {sf.id}")
        if pt.start // 2 - pf.start // 2 < problem.min_gap_days:
            broken.append(f"{st_.id} is too soon after {sf.id}")
    return broken


def broken_rules(problem, placements):
    """Every hard rule the placements break, in words; [] when they keep them all."""
    specs = {s.id: s for s in problem.sessions}
    if set(placements) != set(specs):
        return ["not every session is placed exactly once"]
    broken = [b for sid, p in placements.items() for b in alone(problem, specs[sid], p)]
    for a, b in combinations(sorted(placements), 2):
        broken += together(problem, specs[a], placements[a], specs[b], placements[b])
    return broken


def ideal(problem):
    """Evenly spaced ideal starts, from the docstring: first to last start, rounded half up."""
    targets = {}
    for cohort in {s.cohort for s in problem.sessions}:
        ordered = sorted(
            (s for s in problem.sessions if s.cohort == cohort and s.order is not None),
            key=lambda s: s.order,
        )
        if not ordered:
            continue
        low = max(0, min(s.earliest for s in ordered))
        last = [
            (problem.n_slots - 1 if s.latest is None else min(s.latest, problem.n_slots - 1))
            - s.length
            + 1
            for s in ordered
        ]
        high = max(low, max(last))
        for k, spec in enumerate(ordered):
            step = Fraction(k * (high - low), len(ordered) - 1) if len(ordered) > 1 else 0
            targets[spec.id] = low + int(step + Fraction(1, 2))  # floor(x + 1/2): half up
    return targets


def key(problem, placements):
    """(changed, moved, spread, max_load): the aims, most important first."""
    previous = problem.previous or {}
    changed = sum(
        (placements[sid].start, placements[sid].facilitator, placements[sid].venue)
        != (old.start, old.facilitator, old.venue)
        for sid, old in previous.items()
    )
    moved = sum(placements[sid].start != old.start for sid, old in previous.items())
    spread = sum(abs(placements[sid].start - t) for sid, t in ideal(problem).items())
    load = {}
    for spec in problem.sessions:
        person = placements[spec.id].facilitator
        if person is not None:
            load[person] = load.get(person, 0) + spec.length
    return changed, moved, spread, max(load.values(), default=0)


def folded(problem, aims):
    """The objective as documented: each aim weighted by one more than all after it can reach."""
    changed, moved, spread, max_load = aims
    most_load = sum(s.length for s in problem.sessions if s.facilitators)
    most_spread = problem.n_slots * sum(s.order is not None for s in problem.sessions)
    spread_weight = most_load + 1
    moved_weight = spread_weight * (most_spread + 1)
    changed_weight = moved_weight * (len(problem.previous or {}) + 1)
    return changed_weight * changed + moved_weight * moved + spread_weight * spread + max_load


def brute_force(problem):
    """The best key over every placement that keeps the rules, or None when none does."""
    sessions = problem.sessions
    options = [
        [
            Placement(spec.id, start, person, venue)
            for start in range(problem.n_slots)
            for person in spec.facilitators or (None,)
            for venue in spec.venues or (None,)
            if not alone(problem, spec, Placement(spec.id, start, person, venue))
        ]
        for spec in sessions
    ]
    best = None

    def extend(placed):
        nonlocal best
        if len(placed) == len(sessions):
            found = key(problem, dict(zip([s.id for s in sessions], placed, strict=True)))
            best = found if best is None or found < best else best
            return
        spec = sessions[len(placed)]
        for option in options[len(placed)]:
            if not any(
                together(problem, earlier, p, spec, option)
                for earlier, p in zip(sessions, placed, strict=False)
            ):
                extend([*placed, option])

    extend([])
    return best


def assert_matches_brute_force(problem):
    plan = propose(problem=problem)
    best = brute_force(problem)
    if best is None:
        assert plan.status == "infeasible" and plan.placements == {}
        return plan
    assert plan.status == "optimal"
    assert broken_rules(problem, plan.placements) == []
    assert find_clashes(placements=plan.placements, sessions=problem.sessions) == []
    assert (plan.changed, plan.moved, plan.spread, plan.max_load) == best
    assert plan.objective == plan.bound == folded(problem, best)
    return plan


TWO_COHORTS = PlanningProblem(
    n_slots=12,
    sessions=tuple(
        taught(f"{cohort}{order}", cohort, order) for cohort in "AB" for order in (1, 2, 3)
    ),
    min_gap_days=1,
)


def test_two_cohorts_of_three_taught_days_match_brute_force():
    plan = assert_matches_brute_force(TWO_COHORTS)
    # One venue and six days: each day holds one taught day; the ideals are 0, 5, 10 for both.
    assert sorted(p.start for p in plan.placements.values()) == [0, 2, 4, 6, 8, 10]
    assert (plan.spread, plan.max_load) == (6, 6)


@pytest.mark.parametrize(
    "changes",
    [
        {"facilitator_unavailable": {"F1": frozenset({0, 1, 2, 3, 4, 5})}},
        {"closed_days": frozenset({2}), "min_gap_days": 0},
        {"venue_unavailable": {"V1": frozenset({11})}, "min_gap_days": 2},
    ],
)
def test_small_variants_match_brute_force(changes):
    assert_matches_brute_force(replace(TWO_COHORTS, **changes))


def test_an_impossible_year_is_refused_not_half_planned():
    problem = replace(TWO_COHORTS, closed_days=frozenset({2}))
    assert brute_force(problem) is None
    plan = propose(problem=problem)
    assert (plan.status, plan.placements, plan.objective) == ("infeasible", {}, 0)


def test_mornings_afternoons_virtual_sessions_and_closed_days():
    problem = PlanningProblem(
        n_slots=10,
        sessions=(
            taught("T1", "A", 1, facilitators=("F1",)),
            SessionSpec("LV", "A", "learning_visit", 1, None, ("F1", "F2"), ("V1", "V2")),
            SessionSpec("AL", "A", "action_learning", 1, 2, (), ()),  # virtual, no facilitator
            taught("T2", "A", 3, facilitators=("F2",), venues=("V2",)),
        ),
        facilitator_unavailable={"F2": frozenset({4})},
        closed_days=frozenset({3}),
        min_gap_days=1,
    )
    plan = assert_matches_brute_force(problem)
    assert plan.placements["AL"].facilitator is None and plan.placements["AL"].venue is None


def test_ideal_starts_are_evenly_spaced_over_the_window():
    problem = PlanningProblem(
        n_slots=40,
        sessions=tuple(taught(f"T{k}", "A", k, earliest=0, latest=23) for k in range(1, 5))
        + (taught("U1", "B", 1, earliest=10),),
    )
    # Window 0..22 for starts: 22 / 3 apart, rounded half up; one session sits at its first slot.
    assert ideal_starts(problem=problem) == {"T1": 0, "T2": 7, "T3": 15, "T4": 22, "U1": 10}


names = st.sampled_from
small_sessions = st.lists(
    st.builds(
        lambda cohort, kind, length, order, facilitators, venues, earliest, latest: (
            cohort,
            kind,
            length,
            order,
            tuple(sorted(facilitators)),
            tuple(sorted(venues)),
            earliest,
            latest,
        ),
        cohort=names(["A", "B"]),
        kind=names(["taught_day", "learning_visit", "action_learning", "challenge", "other"]),
        length=st.integers(1, 2),
        order=st.none() | st.integers(1, 3),
        facilitators=st.sets(names(["F1", "F2"])),
        venues=st.sets(names(["V1", "V2"]), max_size=1) | st.just({"V1", "V2"}),
        earliest=st.integers(0, 3),
        latest=st.none() | st.integers(3, 10),
    ),
    min_size=1,
    max_size=4,
)


@st.composite
def small_problems(draw):
    n_slots = draw(st.integers(4, 10))
    sessions, orders = [], set()
    for index, (cohort, kind, length, order, people, places, early, late) in enumerate(
        draw(small_sessions)
    ):
        if (cohort, order) in orders:
            order = None  # one session per place in a cohort's sequence
        orders.add((cohort, order))
        sessions.append(
            SessionSpec(f"S{index}", cohort, kind, length, order, people, places, early, late)
        )
    some_slots = st.frozensets(st.integers(0, n_slots - 1), max_size=3)
    return PlanningProblem(
        n_slots=n_slots,
        sessions=tuple(sessions),
        facilitator_unavailable={"F1": draw(some_slots), "F2": draw(some_slots)},
        venue_unavailable={"V1": draw(some_slots)},
        closed_days=draw(st.frozensets(st.integers(0, n_slots // 2 - 1), max_size=1)),
        min_gap_days=draw(st.integers(0, 2)),
    )


@settings(max_examples=150, deadline=None)
@given(problem=small_problems())
def test_generated_problems_keep_every_rule_and_match_brute_force(problem):
    assert_matches_brute_force(problem)


@settings(max_examples=60, deadline=None)
@given(problem=small_problems(), data=st.data())
def test_replanning_after_a_cancellation_changes_the_fewest_sessions(problem, data):
    plan = propose(problem=problem)
    if plan.status != "optimal":
        return
    person = data.draw(names(["F1", "F2"]))
    away = data.draw(st.frozensets(st.integers(0, problem.n_slots - 1), min_size=1, max_size=4))
    unavailable = dict(problem.facilitator_unavailable)
    unavailable[person] = unavailable[person] | away
    again = replace(problem, facilitator_unavailable=unavailable, previous=plan.placements)
    assert_matches_brute_force(again)


def replanning_case():
    """Three facilitators, each taught day open to two of them; F1 runs A1 on day 0."""
    eligible = {"A1": ("F1", "F3"), "A2": ("F1", "F2"), "A3": ("F2", "F3")}
    eligible |= {"B1": ("F2", "F3"), "B2": ("F1", "F3"), "B3": ("F1", "F2")}
    return PlanningProblem(
        n_slots=12,
        sessions=tuple(
            taught(f"{c}{k}", c, k, facilitators=eligible[f"{c}{k}"])
            for c in "AB"
            for k in (1, 2, 3)
        ),
        min_gap_days=1,
    )


def test_replanning_keeps_every_session_the_cancellation_does_not_touch():
    problem = replanning_case()
    first = propose(problem=problem)
    assert first.status == "optimal"
    person = first.placements["A1"].facilitator
    start = first.placements["A1"].start
    unavailable = {person: frozenset({start, start + 1})}  # away on the day of A1 only
    again = replace(problem, facilitator_unavailable=unavailable, previous=first.placements)
    plan = assert_matches_brute_force(again)
    # A1's other facilitator is free that day (the one venue holds one session a day), so only
    # A1 changes, re-staffed on the same day; everything else stays exactly as it was.
    assert (plan.changed, plan.moved) == (1, 0)
    assert plan.placements["A1"].start == start
    assert plan.placements["A1"].facilitator not in (person, None)
    for sid, placement in first.placements.items():
        if sid != "A1":
            assert plan.placements[sid] == placement


def test_replanning_moves_a_day_only_when_no_one_else_can_take_it():
    problem = replanning_case()
    first = propose(problem=problem)
    start = first.placements["A1"].start
    away = frozenset({start, start + 1})
    unavailable = {"F1": away, "F3": away}  # neither of A1's facilitators can come that day
    again = replace(problem, facilitator_unavailable=unavailable, previous=first.placements)
    plan = assert_matches_brute_force(again)
    assert plan.placements["A1"].start != start
    assert plan.moved >= 1


def test_previous_placements_of_sessions_no_longer_planned_are_ignored():
    first = propose(problem=TWO_COHORTS)
    previous = {**first.placements, "gone": Placement("gone", 0, "F1", "V1")}
    plan = propose(problem=replace(TWO_COHORTS, previous=previous))
    assert (plan.status, plan.changed, plan.moved) == ("optimal", 0, 0)
    assert plan.placements == first.placements


def test_stop_at_first_gives_a_plan_that_keeps_every_rule():
    plan = propose(problem=TWO_COHORTS, stop_at_first=True)
    assert plan.status in ("feasible", "optimal")
    assert broken_rules(TWO_COHORTS, plan.placements) == []
    assert plan.bound <= plan.objective


def test_find_clashes_flags_a_hand_made_double_booking_exactly():
    sessions = (
        taught("A1", "A", 1),
        SessionSpec("B1", "B", "learning_visit", 1, None, ("F1",), ("V1",)),
        SessionSpec("C1", "C", "challenge", 2, None, ("F2",), ("V2",)),
        SessionSpec("A2", "A", "action_learning", 1, None, (), ()),
    )
    placements = {
        "A1": Placement("A1", 2, "F1", "V1"),  # slots 2 and 3
        "B1": Placement("B1", 3, "F1", "V1"),  # F1 and V1 again in slot 3
        "C1": Placement("C1", 2, "F2", "V2"),  # the same day, but nothing shared
        "A2": Placement("A2", 2, None, None),  # cohort A is also in A1 then
    }
    assert find_clashes(placements=placements, sessions=sessions) == [
        Clash("facilitator", "F1", ("A1", "B1"), (3,)),
        Clash("venue", "V1", ("A1", "B1"), (3,)),
        Clash("cohort", "A", ("A1", "A2"), (2,)),
    ]
    placements["B1"] = Placement("B1", 4, "F1", "V1")
    placements["A2"] = Placement("A2", 5, None, None)
    assert find_clashes(placements=placements, sessions=sessions) == []


def test_find_clashes_refuses_placements_of_unknown_sessions():
    with pytest.raises(ValueError, match="not given"):
        find_clashes(placements={"X": Placement("X", 0, None, None)}, sessions=())


@pytest.mark.parametrize(
    ("sessions", "message"),
    [
        ((taught("A1", "A", 1), taught("A1", "B", 1)), "different id"),
        ((taught("A1", "A", 1), taught("A2", "A", 1)), "two sessions at order 1"),
        ((replace(taught("A1", "A", 1), length=3),), "length must be 1 or 2"),
        ((replace(taught("A1", "A", 1), kind="party"),), "kind must be one of"),
        ((taught("A1", "A", 1, facilitators=("F1", "F1")),), "facilitator is listed twice"),
    ],
)
def test_a_malformed_problem_is_refused(sessions, message):
    with pytest.raises(ValueError, match=message):
        propose(problem=PlanningProblem(n_slots=12, sessions=sessions))


def test_no_time_gives_no_plan_and_says_so():
    plan = propose(problem=TWO_COHORTS, time_limit_s=0)
    assert (plan.status, plan.placements) == ("unknown", {})
