"""Customer lifetime value: buy-till-you-die models fitted by maximum likelihood.

This module owns

* the calibration summary every model is fitted on: per customer the number of repeat
  purchase days ``x``, the time of the last one ``t_x`` and the length of observation ``T``
  (weeks, counted from the first purchase day), the mean spend of the repeat days and the
  repeat purchase days of an optional hold-out period — computed from a pandas frame
  (:func:`summary_from_frame`) or in DuckDB (:func:`summary_from_db`, ``clv_summary.sql``);
* the BG/NBD (Fader, Hardie & Lee 2005) and Pareto/NBD (Schmittlein, Morrison & Colombo
  1987) repeat-purchase models and the Gamma-Gamma spend model (Fader, Hardie & Lee 2005b),
  fitted by maximum likelihood with numpy and scipy only (:func:`fit_bgnbd`,
  :func:`fit_pareto_nbd`, :func:`fit_gamma_gamma`, :func:`fit_all`);
* per-customer predictions: P(alive), expected purchases, expected next purchase, expected
  spend and discounted CLV, plus a naive fallback for when no model can be fitted
  (:func:`naive_clv`);
* hold-out validation and the cumulative tracking series (:func:`holdout_validation`,
  :func:`cumulative_tracking`).

Every failure to fit raises :class:`FitError` with a plain-English message; no function here
returns a silent NaN. Time is measured in weeks throughout; same-day purchases are one
purchase.

Implementation notes. Customers are grouped to unique ``(x, t_x, T)`` rows and the
log-likelihoods are computed with weights. Terms that depend on ``x`` alone, or on an
``(x, t)`` pair alone, are computed once per unique value or pair and gathered, so the
per-customer work of one evaluation is a gather and a ``logaddexp``. Parameters are optimised
on the log scale with L-BFGS-B, then polished with a few Newton steps on a finite-difference
Hessian of the (analytic or finite-difference) gradient; that Hessian also gives the standard
errors. ``python -m lib.clv`` runs a timing check on one million simulated customers.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import integrate, optimize
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from lib.queries import load as load_query

__all__ = [
    "MIN_CUSTOMERS",
    "WEEKS_PER_MONTH",
    "WEEKS_PER_YEAR",
    "BGNBDFit",
    "CalibrationSummary",
    "ClvFits",
    "FitError",
    "GammaGammaFit",
    "HoldoutReport",
    "ParetoNBDFit",
    "TrackingSeries",
    "bgnbd_loglik",
    "clv_table",
    "cumulative_tracking",
    "customer_lifetime_value",
    "expected_average_spend",
    "expected_next_purchase",
    "expected_purchases",
    "expected_purchases_unconditional",
    "first_purchase_days",
    "fit_all",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "fit_pareto_nbd",
    "gamma_gamma_loglik",
    "holdout_validation",
    "naive_clv",
    "p_alive",
    "pareto_nbd_loglik",
    "simulate_bgnbd",
    "simulate_spend",
    "summary_from_db",
    "summary_from_frame",
    "weekly_repeats_from_db",
    "weekly_repeats_from_frame",
]

FloatArray = NDArray[np.float64]

WEEKS_PER_YEAR: float = 365.25 / 7.0
WEEKS_PER_MONTH: float = WEEKS_PER_YEAR / 12.0
MIN_CUSTOMERS: int = 20
"""Fewer customers than this and a fit is refused: the estimates would be noise."""

# Log-parameters are boxed so the optimiser cannot wander to overflow; an estimate on the box
# edge means the data do not pin the model down, which is reported as a FitError.
_LOG_BOUND = 18.0
_GRAD_TOL = 1e-5  # on the mean log-likelihood per customer, w.r.t. log-parameters
_PERIOD_WEEKS = {"week": 1.0, "month": WEEKS_PER_MONTH}


class FitError(Exception):
    """A model could not be fitted; ``str(error)`` is a plain-English reason for the page."""


# --------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BGNBDFit:
    """Maximum-likelihood BG/NBD estimate.

    ``r, alpha`` shape and scale (weeks) of the gamma purchase-rate distribution; ``a, b`` of
    the beta drop-out probability. ``se`` holds standard errors by parameter name (from the
    observed information, see ``_standard_errors``). ``loglik`` is the total log-likelihood.
    ``converged`` is always True on a returned fit (failures raise :class:`FitError`);
    ``message`` is the optimiser's own stopping message.
    """

    r: float
    alpha: float
    a: float
    b: float
    loglik: float
    se: dict[str, float]
    n_customers: int
    converged: bool
    message: str

    @property
    def params(self) -> tuple[float, float, float, float]:
        return (self.r, self.alpha, self.a, self.b)


@dataclass(frozen=True)
class ParetoNBDFit:
    """Maximum-likelihood Pareto/NBD estimate.

    ``r, alpha`` gamma purchase rate; ``s, beta`` gamma drop-out rate (both per week).
    """

    r: float
    alpha: float
    s: float
    beta: float
    loglik: float
    se: dict[str, float]
    n_customers: int
    converged: bool
    message: str

    @property
    def params(self) -> tuple[float, float, float, float]:
        return (self.r, self.alpha, self.s, self.beta)


@dataclass(frozen=True)
class GammaGammaFit:
    """Maximum-likelihood Gamma-Gamma spend estimate (``p, q, gamma``; mean spend
    ``p * gamma / (q - 1)``). ``n_customers`` counts the repeat buyers it was fitted on."""

    p: float
    q: float
    gamma: float
    loglik: float
    se: dict[str, float]
    n_customers: int
    converged: bool
    message: str

    @property
    def params(self) -> tuple[float, float, float]:
        return (self.p, self.q, self.gamma)


TransactionFit = BGNBDFit | ParetoNBDFit


@dataclass(frozen=True)
class ClvFits:
    """The three fits of :func:`fit_all`."""

    bgnbd: BGNBDFit
    pareto_nbd: ParetoNBDFit
    gamma_gamma: GammaGammaFit

    @property
    def transaction_models(self) -> dict[str, TransactionFit]:
        return {"bgnbd": self.bgnbd, "pareto_nbd": self.pareto_nbd}


@dataclass(frozen=True, eq=False)  # holds arrays: identity, not element-wise, equality
class CalibrationSummary:
    """Per-customer calibration summary, sorted by ``customer_id``.

    ``x`` repeat purchase days in calibration, ``t_x`` weeks from first to last purchase day,
    ``T`` weeks from first purchase day to ``calibration_end`` (inclusive end), ``monetary``
    mean day amount of the repeat days (0 when ``x == 0``), ``x_holdout`` purchase days in
    ``(calibration_end, holdout_end]`` (all 0 without hold-out).
    """

    customer_id: NDArray[np.object_]
    x: NDArray[np.int64]
    t_x: FloatArray
    T: FloatArray
    monetary: FloatArray
    x_holdout: NDArray[np.int64]
    calibration_end: date
    holdout_end: date | None = None

    def __len__(self) -> int:
        return int(self.x.shape[0])

    @property
    def holdout_weeks(self) -> float:
        if self.holdout_end is None:
            return 0.0
        return (self.holdout_end - self.calibration_end).days / 7.0

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "customer_id": self.customer_id,
                "x": self.x,
                "t_x": self.t_x,
                "T": self.T,
                "monetary": self.monetary,
                "x_holdout": self.x_holdout,
            }
        )


@dataclass(frozen=True, eq=False)  # holds arrays: identity, not element-wise, equality
class HoldoutReport:
    """Predicted against actual repeat purchase days in the hold-out period.

    ``by_frequency`` has one row per calibration frequency group (``"0"`` … ``"6"``,
    ``"7+"``): ``customers``, mean ``actual`` and the mean prediction of each model.
    """

    holdout_weeks: float
    actual_total: int
    predicted_total: dict[str, float]
    by_frequency: pd.DataFrame


@dataclass(frozen=True, eq=False)  # holds arrays: identity, not element-wise, equality
class TrackingSeries:
    """Weekly cumulative repeat purchases: ``week`` 1..n, ``predicted`` per model and
    ``actual`` (``None`` when no actual counts were given)."""

    week: NDArray[np.int64]
    predicted: dict[str, FloatArray]
    actual: FloatArray | None


# --------------------------------------------------------------------------------------------
# Calibration summary
# --------------------------------------------------------------------------------------------


def _as_date(value: Any) -> date:
    return pd.Timestamp(value).date()


def _day_numbers(values: Any) -> NDArray[np.int64]:
    stamps = pd.to_datetime(pd.Series(values)).to_numpy()
    return stamps.astype("datetime64[D]").astype(np.int64)


def _day_number(value: Any) -> int:
    return int(np.datetime64(_as_date(value), "D").astype(np.int64))


def _holdout_day(calibration_end: date, holdout_end: Any) -> date:
    hold = calibration_end if holdout_end is None else _as_date(holdout_end)
    if hold < calibration_end:
        raise ValueError(f"holdout_end {hold} is before calibration_end {calibration_end}")
    return hold


def summary_from_frame(
    df: pd.DataFrame, calibration_end: Any, holdout_end: Any = None
) -> CalibrationSummary:
    """Calibration summary from transactions in a pandas frame.

    Rows are merged per customer and day (amounts summed, at cent precision). A day is a
    purchase day when it has at least one row with ``amount >= 0``: a day of returns only is not
    a purchase, while the zero-amount rows of CDNOW do count, as in the published set-up.
    Customers whose first purchase day is after ``calibration_end`` are left out.

    Parameters
    ----------
    df : DataFrame with columns ``customer_id``, ``date``, ``amount``.
    calibration_end : last day (inclusive) of the calibration period.
    holdout_end : last day (inclusive) of the hold-out period, or ``None`` for none.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                    "date": ["2024-01-01", "2024-01-08", "2024-01-08", "2024-01-03"],
    ...                    "amount": [10.0, 5.0, 7.0, 3.0]})
    >>> s = summary_from_frame(tx, "2024-01-15")
    >>> s.x.tolist(), s.t_x.tolist(), s.monetary.tolist()
    ([1, 0], [1.0, 0.0], [12.0, 0.0])
    """
    missing = {"customer_id", "date", "amount"} - set(df.columns)
    if missing:
        raise ValueError(f"transactions frame lacks column(s) {sorted(missing)}")
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    cal_day, hold_day = _day_number(cal), _day_number(hold)

    day = _day_numbers(df["date"])
    # Cents as integers so that the sums are exact, like DECIMAL sums in DuckDB.
    cents = np.rint(pd.to_numeric(df["amount"]).to_numpy(dtype=float) * 100.0).astype(np.int64)
    keep = day <= hold_day
    rows = pd.DataFrame(
        {
            "customer_id": df["customer_id"].astype(str).to_numpy(dtype=object)[keep],
            "day": day[keep],
            "cents": cents[keep],
        }
    )
    days = rows.groupby(["customer_id", "day"], sort=True, as_index=False).agg(
        cents=("cents", "sum"), top=("cents", "max")
    )
    days = days[days["top"] >= 0]
    first = days.groupby("customer_id")["day"].transform("min").to_numpy()
    cohort = first <= cal_day
    days, first = days[cohort], first[cohort]
    day_no = days["day"].to_numpy()
    in_cal = day_no <= cal_day
    repeat = in_cal & (day_no > first)
    per = (
        pd.DataFrame(
            {
                "customer_id": days["customer_id"].to_numpy(),
                "first": first,
                "n_cal": in_cal.astype(np.int64),
                "last": np.where(in_cal, day_no, first),
                "rep_cents": np.where(repeat, days["cents"].to_numpy(), 0),
                "n_hold": (~in_cal).astype(np.int64),
            }
        )
        .groupby("customer_id", sort=True)
        .agg(
            first=("first", "min"),
            n_cal=("n_cal", "sum"),
            last=("last", "max"),
            rep_cents=("rep_cents", "sum"),
            n_hold=("n_hold", "sum"),
        )
    )
    x = per["n_cal"].to_numpy(dtype=np.int64) - 1
    first_day = per["first"].to_numpy(dtype=np.int64)
    t_x = (per["last"].to_numpy(dtype=np.int64) - first_day).astype(float) / 7
    big_t = (cal_day - first_day).astype(float) / 7
    # Same operation order as the SQL (cents / 100, then / x) so both agree to the last bit.
    with np.errstate(divide="ignore", invalid="ignore"):
        monetary = np.where(x > 0, per["rep_cents"].to_numpy(dtype=float) / 100 / x, 0.0)
    return CalibrationSummary(
        customer_id=per.index.to_numpy(dtype=object),
        x=x,
        t_x=t_x,
        T=big_t,
        monetary=monetary,
        x_holdout=per["n_hold"].to_numpy(dtype=np.int64),
        calibration_end=cal,
        holdout_end=None if holdout_end is None else hold,
    )


def summary_from_db(
    conn: Any, dataset_id: int, calibration_end: Any, holdout_end: Any = None
) -> CalibrationSummary:
    """Calibration summary computed in DuckDB by ``lib/queries/clv_summary.sql``.

    Same definitions and same numbers as :func:`summary_from_frame`, on the ``transactions``
    rows of ``dataset_id``.

    Examples
    --------
    >>> import duckdb
    >>> from pathlib import Path
    >>> conn = duckdb.connect(":memory:")
    >>> _ = conn.execute((Path(__file__).parent / "schema.sql").read_text())
    >>> _ = conn.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) "
    ...                  "VALUES (1, 'a', DATE '2024-01-01', 10), (1, 'a', DATE '2024-01-08', 12)")
    >>> from lib import derived; derived.build(conn, 1)
    >>> summary_from_db(conn, 1, "2024-01-15").x.tolist()
    [1]
    """
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    res = conn.execute(
        load_query("clv_summary"),
        {"dataset_id": int(dataset_id), "calibration_end": cal, "holdout_end": hold},
    ).fetchnumpy()
    return CalibrationSummary(
        customer_id=np.asarray(res["customer_id"], dtype=object),
        x=np.asarray(res["x"], dtype=np.int64),
        t_x=np.asarray(res["t_x"], dtype=float),
        T=np.asarray(res["T"], dtype=float),
        monetary=np.asarray(res["monetary"], dtype=float),
        x_holdout=np.asarray(res["x_holdout"], dtype=np.int64),
        calibration_end=cal,
        holdout_end=None if holdout_end is None else hold,
    )


def first_purchase_days(summary: CalibrationSummary, start: Any) -> NDArray[np.int64]:
    """Day of each customer's first purchase, counted from ``start`` (day 0).

    Examples
    --------
    >>> s = CalibrationSummary(np.array(["a"], dtype=object), np.array([0]), np.array([0.0]),
    ...                        np.array([1.0]), np.array([0.0]), np.array([0]), date(2024, 1, 15))
    >>> first_purchase_days(s, "2024-01-01").tolist()
    [7]
    """
    offset = (summary.calibration_end - _as_date(start)).days
    return offset - np.rint(np.asarray(summary.T, dtype=float) * 7).astype(np.int64)


def _week_count(start: date, holdout_end: date) -> int:
    if start > holdout_end:
        raise ValueError(f"start {start} is after the end of the period {holdout_end}")
    return -(-((holdout_end - start).days + 1) // 7)


def weekly_repeats_from_frame(
    df: pd.DataFrame, start: Any, calibration_end: Any, holdout_end: Any
) -> NDArray[np.int64]:
    """Repeat purchase days per week (week 1 starts on ``start``) through ``holdout_end``.

    Counts the purchase days (as in :func:`summary_from_frame`) after each customer's first,
    for the customers whose first purchase is on or before ``calibration_end`` — the actual
    series of the tracking plot.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a"], "amount": [1.0, 2.0, 3.0],
    ...                    "date": ["2024-01-01", "2024-01-02", "2024-01-09"]})
    >>> weekly_repeats_from_frame(tx, "2024-01-01", "2024-01-07", "2024-01-14").tolist()
    [1, 1]
    """
    start_d = _as_date(start)
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    day = _day_numbers(df["date"])
    cents = np.rint(pd.to_numeric(df["amount"]).to_numpy(dtype=float) * 100.0).astype(np.int64)
    keep = day <= _day_number(hold)
    rows = pd.DataFrame(
        {"customer_id": df["customer_id"].astype(str).to_numpy(dtype=object)[keep],
         "day": day[keep], "cents": cents[keep]}
    )
    days = rows.groupby(["customer_id", "day"], as_index=False).agg(top=("cents", "max"))
    days = days[days["top"] >= 0]
    first = days.groupby("customer_id")["day"].transform("min").to_numpy()
    day_no = days["day"].to_numpy()
    repeat = (first <= _day_number(cal)) & (day_no > first) & (day_no >= _day_number(start_d))
    n_weeks = _week_count(start_d, hold)
    week = (day_no[repeat] - _day_number(start_d)) // 7
    return np.bincount(week, minlength=n_weeks).astype(np.int64)[:n_weeks]


def weekly_repeats_from_db(
    conn: Any, dataset_id: int, start: Any, calibration_end: Any, holdout_end: Any
) -> NDArray[np.int64]:
    """:func:`weekly_repeats_from_frame` computed in DuckDB (``clv_holdout.sql``)."""
    start_d = _as_date(start)
    cal = _as_date(calibration_end)
    hold = _holdout_day(cal, holdout_end)
    res = conn.execute(
        load_query("clv_holdout"),
        {"dataset_id": int(dataset_id), "start": start_d, "calibration_end": cal,
         "holdout_end": hold},
    ).fetchnumpy()
    out = np.zeros(_week_count(start_d, hold), dtype=np.int64)
    week = np.asarray(res["week"], dtype=np.int64)
    out[week - 1] = np.asarray(res["repeat_purchases"], dtype=np.int64)
    return out


# --------------------------------------------------------------------------------------------
# Input checks and grouping
# --------------------------------------------------------------------------------------------


def _rfm_arrays(x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> tuple[FloatArray, ...]:
    xa, ta, Ta = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    xa, ta, Ta = np.broadcast_arrays(xa, ta, Ta)
    if not (np.isfinite(xa).all() and np.isfinite(ta).all() and np.isfinite(Ta).all()):
        raise ValueError("x, t_x and T must be finite")
    if (xa < 0).any() or (np.rint(xa) != xa).any():
        raise ValueError("x must hold non-negative whole numbers")
    if (ta < 0).any() or (ta > Ta * (1 + 1e-12) + 1e-12).any():
        raise ValueError("need 0 <= t_x <= T for every customer")
    if (ta[xa == 0] != 0).any():
        raise ValueError("customers without repeat purchases (x == 0) must have t_x == 0")
    return xa, ta, Ta


def _weights(weights: ArrayLike | None, n: int) -> FloatArray:
    if weights is None:
        return np.ones(n)
    w = np.broadcast_to(np.asarray(weights, dtype=float), (n,)).copy()
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("weights must be finite and non-negative")
    return w


def _codes(values: FloatArray) -> tuple[FloatArray, NDArray[np.int64]]:
    """Distinct values (unsorted) and the code of each element; hashing is ~10x faster
    than np.unique's sort on a million floats."""
    codes, uniq = pd.factorize(values, sort=False)
    return np.asarray(uniq, dtype=float), np.asarray(codes, dtype=np.int64)


