"""The comparison (lib/compare): each test statistic against scipy or a hand calculation on a tiny
dataset, one side's figures by hand on a hand-made dataset, and on the demo the same numbers as
the pages that own them (overview, value, win-back)."""
from __future__ import annotations

import itertools
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from lib import compare, db, derived, lifecycle as lc, overview, recovery, risk, survival, value
from lib.compare import differences
from tests.test_overview import CHURN as OVERVIEW_CHURN
from tests.test_overview import TX as OVERVIEW_TX

AS_OF = date(2025, 12, 31)  # window: 2025-01-01..2025-12-31; base year: 2024-01-02..2024-12-31

# the overview's hand-made customers (tests/test_overview.py) up to the as-of date, split into two segments
TX = [row for row in OVERVIEW_TX if row[1] <= AS_OF.isoformat()]
CUSTOMERS = [("C1", "S1"), ("C2", "S1"), ("C3", "S1"), ("C4", "S2"), ("C5", "S2"), ("C6", "S2")]
CHURN = OVERVIEW_CHURN
WINBACK = [("C2", "2025-03-01", "spring", "call", "treatment", 10),   # no purchase after: not won
           ("C3", "2025-04-01", "spring", "call", "treatment", 10),   # no purchase after: not won
           ("C5", "2025-01-15", "spring", "call", "treatment", 10),   # buys 2025-03-01 (45 days): won
           ("C6", "2025-04-01", "spring", "call", "treatment", 10)]   # a credit note is no purchase


@pytest.fixture(scope="module")
def tiny():
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, *r) for r in TX])
    con.executemany("INSERT INTO customers (dataset_id, customer_id, segment) VALUES (?, ?, ?)",
                    [(ds, *r) for r in CUSTOMERS])
    con.executemany("INSERT INTO churn VALUES (?, ?, ?, ?, ?)", [(ds, *r) for r in CHURN])
    con.executemany("INSERT INTO winback VALUES (?, ?, ?, ?, ?, ?, ?)", [(ds, *r) for r in WINBACK])
    db.swap_in(con, "tiny", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return con, ds


def side_of(con, ds, filters, as_of=AS_OF):
    """One side's figures, from the same lib functions the loaders call."""
    start = compare.survival_start(date(2022, 6, 1), as_of)
    contacts = recovery.in_period(recovery.outcomes(recovery.contacts(con, ds, as_of), recovery.DEFAULT_N, as_of),
                                  *recovery.default_period(as_of, date(2022, 6, 1)))
    stage_frame = lc.stages(con, ds, as_of, lc.Thresholds())
    return compare.side_figures(compare.members(con, ds, filters)["customer_id"], compare.flags(con, ds, as_of),
                                value.customer_values(con, ds, as_of), risk.lifetimes(con, ds, start, as_of),
                                (as_of - start).days, lc.distribution(con, ds, stage_frame, filters), contacts)


# --- the tests, against scipy and by hand ------------------------------------------------------------------

def test_two_proportions_newcombe_and_fisher():
    # Newcombe (1998), table II, example (a): 56/70 vs 48/80, interval 0.0524 to 0.3339
    d = compare.proportions(56, 70, 48, 80)
    assert (d.diff, d.lo, d.hi) == pytest.approx((0.2, 0.0524, 0.3339), abs=5e-5)
    assert d.p_value == pytest.approx(sps.fisher_exact([[56, 14], [48, 32]]).pvalue, rel=1e-12)
    assert d.statistic == pytest.approx((56 * 32) / (14 * 48))   # the sample odds ratio
    assert compare.proportions(1, 5, 0, 0) is None


def test_fisher_by_hand_on_a_tiny_table():
    # [[3, 1], [1, 3]]: hypergeometric with 4 of 8 successes, 4 drawn; P(X=k) = C(4,k) C(4,4-k) / C(8,4)
    probs = {k: math.comb(4, k) * math.comb(4, 4 - k) / math.comb(8, 4) for k in range(5)}
    p_by_hand = sum(p for p in probs.values() if p <= probs[3] + 1e-12)   # 34/70
    assert compare.proportions(3, 4, 1, 4).p_value == pytest.approx(p_by_hand, abs=1e-12)
    assert p_by_hand == pytest.approx(34 / 70)


def test_welch_by_hand():
    a, b = np.array([1.0, 2, 3, 4]), np.array([2.0, 4, 6, 8, 10])
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size       # 5/12 and 2
    t_stat = (a.mean() - b.mean()) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (a.size - 1) + vb ** 2 / (b.size - 1))   # Welch-Satterthwaite
    half = sps.t.ppf(0.975, df) * math.sqrt(va + vb)
    d = compare.welch(a, b)
    assert d.diff == pytest.approx(-3.5)
    assert d.statistic == pytest.approx(t_stat, rel=1e-12) and t_stat == pytest.approx(-2.2514, abs=1e-4)
    assert d.p_value == pytest.approx(2 * sps.t.sf(abs(t_stat), df), rel=1e-10)
    assert (d.lo, d.hi) == pytest.approx((-3.5 - half, -3.5 + half), rel=1e-10)
    assert compare.welch(np.array([1.0]), b) is None


