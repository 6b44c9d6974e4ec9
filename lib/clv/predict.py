"""Per-customer predictions of the fitted models, and CLV.

:func:`fit_all` fits the models (the Pareto/NBD only when asked for: P(alive) and CLV of the
default model need BG/NBD and Gamma-Gamma), :func:`with_pareto_nbd` adds it to such fits;
:func:`p_alive`, :func:`expected_purchases` and
:func:`expected_next_purchase` dispatch to the BG/NBD or Pareto/NBD formulas (in
:mod:`lib.clv.bgnbd` and :mod:`lib.clv.pareto_nbd`); :func:`customer_lifetime_value` discounts
the expected purchases times the Gamma-Gamma spend; :func:`naive_clv` is the fallback when no
model can be fitted; :func:`clv_table` is the per-customer table of the value page.
Predictions depend on ``(x, t_x, T)`` alone, so they are computed once per distinct history.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from lib.clv import bgnbd, pareto_nbd
from lib.clv.bgnbd import BGNBDFit, _fit_bgnbd
from lib.clv.gamma_gamma import GammaGammaFit, expected_average_spend, fit_gamma_gamma
from lib.clv.optimise import FloatArray, _Design, _dot, _rfm_arrays, _transaction_design, _unique_histories
from lib.clv.pareto_nbd import ParetoNBDFit, _fit_pareto_nbd
from lib.clv.summary import CalibrationSummary

WEEKS_PER_YEAR: float = 365.25 / 7.0
WEEKS_PER_MONTH: float = WEEKS_PER_YEAR / 12.0
_PERIOD_WEEKS = {"week": 1.0, "month": WEEKS_PER_MONTH}

TransactionFit = BGNBDFit | ParetoNBDFit


@dataclass(frozen=True)
class ClvFits:
    """The fits of :func:`fit_all`; ``pareto_nbd`` is None when it was not asked for."""

    bgnbd: BGNBDFit
    pareto_nbd: ParetoNBDFit | None
    gamma_gamma: GammaGammaFit

    @property
    def transaction_models(self) -> dict[str, TransactionFit]:
        """The fitted repeat-purchase models by name ('bgnbd', and 'pareto_nbd' when fitted)."""
        models: dict[str, TransactionFit] = {"bgnbd": self.bgnbd}
        if self.pareto_nbd is not None:
            models["pareto_nbd"] = self.pareto_nbd
        return models


def fit_all(summary: CalibrationSummary, *, pareto_nbd: bool = True) -> ClvFits:
    """Fit BG/NBD, (with ``pareto_nbd``) Pareto/NBD and (on repeat buyers) Gamma-Gamma to a
    calibration summary.

    Raises :class:`FitError` if any of them fails; the message names the model.

    Examples
    --------
    >>> from datetime import date
    >>> from lib.clv.simulate import simulate_bgnbd, simulate_spend
    >>> rng = np.random.default_rng(3)
    >>> T = rng.integers(0, 366, 3000) / 7
    >>> x, t_x = simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    >>> s = CalibrationSummary(np.arange(3000).astype(str).astype(object), x, t_x, T,
    ...                        simulate_spend(x, 6.0, 4.0, 15.0, rng), np.zeros(3000, int),
    ...                        date(2024, 1, 1))
    >>> fits = fit_all(s)
    >>> sorted(fits.transaction_models)
    ['bgnbd', 'pareto_nbd']
    >>> sorted(fit_all(s, pareto_nbd=False).transaction_models)
    ['bgnbd']
    """
    d = _transaction_design(summary.x, summary.t_x, summary.T, None, "BG/NBD")
    bg = _fit_bgnbd(d, None)
    pnbd = _fit_pareto_nbd(d, _pareto_start(bg, d)) if pareto_nbd else None
    gg = fit_gamma_gamma(summary.x, summary.monetary)
    return ClvFits(bgnbd=bg, pareto_nbd=pnbd, gamma_gamma=gg)


def with_pareto_nbd(fits: ClvFits, summary: CalibrationSummary) -> ClvFits:
    """``fits`` (of :func:`fit_all` on ``summary``) with the Pareto/NBD fitted as well; the
    same as ``fit_all(summary)``. Raises :class:`FitError` if the Pareto/NBD fit fails."""
    if fits.pareto_nbd is not None:
        return fits
    d = _transaction_design(summary.x, summary.t_x, summary.T, None, "Pareto/NBD")
    pnbd = _fit_pareto_nbd(d, _pareto_start(fits.bgnbd, d))
    return ClvFits(bgnbd=fits.bgnbd, pareto_nbd=pnbd, gamma_gamma=fits.gamma_gamma)


def _pareto_start(bg: BGNBDFit, d: _Design) -> tuple[float, float, float, float]:
    # Both models describe purchase rates with the same gamma (r, alpha): the BG/NBD estimate
    # is a good start and saves the slower Pareto/NBD fit many iterations.
    return (bg.r, bg.alpha, 1.0, max(_dot(d.w, d.gT) / d.n, 1.0))


def _check_fit(fit: Any) -> None:
    if not isinstance(fit, (BGNBDFit, ParetoNBDFit)):
        raise TypeError(f"expected a BGNBDFit or ParetoNBDFit, got {type(fit).__name__}")


def _p_alive_rows(fit: TransactionFit, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
    """P(alive) of each row of checked arrays, element by element (no grouping)."""
    if isinstance(fit, BGNBDFit):
        return bgnbd._p_alive(fit.params, x, t_x, T)
    return pareto_nbd._p_alive(fit.params, x, t_x, T)


def p_alive(fit: TransactionFit, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> FloatArray:
    """Probability that each customer is still active at the end of calibration.

    Computed once per distinct ``(x, t_x, T)`` history and gathered back: the values are those
    of the element-by-element formula (the same arithmetic on the same numbers), in the shape
    of the broadcast inputs.

    Examples
    --------
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> round(float(p_alive(fit, 26, 30.857, 31.0)), 4)
    0.9688
    >>> p_alive(fit, [0, 26, 26], [0.0, 30.857, 30.857], 31.0).round(4).tolist()
    [1.0, 0.9688, 0.9688]
    """
    _check_fit(fit)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    gx, gt, gT, inv = _unique_histories(xa, ta, Ta)
    return _p_alive_rows(fit, gx, gt, gT)[inv].reshape(xa.shape)


def expected_purchases(
    fit: TransactionFit, t: ArrayLike, x: ArrayLike, t_x: ArrayLike, T: ArrayLike, *, given_alive: bool = False
) -> FloatArray:
    """Expected repeat purchases in the next ``t`` weeks, given each customer's history.

    With ``given_alive``: given also that the customer is still alive at the end of the
    history, E[Y(t) | alive, x, t_x, T]. Both models' conditional expectation is P(alive) times
    this, so ``expected_purchases(...) == p_alive(...) * expected_purchases(..., given_alive=True)``.

    Examples
    --------
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> round(float(expected_purchases(fit, 39, 2, 30.43, 38.86)), 3)
    1.226
    >>> alive = float(p_alive(fit, 2, 30.43, 38.86))
    >>> round(float(expected_purchases(fit, 39, 2, 30.43, 38.86, given_alive=True)) * alive, 3)
    1.226
    """
    _check_fit(fit)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    tt = np.asarray(t, dtype=float)
    if not np.isfinite(tt).all() or (tt < 0).any():
        raise ValueError("t must be finite and non-negative")
    tt, xa, ta, Ta = np.broadcast_arrays(tt, xa, ta, Ta)
    if isinstance(fit, BGNBDFit):
        return bgnbd._bgnbd_conditional(fit.params, tt, xa, ta, Ta, given_alive)
    alive = np.ones(xa.shape) if given_alive else _p_alive_rows(fit, xa, ta, Ta)
    return pareto_nbd._pnbd_conditional(fit.params, tt, xa, ta, Ta, alive)


def expected_purchases_unconditional(fit: TransactionFit, t: ArrayLike) -> FloatArray:
    """E[X(t)]: expected repeat purchases of a new customer within ``t`` weeks of the first.

    Examples
    --------
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> bool(expected_purchases_unconditional(fit, 0.0) == 0.0)
    True
    """
    tt = np.asarray(t, dtype=float)
    zeros = np.zeros(tt.shape)
    # A customer with no history at time 0 is exactly the unconditional case.
    return expected_purchases(fit, tt, zeros, zeros, zeros)


def expected_next_purchase(
    fit: TransactionFit,
    x: ArrayLike,
    t_x: ArrayLike,
    T: ArrayLike,
    *,
    max_weeks: float = 156.0,
    tol: float = 1e-6,
) -> FloatArray:
    """Weeks after calibration end until the customer is expected to have bought once more.

    Defined as the horizon ``t`` at which :func:`expected_purchases` reaches 1: it combines
    the chance of still being active with the purchase rate, and is finite only for customers
    who are, on balance, expected to come back. ``inf`` means "not expected within
    ``max_weeks``". Never NaN. Solved by bisection to ``tol`` weeks.

    Examples
    --------
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> w = expected_next_purchase(fit, [26, 0], [30.857, 0.0], [31.0, 38.86])
    >>> bool(1.0 < w[0] < 3.0), bool(np.isinf(w[1]))
    (True, True)
    """
    _check_fit(fit)
    if not (math.isfinite(max_weeks) and max_weeks > 0):
        raise ValueError("max_weeks must be a positive number of weeks")
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    shape = xa.shape
    gx, gt, gT, inv = _unique_histories(xa, ta, Ta)
    out = np.full(gx.size, math.inf)
    reach = expected_purchases(fit, max_weeks, gx, gt, gT) >= 1.0
    if reach.any():
        lo = np.zeros(int(reach.sum()))
        hi = np.full(lo.size, float(max_weeks))
        sx, st, sT = gx[reach], gt[reach], gT[reach]
        while np.max(hi - lo) > tol:
            mid = 0.5 * (lo + hi)
            up = expected_purchases(fit, mid, sx, st, sT) >= 1.0
            hi = np.where(up, mid, hi)
            lo = np.where(up, lo, mid)
        out[reach] = hi
    return out[inv].reshape(shape)


def _discount_schedule(horizon: int, period: str, annual_discount_rate: float) -> tuple[FloatArray, FloatArray]:
    if period not in _PERIOD_WEEKS:
        raise ValueError(f"period must be one of {sorted(_PERIOD_WEEKS)}, not {period!r}")
    if int(horizon) != horizon or horizon < 0:
        raise ValueError("horizon must be a non-negative whole number of periods")
    if not annual_discount_rate > -1:
        raise ValueError("annual_discount_rate must be above -1")
    ends = _PERIOD_WEEKS[period] * np.arange(1, int(horizon) + 1)
    # Cash of each period is discounted from the period's end.
    return ends, (1.0 + annual_discount_rate) ** (-ends / WEEKS_PER_YEAR)


def _discounted_purchases(fit: TransactionFit, gx: FloatArray, gt: FloatArray, gT: FloatArray, horizon: int,
                          period: str, annual_discount_rate: float) -> FloatArray:
    """Per distinct history: the discounted sum over the periods of the expected purchases in
    each period, given that the customer is alive at the end of the history."""
    ends, discount = _discount_schedule(horizon, period, annual_discount_rate)
    total = np.zeros(gx.size)
    previous = np.zeros(gx.size)
    for end, factor in zip(ends, discount):
        current = expected_purchases(fit, end, gx, gt, gT, given_alive=True)
        total += (current - previous) * factor
        previous = current
    return total


def customer_lifetime_value(
    fit: TransactionFit,
    x: ArrayLike,
    t_x: ArrayLike,
    T: ArrayLike,
    spend: ArrayLike,
    *,
    horizon: int = 12,
    period: Literal["week", "month"] = "month",
    annual_discount_rate: float = 0.10,
    margin: float = 1.0,
    given_alive: bool = False,
) -> FloatArray:
    """Discounted expected value of each customer over ``horizon`` periods.

    As lifetimes' ``customer_lifetime_value``: for each period, expected spend per purchase ×
    margin × the increase of the conditional expected purchases over the period, discounted
    from the period's end at ``annual_discount_rate`` per year (a month is 365.25/12 days).

    With ``given_alive`` it is the **CLV if the customer stays**: the same sum with the
    purchases expected given that the customer is still alive at the end of the history
    (:func:`expected_purchases` with ``given_alive``), i.e. the CLV without the P(alive)
    factor; the CLV is P(alive) times it. Value that is not discounted by the risk of leaving,
    for comparing with that risk.

    Parameters
    ----------
    spend : expected spend per purchase, usually :func:`expected_average_spend`.

    Examples
    --------
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> v = customer_lifetime_value(fit, [2, 2], [30.43, 30.43], [38.86, 38.86], [40.0, 40.0],
    ...                             horizon=12)
    >>> bool(v[0] > 0)
    True
    >>> stays = customer_lifetime_value(fit, 2, 30.43, 38.86, 40.0, given_alive=True)
    >>> bool(abs(stays * p_alive(fit, 2, 30.43, 38.86) - v[0]) < 1e-9)
    True
    """
    _check_fit(fit)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    sp = np.broadcast_to(np.asarray(spend, dtype=float), xa.shape)
    # Purchases depend on (x, t_x, T) only: evaluate each distinct history once.
    gx, gt, gT, inv = _unique_histories(xa, ta, Ta)
    total = _discounted_purchases(fit, gx, gt, gT, horizon, period, annual_discount_rate)
    if not given_alive:
        total = total * _p_alive_rows(fit, gx, gt, gT)
    return total[inv].reshape(xa.shape) * sp * margin


def naive_clv(
    x: ArrayLike,
    T: ArrayLike,
    monetary: ArrayLike,
    *,
    horizon: int = 12,
    period: Literal["week", "month"] = "month",
    annual_discount_rate: float = 0.10,
    margin: float = 1.0,
    min_weeks: float = 1.0,
) -> FloatArray:
    """Fallback CLV from history alone, for when no model can be fitted.

    Each customer's repeat revenue per week so far (``x * monetary / T``, with ``T`` at least
    ``min_weeks`` so a brand-new customer does not get an absurd rate) is assumed to continue
    unchanged for ``horizon`` periods and discounted like :func:`customer_lifetime_value`.
    One-time buyers, and customers whose repeat days net to a loss, get 0. It ignores churn,
    so it overstates customers who have quietly left.

    Examples
    --------
    >>> naive_clv([4], [52.0], [25.0], horizon=12, annual_discount_rate=0.0).round(2).tolist()
    [100.34]
    """
    xa = np.asarray(x, dtype=float)
    Ta = np.asarray(T, dtype=float)
    ma = np.asarray(monetary, dtype=float)
    xa, Ta, ma = np.broadcast_arrays(xa, Ta, ma)
    ends, discount = _discount_schedule(horizon, period, annual_discount_rate)
    rate = np.where((xa > 0) & (ma > 0), xa * ma, 0.0) / np.maximum(Ta, min_weeks)
    return rate * _PERIOD_WEEKS[period] * float(discount.sum()) * margin


def clv_table(
    fits: ClvFits,
    summary: CalibrationSummary,
    *,
    model: Literal["bgnbd", "pareto_nbd"] = "bgnbd",
    horizon: int = 12,
    period: Literal["week", "month"] = "month",
    annual_discount_rate: float = 0.10,
) -> pd.DataFrame:
    """One row per customer: history, P(alive), expected purchases and spend, CLV and the CLV
    if the customer stays (``clv_alive``, :func:`customer_lifetime_value` with ``given_alive``;
    ``clv`` = ``p_alive`` x ``clv_alive``).

    ``expected_purchases`` covers the CLV horizon; ``next_purchase_weeks`` is
    :func:`expected_next_purchase` (``inf`` = not expected within three years).
    """
    if model not in fits.transaction_models:
        raise ValueError(f"no {model!r} fit: fit_all(..., pareto_nbd=True) or with_pareto_nbd() fits it")
    fit = fits.transaction_models[model]
    s = summary
    spend = expected_average_spend(fits.gamma_gamma, s.x, s.monetary)
    weeks = _PERIOD_WEEKS.get(period, 0.0) * horizon
    # Everything but spend depends on (x, t_x, T) alone: compute once per distinct history.
    gx, gt, gT, inv = _unique_histories(*_rfm_arrays(s.x, s.t_x, s.T))
    unit_alive = customer_lifetime_value(fit, gx, gt, gT, 1.0, horizon=horizon, period=period,
                                         annual_discount_rate=annual_discount_rate, given_alive=True)
    alive = _p_alive_rows(fit, gx, gt, gT)
    return pd.DataFrame(
        {
            "customer_id": s.customer_id,
            "x": s.x,
            "t_x": s.t_x,
            "T": s.T,
            "monetary": s.monetary,
            "p_alive": alive[inv],
            "expected_purchases": expected_purchases(fit, weeks, gx, gt, gT)[inv],
            "expected_spend": spend,
            "clv": (unit_alive * alive)[inv] * spend,
            "clv_alive": unit_alive[inv] * spend,
            # an hour's precision is plenty for a date shown to the day
            "next_purchase_weeks": expected_next_purchase(fit, gx, gt, gT, tol=1e-3)[inv],
        }
    )
