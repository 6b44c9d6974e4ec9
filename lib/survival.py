"""Survival analysis for customer lifetimes: Kaplan-Meier curves, the log-rank test and the
median lifetime, on right-censored durations (a customer still active at the end of the
observation is censored there).

This module owns the maths only; callers bring durations (any unit, usually days) and an
``observed`` flag (True = the loss happened at that duration, False = still a customer then).
The Kaplan-Meier estimate is ``scipy.stats.ecdf`` on ``scipy.stats.CensoredData``; the log-rank
test of two groups is ``scipy.stats.logrank``, of three or more groups the k-sample log-rank test
(same statistic, chi-square with k - 1 degrees of freedom). Used by the risk page (survival by
value group, segment, stage, acquisition channel) and the recovery page (second lifetimes).

Examples
--------
>>> km = kaplan_meier([5, 8, 8, 12, 20], [True, True, False, True, False])
>>> km[["time", "survival", "at_risk"]].round(3).values.tolist()
[[0.0, 1.0, 5.0], [5.0, 0.8, 5.0], [8.0, 0.6, 4.0], [12.0, 0.3, 2.0], [20.0, 0.3, 1.0]]
>>> median_lifetime([5, 8, 8, 12, 20], [True, True, False, True, False]).estimate
12.0
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

__all__ = ["kaplan_meier", "logrank", "median_lifetime", "survival_at", "LogRank", "Median"]


def _arrays(durations: ArrayLike, observed: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(durations, dtype=float).ravel()
    e = np.asarray(observed, dtype=bool).ravel()
    if t.shape != e.shape:
        raise ValueError(f"durations ({t.size}) and observed ({e.size}) differ in length")
    if t.size and (not np.all(np.isfinite(t)) or t.min() < 0):
        raise ValueError("durations must be finite and not negative")
    return t, e


def _censored(t: np.ndarray, e: np.ndarray) -> stats.CensoredData:
    return stats.CensoredData(uncensored=t[e], right=t[~e])


def kaplan_meier(durations: ArrayLike, observed: ArrayLike, confidence: float = 0.95) -> pd.DataFrame:
    """The Kaplan-Meier survival curve with a pointwise confidence band.

    Parameters
    ----------
    durations : time from the start (first purchase, return, a reference date) to the loss or,
        for censored customers, to the end of observation; not negative.
    observed : True where the loss was observed, False where the customer was censored.
    confidence : level of the pointwise interval (log-log method, Kalbfleisch & Prentice),
        which stays inside [0, 1].

    Returns
    -------
    DataFrame with one row per distinct duration plus a first row at time 0:
    ``time``, ``survival`` (S(t) just after t), ``lower``, ``upper``, ``at_risk`` (customers
    with duration >= t), ``events`` (losses at t), ``censored`` (censored at t). Empty input
    gives the single row at time 0.

    Examples
    --------
    >>> kaplan_meier([1, 2, 3], [True, False, True])["survival"].round(3).tolist()
    [1.0, 0.667, 0.667, 0.0]
    """
    t, e = _arrays(durations, observed)
    first = pd.DataFrame({"time": [0.0], "survival": [1.0], "lower": [1.0], "upper": [1.0],
                          "at_risk": [t.size], "events": [0], "censored": [0]})
    if t.size == 0:
        return first
    times, inverse = np.unique(t, return_inverse=True)
    events = np.bincount(inverse, weights=e, minlength=times.size).astype(int)
    total = np.bincount(inverse, minlength=times.size)
    at_risk = t.size - np.concatenate([[0], np.cumsum(total)[:-1]])
    if not e.any():  # nothing observed: S(t) = 1 throughout (ecdf needs at least one event)
        surv = low = high = np.ones(times.size)
    else:
        res = stats.ecdf(_censored(t, e)).sf
        surv = res.evaluate(times)
        with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # undefined where S(t) is 0 or 1: handled below
            ci = res.confidence_interval(confidence, method="log-log")
            low, high = ci.low.evaluate(times), ci.high.evaluate(times)
        # scipy leaves the band undefined where S(t) is 0 or 1; there it collapses to S(t)
        low = np.where(np.isfinite(low), low, surv)
        high = np.where(np.isfinite(high), high, surv)
    body = pd.DataFrame({"time": times, "survival": surv, "lower": low, "upper": high,
                         "at_risk": at_risk, "events": events, "censored": total - events})
    if times[0] == 0:  # losses at time 0 are shown at 0; the curve still starts at 1 just before
        first["at_risk"] = t.size
    return pd.concat([first, body], ignore_index=True)


def survival_at(km: pd.DataFrame, times: ArrayLike) -> pd.DataFrame:
    """The step curve ``km`` (from :func:`kaplan_meier`) read at ``times``: a small frame for
    charts (a curve of a million customers has up to one row per distinct day).

    Examples
    --------
    >>> km = kaplan_meier([5, 8, 8, 12, 20], [True, True, False, True, False])
    >>> survival_at(km, [0, 6, 100])["survival"].round(2).tolist()
    [1.0, 0.8, 0.3]
    """
    at = np.asarray(times, dtype=float)
    idx = np.searchsorted(km["time"].to_numpy(), at, side="right") - 1
    idx = np.clip(idx, 0, len(km) - 1)
    out = km.iloc[idx][["survival", "lower", "upper", "at_risk"]].reset_index(drop=True)
    # at_risk read at t: the customers still observed at t (with duration >= t)
    times_all = km["time"].to_numpy()
    at_risk = km["at_risk"].to_numpy()
    nxt = np.clip(np.searchsorted(times_all, at, side="left"), 0, len(km) - 1)
    out["at_risk"] = np.where(at <= times_all[-1], at_risk[nxt], 0)
    out.insert(0, "time", at)
    return out


@dataclass(frozen=True)
class Median:
    """The median lifetime: the first time the survival curve drops to 0.5 or below, with the
    times its confidence band does (``None`` = not reached within the observation)."""

    estimate: float | None
    lower: float | None
    upper: float | None


def median_lifetime(durations: ArrayLike, observed: ArrayLike, confidence: float = 0.95) -> Median:
    """Median lifetime from the Kaplan-Meier curve, with the interval read off its band.

    ``estimate`` is the smallest time with S(t) <= 0.5; ``lower`` / ``upper`` the smallest times
    where the lower / upper band reaches 0.5 (Brookmeyer-Crowley style). ``None`` where the curve
    (or band) stays above 0.5: fewer than half were lost within the observation.

    Examples
    --------
    >>> median_lifetime([1, 2, 3, 4], [True, True, True, True]).estimate
    2.0
    >>> median_lifetime([1, 2, 3, 4], [True, False, False, False]).estimate is None
    True
    """
    km = kaplan_meier(durations, observed, confidence)
    return Median(*(_first_at_or_below(km, col) for col in ("survival", "lower", "upper")))


def _first_at_or_below(km: pd.DataFrame, column: str, level: float = 0.5) -> float | None:
    hit = km.loc[km[column] <= level + 1e-12, "time"]
    return float(hit.iloc[0]) if len(hit) else None


@dataclass(frozen=True)
class LogRank:
    """Log-rank test of equal survival across groups: chi-square statistic, degrees of freedom,
    p-value, and per group the observed and expected losses."""

    statistic: float
    df: int
    p_value: float
    table: pd.DataFrame  # group, customers, observed, expected


def logrank(durations: ArrayLike, observed: ArrayLike, groups: ArrayLike) -> LogRank:
    """Test whether the groups share one survival curve.

    Two groups: ``scipy.stats.logrank`` (its standard-normal statistic squared is the
    chi-square reported here). Three or more: the k-sample log-rank test, chi-square with k - 1
    degrees of freedom from the observed-minus-expected losses and their covariance. Groups
    without customers are ignored; fewer than two groups raise ``ValueError``.

    Examples
    --------
    >>> r = logrank([1, 2, 3, 4, 5, 6], [True] * 6, ["a", "a", "a", "b", "b", "b"])
    >>> r.df, round(r.p_value, 3)
    (1, 0.025)
    """
    t, e = _arrays(durations, observed)
    g = np.asarray(groups, dtype=object).ravel()
    if g.size != t.size:
        raise ValueError("groups and durations differ in length")
    labels, codes = np.unique(g.astype(str), return_inverse=True)
    k = labels.size
    if k < 2:
        raise ValueError("the log-rank test needs at least two groups")
    obs, exp, var = _logrank_terms(t, e, codes, k)
    table = pd.DataFrame({"group": labels, "customers": np.bincount(codes, minlength=k),
                          "observed": obs, "expected": exp})
    if k == 2:
        a, b = codes == 0, codes == 1
        res = stats.logrank(_censored(t[a], e[a]), _censored(t[b], e[b]))
        return LogRank(float(res.statistic) ** 2, 1, float(res.pvalue), table)
    diff = (obs - exp)[:-1]
    cov = var[:-1, :-1]
    try:
        chi2 = float(diff @ np.linalg.solve(cov, diff))
    except np.linalg.LinAlgError:
        chi2 = float(diff @ np.linalg.pinv(cov) @ diff)
    return LogRank(chi2, k - 1, float(stats.chi2.sf(chi2, k - 1)), table)


def _logrank_terms(t: np.ndarray, e: np.ndarray, codes: np.ndarray, k: int):
    """Observed and expected losses per group and the covariance of (observed - expected),
    summed over the distinct loss times (vectorised over times)."""
    times, inverse = np.unique(t, return_inverse=True)
    m = times.size
    # per time x group: customers leaving the risk set (events and censored) and events
    leave = np.zeros((m, k))
    np.add.at(leave, (inverse, codes), 1.0)
    died = np.zeros((m, k))
    np.add.at(died, (inverse, codes), e.astype(float))
    at_risk = leave[::-1].cumsum(axis=0)[::-1]  # n_gj: still at risk just before t_j
    n = at_risk.sum(axis=1)
    d = died.sum(axis=1)
    keep = d > 0
    at_risk, died, n, d = at_risk[keep], died[keep], n[keep], d[keep]
    share = at_risk / n[:, None]
    obs = died.sum(axis=0)
    exp = (d[:, None] * share).sum(axis=0)
    factor = np.where(n > 1, d * (n - d) / np.maximum(n - 1, 1), 0.0)
    # V_gh = sum_j factor_j * share_jg * (delta_gh - share_jh)
    var = np.diag((factor[:, None] * share).sum(axis=0)) - np.einsum("j,jg,jh->gh", factor, share, share)
    return obs, exp, var
