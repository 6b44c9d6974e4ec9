"""The tail integral of the Pareto/NBD likelihood and its partial derivatives, in log space.

    H(m, n, c1, c2) = ∫_0^∞ (c1+u)^-m (c2+u)^-n du,    m, n, c1, c2 > 0, m + n > 1.

With ``C`` the larger constant, ``P`` its exponent, ``c`` the smaller, ``Q`` its exponent and
``rho = c/C``, the integral is a Gaussian hypergeometric function: Fader & Hardie's A0 (2005,
"A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. 19-20) after Euler's
transformation. Taking the larger of alpha and beta keeps the argument z = 1 - rho in [0, 1),
as in their note and in CLVTools:

    H = F / ((P+Q-1) C^P c^(Q-1)),    F = 2F1(1, P; P+Q; z),  all terms of F positive.

Near z = 1 with large parameters (heavy buyers, or a nearly homogeneous drop-out rate: s and
beta large) the series needs thousands of terms and library routines lose digits or fail;
that is where the quadrature of earlier versions took minutes. Each element is evaluated by
the first of these that applies, each with a bounded number of steps over the whole parameter
box of the fit (tests/test_clv.py checks the bound and the accuracy):

1. ``rho >= 1/2``: the power series of F (every term ratio below z, at most ~55 terms).
2. ``Q > 3``, ``P rho <= (Q-2)/4`` and the terms fall below the tolerance within 60 and
   before they turn upwards: the expansion of (1 + u/C)^-P under the integral,
   H = C^-P c^(1-Q) sum_j (-1)^j T_j, T_(j+1) = T_j (P+j) rho/(Q-2-j), T_0 = 1/(Q-1); that
   factor is completely monotone, so the first omitted term bounds the error.
3. ``Q >= 20`` or ``rho >= sigma = 3/(P+Q)``: Gauss's continued fraction of 2F1(P, 1; P+Q; z)
   (the incomplete beta function's, Numerical Recipes 6.4) by the modified Lentz method.
4. Otherwise (``P rho`` small, ``Q < 20``): with G(rho) = ∫_rho^1 s^-Q (1-s)^(P+Q-2) ds =
   H (C-c)^(P+Q-1), G(rho) = G(sigma) + ∫_rho^sigma. G(sigma) comes from 1 or 3 once per
   distinct (P, Q); the rest is the binomial series of (1-s)^(P+Q-2) integrated term by term,
   with the one term whose power of s is near -1 in a form that is smooth through it. Unlike
   the textbook 1-z transformation this has no pole at integer Q.

Derivatives in the exponents are carried through each recurrence (forward-mode
differentiation); those in the constants follow from two identities of H (shift: dH/dc1 +
dH/dc2 = -c1^-m c2^-n; homogeneity: c1 dH/dc1 + c2 dH/dc2 = (1-m-n) H), well conditioned
when rho < 1/2, and from the series' derivative in z when rho >= 1/2.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.special import gammaln

FloatArray = NDArray[np.float64]

_TOL = 1e-17
_NEAR = 0.5          # 1: the power series for rho >= _NEAR (z <= 1/2)
_CF_Q = 20.0         # 3: the continued fraction converges fast at any z once Q is this large
_SPLIT = 3.0         # 4: sigma = min(1/2, _SPLIT / (P+Q))
_MAX_STEPS = 400     # a safety net: the regions converge within about 150 steps


@dataclass(frozen=True)
class LogTail:
    """What :func:`log_tail` returns: the scaled log and, when asked for, its derivatives."""

    log: FloatArray
    d_m: FloatArray | None = None
    d_n: FloatArray | None = None
    d_c1: FloatArray | None = None
    d_c2: FloatArray | None = None


def log_tail(m: ArrayLike, n: ArrayLike, b1: ArrayLike, b2: ArrayLike, t: ArrayLike = 0.0, *,
             grad: bool = False) -> LogTail:
    """log( H(m, n, b1 + t, b2 + t) * b1^m * b2^n ) element by element.

    The likelihood multiplies H by alpha^(r+x) beta^s; taking that factor in here lets
    m log((b+t)/b) be computed as m log1p(t/b), with no difference of two large numbers when m
    is large (heavy buyers; s and beta far out). With ``grad`` also ``d_m``, ``d_n``: the
    derivatives of that log in m and n, and ``d_c1``, ``d_c2``: those of log H in its
    constants c1 = b1 + t, c2 = b2 + t.

    NaN marks an element no method settled (none in the tested parameter box); the
    likelihood then reports that it cannot be evaluated.

    Examples
    --------
    >>> # c1 = c2 = 3: H = 3^(1-m-n) / (m+n-1), here times 3^(m+n)
    >>> got = float(log_tail(2.0, 1.5, 3.0, 3.0).log)
    >>> bool(abs(got - (np.log(3.0) - np.log(2.5))) < 1e-14)
    True
    """
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (m, n, b1, b2, t)))
    shape = arrays[0].shape
    m, n, b1, b2, t = (np.ravel(v) for v in arrays)
    swap = b1 < b2
    big_b, small_b = np.where(swap, b2, b1), np.where(swap, b1, b2)
    p, q = np.where(swap, n, m), np.where(swap, m, n)
    lh, dp, dq, d_big, d_small = _canonical(p, q, big_b, small_b, t)
    if not grad:
        return LogTail(lh.reshape(shape))
    pairs = ((dp, dq), (dq, dp), (d_big, d_small), (d_small, d_big))
    return LogTail(lh.reshape(shape), *(np.where(swap, b, a).reshape(shape) for a, b in pairs))


def _canonical(p: FloatArray, q: FloatArray, big_b: FloatArray, small_b: FloatArray,
               t: FloatArray) -> tuple[FloatArray, ...]:
    """With C = B + t >= c = b + t: log(H B^P b^Q), its derivatives in P and Q, and
    d log H / d C, d log H / d c."""
    size = p.size
    lh, dp, dq, d_big, d_small = (np.full(size, np.nan) for _ in range(5))
    a = p + q - 1.0
    big_c, small_c = big_b + t, small_b + t
    gap = big_b - small_b
    rho = small_c / big_c
    l_big, l_small = np.log1p(t / big_b), np.log1p(t / small_b)  # log(C/B), log(c/b)
    log_b = np.log(small_b)

    near = rho >= _NEAR
    idx = np.flatnonzero(near)
    if idx.size:
        pi, qi, ai = p[idx], q[idx], a[idx]
        lf, fp, fq, fz = _series(pi, qi, gap[idx] / big_c[idx])
        lh[idx] = lf - np.log(ai) - pi * l_big[idx] - (qi - 1.0) * l_small[idx] + log_b[idx]
        dp[idx] = fp - 1.0 / ai - l_big[idx]
        dq[idx] = fq - 1.0 / ai - l_small[idx]
        # z = 1 - c/C
        d_big[idx] = (fz * rho[idx] - pi) / big_c[idx]
        d_small[idx] = -fz / big_c[idx] - (qi - 1.0) / small_c[idx]

    rest = ~near
    idx = np.flatnonzero(rest & (q > 3.0) & (p * rho <= 0.25 * (q - 2.0)))
    idx = idx[_expansion_settles(p[idx], q[idx], rho[idx])]
    if idx.size:
        ls, sp, sq = _expansion(p[idx], q[idx], rho[idx])
        lh[idx] = ls - p[idx] * l_big[idx] + (1.0 - q[idx]) * l_small[idx] + log_b[idx]
        dp[idx] = sp - l_big[idx]
        dq[idx] = sq - l_small[idx]
        rest[idx[~np.isnan(ls)]] = False

    sigma = np.minimum(_NEAR, _SPLIT / (p + q))
    cf = rest & ((q >= _CF_Q) | (rho >= sigma))
    idx = np.flatnonzero(cf)
    if idx.size:
        pi, qi, ai = p[idx], q[idx], a[idx]
        lf, fp, fq = _continued_fraction(pi, qi, rho[idx])
        lh[idx] = lf - np.log(ai) - pi * l_big[idx] - (qi - 1.0) * l_small[idx] + log_b[idx]
        dp[idx] = fp - 1.0 / ai - l_big[idx]
        dq[idx] = fq - 1.0 / ai - l_small[idx]

    idx = np.flatnonzero(rest & ~cf)
    if idx.size:
        lg, gp, gq = _split(p[idx], q[idx], rho[idx], sigma[idx])
        # H = G (B-b)^(1-P-Q); times B^P b^Q, with B - b = B (1 - b/B)
        rho_b = small_b[idx] / big_b[idx]
        l1, lr = np.log1p(-rho_b), np.log(rho_b)
        lh[idx] = lg - a[idx] * l1 + (q[idx] - 1.0) * lr + log_b[idx]
        dp[idx] = gp - l1
        dq[idx] = gq - l1 + lr

    idx = np.flatnonzero(~near)
    if idx.size:
        # C - c >= C/2 here: the identities are well conditioned. e = C^-P c^-Q / H
        e = np.exp(-p[idx] * l_big[idx] - q[idx] * l_small[idx] - lh[idx])
        d_big[idx] = (small_c[idx] * e - a[idx]) / gap[idx]
        d_small[idx] = -e - d_big[idx]
    return lh, dp, dq, d_big, d_small


class _Loop:
    """Bookkeeping of a vectorised recurrence: the state of the elements still going is kept
    compact, and finished elements' results are written out as they finish."""

    def __init__(self, size: int, n_out: int):
        self.out = np.full((n_out, size), np.nan)
        self.act = np.arange(size)

    def retire(self, going: NDArray[np.bool_], results: tuple[FloatArray, ...], state: list[FloatArray],
               lazy: bool = True) -> bool:
        """Store ``results`` of the elements not ``going``; compact ``state``; False when none go on.

        ``lazy``: while fewer than a quarter have finished, they go on (one more term of a
        converged series changes nothing) and compacting waits.
        """
        n_going = int(np.count_nonzero(going))
        if n_going == going.size or (lazy and n_going and 4 * (going.size - n_going) < going.size):
            return True
        # Integer positions once, then take(): a boolean mask is scanned again for every array.
        done = np.flatnonzero(~going)
        where = self.act.take(done)
        for row, value in enumerate(results):
            self.out[row, where] = value.take(done)
        if not n_going:
            self.act = self.act[:0]
            return False
        keep = np.flatnonzero(going)
        self.act = self.act.take(keep)
        state[:] = [v.take(keep) for v in state]
        return True


