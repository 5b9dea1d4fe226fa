"""Action learning sets: the optimum against brute force, the hard rules always kept, the bound
never below the optimum, and the warnings after manual moves."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from upon.delivery.algorithms.set_formation import (
    Formation,
    Member,
    SetWarning,
    Warning,
    balanced_sizes,
    choose_n_sets,
    form_sets,
    score_sets,
    upper_bound,
    warnings_for,
)

ALL = ("region", "sector", "employer_type")
LONG = 60.0  # a time limit no test comes near, so every result is the seeded search's own


def person(id, region="North", sector="LA", employer=None, employer_type="Council"):
    return Member(
        id=id,
        region=region,
        sector=sector,
        employer=employer if employer is not None else f"Employer {id}",
        employer_type=employer_type,
    )


def splits(members, sizes):
    """Every split of the members into sets of the given sizes (as a multiset) that keeps the
    employer rule, each split once (a set is opened by its first member)."""
    target = sorted(sizes)
    most = max(sizes)

    def extend(index, groups, employers):
        if index == len(members):
            if sorted(len(g) for g in groups) == target:
                yield [tuple(g) for g in groups]
            return
        member = members[index]
        for group, seen in zip(groups, employers, strict=True):
            if len(group) < most and member.employer not in seen:
                group.append(member.id)
                seen.add(member.employer)
                yield from extend(index + 1, groups, employers)
                group.pop()
                seen.discard(member.employer)
        if len(groups) < len(sizes):
            groups.append([member.id])
            employers.append({member.employer})
            yield from extend(index + 1, groups, employers)
            groups.pop()
            employers.pop()

    yield from extend(0, [], [])


def keeps_employer_rule(sets, members):
    employer = {m.id: m.employer for m in members}
    return all(len({employer[i] for i in s}) == len(s) for s in sets)


def brute_force(members, n_sets, attributes):
    """The best score of all splits into n_sets balanced sets that keep the employer rule,
    or None when there is none."""
    sizes = balanced_sizes(people=len(members), n_sets=n_sets)
    scores = [
        score_sets(sets=sets, members=members, attributes=attributes)
        for sets in splits(members, sizes)
    ]
    return max(scores, default=None)


def assert_hard_rules(formation, members, min_size, max_size):
    ids = [i for s in formation.sets for i in s]
    assert sorted(ids) == sorted(m.id for m in members)  # everyone exactly once
    sizes = [len(s) for s in formation.sets]
    assert min_size <= min(sizes) and max(sizes) <= max_size
    assert max(sizes) - min(sizes) <= 1
    assert keeps_employer_rule(formation.sets, members)
    assert (
        warnings_for(sets=formation.sets, members=members, min_size=min_size, max_size=max_size)
        == []
    )


@st.composite
def cohorts(draw, min_people=1, max_people=12, employers=6, regions=4, sectors=3):
    """Members whose employers each have a home region (most of their people are there) and an
    employer type, so the attributes go together as they do in a real cohort."""
    home = draw(st.lists(st.integers(0, regions - 1), min_size=employers, max_size=employers))
    kind = draw(st.lists(st.sampled_from(["Council", "Trust", "Charity"]), min_size=employers))
    members = []
    for k in range(draw(st.integers(min_people, max_people))):
        e = draw(st.integers(0, employers - 1)) if draw(st.integers(0, 3)) == 0 else k % employers
        away = draw(st.integers(0, 3)) == 0
        region = draw(st.integers(0, regions - 1)) if away else home[e]
        members.append(
            person(
                f"m{k:02d}",
                region=f"R{region}",
                sector=f"S{draw(st.integers(0, sectors - 1))}",
                employer=f"E{e}",
                employer_type=kind[e],
            )
        )
    return members


attribute_choices = st.sampled_from([ALL, ("region", "sector"), ("sector",), ("region",)])


@settings(max_examples=120, deadline=None)
@given(
    members=cohorts(min_people=4),
    sizes=st.sampled_from([(5, 7), (2, 4), (3, 4), (2, 3), (3, 6)]),
    attributes=attribute_choices,
)
def test_the_score_matches_brute_force_and_the_bound_is_never_below_it(members, sizes, attributes):
    min_size, max_size = sizes
    result = form_sets(
        members=members,
        min_size=min_size,
        max_size=max_size,
        attributes=attributes,
        time_limit_s=LONG,
    )
    options = [
        k
        for k in range(1, len(members) + 1)
        if min_size <= len(members) // k and -(-len(members) // k) <= max_size
    ]
    assert result.feasible == any(brute_force(members, k, attributes) is not None for k in options)
    if not result.feasible:
        assert result.problems and result.sets == ()
        return
    n_sets = len(result.sets)
    assert n_sets in options
    best = brute_force(members, n_sets, attributes)
    assert result.score == best
    assert result.upper_bound >= best
    assert result.gap == result.upper_bound - result.score
    assert result.score == score_sets(sets=result.sets, members=members, attributes=attributes)
    assert_hard_rules(result, members, min_size, max_size)


@settings(max_examples=60, deadline=None)
@given(
    members=cohorts(),
    n_sets=st.integers(1, 4),
    attributes=attribute_choices,
)
def test_with_the_number_of_sets_given_the_score_matches_brute_force(members, n_sets, attributes):
    result = form_sets(
        members=members,
        n_sets=n_sets,
        min_size=1,
        max_size=12,
        attributes=attributes,
        time_limit_s=LONG,
    )
    best = brute_force(members, n_sets, attributes) if n_sets <= len(members) else None
    assert result.feasible == (best is not None)
    if best is None:
        assert result.problems
        return
    assert len(result.sets) == n_sets
    assert result.score == best <= result.upper_bound


@settings(max_examples=60, deadline=None)
@given(
    members=cohorts(min_people=5, max_people=100, employers=30, regions=9, sectors=6),
    data=st.data(),
    seed=st.integers(0, 3),
)
def test_the_hard_rules_always_hold_when_feasible(members, data, seed):
    near = len(members) // 6  # most numbers of sets drawn are near the balanced ones
    n_sets = data.draw(st.none() | st.integers(max(1, near - 2), near + 2), label="n_sets")
    result = form_sets(members=members, n_sets=n_sets, seed=seed, time_limit_s=0.5)
    largest = max(Counter(m.employer for m in members).values())
    if n_sets is None:
        expected = choose_n_sets(people=len(members), largest_employer=largest)
    else:
        sizes = balanced_sizes(people=len(members), n_sets=n_sets)
        expected = n_sets if min(sizes) >= 5 and max(sizes) <= 7 and largest <= n_sets else None
    assert result.feasible == (expected is not None)
    if not result.feasible:
        assert result.problems and result.sets == () and result.score == 0
        return
    assert len(result.sets) == expected
    assert_hard_rules(result, members, 5, 7)
    assert result.score == score_sets(sets=result.sets, members=members, attributes=ALL)
    assert 0 <= result.gap == result.upper_bound - result.score
    bound = upper_bound(
        members=members,
        n_sets=expected,
        sizes=balanced_sizes(people=len(members), n_sets=expected),
        attributes=ALL,
    )
    assert result.upper_bound == bound


def test_brute_force_on_twelve_people_in_two_sets():
    regions = ["North", "North", "North", "South", "South", "East"] * 2
    sectors = ["LA", "LA", "Health", "Health", "Voluntary", "Police"] * 2
    employers = ["Leeds", "York", "Kent", "Hull", "Bath", "Derby"] * 2
    members = [
        person(f"p{k:02d}", regions[k], sectors[k], employers[k], "Trust" if k % 4 else "Council")
        for k in range(12)
    ]
    result = form_sets(members=members, time_limit_s=LONG)
    assert len(result.sets) == 2
    assert result.score == brute_force(members, 2, ALL)
    assert_hard_rules(result, members, 5, 7)


def test_the_mix_is_perfect_when_the_bound_allows_and_the_gap_is_zero():
    # 6 regions x 6 sectors, 36 people in 6 sets of 6: each set can have every region and
    # every sector (a Latin square), and the employer rule (employer = region) costs nothing.
    members = [
        person(f"p{r}{s}", f"R{r}", f"S{s}", f"Council {r}", "Council")
        for r in range(6)
        for s in range(6)
    ]
    result = form_sets(members=members, attributes=("region", "sector"), time_limit_s=LONG)
    assert (result.score, result.upper_bound, result.gap) == (72, 72, 0)
    for ids in result.sets:
        assert {i[1] for i in ids} == set("012345") == {i[2] for i in ids}


def test_the_same_cohort_and_seed_give_the_same_sets():
    members = [
        person(f"p{k:03d}", f"R{k % 7}", f"S{(k * 5) % 6}", f"E{(k * 3) % 17}", f"T{k % 3}")
        for k in range(84)
    ]
    first = form_sets(members=members, seed=3, time_limit_s=LONG)
    assert form_sets(members=members, seed=3, time_limit_s=LONG) == first
    assert first.feasible and len(first.sets) == 14
    positions = [int(i[1:]) for s in first.sets for i in s[:1]]
    assert positions == sorted(positions)  # sets in the order of their first members
    assert all(list(s) == sorted(s) for s in first.sets)  # each in the cohort's order


def test_the_number_of_sets_gives_balanced_sizes_nearest_six():
    assert choose_n_sets(people=120) == 20
    assert choose_n_sets(people=30) == 5
    assert choose_n_sets(people=13) == 2
    assert choose_n_sets(people=11) == 2
    assert choose_n_sets(people=5) == 1
    assert choose_n_sets(people=8) is None  # 8 alone is too many, 4 and 4 too few
    assert choose_n_sets(people=30, largest_employer=6) == 6  # 6 sets of 5 part them
    assert choose_n_sets(people=30, largest_employer=7) is None
    assert choose_n_sets(people=143) == 24  # 23 sets of 6 and one of 5
    assert choose_n_sets(people=7, min_size=3, max_size=4) == 2  # 3.5 is the middle
    assert choose_n_sets(people=12, min_size=2, max_size=4) == 4  # 3 and 4 sets: 3 is nearer
    assert balanced_sizes(people=20, n_sets=3) == [7, 7, 6]
    assert balanced_sizes(people=500, n_sets=83) == [7, 7] + [6] * 81


def test_infeasible_cohorts_say_why():
    eight = [person(f"p{k}") for k in range(8)]
    assert form_sets(members=eight) == Formation(
        sets=(),
        score=0,
        upper_bound=0,
        gap=0,
        feasible=False,
        problems=(
            "A cohort of 8 people cannot be split into sets of 5 to 7 people whose sizes "
            "differ by at most one.",
        ),
    )
    crowded = [person(f"p{k}", employer="Leeds" if k < 7 else None) for k in range(30)]
    assert form_sets(members=crowded).problems == (
        "Leeds has 7 people but 30 people in sets of 5 to 7 make at most 6 sets, "
        "so two of them would share a set.",
    )
    assert form_sets(members=crowded, n_sets=5).problems == (
        "Leeds has 7 people but there are only 5 sets, so two of them would share a set.",
    )
    assert form_sets(members=eight + crowded[8:], n_sets=4).problems == (
        "30 people in 4 sets make sets of 7 and 8, outside 5 to 7.",
    )
    assert form_sets(members=[]).problems == ("The cohort has no one in it.",)


def test_bad_arguments_are_errors():
    members = [person(f"p{k}") for k in range(6)]
    for kwargs in (
        {"members": members + [person("p0")]},
        {"members": members, "attributes": ("region", "age")},
        {"members": members, "min_size": 7, "max_size": 5},
        {"members": members, "n_sets": 0},
    ):
        try:
            form_sets(**kwargs)
        except ValueError:
            continue
        raise AssertionError(f"no ValueError for {kwargs}")


def test_the_upper_bound_takes_the_tighter_limit_of_set_sizes_and_value_counts():
    # 12 people in 2 sets of 6. Regions: 4 values, so at most 4 in each set -> 8 by set sizes;
    # North has 9 people but is in at most 2 sets, the rest once each: 2 + 1 + 1 + 1 = 5.
    members = [person(f"p{k}", region="North") for k in range(9)] + [
        person("p9", region="South"),
        person("p10", region="East"),
        person("p11", region="West"),
    ]
    assert upper_bound(members=members, n_sets=2, sizes=[6, 6], attributes=("region",)) == 5
    assert brute_force(members, 2, ("region",)) == 5
    # Sectors: 3 values with 4 people each, 3 sets of 4: min(4, 3) * 3 = 9 = 3 * min(4, 3).
    sectors = [person(f"q{k}", sector=("LA", "Health", "Police")[k % 3]) for k in range(12)]
    assert upper_bound(members=sectors, n_sets=3, sizes=[4, 4, 4], attributes=("sector",)) == 9
    # The flow bound is tighter than either sum: sets of 1 and 5, values with 3 and 3 people.
    # Sets alone: 1 + 2 = 3; values alone: 2 + 2 = 4; the set of 1 holds one value, so 3.
    split = [person(f"s{k}", sector="LA" if k < 3 else "Health") for k in range(6)]
    assert upper_bound(members=split, n_sets=2, sizes=[1, 5], attributes=("sector",)) == 3


def test_score_sets_counts_distinct_values_of_each_attribute():
    members = [
        person("a", "North", "LA", "E1", "Council"),
        person("b", "North", "Health", "E2", "Trust"),
        person("c", "South", "Health", "E3", "Trust"),
        person("d", "East", "Police", "E4", "Force"),
    ]
    sets = [("a", "b", "c"), ("d",)]
    assert score_sets(sets=sets, members=members, attributes=("region",)) == 2 + 1
    assert score_sets(sets=sets, members=members, attributes=ALL) == (2 + 2 + 2) + (1 + 1 + 1)


def test_warnings_flag_exactly_the_hand_made_problems():
    members = [person(f"p{k}", employer=f"E{k}") for k in range(20)]
    members[3] = person("p3", employer="Leeds")
    members[4] = person("p4", employer="Leeds")
    members[9] = person("p9", employer="Leeds")
    good = [
        ("p0", "p1", "p2", "p3", "p5", "p6", "p7"),
        ("p4", "p8", "p10", "p11", "p12", "p13"),
        ("p9", "p14", "p15", "p16", "p17", "p18", "p19"),
    ]
    assert warnings_for(sets=good, members=members) == []
    moved = [
        ("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"),  # p4 moved in: Leeds twice, 8 people
        ("p8", "p10", "p11", "p12", "p13"),
        ("p9", "p14", "p15", "p16", "p17", "p18"),  # p19 left out
    ]
    assert warnings_for(sets=moved, members=members) == [
        SetWarning("employer", 1, ("p3", "p4"), "Set 1 has 2 people from Leeds: p3, p4."),
        SetWarning(
            "size",
            1,
            ("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"),
            "Set 1 has 8 people, more than 7: p0, p1, p2, p3, p4, p5, p6, p7.",
        ),
        SetWarning(
            "balance",
            None,
            (),
            "Set sizes differ by more than one: set 1 has 8 people and set 2 has 5 people.",
        ),
        SetWarning("unplaced", None, ("p19",), "Not in any set: p19."),
    ]
    small = [("p0", "p1", "p2", "p3"), ("p3", "p5", "p6", "p7", "p8", "p9")]
    texts = [w.text for w in warnings_for(sets=small, members=members[:10])]
    assert texts == [
        "Set 1 has 4 people, fewer than 5: p0, p1, p2, p3.",
        "Set 2 has 2 people from Leeds: p3, p9.",
        "Set sizes differ by more than one: set 2 has 6 people and set 1 has 4 people.",
        "Not in any set: p4.",
        "p3 is placed 2 times, in sets 1, 2.",
    ]
    assert Warning is SetWarning


def test_warnings_refuse_ids_not_in_the_cohort():
    try:
        warnings_for(sets=[("p0", "x")], members=[person("p0")])
    except ValueError as error:
        assert str(error) == "ids not in the cohort: x"
    else:
        raise AssertionError("no ValueError")


def test_an_odd_cohort_moves_people_between_larger_and_smaller_sets():
    # 20 people in 3 sets (7, 7, 6): the best mix needs the sizes to fall where the values are.
    members = [person(f"p{k:02d}", f"R{k % 7}", f"S{k % 3}", f"E{k % 9}") for k in range(20)]
    result = form_sets(
        members=members, n_sets=3, attributes=("region", "sector"), time_limit_s=LONG
    )
    assert sorted(len(s) for s in result.sets) == [6, 7, 7]
    assert_hard_rules(result, members, 5, 7)
    assert result.score == result.upper_bound == 7 + 7 + 6 + 9


def test_when_the_bound_cannot_be_reached_the_optimum_is_found_and_the_gap_shown():
    rows = [
        ("East", "LA", "E6", "Council"),
        ("East", "LA", "E2", "Council"),
        ("North", "Health", "E1", "Trust"),
        ("West", "Health", "E6", "Council"),
        ("West", "Health", "E3", "Trust"),
        ("West", "Health", "E3", "Trust"),
        ("South", "Voluntary", "E1", "Trust"),
        ("North", "LA", "E4", "Council"),
        ("South", "LA", "E5", "Trust"),
        ("West", "LA", "E3", "Trust"),
        ("South", "Voluntary", "E1", "Trust"),
        ("North", "Voluntary", "E0", "Council"),
    ]
    members = [person(f"p{k:02d}", *row) for k, row in enumerate(rows)]
    result = form_sets(members=members, n_sets=3, min_size=4, max_size=4, time_limit_s=LONG)
    assert brute_force(members, 3, ALL) == 25
    assert (result.score, result.upper_bound, result.gap) == (25, 26, 1)
    assert_hard_rules(result, members, 4, 4)
