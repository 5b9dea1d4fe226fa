"""Calibration for an intake: reads submitted reviews, asks the pure module
(selection/algorithms/calibration.py) for each reviewer's severity and each application's calibrated
merit, and assigns further reviews where reviewers disagree too much."""

import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.core.cache import cache
from django.db.models import Count, FloatField, Max, Sum
from django.db.models.functions import Cast

from upon.selection import assignment
from upon.selection.algorithms.calibration import (
    calibrate,
    krippendorff_alpha_interval,
    reliability_band,
)
from upon.selection.models import AssignmentSource, Review, ReviewAssignment
from upon.selection.pool import settings_for

# A fit is keyed on its reviews' fingerprint, so a stale one is never read; this only bounds
# how long an unused one stays in the cache.
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class ApplicationResult:
    application_id: int
    merit: float  # calibrated, on the 1 to 4 scale
    uncertainty: float | None  # None: cannot be estimated (one review per application)
    raw_mean: float
    mean_z: float  # the mean of its reviews' per-reviewer z-scores
    reviews: int
    spread: float  # highest minus lowest overall score


@dataclass(frozen=True)
class ReviewerResult:
    reviewer_id: int
    offset: float  # above 0 lenient, below 0 severe
    reviews: int
    mean: float
    sd: float
    uncertainty: float | None = None  # the offset's standard error; None: cannot be estimated


@dataclass(frozen=True)
class IntakeCalibration:
    """The fit for one intake as arrays (cheap to cache), with per-item views built on demand.

    Application arrays are aligned with `application_ids`, reviewer arrays with `reviewer_ids`.
    """

    application_ids: np.ndarray
    merit: np.ndarray
    uncertainty: np.ndarray | None  # None when it cannot be estimated
    raw_mean: np.ndarray
    mean_z: np.ndarray
    review_counts: np.ndarray
    spread: np.ndarray
    reviewer_ids: np.ndarray
    offsets: np.ndarray
    reviewer_counts: np.ndarray
    reviewer_means: np.ndarray
    reviewer_sds: np.ndarray
    alpha: float | None
    reviews: int  # submitted reviews in the fit
    offset_uncertainty: np.ndarray | None = None  # per reviewer; None when not estimable

    @property
    def band(self):
        return reliability_band(self.alpha) if self.alpha is not None else None

    def _application(self, i: int) -> ApplicationResult:
        return ApplicationResult(
            application_id=int(self.application_ids[i]),
            merit=float(self.merit[i]),
            uncertainty=self.uncertainty_of(i),
            raw_mean=float(self.raw_mean[i]),
            mean_z=float(self.mean_z[i]),
            reviews=int(self.review_counts[i]),
            spread=float(self.spread[i]),
        )

    def uncertainty_of(self, i: int) -> float | None:
        return None if self.uncertainty is None else float(self.uncertainty[i])

    def application(self, pk: int) -> ApplicationResult | None:
        i = np.searchsorted(self.application_ids, pk)
        if i < len(self.application_ids) and self.application_ids[i] == pk:
            return self._application(int(i))
        return None

    @cached_property
    def applications(self) -> dict[int, ApplicationResult]:
        return {int(pk): self._application(i) for i, pk in enumerate(self.application_ids)}

    @cached_property
    def reviewers(self) -> dict[int, ReviewerResult]:
        return {
            int(pk): ReviewerResult(
                reviewer_id=int(pk),
                offset=float(self.offsets[j]),
                reviews=int(self.reviewer_counts[j]),
                mean=float(self.reviewer_means[j]),
                sd=float(self.reviewer_sds[j]),
                uncertainty=None
                if self.offset_uncertainty is None
                else float(self.offset_uncertainty[j]),
            )
            for j, pk in enumerate(self.reviewer_ids)
        }


def _submitted(intake):
    return Review.objects.filter(
        assignment__application__intake=intake,
        assignment__removed_at__isnull=True,
        submitted_at__isnull=False,
    )


