"""Matching new directors with coaches: plain arrays in, plain data out, no Django.

Each director scores every coach (`preferences[d, c]`, higher is better: from their ranking of
the shortlist); each coach gives every director a priority (`priorities[d, c]`, higher is
better: how well the director fits their background and specialisms); a coach takes at most
`capacity[c]` directors; a conflicted pair (`conflicts[d, c]`: found or declared, or the coach
declined) is never matched.

Two matches, shown side by side:

- `best_match`: as many directors as can be matched, and among those matches the one with the
  greatest total preference of the directors. Solved exactly with SciPy's
  `linear_sum_assignment` on directors against coach slots (each coach expanded into
  `capacity` slots); a conflicted pair costs more than all preferences together, so the solver
  uses one only where no match exists at all, and it is then dropped. A match of the greatest
  size leaves no director unmatched while a coach they do not conflict with has room (that
  would be a larger match).
- `stable_match`: director-proposing deferred acceptance with capacities (Gale and Shapley;
  Roth's hospitals and residents). No director and coach would both rather be together than
  with whom they have; of all such matches it is the best for every director. A coach who
  turns a director away is full from then on, so it too leaves no director unmatched while a
  coach they do not conflict with has room.

`price_of_stability` is the share of the best match's total preference that the stable match
gives up, in per cent.
"""

import heapq
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

UNMATCHED = -1


@dataclass(frozen=True)
class MatchProblem:
    preferences: np.ndarray  # directors x coaches, float: the director's score of the coach
    priorities: np.ndarray  # directors x coaches, float: the coach's priority for the director
    capacity: np.ndarray  # coaches, int
    conflicts: np.ndarray  # directors x coaches, bool

    @property
    def directors(self) -> int:
        return self.preferences.shape[0]

    @property
    def coaches(self) -> int:
        return self.preferences.shape[1]


@dataclass(frozen=True)
class Match:
    coach_of: tuple[int, ...]  # per director: the coach's index, or UNMATCHED
    welfare: float  # the matched directors' total preference
    explanations: tuple[str, ...]  # per director, why this coach (or none)


def welfare(problem: MatchProblem, coach_of) -> float:
    return float(sum(problem.preferences[d, c] for d, c in enumerate(coach_of) if c != UNMATCHED))


def _rank_of(problem: MatchProblem, director: int, coach: int) -> int:
    """1 for the director's favourite coach."""
    return int((problem.preferences[director] > problem.preferences[director, coach]).sum()) + 1


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def explain(problem: MatchProblem, coach_of, *, stable: bool) -> tuple[str, ...]:
    """Why each director has their coach: which of their choices it is, and what took the
    coaches they preferred."""
    lines = []
    for d, c in enumerate(coach_of):
        allowed = ~problem.conflicts[d]
        if c == UNMATCHED:
            lines.append(
                "No coach: every coach without a conflict is full"
                if allowed.any()
                else "No coach: every coach has a conflict of interest or declined"
            )
            continue
        rank = _rank_of(problem, d, c)
        if rank == 1:
            lines.append("Your 1st choice")
            continue
        better = allowed & (problem.preferences[d] > problem.preferences[d, c])
        if stable:
            why = "each coach you preferred is full with directors who fit them better"
        else:
            why = (
                "each coach you preferred is full: giving you one would have cost other "
                "directors more of their choices"
            )
        if not better.any():
            why = "the coaches you preferred have a conflict of interest or declined"
        lines.append(f"Your {_ordinal(rank)} choice: {why}")
    return tuple(lines)


def best_match(problem: MatchProblem) -> Match:
    """The largest match with the greatest total preference (see the module's note)."""
    slots = np.repeat(np.arange(problem.coaches), problem.capacity.astype(int))
    if problem.directors == 0 or slots.size == 0:
        coach_of = (UNMATCHED,) * problem.directors
        return Match(coach_of, 0.0, explain(problem, coach_of, stable=False))
    scores = problem.preferences[:, slots]
    spread = float(scores.max() - scores.min()) if scores.size else 0.0
    cost = scores.max() - scores
    # More than any difference of total preference: the fewest conflicted pairs come first.
    forbidden = problem.directors * spread + 1.0
    cost = np.where(problem.conflicts[:, slots], forbidden, cost)
    rows, columns = linear_sum_assignment(cost)
    coach_of = [UNMATCHED] * problem.directors
    for d, slot in zip(rows, columns, strict=True):
        coach = int(slots[slot])
        if not problem.conflicts[d, coach]:
            coach_of[d] = coach
    coach_of = tuple(coach_of)
    return Match(coach_of, welfare(problem, coach_of), explain(problem, coach_of, stable=False))


def stable_match(problem: MatchProblem) -> Match:
    """Director-proposing deferred acceptance with capacities (see the module's note)."""
    n, m = problem.directors, problem.coaches
    # Each director's acceptable coaches, best first (ties: the lower index first).
    best_first = np.argsort(-problem.preferences, axis=1, kind="stable")
    allowed = ~np.take_along_axis(problem.conflicts, best_first, axis=1)
    order = [row[keep].tolist() for row, keep in zip(best_first, allowed, strict=True)]
    priorities = problem.priorities.T.tolist()  # coach, then director
    capacity = problem.capacity.tolist()
    next_choice = [0] * n
    # Each coach's directors held, as a heap with the one they rank lowest on top (ties: the
    # higher index is turned away first).
    held: list[list[tuple[float, int]]] = [[] for _ in range(m)]
    free = list(range(n - 1, -1, -1))
    while free:
        d = free.pop()
        choices = order[d]
        while next_choice[d] < len(choices):
            c = choices[next_choice[d]]
            next_choice[d] += 1
            if capacity[c] <= 0:
                continue
            entry = (priorities[c][d], -d)
            if len(held[c]) < capacity[c]:
                heapq.heappush(held[c], entry)
                break
            if entry > held[c][0]:
                _, turned_away = heapq.heapreplace(held[c], entry)
                free.append(-turned_away)
                break
        # Otherwise turned away by every acceptable coach: each is full.
    coach_of = [UNMATCHED] * n
    for c, directors in enumerate(held):
        for _, d in directors:
            coach_of[-d] = c
    coach_of = tuple(coach_of)
    return Match(coach_of, welfare(problem, coach_of), explain(problem, coach_of, stable=True))


def price_of_stability(best: Match, stable: Match) -> float:
    """The share of the best match's total preference the stable match gives up, in %."""
    if best.welfare <= 0:
        return 0.0
    return max(0.0, 100.0 * (best.welfare - stable.welfare) / best.welfare)


def blocking_pairs(problem: MatchProblem, coach_of) -> list[tuple[int, int]]:
    """Director and coach who would both rather be together: none in a stable match."""
    pairs = []
    for d in range(problem.directors):
        mine = coach_of[d]
        for c in range(problem.coaches):
            if problem.conflicts[d, c] or c == mine or problem.capacity[c] <= 0:
                continue
            if mine != UNMATCHED and problem.preferences[d, c] <= problem.preferences[d, mine]:
                continue
            theirs = [x for x, held in enumerate(coach_of) if held == c]
            if len(theirs) < problem.capacity[c] or any(
                problem.priorities[d, c] > problem.priorities[x, c] for x in theirs
            ):
                pairs.append((d, c))
    return pairs
