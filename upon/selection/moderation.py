"""The moderation panel's ranking: calibrated merit beside the raw mean, and the cut line.

Computed over arrays for the whole intake (thousands of applications) and turned into objects
only for the rows a page shows.
"""

from dataclasses import dataclass

import numpy as np

from upon.selection.calibration import IntakeCalibration


@dataclass(frozen=True)
class RankedApplication:
    application_id: int
    rank: int  # by calibrated merit, 1 is best
    raw_rank: int  # by raw mean score
    merit: float
    uncertainty: float | None  # None: cannot be estimated
    raw_mean: float
    mean_z: float
    reviews: int
    spread: float
    disputed: bool  # reviewers differ by more than the threshold
    crosses_cut: bool  # above the cut line on one ranking and below it on the other


@dataclass(frozen=True)
class Ranking:
    """Every reviewed application, best calibrated merit first (ties by id). Arrays are in
    ranking order; `index` points into the calibration's arrays."""

    calibration: IntakeCalibration
    index: np.ndarray
    raw_rank: np.ndarray
    disputed: np.ndarray
    crosses_cut: np.ndarray

    def __len__(self) -> int:
        return len(self.index)

    @property
    def application_ids(self) -> np.ndarray:
        return self.calibration.application_ids[self.index]

    def rows(self, positions) -> list[RankedApplication]:
        """Objects for these positions in the ranking (0 is the best)."""
        c = self.calibration
        rows = []
        for position in np.asarray(positions, dtype=np.int64):
            i = self.index[position]
            rows.append(
                RankedApplication(
                    application_id=int(c.application_ids[i]),
                    rank=int(position) + 1,
                    raw_rank=int(self.raw_rank[position]),
                    merit=float(c.merit[i]),
                    uncertainty=c.uncertainty_of(i),
                    raw_mean=float(c.raw_mean[i]),
                    mean_z=float(c.mean_z[i]),
                    reviews=int(c.review_counts[i]),
                    spread=float(c.spread[i]),
                    disputed=bool(self.disputed[position]),
                    crosses_cut=bool(self.crosses_cut[position]),
                )
            )
        return rows


def ranking(*, calibration: IntakeCalibration, cut: int, threshold: float) -> Ranking:
    ids = calibration.application_ids
    # lexsort sorts by the last key first: merit descending, then id.
    by_merit = np.lexsort((ids, -calibration.merit))
    by_raw = np.lexsort((ids, -calibration.raw_mean))
    raw_rank_of = np.empty(len(ids), dtype=np.int64)
    raw_rank_of[by_raw] = np.arange(1, len(ids) + 1)
    raw_rank = raw_rank_of[by_merit]
    rank = np.arange(1, len(ids) + 1)
    return Ranking(
        calibration=calibration,
        index=by_merit,
        raw_rank=raw_rank,
        disputed=calibration.spread[by_merit] > threshold,
        crosses_cut=(rank <= cut) != (raw_rank <= cut),
    )


def cut_after(positions: np.ndarray, *, places: int) -> int | None:
    """Index in `positions` (ascending places in the ranking, 0 the best; all of them or a
    filtered few) of the last application shown that would be offered a place: the cut line
    falls after it. None when every one shown is above the line, or every one below it."""
    within = int(np.searchsorted(positions, places))  # positions below `places`: ranks 1..places
    if 0 < within < len(positions):
        return within - 1
    return None