def test_mann_whitney_by_hand():
    a, b = np.array([4.0, 6, 9, 10]), np.array([1.0, 2, 3, 5, 7])
    u_by_hand = sum((x > y) + 0.5 * (x == y) for x in a for y in b)   # pairs where a wins: 3 + 4 + 5 + 5
    # the exact two-sided p: U of every way to give 4 of the 9 ranks to A (126, equally likely)
    us = [sum(r - i for i, r in enumerate(sorted(ranks))) for ranks in itertools.combinations(range(9), 4)]
    p_by_hand = min(1.0, 2 * min(np.mean(np.array(us) >= u_by_hand), np.mean(np.array(us) <= u_by_hand)))
    d = compare.mann_whitney(a, b)
    assert d.statistic == u_by_hand == 17
    assert d.p_value == pytest.approx(p_by_hand, rel=1e-12) and p_by_hand == pytest.approx(14 / 126)
    assert d.p_value == pytest.approx(sps.mannwhitneyu(a, b, alternative="two-sided").pvalue)
    assert d.diff == pytest.approx(7.5 - 3.0)   # medians
    assert compare.mann_whitney(np.array([1.0, 1]), np.array([1.0])) is None


def test_logrank_by_hand():
    # A lost on days 1, 2, 3; B on days 4, 5, 6. Per loss time: expected A = n_A / n, variance
    # n_A n_B d (n - d) / (n^2 (n - 1)); only the first three times have A at risk.
    e_a = 3 / 6 + 2 / 5 + 1 / 4
    v = 3 * 3 / 36 + 2 * 3 / 25 + 1 * 3 / 16
    chi2 = (3 - e_a) ** 2 / v
    d = compare.logrank([1, 2, 3], [True] * 3, [4, 5, 6], [True] * 3, diff=0.25)
    assert d.statistic == pytest.approx(chi2, rel=1e-9) and chi2 == pytest.approx(5.0517, abs=1e-4)
    assert d.p_value == pytest.approx(sps.chi2.sf(chi2, 1), rel=1e-9)
    assert (d.diff, d.df) == (0.25, 1)
    assert compare.logrank([1, 2], [False, False], [3], [False]).p_value == 1.0   # no loss: nothing differs


def test_weighted_gini_is_the_gini_of_the_repeated_values():
    rng = np.random.default_rng(3)
    v, w = rng.lognormal(3, 1, 300), rng.integers(0, 4, 300)
    assert value.gini(v, w) == pytest.approx(value.gini(np.repeat(v, w)), rel=1e-12)
    # and both are the mean absolute difference over twice the mean (an independent formula)
    x = np.repeat(v, w)
    assert value.gini(v, w) == pytest.approx(np.abs(x[:, None] - x[None, :]).mean() / (2 * x.mean()), rel=1e-10)
    assert value.gini(np.array([5.0, 1.0]), np.array([0, 0])) == 0.0


def _gini_mad(x: np.ndarray) -> float:
    x = np.clip(x, 0, None)
    return float(np.abs(x[:, None] - x[None, :]).mean() / (2 * x.mean()))


