"""Calibration for an intake: reads submitted reviews, asks the pure module
(selection/calibration.py) for each reviewer's severity and each application's calibrated
merit, and assigns further reviews where reviewers disagree too much."""

from dataclasses import dataclass

import numpy as np

from upon.selection import assigning
from upon.selection.calibration import calibrate, krippendorff_alpha_interval, reliability_band
from upon.selection.models import AssignmentSource, Review, ReviewAssignment
from upon.selection.pool import settings_for


@dataclass(frozen=True)
class ApplicationResult:
    application_id: int
    merit: float  # calibrated, on the 1 to 4 scale
    uncertainty: float
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


@dataclass(frozen=True)
class IntakeCalibration:
    applications: dict[int, ApplicationResult]
    reviewers: dict[int, ReviewerResult]
    alpha: float | None
    band: object
    reviews: int


def submitted_scores(*, intake):
    return Review.objects.filter(
        assignment__application__intake=intake,
        assignment__removed_at__isnull=True,
        submitted_at__isnull=False,
    ).values_list("assignment__application_id", "assignment__reviewer_id", "overall")


def intake_calibration(*, intake) -> IntakeCalibration:
    rows = list(submitted_scores(intake=intake))
    if not rows:
        return IntakeCalibration({}, {}, None, None, 0)
    application_ids = sorted({a for a, _, _ in rows})
    reviewer_ids = sorted({r for _, r, _ in rows})
    a_index = {pk: i for i, pk in enumerate(application_ids)}
    r_index = {pk: j for j, pk in enumerate(reviewer_ids)}
    apps = np.array([a_index[a] for a, _, _ in rows], dtype=np.int64)
    revs = np.array([r_index[r] for _, r, _ in rows], dtype=np.int64)
    scores = np.array([float(s) for _, _, s in rows])
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

    applications = {
        pk: ApplicationResult(
            application_id=pk,
            merit=float(result.merit[i]),
            uncertainty=float(result.uncertainty[i]),
            raw_mean=float(result.raw_mean[i]),
            mean_z=float(mean_z[i]),
            reviews=int(per_app[i]),
            spread=float(highest[i] - lowest[i]),
        )
        for pk, i in a_index.items()
    }
    reviewers = {
        pk: ReviewerResult(
            reviewer_id=pk,
            offset=float(result.offsets[j]),
            reviews=int(counts[j]),
            mean=float(means[j]),
            sd=float(sds[j]),
        )
        for pk, j in r_index.items()
    }
    alpha = krippendorff_alpha_interval(units=apps, coders=revs, values=scores)
    alpha = None if alpha is None or np.isnan(alpha) else float(alpha)
    band = reliability_band(alpha) if alpha is not None else None
    return IntakeCalibration(applications, reviewers, alpha, band, len(rows))


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


def assign_further_reviews(*, intake, actor) -> assigning.AssignmentRun:
    disputed = needing_further_review(intake=intake, calibration=intake_calibration(intake=intake))
    if not disputed:
        return assigning.AssignmentRun(assigned=0, short=())
    return assigning.run_assignment(
        intake=intake,
        actor=actor,
        only_applications=disputed,
        extra_reviews=1,
        source=AssignmentSource.FURTHER,
    )