def _dot(a: FloatArray, b: FloatArray) -> float:
    """Vector dot product without BLAS: on two cores OpenBLAS's thread start-up makes
    ``a @ b`` of a million elements jitter between 0.1 and 5 ms."""
    return float(np.einsum("i,i->", a, b))


def _unique_histories(x: FloatArray, t_x: FloatArray, T: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.int64]]:
    """Distinct ``(x, t_x, T)`` rows and, for each customer, the index of its row.

    Predictions depend on these three numbers only, and customers share them a lot (whole
    days, few purchases), so predicting per distinct row is several times faster."""
    xf, tf, Tf = x.ravel(), t_x.ravel(), T.ravel()
    ux, ix = _codes(xf)
    ut, it = _codes(np.concatenate([tf, Tf]))
    nt = max(ut.size, 1)
    key = (ix * nt + it[: xf.size]) * nt + it[xf.size :]
    _, first, inv = np.unique(key, return_index=True, return_inverse=True)
    return xf[first], tf[first], Tf[first], inv.reshape(-1)


@dataclass(frozen=True)
class _Design:
    """Customers grouped to unique ``(x, t_x, T)`` rows, and the shared lookup tables.

    ``ux`` unique x with total weight ``wx``; pairs ``(x, T)`` and ``(x, t_x)`` with their x
    index (``*_xi``), x value and time, and for every group the index of its two pairs.
    """

    n: float
    w: FloatArray
    gx: FloatArray
    gtx: FloatArray
    gT: FloatArray
    ux: FloatArray
    wx: FloatArray
    xT_xi: NDArray[np.int64]
    xT_x: FloatArray
    xT_t: FloatArray
    g_xT: NDArray[np.int64]
    xt_xi: NDArray[np.int64]
    xt_x: FloatArray
    xt_t: FloatArray
    g_xt: NDArray[np.int64]


