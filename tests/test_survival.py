"""Kaplan-Meier, log-rank and median lifetime (lib/survival.py) against scipy and hand counts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from lib import survival


def sample(seed=4, n=400, groups=3):
    rng = np.random.default_rng(seed)
    g = rng.integers(0, groups, n)
    life = rng.exponential(200 * (1 + 0.4 * g))
    censor = rng.uniform(50, 600, n)
    t = np.round(np.minimum(life, censor))  # whole days: many ties, as customer data has
    return t, life <= censor, g


def product_limit(t, e):
    """The Kaplan-Meier estimate counted by hand: S(t) = prod (1 - d_j / n_j)."""
    out, s = {}, 1.0
    for time in np.unique(t):
        n_at = np.sum(t >= time)
        d = np.sum((t == time) & e)
        s *= 1 - d / n_at
        out[time] = (s, n_at, d)
    return out


def test_kaplan_meier_equals_scipy_ecdf_and_the_product_limit_by_hand():
    t, e, _ = sample()
    km = survival.kaplan_meier(t, e)
    ref = stats.ecdf(stats.CensoredData(uncensored=t[e], right=t[~e])).sf
    body = km.iloc[1:]
    np.testing.assert_allclose(body["survival"], ref.evaluate(body["time"]), rtol=0, atol=1e-12)
    hand = product_limit(t, e)
    assert body["survival"].tolist() == pytest.approx([hand[x][0] for x in body["time"]], abs=1e-12)
    assert body["at_risk"].tolist() == [hand[x][1] for x in body["time"]]
    assert body["events"].tolist() == [hand[x][2] for x in body["time"]]
    assert km.iloc[0][["time", "survival", "at_risk"]].tolist() == [0.0, 1.0, len(t)]
    # the log-log band is scipy's and contains the curve
    ci = ref.confidence_interval(0.95, method="log-log")
    inside = (body["lower"] <= body["survival"] + 1e-12) & (body["survival"] <= body["upper"] + 1e-12)
    assert inside.all()
    finite = np.isfinite(ci.low.evaluate(body["time"]))
    np.testing.assert_allclose(body["lower"][finite], ci.low.evaluate(body["time"])[finite], atol=1e-12)


def test_kaplan_meier_edge_cases():
    assert survival.kaplan_meier([], []).shape[0] == 1
    none_lost = survival.kaplan_meier([3, 5, 5], [False, False, False])
    assert none_lost["survival"].eq(1.0).all()
    with pytest.raises(ValueError):
        survival.kaplan_meier([1, -2], [True, True])
    with pytest.raises(ValueError):
        survival.kaplan_meier([1, 2], [True])


def test_survival_at_reads_the_step_curve():
    km = survival.kaplan_meier([5, 8, 8, 12, 20], [True, True, False, True, False])
    at = survival.survival_at(km, [0, 4.9, 5, 7, 8, 11, 12, 30])
    assert at["survival"].round(3).tolist() == [1.0, 1.0, 0.8, 0.8, 0.6, 0.6, 0.3, 0.3]
    assert at["at_risk"].tolist() == [5, 5, 5, 4, 4, 2, 2, 0]


def test_two_group_logrank_is_scipys():
    t, e, g = sample(groups=2)
    res = survival.logrank(t, e, g)
    a, b = g == 0, g == 1
    ref = stats.logrank(stats.CensoredData(uncensored=t[a & e], right=t[a & ~e]),
                        stats.CensoredData(uncensored=t[b & e], right=t[b & ~e]))
    assert res.df == 1
    assert res.statistic == pytest.approx(ref.statistic ** 2, rel=1e-12)
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-12)
    # the k-sample formula used for three or more groups gives the same for two
    obs, exp, var = survival._logrank_terms(t, e, g, 2)
    assert (obs - exp)[0] ** 2 / var[0, 0] == pytest.approx(ref.statistic ** 2, rel=1e-9)
    assert res.table["observed"].sum() == e.sum()
    assert res.table["expected"].sum() == pytest.approx(e.sum())


def test_k_group_logrank_against_a_loop_over_loss_times():
    t, e, g = sample(groups=3)
    res = survival.logrank(t, e, g)
    k = 3
    o_minus_e = np.zeros(k)
    v = np.zeros((k, k))
    for time in np.unique(t[e]):
        at = t >= time
        n = at.sum()
        d = ((t == time) & e).sum()
        n_g = np.array([(at & (g == j)).sum() for j in range(k)])
        d_g = np.array([((t == time) & e & (g == j)).sum() for j in range(k)])
        o_minus_e += d_g - d * n_g / n
        if n > 1:
            p = n_g / n
            v += d * (n - d) / (n - 1) * (np.diag(p) - np.outer(p, p))
    chi2 = o_minus_e[:-1] @ np.linalg.solve(v[:-1, :-1], o_minus_e[:-1])
    assert res.df == 2
    assert res.statistic == pytest.approx(chi2, rel=1e-9)
    assert res.p_value == pytest.approx(stats.chi2.sf(chi2, 2), rel=1e-9)
    assert res.p_value < 0.01  # the groups were drawn with different lifetimes


def test_logrank_needs_two_groups():
    with pytest.raises(ValueError):
        survival.logrank([1, 2], [True, True], ["a", "a"])


def test_median_lifetime_by_hand():
    # S: 0.8 after 5, 0.6 after 8, 0.3 after 12 -> median 12
    med = survival.median_lifetime([5, 8, 8, 12, 20], [True, True, False, True, False])
    assert med.estimate == 12.0
    assert med.lower is None or med.lower <= 12.0
    assert survival.median_lifetime([1, 2, 3, 4], [True, False, False, False]).estimate is None
    t, e, _ = sample(groups=1, n=2000)
    med = survival.median_lifetime(t, e)
    km = survival.kaplan_meier(t, e)
    first = km.loc[km["survival"] <= 0.5, "time"].iloc[0]
    assert med.estimate == first
    assert med.lower <= med.estimate <= med.upper
    assert isinstance(survival.kaplan_meier(t, e), pd.DataFrame)
