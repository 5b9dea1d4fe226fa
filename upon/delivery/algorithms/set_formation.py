"""Action learning sets: a cohort split into sets of 5 to 7 with the widest mix of people.

Pure: plain data in, frozen dataclasses out, no Django. Every set's score is the number of
distinct values it holds of each attribute (by default region, sector and employer type), and the
formation's score is the sum over sets. Two rules are hard: set sizes are balanced (they differ
by at most one) and within the minimum and maximum, and no set holds two people from one
employer. Beside the score it reports an upper bound on any formation's score and the gap to it,
so the programme team can see how close to the best possible the proposal is.

The search is a simulated annealing over swaps between sets, from a round-robin deal that keeps
the employer rule (employers largest first, one person to each set in turn, which works whenever
no employer has more people than there are sets). When the sizes cannot all be equal, each
smaller set holds one placeholder: its own value "none" of every attribute, and an employer of
its own, so no set holds two. A swap with a placeholder moves a person from a larger set to a
smaller one, so every swap keeps the sizes balanced, and the placeholders add the same amount to
every formation's score, which is taken off. The change in score of a swap is worked out from
per-set counts of each value in a few look-ups (flat Python lists: the search reads one count at
a time, which lists serve several times faster than NumPy arrays; NumPy works out the bound).

The effort is a fixed number of swaps for the cohort's size, so the same cohort (in the same
order) and seed always give the same sets. The search stops early when it reaches the upper
bound, the formation then being proven the best possible; the time limit is only a guard, and
when it cuts the search short the result can depend on the machine's speed.

warnings_for checks a formation after manual moves: two people from one employer in a set, a
set too small or too large, sizes more than one apart, and anyone left out or placed twice, each
in plain words naming the set and the people.
"""

import math
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

ATTRIBUTES = ("region", "sector", "employer_type")
KNOWN_ATTRIBUTES = ("region", "sector", "employer", "employer_type")
SWAPS_PER_PERSON = 6000  # the search's effort: swaps tried per person in the cohort
MIN_SWAPS = 60_000
ROUNDS = 3  # annealing runs, each from the best formation found so far
HOT, COLD = 1.2, 0.08  # each run's temperature, from start to end (score points)