def test_gini_bootstrap_against_a_plain_resampling():
    rng = np.random.default_rng(11)
    a, b = rng.lognormal(3, 1.0, 120), rng.lognormal(3, 1.4, 90)
    d = compare.gini_bootstrap(a, b, reps=300, seed=5)
    # the same draws, resampled as arrays and measured by the mean-absolute-difference formula
    draw = np.random.default_rng(5)
    sa, sb = np.sort(a), np.sort(b)
    diffs = np.array([_gini_mad(sa[draw.integers(0, sa.size, sa.size)]) - _gini_mad(sb[draw.integers(0, sb.size, sb.size)])
                      for _ in range(300)])
    assert d.diff == pytest.approx(_gini_mad(a) - _gini_mad(b), rel=1e-10)
    assert (d.lo, d.hi) == pytest.approx(tuple(np.quantile(diffs, [0.025, 0.975])), rel=1e-9)
    tail = min((diffs <= 0).sum(), (diffs >= 0).sum())
    assert d.p_value == pytest.approx((1 + 2 * tail) / 301)
    assert d.reps == 300 and d.lo < d.diff < d.hi
    # a fixed seed: the same interval every time
    assert compare.gini_bootstrap(a, b, reps=300, seed=5) == d
    assert compare.gini_bootstrap(a, np.array([])) is None


def test_gini_bootstrap_finds_a_real_difference_and_not_a_false_one():
    rng = np.random.default_rng(2)
    equal = compare.gini_bootstrap(rng.lognormal(3, 1, 2000), rng.lognormal(3, 1, 2000))
    unequal = compare.gini_bootstrap(rng.lognormal(3, 0.5, 2000), rng.lognormal(3, 1.5, 2000))
    assert equal.lo < 0 < equal.hi and equal.p_value > 0.05 and equal.reps == compare.BOOTSTRAP_REPS
    assert unequal.hi < 0 and unequal.p_value < 0.001


def test_stage_mix_chi_square_by_hand():
    a, b = np.array([10, 20, 0, 30]), np.array([15, 15, 0, 30])
    # expected cells: row total x column total / 120 over the three stages with customers
    observed = np.array([[10, 20, 30], [15, 15, 30]], dtype=float)
    expected = observed.sum(axis=1, keepdims=True) * observed.sum(axis=0) / observed.sum()
    chi2 = ((observed - expected) ** 2 / expected).sum()
    d = compare.mix(a, b)
    assert d.statistic == pytest.approx(chi2) and chi2 == pytest.approx(1.7143, abs=1e-4)
    assert d.df == 2 and d.p_value == pytest.approx(sps.chi2.sf(chi2, 2))
    assert compare.mix(np.array([3, 0]), np.array([4, 0])) is None


def test_evidence_words_follow_lib_stats():
    assert compare.proportions(90, 100, 10, 100).evidence == "very_strong"
    assert compare.proportions(5, 10, 5, 10).evidence == "none"


# --- what a side is ----------------------------------------------------------------------------------------

def test_sides_and_filters():
    assert compare.filters_for("datasets", "x") == lc.Filters()
    assert compare.filters_for("channel", "Messe") == lc.Filters(channels=("Messe",))
    assert compare.filters_for("cohort_year", "2024") == lc.Filters(cohort_from=date(2024, 1, 1),
                                                                    cohort_to=date(2024, 12, 1))
    assert compare.filters_for("cohort_quarter", "2025-Q4") == lc.Filters(cohort_from=date(2025, 10, 1),
                                                                         cohort_to=date(2025, 12, 1))
    assert compare.cohort_id(date(2024, 12, 1), "cohort_quarter") == "2024-Q4"


# --- one side by hand ----------------------------------------------------------------------------------------

