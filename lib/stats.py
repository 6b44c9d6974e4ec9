"""Small statistics shared by the pages: the Wilson interval of a proportion, a rate with its
interval, the uplift of a treatment over a control group (Newcombe interval, Fisher's exact
test) and the plain-words reading of a p-value.

One implementation each, so the lifecycle, risk, value and recovery pages print the same interval
and the same words for the same counts.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Rate:
    """``k`` of ``n`` with the share ``p`` and its 95 % Wilson interval ``lo``-``hi``."""

    k: int
    n: int
    p: float
    lo: float
    hi: float


def rate(k: int, n: int) -> Rate:
    """The share ``k / n`` with its Wilson interval (nan when ``n`` is 0).

    Examples
    --------
    >>> r = rate(6, 100); (r.p, round(r.lo, 3), round(r.hi, 3))
    (0.06, 0.028, 0.125)
    """
    lo, hi = wilson(k, n)
    return Rate(int(k), int(n), k / n if n else math.nan, lo, hi)


@dataclass(frozen=True)
class Uplift:
    """Treatment against control: the difference of the rates in percentage points (as a
    fraction), its 95 % Newcombe hybrid-score interval and the two-sided Fisher exact p-value."""

    treated: Rate
    control: Rate
    diff: float
    lo: float
    hi: float
    p_value: float


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float, float]:
    """Difference ``k1/n1 - k2/n2`` with Newcombe's hybrid score interval (method 10 of Newcombe
    1998, built from the two Wilson intervals).

    Examples
    --------
    >>> [round(x, 4) for x in newcombe(56, 70, 48, 80)]  # Newcombe (1998), table II: 0.0524 to 0.3339
    [0.2, 0.0524, 0.3339]
    """
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    return (d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def uplift(k_t: int, n_t: int, k_c: int, n_c: int) -> Uplift | None:
    """Uplift of the treatment (``k_t`` of ``n_t`` successes) over the control group (``k_c`` of
    ``n_c``); None when either group is empty (without a control group there is no effect to show).

    Examples
    --------
    >>> u = uplift(18, 100, 6, 100); round(u.diff, 2), round(u.p_value, 4)
    (0.12, 0.0153)
    >>> uplift(18, 100, 0, 0) is None
    True
    """
    if n_t <= 0 or n_c <= 0:
        return None
    d, lo, hi = newcombe(k_t, n_t, k_c, n_c)
    p = stats.fisher_exact([[k_t, n_t - k_t], [k_c, n_c - k_c]], alternative="two-sided").pvalue
    return Uplift(rate(k_t, n_t), rate(k_c, n_c), d, lo, hi, float(p))


def evidence(p_value: float) -> str:
    """A plain-words key for a p-value: very_strong below 0.001, strong below 0.05, weak below
    0.10, else none (also for a missing p-value). The pages translate it (``*.evidence.<key>``).

    Examples
    --------
    >>> evidence(0.0001), evidence(0.03), evidence(0.08), evidence(0.5), evidence(float("nan"))
    ('very_strong', 'strong', 'weak', 'none', 'none')
    """
    if p_value < 0.001:
        return "very_strong"
    if p_value < 0.05:
        return "strong"
    if p_value < 0.10:
        return "weak"
    return "none"