def _series(p: FloatArray, q: FloatArray, z: FloatArray) -> tuple[FloatArray, ...]:
    """log F and d log F / d P, Q, z by the power series, for 0 <= z <= 1/2.

    F = sum t_k, t_0 = 1, t_(k+1) = t_k (P+k)/(P+Q+k) z; every ratio is below z, so what
    follows a term is at most term * z/(1-z). The state is updated in place (the same
    operations in the same order as the plain expressions in the comments, so the same bits,
    with a fifth fewer passes over memory: this loop is most of a Pareto/NBD fit's time).
    """
    size = p.size
    loop = _Loop(size, 4)
    st = [p, p + q, z, z / (1.0 - z), np.ones(size), np.zeros(size), np.zeros(size), np.ones(size),
          np.zeros(size), np.zeros(size), np.zeros(size)]
    for k in range(_MAX_STEPS):
        pa, pq, za, tail, t, lp, lq, tot, sp, sq, sz = st
        num = pa + k
        inv_den = pq + k
        np.divide(1.0, inv_den, out=inv_den)   # inv_den = 1 / (pq + k)
        tz = t * num
        tz *= inv_den                          # tz = t * num * inv_den = t_(k+1) / z
        np.divide(1.0, num, out=num)
        num -= inv_den
        lp += num                              # lp = lp + (1 / num - inv_den)
        lq -= inv_den
        np.multiply(tz, za, out=t)             # t = tz * z
        tot += t
        np.multiply(t, lp, out=num)
        sp += num                              # sp = sp + t * lp
        np.multiply(t, lq, out=num)
        sq += num                              # sq = sq + t * lq
        tz *= k + 1
        sz += tz                               # sz = sz + (k + 1) * tz
        np.multiply(t, tail, out=num)
        np.multiply(tot, _TOL, out=inv_den)
        if not loop.retire(num > inv_den, (tot, sp, sq, sz), st):  # going: t * tail > _TOL * tot
            break
    tot, sp, sq, sz = loop.out
    return np.log(tot), sp / tot, sq / tot, sz / tot


