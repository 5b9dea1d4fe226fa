"""Cohort composition: the optimum against brute force, the rules always kept, and the reasons."""

from collections import Counter
from dataclasses import fields, replace
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upon.selection.algorithms import composition
from upon.selection.algorithms.composition import SCALE, BalanceRules, Candidate, compose_cohort


def person(id, merit, employer="E1", region="North", sector="LA"):
    return Candidate(id=id, merit=merit, employer=employer, region=region, sector=sector)


def keeps_rules(cohort, rules, regions_on_shortlist):
    m, bounds = rules.max_per_employer, rules.sector_bounds
    sectors = Counter(c.sector for c in cohort)
    return (
        len(cohort) == rules.capacity
        and (m is None or max(Counter(c.employer for c in cohort).values(), default=0) <= m)
        and (not rules.min_one_per_region or {c.region for c in cohort} == regions_on_shortlist)
        and all(low <= sectors[s] <= high for s, (low, high) in bounds.items())
    )


def brute_force(candidates, rules):
    """The best (merit, -sum of places) of all subsets, or None when none keeps the rules."""
    ranked = sorted(candidates, key=lambda c: (-c.merit, c.id))
    regions = {c.region for c in ranked}
    best = None
    for chosen in combinations(range(len(ranked)), rules.capacity):
        cohort = [ranked[i] for i in chosen]
        if keeps_rules(cohort, rules, regions):
            key = (sum(round(c.merit * SCALE) for c in cohort), -sum(chosen))
            best = key if best is None or key > best else best
    return best


def objective(result, candidates):
    ranked = sorted(candidates, key=lambda c: (-c.merit, c.id))
    place = {c.id: index for index, c in enumerate(ranked)}
    return (round(result.total_merit * SCALE), -sum(place[i] for i in result.selected))


small_candidates = st.lists(
    st.builds(
        person,
        id=st.integers(0, 10**6),
        merit=st.integers(0, 40).map(lambda k: k / 10),
        employer=st.sampled_from(["E1", "E2", "E3", "E4"]),
        region=st.sampled_from(["North", "South", "East"]),
        sector=st.sampled_from(["LA", "Health", "Voluntary"]),
    ),
    min_size=3,
    max_size=10,
    unique_by=lambda c: c.id,
)


