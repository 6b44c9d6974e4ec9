"""Churn risk (lib/risk/): every signal on hand-made customers, the outcome, the
lifetimes, the logistic fit against a direct scipy optimisation, AUC against Mann-Whitney, the
backtest on the demo data, the snapshot P(alive) and the score CLI."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special, stats

from lib import cli, db, demo, derived, i18n, metrics, risk
from lib import lifecycle as lc
from lib.risk.signals import _day_number
from tests.conftest import d, monthly

AS_OF = date(2025, 6, 30)  # window 90: recent (2025-04-01, 2025-06-30], baseline (2024-04-01, 2025-04-01]



REGULAR = monthly(d("2024-03-15"), d("2025-06-15"))


@pytest.fixture(scope="module")
def hand():
    """Hand-made customers, each built to show one signal, stage or outcome."""
    purchases = {
        "F": monthly(d("2024-03-15"), d("2025-03-15")) + [d("2025-04-15")],  # fewer purchases, less revenue
        "S": monthly(d("2024-03-15"), d("2025-01-15")),                       # silence (166 days)
        "Q": monthly(d("2024-03-15"), d("2024-11-15")),                       # goes quiet: silent loss
        "N": [d("2025-05-01"), d("2025-06-01")],                              # new customer
        "L": monthly(d("2024-03-15"), d("2025-02-15")),                       # churn record after the last purchase
        "Z": monthly(d("2024-05-01"), d("2024-10-01"), day=1),                # sleeping at the as-of date
        "M": monthly(d("2023-05-15"), d("2025-06-15")),                       # mature
        "W": monthly(d("2023-06-15"), d("2024-06-15")) + [d("2025-03-01"), d("2025-04-01"), d("2025-05-01")],
        **{c: REGULAR for c in ("C", "D", "K", "X", "I", "P", "O", "R")},
    }
    tx = [(c, day, 100.0) for c, days in purchases.items() for day in days]
    # declining: 100 a month in the year before the last 12 months, 50 a month in them
    tx += [("E", day, 100.0 if day <= d("2024-06-30") else 50.0) for day in monthly(d("2023-07-15"), d("2025-06-15"))]
    events = [
        ("C", "2024-08-01", "complaint", "inbound"), ("C", "2025-05-01", "complaint", "inbound"),
        ("C", "2025-06-01", "complaint", "inbound"),
        ("D", "2024-06-01", "dispute", "inbound"), ("D", "2025-06-10", "dispute", "inbound"),
        ("K", "2025-05-20", "competitor_mention", "inbound"),
        ("X", "2025-06-20", "cancellation_notice", "inbound"),
        *[("I", day.isoformat(), "contact", "inbound") for day in monthly(d("2024-04-10"), d("2025-03-10"), day=10)],
        ("I", "2025-05-05", "contact", "outbound"),
    ]
    invoices = [
        ("P", "2024-06-30", "2024-06-30", 100), ("P", "2024-12-31", "2024-12-28", 100),
        ("P", "2025-05-31", "2025-06-25", 100),
        ("O", "2025-05-15", None, 100), ("O", "2025-06-15", None, 100),
    ]
    churn = [("L", "2025-02-20", "price", "cancellation"), ("L2", "2025-03-01", "price", "cancellation")]
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, c, day, amount) for c, day, amount in tx])
    con.executemany("INSERT INTO events (dataset_id, customer_id, date, type, direction) VALUES (?, ?, ?, ?, ?)",
                    [(ds, *e) for e in events])
    con.executemany("INSERT INTO invoices (dataset_id, customer_id, invoice_date, due_date, amount, paid_date) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(ds, c, due, due, amount, paid) for c, due, paid, amount in invoices])
    con.executemany("INSERT INTO churn VALUES (?, ?, ?, ?, ?)", [(ds, *c) for c in churn])
    con.executemany("INSERT INTO customers (dataset_id, customer_id, name, segment, acquisition_channel, "
                    "first_contact_date, account_manager) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(ds, "PR", "Prospect AG", "B2B SME", "Messe", d("2025-01-01"), "A. Becker"),
                     (ds, "R", "Regular GmbH", "B2B SME", "Messe", d("2024-03-01"), "A. Becker")])
    db.swap_in(con, "hand", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return con, ds


def signals_at(hand, snap=AS_OF, data_end=AS_OF, **settings):
    con, ds = hand
    s = risk.Settings(**settings)
    raw = risk.raw_signals(con, ds, [snap], data_end, s)
    table, features = risk.signal_table(raw, np.full(len(raw), np.nan), s.window)
    act = risk.activity(raw, s.horizon)
    frame = pd.concat([raw, table.add_prefix("v_"), act], axis=1).set_index("customer_id")
    return frame, features


def flagged(frame, customer):
    row = frame.loc[customer]
    return {s for s in risk.SIGNALS if row[f"v_flag_{s}"]}


def test_every_signal_on_hand_made_customers(hand):
    f, _ = signals_at(hand)
    expected_days = 12 * 90 / 365
    # fewer purchases and less revenue: 1 purchase day (100) against 12 in a full baseline year
    assert f.loc["F", "base_exposure"] == 365 and f.loc["F", "base_days"] == 12
    assert f.loc["F", "v_frequency_drop"] == pytest.approx(1 - 1 / expected_days)
    assert f.loc["F", "v_revenue_drop"] == pytest.approx(1 - 100 / (1200 * 90 / 365))
    assert flagged(f, "F") == {"frequency_drop", "revenue_drop"}
    # silence: 166 days idle, more than half of the 180-day sleeping threshold
    assert f.loc["S", "v_silence"] == (AS_OF - d("2025-01-15")).days == 166
    assert flagged(f, "S") == {"frequency_drop", "revenue_drop", "silence"}
    # complaints: 2 in the window against 1 a year before -> expected 0.25, flagged
    assert f.loc["C", "v_complaints"] == 2
    assert f.loc["C", "v_expected_complaints"] == pytest.approx(90 / 365)
    assert flagged(f, "C") == {"complaints"}
    # the baseline dispute does not count, the recent one does
    assert f.loc["D", "v_disputes"] == 1 and flagged(f, "D") == {"disputes"}
    assert flagged(f, "K") == {"competitor"} and flagged(f, "X") == {"cancellation", "open_notice"}
    # fewer inbound contacts: 12 in the baseline (2.96 expected), none recently; outbound ones do not count
    assert f.loc["I", "v_inbound_decline"] == pytest.approx(1.0)
    assert flagged(f, "I") == {"inbound_decline"}
    assert f.loc["I", "last_contact"] == _day_number(d("2025-05-05"))
    # paying later: 25 days late now against -1.5 in the baseline
    assert f.loc["P", "v_payment_delay"] == pytest.approx(25 - (0 - 3) / 2)
    assert flagged(f, "P") == {"payment_delay"}
    # overdue: one invoice open 46 days after its due date, one only 15 (not yet overdue); open
    # invoices count as late by their days overdue so far
    assert f.loc["O", "v_overdue"] == 1 and f.loc["O", "overdue_amount"] == 100
    assert f.loc["O", "v_payment_delay"] == pytest.approx((46 + 15) / 2)
    assert flagged(f, "O") == {"overdue", "payment_delay"}
    # new: first purchase 60 days ago; no baseline to judge drops by
    assert f.loc["N", "v_new_customer"] == 60 and np.isnan(f.loc["N", "v_frequency_drop"])
    assert flagged(f, "N") == {"new_customer"}
    # the steady customer raises nothing; P(alive) without a fitted model is not judged
    assert flagged(f, "R") == set() and np.isnan(f.loc["R", "v_p_alive"])


def test_features_are_finite_and_ordered(hand):
    f, features = signals_at(hand)
    assert features.shape == (len(f), len(risk.FEATURES)) and np.isfinite(features).all()
    x = pd.DataFrame(features, index=f.index, columns=[name for name, _ in risk.FEATURES])
    assert x.loc["X", "cancellation"] == 1 and x.loc["R", "cancellation"] == 0
    assert x.loc["X", "open_notice"] == 1 and x.loc["R", "open_notice"] == 0
    assert x.loc["S", "idle_share"] == pytest.approx(166 / 180)
    # 166 idle days against a usual gap of 306 / 10 days
    assert x.loc["S", "idle_gaps"] == pytest.approx(np.log1p(166 / (306 / 10)))
    assert x.loc["F", "frequency_drop_90"] == pytest.approx(np.log((12 * 90 / 365 + 0.5) / 1.5))
    # the last 30 days (no purchase) against the 365 before them: 2024-06-15 .. 2025-04-15, 11 days
    assert x.loc["F", "frequency_drop_30"] == pytest.approx(np.log((11 * 30 / 365 + 0.5) / 0.5))
    # every feature belongs to exactly one signal, every signal has a feature
    assert (risk.FEATURE_SIGNAL.sum(axis=1) == 1).all() and (risk.FEATURE_SIGNAL.sum(axis=0) >= 1).all()


def test_who_is_active_and_who_was_lost(hand):
    f, _ = signals_at(hand)
    assert not f.loc["L", "active"]   # churn record after the last purchase
    assert not f.loc["Z", "active"]   # 272 days idle: sleeping
    assert f.loc["S", "active"] and f.loc["N", "active"] and f.loc["R", "active"]
    # outcome within 180 days after 2024-12-31 (data up to the as-of date)
    g, _ = signals_at(hand, snap=d("2024-12-31"))
    assert g.loc["L", "lost"] and g.loc["L", "loss_day"] == _day_number(d("2025-02-20"))
    # Q goes quiet after 2024-11-15: sleeping once more than 180 days idle, on 2025-05-15
    assert g.loc["Q", "lost"] and g.loc["Q", "loss_day"] == _day_number(d("2025-05-15"))
    assert not g.loc["R", "lost"] and not g.loc["S", "lost"]
    assert "N" not in g.index  # no purchase yet


def test_stage_thresholds_move_who_is_active(hand):
    # S: 11 monthly purchases up to 2025-01-15 (usual gap 30.6 days), 166 days idle at AS_OF
    f, _ = signals_at(hand)
    assert f.loc["S", "idle_limit"] == 180 and f.loc["S", "active"]
    f, _ = signals_at(hand, rules=lc.Thresholds(sleep_days=120))
    assert f.loc["S", "idle_limit"] == 120 and not f.loc["S", "active"]   # sleeping now
    f, _ = signals_at(hand, rules=lc.Thresholds(sleep_days=120, sleep_factor=6.0))
    assert f.loc["S", "idle_limit"] == pytest.approx(6 * 306 / 10) and f.loc["S", "active"]
    f, _ = signals_at(hand, rules=lc.Thresholds(sleep_days=300, lost_days=150))
    assert f.loc["S", "idle_limit"] == 150 and not f.loc["S", "active"]   # lost comes first


def test_window_setting_changes_the_windows(hand):
    f, _ = signals_at(hand, window=30)
    # complaints on 2025-06-01 only (the 2025-05-01 one is outside the last 30 days)
    assert f.loc["C", "v_complaints"] == 1


def test_nothing_after_the_data_end_is_read(hand):
    con, ds = hand
    early = risk.raw_signals(con, ds, [d("2025-01-31")], d("2025-01-31")).set_index("customer_id")
    assert np.isnan(early.loc["S", "next_purchase"])  # the 2025-02 purchases lie after the data end
    assert np.isnan(early.loc["L", "next_churn"])


def test_lifetimes_from_a_start_date(hand):
    con, ds = hand
    life = risk.lifetimes(con, ds, d("2024-12-31"), AS_OF).set_index("customer_id")
    assert life.loc["L", ["duration", "observed"]].tolist() == [51, True]
    assert life.loc["Q", ["duration", "observed"]].tolist() == [135, True]
    assert life.loc["Z", ["duration", "observed"]].tolist() == [90, True]   # 2024-10-01 + 181 days
    assert life.loc["R", ["duration", "observed"]].tolist() == [181, False]
    assert life.loc["S", ["duration", "observed"]].tolist() == [181, False]
    assert "N" not in life.index and life.loc["R", "segment"] == "B2B SME"
    one = risk.survival_by(life.reset_index(), "stage")  # all growing at the start: one group, no test
    assert one.test is None and one.medians["customers"].tolist() == [len(life)]
    two = risk.survival_by(life.reset_index(), "segment")  # R has a segment, the others none ('—')
    assert set(two.medians["group"]) == {"B2B SME", "—"} and two.test.df == 1


def test_story_of_one_customer(hand):
    con, ds = hand
    scorer = risk.Scorer("rules")
    s = risk.story(con, ds, "O", AS_OF, risk.Settings(), scorer)
    assert s.found and s.active and s.stage == "growing"
    kinds = s.timeline["kind"].value_counts()
    assert kinds["purchase"] == len(REGULAR) and kinds["invoice"] == 2
    assert s.timeline.loc[s.timeline["kind"] == "invoice", "days_late"].tolist() == [46, 15]
    sig = s.signals.set_index("signal")
    assert sig.loc["overdue", "flag"] and sig.loc["overdue", "contribution"] == 10
    assert s.score == 20  # overdue 10 + paying later 10 points
    # month ends since the first purchase (2024-03-15) and the as-of date
    assert len(s.monthly) == 16 and s.monthly["snap"].max() == np.datetime64(AS_OF)
    missing = risk.story(con, ds, "nobody", AS_OF, risk.Settings(), scorer)
    assert not missing.found and missing.signals is None


def test_short_history_falls_back_to_the_rules(hand):
    con, ds = hand
    a = risk.assess(con, ds, AS_OF)
    assert a.method == "rules" and a.reason == "few_outcomes"
    assert risk.assess(con, ds, AS_OF, risk.Settings(method="rules")).reason == "chosen"
    assert risk.assess(con, ds, d("2024-01-01")).reason == "short_history"  # cutoff 2023-07-05: < 90 days of data
    sc = risk.score(a, risk.Weights())
    i = a.frame.index[a.frame["customer_id"] == "S"][0]
    assert sc.score[i] == 15 + 10 + 15  # fewer purchases + less revenue + silence
    assert [risk.SIGNALS[j] for j in sc.drivers[i]] == ["frequency_drop", "silence", "revenue_drop"]


# --- maths --------------------------------------------------------------------------------------------

def known_problem(n=600, seed=11):
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(size=n), rng.integers(0, 2, n), rng.exponential(2.0, n)])
    eta = -1.0 + 0.8 * X[:, 0] + 1.2 * X[:, 1] - 0.3 * X[:, 2]
    return X, rng.random(n) < special.expit(eta)


def test_logistic_fit_equals_a_direct_scipy_optimisation():
    X, y = known_problem()
    fit = risk.fit_logistic(X, y, l2=0.0)

    def nll(w):  # written independently: no gradient, raw scale, plain formula
        p = special.expit(w[0] + X @ w[1:])
        return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))

    ref = optimize.minimize(nll, np.zeros(4), method="BFGS", options={"gtol": 1e-8})
    assert fit.converged
    np.testing.assert_allclose(fit.coef, ref.x[1:], atol=1e-4)
    assert fit.intercept == pytest.approx(ref.x[0], abs=1e-4)
    assert fit.loglik == pytest.approx(-ref.fun, rel=1e-8)
    # standard errors: the inverse of the Hessian of the negative log-likelihood
    p = special.expit(ref.x[0] + X @ ref.x[1:])
    Z = np.column_stack([np.ones(len(X)), X])
    cov = np.linalg.inv((Z * (p * (1 - p))[:, None]).T @ Z)
    np.testing.assert_allclose(fit.se, np.sqrt(np.diag(cov))[1:], rtol=1e-3)


def test_ridge_penalty_acts_on_standardised_coefficients():
    X, y = known_problem()
    lam = 0.05
    mean, sd = X.mean(axis=0), X.std(axis=0)
    Z = (X - mean) / sd

    def objective(w):
        p = special.expit(w[0] + Z @ w[1:])
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + lam / 2 * np.sum(w[1:] ** 2)

    ref = optimize.minimize(objective, np.zeros(4), method="BFGS", options={"gtol": 1e-9})
    fit = risk.fit_logistic(X, y, l2=lam)
    np.testing.assert_allclose(fit.standardised, ref.x[1:], atol=1e-5)
    assert np.all(np.abs(fit.standardised) < np.abs(risk.fit_logistic(X, y, l2=0).standardised))


def test_constant_features_get_no_weight_and_one_class_fails():
    X, y = known_problem()
    X = np.column_stack([X, np.zeros(len(X))])
    fit = risk.fit_logistic(X, y)
    assert fit.coef[-1] == 0 and np.isnan(fit.se[-1])
    with pytest.raises(risk.FitError):
        risk.fit_logistic(X, np.zeros(len(X)))


def test_contributions_add_up_to_the_log_odds():
    X, y = known_problem()
    fit = risk.fit_logistic(X, y)
    base = fit.intercept + fit.mean @ fit.coef
    np.testing.assert_allclose(fit.contributions(X).sum(axis=1) + base, fit.logit(X))
    # two features of one signal (frequency drop over 90 and 30 days) and one of another
    names = [name for name, _ in risk.FEATURES]
    cols = [names.index("frequency_drop_90"), names.index("frequency_drop_30"), names.index("complaints")]
    features = np.zeros((len(X), len(names)))
    features[:, cols] = X
    coef, mean = np.zeros(len(names)), np.zeros(len(names))
    coef[cols], mean[cols] = fit.coef, fit.mean
    scorer = risk.Scorer("logistic", fit.intercept, tuple(coef), tuple(mean))
    score, contrib = scorer.score(features, np.zeros((len(X), len(risk.SIGNALS)), bool))
    np.testing.assert_allclose(score, 100 * fit.predict(X))
    parts = fit.contributions(X)
    np.testing.assert_allclose(contrib[:, risk.SIGNALS.index("frequency_drop")], parts[:, 0] + parts[:, 1])
    np.testing.assert_allclose(contrib[:, risk.SIGNALS.index("complaints")], parts[:, 2])
    np.testing.assert_allclose(contrib.sum(axis=1) + base, fit.logit(X))


def test_rule_score_is_capped_points():
    flags = np.zeros((2, len(risk.SIGNALS)), bool)
    flags[0, :] = True
    flags[1, risk.SIGNALS.index("disputes")] = True
    score, contrib = risk.Scorer("rules", weights=risk.Weights.from_dict({"disputes": 25})).score(
        np.zeros(flags.shape), flags)
    assert score.tolist() == [100.0, 25.0] and contrib[1].sum() == 25


def test_auc_equals_mann_whitney_and_the_roc_area():
    rng = np.random.default_rng(3)
    y = rng.random(3000) < 0.2
    s = np.round(rng.normal(y * 0.8, 1.0), 1)  # rounded: ties
    mw = stats.mannwhitneyu(s[y], s[~y]).statistic / (y.sum() * (~y).sum())
    assert risk.auc(s, y) == pytest.approx(mw, rel=1e-12)
    roc = risk.roc_curve(s, y, points=10_000)
    assert np.trapezoid(roc["tpr"], roc["fpr"]) == pytest.approx(mw, rel=1e-9)
    assert len(risk.roc_curve(s, y, points=50)) <= 53
    assert np.isnan(risk.auc(s, np.zeros_like(y)))


def test_bands_gains_and_wilson():
    s = np.array([90, 80, 70, 40, 30, 20, 10, 5, 2, 1.0])
    y = np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 0], bool)
    table = risk.band_table(s, y, (25, 60)).set_index("band")
    assert table.loc["high", ["customers", "lost"]].tolist() == [3, 2]
    assert table.loc["medium", "precision"] == pytest.approx(0.5)
    assert table.loc["low", "recall_at_or_above"] == 1.0
    g = risk.gains(s, y, steps=10)
    assert g["gain"].tolist()[:4] == pytest.approx([0, 1 / 3, 2 / 3, 2 / 3])
    assert g["lift"].iloc[1] == pytest.approx((1 / 3) / 0.1)
    lo, hi = risk.wilson(np.array([3, 0]), np.array([10, 0]))
    ci = stats.binomtest(3, 10).proportion_ci(method="wilson")
    assert (lo[0], hi[0]) == pytest.approx((ci.low, ci.high)) and np.isnan(lo[1])


def test_signal_evidence_counts():
    flags = np.array([[1, 0], [1, 1], [0, 1], [0, 0]], bool).repeat(1, axis=0)
    flags = np.pad(flags, ((0, 0), (0, len(risk.SIGNALS) - 2)))
    y = np.array([1, 1, 0, 0], bool)
    ev = risk.signal_evidence(flags, y).set_index("signal")
    assert ev.loc["frequency_drop", ["with_flag", "lost_with", "without_flag", "lost_without"]].tolist() == [2, 2, 2, 0]
    judged = np.ones_like(flags)
    judged[3, 1] = False
    ev = risk.signal_evidence(flags, y, judged).set_index("signal")
    assert ev.loc["revenue_drop", ["with_flag", "without_flag"]].tolist() == [2, 1]


# --- on the demo data -------------------------------------------------------------------------------------

def test_snapshot_p_alive_at_the_as_of_date_is_the_metric(demo_con):
    """The signals need P(alive) at past snapshots too (the training cutoff, the backtest, the
    months of a story), where no CLV model is fitted: risk fits the BG/NBD model of lib.clv on
    each snapshot. At the as-of date that is the per-customer metric (lib.metrics)."""
    ds = db.dataset_id(demo_con, "demo")
    as_of = d("2025-12-31")
    raw = risk.raw_signals(demo_con, ds, [as_of], as_of)
    alive, params = risk.fit_p_alive(raw)
    ours = pd.Series(alive, index=raw["customer_id"]).sort_index()
    theirs = metrics.customer_metrics(demo_con, ds, as_of).frame.set_index("customer_id")["p_alive"].dropna()
    assert ours.index.equals(theirs.index)
    np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), atol=1e-6)


def test_backtest_is_clearly_better_than_chance_out_of_time(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    bt = risk.backtest(demo_con, ds, d("2025-07-04"))
    assert bt.method == "logistic" and bt.training.cutoff == d("2025-01-05")
    assert bt.auc > 0.7, bt.auc
    assert bt.auc == risk.backtest_auc(demo_con, ds, d("2025-07-04"))
    # the lead time follows the customers active at the cutoff (a sleeping one's loss began before it)
    assert 0 < bt.lead_sampled <= risk.LEAD_SAMPLE and 0 < bt.lead_total <= int(bt.lost.sum())
    leads = risk.lead_times(bt, 15)
    assert len(leads) == bt.lead_sampled
    assert leads["lead_days"].dropna().between(0, 400).all()
    hist = risk.lead_histogram(leads)
    assert hist["customers"].sum() == len(leads)
    # high scores find the lost customers: the top tenth holds several times its share
    assert risk.gains(bt.score, bt.lost, 10)["lift"].iloc[1] > 2.5
    # the evidence: cancellation notices and disputes go with more losses
    ev = bt.evidence.set_index("signal")
    assert ev.loc["cancellation", "rate_with"] > 3 * ev.loc["cancellation", "rate_without"]


def test_watch_list_and_quadrants(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    as_of = d("2025-12-31")
    a = risk.assess(demo_con, ds, as_of)
    sc = risk.score(a)
    groups = metrics.with_basis(metrics.customer_metrics(demo_con, ds, as_of).frame, "revenue_12m")
    watch = risk.watch_frame(a, sc, groups, risk.customer_info(demo_con, ds))
    assert len(watch) == len(a.frame)
    assert watch["revenue_at_risk"].is_monotonic_decreasing
    assert watch["revenue_at_risk"].to_numpy() == pytest.approx(watch["value"].clip(lower=0) * watch["score"] / 100,
                                                                rel=1e-5)
    assert watch["value"].to_numpy() == pytest.approx(watch["revenue_12m"].to_numpy(), rel=1e-9, abs=1e-6)
    q = risk.quadrants(watch, 35).set_index("quadrant")
    assert list(q.index) == list(risk.QUADRANTS) and q["customers"].sum() == len(watch)
    assert q["revenue_at_risk"].sum() == pytest.approx(watch["revenue_at_risk"].sum())
    grid = risk.quadrant_grid(watch)
    assert grid["customers"].sum() == len(watch) and len(grid) <= 24 * 20


# --- the CLI -----------------------------------------------------------------------------------------------

def test_score_cli_writes_one_safe_row_per_customer(tmp_path, capsys):
    path = tmp_path / "s.duckdb"
    con = db.connect(path)
    demo.generate(con, "d", customers=300, seed=7)
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, "=1+1", d("2025-01-10"), 50), (ds, "plain", d("2025-02-10"), 20)])
    db.swap_in(con, "formula", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    con.close()
    out = tmp_path / "scores.csv"
    code = cli.main(["score", "--dataset", "d", "--as-of", "2025-12-31", "--out", str(out), "--db", str(path)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    table = pd.read_csv(out, encoding="utf-8-sig")
    # the codes for machines, each with its label beside it for people
    assert list(table.columns) == ["customer_id", "stage", "stage_label", "value_group", "value_group_label", "clv",
                                   "p_alive", "risk_score", "band", "band_label", "driver_1", "driver_1_label",
                                   "driver_2", "driver_2_label", "driver_3", "driver_3_label", "value_basis",
                                   "value_basis_label", "value", "revenue_at_risk"]
    assert (table.loc[table["band"] == "high", "band_label"] == "High").all()
    assert (table["value_basis_label"] == "Revenue, 12 months").all()
    assert set(table["driver_1_label"].dropna()) <= {i18n.t(f"risk.signal.{s}", "en") for s in risk.SIGNALS}
    assert table["customer_id"].is_unique and len(table) == 300
    scored = table.dropna(subset=["risk_score"])
    assert set(scored["stage"]) == set(table.loc[~table["stage"].isin(["lost", "prospect"]), "stage"])
    assert set(scored["band"]) <= set(risk.BANDS)
    assert table.loc[table["stage"].isin(["lost", "prospect"]), "risk_score"].isna().all()
    assert set(table["value_group"].dropna()) == {"high", "low"}
    assert set(table["driver_1"].dropna()) <= set(risk.SIGNALS)
    assert "customers written" in printed.out
    # in German: German labels, semicolons and decimal commas, as German Excel opens it
    de_out = tmp_path / "scores-de.csv"
    assert cli.main(["score", "--dataset", "d", "--as-of", "2025-12-31", "--out", str(de_out), "--db", str(path),
                     "--lang", "de"]) == 0, capsys.readouterr().err
    german = pd.read_csv(de_out, encoding="utf-8-sig", sep=";", decimal=",")
    assert german["customer_id"].tolist() == table["customer_id"].tolist()
    assert german["driver_1"].fillna("").tolist() == table["driver_1"].fillna("").tolist()   # codes unchanged
    assert (german.loc[german["band"] == "high", "band_label"] == "Hoch").all()
    assert (german["value_basis_label"] == "Umsatz 12 Monate").all()
    coded = german.dropna(subset=["driver_1"])
    assert len(coded) and all(label == i18n.t(f"risk.signal.{code}", "de")
                              for code, label in zip(coded["driver_1"], coded["driver_1_label"]))
    assert np.allclose(german["clv"].fillna(-1), table["clv"].fillna(-1))
    capsys.readouterr()
    code = cli.main(["score", "--dataset", "formula", "--as-of", "2025-02-10", "--out", str(out), "--db", str(path)])
    assert code == 0, capsys.readouterr().err
    assert "'=1+1" in out.read_text(encoding="utf-8-sig")  # a customer id cannot start a formula
    # a wrong date or folder is one line on stderr, exit 2
    assert cli.main(["score", "--dataset", "d", "--as-of", "2030-01-01", "--out", str(out), "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "outside the data" in err and len(err.strip().splitlines()) == 1
    assert cli.main(["score", "--dataset", "d", "--as-of", "2025-01-01", "--out", str(tmp_path / "no" / "x.csv"),
                     "--db", str(path)]) == 2
    assert "does not exist" in capsys.readouterr().err


# --- chart builders --------------------------------------------------------------------------------------

def test_chart_builders_give_small_valid_specs():
    from lib.charts import risk as charts

    rng = np.random.default_rng(2)
    score, lost = rng.uniform(0, 100, 5000), rng.random(5000) < 0.1
    labels = {b: b.title() for b in risk.BANDS}
    specs = {
        "hist": charts.score_histogram(risk.score_histogram(score, (15, 35)), (15, 35), score="S", customers="C",
                                       band="B", band_labels=labels),
        "roc": charts.roc(risk.roc_curve(score, lost), fpr="F", tpr="T", chance="x", auc_label="AUC"),
        "gains": charts.gains(risk.gains(score, lost), contacted="c", found="f", lift="l", model="m", chance="x"),
        "lead": charts.lead_histogram(risk.lead_histogram(pd.DataFrame({"lead_days": [np.nan, 10, 95]})),
                                      bucket="b", customers="c", missed_label="missed"),
        "km": charts.km_curves(pd.DataFrame({"group": ["a", "a"], "time": [0.0, 7.0], "survival": [1.0, 0.9],
                                             "lower": [1.0, 0.8], "upper": [1.0, 1.0], "at_risk": [9, 8]}),
                               days="d", survival="s", group="g", at_risk="r"),
    }
    for name, chart in specs.items():
        spec = chart.to_dict()
        rows = sum(len(v) for v in spec.get("datasets", {}).values())
        assert rows <= 1000, (name, rows)
    hist = specs["hist"].to_dict()
    bars = hist["layer"][0]["encoding"]
    assert bars["color"]["scale"]["domain"] == ["Low", "Medium", "High"] and bars["x"]["bin"] == "binned"
    assert [r["v"] for r in next(v for k, v in hist["datasets"].items() if len(v) == 2)] == [15, 35]
    assert specs["roc"].to_dict()["layer"][0]["encoding"]["x"]["field"] == "fpr"
    lead = specs["lead"].to_dict()
    assert lead["encoding"]["x"]["sort"] == {"field": "order"}
    contrib = charts.contributions(pd.DataFrame({"label": ["A", "B"], "contribution": [0.5, -0.2]}),
                                   signal="s", contribution="c").to_dict()
    assert contrib["encoding"]["y"]["sort"] == "-x"
    roll = charts.rolling_revenue(pd.DataFrame({"snap": pd.to_datetime(["2025-01-31"] * 2), "series": ["A", "E"],
                                                "value": [1.0, 2.0]}), month="m", revenue="r", series="",
                                  actual="A", expected="E").to_dict()
    assert roll["encoding"]["color"]["scale"]["domain"] == ["A", "E"]
    grid = charts.quadrant_heatmap(pd.DataFrame({"value_from": [1.0], "value_to": [10.0], "score_from": [0.0],
                                                 "score_to": [5.0], "customers": [3]}),
                                   level=35, value_split=500, value="c", score="s", customers="n").to_dict()
    assert grid["layer"][0]["encoding"]["x"]["scale"]["type"] == "log" and len(grid["layer"]) == 3
    tl = charts.timeline(pd.DataFrame({"date": pd.to_datetime(["2025-01-02"]), "kind": ["purchase"],
                                       "label": ["Purchase"], "text": ["€5"]}),
                         date_title="d", kind="k", detail="x", kind_order=["Purchase"]).to_dict()
    assert tl["mark"]["type"] == "tick" and tl["encoding"]["color"]["scale"]["domain"] == ["purchase"]
