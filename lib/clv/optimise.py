"""The maximum-likelihood machinery the three models share.

* Input checks (:func:`_rfm_arrays`, :func:`_weights`) and :class:`FitError`, the one error
  every failed fit raises with a plain-English message.
* Grouping: customers share ``(x, t_x, T)`` histories a lot (whole days, few purchases), so the
  likelihoods are computed per distinct row with weights (:func:`_design`), and predictions
  once per distinct history (:func:`_unique_histories`). Terms that depend on ``x`` alone, or
  on an ``(x, t)`` pair alone, are computed once per unique value or pair and gathered, so the
  per-customer work of one evaluation is a gather and a ``logaddexp``.
* The optimiser (:func:`_maximise`): parameters are optimised on the log scale with L-BFGS-B,
  then polished with a few Newton steps on a finite-difference Hessian of the (analytic or
  finite-difference) gradient; that Hessian also gives the standard errors
  (:func:`_standard_errors`).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

FloatArray = NDArray[np.float64]

MIN_CUSTOMERS: int = 20
"""Fewer customers than this and a fit is refused: the estimates would be noise."""

# Log-parameters are boxed so the optimiser cannot wander to overflow; an estimate on the box
# edge means the data do not pin the model down, which is reported as a FitError.
_LOG_BOUND = 18.0
_GRAD_TOL = 1e-5  # on the mean log-likelihood per customer, w.r.t. log-parameters


class FitError(Exception):
    """A model could not be fitted; ``str(error)`` is a plain-English reason for the page."""


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


def _transaction_design(
    x: ArrayLike, t_x: ArrayLike, T: ArrayLike, weights: ArrayLike | None, model: str
) -> _Design:
    xa, ta, Ta = _rfm_arrays(x, t_x, T)
    w = _weights(weights, xa.size)
    _check_enough(float(w.sum()), _dot(w, (xa > 0).astype(float)), model)
    return _design(xa, ta, Ta, w)


# --------------------------------------------------------------------------------------------
# Objectives and the optimiser
# --------------------------------------------------------------------------------------------

Objective = Callable[[FloatArray], tuple[float, FloatArray]]


def _softmax_split(one: FloatArray, two: FloatArray) -> tuple[FloatArray, FloatArray]:
    """logaddexp(one, two) and the share of the first term, without NaN for -inf terms."""
    # In place, the operations of: small = exp(-|diff|); ll = max(one, two) + log1p(small);
    # share = where(diff >= 0, 1, small) / (1 + small). Called on every distinct history in
    # every evaluation, so fewer temporaries matter.
    diff = one - two
    small = np.abs(diff)
    np.negative(small, out=small)
    np.exp(small, out=small)
    ll = np.maximum(one, two)
    ll += np.log1p(small)
    share = np.where(diff >= 0, 1.0, small)
    small += 1.0
    share /= small
    return ll, share


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


def _init_rates(d: _Design) -> tuple[float, float]:
    """Starting ``(r, alpha)`` of the two purchase-rate models."""
    mean_x = _dot(d.w, d.gx) / d.n
    mean_t = max(_dot(d.w, d.gT) / d.n, 1e-3)
    # Start near the NBD moment match: r/alpha = mean purchase rate per week.
    r0 = 0.5
    alpha0 = r0 * mean_t / max(mean_x, 1e-3)
    return r0, float(np.clip(alpha0, 1e-3, 1e6))