def _expansion_settles(p: FloatArray, q: FloatArray, rho: FloatArray) -> NDArray[np.bool_]:
    """Whether the terms of :func:`_expansion` fall below the tolerance before they turn
    upwards (their ratio passes 1 at j* = (Q-2-P rho)/(1+rho)) or 60 terms: T_N/T_0 =
    (P)_N rho^N Gamma(Q-1-N)/Gamma(Q-1) at N = min(j*, 60), with a margin."""
    n = np.minimum(np.floor((q - 2.0 - p * rho) / (1.0 + rho)), 60.0)
    ok = n >= 1.0
    n = np.where(ok, n, 1.0)
    log_ratio = gammaln(p + n) - gammaln(p) + n * np.log(rho) + gammaln(q - 1.0 - n) - gammaln(q - 1.0)
    return ok & (log_ratio < np.log(_TOL) - 4.0)


def _expansion(p: FloatArray, q: FloatArray, rho: FloatArray) -> tuple[FloatArray, ...]:
    """log S and d log S / d P, Q, where H = C^-P c^(1-Q) S (region 2 of the module docstring),
    for elements :func:`_expansion_settles` accepts. NaN where it did not settle after all."""
    size = p.size
    loop = _Loop(size, 3)
    t = 1.0 / (q - 1.0)
    st = [p, q, rho, t, np.zeros(size), -t, t.copy(), np.zeros(size), -t * t]
    sign = 1.0
    for j in range(61):
        pa, qa, ra, t, lp, lq, tot, sp, sq = st
        room = qa - (2.0 + j)
        alive = room > 0.0
        inv_room = 1.0 / np.where(alive, room, 1.0)
        num = pa + j
        lp = lp + 1.0 / num
        lq = lq - inv_room
        t = t * num * ra * inv_room
        sign = -sign
        st_t = sign * t
        tot, sp, sq = tot + st_t, sp + st_t * lp, sq + st_t * lq
        settled = t <= _TOL * tot
        t = np.where(settled, 0.0, t)  # settled elements add nothing more while they wait
        st = [pa, qa, ra, t, lp, lq, tot, sp, sq]
        if not loop.retire(~settled & alive & (j < 60), (np.where(settled, tot, np.nan), sp, sq), st):
            break
    tot, sp, sq = loop.out
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, np.log(tot), np.nan), sp / tot, sq / tot