def _fingerprint(intake) -> str:
    """Changes whenever a submitted review is added, changed or set aside."""
    seen = _submitted(intake).aggregate(
        n=Count("pk"), versions=Sum("version"), ids=Sum("assignment_id"), last=Max("updated_at")
    )
    text = f"{seen['n']}:{seen['versions']}:{seen['ids']}:{seen['last']}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def submitted_scores(*, intake):
    return _submitted(intake).values_list(
        "assignment__application_id", "assignment__reviewer_id", Cast("overall", FloatField())
    )


def intake_calibration(*, intake) -> IntakeCalibration:
    """The intake's calibration, recomputed only when its submitted reviews have changed."""
    # v2: the fit carries the offsets' uncertainty (a v1 fit cached before has none).
    key = f"selection:calibration:v2:{intake.pk}:{_fingerprint(intake)}"
    result = cache.get(key)
    if result is None:
        result = _calibrate(list(submitted_scores(intake=intake)))
        cache.set(key, result, CACHE_SECONDS)
    return result


def _calibrate(rows) -> IntakeCalibration:
    empty = np.empty(0)
    if not rows:
        ids = np.empty(0, dtype=np.int64)
        return IntakeCalibration(ids, *[empty] * 6, ids, *[empty] * 4, None, 0)
    data = np.array(rows, dtype=float)
    application_ids, apps = np.unique(data[:, 0].astype(np.int64), return_inverse=True)
    reviewer_ids, revs = np.unique(data[:, 1].astype(np.int64), return_inverse=True)
    scores = data[:, 2]
    result = calibrate(applications=apps, reviewers=revs, scores=scores)

    counts = np.bincount(revs, minlength=len(reviewer_ids))
    sums = np.bincount(revs, weights=scores, minlength=len(reviewer_ids))
    means = sums / counts
    squares = np.bincount(revs, weights=(scores - means[revs]) ** 2, minlength=len(reviewer_ids))
    sds = np.sqrt(squares / np.maximum(counts - 1, 1))
    z = np.where(sds[revs] > 0, (scores - means[revs]) / np.where(sds[revs] > 0, sds[revs], 1), 0)
    per_app = np.bincount(apps, minlength=len(application_ids))
    mean_z = np.bincount(apps, weights=z, minlength=len(application_ids)) / per_app
    highest = np.full(len(application_ids), -np.inf)
    lowest = np.full(len(application_ids), np.inf)
    np.maximum.at(highest, apps, scores)
    np.minimum.at(lowest, apps, scores)
    alpha = krippendorff_alpha_interval(units=apps, coders=revs, values=scores)
    return IntakeCalibration(
        application_ids=application_ids,
        merit=result.merit,
        uncertainty=result.uncertainty,
        raw_mean=result.raw_mean,
        mean_z=mean_z,
        review_counts=per_app,
        spread=highest - lowest,
        reviewer_ids=reviewer_ids,
        offsets=result.offsets,
        reviewer_counts=counts,
        reviewer_means=means,
        reviewer_sds=sds,
        alpha=None if np.isnan(alpha) else float(alpha),
        reviews=len(rows),
        offset_uncertainty=result.offset_uncertainty,
    )


def needing_further_review(*, intake, calibration: IntakeCalibration) -> list[int]:
    """Applications whose reviewers differ by more than the intake's threshold and have not
    had a further review yet."""
    threshold = float(settings_for(intake=intake).disagreement_threshold)
    disputed = [pk for pk, result in calibration.applications.items() if result.spread > threshold]
    already = set(
        ReviewAssignment.objects.filter(
            application_id__in=disputed, source=AssignmentSource.FURTHER, removed_at__isnull=True
        ).values_list("application_id", flat=True)
    )
    return [pk for pk in disputed if pk not in already]


def assign_further_reviews(*, intake, actor) -> assignment.AssignmentRun:
    disputed = needing_further_review(intake=intake, calibration=intake_calibration(intake=intake))
    if not disputed:
        return assignment.AssignmentRun(assigned=0, short=())
    return assignment.run_assignment(
        intake=intake,
        actor=actor,
        only_applications=disputed,
        extra_reviews=1,
        source=AssignmentSource.FURTHER,
    )
