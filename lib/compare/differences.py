"""The tests of the comparison page: each difference between side A and side B with its 95 %
interval and a two-sided p-value, worded by :func:`lib.stats.evidence`.

* two proportions (active share, churn rate, win-back rate): :func:`lib.stats.uplift` -- the
  difference A - B with Newcombe's hybrid score interval and Fisher's exact test;
* revenue per customer (a mean): Welch's t-test (``scipy.stats.ttest_ind(equal_var=False)``) with
  its interval; the distributions: Mann-Whitney U (``scipy.stats.mannwhitneyu``);
* retention curves: the log-rank test of :func:`lib.survival.logrank`;
* the Gini coefficient: a percentile bootstrap interval of the difference, with a fixed seed;
* the stage mix: chi-square test of independence (``scipy.stats.chi2_contingency``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps

from lib import stats, survival, value

#: The bootstrap's seed: the same data give the same interval on every run.
SEED = 20250101
#: Resamples of the Gini bootstrap; above :data:`BOOTSTRAP_LARGE` customers (both sides) fewer
#: (:data:`BOOTSTRAP_REPS_LARGE`), so a million customers take seconds, not minutes.
BOOTSTRAP_REPS = 1000
BOOTSTRAP_REPS_LARGE = 200
BOOTSTRAP_LARGE = 200_000


@dataclass(frozen=True)
class Difference:
    """A - B with its 95 % interval (``lo``, ``hi``; NaN where the test gives none), the test
    (``test``: 'fisher', 'welch', 'mann_whitney', 'logrank', 'bootstrap', 'chi2'), its statistic
    and two-sided p-value, for the bootstrap the number of resamples, for chi-square its degrees
    of freedom."""

    test: str
    diff: float
    lo: float
    hi: float
    statistic: float
    p_value: float
    reps: int = 0
    df: int = 0

    @property
    def evidence(self) -> str:
        """The plain-words key of the p-value (:func:`lib.stats.evidence`)."""
        return stats.evidence(self.p_value)


def proportions(k_a: int, n_a: int, k_b: int, n_b: int) -> Difference | None:
    """``k_a / n_a`` against ``k_b / n_b``: difference with Newcombe's interval and Fisher's
    exact p (:func:`lib.stats.uplift`); None when a side has no one.

    Examples
    --------
    >>> d = proportions(56, 70, 48, 80); round(d.diff, 4), round(d.lo, 4), round(d.hi, 4)
    (0.2, 0.0524, 0.3339)
    """
    u = stats.uplift(int(k_a), int(n_a), int(k_b), int(n_b))
    if u is None:
        return None
    odds = sps.contingency.odds_ratio([[k_a, n_a - k_a], [k_b, n_b - k_b]], kind="sample").statistic
    return Difference("fisher", u.diff, u.lo, u.hi, float(odds), u.p_value)


def welch(a: np.ndarray, b: np.ndarray) -> Difference | None:
    """Mean of ``a`` minus mean of ``b``: Welch's t-test and its 95 % interval; None when a side
    has fewer than two values or both are constant and equal.

    Examples
    --------
    >>> d = welch(np.array([1.0, 2, 3, 4]), np.array([2.0, 4, 6, 8, 10])); round(d.diff, 2), round(d.p_value, 4)
    (-3.5, 0.0691)
    """
    a, b = _finite(a), _finite(b)
    if a.size < 2 or b.size < 2 or (np.ptp(a) == 0 and np.ptp(b) == 0):
        return None
    res = sps.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(0.95)
    return Difference("welch", float(a.mean() - b.mean()), float(ci.low), float(ci.high),
                      float(res.statistic), float(res.pvalue))


def mann_whitney(a: np.ndarray, b: np.ndarray) -> Difference | None:
    """Median of ``a`` minus median of ``b`` with the two-sided Mann-Whitney U test (no
    interval); None when a side is empty or all values are equal."""
    a, b = _finite(a), _finite(b)
    if a.size == 0 or b.size == 0 or np.ptp(np.concatenate([a, b])) == 0:
        return None
    res = sps.mannwhitneyu(a, b, alternative="two-sided")
    return Difference("mann_whitney", float(np.median(a) - np.median(b)), math.nan, math.nan,
                      float(res.statistic), float(res.pvalue))


def logrank(durations_a: np.ndarray, observed_a: np.ndarray, durations_b: np.ndarray, observed_b: np.ndarray,
            diff: float = math.nan) -> Difference | None:
    """The log-rank test of A's and B's survival curves (:func:`lib.survival.logrank`, chi-square
    with one degree of freedom); ``diff`` is what the page reads off the curves (retention after
    12 months, A - B). None when a side has no one."""
    if len(durations_a) == 0 or len(durations_b) == 0:
        return None
    t = np.concatenate([np.asarray(durations_a, dtype=float), np.asarray(durations_b, dtype=float)])
    e = np.concatenate([np.asarray(observed_a, dtype=bool), np.asarray(observed_b, dtype=bool)])
    g = np.array(["A"] * len(durations_a) + ["B"] * len(durations_b))
    if not e.any():
        return Difference("logrank", diff, math.nan, math.nan, 0.0, 1.0)
    res = survival.logrank(t, e, g)
    return Difference("logrank", diff, math.nan, math.nan, res.statistic, res.p_value, df=1)


def gini_bootstrap(a: np.ndarray, b: np.ndarray, reps: int | None = None, seed: int = SEED) -> Difference | None:
    """Gini of ``a`` minus Gini of ``b`` (:func:`lib.value.gini`) with a percentile bootstrap:
    each side resampled with replacement (as counts per customer) ``reps`` times with the fixed
    ``seed``; the interval is the 2.5 and 97.5 % quantile of the resampled differences, the p-value
    ``(1 + 2 min(#d* <= 0, #d* >= 0)) / (reps + 1)`` (at most 1): the smallest level whose interval
    leaves out zero. None when a side is empty."""
    a, b = _finite(a), _finite(b)
    if a.size == 0 or b.size == 0:
        return None
    if reps is None:
        reps = BOOTSTRAP_REPS if a.size + b.size <= BOOTSTRAP_LARGE else BOOTSTRAP_REPS_LARGE
    rng = np.random.default_rng(seed)
    a, b = np.sort(a), np.sort(b)
    diffs = np.empty(reps)
    for i in range(reps):
        wa = np.bincount(rng.integers(0, a.size, a.size), minlength=a.size)
        wb = np.bincount(rng.integers(0, b.size, b.size), minlength=b.size)
        diffs[i] = value.gini(a, wa) - value.gini(b, wb)
    lo, hi = np.quantile(diffs, [0.025, 0.975])
    tail = min(int((diffs <= 0).sum()), int((diffs >= 0).sum()))
    p = min(1.0, (1 + 2 * tail) / (reps + 1))
    return Difference("bootstrap", value.gini(a) - value.gini(b), float(lo), float(hi), math.nan, p, reps)


def mix(counts_a: np.ndarray, counts_b: np.ndarray) -> Difference | None:
    """Whether A and B spread over the same categories (e.g. stages) alike: chi-square test of
    independence on the 2 x k table (categories empty on both sides left out); None with fewer
    than two categories or an empty side."""
    table = np.vstack([np.asarray(counts_a, dtype=float), np.asarray(counts_b, dtype=float)])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        return None
    chi2, p, dof, _ = sps.chi2_contingency(table, correction=False)
    return Difference("chi2", math.nan, math.nan, math.nan, float(chi2), float(p), df=int(dof))


def _finite(x) -> np.ndarray:
    x = np.asarray(x, dtype=float).ravel()
    return x[np.isfinite(x)]
