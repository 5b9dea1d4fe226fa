"""The log-rank test across any number of groups (k >= 2): do tenures in every group come from
one survival? Pure: NumPy and SciPy only.

At each time someone leaves, with n in post just before it (n_i in group i) and d leaving (d_i
in group i), group i is expected to lose n_i d / n if leaving did not depend on the group. Summed
over the times, the observed minus expected leavers O - E, with the hypergeometric
variance-covariance
    V_ij = sum n_i / n (delta_ij - n_j / n) d (n - d) / (n - 1)
(the last factor taken as 1 where only one was in post), give the statistic
(O - E)' V^+ (O - E) with k - 1 degrees of freedom, V^+ the pseudo-inverse, and the p-value its
chi-squared tail: as `lifelines.statistics.multivariate_logrank_test`. With two groups it is
`survival.logrank`.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

from upon.workforce.algorithms.survival import _validated


@dataclass(frozen=True)
class GroupLogRank:
    statistic: float
    p_value: float
    degrees_of_freedom: int
    observed: tuple[float, ...]  # leavers in each group, in the order given
    expected: tuple[float, ...]  # leavers expected in each group if they did not differ


def logrank_groups(groups: Sequence[tuple[Sequence[float], Sequence[bool]]]) -> GroupLogRank:
    """The log-rank test of (durations, observed) groups, in the order given."""
    if len(groups) < 2:
        raise ValueError("the log-rank test needs at least two groups")
    checked = [_validated(d, o, f"group {i + 1}") for i, (d, o) in enumerate(groups)]
    left_anyone = np.concatenate([d[o] for d, o in checked])
    times = np.unique(left_anyone)  # only times someone left add to the sums
    at_risk, left = [], []
    for durations, observed in checked:
        ordered = np.sort(durations)
        # In post just before t: durations at or after t.
        at_risk.append(len(ordered) - np.searchsorted(ordered, times, side="left"))
        leavers = np.sort(durations[observed])
        left.append(
            np.searchsorted(leavers, times, side="right")
            - np.searchsorted(leavers, times, side="left")
        )
    n_i = np.array(at_risk, dtype=float)  # groups x times
    d_i = np.array(left, dtype=float)
    n, d = n_i.sum(axis=0), d_i.sum(axis=0)
    share = n_i / n
    expected = (share * d).sum(axis=1)
    observed = d_i.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (n - d) / (n - 1)
    weight = d * np.where(np.isfinite(ratio), ratio, 1.0)
    variance = np.diag((share * weight).sum(axis=1)) - (share * weight) @ share.T
    difference = observed - expected
    statistic = float(difference @ np.linalg.pinv(variance) @ difference)
    dof = len(checked) - 1
    return GroupLogRank(
        statistic=statistic,
        p_value=float(special.chdtrc(dof, statistic)),
        degrees_of_freedom=dof,
        observed=tuple(float(v) for v in observed),
        expected=tuple(float(v) for v in expected),
    )