@st.composite
def balance_rules(draw, max_capacity=5, max_bound=4):
    bounds = {}
    for sector in draw(st.sets(st.sampled_from(["LA", "Health", "Voluntary"]))):
        low = draw(st.integers(0, max_bound // 2))
        bounds[sector] = (low, draw(st.integers(low, max_bound)))
    return BalanceRules(
        capacity=draw(st.integers(1, max_capacity)),
        max_per_employer=draw(st.none() | st.integers(1, 3)),
        min_one_per_region=draw(st.booleans()),
        sector_bounds=bounds,
    )


@settings(max_examples=100, deadline=None)
@given(candidates=small_candidates, rules=balance_rules())
def test_the_optimum_and_each_rule_cost_match_brute_force(candidates, rules):
    result = compose_cohort(candidates=candidates, rules=rules)
    best = brute_force(candidates, rules)
    assert result.feasible == (best is not None)
    if best is None:
        assert result.problems and not result.selected
        return
    assert objective(result, candidates) == best
    for cost in result.rule_costs:
        relaxed = {
            "employer": replace(rules, max_per_employer=None),
            "region": replace(rules, min_one_per_region=False),
            "sector": replace(rules, sector_bounds={}),
        }[cost.rule]
        assert cost.cost == (brute_force(candidates, relaxed)[0] - best[0]) / SCALE
        assert cost.cost >= 0


@settings(max_examples=60, deadline=None)
@given(
    candidates=st.lists(
        st.builds(
            person,
            id=st.integers(0, 10**6),
            merit=st.floats(-3, 3),
            employer=st.sampled_from([f"E{k}" for k in range(8)]),
            region=st.sampled_from(["North", "South", "East", "West"]),
            sector=st.sampled_from(["LA", "Health", "Voluntary"]),
        ),
        min_size=1,
        max_size=60,
        unique_by=lambda c: c.id,
    ),
    rules=balance_rules(max_capacity=15, max_bound=8),
)
def test_rules_hold_the_waitlist_is_the_rest_and_pruning_changes_nothing(candidates, rules):
    result = compose_cohort(candidates=candidates, rules=rules)
    unpruned = compose_cohort(candidates=candidates, rules=rules, prune=False)
    assert (unpruned.feasible, unpruned.problems) == (result.feasible, result.problems)
    if not result.feasible:
        return
    assert objective(unpruned, candidates) == objective(result, candidates)
    assert unpruned.rule_costs == result.rule_costs
    by_id = {c.id: c for c in candidates}
    cohort = [by_id[i] for i in result.selected]
    assert keeps_rules(cohort, rules, {c.region for c in candidates})
    order = sorted(candidates, key=lambda c: (-c.merit, c.id))
    assert result.selected == tuple(c.id for c in order if c.id in set(result.selected))
    assert result.waitlist == tuple(c.id for c in order if c.id not in set(result.selected))
    assert result.cost_of_rules >= 0 and all(cost.cost >= 0 for cost in result.rule_costs)
    assert [miss.id for miss in result.near_misses] == list(result.waitlist[:10])
    last = by_id[result.selected[-1]]
    for miss in result.near_misses:
        rules_named = {reason.rule for reason in miss.reasons}
        below = order.index(by_id[miss.id]) > order.index(last)
        assert (rules_named == {"merit"}) == below
        if not below:
            assert_swap_breaks(miss.reasons, cohort, last, by_id[miss.id], rules)


def assert_swap_breaks(reasons, cohort, last, near, rules):
    """Every reason given is a rule that swapping the near miss in for the last place breaks."""
    swapped = [c for c in cohort if c is not last] + [near]
    employers = Counter(c.employer for c in swapped)
    sectors = Counter(c.sector for c in swapped)
    assert reasons
    for reason in reasons:
        if reason.rule == "employer":
            assert employers[near.employer] > rules.max_per_employer
        elif reason.rule == "region":
            assert last.region not in {c.region for c in swapped}
        elif reason.rule == "sector_max":
            assert sectors[near.sector] > rules.sector_bounds[near.sector][1]
        else:
            assert reason.rule == "sector_min"
            assert sectors[last.sector] < rules.sector_bounds[last.sector][0]


def test_the_same_shortlist_in_any_order_gives_the_same_cohort():
    candidates = [person(i, merit=(i * 7) % 5, employer=f"E{i % 3}") for i in range(30)]
    rules = BalanceRules(capacity=6, max_per_employer=2)
    first = compose_cohort(candidates=candidates, rules=rules)
    assert compose_cohort(candidates=candidates[::-1], rules=rules) == first
    assert first.selected == (2, 7, 12, 17, 22, 27)  # merit 4, two from each employer


def test_a_candidate_carries_no_protected_characteristic():
    names = [f.name for f in fields(Candidate)]
    assert names == ["id", "merit", "employer", "region", "sector"]


def test_rule_costs_and_near_miss_reasons_on_a_hand_built_shortlist():
    candidates = [
        person("a", 9.0, employer="Leeds", region="North", sector="LA"),
        person("b", 8.0, employer="Leeds", region="North", sector="LA"),
        person("c", 7.0, employer="Leeds", region="North", sector="LA"),
        person("d", 6.0, employer="York", region="North", sector="LA"),
        person("e", 5.0, employer="Kent", region="South", sector="Health"),
        person("f", 1.0, employer="Bath", region="West", sector="LA"),
        person("g", 0.5, employer="Hull", region="North", sector="LA"),
    ]
    rules = BalanceRules(capacity=4, max_per_employer=2, min_one_per_region=True)
    result = compose_cohort(candidates=candidates, rules=rules)
    assert result.selected == ("a", "b", "e", "f")
    assert result.total_merit == 23.0
    assert result.unconstrained_merit == 30.0
    assert result.cost_of_rules == 7.0
    assert [(cost.rule, cost.cost) for cost in result.rule_costs] == [
        ("employer", 0.0),  # e and f are still needed for their regions: a, b, e, f again
        ("region", 5.0),  # a, b, d, e = 28
    ]
    reasons = {miss.id: [(r.rule, r.text) for r in miss.reasons] for miss in result.near_misses}
    assert reasons == {
        "c": [
            ("employer", "Would exceed 2 people from Leeds."),
            ("region", "The last place was needed for region West."),
        ],
        "d": [("region", "The last place was needed for region West.")],
        "g": [("merit", "Merit 0.500 is below the last place (1.000).")],
    }
    assert result.waitlist == ("c", "d", "g")


def test_equal_merits_go_to_the_higher_places():
    candidates = [person(f"p{i}", 2.0, employer=f"E{i}") for i in range(6)]
    result = compose_cohort(candidates=candidates[::-1], rules=BalanceRules(capacity=3))
    assert result.selected == ("p0", "p1", "p2")
    assert result.waitlist == ("p3", "p4", "p5")


def test_pruning_a_larger_shortlist_removes_people_and_keeps_the_optimum():
    candidates = [
        person(
            i,
            merit=((i * 7919) % 1000) / 100,
            employer=f"E{(i * 31) % 40}",
            region=f"R{i % 5}",
            sector=["LA", "Health", "Voluntary"][(i * 13) % 3],
        )
        for i in range(600)
    ]
    rules = BalanceRules(
        capacity=20,
        max_per_employer=1,
        min_one_per_region=True,
        sector_bounds={"Health": (2, 6), "Voluntary": (4, 8)},
    )
    ranked = sorted(candidates, key=lambda c: (-c.merit, c.id))
    assert len(composition._can_be_chosen(ranked, rules)) < 300
    result = compose_cohort(candidates=candidates, rules=rules)
    unpruned = compose_cohort(candidates=candidates, rules=rules, prune=False)
    assert result.feasible
    assert objective(result, candidates) == objective(unpruned, candidates)
    assert result.rule_costs == unpruned.rule_costs


def test_sector_reasons():
    candidates = [
        person("a", 9.0, employer="A", sector="LA"),
        person("b", 8.0, employer="B", sector="LA"),
        person("c", 7.0, employer="C", sector="LA"),
        person("d", 2.0, employer="D", sector="Health"),
    ]
    rules = BalanceRules(capacity=3, sector_bounds={"LA": (0, 2), "Health": (1, 3)})
    result = compose_cohort(candidates=candidates, rules=rules)
    assert result.selected == ("a", "b", "d")
    assert [(cost.rule, cost.cost) for cost in result.rule_costs] == [("sector", 5.0)]
    (miss,) = result.near_misses
    assert [(r.rule, r.text) for r in miss.reasons] == [
        ("sector_max", "The LA sector is at its maximum of 2."),
        ("sector_min", "The last place was needed for the Health sector's minimum of 1."),
    ]


def test_a_rule_that_blocks_only_the_near_miss_itself():
    candidates = [
        person("a", 9.0, employer="Leeds"),
        person("b", 8.0, employer="Leeds"),
        person("c", 7.0, employer="York"),
        person("d", 6.0, employer="Leeds"),
        person("e", 5.0, employer="Hull"),
    ]
    result = compose_cohort(
        candidates=candidates, rules=BalanceRules(capacity=4, max_per_employer=2)
    )
    assert result.selected == ("a", "b", "c", "e")
    assert [(r.rule, r.text) for r in result.near_misses[0].reasons] == [
        ("employer", "Would exceed 2 people from Leeds.")
    ]


@pytest.mark.parametrize(
    ("candidates", "rules", "problems"),
    [
        (
            [person("a", 1.0)],
            BalanceRules(capacity=2),
            ["The shortlist has 1 person but the cohort has 2 places."],
        ),
        (
            [person(i, 1.0, employer=f"E{i}", region=f"R{i}") for i in range(4)],
            BalanceRules(capacity=3, min_one_per_region=True),
            [
                "The shortlist spans 4 regions but there are only 3 places, "
                "so not every region can have one."
            ],
        ),
        (
            [person(i, 1.0, employer=f"E{i % 2}") for i in range(6)],
            BalanceRules(capacity=5, max_per_employer=2),
            [
                "With at most 2 people from any one employer, only 4 people on the shortlist "
                "can be chosen, fewer than the 5 places."
            ],
        ),
        (
            [person(i, 1.0, employer=f"E{i}", sector=["LA", "Health"][i % 2]) for i in range(20)],
            BalanceRules(capacity=10, sector_bounds={"LA": (6, 10), "Health": (6, 10)}),
            ["The sector minimums need at least 12 people but there are only 10 places."],
        ),
        (
            [
                person(i, 1.0, employer=employer, sector=sector)
                for i, (employer, sector) in enumerate(
                    [("E1", "LA"), ("E2", "LA"), ("E3", "LA"), ("E4", "Health")]
                    + [("E4", "Health"), ("E5", "Health")]
                )
            ],
            BalanceRules(capacity=3, max_per_employer=1, sector_bounds={"Health": (3, 4)}),
            ["The Health sector needs at least 3 people but only 2 from it can be chosen."],
        ),
        (
            [person(i, 1.0, employer=f"E{i}", sector=["LA", "Health"][i % 2]) for i in range(20)],
            BalanceRules(capacity=10, sector_bounds={"LA": (0, 4), "Health": (0, 4)}),
            ["The sector maximums allow at most 8 people but there are 10 places."],
        ),
        (
            [
                person("a", 3.0, employer="E1", region="North", sector="LA"),
                person("b", 2.0, employer="E2", region="South", sector="LA"),
                person("c", 1.0, employer="E2", region="North", sector="Health"),
            ],
            BalanceRules(
                capacity=2,
                max_per_employer=1,
                min_one_per_region=True,
                sector_bounds={"LA": (0, 1), "Health": (1, 2)},
            ),
            [
                "The rules cannot all be met together; a cohort is possible without the rule: "
                + rule
                for rule in (
                    "at most 1 person from any one employer.",
                    "at least one person from every region on the shortlist.",
                    "each sector within its bounds.",
                )
            ],
        ),
    ],
)
def test_rules_that_cannot_be_met_say_why(candidates, rules, problems):
    result = compose_cohort(candidates=candidates, rules=rules)
    assert not result.feasible
    assert list(result.problems) == problems
    assert result.selected == result.waitlist == result.near_misses == result.rule_costs == ()


@pytest.mark.parametrize(
    "rules",
    [
        BalanceRules(capacity=0),
        BalanceRules(capacity=2, max_per_employer=0),
        BalanceRules(capacity=2, sector_bounds={"LA": (3, 2)}),
    ],
)
def test_malformed_rules_are_refused(rules):
    with pytest.raises(ValueError):
        compose_cohort(candidates=[person("a", 1.0)], rules=rules)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="different id"):
        compose_cohort(
            candidates=[person("a", 1.0), person("a", 2.0)], rules=BalanceRules(capacity=1)
        )


def test_a_solve_cut_short_by_the_time_limit_says_so(monkeypatch):
    """A solve that ends neither optimal nor infeasible (here the time limit) is a clear error,
    naming the solver's status, not a TypeError from asking for the status' name."""
    monkeypatch.setattr(composition, "TIME_LIMIT_S", 1e-6)
    shortlist = [
        person(i, (i * 7919 % 1000) / 100, f"E{i % 97}", f"R{i % 9}", ("LA", "Health")[i % 2])
        for i in range(2000)
    ]
    rules = BalanceRules(
        capacity=50, max_per_employer=1, min_one_per_region=True, sector_bounds={"LA": (20, 30)}
    )
    stopped = r"without proving the best cohort \((UNKNOWN|FEASIBLE)\); its time limit"
    with pytest.raises(RuntimeError, match=stopped):
        compose_cohort(candidates=shortlist, rules=rules, prune=False)
