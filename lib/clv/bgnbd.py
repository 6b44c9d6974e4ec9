"""The BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting Your Customers the
Easy Way"): the fit, its log-likelihood and gradient, P(alive) and the conditional expected
number of purchases.

Purchases while alive follow a Poisson process with a gamma(r, alpha)-distributed rate (weeks);
after every purchase the customer drops out with a beta(a, b)-distributed probability.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import integrate
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

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

    @classmethod
    def from_params(cls, r: float, alpha: float, a: float, b: float) -> BGNBDFit:
        """A fit from known parameters (e.g. stored or published), for predictions.

        Nothing was fitted, so ``loglik`` is NaN, ``se`` is empty and ``n_customers`` is 0.

        Examples
        --------
        >>> BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426).params
        (0.243, 4.414, 0.793, 2.426)
        """
        return cls(float(r), float(alpha), float(a), float(b), math.nan, {}, 0, True, "given parameters")


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
    >>> from lib.clv.simulate import simulate_bgnbd
    >>> rng = np.random.default_rng(1)
    >>> T = rng.integers(0, 366, 2000) / 7
    >>> x, t_x = simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    >>> fit = fit_bgnbd(x, t_x, T)
    >>> fit.converged, 0.1 < fit.r < 0.5
    (True, True)
    """
    return _fit_bgnbd(_transaction_design(x, t_x, T, weights, "BG/NBD"), init)


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


def _p_alive(
    params: tuple[float, float, float, float], x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """P(alive) at the end of calibration of each row, element by element: 1 without repeat
    purchases, else ``1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x))``.

    The one definition of the BG/NBD P(alive); callers use :func:`lib.clv.p_alive`.
    """
    r, alpha, a, b = params
    xs = np.where(x > 0, x, 1.0)
    log_odds = (
        math.log(a) - np.log(b + xs - 1)
        + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
    )
    return np.where(x > 0, expit(-log_odds), 1.0)


def _bgnbd_conditional(
    params: tuple[float, float, float, float], t: FloatArray, x: FloatArray, t_x: FloatArray, T: FloatArray,
    given_alive: bool = False,
) -> FloatArray:
    """E[Y(t) | x, t_x, T]; with ``given_alive`` E[Y(t) | alive at T, x, t_x, T], the same
    without the P(alive) factor (the closed form is P(alive) times the expectation given alive)."""
    r, alpha, a, b = params
    if abs(a - 1.0) < 1e-6:
        # The closed form is 0/0 at a = 1; it is smooth in a, so average both sides.
        lo = _bgnbd_conditional((r, alpha, 1.0 - 1e-5, b), t, x, t_x, T, given_alive)
        hi = _bgnbd_conditional((r, alpha, 1.0 + 1e-5, b), t, x, t_x, T, given_alive)
        return 0.5 * (lo + hi)
    # Euler-transformed hypergeometric term: (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z)
    # = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z); no large powers, no overflow in x.
    z = t / (alpha + T + t)
    log1mz = np.log(alpha + T) - np.log(alpha + T + t)
    h = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    with np.errstate(over="ignore", invalid="ignore"):
        bracket = 1.0 - np.exp((a - 1) * log1mz) * h
        alive = 1.0 if given_alive else _p_alive(params, x, t_x, T)
        out = (a + b + x - 1) / (a - 1) * bracket * alive
    # Sanity bound: never more purchases than the posterior mean rate times t.
    upper = (r + x) / (alpha + T) * t
    bad = ~np.isfinite(out) | (out < -1e-9 * (1 + upper)) | (out > upper * (1 + 1e-7) + 1e-12)
    if bad.any():
        out = np.array(out, dtype=float, copy=True)
        flat = out.reshape(-1)
        cols = [np.broadcast_to(v, out.shape).reshape(-1) for v in (t, x, t_x, T)]
        for i in np.flatnonzero(bad):
            flat[i] = _bgnbd_conditional_quad(params, *(float(c[i]) for c in cols), given_alive=given_alive)
    return np.clip(out, 0.0, None)


def _bgnbd_conditional_quad(
    params: tuple[float, float, float, float], t: float, x: float, t_x: float, T: float,
    given_alive: bool = False,
) -> float:
    """E[Y(t) | x, t_x, T] (``given_alive``: given alive at T) by integrating over the drop-out
    probability p.

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
    if given_alive:
        return mean_g
    # Posterior weight of being alive: the first likelihood term over the whole likelihood.
    one = betaln(a, b + x) - (r + x) * math.log(alpha + T)
    two = betaln(a + 1, b + x - 1) - (r + x) * math.log(alpha + t_x) if x > 0 else -math.inf
    return mean_g * math.exp(one - float(np.logaddexp(one, two)))
