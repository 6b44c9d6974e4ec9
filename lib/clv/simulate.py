"""Simulated customers: purchase histories from the BG/NBD model and mean spends from the
Gamma-Gamma model, for tests, doctests and the timing check (bench/clv_timing.py)."""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib.clv.optimise import FloatArray


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
