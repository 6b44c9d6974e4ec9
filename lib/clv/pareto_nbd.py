"""The Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987; Fader & Hardie
2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions"): the fit, its
log-likelihood and gradient, P(alive) and the conditional expected number of purchases.

Purchases while alive follow a Poisson process with a gamma(r, alpha)-distributed rate; the
lifetime is exponential with a gamma(s, beta)-distributed drop-out rate (both per week). The
likelihood needs the tail integral ∫ (alpha+tau)^-m (beta+tau)^-n dtau, a Gaussian
hypergeometric function evaluated with its derivatives in :mod:`lib.clv.tail`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import digamma, gammaln

from lib.clv.optimise import (
    FloatArray,
    Objective,
    _Design,
    _dot,
    _init_rates,
    _maximise,
    _rfm_arrays,
    _softmax_split,
    _transaction_design,
)
from lib.clv.tail import log_tail


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

    @classmethod
    def from_params(cls, r: float, alpha: float, s: float, beta: float) -> ParetoNBDFit:
        """A fit from known parameters, for predictions (``loglik`` NaN, no ``se``)."""
        return cls(float(r), float(alpha), float(s), float(beta), math.nan, {}, 0, True, "given parameters")


def _pnbd_log_terms(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t: FloatArray, big_t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The two terms of the Pareto/NBD likelihood, up to the factor common to both.

    L = Γ(r+x)/Γ(r) α^-x · [ (r+x) α^(r+x) β^s ∫_T^∞ (α+τ)^-(r+x+1) (β+τ)^-s dτ
                             + s α^(r+x) β^s ∫_{t_x}^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ ].
    This equals Fader & Hardie's 1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x)·A0 (integrate the first
    integral by parts) but has no difference of nearly equal terms: both terms are positive.
    The powers of α and β go into :func:`lib.clv.tail.log_tail`, which takes them without
    cancellation.
    """
    one = np.log(r + x) + log_tail(r + x + 1, s, alpha, beta, big_t).log - math.log(alpha)
    two = math.log(s) + log_tail(r + x, s + 1, alpha, beta, t).log - math.log(beta)
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
    return gammaln(r + xa) - gammaln(r) - xa * math.log(alpha) + np.logaddexp(one, two)


def _pnbd_objective(d: _Design) -> Objective:
    # both terms' (x, T) and (x, t_x) pairs, for one call of log_tail per evaluation
    k = d.xT_x.size
    pair_x = np.concatenate([d.xT_x, d.xt_x])
    pair_t = np.concatenate([d.xT_t, d.xt_t])
    first = np.arange(pair_x.size) < k

    def fun(phi: FloatArray) -> tuple[float, FloatArray]:
        r, alpha, s, beta = np.exp(phi)
        log_alpha = math.log(alpha)
        h = log_tail(r + pair_x + first, np.where(first, s, s + 1), alpha, beta, pair_t, grad=True)
        one = np.log(r + d.xT_x) + h.log[:k] - log_alpha
        two = math.log(s) + h.log[k:] - math.log(beta)
        ll_g, share = _softmax_split(one[d.g_xT], two[d.g_xt])
        common = gammaln(r + d.ux) - gammaln(r) - d.ux * log_alpha
        ll = _dot(d.wx, common) + _dot(d.w, ll_g)
        if not math.isfinite(ll):
            return math.inf, np.zeros(4)
        w_share = d.w * share
        w_one = np.bincount(d.g_xT, weights=w_share, minlength=one.size)
        w_two = np.bincount(d.g_xt, weights=d.w - w_share, minlength=two.size)
        w_both = np.concatenate([w_one, w_two])
        g_r = r * (
            _dot(d.wx, digamma(r + d.ux) - digamma(r)) + _dot(w_one, 1.0 / (r + d.xT_x)) + _dot(w_both, h.d_m)
        )
        g_alpha = d.n * r + alpha * _dot(w_both, h.d_c1)
        g_s = s * _dot(w_both, h.d_n) + float(w_two.sum())
        g_beta = d.n * s + beta * _dot(w_both, h.d_c2)
        grad = np.array([g_r, g_alpha, g_s, g_beta])
        if not np.isfinite(grad).all():
            return math.inf, np.zeros(4)
        return -ll / d.n, -grad / d.n

    return fun


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
    The gradient is analytic (:mod:`lib.clv.tail` differentiates the tail integrals).

    Examples
    --------
    >>> from lib.clv.simulate import simulate_bgnbd
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


def _p_alive(
    params: tuple[float, float, float, float], x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """P(alive) at the end of calibration of each row: the first likelihood term (alive at
    ``T``) over the whole likelihood. The one definition of the Pareto/NBD P(alive); callers
    use :func:`lib.clv.p_alive`.
    """
    r, alpha, s, beta = params
    one, two = _pnbd_log_terms(r, alpha, s, beta, x, t_x, T)
    # (α/(α+T))^(r+x) (β/(β+T))^s, on the scale of the two terms
    alive = -(r + x) * np.log1p(T / alpha) - s * np.log1p(T / beta)
    return np.clip(np.exp(alive - np.logaddexp(one, two)), 0.0, 1.0)


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
