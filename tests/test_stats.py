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
