"""The log-rank test across groups (upon/workforce/algorithms/logrank_groups.py), against
lifelines and against the two-group test."""

import numpy as np
import pytest
from lifelines.statistics import multivariate_logrank_test

from upon.workforce.algorithms.logrank_groups import logrank_groups
from upon.workforce.algorithms.survival import logrank


def random_groups(seed, k):
    rng = np.random.default_rng(seed)
    groups = []
    for i in range(k):
        size = int(rng.integers(1, 60))
        durations = np.round(rng.exponential(30 + 10 * i, size))  # ties, and some zeros
        groups.append((durations, rng.random(size) < 0.7))
    return groups


@pytest.mark.parametrize("seed", range(25))
def test_it_agrees_with_lifelines_on_random_groups(seed):
    groups = random_groups(seed, k=2 + seed % 7)
    ours = logrank_groups(groups)
    theirs = multivariate_logrank_test(
        np.concatenate([d for d, _ in groups]),
        np.concatenate([np.full(len(d), i) for i, (d, _) in enumerate(groups)]),
        np.concatenate([o for _, o in groups]),
    )
    assert ours.statistic == pytest.approx(theirs.test_statistic, rel=1e-9, abs=1e-9)
    assert ours.p_value == pytest.approx(theirs.p_value, rel=1e-9, abs=1e-12)
    assert ours.degrees_of_freedom == len(groups) - 1


@pytest.mark.parametrize("seed", range(10))
def test_with_two_groups_it_is_the_two_group_test(seed):
    (a, seen_a), (b, seen_b) = random_groups(seed, k=2)
    ours = logrank_groups([(a, seen_a), (b, seen_b)])
    two = logrank(durations_a=a, observed_a=seen_a, durations_b=b, observed_b=seen_b)
    assert ours.statistic == pytest.approx(two.statistic, rel=1e-9, abs=1e-12)
    assert ours.observed == pytest.approx(two.observed) and ours.expected == pytest.approx(
        two.expected
    )


def test_worked_by_hand():
    # Group A leaves at 1 and 3; B at 2, and one of B is still in post at 4.
    # t=1: n=4 (2, 2), d=1: E_A = 0.5, V = 2*2*1*3/(16*3) = 0.25
    # t=2: n=3 (1, 2), d=1: E_A = 1/3, V = 1*2*1*2/(9*2) = 2/9
    # t=3: n=2 (1, 1), d=1: E_A = 1/2, V = 1*1*1*1/(4*1) = 1/4
    result = logrank_groups([([1, 3], [True, True]), ([2, 4], [True, False])])
    expected_a = 0.5 + 1 / 3 + 0.5
    assert result.observed == (2.0, 1.0)
    assert result.expected == pytest.approx((expected_a, 3 - expected_a))
    assert result.statistic == pytest.approx((2 - expected_a) ** 2 / (0.25 + 2 / 9 + 0.25))


def test_nobody_left_gives_no_evidence_and_one_group_is_refused():
    result = logrank_groups([([1, 2], [False, False]), ([3], [False])])
    assert (result.statistic, result.p_value) == (0.0, 1.0)
    with pytest.raises(ValueError, match="at least two groups"):
        logrank_groups([([1], [True])])