def _design(x: FloatArray, t_x: FloatArray, T: FloatArray, w: FloatArray) -> _Design:
    pos = w > 0
    x, t_x, T, w = x[pos], t_x[pos], T[pos], w[pos]
    ux, ix = _codes(x)
    ut, it = _codes(np.concatenate([t_x, T]))
    itx, iT = it[: x.size], it[x.size :]
    nx, nt = ux.size, ut.size
    if nx * nt * nt < 2**62:
        key = (ix * nt + itx) * nt + iT
        ukey, inv = np.unique(key, return_inverse=True)
        gix, gitx, giT = ukey // (nt * nt), (ukey // nt) % nt, ukey % nt
    else:  # pragma: no cover - needs ~2 million distinct times
        rows, inv = np.unique(np.stack([ix, itx, iT], axis=1), axis=0, return_inverse=True)
        gix, gitx, giT = rows[:, 0], rows[:, 1], rows[:, 2]
    inv = inv.reshape(-1)
    gw = np.bincount(inv, weights=w, minlength=gix.size)

    def pairs(gt: NDArray[np.int64]) -> tuple[NDArray[np.int64], ...]:
        pk, pinv = np.unique(gix * nt + gt, return_inverse=True)
        return pk // nt, pk % nt, pinv.reshape(-1)

    pT_xi, pT_ti, g_xT = pairs(giT)
    pt_xi, pt_ti, g_xt = pairs(gitx)
    return _Design(
        n=float(gw.sum()),
        w=gw,
        gx=ux[gix],
        gtx=ut[gitx],
        gT=ut[giT],
        ux=ux,
        wx=np.bincount(gix, weights=gw, minlength=nx),
        xT_xi=pT_xi,
        xT_x=ux[pT_xi],
        xT_t=ut[pT_ti],
        g_xT=g_xT,
        xt_xi=pt_xi,
        xt_x=ux[pt_xi],
        xt_t=ut[pt_ti],
        g_xt=g_xt,
    )


def _check_enough(n: float, n_repeat: float, model: str) -> None:
    if n < MIN_CUSTOMERS:
        raise FitError(
            f"Not enough customers to fit the {model} model: {int(round(n))} in the calibration "
            f"period, at least {MIN_CUSTOMERS} are needed."
        )
    if n_repeat <= 0:
        raise FitError(
            f"No customer bought again within the calibration period, so the {model} model "
            "has no repeat purchases to learn from."
        )


# --------------------------------------------------------------------------------------------
# Special functions
# --------------------------------------------------------------------------------------------


