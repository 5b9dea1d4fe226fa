"""Calibration: the additive model against a dense least-squares solve, recovery of known
severities, and Krippendorff's alpha against the published worked example."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from upon.selection.algorithms import calibration
from upon.selection.algorithms.calibration import (
    calibrate,
    krippendorff_alpha_interval,
    reliability_band,
)


def dense_ridge(applications, reviewers, scores, strength):
    """The same model solved the long way: one dense design matrix, ridge on offsets only."""
    n_apps, n_revs = applications.max() + 1, reviewers.max() + 1
    design = np.zeros((len(scores), n_apps + n_revs))
    design[np.arange(len(scores)), applications] = 1
    design[np.arange(len(scores)), n_apps + reviewers] = 1
    penalty = np.diag([0.0] * n_apps + [strength] * n_revs)
    normal = design.T @ design + penalty
    solution = np.linalg.solve(normal, design.T @ scores)
    residuals = scores - design @ solution
    sigma2 = residuals @ residuals / max(len(scores) - n_apps - n_revs + 1, 1)
    covariance = sigma2 * np.linalg.inv(normal)
    errors = np.sqrt(np.diag(covariance))
    return solution[:n_apps], solution[n_apps:], errors[:n_apps], errors[n_apps:]


def random_reviews(seed, n_apps=12, n_revs=5, per_app=3):
    rng = np.random.default_rng(seed)
    applications = np.repeat(np.arange(n_apps), per_app)
    reviewers = np.concatenate([rng.choice(n_revs, per_app, replace=False) for _ in range(n_apps)])
    reviewers[:n_revs] = np.arange(n_revs)  # every reviewer appears
    applications[:n_revs] = np.arange(n_revs) % n_apps
    scores = rng.integers(1, 5, len(applications)).astype(float)
    return applications, reviewers, scores


@pytest.mark.parametrize(("seed", "strength"), [(0, 0.7), (1, 0.7), (2, 0.7), (3, 1e-3), (4, 50)])
def test_matches_the_dense_least_squares_solution(seed, strength):
    applications, reviewers, scores = random_reviews(seed)
    result = calibrate(
        applications=applications, reviewers=reviewers, scores=scores, strength=strength
    )
    merit, offsets, errors, offset_errors = dense_ridge(applications, reviewers, scores, strength)
    np.testing.assert_allclose(result.merit, merit, atol=1e-9)
    np.testing.assert_allclose(result.offsets, offsets, atol=1e-9)
    np.testing.assert_allclose(result.uncertainty, errors, atol=1e-9)
    np.testing.assert_allclose(result.offset_uncertainty, offset_errors, atol=1e-9)


def test_offsets_are_centred_and_raw_mean_is_the_plain_mean():
    applications, reviewers, scores = random_reviews(11, n_apps=30, n_revs=8)
    result = calibrate(applications=applications, reviewers=reviewers, scores=scores)
    assert abs(result.offsets.sum()) < 1e-9
    for i in range(30):
        assert result.raw_mean[i] == pytest.approx(scores[applications == i].mean(), abs=1e-12)


def test_recovers_a_severe_and_a_lenient_reviewer():
    rng = np.random.default_rng(3)
    n_apps, n_revs = 400, 10
    true_merit = rng.uniform(1.5, 3.5, n_apps)
    true_offsets = np.array([-0.8, 0.8, 0, 0, 0, 0, 0, 0, 0, 0])
    applications = np.repeat(np.arange(n_apps), 3)
    reviewers = np.concatenate([rng.choice(n_revs, 3, replace=False) for _ in range(n_apps)])
    scores = true_merit[applications] + true_offsets[reviewers] + rng.normal(0, 0.2, 3 * n_apps)
    result = calibrate(applications=applications, reviewers=reviewers, scores=scores)
    assert result.offsets[0] == pytest.approx(-0.8, abs=0.06)
    assert result.offsets[1] == pytest.approx(0.8, abs=0.06)
    calibrated_error = np.abs(result.merit - true_merit).mean()
    raw_error = np.abs(result.raw_mean - true_merit).mean()
    assert calibrated_error < 0.6 * raw_error  # 0.094 against 0.174 with this seed


def test_an_application_seen_once_has_more_uncertainty_than_one_seen_three_times():
    applications = np.array([0, 1, 1, 1, 2, 2, 2])
    reviewers = np.array([0, 0, 1, 2, 0, 1, 2])
    scores = np.array([3.0, 2, 3, 4, 1, 2, 2])
    result = calibrate(applications=applications, reviewers=reviewers, scores=scores)
    assert result.uncertainty[0] > result.uncertainty[1]


def test_refuses_mismatched_arrays_and_a_zero_strength():
    with pytest.raises(ValueError, match="same length"):
        calibrate(applications=[0, 1], reviewers=[0], scores=[1.0, 2.0])
    with pytest.raises(ValueError, match="above 0"):
        calibrate(applications=[0], reviewers=[0], scores=[1.0], strength=0)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=15),
    st.integers(min_value=2, max_value=6),
    st.integers(min_value=0, max_value=10_000),
)
def test_property_the_fit_solves_the_normal_equations(n_apps, n_revs, seed):
    applications, reviewers, scores = random_reviews(seed, n_apps, n_revs, min(3, n_revs))
    result = calibrate(applications=applications, reviewers=reviewers, scores=scores)
    residuals = scores - result.merit[applications] - result.offsets[reviewers]
    # Each merit's reviews have residuals summing to zero; each offset balances its penalty.
    np.testing.assert_allclose(np.bincount(applications, residuals), 0, atol=1e-8)
    np.testing.assert_allclose(
        np.bincount(reviewers, residuals, minlength=n_revs), result.offsets, atol=1e-8
    )
    if len(scores) - n_apps - n_revs + 1 <= 0:  # nothing left to estimate the noise from
        assert result.uncertainty is None and result.residual_sd is None
    else:
        assert np.all(result.uncertainty > 0) or result.residual_sd == 0


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four observers,
# twelve units, some values missing. The published interval alpha is 0.849.
WORKED_EXAMPLE = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def test_alpha_matches_krippendorffs_worked_example():
    units, coders, values = [], [], []
    for coder, row in enumerate(WORKED_EXAMPLE.values()):
        for unit, value in enumerate(row):
            if value is not None:
                units.append(unit)
                coders.append(coder)
                values.append(value)
    alpha = krippendorff_alpha_interval(units=units, coders=coders, values=values)
    assert round(alpha, 3) == 0.849


def test_alpha_is_one_for_perfect_agreement_and_nan_without_pairs():
    assert krippendorff_alpha_interval(units=[0, 0, 1, 1], values=[1, 1, 4, 4]) == 1.0
    assert math.isnan(krippendorff_alpha_interval(units=[0, 1, 2], values=[1, 2, 3]))
    assert math.isnan(krippendorff_alpha_interval(units=[0, 0], values=[2, 2]))


def test_alpha_is_below_zero_when_disagreement_is_systematic():
    alpha = krippendorff_alpha_interval(units=[0, 0, 1, 1], values=[1, 4, 4, 1])
    assert alpha < 0


@pytest.mark.parametrize(
    ("alpha", "label"),
    [(0.95, "Good"), (0.8, "Good"), (0.79, "Tentative"), (0.667, "Tentative"), (0.5, "Poor")],
)
def test_reliability_bands(alpha, label):
    assert reliability_band(alpha).label == label


def test_one_review_per_application_leaves_the_uncertainty_unknown_not_zero():
    """Each merit then fits its one score exactly: no residual is left to estimate the noise
    from, so the uncertainty cannot be estimated (None), rather than reported as 0."""
    result = calibrate(applications=[0, 1, 2, 3], reviewers=[0, 1, 0, 1], scores=[3.0, 2, 4, 1])
    assert result.uncertainty is None
    assert result.residual_sd is None
    assert np.all(np.isfinite(result.merit))


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_refuses_a_score_that_is_not_a_finite_number(bad):
    with pytest.raises(ValueError, match="finite"):
        calibrate(applications=[0, 1], reviewers=[0, 1], scores=[3.0, bad])


def test_refuses_no_reviews():
    with pytest.raises(ValueError, match="at least one review"):
        calibrate(applications=[], reviewers=[], scores=[])


@pytest.mark.parametrize(
    ("applications", "reviewers", "which"),
    [
        ([0, 2], [0, 1], "applications"),  # application 1 never appears
        ([0, 1], [1, 1], "reviewers"),  # reviewer 0 never appears
        ([0, -1], [0, 1], "applications"),
        ([0, 1], [0, -1], "reviewers"),
    ],
)
def test_refuses_gaps_and_negatives_in_the_indices(applications, reviewers, which):
    with pytest.raises(ValueError, match=f"{which}: every index from 0"):
        calibrate(applications=applications, reviewers=reviewers, scores=[3.0, 2.0])


def test_two_reviewer_pools_that_never_meet_match_the_dense_solution():
    """The sparse solve on a badly conditioned system: two pools sharing no application."""
    a1, r1, s1 = random_reviews(5, n_apps=10, n_revs=4)
    a2, r2, s2 = random_reviews(6, n_apps=10, n_revs=4)
    applications, reviewers = np.concatenate([a1, a2 + 10]), np.concatenate([r1, r2 + 4])
    scores = np.concatenate([s1, s2])
    result = calibrate(applications=applications, reviewers=reviewers, scores=scores, strength=1e-4)
    merit, offsets, errors, _ = dense_ridge(applications, reviewers, scores, 1e-4)
    np.testing.assert_allclose(result.merit, merit, atol=1e-9)
    np.testing.assert_allclose(result.offsets, offsets, atol=1e-9)
    np.testing.assert_allclose(result.uncertainty, errors, atol=1e-9)


def test_a_large_pool_never_builds_a_dense_reviewer_matrix(monkeypatch):
    """Above EXACT_LIMIT reviewers the offsets come from a sparse solve and the offsets' share
    of each uncertainty from a seeded estimate: close to the exact one, the same every time."""
    rng = np.random.default_rng(8)
    n_revs, n_apps = calibration.EXACT_LIMIT + 200, 3000
    applications = np.repeat(np.arange(n_apps), 3)
    reviewers = np.concatenate([np.arange(n_revs), rng.integers(0, n_revs, 3 * n_apps - n_revs)])
    scores = np.clip(np.rint(rng.normal(2.5, 0.8, 3 * n_apps)), 1, 4)
    with monkeypatch.context() as patch:
        patch.setattr(calibration, "EXACT_LIMIT", 10**9)
        exact = calibrate(applications=applications, reviewers=reviewers, scores=scores)

    def dense(*args, **kwargs):
        raise AssertionError("a dense reviewers x reviewers matrix was built")

    monkeypatch.setattr(sparse.csr_matrix, "toarray", dense)
    monkeypatch.setattr(sparse.csc_matrix, "toarray", dense)
    monkeypatch.setattr(np.linalg, "inv", dense)
    monkeypatch.setattr(np.linalg, "solve", dense)
    result = calibrate(applications=applications, reviewers=reviewers, scores=scores)
    again = calibrate(applications=applications, reviewers=reviewers, scores=scores)
    np.testing.assert_allclose(result.offsets, exact.offsets, atol=1e-9)
    np.testing.assert_allclose(result.merit, exact.merit, atol=1e-9)
    np.testing.assert_allclose(result.uncertainty, exact.uncertainty, rtol=0.03)
    np.testing.assert_array_equal(result.uncertainty, again.uncertainty)
    # The offsets' own standard errors are a noisier estimate (64 probes): within 8%, for an
    # error bar on the calibration chart.
    np.testing.assert_allclose(result.offset_uncertainty, exact.offset_uncertainty, rtol=0.08)
    np.testing.assert_array_equal(result.offset_uncertainty, again.offset_uncertainty)