def _continued_fraction(p: FloatArray, q: FloatArray, rho: FloatArray) -> tuple[FloatArray, ...]:
    """log F and d log F / d P, Q by Gauss's continued fraction, for 0 < rho < 1 (region 3).

    F = 2F1(P, 1; P+Q; x), x = 1 - rho, is the continued fraction of the incomplete beta
    function B_x(P+Q-1, 1-Q) (Numerical Recipes, betacf), evaluated by the modified Lentz
    method; each step's coefficient and the Lentz factors carry their derivatives in P and Q.
    """
    size = p.size
    loop = _Loop(size, 3)
    pq = p + q
    first = q + p * rho  # (P+Q) (1 - P x/(P+Q)), without the cancellation
    d = pq / first
    hp = 1.0 / pq - rho / first  # d log h / dP
    hq = 1.0 / pq - 1.0 / first
    zero = np.zeros(size)
    st = [p, q, pq, 1.0 - rho, d, d * hp, d * hq, np.ones(size), zero, zero, d.copy(), hp, hq]
    for j in range(1, _MAX_STEPS):
        pa, qa, s, x, d, dd_p, dd_q, c, dc_p, dc_q, h, hp, hq = st
        # even step: aa = j (1-Q-j) x / ((P+Q-2+2j)(P+Q-1+2j))
        e1, e2 = s + (2 * j - 2.0), s + (2 * j - 1.0)
        xd = x / (e1 * e2)
        aa = j * (1.0 - j - qa) * xd
        lden = 1.0 / e1 + 1.0 / e2
        aa_p = -aa * lden
        aa_q = aa_p - j * xd
        d, dd_p, dd_q, c, dc_p, dc_q, f1, f1p, f1q = _lentz(aa, aa_p, aa_q, d, dd_p, dd_q, c, dc_p, dc_q)
        # odd step: aa = -(P+Q-1+j)(P+j) x / ((P+Q-1+2j)(P+Q+2j))
        o1, o2 = e2, s + 2.0 * j
        xd = x / (o1 * o2)
        u, v = s + (j - 1.0), pa + j
        aa = -u * v * xd
        lden = 1.0 / o1 + 1.0 / o2
        aa_q = -v * xd - aa * lden
        aa_p = aa_q - u * xd
        d, dd_p, dd_q, c, dc_p, dc_q, f2, f2p, f2q = _lentz(aa, aa_p, aa_q, d, dd_p, dd_q, c, dc_p, dc_q)
        f = f1 * f2
        fp, fq = f1p + f2p, f1q + f2q
        h, hp, hq = h * f, hp + fp, hq + fq
        st = [pa, qa, s, x, d, dd_p, dd_q, c, dc_p, dc_q, h, hp, hq]
        going = ~((np.abs(f2 - 1.0) < 3e-16) & (np.abs(f1 - 1.0) < 3e-16)
                  & (np.abs(fp) + np.abs(fq) <= 1e-15 * (1.0 + np.abs(hp) + np.abs(hq))))
        if not loop.retire(going, (h, hp, hq), st):
            break
    h, hp, hq = loop.out
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(h > 0, np.log(h), np.nan), hp, hq