def _log_tail_quadrature(m: FloatArray, n: FloatArray, c1: FloatArray, c2: FloatArray) -> FloatArray:
    """log ∫_0^∞ (c1+u)^-m (c2+u)^-n du by the trapezoid rule in y = log u.

    In y the integrand is analytic in the strip |Im y| < π/2 and decays exponentially on the
    left, so the trapezoid rule converges geometrically (error ~ exp(-π²/h)); the far right
    tail, where the integrand is a pure power of u, is added in closed form.
    """
    out = np.empty(m.shape)
    h = 0.3
    lo = np.log(np.minimum(c1 / (m + 1), c2 / (n + 1))) - 40.0
    big_u = np.maximum(c1, c2) * math.exp(30.0)
    hi = np.log(big_u)
    count = np.ceil((hi - lo) / h).astype(np.int64) + 1
    order = np.argsort(count)
    chunk = max(1, int(2_000_000 // max(int(count.max()), 1)))
    for start in range(0, order.size, chunk):
        idx = order[start : start + chunk]
        k = int(count[idx].max())
        step = ((hi[idx] - lo[idx]) / (k - 1))[:, None]
        y = lo[idx][:, None] + step * np.arange(k)[None, :]
        eu = np.exp(y)
        g = y - m[idx][:, None] * np.log(c1[idx][:, None] + eu) - n[idx][:, None] * np.log(
            c2[idx][:, None] + eu
        )
        g_hi = g[:, -1].copy()
        g[:, 0] += math.log(0.5)
        g[:, -1] += math.log(0.5)
        body = np.log(step[:, 0]) + _logsumexp_rows(g)
        # Euler-Maclaurin end correction -h^2/12 g'(hi): the integrand is not negligible at
        # hi when m + n - 1 is small (slow power-law tail), and g' < 0 there.
        eu_hi = eu[:, -1]
        slope = 1 - m[idx] * eu_hi / (c1[idx] + eu_hi) - n[idx] * eu_hi / (c2[idx] + eu_hi)
        correction = 2 * np.log(step[:, 0]) - math.log(12) + g_hi + np.log(np.maximum(-slope, 1e-300))
        body = np.logaddexp(body, correction)
        mn1 = m[idx] + n[idx] - 1
        tail = -mn1 * np.log(big_u[idx]) - np.log(mn1)
        left = lo[idx] - m[idx] * np.log(c1[idx]) - n[idx] * np.log(c2[idx])
        out[idx] = np.logaddexp(np.logaddexp(body, tail), left)
    return out


def _logsumexp_rows(g: FloatArray) -> FloatArray:
    top = g.max(axis=1)
    return top + np.log(np.exp(g - top[:, None]).sum(axis=1))


def _log_tail_integral(m: ArrayLike, n: ArrayLike, c1: ArrayLike, c2: ArrayLike) -> FloatArray:
    """log ∫_0^∞ (c1+u)^-m (c2+u)^-n du, for m, n, c1, c2 > 0 and m + n > 1.

    With ``C`` the larger of ``c1, c2``, ``c`` the smaller, ``P`` the exponent on ``C`` and
    ``Q`` the other, the integral is ``2F1(1, P; m+n; 1 - c/C) / ((m+n-1) C^P c^(Q-1))``.
    This is the Euler transform of Fader & Hardie's A0 expressions (their two cases alpha >= beta
    and alpha < beta are the two choices of ``C``): with a = 1 the series is bounded on
    [0, 1) for P > 0 and never overflows. scipy's hyp2f1 breaks down for P above ~150 when
    c/C is tiny, and loses digits for c/C < 1e-6; those elements, and any non-finite result,
    go to :func:`_log_tail_quadrature`.
    """
    m, n, c1, c2 = np.broadcast_arrays(
        np.asarray(m, dtype=float), np.asarray(n, dtype=float),
        np.asarray(c1, dtype=float), np.asarray(c2, dtype=float),
    )
    swap = c1 < c2
    # Inside a likelihood c1 - c2 = alpha - beta has one sign for all elements: skip the wheres.
    if not swap.any():
        big, small, p_big, q_small = c1, c2, m, n
    elif swap.all():
        big, small, p_big, q_small = c2, c1, n, m
    else:
        big, small = np.where(swap, c2, c1), np.where(swap, c1, c2)
        p_big, q_small = np.where(swap, n, m), np.where(swap, m, n)
    ratio = small / big
    f = hyp2f1(1.0, p_big, m + n, 1.0 - ratio)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(f) - np.log(m + n - 1) - p_big * np.log(big) - (q_small - 1) * np.log(small)
    bad = ~(np.isfinite(out) & (f >= 1.0)) | ((p_big > 100) & (ratio < 0.05)) | (ratio < 1e-6)
    if bad.any():
        out[bad] = _log_tail_quadrature(m[bad], n[bad], c1[bad], c2[bad])
    return out


# --------------------------------------------------------------------------------------------
# Log-likelihoods (per customer, public)
# --------------------------------------------------------------------------------------------


def bgnbd_loglik(params: Sequence[float], x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> FloatArray:
    """BG/NBD log-likelihood of each customer (Fader, Hardie & Lee 2005).

    Examples
    --------
    >>> round(float(bgnbd_loglik((0.243, 4.414, 0.793, 2.426), [0], [0.0], [38.86])[0]), 4)
    -0.5547
    """
    r, alpha, a, b = (float(v) for v in params)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    common = gammaln(r + xa) - gammaln(r) + r * math.log(alpha) - betaln(a, b)
    term_a = betaln(a, b + xa) - (r + xa) * np.log(alpha + Ta)
    xs = np.where(xa > 0, xa, 1.0)
    term_b = np.where(xa > 0, betaln(a + 1, b + xs - 1) - (r + xa) * np.log(alpha + ta), -np.inf)
    return common + np.logaddexp(term_a, term_b)


def _pnbd_log_terms(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t: FloatArray, big_t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The two terms of the Pareto/NBD likelihood, up to the factor common to both.

    L = Γ(r+x) α^r β^s / Γ(r) · [ (r+x) ∫_T^∞ (α+τ)^-(r+x+1) (β+τ)^-s dτ
                                  + s ∫_{t_x}^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ ].
    This equals Fader & Hardie's 1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x)·A0 (integrate the first
    integral by parts) but has no difference of nearly equal terms: both terms are positive.
    """
    one = np.log(r + x) + _log_tail_integral(r + x + 1, s, alpha + big_t, beta + big_t)
    two = math.log(s) + _log_tail_integral(r + x, s + 1, alpha + t, beta + t)
    return one, two


def pareto_nbd_loglik(
    params: Sequence[float], x: ArrayLike, t_x: ArrayLike, T: ArrayLike
) -> FloatArray:
    """Pareto/NBD log-likelihood of each customer (Fader & Hardie 2005, "A Note on Deriving
    the Pareto/NBD Model and Related Expressions").

    Examples
    --------
    >>> round(float(pareto_nbd_loglik((0.55, 10.58, 0.61, 11.67), [0], [0.0], [38.86])[0]), 4)
    -0.517
    """
    r, alpha, s, beta = (float(v) for v in params)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    one, two = _pnbd_log_terms(r, alpha, s, beta, xa, ta, Ta)
    common = gammaln(r + xa) - gammaln(r) + r * math.log(alpha) + s * math.log(beta)
    return common + np.logaddexp(one, two)


def gamma_gamma_loglik(params: Sequence[float], x: ArrayLike, monetary: ArrayLike) -> FloatArray:
    """Gamma-Gamma log-likelihood of each repeat buyer's mean spend (BTYD ``spend.LL``).

    The density of the mean ``m`` of ``x`` purchases, including the ``x^(px) m^(px-1)``
    Jacobian terms, so totals compare with the published -4055.92 on CDNOW.

    Examples
    --------
    >>> round(float(gamma_gamma_loglik((6.25, 3.74, 15.44), [2], [20.0])[0]), 4)
    -3.5074
    """
    p, q, g = (float(v) for v in params)
    xa = np.asarray(x, dtype=float)
    ma = np.asarray(monetary, dtype=float)
    if (xa <= 0).any() or (ma <= 0).any():
        raise ValueError("the Gamma-Gamma likelihood needs x > 0 and monetary > 0")
    px = p * xa
    return (
        gammaln(px + q) - gammaln(px) - gammaln(q) + q * math.log(g)
        + (px - 1) * np.log(ma) + px * np.log(xa) - (px + q) * np.log(g + ma * xa)
    )


# --------------------------------------------------------------------------------------------
# Grouped objectives: mean negative log-likelihood and its gradient in log-parameters
# --------------------------------------------------------------------------------------------

Objective = Callable[[FloatArray], tuple[float, FloatArray]]


def _softmax_split(one: FloatArray, two: FloatArray) -> tuple[FloatArray, FloatArray]:
    """logaddexp(one, two) and the share of the first term, without NaN for -inf terms."""
    diff = one - two
    small = np.exp(-np.abs(diff))
    ll = np.maximum(one, two) + np.log1p(small)
    share = np.where(diff >= 0, 1.0, small) / (1.0 + small)
    return ll, share


def _bgnbd_objective(d: _Design) -> Objective:
    x_pos = d.ux > 0
    x_safe = np.where(x_pos, d.ux, 1.0)

    def fun(phi: FloatArray) -> tuple[float, FloatArray]:
        r, alpha, a, b = np.exp(phi)
        ux = d.ux
        beta_a = betaln(a, b + ux)
        beta_b = np.where(x_pos, betaln(a + 1, b + x_safe - 1), -np.inf)
        log_at = np.log(alpha + d.xT_t)
        log_atx = np.log(alpha + d.xt_t)
        one = beta_a[d.xT_xi] - (r + d.xT_x) * log_at
        two = beta_b[d.xt_xi] - (r + d.xt_x) * log_atx
        ll_g, share = _softmax_split(one[d.g_xT], two[d.g_xt])
        common = gammaln(r + ux) - gammaln(r) + r * math.log(alpha) - betaln(a, b)
        ll = _dot(d.wx, common) + _dot(d.w, ll_g)
        if not math.isfinite(ll):
            return math.inf, np.zeros(4)

        # d(logaddexp(one, two)) = share * d(one) + (1 - share) * d(two): accumulate the
        # customer weights on the pairs (and on x) once, then differentiate per pair.
        w_share = d.w * share
        w_one = np.bincount(d.g_xT, weights=w_share, minlength=one.size)
        w_two = np.bincount(d.g_xt, weights=d.w - w_share, minlength=two.size)
        wx_one = np.bincount(d.xT_xi, weights=w_one, minlength=ux.size)
        wx_two = np.bincount(d.xt_xi, weights=w_two, minlength=ux.size)
        dg_abx = digamma(a + b + ux)
        dg_ab = digamma(a + b)
        g_r = (
            _dot(d.wx, digamma(r + ux) - digamma(r) + math.log(alpha))
            - _dot(w_one, log_at) - _dot(w_two, log_atx)
        )
        g_alpha = (
            d.n * r / alpha
            - _dot(w_one, (r + d.xT_x) / (alpha + d.xT_t))
            - _dot(w_two, (r + d.xt_x) / (alpha + d.xt_t))
        )
        g_a = (
            d.n * (dg_ab - digamma(a))
            + _dot(wx_one, digamma(a) - dg_abx)
            + _dot(wx_two, np.where(x_pos, digamma(a + 1) - dg_abx, 0.0))
        )
        g_b = (
            d.n * (dg_ab - digamma(b))
            + _dot(wx_one, digamma(b + ux) - dg_abx)
            + _dot(wx_two, np.where(x_pos, digamma(b + x_safe - 1) - dg_abx, 0.0))
        )
        grad = np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])
        return -ll / d.n, -grad / d.n

    return fun


_FD_STEP = 1e-5


def _log_tail_with_dc(
    m: FloatArray, n: FloatArray, c1: FloatArray, c2: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """:func:`_log_tail_integral` H and its derivatives d log H / d c1 and d log H / d c2.

    Two exact identities give both derivatives without another hypergeometric evaluation:
    shifting both constants moves the lower limit, dH/dc1 + dH/dc2 = -c1^-m c2^-n, and H is
    homogeneous of degree 1-m-n, c1 dH/dc1 + c2 dH/dc2 = (1-m-n) H. Solving divides by
    c1 - c2 (= alpha - beta), so when that is relatively tiny dH/dc1 = -m H(m+1, n) is used.
    """
    log_h = _log_tail_integral(m, n, c1, c2)
    edge = np.exp(-m * np.log(c1) - n * np.log(c2) - log_h)
    gap = c1 - c2
    if np.all(np.abs(gap) > 1e-3 * np.maximum(c1, c2)):
        d1 = ((1 - m - n) + c2 * edge) / gap
    else:
        d1 = -m * np.exp(_log_tail_integral(m + 1, n, c1, c2) - log_h)
    return log_h, d1, -edge - d1


def _pnbd_objective(d: _Design) -> Objective:
    def fun(phi: FloatArray) -> tuple[float, FloatArray]:
        r, alpha, s, beta = np.exp(phi)
        m1, n1, a1, b1 = r + d.xT_x + 1, s, alpha + d.xT_t, beta + d.xT_t
        m2, n2, a2, b2 = r + d.xt_x, s + 1, alpha + d.xt_t, beta + d.xt_t
        h1, h1_a, h1_b = _log_tail_with_dc(m1, n1, a1, b1)
        h2, h2_a, h2_b = _log_tail_with_dc(m2, n2, a2, b2)
        one = np.log(r + d.xT_x) + h1
        two = math.log(s) + h2
        ll_g, share = _softmax_split(one[d.g_xT], two[d.g_xt])
        common = gammaln(r + d.ux) - gammaln(r) + r * math.log(alpha) + s * math.log(beta)
        ll = _dot(d.wx, common) + _dot(d.w, ll_g)
        if not math.isfinite(ll):
            return math.inf, np.zeros(4)
        w_share = d.w * share
        w_one = np.bincount(d.g_xT, weights=w_share, minlength=one.size)
        w_two = np.bincount(d.g_xt, weights=d.w - w_share, minlength=two.size)

        # The exponents m, n have no cheap closed-form derivative: central differences on
        # the pair terms (thousands of pairs, not the customers), steps relative to r and s.
        def d_log(step_m: float, step_n: float) -> tuple[FloatArray, FloatArray]:
            up1 = _log_tail_integral(m1 + step_m, n1 + step_n, a1, b1)
            dn1 = _log_tail_integral(m1 - step_m, n1 - step_n, a1, b1)
            up2 = _log_tail_integral(m2 + step_m, n2 + step_n, a2, b2)
            dn2 = _log_tail_integral(m2 - step_m, n2 - step_n, a2, b2)
            return (up1 - dn1) / (2 * _FD_STEP), (up2 - dn2) / (2 * _FD_STEP)

        dr1, dr2 = d_log(r * _FD_STEP, 0.0)
        ds1, ds2 = d_log(0.0, s * _FD_STEP)
        g_r = (
            r * _dot(d.wx, digamma(r + d.ux) - digamma(r) + math.log(alpha))
            + _dot(w_one, r / (r + d.xT_x) + dr1) + _dot(w_two, dr2)
        )
        g_alpha = d.n * r + alpha * (_dot(w_one, h1_a) + _dot(w_two, h2_a))
        g_s = d.n * s * math.log(beta) + _dot(w_one, ds1) + _dot(w_two, 1.0 + ds2)
        g_beta = d.n * s + beta * (_dot(w_one, h1_b) + _dot(w_two, h2_b))
        grad = np.array([g_r, g_alpha, g_s, g_beta])
        return -ll / d.n, -grad / d.n

    return fun


def _gamma_gamma_objective(x: FloatArray, m: FloatArray, w: FloatArray) -> Objective:
    n = float(w.sum())
    ux, ix = _codes(x)
    wx = np.bincount(ix, weights=w, minlength=ux.size)
    log_m = np.log(m)
    s_xlogm = _dot(w, x * log_m)
    s_logm = _dot(w, log_m)
    xlogx = ux * np.log(ux)
    spend = x * m
    wxs = w * x

    def fun(phi: FloatArray) -> tuple[float, FloatArray]:
        p, q, g = np.exp(phi)
        px = p * ux
        lg = np.log(g + spend)
        inv = 1.0 / (g + spend)
        ll = (
            wx @ (gammaln(px + q) - gammaln(px) + p * xlogx)
            + n * (q * math.log(g) - gammaln(q))
            + p * s_xlogm - s_logm - p * _dot(wxs, lg) - q * _dot(w, lg)
        )
        if not math.isfinite(ll):
            return math.inf, np.zeros(3)
        dg_pxq = digamma(px + q)
        g_p = (wx * ux) @ (dg_pxq - digamma(px) + np.log(ux)) + s_xlogm - _dot(wxs, lg)
        g_q = wx @ dg_pxq + n * (math.log(g) - digamma(q)) - _dot(w, lg)
        g_g = n * q / g - p * _dot(wxs, inv) - q * _dot(w, inv)
        grad = np.array([g_p * p, g_q * q, g_g * g])
        return -ll / n, -grad / n

    return fun


# --------------------------------------------------------------------------------------------
# Optimiser
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Optimum:
    theta: FloatArray
    loglik: float
    se: FloatArray
    message: str


def _gradient_jacobian(fun: Objective, phi: FloatArray, grad: FloatArray, h: float = 1e-5) -> FloatArray:
    """Symmetrised forward-difference Jacobian of the gradient: the Hessian in phi.

    Forward differences halve the cost; their O(h) error is far below what the Newton polish
    and two-digit standard errors need.
    """
    k = phi.size
    hess = np.empty((k, k))
    for j in range(k):
        step = np.zeros(k)
        step[j] = h
        hess[:, j] = (fun(phi + step)[1] - grad) / h
    return 0.5 * (hess + hess.T)


def _maximise(fun: Objective, phi0: FloatArray, n: float, names: Sequence[str], model: str) -> _Optimum:
    bounds = [(-_LOG_BOUND, _LOG_BOUND)] * phi0.size
    seen: dict[bytes, tuple[float, FloatArray]] = {}

    def cached(p: FloatArray) -> tuple[float, FloatArray]:
        # L-BFGS-B starts where we checked and ends where it last evaluated: reuse both.
        key = np.asarray(p, dtype=float).tobytes()
        if key not in seen:
            seen[key] = fun(np.asarray(p, dtype=float))
        return seen[key]

    phi0 = np.clip(np.asarray(phi0, dtype=float), -_LOG_BOUND, _LOG_BOUND)
    if not math.isfinite(cached(phi0)[0]):
        raise FitError(f"The {model} likelihood could not be evaluated at the starting values.")
    res = optimize.minimize(
        cached, phi0, jac=True, method="L-BFGS-B", bounds=bounds,
        options={"maxiter": 2000, "maxfun": 5000, "ftol": 1e-12, "gtol": 1e-7},
    )
    phi = np.asarray(res.x, dtype=float)
    f, g = cached(phi)
    message = str(res.message)

    # Newton polish with a fixed finite-difference Hessian: L-BFGS-B stops on small relative
    # decrease, which on flat likelihoods (Pareto/NBD beta) can leave the third digit loose.
    hess = _gradient_jacobian(fun, phi, g)
    start_phi = phi.copy()
    try:
        np.linalg.cholesky(hess)
        positive = True
    except np.linalg.LinAlgError:
        positive = False
    if positive:
        for _ in range(6):
            step = -np.linalg.solve(hess, g)
            # Stop once the predicted gain is at rounding level: below it the finite-difference
            # gradient is noise and line searches only burn evaluations.
            if -0.5 * float(g @ step) < 1e-14 * max(1.0, abs(f)):
                break
            for _ in range(4):
                cand = np.clip(phi + step, -_LOG_BOUND, _LOG_BOUND)
                fc, gc = fun(cand)
                if math.isfinite(fc) and fc <= f:
                    phi, f, g = cand, fc, gc
                    break
                step *= 0.5
            else:
                break
        if np.max(np.abs(phi - start_phi)) > 1e-3:
            hess = _gradient_jacobian(fun, phi, g)

    if not math.isfinite(f) or not np.isfinite(g).all():
        raise FitError(
            f"The {model} fit broke down numerically: the likelihood could not be evaluated "
            "near the estimate."
        )
    at_edge = np.abs(phi) >= _LOG_BOUND - 1e-6
    if at_edge.any():
        which = ", ".join(names[i] for i in np.flatnonzero(at_edge))
        raise FitError(
            f"The {model} fit did not settle: parameter(s) {which} ran off to an extreme value, "
            "which means the data cannot pin this model down (too few or too regular repeat "
            "purchases)."
        )
    if np.max(np.abs(g)) > _GRAD_TOL:
        raise FitError(
            f"The {model} fit did not converge: the optimiser stopped before it found a maximum "
            "of the likelihood. The data may be too sparse or too regular for this model."
        )
    theta = np.exp(phi)
    se = _standard_errors(hess, g, theta, n)
    if se is None:
        raise FitError(
            f"The {model} fit found no clear maximum: the data cannot tell some of its "
            "parameters apart (too few or too regular repeat purchases)."
        )
    return _Optimum(theta=theta, loglik=float(-f * n), se=se, message=message)


def _standard_errors(
    hess_phi: FloatArray, grad_phi: FloatArray, theta: FloatArray, n: float
) -> FloatArray | None:
    """Standard errors from the observed information in the original parameters.

    ``hess_phi`` is the Hessian of the mean negative log-likelihood in phi = log(theta),
    from forward differences of the gradient (step 1e-5 in phi). By the chain rule
    H_theta = D^-1 (H_phi - diag(grad_phi)) D^-1 with D = diag(theta), and the covariance
    is the inverse of n * H_theta. ``None`` when that matrix is not positive definite: the
    estimate is then no proper maximum.
    """
    d_inv = np.diag(1.0 / theta)
    h_theta = n * (d_inv @ (hess_phi - np.diag(grad_phi)) @ d_inv)
    h_theta = 0.5 * (h_theta + h_theta.T)
    try:
        chol = np.linalg.cholesky(h_theta)
    except np.linalg.LinAlgError:
        return None
    inv_chol = np.linalg.inv(chol)
    return np.sqrt(np.sum(inv_chol**2, axis=0))


# --------------------------------------------------------------------------------------------
# Fitting
# --------------------------------------------------------------------------------------------


def _init_rates(d: _Design) -> tuple[float, float]:
    mean_x = _dot(d.w, d.gx) / d.n
    mean_t = max(_dot(d.w, d.gT) / d.n, 1e-3)
    # Start near the NBD moment match: r/alpha = mean purchase rate per week.
    r0 = 0.5
    alpha0 = r0 * mean_t / max(mean_x, 1e-3)
    return r0, float(np.clip(alpha0, 1e-3, 1e6))


def fit_bgnbd(
    x: ArrayLike,
    t_x: ArrayLike,
    T: ArrayLike,
    *,
    weights: ArrayLike | None = None,
    init: Sequence[float] | None = None,
) -> BGNBDFit:
    """Fit the BG/NBD model by maximum likelihood.

    Parameters
    ----------
    x, t_x, T : repeat purchase days, time of the last one and length of observation (weeks).
    weights : optional count of customers on each row (rows may be pre-grouped).
    init : optional starting values ``(r, alpha, a, b)``.

    Raises
    ------
    FitError
        Too few customers (< ``MIN_CUSTOMERS``), no repeat buyers, or no convergence.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> T = rng.integers(0, 366, 2000) / 7
    >>> x, t_x = simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    >>> fit = fit_bgnbd(x, t_x, T)
    >>> fit.converged, 0.1 < fit.r < 0.5
    (True, True)
    """
    return _fit_bgnbd(_transaction_design(x, t_x, T, weights, "BG/NBD"), init)


def _transaction_design(
    x: ArrayLike, t_x: ArrayLike, T: ArrayLike, weights: ArrayLike | None, model: str
) -> _Design:
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    w = _weights(weights, xa.size)
    _check_enough(float(w.sum()), _dot(w, (xa > 0).astype(float)), model)
    return _design(xa, ta, Ta, w)


def _fit_bgnbd(d: _Design, init: Sequence[float] | None) -> BGNBDFit:
    r0, alpha0 = _init_rates(d)
    theta0 = np.array(init if init is not None else (r0, alpha0, 1.0, 3.0), dtype=float)
    opt = _maximise(_bgnbd_objective(d), np.log(theta0), d.n, ("r", "alpha", "a", "b"), "BG/NBD")
    r, alpha, a, b = (float(v) for v in opt.theta)
    return BGNBDFit(
        r=r, alpha=alpha, a=a, b=b, loglik=opt.loglik,
        se=dict(zip(("r", "alpha", "a", "b"), (float(v) for v in opt.se))),
        n_customers=int(round(d.n)), converged=True, message=opt.message,
    )


def fit_pareto_nbd(
    x: ArrayLike,
    t_x: ArrayLike,
    T: ArrayLike,
    *,
    weights: ArrayLike | None = None,
    init: Sequence[float] | None = None,
) -> ParetoNBDFit:
    """Fit the Pareto/NBD model by maximum likelihood.

    Same inputs and errors as :func:`fit_bgnbd`; ``init`` is ``(r, alpha, s, beta)``.
    The gradient is a central finite difference of the per-pair likelihood terms.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> T = rng.integers(0, 366, 2000) / 7
    >>> x, t_x = simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    >>> fit_pareto_nbd(x, t_x, T).converged
    True
    """
    return _fit_pareto_nbd(_transaction_design(x, t_x, T, weights, "Pareto/NBD"), init)


def _fit_pareto_nbd(d: _Design, init: Sequence[float] | None) -> ParetoNBDFit:
    if init is None:
        r0, alpha0 = _init_rates(d)
        init = (r0, alpha0, 1.0, max(_dot(d.w, d.gT) / d.n, 1.0))
    theta0 = np.array(init, dtype=float)
    opt = _maximise(_pnbd_objective(d), np.log(theta0), d.n, ("r", "alpha", "s", "beta"), "Pareto/NBD")
    r, alpha, s, beta = (float(v) for v in opt.theta)
    return ParetoNBDFit(
        r=r, alpha=alpha, s=s, beta=beta, loglik=opt.loglik,
        se=dict(zip(("r", "alpha", "s", "beta"), (float(v) for v in opt.se))),
        n_customers=int(round(d.n)), converged=True, message=opt.message,
    )


def fit_gamma_gamma(
    x: ArrayLike,
    monetary: ArrayLike,
    *,
    weights: ArrayLike | None = None,
    init: Sequence[float] | None = None,
) -> GammaGammaFit:
    """Fit the Gamma-Gamma spend model on the repeat buyers.

    Rows with ``x == 0`` or ``monetary <= 0`` (net returns) are left out, as the model is of
    the mean of positive repeat spends.

    Raises
    ------
    FitError
        Fewer than ``MIN_CUSTOMERS`` usable repeat buyers, no convergence, or ``q <= 1``
        (the fitted spend distribution then has no finite mean, so no CLV can be computed).

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> x = rng.integers(1, 6, 500)
    >>> fit = fit_gamma_gamma(x, simulate_spend(x, 6.0, 4.0, 15.0, rng))
    >>> fit.q > 1
    True
    """
    xa = np.asarray(x, dtype=float)
    ma = np.asarray(monetary, dtype=float)
    xa, ma = np.broadcast_arrays(xa, ma)
    w = _weights(weights, xa.size)
    if not (np.isfinite(xa).all() and np.isfinite(ma).all()):
        raise ValueError("x and monetary must be finite")
    use = (xa > 0) & (ma > 0) & (w > 0)
    n = float(w[use].sum())
    if n < MIN_CUSTOMERS:
        raise FitError(
            f"Not enough repeat buyers to fit the Gamma-Gamma spend model: {int(round(n))} with "
            f"a positive average spend, at least {MIN_CUSTOMERS} are needed."
        )
    xu, mu, wu = xa[use], ma[use], w[use]
    if init is None:
        # p = 2, q = 3 and gamma = the observed mean spend give the right population mean
        # p * gamma / (q - 1) from the start.
        init = (2.0, 3.0, _dot(wu, mu) / n)
    fun = _gamma_gamma_objective(xu, mu, wu)
    opt = _maximise(fun, np.log(np.array(init, dtype=float)), n, ("p", "q", "gamma"), "Gamma-Gamma")
    p, q, g = (float(v) for v in opt.theta)
    if q <= 1:
        raise FitError(
            "The Gamma-Gamma spend model fitted a distribution without a finite average "
            f"(q = {q:.2f} <= 1): spend is too erratic between customers to predict."
        )
    return GammaGammaFit(
        p=p, q=q, gamma=g, loglik=opt.loglik,
        se=dict(zip(("p", "q", "gamma"), (float(v) for v in opt.se))),
        n_customers=int(round(n)), converged=True, message=opt.message,
    )


def fit_all(summary: CalibrationSummary) -> ClvFits:
    """Fit BG/NBD, Pareto/NBD and (on repeat buyers) Gamma-Gamma to a calibration summary.

    Raises :class:`FitError` if any of the three fails; the message names the model.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> T = rng.integers(0, 366, 3000) / 7
    >>> x, t_x = simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    >>> s = CalibrationSummary(np.arange(3000).astype(str).astype(object), x, t_x, T,
    ...                        simulate_spend(x, 6.0, 4.0, 15.0, rng), np.zeros(3000, int),
    ...                        date(2024, 1, 1))
    >>> fits = fit_all(s)
    >>> sorted(fits.transaction_models)
    ['bgnbd', 'pareto_nbd']
    """
    d = _transaction_design(summary.x, summary.t_x, summary.T, None, "BG/NBD")
    bg = _fit_bgnbd(d, None)
    # Both models describe purchase rates with the same gamma (r, alpha): the BG/NBD estimate
    # is a good start and saves the slower Pareto/NBD fit many iterations.
    pnbd = _fit_pareto_nbd(d, (bg.r, bg.alpha, 1.0, max(_dot(d.w, d.gT) / d.n, 1.0)))
    gg = fit_gamma_gamma(summary.x, summary.monetary)
    return ClvFits(bgnbd=bg, pareto_nbd=pnbd, gamma_gamma=gg)


# --------------------------------------------------------------------------------------------
# Predictions
# --------------------------------------------------------------------------------------------


def _check_fit(fit: Any) -> None:
    if not isinstance(fit, (BGNBDFit, ParetoNBDFit)):
        raise TypeError(f"expected a BGNBDFit or ParetoNBDFit, got {type(fit).__name__}")


def p_alive(fit: TransactionFit, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> FloatArray:
    """Probability that each customer is still active at the end of calibration.

    Examples
    --------
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
    >>> round(float(p_alive(fit, 26, 30.857, 31.0)), 4)
    0.9688
    """
    _check_fit(fit)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    if isinstance(fit, BGNBDFit):
        r, alpha, a, b = fit.params
        xs = np.where(xa > 0, xa, 1.0)
        log_odds = (
            math.log(a) - np.log(b + xs - 1)
            + (r + xa) * (np.log(alpha + Ta) - np.log(alpha + ta))
        )
        return np.where(xa > 0, expit(-log_odds), 1.0)
    r, alpha, s, beta = fit.params
    one, two = _pnbd_log_terms(r, alpha, s, beta, xa, ta, Ta)
    alive = -(r + xa) * np.log(alpha + Ta) - s * np.log(beta + Ta)
    return np.clip(np.exp(alive - np.logaddexp(one, two)), 0.0, 1.0)


def _bgnbd_conditional(
    params: tuple[float, float, float, float], t: FloatArray, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    r, alpha, a, b = params
    if abs(a - 1.0) < 1e-6:
        # The closed form is 0/0 at a = 1; it is smooth in a, so average both sides.
        lo = _bgnbd_conditional((r, alpha, 1.0 - 1e-5, b), t, x, t_x, T)
        hi = _bgnbd_conditional((r, alpha, 1.0 + 1e-5, b), t, x, t_x, T)
        return 0.5 * (lo + hi)
    # Euler-transformed hypergeometric term: (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z)
    # = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z); no large powers, no overflow in x.
    z = t / (alpha + T + t)
    log1mz = np.log(alpha + T) - np.log(alpha + T + t)
    h = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    with np.errstate(over="ignore", invalid="ignore"):
        bracket = 1.0 - np.exp((a - 1) * log1mz) * h
        xs = np.where(x > 0, x, 1.0)
        log_odds = math.log(a) - np.log(b + xs - 1) + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
        alive = np.where(x > 0, expit(-log_odds), 1.0)
        out = (a + b + x - 1) / (a - 1) * bracket * alive
    # Sanity bound: never more purchases than the posterior mean rate times t.
    upper = (r + x) / (alpha + T) * t
    bad = ~np.isfinite(out) | (out < -1e-9 * (1 + upper)) | (out > upper * (1 + 1e-7) + 1e-12)
    if bad.any():
        out = np.array(out, dtype=float, copy=True)
        flat = out.reshape(-1)
        cols = [np.broadcast_to(v, out.shape).reshape(-1) for v in (t, x, t_x, T)]
        for i in np.flatnonzero(bad):
            flat[i] = _bgnbd_conditional_quad(params, *(float(c[i]) for c in cols))
    return np.clip(out, 0.0, None)


def _bgnbd_conditional_quad(
    params: tuple[float, float, float, float], t: float, x: float, t_x: float, T: float
) -> float:
    """E[Y(t) | x, t_x, T] by integrating over the drop-out probability p.

    Given p and alive, E[Y(t)] averaged over the gamma posterior of lambda is
    g(p) = (1 - ((α+T)/(α+T+pt))^(r+x)) / p, which falls from g(0) = (r+x)t/(α+T). Its mean
    under the Beta(a, b+x) posterior of p is g(0) plus the integral of g(p) - g(0) = O(p), so
    the integrable singularity p^(a-1) is tamed; quad gets breakpoints at the scales where g
    and the Beta density change. Used only where the hypergeometric closed form fails its
    sanity check.
    """
    r, alpha, a, b = params
    if t <= 0:
        return 0.0
    rate = (r + x) * t / (alpha + T)
    log_norm = float(betaln(a, b + x))

    def integrand(p: float) -> float:
        if p <= 0.0:
            return 0.0
        g = -math.expm1((r + x) * (math.log(alpha + T) - math.log(alpha + T + p * t))) / p
        return math.exp((a - 1) * math.log(p) + (b + x - 1) * math.log1p(-p) - log_norm) * (g - rate)

    points = sorted({min(0.5, max(1e-12, (alpha + T) / (t * (r + x)))), min(0.5, 1.0 / (b + x))})
    mean_g = rate + integrate.quad(integrand, 0.0, 1.0, points=points, limit=400, epsabs=1e-13 * rate, epsrel=1e-10)[0]
    # Posterior weight of being alive: the first likelihood term over the whole likelihood.
    one = betaln(a, b + x) - (r + x) * math.log(alpha + T)
    two = betaln(a + 1, b + x - 1) - (r + x) * math.log(alpha + t_x) if x > 0 else -math.inf
    return mean_g * math.exp(one - float(np.logaddexp(one, two)))


def _pnbd_conditional(
    params: tuple[float, float, float, float], t: FloatArray, x: FloatArray, t_x: FloatArray, T: FloatArray,
    alive: FloatArray,
) -> FloatArray:
    r, alpha, s, beta = params
    k = s - 1.0
    span = np.log1p(t / (beta + T))
    # (1 - ((β+T)/(β+T+t))^(s-1)) / (s-1), with its limit log(...) at s = 1.
    factor = span if abs(k) < 1e-12 else -np.expm1(-k * span) / k
    return (r + x) * (beta + T) / (alpha + T) * factor * alive


def expected_purchases(
    fit: TransactionFit, t: ArrayLike, x: ArrayLike, t_x: ArrayLike, T: ArrayLike
) -> FloatArray:
    """Expected repeat purchases in the next ``t`` weeks, given each customer's history.

    Examples
    --------
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
    >>> round(float(expected_purchases(fit, 39, 2, 30.43, 38.86)), 3)
    1.226
    """
    _check_fit(fit)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    tt = np.asarray(t, dtype=float)
    if not np.isfinite(tt).all() or (tt < 0).any():
        raise ValueError("t must be finite and non-negative")
    tt, xa, ta, Ta = np.broadcast_arrays(tt, xa, ta, Ta)
    if isinstance(fit, BGNBDFit):
        return _bgnbd_conditional(fit.params, tt, xa, ta, Ta)
    alive = p_alive(fit, xa, ta, Ta)
    return _pnbd_conditional(fit.params, tt, xa, ta, Ta, alive)


def expected_purchases_unconditional(fit: TransactionFit, t: ArrayLike) -> FloatArray:
    """E[X(t)]: expected repeat purchases of a new customer within ``t`` weeks of the first.

    Examples
    --------
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
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
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
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


def expected_average_spend(fit: GammaGammaFit, x: ArrayLike, monetary: ArrayLike) -> FloatArray:
    """Expected spend per purchase: the Gamma-Gamma posterior mean given ``x`` and mean spend.

    ``p (gamma + x m) / (p x + q - 1)``; customers without repeat purchases get the population
    mean ``p gamma / (q - 1)``.

    Examples
    --------
    >>> fit = GammaGammaFit(6.25, 3.74, 15.44, 0.0, {}, 0, True, "")
    >>> round(float(expected_average_spend(fit, 0, 0.0)), 2)
    35.22
    """
    if not isinstance(fit, GammaGammaFit):
        raise TypeError(f"expected a GammaGammaFit, got {type(fit).__name__}")
    xa = np.asarray(x, dtype=float)
    ma = np.asarray(monetary, dtype=float)
    xa, ma = np.broadcast_arrays(xa, ma)
    # Net-return customers (mean spend <= 0) carry no usable spend information.
    xa = np.where(ma > 0, xa, 0.0)
    ma = np.where(ma > 0, ma, 0.0)
    p, q, g = fit.params
    return p * (g + xa * ma) / (p * xa + q - 1)


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
) -> FloatArray:
    """Discounted expected value of each customer over ``horizon`` periods.

    As lifetimes' ``customer_lifetime_value``: for each period, expected spend per purchase ×
    margin × the increase of the conditional expected purchases over the period, discounted
    from the period's end at ``annual_discount_rate`` per year (a month is 365.25/12 days).

    Parameters
    ----------
    spend : expected spend per purchase, usually :func:`expected_average_spend`.

    Examples
    --------
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
    >>> v = customer_lifetime_value(fit, [2, 2], [30.43, 30.43], [38.86, 38.86], [40.0, 40.0],
    ...                             horizon=12)
    >>> bool(v[0] > 0)
    True
    """
    _check_fit(fit)
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    sp = np.broadcast_to(np.asarray(spend, dtype=float), xa.shape)
    ends, discount = _discount_schedule(horizon, period, annual_discount_rate)
    # Purchases depend on (x, t_x, T) only: evaluate each distinct history once.
    gx, gt, gT, inv = _unique_histories(xa, ta, Ta)
    total = np.zeros(gx.size)
    previous = np.zeros(gx.size)
    for end, factor in zip(ends, discount):
        current = expected_purchases(fit, end, gx, gt, gT)
        total += (current - previous) * factor
        previous = current
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
    """One row per customer: history, P(alive), expected purchases and spend, CLV.

    ``expected_purchases`` covers the CLV horizon; ``next_purchase_weeks`` is
    :func:`expected_next_purchase` (``inf`` = not expected within three years).
    """
    fit = fits.transaction_models[model]
    s = summary
    spend = expected_average_spend(fits.gamma_gamma, s.x, s.monetary)
    weeks = _PERIOD_WEEKS.get(period, 0.0) * horizon
    # Everything but spend depends on (x, t_x, T) alone: compute once per distinct history.
    gx, gt, gT, inv = _unique_histories(*_rfm_arrays(s.x, s.t_x, s.T))
    unit_clv = customer_lifetime_value(fit, gx, gt, gT, 1.0, horizon=horizon, period=period,
                                       annual_discount_rate=annual_discount_rate)
    return pd.DataFrame(
        {
            "customer_id": s.customer_id,
            "x": s.x,
            "t_x": s.t_x,
            "T": s.T,
            "monetary": s.monetary,
            "p_alive": p_alive(fit, gx, gt, gT)[inv],
            "expected_purchases": expected_purchases(fit, weeks, gx, gt, gT)[inv],
            "expected_spend": spend,
            "clv": unit_clv[inv] * spend,
            # an hour's precision is plenty for a date shown to the day
            "next_purchase_weeks": expected_next_purchase(fit, gx, gt, gT, tol=1e-3)[inv],
        }
    )


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _models(models: ClvFits | Mapping[str, TransactionFit]) -> dict[str, TransactionFit]:
    return models.transaction_models if isinstance(models, ClvFits) else dict(models)


def holdout_validation(
    summary: CalibrationSummary,
    models: ClvFits | Mapping[str, TransactionFit],
    holdout_weeks: float | None = None,
) -> HoldoutReport:
    """Predicted against actual repeat purchase days in the hold-out period.

    Totals per model and, per calibration frequency group (0 … 6, 7+), the mean actual and
    mean conditional expectation — Fader & Hardie's "conditional expectations" check.

    Examples
    --------
    >>> s = CalibrationSummary(np.array(["a", "b"], dtype=object), np.array([0, 3]),
    ...     np.array([0.0, 20.0]), np.array([30.0, 30.0]), np.array([0.0, 10.0]),
    ...     np.array([0, 2]), date(2024, 1, 1), date(2024, 7, 1))
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
    >>> holdout_validation(s, {"bgnbd": fit}).actual_total
    2
    """
    weeks = summary.holdout_weeks if holdout_weeks is None else float(holdout_weeks)
    fits = _models(models)
    preds = {name: expected_purchases(fit, weeks, summary.x, summary.t_x, summary.T) for name, fit in fits.items()}
    group = np.minimum(summary.x, 7)
    labels = [str(k) for k in range(7)] + ["7+"]
    frame = pd.DataFrame({"group": group, "actual": summary.x_holdout, **preds})
    table = frame.groupby("group").agg(
        customers=("actual", "size"), actual=("actual", "mean"), **{name: (name, "mean") for name in preds}
    )
    table = table.reindex(range(8))
    table.insert(0, "x", labels)
    table["customers"] = table["customers"].fillna(0).astype(np.int64)
    return HoldoutReport(
        holdout_weeks=weeks,
        actual_total=int(np.sum(summary.x_holdout)),
        predicted_total={name: float(v.sum()) for name, v in preds.items()},
        by_frequency=table.reset_index(drop=True),
    )


def cumulative_tracking(
    models: ClvFits | Mapping[str, TransactionFit],
    first_purchase_day: ArrayLike,
    n_weeks: int,
    actual_weekly: ArrayLike | None = None,
) -> TrackingSeries:
    """Weekly cumulative repeat purchases of the cohort: predicted against actual.

    For the end of week k (day 7k-1 counted from day 0, the last day of the week — the same
    convention as ``T``) the prediction is Σ_i E[X((7k-1-d_i)/7)] over the customers whose
    first purchase day d_i is on or before that day, with E[X(t)] the unconditional
    expectation (:func:`expected_purchases_unconditional`).

    Parameters
    ----------
    first_purchase_day : day of each customer's first purchase from day 0
        (:func:`first_purchase_days`).
    actual_weekly : repeat purchases per week (:func:`weekly_repeats_from_frame`), optional.

    Examples
    --------
    >>> fit = BGNBDFit(0.243, 4.414, 0.793, 2.426, 0.0, {}, 0, True, "")
    >>> ts = cumulative_tracking({"bgnbd": fit}, [0, 3, 10], 4, [0, 1, 0, 2])
    >>> ts.actual.tolist()
    [0.0, 1.0, 1.0, 3.0]
    """
    days, counts = np.unique(np.asarray(first_purchase_day, dtype=np.int64), return_counts=True)
    weeks = np.arange(1, int(n_weeks) + 1)
    elapsed = (7 * weeks[:, None] - 1 - days[None, :]) / 7.0
    predicted = {}
    for name, fit in _models(models).items():
        ex = expected_purchases_unconditional(fit, np.maximum(elapsed, 0.0))
        predicted[name] = (ex * (elapsed >= 0)) @ counts.astype(float)
    actual = None
    if actual_weekly is not None:
        act = np.asarray(actual_weekly, dtype=float)
        if act.shape != (int(n_weeks),):
            raise ValueError(f"actual_weekly needs {int(n_weeks)} weekly counts, got {act.shape}")
        actual = np.cumsum(act)
    return TrackingSeries(week=weeks, predicted=predicted, actual=actual)


# --------------------------------------------------------------------------------------------
# Simulation and timing check
# --------------------------------------------------------------------------------------------


def simulate_bgnbd(
    r: float,
    alpha: float,
    a: float,
    b: float,
    T: ArrayLike,
    rng: np.random.Generator,
    *,
    day_resolution: bool = True,
) -> tuple[NDArray[np.int64], FloatArray]:
    """Simulate ``(x, t_x)`` from the BG/NBD model for customers observed ``T`` weeks.

    With ``day_resolution`` the time of the last purchase is floored to whole days (as in a
    real summary). Use a seeded ``rng`` for reproducible tests.

    Examples
    --------
    >>> x, t_x = simulate_bgnbd(0.25, 4.0, 0.8, 2.5, [10.0, 20.0], np.random.default_rng(0))
    >>> x.shape, bool((t_x <= 20.0).all())
    ((2,), True)
    """
    Ta = np.asarray(T, dtype=float)
    n = Ta.size
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    x = np.zeros(n, dtype=np.int64)
    t_x = np.zeros(n)
    now = np.zeros(n)
    active = np.arange(n)
    while active.size:
        now[active] += rng.exponential(1.0, active.size) / np.maximum(lam[active], 1e-300)
        bought = now[active] <= Ta[active]
        active = active[bought]
        x[active] += 1
        t_x[active] = now[active]
        active = active[rng.random(active.size) >= p[active]]
    if day_resolution:
        t_x = np.floor(t_x * 7 + 1e-9) / 7
    return x, np.minimum(t_x, Ta)


def simulate_spend(
    x: ArrayLike, p: float, q: float, gamma: float, rng: np.random.Generator
) -> FloatArray:
    """Simulate Gamma-Gamma mean spends for customers with ``x`` purchases (0 where x = 0).

    Examples
    --------
    >>> bool((simulate_spend([0, 3], 6.0, 4.0, 15.0, np.random.default_rng(0)) >= 0).all())
    True
    """
    xa = np.asarray(x, dtype=float)
    nu = rng.gamma(q, 1.0 / gamma, xa.size)
    shape = np.where(xa > 0, p * xa, 1.0)
    mean = rng.gamma(shape, 1.0 / (nu * np.where(xa > 0, xa, 1.0)))
    return np.where(xa > 0, mean, 0.0)


def _timing_check(n: int = 1_000_000, seed: int = 0) -> dict[str, float]:
    """Fit all three models to ``n`` simulated customers; print and return the seconds.

    T is uniform in whole days 0..1095 (in weeks), purchases come from CDNOW-like BG/NBD
    parameters with t_x in whole days, spend from CDNOW-like Gamma-Gamma parameters.
    Not a test: run ``python -m lib.clv``.
    """
    rng = np.random.default_rng(seed)
    big_t = rng.integers(0, 1096, n) / 7
    x, t_x = simulate_bgnbd(0.243, 4.414, 0.793, 2.426, big_t, rng)
    m = simulate_spend(x, 6.25, 3.74, 15.44, rng)
    summary = CalibrationSummary(
        customer_id=np.arange(n).astype(str).astype(object), x=x, t_x=t_x, T=big_t,
        monetary=m, x_holdout=np.zeros(n, dtype=np.int64), calibration_end=date(2000, 1, 1),
    )
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(name: str, call: Callable[[], Any]) -> Any:
        # CPU time too: on a shared two-core machine wall time also measures the neighbours.
        wall, proc = time.perf_counter(), time.process_time()
        out = call()
        times[name] = time.perf_counter() - wall
        cpu[name] = time.process_time() - proc
        return out

    d = timed("grouping", lambda: _transaction_design(x, t_x, big_t, None, "BG/NBD"))
    bg = timed("bgnbd", lambda: _fit_bgnbd(d, None))
    start = (bg.r, bg.alpha, 1.0, max(_dot(d.w, d.gT) / d.n, 1.0))
    pn = timed("pareto_nbd", lambda: _fit_pareto_nbd(d, start))
    gg = timed("gamma_gamma", lambda: fit_gamma_gamma(x, m))
    timed("fit_all", lambda: fit_all(summary))
    print(f"{n:,} customers, {d.w.size:,} distinct (x, t_x, T) rows, "
          f"{int((x > 0).sum()):,} repeat buyers; seconds wall (CPU)")
    print(f"grouping    {times['grouping']:6.2f} ({cpu['grouping']:.2f})")
    print(f"BG/NBD      {times['bgnbd']:6.2f} ({cpu['bgnbd']:.2f})  r={bg.r:.4f} "
          f"alpha={bg.alpha:.4f} a={bg.a:.4f} b={bg.b:.4f}")
    print(f"Pareto/NBD  {times['pareto_nbd']:6.2f} ({cpu['pareto_nbd']:.2f})  r={pn.r:.4f} "
          f"alpha={pn.alpha:.4f} s={pn.s:.4f} beta={pn.beta:.4f}")
    print(f"Gamma-Gamma {times['gamma_gamma']:6.2f} ({cpu['gamma_gamma']:.2f})  p={gg.p:.4f} "
          f"q={gg.q:.4f} gamma={gg.gamma:.4f}")
    print(f"fit_all     {times['fit_all']:6.2f} ({cpu['fit_all']:.2f})  all three, end to end")
    return times


if __name__ == "__main__":  # pragma: no cover
    _timing_check()
