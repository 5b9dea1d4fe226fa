"""The moderation panel's ranking: calibrated merit beside the raw mean, and the cut line."""

from dataclasses import dataclass

from upon.selection.calibrating import IntakeCalibration


@dataclass(frozen=True)
class RankedApplication:
    application_id: int
    rank: int  # by calibrated merit, 1 is best
    raw_rank: int  # by raw mean score
    merit: float
    uncertainty: float
    raw_mean: float
    mean_z: float
    reviews: int
    spread: float
    disputed: bool  # reviewers differ by more than the threshold
    crosses_cut: bool  # above the cut line on one ranking and below it on the other


def ranking(
    *, calibration: IntakeCalibration, cut: int, threshold: float
) -> list[RankedApplication]:
    """Every reviewed application, best calibrated merit first (ties by id)."""
    results = list(calibration.applications.values())
    by_merit = sorted(results, key=lambda r: (-r.merit, r.application_id))
    by_raw = sorted(results, key=lambda r: (-r.raw_mean, r.application_id))
    raw_rank = {r.application_id: n for n, r in enumerate(by_raw, start=1)}
    ranked = []
    for n, r in enumerate(by_merit, start=1):
        raw = raw_rank[r.application_id]
        ranked.append(
            RankedApplication(
                application_id=r.application_id,
                rank=n,
                raw_rank=raw,
                merit=r.merit,
                uncertainty=r.uncertainty,
                raw_mean=r.raw_mean,
                mean_z=r.mean_z,
                reviews=r.reviews,
                spread=r.spread,
                disputed=r.spread > threshold,
                crosses_cut=(n <= cut) != (raw <= cut),
            )
        )
    return ranked