def _lentz(aa, aa_p, aa_q, d, dd_p, dd_q, c, dc_p, dc_q):
    """One modified-Lentz step D <- 1/(1 + aa D), C <- 1 + aa/C with their derivatives; also
    returns the factor D*C and its log-derivatives."""
    d_new = 1.0 / (1.0 + aa * d)
    d2 = d_new * d_new
    dd_p = -(aa_p * d + aa * dd_p) * d2
    dd_q = -(aa_q * d + aa * dd_q) * d2
    inv_c = 1.0 / c
    ratio = aa * inv_c
    c_new = 1.0 + ratio
    dc_p = (aa_p - ratio * dc_p) * inv_c
    dc_q = (aa_q - ratio * dc_q) * inv_c
    inv_cn = 1.0 / c_new
    f = d_new * c_new
    return (d_new, dd_p, dd_q, c_new, dc_p, dc_q, f,
            dd_p * (1.0 + aa * d) + dc_p * inv_cn, dd_q * (1.0 + aa * d) + dc_q * inv_cn)


def _split(p: FloatArray, q: FloatArray, rho: FloatArray, sigma: FloatArray) -> tuple[FloatArray, ...]:
    """log G(rho) and d log G / d P, Q for rho < sigma <= 1/2, Q < 20 (region 4)."""
    a = p + q - 1.0
    # G(sigma) = (1-sigma)^a sigma^(1-Q) F(1-sigma) / a: sigma depends on P and Q alone, so
    # F(1 - sigma) is computed once per distinct (P, Q) (once per x in a fit)
    inv, first = _distinct_pairs(p, q)
    up, uq = p[first], q[first]
    us = np.minimum(_NEAR, _SPLIT / (up + uq))
    lf, fp, fq = np.empty(up.size), np.empty(up.size), np.empty(up.size)
    half = us >= _NEAR
    if half.any():
        lf[half], fp[half], fq[half], _ = _series(up[half], uq[half], 1.0 - us[half])
    if (~half).any():
        lf[~half], fp[~half], fq[~half] = _continued_fraction(up[~half], uq[~half], us[~half])
    lf, fp, fq = lf[inv], fp[inv], fq[inv]
    l1s, ls = np.log1p(-sigma), np.log(sigma)
    lg_s = a * l1s + (1.0 - q) * ls + lf - np.log(a)
    gs_p = l1s - 1.0 / a + fp
    gs_q = l1s - ls - 1.0 / a + fq
    lj, jp, jq = _binomial_piece(p, q, rho, sigma)
    lg = np.logaddexp(lg_s, lj)
    w = np.exp(lg_s - lg)
    return lg, w * gs_p + (1.0 - w) * jp, w * gs_q + (1.0 - w) * jq