def _people(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"


def _sets(count: int) -> str:
    return f"{count} set" if count == 1 else f"{count} sets"


@dataclass(frozen=True)
class Member:
    """One participant and the attributes the sets are mixed on."""

    id: str
    region: str
    sector: str
    employer: str
    employer_type: str


@dataclass(frozen=True)
class Formation:
    """The proposed sets (member ids, in the cohort's order) and how good the mix is. When the
    rules cannot be met, feasible is False, problems says why in plain words, and no sets are
    given."""

    sets: tuple[tuple[str, ...], ...]
    score: int
    upper_bound: int
    gap: int  # upper_bound - score: 0 means the formation is proven the best possible
    feasible: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetWarning:
    """One problem with a formation after manual moves, in plain words."""

    kind: str  # "employer", "size", "balance", "unplaced" or "repeated"
    set_number: int | None  # 1-based, as the sets were given; None when no one set is meant
    member_ids: tuple[str, ...]
    text: str


Warning = SetWarning  # the API's name for it (it shadows the built-in only in this module)


def _validate(members: Sequence[Member], attributes: Sequence[str]) -> None:
    if len({m.id for m in members}) != len(members):
        raise ValueError("each member needs a different id")
    unknown = [a for a in attributes if a not in KNOWN_ATTRIBUTES]
    if unknown:
        raise ValueError(f"unknown attributes {unknown}; known: {', '.join(KNOWN_ATTRIBUTES)}")


def balanced_sizes(*, people: int, n_sets: int) -> list[int]:
    """The sizes of n_sets sets as equal as can be: the first (people % n_sets) one larger."""
    size, extra = divmod(people, n_sets)
    return [size + 1] * extra + [size] * (n_sets - extra)


def _fits(people: int, n_sets: int, min_size: int, max_size: int) -> bool:
    return min_size <= people // n_sets and -(-people // n_sets) <= max_size


def choose_n_sets(*, people: int, largest_employer: int = 1, min_size: int = 5, max_size: int = 7):
    """The number of sets for the cohort, or None if no number gives balanced sizes within
    [min_size, max_size] and at least as many sets as the largest employer has people.

    Among those that do, the one whose mean size is nearest the middle of the range, and on a
    tie the fewer sets.
    """
    middle = (min_size + max_size) / 2
    options = [
        k
        for k in range(max(1, largest_employer), people + 1)
        if _fits(people, k, min_size, max_size)
    ]
    return min(options, key=lambda k: (abs(people / k - middle), k), default=None)


def _problems(
    members: Sequence[Member], n_sets: int | None, min_size: int, max_size: int
) -> list[str]:
    """Why the rules cannot be met, in plain words; empty when they can."""
    people = len(members)
    if people == 0:
        return ["The cohort has no one in it."]
    employers = Counter(m.employer for m in members)
    largest = max(employers.values())
    largest_employers = sorted(e for e, n in employers.items() if n == largest)
    if n_sets is None:
        if choose_n_sets(people=people, min_size=min_size, max_size=max_size) is None:
            return [
                f"A cohort of {_people(people)} cannot be split into sets of {min_size} to "
                f"{max_size} people whose sizes differ by at most one."
            ]
        most = max(k for k in range(1, people + 1) if _fits(people, k, min_size, max_size))
        return [
            f"{e} has {_people(largest)} but {_people(people)} in sets of {min_size} to "
            f"{max_size} make at most {_sets(most)}, so two of them would share a set."
            for e in largest_employers
            if largest > most
        ]
    problems = []
    sizes = balanced_sizes(people=people, n_sets=n_sets)
    if not min_size <= min(sizes) <= max(sizes) <= max_size:
        low, high = min(sizes), max(sizes)
        spread = f"{low}" if low == high else f"{low} and {high}"
        problems.append(
            f"{_people(people)} in {_sets(n_sets)} make sets of {spread}, "
            f"outside {min_size} to {max_size}."
        )
    for e in largest_employers:
        if largest > n_sets:
            problems.append(
                f"{e} has {_people(largest)} but there are only {_sets(n_sets)}, "
                "so two of them would share a set."
            )
    return problems


def _distinct_bound(sizes: Sequence[int], counts: Sequence[int]) -> int:
    """The most (set, value) pairs with the value in the set: a set of size s holds at most s
    values, and a value held by c people is in at most c sets (and each set at most once).

    This is a maximum flow through the complete bipartite graph of sets and values, and its
    minimum cut keeps the i largest sets and j most common values on their sides: it cuts the
    other sets' sizes, the other values' counts and the i * j pairs between the kept ones.
    """
    a = np.sort(np.asarray(sizes, dtype=np.int64))  # ascending
    b = np.sort(np.asarray(counts, dtype=np.int64))
    cut_sets = np.concatenate(([0], np.cumsum(a)))[::-1]  # [i]: all but the i largest sets
    cut_values = np.concatenate(([0], np.cumsum(b)))[::-1]
    i = np.arange(len(a) + 1)[:, None]
    j = np.arange(len(b) + 1)[None, :]
    return int((cut_sets[:, None] + cut_values[None, :] + i * j).min())


def upper_bound(
    *,
    members: Sequence[Member],
    n_sets: int,
    sizes: Sequence[int],
    attributes: Sequence[str] = ATTRIBUTES,
) -> int:
    """An upper bound on the score of any split of the members into sets of these sizes.

    For each attribute it is at most sum over sets of min(size, distinct values in the cohort)
    and at most sum over values of min(people with it, n_sets); the bound is the exact maximum
    of the (set, value) pairs under both limits together, which is never more than the smaller.
    """
    if len(sizes) != n_sets:
        raise ValueError("sizes needs one size for each set")
    return sum(
        _distinct_bound(sizes, list(Counter(getattr(m, a) for m in members).values()))
        for a in attributes
    )


def score_sets(
    *,
    sets: Iterable[Iterable[str]],
    members: Sequence[Member],
    attributes: Sequence[str] = ATTRIBUTES,
) -> int:
    """The sum over sets of the number of distinct values each holds of each attribute."""
    by_id = {m.id: m for m in members}
    total = 0
    for ids in sets:
        people = [by_id[i] for i in ids]
        total += sum(len({getattr(m, a) for m in people}) for a in attributes)
    return total


def warnings_for(
    *,
    sets: Sequence[Sequence[str]],
    members: Sequence[Member],
    min_size: int = 5,
    max_size: int = 7,
) -> list[SetWarning]:
    """What breaks the rules in a formation (say after manual moves), set by set: two or more
    people from one employer, a size outside [min_size, max_size], sizes more than one apart,
    and members in no set or in more than one. Ids not in the cohort are a ValueError."""
    by_id = {m.id: m for m in members}
    unknown = sorted({i for ids in sets for i in ids if i not in by_id})
    if unknown:
        raise ValueError(f"ids not in the cohort: {', '.join(unknown)}")
    warnings = []
    for number, ids in enumerate(sets, start=1):
        employers: dict[str, list[str]] = {}
        for i in dict.fromkeys(ids):
            employers.setdefault(by_id[i].employer, []).append(i)
        for employer, same in employers.items():
            if len(same) > 1:
                warnings.append(
                    SetWarning(
                        "employer",
                        number,
                        tuple(same),
                        f"Set {number} has {len(same)} people from {employer}: {', '.join(same)}.",
                    )
                )
        size = len(ids)
        if not min_size <= size <= max_size:
            side = "fewer than" if size < min_size else "more than"
            limit = min_size if size < min_size else max_size
            warnings.append(
                SetWarning(
                    "size",
                    number,
                    tuple(ids),
                    f"Set {number} has {_people(size)}, {side} {limit}: "
                    f"{', '.join(ids) or 'no one'}.",
                )
            )
    sizes = [len(ids) for ids in sets]
    if sizes and max(sizes) - min(sizes) > 1:
        big = sizes.index(max(sizes)) + 1
        small = sizes.index(min(sizes)) + 1
        warnings.append(
            SetWarning(
                "balance",
                None,
                (),
                f"Set sizes differ by more than one: set {big} has {_people(max(sizes))} and "
                f"set {small} has {_people(min(sizes))}.",
            )
        )
    placed = Counter(i for ids in sets for i in ids)
    unplaced = tuple(m.id for m in members if placed[m.id] == 0)
    if unplaced:
        warnings.append(
            SetWarning(
                "unplaced",
                None,
                unplaced,
                f"Not in any set: {', '.join(unplaced)}.",
            )
        )
    for m in members:
        if placed[m.id] > 1:
            numbers = [str(n) for n, ids in enumerate(sets, start=1) for i in ids if i == m.id]
            warnings.append(
                SetWarning(
                    "repeated",
                    None,
                    (m.id,),
                    f"{m.id} is placed {placed[m.id]} times, in sets {', '.join(numbers)}.",
                )
            )
    return warnings


def _deal(employer_of: Sequence[int], n_sets: int) -> list[int]:
    """Each slot's set: employers largest first, one person to each set in turn, so no set
    holds two from one employer while no employer has more people than there are sets."""
    sizes = Counter(employer_of)
    order = sorted(range(len(employer_of)), key=lambda i: (-sizes[employer_of[i]], employer_of[i]))
    where = [0] * len(employer_of)
    for position, slot in enumerate(order):
        where[slot] = position % n_sets
    return where


def _anneal(
    codes: Sequence[tuple[int, ...]],
    employer_of: Sequence[int],
    where: list[int],
    n_sets: int,
    values: int,
    employers: int,
    target: int,
    swaps: int,
    seed: int,
    deadline: float,
) -> tuple[list[int], int]:
    """The best assignment found of slots to sets and its (internal) score.

    Slots are people and placeholders; every set has the same number of slots. cnt[s * values +
    v] counts slots in set s with value code v (codes are numbered across attributes), emp[s *
    employers + e] those with employer e. A swap of x in set A with y in set B changes the score
    by, for each attribute where their values differ, -1 if x was A's only one with its value, +1
    if A had no one with y's, and the same for B; it is allowed when neither set would then
    hold two from one employer.
    """
    slots = len(where)
    cnt = [0] * (n_sets * values)
    emp = [0] * (n_sets * employers)
    for slot, s in enumerate(where):
        for v in codes[slot]:
            cnt[s * values + v] += 1
        emp[s * employers + employer_of[slot]] += 1
    score = sum(1 for c in cnt if c)
    best, best_where = score, where[:]
    rng = random.Random(seed)  # nosec B311  # a seeded search, not a secret
    rand = rng.random
    per_round = max(1, swaps // ROUNDS)
    chunk = 2048
    steps = max(1, per_round // chunk)
    biggest_loss = 4 * max(len(c) for c in codes) + 1
    for _ in range(ROUNDS):
        if best >= target:
            break
        for step in range(steps):
            temperature = HOT * (COLD / HOT) ** (step / max(1, steps - 1))
            accept = [1.0] + [math.exp(-d / temperature) for d in range(1, biggest_loss)]
            for _ in range(chunk):
                x = int(rand() * slots)
                y = int(rand() * slots)
                a = where[x]
                b = where[y]
                if a == b:
                    continue
                ex = employer_of[x]
                ey = employer_of[y]
                if ex != ey and (emp[a * employers + ey] or emp[b * employers + ex]):
                    continue
                a0 = a * values
                b0 = b * values
                delta = 0
                for vx, vy in zip(codes[x], codes[y], strict=True):
                    if vx != vy:
                        delta += (
                            (cnt[a0 + vy] == 0)
                            - (cnt[a0 + vx] == 1)
                            + (cnt[b0 + vx] == 0)
                            - (cnt[b0 + vy] == 1)
                        )
                if delta < 0 and rand() >= accept[-delta]:
                    continue
                for vx, vy in zip(codes[x], codes[y], strict=True):
                    if vx != vy:
                        cnt[a0 + vx] -= 1
                        cnt[a0 + vy] += 1
                        cnt[b0 + vy] -= 1
                        cnt[b0 + vx] += 1
                if ex != ey:
                    emp[a * employers + ex] -= 1
                    emp[a * employers + ey] += 1
                    emp[b * employers + ey] -= 1
                    emp[b * employers + ex] += 1
                where[x] = b
                where[y] = a
                score += delta
                if score > best:
                    best, best_where = score, where[:]
                    if best >= target:
                        return best_where, best
            if time.perf_counter() > deadline:
                return best_where, best
        # the next round starts from the best formation so far
        where[:] = best_where
        cnt = [0] * (n_sets * values)
        emp = [0] * (n_sets * employers)
        for slot, s in enumerate(where):
            for v in codes[slot]:
                cnt[s * values + v] += 1
            emp[s * employers + employer_of[slot]] += 1
        score = best
    return best_where, best


def form_sets(
    *,
    members: Sequence[Member],
    n_sets: int | None = None,
    min_size: int = 5,
    max_size: int = 7,
    attributes: Sequence[str] = ATTRIBUTES,
    seed: int = 0,
    time_limit_s: float = 2.0,
) -> Formation:
    """Split the cohort into sets with the widest mix of the attributes, under the hard rules:
    sizes balanced and within [min_size, max_size], no two people from one employer in a set.

    With n_sets None the number of sets is chosen (see choose_n_sets). The result depends only
    on the members (in their order), the arguments and the seed, unless time_limit_s stops the
    search before its fixed effort is spent.
    """
    start = time.perf_counter()
    attributes = tuple(attributes)
    _validate(members, attributes)
    if min_size < 1 or max_size < min_size:
        raise ValueError("sizes must satisfy 1 <= min_size <= max_size")
    if n_sets is not None and n_sets < 1:
        raise ValueError("n_sets must be at least 1")
    problems = _problems(members, n_sets, min_size, max_size)
    if problems:
        return Formation(
            sets=(), score=0, upper_bound=0, gap=0, feasible=False, problems=tuple(problems)
        )
    people = len(members)
    if n_sets is None:
        largest = max(Counter(m.employer for m in members).values())
        n_sets = choose_n_sets(
            people=people, largest_employer=largest, min_size=min_size, max_size=max_size
        )
    sizes = balanced_sizes(people=people, n_sets=n_sets)
    bound = upper_bound(members=members, n_sets=n_sets, sizes=sizes, attributes=attributes)

    # Value codes numbered across attributes; placeholders get one code per attribute and an
    # employer of their own, so each smaller set holds exactly one and the score counts it once.
    placeholders = max(sizes) * n_sets - people
    values: dict[tuple[str, str | None], int] = {}
    codes = [
        tuple(values.setdefault((a, getattr(m, a)), len(values)) for a in attributes)
        for m in members
    ]
    codes += [tuple(values.setdefault((a, None), len(values)) for a in attributes)] * placeholders
    employer_codes: dict[str | None, int] = {}
    employer_of = [employer_codes.setdefault(m.employer, len(employer_codes)) for m in members]
    employer_of += [employer_codes.setdefault(None, len(employer_codes))] * placeholders
    offset = len(attributes) * placeholders  # the placeholders' part of the internal score

    where = _deal(employer_of, n_sets)
    swaps = max(MIN_SWAPS, SWAPS_PER_PERSON * people)
    best_where, best = _anneal(
        codes,
        employer_of,
        where,
        n_sets,
        len(values),
        len(employer_codes),
        bound + offset,
        swaps,
        seed,
        start + time_limit_s,
    )
    position = {m.id: index for index, m in enumerate(members)}
    groups: list[list[str]] = [[] for _ in range(n_sets)]
    for slot, member in enumerate(members):
        groups[best_where[slot]].append(member.id)
    # each set in the cohort's order, and the sets in the order of their first members
    sets = tuple(sorted((tuple(g) for g in groups), key=lambda g: position[g[0]]))
    score = best - offset
    assert score == score_sets(sets=sets, members=members, attributes=attributes)  # nosec B101  # a self-check, not a guard
    return Formation(
        sets=sets, score=score, upper_bound=bound, gap=bound - score, feasible=True, problems=()
    )
