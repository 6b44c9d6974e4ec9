"""The Gamma-Gamma spend model (Fader, Hardie & Lee 2005b, "RFM and CLV: Using Iso-Value
Curves for Customer Base Analysis"; Fader & Hardie's note on the Gamma-Gamma model): the fit on
the repeat buyers, its log-likelihood and gradient, and the expected spend per purchase.

Spend per purchase is gamma(p, nu) with nu gamma(q, gamma) across customers; the mean spend of
``x`` purchases is modelled, and the population mean spend is ``p * gamma / (q - 1)``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import digamma, gammaln

from lib.clv.optimise import MIN_CUSTOMERS, FitError, FloatArray, Objective, _codes, _dot, _maximise, _weights


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

    @classmethod
    def from_params(cls, p: float, q: float, gamma: float) -> GammaGammaFit:
        """A fit from known parameters, for predictions (``loglik`` NaN, no ``se``).

        Examples
        --------
        >>> GammaGammaFit.from_params(6.25, 3.74, 15.44).q
        3.74
        """
        return cls(float(p), float(q), float(gamma), math.nan, {}, 0, True, "given parameters")


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
    >>> from lib.clv.simulate import simulate_spend
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


def expected_average_spend(fit: GammaGammaFit, x: ArrayLike, monetary: ArrayLike) -> FloatArray:
    """Expected spend per purchase: the Gamma-Gamma posterior mean given ``x`` and mean spend.

    ``p (gamma + x m) / (p x + q - 1)``; customers without repeat purchases get the population
    mean ``p gamma / (q - 1)``.

    Examples
    --------
    >>> fit = GammaGammaFit.from_params(6.25, 3.74, 15.44)
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
