"""Matching directors with coaches (upon/support/algorithms/matching.py): against brute force on
small cases, and with Hypothesis for the rules that always hold."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upon.support.algorithms.matching import (
    UNMATCHED,
    MatchProblem,
    best_match,
    blocking_pairs,
    price_of_stability,
    stable_match,
    welfare,
)


def problem(preferences, priorities=None, capacity=None, conflicts=None) -> MatchProblem:
    preferences = np.asarray(preferences, dtype=float)
    n, m = preferences.shape
    return MatchProblem(
        preferences=preferences,
        priorities=preferences if priorities is None else np.asarray(priorities, dtype=float),
        capacity=np.ones(m, dtype=int) if capacity is None else np.asarray(capacity),
        conflicts=np.zeros((n, m), bool) if conflicts is None else np.asarray(conflicts, bool),
    )


def feasible(p: MatchProblem, coach_of) -> bool:
    load = np.bincount([c for c in coach_of if c != UNMATCHED], minlength=p.coaches)
    return bool((load <= p.capacity).all()) and not any(
        c != UNMATCHED and p.conflicts[d, c] for d, c in enumerate(coach_of)
    )


def every_match(p: MatchProblem):
    for coach_of in itertools.product([UNMATCHED, *range(p.coaches)], repeat=p.directors):
        if feasible(p, coach_of):
            yield coach_of


def size(coach_of) -> int:
    return sum(c != UNMATCHED for c in coach_of)


def brute_best(p: MatchProblem) -> tuple[int, float]:
    return max((size(m), welfare(p, m)) for m in every_match(p))


def brute_best_stable_welfare(p: MatchProblem) -> float:
    return max(welfare(p, m) for m in every_match(p) if not blocking_pairs(p, m))


def strands_someone(p: MatchProblem, coach_of) -> bool:
    """A director with no coach while a coach they do not conflict with has room."""
    load = np.bincount([c for c in coach_of if c != UNMATCHED], minlength=p.coaches)
    room = load < p.capacity
    return any(c == UNMATCHED and (room & ~p.conflicts[d]).any() for d, c in enumerate(coach_of))


def test_the_best_match_gives_up_one_first_choice_to_match_everyone():
    # Both want coach 0; only the first may have coach 1.
    p = problem([[3, 1], [3, 0]], conflicts=[[False, False], [False, True]])
    best = best_match(p)
    assert best.coach_of == (1, 0)
    assert best.explanations == (
        "Your 2nd choice: each coach you preferred is full: giving you one would have cost "
        "other directors more of their choices",
        "Your 1st choice",
    )


def test_the_stable_match_and_its_price():
    # Coach 0 prefers director 1, who likes it less; the best match pairs them the other way.
    preferences = [[10, 0], [6, 5]]
    priorities = [[0, 1], [1, 0]]
    p = problem(preferences, priorities)
    best, stable = best_match(p), stable_match(p)
    assert best.coach_of == (0, 1) and best.welfare == 15
    assert stable.coach_of == (1, 0) and stable.welfare == 6
    assert price_of_stability(best, stable) == pytest.approx(60.0)
    assert blocking_pairs(p, stable.coach_of) == []
    assert blocking_pairs(p, best.coach_of) == [(1, 0)]


def test_a_director_with_a_conflict_everywhere_is_told_why():
    p = problem([[1, 2]], conflicts=[[True, True]])
    assert best_match(p).explanations == (
        "No coach: every coach has a conflict of interest or declined",
    )
    assert stable_match(p).coach_of == (UNMATCHED,)


def test_capacity_fills_each_coach_before_anyone_is_left():
    p = problem([[3, 1], [3, 1], [3, 1]], capacity=[2, 1])
    for match in (best_match(p), stable_match(p)):
        assert sorted(match.coach_of) == [0, 0, 1]


def strict(rng, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Strict preferences (each director orders the coaches) and priorities (each coach
    orders the directors): where deferred acceptance is best for every director."""
    preferences = np.array([rng.permutation(m) for _ in range(n)], dtype=float)
    priorities = np.array([rng.permutation(n) for _ in range(m)], dtype=float).T
    return preferences, priorities


small = st.integers(1, 4).flatmap(
    lambda n: st.integers(1, 3).flatmap(
        lambda m: st.tuples(
            st.just((n, m)),
            st.integers(0, 2**32 - 1),
            st.lists(st.integers(0, 2), min_size=m, max_size=m),
            st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n),
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(small)
def test_against_brute_force(case):
    (n, m), seed, capacity, conflicts = case
    preferences, priorities = strict(np.random.default_rng(seed), n, m)
    p = problem(preferences, priorities, capacity, conflicts)
    best, stable = best_match(p), stable_match(p)
    assert (size(best.coach_of), best.welfare) == brute_best(p)
    # Director-proposing deferred acceptance: stable, and no stable match is better for them.
    assert blocking_pairs(p, stable.coach_of) == []
    assert stable.welfare == brute_best_stable_welfare(p)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), min_size=3, max_size=3), min_size=1, max_size=4))
def test_the_best_match_is_best_with_ties_too(preferences):
    p = problem(preferences)
    assert (size(best_match(p).coach_of), best_match(p).welfare) == brute_best(p)
    assert blocking_pairs(p, stable_match(p).coach_of) == []


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.integers(1, 6).flatmap(
            lambda m: st.tuples(
                st.just((n, m)),
                st.integers(0, 2**32 - 1),
                st.lists(st.integers(0, 3), min_size=m, max_size=m),
                st.floats(0, 0.6),
            )
        )
    )
)
def test_capacity_and_conflicts_always_hold_and_no_one_is_stranded(case):
    (n, m), seed, capacity, conflict_rate = case
    rng = np.random.default_rng(seed)
    p = problem(
        rng.permutation(np.tile(np.arange(m), (n, 1)).T).T.astype(float),
        rng.random((n, m)),
        capacity,
        rng.random((n, m)) < conflict_rate,
    )
    for match in (best_match(p), stable_match(p)):
        assert feasible(p, match.coach_of)
        assert not strands_someone(p, match.coach_of)
        assert len(match.explanations) == n
    assert 0 <= price_of_stability(best_match(p), stable_match(p)) <= 100
