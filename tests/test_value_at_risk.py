"""Value against risk (issue 15): the CLV if the customer stays against a numerical integral over
the models' posteriors, the value group and revenue at risk (lib/metrics.py) by hand, every
customer who is not lost scored, and the value x risk quadrant holding customers with real
warning signs on the demo at the default settings."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from lib import clv

BG = clv.BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)   # the CDNOW estimates
PNBD = clv.ParetoNBDFit.from_params(0.553, 10.578, 0.606, 11.669)


def bgnbd_given_alive(t: float, x: float, T: float, params=BG.params) -> float:
    """E[Y(t) | alive at T, x, T] by double integration: given alive, the purchase rate is
    Gamma(r + x, alpha + T) and the drop-out probability Beta(a, b + x); given both, a BG/NBD
    customer buys (1 - exp(-lambda p t)) / p times in t weeks."""
    r, alpha, a, b = params
    pp = stats.beta(a, b + x)
    # lambda integrated out by its Laplace transform, E[exp(-lambda p t)] = ((alpha+T)/(alpha+T+pt))^(r+x)
    # (bgnbd_given_alive_2d checks this step by a genuine double integral)
    inner = lambda p: (1 - ((alpha + T) / (alpha + T + p * t)) ** (r + x)) / p * pp.pdf(p)  # noqa: E731
    value, _ = integrate.quad(inner, 0, 1, limit=400, epsabs=1e-12, epsrel=1e-10)
    return value


def bgnbd_given_alive_2d(t: float, x: float, T: float, params=BG.params) -> float:
    r, alpha, a, b = params
    lam = stats.gamma(r + x, scale=1 / (alpha + T))
    pp = stats.beta(a, b + x)
    f = lambda l, p: -math.expm1(-l * p * t) / p * lam.pdf(l) * pp.pdf(p)  # noqa: E731
    value, _ = integrate.dblquad(f, 0, 1, 0, lam.ppf(1 - 1e-12), epsabs=1e-10, epsrel=1e-8)
    return value


def pnbd_given_alive(t: float, x: float, T: float, params=PNBD.params) -> float:
    """Pareto/NBD: given alive, lambda ~ Gamma(r + x, alpha + T) and mu ~ Gamma(s, beta + T);
    given both, E[Y(t)] = lambda / mu (1 - exp(-mu t))."""
    r, alpha, s, beta = params
    mean_lam = (r + x) / (alpha + T)
    mu = stats.gamma(s, scale=1 / (beta + T))
    value, _ = integrate.quad(lambda m: -math.expm1(-m * t) / m * mu.pdf(m), 0, np.inf, limit=400)
    return mean_lam * value


@pytest.mark.parametrize("x,t_x,T", [(0, 0.0, 38.86), (2, 30.43, 38.86), (7, 20.0, 60.0), (26, 30.857, 31.0)])
def test_expected_purchases_given_alive_against_the_posterior_integral(x, t_x, T):
    for t in (4.35, 26.0, 52.18):
        got = float(clv.expected_purchases(BG, t, x, t_x, T, given_alive=True))
        assert got == pytest.approx(bgnbd_given_alive(t, x, T), rel=1e-7)
        got = float(clv.expected_purchases(PNBD, t, x, t_x, T, given_alive=True))
        assert got == pytest.approx(pnbd_given_alive(t, x, T), rel=1e-7)
    # the Laplace step of the reference, once against a genuine double integral
    assert bgnbd_given_alive(26.0, x, T) == pytest.approx(bgnbd_given_alive_2d(26.0, x, T), rel=1e-5)


def test_clv_if_the_customer_stays_by_hand():
    """The discounted sum over 12 months, spelt out: expected purchases given alive in each
    month (numerical integral) x spend, discounted from the month's end at 10 % a year; the
    CLV is P(alive) times it."""
    x, t_x, T, spend = 4, 20.0, 52.0, 37.5
    month = 365.25 / 7 / 12
    hand, before = 0.0, 0.0
    for k in range(1, 13):
        now = bgnbd_given_alive(k * month, x, T)
        hand += (now - before) * spend * 1.10 ** (-k / 12)
        before = now
    stays = float(clv.customer_lifetime_value(BG, x, t_x, T, spend, given_alive=True))
    assert stays == pytest.approx(hand, rel=1e-7)
    alive = float(clv.p_alive(BG, x, t_x, T))
    assert alive < 0.9   # a customer quiet for 32 weeks: the two values differ
    assert float(clv.customer_lifetime_value(BG, x, t_x, T, spend)) == pytest.approx(alive * hand, rel=1e-7)


def test_clv_table_holds_the_clv_if_the_customer_stays():
    from datetime import date
    rng = np.random.default_rng(3)
    T = rng.integers(10, 300, 2000) / 7
    x, t_x = clv.simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    s = clv.CalibrationSummary(np.arange(2000).astype(str).astype(object), x, t_x, T,
                               clv.simulate_spend(x, 6.0, 4.0, 15.0, rng), np.zeros(2000, int), date(2024, 1, 1))
    fits = clv.fit_all(s, pareto_nbd=False)
    table = clv.clv_table(fits, s)
    spend = clv.expected_average_spend(fits.gamma_gamma, s.x, s.monetary)
    stays = clv.customer_lifetime_value(fits.bgnbd, s.x, s.t_x, s.T, spend, given_alive=True)
    assert table["clv_alive"].to_numpy() == pytest.approx(stays, rel=1e-12)
    assert table["clv"].to_numpy() == pytest.approx(table["p_alive"] * table["clv_alive"], rel=1e-12)
    assert table["clv"].to_numpy() == pytest.approx(clv.customer_lifetime_value(fits.bgnbd, s.x, s.t_x, s.T, spend),
                                                    rel=1e-12)
    assert (table["clv_alive"] >= table["clv"] - 1e-9).all()
