"""Small statistics shared by the pages: the Wilson interval of a proportion, a rate with its
interval, the uplift of a treatment over a control group (Newcombe interval, Fisher's exact
test), the same comparison pooled over strata (Mantel-Haenszel uplift, the exact stratified
test), Holm's correction for many tests at once and the plain-words reading of a p-value.

One implementation each, so the lifecycle, risk, value and recovery pages print the same interval
and the same words for the same counts.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# scipy.stats is imported where it is used: it takes about half a second to import, which every
# command that merely imports this module through lib.derived (e.g. `python -m lib clv`) paid.


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
    from scipy import stats

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
    from scipy import stats

    p = stats.fisher_exact([[k_t, n_t - k_t], [k_c, n_c - k_c]], alternative="two-sided").pvalue
    return Uplift(rate(k_t, n_t), rate(k_c, n_c), d, lo, hi, float(p))


#: The level below which a (corrected) p-value counts as an effect on the pages.
ALPHA = 0.05


def holm(pvalues) -> np.ndarray:
    """Holm's step-down adjusted p-values (Holm 1979; ``statsmodels.stats.multitest.multipletests(
    method="holm")``): with the m p-values sorted ascending, ``p_adj(i) = min(1, max_{j <= i}
    (m - j + 1) p(j))``, returned in the input order. An adjusted p-value below alpha is exactly a
    hypothesis Holm's procedure rejects at alpha, so the family-wise error rate stays at alpha
    however many tests stand side by side. NaN (a row without a test) stays NaN and does not count
    in m.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, 0.005]).round(4).tolist()
    [0.03, 0.06, 0.06, 0.02]
    >>> holm([0.2, float("nan")]).tolist()
    [0.2, nan]
    """
    p = np.asarray(pvalues, dtype=float).reshape(-1)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    m = ok.size
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    steps = (m - np.arange(m)) * p[order]
    out[order] = np.minimum(1.0, np.maximum.accumulate(steps))
    return out


def _stratum_arrays(tables) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(k_t, n_t, k_c, n_c)`` as int arrays, strata without one of the groups left out."""
    t = np.asarray(tables, dtype=np.int64).reshape(-1, 4)
    t = t[(t[:, 1] > 0) & (t[:, 3] > 0)]
    if (t < 0).any() or (t[:, 0] > t[:, 1]).any() or (t[:, 2] > t[:, 3]).any():
        raise ValueError("each stratum needs 0 <= k_t <= n_t and 0 <= k_c <= n_c")
    return t[:, 0], t[:, 1], t[:, 2], t[:, 3]


def mh_uplift(tables) -> float:
    """The Mantel-Haenszel risk difference over strata ``(k_t, n_t, k_c, n_c)``: the uplift
    ``k_t/n_t - k_c/n_c`` of each stratum weighted by ``n_t n_c / (n_t + n_c)`` (Greenland and
    Robins 1985), so a campaign counts by its size and the comparison stays within each campaign
    (no Simpson's paradox from campaigns with different return rates or control shares). Strata
    without one of the groups carry no weight; NaN when none is left.

    Examples
    --------
    >>> round(mh_uplift([(8, 40, 1, 10), (30, 100, 10, 100)]), 4)  # weights 8 and 50
    0.1862
    """
    kt, nt, kc, nc = _stratum_arrays(tables)
    if kt.size == 0:
        return math.nan
    w = nt * nc / (nt + nc)
    return float(np.sum(w * (kt / nt - kc / nc)) / np.sum(w))


def _trimmed_pmf(k_total: int, n_t: int, n_c: int) -> tuple[int, np.ndarray]:
    """The hypergeometric distribution of a stratum's treated wins given its margins (``k_total``
    wins among ``n_t + n_c`` contacts, ``n_t`` of them treated) as ``(first value, pmf)``, the
    tails below 1e-20 of the mode cut off (they change no p-value above 1e-15)."""
    lo, hi = max(0, k_total - n_c), min(n_t, k_total)
    x = np.arange(lo, hi + 1)
    from scipy import stats

    pmf = stats.hypergeom.pmf(x, n_t + n_c, k_total, n_t)
    keep = np.flatnonzero(pmf >= pmf.max() * 1e-20)
    return int(x[keep[0]]), pmf[keep[0]: keep[-1] + 1]


def stratified_exact(tables) -> float:
    """Two-sided p-value of the exact conditional test of no treatment effect in any stratum
    (the exact Cochran-Mantel-Haenszel test, R's ``mantelhaen.test(exact=TRUE)``): given every
    stratum's margins, the treated wins of a stratum are hypergeometric under the null, their sum
    over the strata is the convolution of those distributions, and the p-value is the probability
    of every sum no more likely than the one observed (Fisher's two-sided rule). With one stratum
    it is Fisher's exact test of that 2 x 2 table (``scipy.stats.fisher_exact``). ``tables``:
    ``(k_t, n_t, k_c, n_c)`` per stratum; strata without one of the groups say nothing and are left
    out; NaN when none is left.

    Examples
    --------
    >>> round(stratified_exact([(18, 100, 6, 100)]), 4)  # = fisher_exact([[18, 82], [6, 94]])
    0.0153
    """
    kt, nt, kc, nc = _stratum_arrays(tables)
    if kt.size == 0:
        return math.nan
    start, dist = 0, np.ones(1)
    for k_t, n_t, k_c, n_c in zip(kt, nt, kc, nc):
        first, pmf = _trimmed_pmf(int(k_t + k_c), int(n_t), int(n_c))
        start, dist = start + first, np.convolve(dist, pmf)
    observed = int(kt.sum()) - start
    p_obs = dist[observed] if 0 <= observed < dist.size else 0.0
    return float(min(1.0, dist[dist <= p_obs * (1 + 1e-7)].sum()))


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