def _distinct_pairs(p: FloatArray, q: FloatArray) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For each element the index of its distinct (p, q) pair, and one element of each pair."""
    cp, up = pd.factorize(p)
    cq, uq = pd.factorize(q)
    codes, _ = pd.factorize(cp.astype(np.int64) * max(len(uq), 1) + cq)
    first = np.full(codes.max() + 1 if codes.size else 0, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(codes.size - 1, -1, -1)
    return codes.astype(np.int64), first


def _binomial_piece(p: FloatArray, q: FloatArray, rho: FloatArray, sigma: FloatArray) -> tuple[FloatArray, ...]:
    """log J and d log J / d P, Q for J = ∫_rho^sigma s^-Q (1-s)^nu ds, nu = P+Q-2, nu sigma < 3.

    (1-s)^nu = sum_k c_k s^k, c_0 = 1, c_(k+1) = c_k (k-nu)/(k+1), so J = sum_k c_k e_k with
    e_k = (sigma^lam - rho^lam)/lam, lam = k+1-Q. Everything is relative to the larger of
    rho^(1-Q) and sigma^(1-Q); the term with |lam| < 1/2 is taken as rho^lam L psi(lam L),
    L = log(sigma/rho), psi(t) = (e^t - 1)/t, which is smooth through lam = 0 (integer Q).
    |c_(k+1) e_(k+1)| <= max(|nu| sigma/(k+1), sigma) |c_k e_k| bounds what is left.
    """
    size = p.size
    loop = _Loop(size, 3)
    nu = p + q - 2.0
    log_rho, log_sigma = np.log(rho), np.log(sigma)
    big_l = log_sigma - log_rho
    heavy = q >= 1.0  # the rho end dominates: scale rho^(1-Q), else sigma^(1-Q)
    log_scale = (1.0 - q) * np.where(heavy, log_rho, log_sigma)
    dlog_scale = -np.where(heavy, log_rho, log_sigma)  # d/dQ
    a_sig = np.where(heavy, np.exp(-(q - 1.0) * big_l), 1.0)   # sigma^(1-Q) / scale
    b_rho = np.where(heavy, 1.0, np.exp((q - 1.0) * big_l))    # rho^(1-Q) / scale
    l_sig = np.where(heavy, -big_l, 0.0)   # d/dQ log a_sig
    l_rho = np.where(heavy, 0.0, big_l)    # d/dQ log b_rho
    zero = np.zeros(size)
    st = [q, nu, sigma, rho, big_l, a_sig, b_rho, l_sig, l_rho,
          np.ones(size), zero, np.ones(size), np.ones(size), zero, zero, zero]
    for k in range(_MAX_STEPS):
        qa, nua, sa, ra, bl, asg, brh, lsg, lrh, c, dc, sk, rk, tot, s_nu, s_q = st
        lam = k + 1.0 - qa
        reson = np.abs(lam) < 0.5
        inv_lam = 1.0 / np.where(reson, 1.0, lam)
        av, bv = sk * asg, rk * brh
        e = (av - bv) * inv_lam
        de = (av * lsg - bv * lrh + e) * inv_lam
        ri = np.flatnonzero(reson)
        if ri.size:
            t = lam[ri] * bl[ri]
            base = rk[ri] * brh[ri] * bl[ri] * np.exp(_log_psi(t))
            e[ri] = base
            de[ri] = base * (lrh[ri] - bl[ri] * _dlog_psi(t))
        term = c * e
        tot, s_nu, s_q = tot + term, s_nu + dc * e, s_q + c * de
        ratio = np.maximum(np.abs(nua) * sa / (k + 1.0), sa)
        going = (ratio >= 0.75) | (np.abs(term) > _TOL * np.abs(tot) * (1.0 - ratio))
        # next coefficient and powers
        dc = (dc * (k - nua) - c) / (k + 1.0)
        c = c * (k - nua) / (k + 1.0)
        sk, rk = sk * sa, rk * ra
        st = [qa, nua, sa, ra, bl, asg, brh, lsg, lrh, c, dc, sk, rk, tot, s_nu, s_q]
        if not loop.retire(going, (tot, s_nu, s_q), st):
            break
    tot, s_nu, s_q = loop.out
    with np.errstate(invalid="ignore", divide="ignore"):
        lj = np.where(tot > 0, log_scale + np.log(tot), np.nan)
        return lj, s_nu / tot, dlog_scale + (s_nu + s_q) / tot


def _log_psi(t: FloatArray) -> FloatArray:
    """log((e^t - 1)/t), 0 at t = 0, without overflow or cancellation."""
    small = np.abs(t) < 1e-6
    u = np.where(small, 1.0, np.abs(t))
    # (e^t - 1)/t = e^max(t,0) (1 - e^-|t|)/|t|
    return np.where(small, t / 2.0 + t * t / 24.0, np.maximum(t, 0.0) + np.log(-np.expm1(-u) / u))


def _dlog_psi(t: FloatArray) -> FloatArray:
    """d/dt log((e^t - 1)/t) = 1/(1 - e^-t) - 1/t, 1/2 at t = 0."""
    small = np.abs(t) < 1e-4
    safe = np.where(small, 1.0, t)
    return np.where(small, 0.5 + t / 12.0, -1.0 / np.expm1(-safe) - 1.0 / safe)
