"""Kaplan-Meier, its band and median, and the log-rank test (upon/workforce/algorithms/
survival.py): a case worked out by hand, and lifelines on random data to 1e-9."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test
from lifelines.utils import median_survival_times

from upon.workforce.algorithms.survival import Median, kaplan_meier, logrank

TOLERANCE = 1e-9
Z = 1.959963984540054  # the normal quantile at 0.975


def band(survival, greenwood):
    """The exponential Greenwood band, written out as in the textbook."""
    v = math.log(survival)
    spread = Z * math.sqrt(greenwood) / v
    return math.exp(-math.exp(math.log(-v) - spread)), math.exp(-math.exp(math.log(-v) + spread))


def test_a_small_case_by_hand():
    # Five directors: left after 1, 2 and 3 years; one still in post at 2, one at 4.
    curve = kaplan_meier(durations=[1, 2, 2, 3, 4], observed=[1, 1, 0, 1, 0])
    assert curve.timeline.tolist() == [0, 1, 2, 3, 4]
    assert curve.at_risk.tolist() == [5, 5, 4, 2, 1]
    assert curve.left.tolist() == [0, 1, 1, 1, 0]
    assert curve.censored.tolist() == [0, 0, 1, 0, 1]
    # S: 1, 4/5, 4/5 x 3/4, then x 1/2; Greenwood: 1/(5 x 4), + 1/(4 x 3), + 1/(2 x 1).
    assert curve.survival == pytest.approx([1, 0.8, 0.6, 0.3, 0.3], abs=1e-15)
    greenwood = [0, 1 / 20, 1 / 20 + 1 / 12, 1 / 20 + 1 / 12 + 1 / 2, 1 / 20 + 1 / 12 + 1 / 2]
    assert curve.greenwood == pytest.approx(greenwood, abs=1e-15)
    expected = [(1.0, 1.0)] + [
        band(s, g) for s, g in zip([0.8, 0.6, 0.3, 0.3], greenwood[1:], strict=True)
    ]
    assert curve.lower == pytest.approx([low for low, _ in expected], abs=1e-14)
    assert curve.upper == pytest.approx([high for _, high in expected], abs=1e-14)
    # The lower curve is 0.204 at 1 year already, the upper still 0.719 at 4: the median is 3
    # (S first at or below 0.5), its lower limit 1 and its upper limit never reached.
    assert curve.lower.round(3).tolist() == [1, 0.204, 0.126, 0.012, 0.012]
    assert curve.upper.round(3).tolist() == [1, 0.969, 0.882, 0.719, 0.719]
    assert curve.median == Median(time=3.0, lower=1.0, upper=math.inf)
    assert curve.subjects == 5
    assert curve.survival_at([0.5, 1, 2.5, 10]).tolist() == pytest.approx([1, 0.8, 0.6, 0.3])


def test_the_log_rank_test_by_hand():
    # A: left at 1 and 3. B: left at 2, in post at 4.
    # At 1: 4 at risk, 2 of A, 1 left: expected in A 2/4, variance 2 x 2 x 1 x 3 / (16 x 3).
    # At 2: 3 at risk, 1 of A: expected 1/3, variance 1 x 2 x 1 x 2 / (9 x 2).
    # At 3: 2 at risk, 1 of A: expected 1/2, variance 1 x 1 x 1 x 1 / (4 x 1).
    # Observed 2, expected 4/3; variance 1/4 + 2/9 + 1/4 = 13/18; statistic (2/3)^2 / (13/18).
    result = logrank(durations_a=[1, 3], observed_a=[1, 1], durations_b=[2, 4], observed_b=[1, 0])
    assert result.statistic == pytest.approx(8 / 13, abs=1e-15)
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(4 / 13)), abs=1e-15)
    assert result.degrees_of_freedom == 1
    assert result.observed == (2.0, 1.0)
    assert result.expected == pytest.approx((4 / 3, 5 / 3), abs=1e-15)


def random_case(kind: str, seed: int):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(2, 400))
    if kind == "continuous":
        durations, observed = rng.exponential(36, size), rng.random(size) < 0.7
    elif kind == "ties":  # whole months from 0, many alike
        durations, observed = rng.integers(0, 25, size).astype(float), rng.random(size) < 0.6
    elif kind == "days in months":  # tenures in days turned into months, as the register gives
        durations = rng.integers(1, 4000, size) / (365.25 / 12)
        observed = rng.random(size) < 0.5
    elif kind == "heavy censoring":
        durations, observed = rng.weibull(1.3, size) * 40, rng.random(size) < 0.05
    elif kind == "all censored":
        durations, observed = rng.integers(1, 60, size).astype(float), np.zeros(size, bool)
    elif kind == "all observed":
        durations, observed = rng.integers(0, 60, size).astype(float), np.ones(size, bool)
    elif kind == "single subject":
        durations, observed = np.array([rng.uniform(0, 50)]), np.array([seed % 2 == 0])
    else:
        raise AssertionError(kind)
    return durations, observed


KINDS = (
    "continuous",
    "ties",
    "days in months",
    "heavy censoring",
    "all censored",
    "all observed",
    "single subject",
)
CASES = [(kind, seed) for kind in KINDS for seed in range(4)]


def lifelines_fit(durations, observed, alpha=0.05) -> KaplanMeierFitter:
    # lifelines sets NumPy's error handling for the whole process as it fits: kept to here.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return KaplanMeierFitter(alpha=alpha).fit(durations, observed)


def assert_same_as_lifelines(durations, observed):
    curve = kaplan_meier(durations=durations, observed=observed)
    fitter = lifelines_fit(durations, observed)
    assert np.array_equal(curve.timeline, fitter.timeline)
    table = fitter.event_table
    assert np.array_equal(curve.at_risk, table["at_risk"].to_numpy())
    assert np.array_equal(curve.left, table["observed"].to_numpy())
    assert np.array_equal(curve.censored, table["censored"].to_numpy())
    assert np.abs(curve.survival - fitter.survival_function_.to_numpy()[:, 0]).max() <= TOLERANCE
    assert np.abs(curve.greenwood - fitter._cumulative_sq_.to_numpy()).max() <= TOLERANCE
    bands = fitter.confidence_interval_.to_numpy()
    assert np.abs(curve.lower - bands[:, 0]).max() <= TOLERANCE
    assert np.abs(curve.upper - bands[:, 1]).max() <= TOLERANCE
    interval = median_survival_times(fitter.confidence_interval_).to_numpy()[0]
    assert curve.median == Median(fitter.median_survival_time_, interval[0], interval[1])
    times = np.linspace(0, durations.max() * 1.1, 25)
    expected_at = fitter.survival_function_at_times(times).to_numpy()
    assert np.abs(curve.survival_at(times) - expected_at).max() <= TOLERANCE
    return curve


@pytest.mark.parametrize(("kind", "seed"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_kaplan_meier_as_lifelines(kind, seed):
    assert_same_as_lifelines(*random_case(kind, seed))


@pytest.mark.parametrize(("kind", "seed"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_log_rank_as_lifelines(kind, seed):
    durations_a, observed_a = random_case(kind, seed)
    durations_b, observed_b = random_case(KINDS[(KINDS.index(kind) + seed) % len(KINDS)], seed + 7)
    durations_b = durations_b * 1.2  # a real difference, some of the time
    result = logrank(
        durations_a=durations_a,
        observed_a=observed_a,
        durations_b=durations_b,
        observed_b=observed_b,
    )
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        expected = logrank_test(durations_a, durations_b, observed_a, observed_b)
    assert abs(result.statistic - expected.test_statistic) <= TOLERANCE
    assert abs(result.p_value - expected.p_value) <= TOLERANCE


def test_the_median_and_its_interval_on_a_larger_sample():
    # Enough tenures that the median and both its limits are reached.
    rng = np.random.default_rng(20190331)
    durations = np.ceil(rng.weibull(1.2, 5000) * 1300) / (365.25 / 12)
    curve = assert_same_as_lifelines(durations, rng.random(5000) < 0.7)
    assert curve.median.lower < curve.median.time < curve.median.upper < math.inf


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40).map(lambda quarter: quarter / 4), st.booleans()),
        min_size=1,
        max_size=40,
    )
)
def test_any_small_register_as_lifelines(tenures):
    durations = np.array([duration for duration, _ in tenures])
    observed = np.array([seen for _, seen in tenures])
    assert_same_as_lifelines(durations, observed)


@pytest.mark.parametrize(
    ("durations", "observed", "message"),
    [
        ([], [], "at least one"),
        ([1, 2], [1], "same length"),
        ([1, -2], [1, 1], "negative"),
        ([1, math.nan], [1, 1], "finite"),
        ([1, math.inf], [1, 1], "finite"),
        ([1, 2], [1, 2], "true or false"),
    ],
)
def test_bad_input_is_refused(durations, observed, message):
    with pytest.raises(ValueError, match=message):
        kaplan_meier(durations=durations, observed=observed)


def test_alpha_sets_the_band():
    narrow = kaplan_meier(durations=[1, 2, 3, 4, 5], observed=[1, 1, 1, 0, 1], alpha=0.5)
    wide = kaplan_meier(durations=[1, 2, 3, 4, 5], observed=[1, 1, 1, 0, 1])
    fitter = lifelines_fit([1, 2, 3, 4, 5], [1, 1, 1, 0, 1], alpha=0.5)
    assert np.abs(narrow.lower - fitter.confidence_interval_.to_numpy()[:, 0]).max() <= TOLERANCE
    assert (narrow.lower >= wide.lower).all() and (narrow.upper <= wide.upper).all()
    with pytest.raises(ValueError, match="alpha"):
        kaplan_meier(durations=[1], observed=[1], alpha=1)
