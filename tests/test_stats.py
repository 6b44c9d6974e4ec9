"""lib/stats.py against independent computations: scipy's Wilson interval and Fisher test, Newcombe's
interval rebuilt from scipy's Wilson intervals and his published example, the p-value wording."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from lib import stats


@pytest.mark.parametrize("k,n", [(0, 10), (1, 10), (18, 100), (6, 100), (50, 50), (312, 1240), (3, 7)])
def test_wilson_and_rate_equal_scipy_binomtest(k, n):
    ci = sps.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    lo, hi = stats.wilson(k, n)
    assert lo == pytest.approx(ci.low, abs=1e-12) and hi == pytest.approx(ci.high, abs=1e-12)
    r = stats.rate(k, n)
    assert (r.k, r.n, r.p) == (k, n, k / n)
    assert (r.lo, r.hi) == (lo, hi)


def test_wilson_is_vectorised_like_the_scalar_call():
    k, n = np.array([0, 3, 18, 0]), np.array([10, 7, 100, 0])
    lo, hi = stats.wilson(k, n)
    for i in range(3):
        assert (lo[i], hi[i]) == pytest.approx(stats.wilson(int(k[i]), int(n[i])), abs=1e-15)
    assert np.isnan(lo[3]) and np.isnan(hi[3])


def test_an_empty_rate_is_not_a_number():
    r = stats.rate(0, 0)
    assert (r.k, r.n) == (0, 0) and np.isnan(r.p) and np.isnan(r.lo) and np.isnan(r.hi)


@pytest.mark.parametrize("kt,nt,kc,nc", [(18, 100, 6, 100), (56, 70, 48, 80), (5, 40, 0, 12), (9, 10, 3, 10)])
def test_uplift_interval_and_p_value_against_scipy(kt, nt, kc, nc):
    u = stats.uplift(kt, nt, kc, nc)
    # Newcombe's hybrid score interval, built here from scipy's Wilson intervals
    t = sps.binomtest(kt, nt).proportion_ci(method="wilson")
    c = sps.binomtest(kc, nc).proportion_ci(method="wilson")
    pt, pc = kt / nt, kc / nc
    assert u.diff == pytest.approx(pt - pc)
    assert u.lo == pytest.approx(pt - pc - np.hypot(pt - t.low, c.high - pc), abs=1e-12)
    assert u.hi == pytest.approx(pt - pc + np.hypot(t.high - pt, pc - c.low), abs=1e-12)
    assert u.p_value == pytest.approx(sps.fisher_exact([[kt, nt - kt], [kc, nc - kc]]).pvalue, abs=1e-12)
    assert u.lo <= u.diff <= u.hi
    assert (u.treated, u.control) == (stats.rate(kt, nt), stats.rate(kc, nc))


def test_newcombe_matches_the_published_example():
    # Newcombe (1998), Statistics in Medicine 17, table II, example (a): 56/70 - 48/80, method 10
    d, lo, hi = stats.newcombe(56, 70, 48, 80)
    assert (round(d, 4), round(lo, 4), round(hi, 4)) == (0.2, 0.0524, 0.3339)


def test_no_control_group_gives_no_uplift():
    assert stats.uplift(30, 100, 0, 0) is None
    assert stats.uplift(0, 0, 5, 50) is None


@pytest.mark.parametrize("p,key", [(0.0, "very_strong"), (0.000999, "very_strong"), (0.001, "strong"),
                                   (0.0499, "strong"), (0.05, "weak"), (0.0999, "weak"), (0.10, "none"),
                                   (1.0, "none"), (math.nan, "none")])
def test_evidence_wording_at_its_thresholds(p, key):
    assert stats.evidence(p) == key


# --- Holm: statsmodels' published definition, by hand -----------------------------------------------

def test_holm_matches_a_hand_calculation_of_the_statsmodels_definition():
    # statsmodels.stats.multitest.multipletests(method="holm") defines, for the p-values sorted
    # ascending p(1) <= ... <= p(m): p_adj(i) = min(1, max_{j <= i} (m - j + 1) p(j)).
    # p = 0.01, 0.04, 0.03, 0.005 (m = 4), sorted 0.005, 0.01, 0.03, 0.04:
    #   4 x 0.005 = 0.02; 3 x 0.01 = 0.03; 2 x 0.03 = 0.06; 1 x 0.04 = 0.04 -> running max 0.06
    # back in input order: 0.03, 0.06, 0.06, 0.02
    assert stats.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02], abs=1e-15)
    # capped at 1, ties kept, a single test unchanged
    assert stats.holm([0.5, 0.5, 0.9]) == pytest.approx([1.0, 1.0, 1.0])
    assert stats.holm([0.2, 0.01]) == pytest.approx([0.2, 0.02])
    assert stats.holm([0.0314]) == pytest.approx([0.0314])
    # scipy has no Holm: its false_discovery_control is Benjamini-Hochberg (false discovery rate,
    # 0.02, 0.04, 0.04, 0.02 here), a different and weaker guarantee than Holm's family-wise one
    bh = sps.false_discovery_control([0.01, 0.04, 0.03, 0.005], method="bh")
    assert bh == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert (stats.holm([0.01, 0.04, 0.03, 0.005]) >= bh).all()


def test_holm_leaves_rows_without_a_test_out_of_the_family():
    out = stats.holm([0.01, math.nan, 0.04])
    assert out[0] == pytest.approx(0.02) and math.isnan(out[1]) and out[2] == pytest.approx(0.04)
    assert np.isnan(stats.holm([math.nan, math.nan])).all() and stats.holm([]).size == 0


def test_holm_rejects_exactly_what_the_step_down_procedure_rejects():
    # Holm (1979) as a procedure: sort ascending, reject H(i) while p(i) <= alpha / (m - i + 1)
    # (i from 1), stop at the first that is not. Adjusted p <= alpha must mark the same set.
    rng = np.random.default_rng(7)
    for _ in range(300):
        m = int(rng.integers(1, 12))
        p = np.where(rng.random(m) < 0.4, rng.random(m) * 0.02, rng.random(m))
        for alpha in (0.01, 0.05, 0.1):
            rejected = np.zeros(m, bool)
            for i, idx in enumerate(np.argsort(p, kind="stable")):
                if p[idx] > alpha / (m - i):
                    break
                rejected[idx] = True
            assert ((stats.holm(p) <= alpha) == rejected).all()
    # and Holm is never stricter than Bonferroni, never looser than the raw p-values
    p = rng.random(20) * 0.1
    assert (stats.holm(p) <= np.minimum(1, 20 * p) + 1e-15).all() and (stats.holm(p) >= p).all()


# --- pooled over strata: Mantel-Haenszel uplift, exact stratified test --------------------------------

def test_mh_uplift_by_hand():
    # stratum 1: 8/40 vs 1/10, weight 40 x 10 / 50 = 8, uplift 0.1;
    # stratum 2: 30/100 vs 10/100, weight 100 x 100 / 200 = 50, uplift 0.2 -> (0.8 + 10) / 58
    assert stats.mh_uplift([(8, 40, 1, 10), (30, 100, 10, 100)]) == pytest.approx(10.8 / 58, abs=1e-15)
    # one stratum: the plain difference; a stratum without a control group carries no weight
    assert stats.mh_uplift([(18, 100, 6, 100)]) == pytest.approx(0.12)
    assert stats.mh_uplift([(18, 100, 6, 100), (5, 9, 0, 0)]) == pytest.approx(0.12)
    assert math.isnan(stats.mh_uplift([(5, 9, 0, 0)]))


def test_mh_uplift_avoids_simpsons_paradox():
    # Within each campaign the treatment is 5 points better, but the campaign with the high base
    # rate holds most of the control group: the crude pooled difference comes out negative.
    tables = [(60, 100, 550, 1000), (150, 1000, 10, 100)]  # 60 % vs 55 %, 15 % vs 10 %
    crude = (60 + 150) / 1100 - (550 + 10) / 1100
    assert crude < 0
    assert stats.mh_uplift(tables) == pytest.approx(0.05, abs=1e-12)


@pytest.mark.parametrize("kt,nt,kc,nc", [(18, 100, 6, 100), (56, 70, 48, 80), (5, 40, 0, 12), (9, 10, 3, 10),
                                         (0, 5, 0, 7), (14, 90, 0, 23), (8, 74, 0, 12), (3, 3, 0, 4)])
def test_stratified_exact_with_one_stratum_is_fishers_test(kt, nt, kc, nc):
    ref = sps.fisher_exact([[kt, nt - kt], [kc, nc - kc]]).pvalue
    assert stats.stratified_exact([(kt, nt, kc, nc)]) == pytest.approx(ref, rel=1e-9, abs=1e-15)


def _brute_force_exact(tables):
    """Every combination of treated wins per stratum, its probability the product of the
    hypergeometric probabilities (scipy), summed where the total is no more likely than observed."""
    import itertools
    supports = []
    for kt, nt, kc, nc in tables:
        s = kt + kc
        xs = range(max(0, s - nc), min(nt, s) + 1)
        supports.append([(x, sps.hypergeom(nt + nc, s, nt).pmf(x)) for x in xs])
    dist = {}
    for combo in itertools.product(*supports):
        total = sum(x for x, _ in combo)
        dist[total] = dist.get(total, 0.0) + math.prod(p for _, p in combo)
    observed = dist[sum(t[0] for t in tables)]
    return sum(p for p in dist.values() if p <= observed * (1 + 1e-7))


@pytest.mark.parametrize("tables", [
    [(8, 74, 0, 12), (10, 65, 1, 25), (14, 90, 0, 23)],   # the demo's three campaigns in 2025
    [(3, 10, 1, 8), (2, 6, 2, 7)],
    [(0, 4, 3, 5), (5, 9, 1, 6), (2, 3, 0, 2), (1, 8, 1, 8)],
])
def test_stratified_exact_against_enumerating_every_table(tables):
    assert stats.stratified_exact(tables) == pytest.approx(_brute_force_exact(tables), rel=1e-9)


def test_stratified_exact_reproduces_rs_published_rabbits_example():
    # R's ?mantelhaen.test example, penicillin and rabbits (5 strata; immediate injection as the
    # treatment, cured as the success): mantelhaen.test(Rabbits, exact = TRUE) reports
    # "S = 16, p-value = 0.03994".
    rabbits = [(0, 6, 0, 5), (3, 6, 0, 6), (6, 6, 2, 6), (5, 6, 6, 6), (2, 2, 5, 5)]
    assert sum(t[0] for t in rabbits) == 16
    assert round(stats.stratified_exact(rabbits), 5) == 0.03994


def test_stratified_exact_pools_what_single_strata_cannot_show():
    tables = [(8, 74, 0, 12), (10, 65, 1, 25), (14, 90, 0, 23)]
    singles = [stats.stratified_exact([t]) for t in tables]
    assert min(singles) > 0.05 and stats.stratified_exact(tables) < 0.01
    # strata without a group drop out; none left is no test
    assert stats.stratified_exact(tables + [(4, 4, 0, 0)]) == stats.stratified_exact(tables)
    assert math.isnan(stats.stratified_exact([(4, 4, 0, 0)]))


def test_stratified_exact_stays_fast_and_finite_on_large_strata():
    tables = [(4000 + 10 * i, 40000, 800, 10000) for i in range(12)]
    p = stats.stratified_exact(tables)
    assert 0.0 <= p < 1e-10
    tables = [(4000, 40000, 1000, 10000)] * 12  # no effect at all
    assert stats.stratified_exact(tables) == pytest.approx(1.0, abs=1e-6)


def test_stratified_exact_refuses_impossible_tables():
    with pytest.raises(ValueError):
        stats.stratified_exact([(5, 4, 0, 3)])