def test_side_figures_by_hand(tiny):
    con, ds = tiny
    s1 = side_of(con, ds, lc.Filters(segments=("S1",)))
    s2 = side_of(con, ds, lc.Filters(segments=("S2",)))
    # S1: C1 stays (100 this year), C2 silent loss, C3 lost at its churn record after buying 50
    assert (s1.customers, s1.active, s1.churn_base, s1.churned) == (3, 2, 3, 2)
    assert s1.revenue_12m == pytest.approx(150) and s1.revenue_per_customer == pytest.approx(75)
    # S2: C4 back after 2.5 years (70), C5 back after a recorded loss (30), C6 a credit note only
    assert (s2.customers, s2.active, s2.churn_base, s2.churned) == (3, 2, 1, 0)
    assert s2.revenue_12m == pytest.approx(90) and sorted(s2.revenue_active) == [30, 70]
    # Gini of (0, 50, 100) and of (0 [a credit note counts as 0], 30, 70): mean absolute difference / 2 mean
    assert s1.concentration.gini == pytest.approx(400 / 900) and s2.concentration.gini == pytest.approx(280 / 600)
    assert s1.concentration.top_share(0.2) == pytest.approx(100 / 150)
    # win-back: S1 0 of 2 treated contacts won back, S2 1 of 2 (C5 bought 45 days after the contact)
    assert (s1.winback.treated.k, s1.winback.treated.n, s2.winback.treated.k, s2.winback.treated.n) == (0, 2, 1, 2)
    c = compare.compare(s1, s2)
    table = c.table().set_index("metric")
    assert table.loc["churn_rate", "diff"] == pytest.approx(2 / 3 - 0)
    assert table.loc["churn_rate", "p_value"] == pytest.approx(sps.fisher_exact([[2, 1], [0, 1]]).pvalue)
    assert table.loc["winback_rate", "diff"] == pytest.approx(-0.5)
    assert table.loc["revenue_per_customer", "p_value"] == pytest.approx(
        sps.ttest_ind([100, 50], [70, 30], equal_var=False).pvalue)
    assert table.loc["customers", "test"] == "" and math.isnan(table.loc["customers", "p_value"])
    assert list(table.index) == [m for m, _ in compare.HEADLINE]


def test_the_whole_dataset_is_the_overview(tiny):
    con, ds = tiny
    whole = side_of(con, ds, lc.Filters())
    k = overview.kpis(con, ds, AS_OF)
    assert (whole.customers, whole.active, whole.churn_base, whole.churned) == (
        k.customers, k.active_customers, k.churn_base, k.churned)
    assert whole.revenue_12m == pytest.approx(k.revenue_12m)


# --- on the demo: the same numbers as the pages that own them ------------------------------------------------

@pytest.fixture(scope="module")
def demo_side(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    return ds, as_of, side_of(demo_con, ds, lc.Filters(), as_of)


def test_demo_whole_dataset_matches_overview_value_and_winback(demo_con, demo_side):
    ds, as_of, whole = demo_side
    k = overview.kpis(demo_con, ds, as_of)
    assert (whole.customers, whole.active, whole.churned, whole.churn_base) == (
        k.customers, k.active_customers, k.churned, k.churn_base)
    assert whole.revenue_12m == pytest.approx(k.revenue_12m, rel=1e-9)
    conc = value.concentration(value.customer_values(demo_con, ds, as_of), "revenue_12m")
    assert whole.concentration.gini == pytest.approx(conc.gini) and whole.concentration.top_share(0.2) == pytest.approx(
        conc.top_share(0.2))
    first = db.scalar(demo_con, "SELECT min(date) FROM transactions WHERE dataset_id = ?", [ds])
    chosen = recovery.in_period(recovery.outcomes(recovery.contacts(demo_con, ds, as_of), recovery.DEFAULT_N, as_of),
                                *recovery.default_period(as_of, first))
    assert whole.winback.treated == recovery.effect(chosen).treated


def test_demo_retention_is_the_kaplan_meier_by_hand(demo_con, demo_side):
    ds, as_of, whole = demo_side
    life = whole.lifetimes
    # product-limit by hand over the loss days up to 365
    s = 1.0
    for day in sorted(life.loc[life["observed"] & (life["duration"] <= 365), "duration"].unique()):
        at_risk = (life["duration"] >= day).sum()
        lost = (life["observed"] & (life["duration"] == day)).sum()
        s *= 1 - lost / at_risk
    assert whole.retention[0] == pytest.approx(s, rel=1e-10)
    assert whole.retention[1] < s < whole.retention[2]


def test_demo_segments_partition_the_customers(demo_con, demo_side):
    ds, as_of, whole = demo_side
    segments = lc.dimensions(demo_con, ds)["segment"]
    sides = [side_of(demo_con, ds, compare.filters_for("segment", s), as_of) for s in segments]
    assert sum(s.customers for s in sides) == whole.customers
    assert sum(s.churned for s in sides) == whole.churned
    assert sum(s.winback.treated.n for s in sides) == whole.winback.treated.n
    c = compare.compare(sides[0], sides[1])
    assert set(c.tests) >= {m for m, _ in compare.HEADLINE if m not in ("customers", "revenue_12m", "top20_share")}
    assert all(0 <= d.p_value <= 1 for d in c.tests.values() if d is not None)
