"""The Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987; Fader & Hardie
2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions"): the fit, its
log-likelihood and gradient, P(alive) and the conditional expected number of purchases.

Purchases while alive follow a Poisson process with a gamma(r, alpha)-distributed rate; the
lifetime is exponential with a gamma(s, beta)-distributed drop-out rate (both per week). The
likelihood needs the tail integral :func:`_log_tail_integral`, evaluated by a hypergeometric
closed form with a quadrature fallback.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import digamma, gammaln, hyp2f1

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


# --------------------------------------------------------------------------------------------
# The tail integral
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
    alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
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
