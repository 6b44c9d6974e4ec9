"""Small statistics shared by the pages: the Wilson interval for a proportion.

One implementation, so the lifecycle, risk and recovery pages print the same interval for the
same counts.
"""
from __future__ import annotations

import numpy as np
from scipy import stats


def wilson(successes, n, confidence: float = 0.95):
    """Wilson score interval for a proportion, as ``scipy.stats.binomtest(k, n)
    .proportion_ci(method="wilson")``: ``(lower, upper)``, NaN where ``n`` is 0.

    Vectorised: arrays in, arrays out; two scalars in, two floats out.

    Examples
    --------
    >>> [round(x, 4) for x in wilson(8, 40)]
    [0.105, 0.3476]
    >>> [v.round(4).tolist() for v in wilson(np.array([3, 0]), np.array([10, 0]))]
    [[0.1078, nan], [0.6032, nan]]
    """
    k = np.asarray(successes, dtype=float)
    m = np.asarray(n, dtype=float)
    z = stats.norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / m
        denom = 1 + z * z / m
        centre = (p + z * z / (2 * m)) / denom
        half = z * np.sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / denom
        lo = np.where(m > 0, np.clip(centre - half, 0, 1), np.nan)
        hi = np.where(m > 0, np.clip(centre + half, 0, 1), np.nan)
    if lo.ndim == 0:
        return float(lo), float(hi)
    return lo, hi
