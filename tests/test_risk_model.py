"""The warning signs added for seed 001's list and the model that must hold out of time: every new
signal on a tiny hand-made dataset (values worked out by hand below), the time-ordered training
(nothing after the cutoff is read), lift and calibration against hand calculations and scipy,
and the out-of-time AUC floor on the demo and on two datasets with other churn mechanisms
(tests/churn_worlds.py)."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

from lib import db, demo, derived, risk
from tests import churn_worlds
from tests.conftest import d, monthly

AS_OF = date(2025, 6, 30)  # window 90: recent (2025-04-01, 2025-06-30], baseline (2024-04-01, 2025-04-01]
REGULAR = monthly(d("2024-01-15"), d("2025-06-15"))


@pytest.fixture(scope="module")
def tiny():
    """Customers in two regions and two segments, each built to show one new signal."""
    people = {  # customer: (region, segment)
        "A": ("Nord", "SME"), "B": ("Nord", "SME"), "C": ("Nord", "Retail"), "D": ("Süd", "SME"),
        "E": ("Süd", "Retail"), "G": ("Süd", "Retail"), "H": ("Süd", "Retail"), "N1": ("Süd", "Retail"),
        "N2": ("Süd", "Retail"), "N3": ("Süd", "Retail"), "N4": ("Süd", "Retail"), "N5": ("Süd", "Retail"),
    }
    events = [
        # Nord: 1 competitor mention in the baseline year, 4 in the recent window -> rise
        ("C", "2024-09-01", "competitor_mention", {}),
        *[("C", day, "competitor_mention", {}) for day in ("2025-04-10", "2025-05-10", "2025-06-01", "2025-06-20")],
        # Retail segment (C, E, G, H, N*): those 5 plus 3 baseline mentions of Süd retail customers
        *[("E", day, "competitor_mention", {}) for day in ("2024-06-01", "2024-10-01", "2025-01-15")],
        # A talks the price down: 2 negotiations now, 1 in the baseline year
        ("A", "2024-10-01", "negotiation", {}), ("A", "2025-05-01", "negotiation", {}),
        ("A", "2025-06-01", "negotiation", {}),
        # B: a complaint resolved in 3 days, satisfied (well handled); one unresolved; one slow
        ("B", "2025-03-01", "complaint", {"outcome": "resolved", "outcome_date": d("2025-03-04"), "satisfied": "yes"}),
        ("B", "2025-05-01", "complaint", {"outcome": "unresolved", "outcome_date": d("2025-05-10")}),
        ("B", "2024-12-01", "dispute", {"outcome": "resolved", "outcome_date": d("2025-01-20")}),
        # D: a complaint still open after 40 days (slow), one resolved fast but after the as-of date
        # (pending for 5 days at the as-of date: neither good nor bad yet)
        ("D", "2025-05-21", "complaint", {}),
        ("D", "2025-06-25", "complaint", {"outcome": "resolved", "outcome_date": d("2025-07-01")}),
        # an old one (more than 365 days ago) does not count
        ("D", "2024-05-01", "complaint", {"outcome": "unresolved", "outcome_date": d("2024-05-02")}),
        # G: a manager change 100 days ago; H: one 200 days ago (too old)
        ("G", "2025-03-22", "manager_change", {}), ("H", "2024-12-12", "manager_change", {}),
        # notices: N1 open (no outcome, effective later); N2 averted before the as-of date;
        # N3 decided only after the as-of date (open at it); N4 past its effective date;
        # N5 withdrawn without an outcome date (decided on its own date)
        ("N1", "2025-06-01", "cancellation_notice", {"effective_date": d("2025-09-30")}),
        ("N2", "2025-05-01", "cancellation_notice", {"outcome": "averted", "outcome_date": d("2025-05-20"),
                                                     "effective_date": d("2025-08-31")}),
        ("N3", "2025-06-10", "cancellation_notice", {"outcome": "took_effect", "outcome_date": d("2025-07-15"),
                                                     "effective_date": d("2025-07-31")}),
        ("N4", "2025-02-01", "cancellation_notice", {"effective_date": d("2025-05-31")}),
        ("N5", "2025-06-05", "cancellation_notice", {"outcome": "withdrawn"}),
    ]
    surveys = [  # (customer, date, nps, after-sales satisfaction)
        ("E", "2024-03-01", 9, None), ("E", "2024-09-01", 8, None), ("E", "2025-05-01", 4, None),  # drop 4.5
        ("G", "2024-06-01", 7, None), ("G", "2025-06-01", 8, None),                                # no drop
        ("H", "2023-01-01", 9, None), ("H", "2024-01-01", 3, None),                                # latest too old
        ("N1", "2024-08-01", None, 5), ("N1", "2025-04-01", None, 2),                              # 10 -> 2.5
        ("N2", "2024-12-01", 6, None), ("N2", "2025-05-01", 3, None), ("N2", "2025-05-01", 9, None),  # same day
    ]
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, c, day, 100.0) for c in people for day in REGULAR])
    con.executemany("INSERT INTO customers (dataset_id, customer_id, region, segment) VALUES (?, ?, ?, ?)",
                    [(ds, c, r, s) for c, (r, s) in people.items()])
    con.executemany(
        "INSERT INTO events (dataset_id, customer_id, date, type, direction, outcome, outcome_date, effective_date, "
        "satisfied) VALUES (?, ?, ?, ?, 'inbound', ?, ?, ?, ?)",
        [(ds, c, d(day), kind, x.get("outcome"), x.get("outcome_date"), x.get("effective_date"), x.get("satisfied"))
         for c, day, kind, x in events])
    con.executemany("INSERT INTO surveys (dataset_id, customer_id, date, nps, aftersales_satisfaction) "
                    "VALUES (?, ?, ?, ?, ?)", [(ds, c, d(day), n, a) for c, day, n, a in surveys])
    db.swap_in(con, "tiny", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return con, ds


def at(tiny, snap=AS_OF):
    con, ds = tiny
    raw = risk.raw_signals(con, ds, [snap], snap, risk.Settings())
    table, features = risk.signal_table(raw, np.full(len(raw), 0.9), 90)
    names = [n for n, _ in risk.FEATURES]
    return (pd.concat([raw, table.add_prefix("v_")], axis=1).set_index("customer_id"),
            pd.DataFrame(features, index=raw["customer_id"], columns=names))


def test_market_pressure_against_the_groups_own_past(tiny):
    f, x = at(tiny)
    # Nord: 4 mentions in 90 days against 1 in 365 -> (4 / 90) / (1 / 365) = 16.2
    assert f.loc["A", "region_recent"] == 4 and f.loc["A", "region_base"] == 1
    # Retail: 4 recent (C) against 4 in the baseline (C's and E's three) -> 4.06;
    # Süd: nothing recent, 3 in the baseline -> 0
    assert f.loc["E", "segment_recent"] == 4 and f.loc["E", "segment_base"] == 4
    assert f.loc["E", "region_recent"] == 0 and f.loc["E", "region_base"] == 3
    assert f.loc["A", "v_market_pressure"] == pytest.approx(4 / 90 * 365 / 1)
    assert f.loc["E", "v_market_pressure"] == pytest.approx(4 / 90 * 365 / 4)  # the segment's, the larger
    assert f.loc["C", "v_market_pressure"] == pytest.approx(4 / 90 * 365 / 1)  # Nord beats Retail
    # D is Süd / SME: the SME customers (A, B, D) have no mention at all, so no rise to show;
    # Süd fell from 3 to 0: the value is Süd's rise, 0
    assert f.loc["D", "segment_recent"] == 0 and f.loc["D", "segment_base"] == 0
    assert f.loc["D", "v_market_pressure"] == pytest.approx(0.0)
    assert f.loc["A", "v_flag_market_pressure"] and f.loc["E", "v_flag_market_pressure"]
    assert not f.loc["D", "v_flag_market_pressure"]
    # feature: log((recent + 1) / (base x 90 / 365 + 1)), the larger of region and segment
    assert x.loc["A", "market_pressure"] == pytest.approx(np.log(5 / (90 / 365 + 1)))
    assert x.loc["E", "market_pressure"] == pytest.approx(np.log(5 / (4 * 90 / 365 + 1)))
    # the haggler part only for customers who negotiated (A)
    assert x.loc["A", "market_pressure_haggler"] == x.loc["A", "market_pressure"]
    assert x.loc["C", "market_pressure_haggler"] == 0


def test_negotiations_against_the_customers_own_past(tiny):
    f, x = at(tiny)
    expected = 1 * 90 / 365
    assert f.loc["A", "v_negotiation"] == 2 and f.loc["A", "v_expected_negotiations"] == pytest.approx(expected)
    assert f.loc["A", "v_flag_negotiation"] and not f.loc["B", "v_flag_negotiation"]
    assert x.loc["A", "negotiation"] == pytest.approx(np.log(2.5 / (expected + 0.5)))
    assert x.loc["B", "negotiation"] == pytest.approx(0.0)


def test_complaint_handling_as_known_at_the_date(tiny):
    f, x = at(tiny)
    # B: unresolved (bad), dispute resolved after 50 days (slow: bad), resolved in 3 days satisfied (good)
    assert f.loc["B", "handled_bad"] == 2 and f.loc["B", "handled_good"] == 1
    # D: open for 40 days (bad); the one filed 5 days ago is pending (neither); the old one is out
    assert f.loc["D", "handled_bad"] == 1 and f.loc["D", "handled_good"] == 0
    assert f.loc["B", "v_flag_complaint_handling"] and f.loc["D", "v_flag_complaint_handling"]
    assert f.loc["A", "v_complaint_handling"] == 0 and not f.loc["A", "v_flag_complaint_handling"]
    assert x.loc["B", "handled_bad"] == pytest.approx(np.log(3)) and x.loc["B", "handled_good"] == pytest.approx(np.log(2))
    # on 2025-05-05 B's unresolved complaint was not decided yet (outcome on 05-10) and only 4 days
    # old: not bad yet; the dispute was already known as slow
    g, _ = at(tiny, d("2025-05-05"))
    assert g.loc["B", "handled_bad"] == 1


def test_satisfaction_trend_latest_against_earlier_answers(tiny):
    f, x = at(tiny)
    assert f.loc["E", "v_satisfaction_drop"] == pytest.approx(8.5 - 4) and f.loc["E", "v_flag_satisfaction_drop"]
    assert f.loc["G", "v_satisfaction_drop"] == pytest.approx(-1) and not f.loc["G", "v_flag_satisfaction_drop"]
    assert np.isnan(f.loc["H", "v_satisfaction_drop"])        # latest answer older than 365 days
    assert np.isnan(f.loc["A", "v_satisfaction_drop"])        # never asked
    # without an NPS the after-sales satisfaction on the NPS scale: 5 -> 10, 2 -> 2.5
    assert f.loc["N1", "v_satisfaction_drop"] == pytest.approx(7.5)
    assert x.loc["E", "satisfaction_drop"] == pytest.approx(4.5 / 5)
    # two answers on the latest day: the higher is the latest (9), the other counts as earlier: (6 + 3) / 2 - 9
    assert f.loc["N2", "nps_latest"] == 9 and f.loc["N2", "nps_earlier"] == pytest.approx(4.5)
    assert f.loc["N2", "v_satisfaction_drop"] == pytest.approx(-4.5) and not f.loc["N2", "v_flag_satisfaction_drop"]
    assert x.loc["E", "satisfaction_low"] == pytest.approx(3 / 7) and x.loc["G", "satisfaction_low"] == 0


def test_change_of_contact_person(tiny):
    f, x = at(tiny)
    assert f.loc["G", "v_manager_change"] == 1 and f.loc["G", "v_flag_manager_change"]
    assert f.loc["H", "v_manager_change"] == 0 and not f.loc["H", "v_flag_manager_change"]
    assert x.loc["G", "manager_change"] == 1 and x.loc["H", "manager_change"] == 0


def test_open_cancellation_notice_at_the_date(tiny):
    f, x = at(tiny)
    opened = {c for c in f.index if f.loc[c, "v_flag_open_notice"]}
    assert opened == {"N1", "N3"}
    # a month before N2's notice was averted it was open; N3 (filed 06-10) was not yet filed
    g, _ = at(tiny, d("2025-05-10"))
    assert {c for c in g.index if g.loc[c, "v_flag_open_notice"]} == {"N2", "N4"}
    # the notice in the window counts whatever became of it
    assert {c for c in f.index if f.loc[c, "v_flag_cancellation"]} == {"N1", "N2", "N3", "N5"}


def test_kinds_the_dataset_does_not_record_are_not_judged():
    con = db.connect(":memory:")
    demo.generate(con, "d", 300, 5)
    ds = db.dataset_id(con, "d")

    def signals():
        raw = risk.raw_signals(con, ds, [date(2025, 6, 30)], date(2025, 6, 30), risk.Settings())
        return risk.signal_table(raw, np.full(len(raw), 0.5), 90)

    # the demo records manager changes and complaint outcomes: judged
    table, _ = signals()
    for s in ("manager_change", "complaint_handling", "open_notice", "negotiation"):
        assert table[s].notna().all()
    # the same dataset without them (as an import without those fields): not judged, not flagged
    con.execute("DELETE FROM events WHERE dataset_id = ? AND type = 'manager_change'", [ds])
    con.execute("UPDATE events SET outcome = NULL, outcome_date = NULL, satisfied = NULL "
                "WHERE dataset_id = ? AND type IN ('complaint', 'dispute')", [ds])
    table, features = signals()
    for s in ("manager_change", "complaint_handling"):
        assert table[s].isna().all() and not table[f"flag_{s}"].any()
    assert table["open_notice"].notna().all() and table["negotiation"].notna().all()
    assert np.isfinite(features).all()


# --- metrics: lift and calibration against hand calculations and scipy ---------------------------

def test_top_lift_by_hand():
    # 20 customers, 4 lost; the top 2 by score hold 1 lost: (1 / 2) / (4 / 20) = 2.5
    score = np.arange(20, 0, -1, dtype=float)
    lost = np.zeros(20, bool)
    lost[[1, 5, 9, 19]] = True
    assert risk.top_lift(score, lost) == pytest.approx(2.5)
    # the gains table of the page agrees: found at 10 % / 10 %
    g = risk.gains(score, lost, 10)
    assert float(g.loc[1, "lift"]) == pytest.approx(2.5)
    assert np.isnan(risk.top_lift(score, np.zeros(20, bool)))


def test_calibration_against_hand_and_scipy():
    rng = np.random.default_rng(4)
    x = rng.normal(-2, 1, 20000)
    y = rng.random(20000) < special.expit(0.3 + 0.7 * x)   # true slope 0.7, intercept 0.3
    cal = risk.calibration(special.expit(x), y)
    # the recalibration is the logistic regression of y on logit(p): scipy's own fit agrees
    fit = risk.fit_logistic(x[:, None], y, l2=0)
    assert cal.slope == pytest.approx(fit.coef[0], abs=1e-4) and cal.intercept == pytest.approx(fit.intercept, abs=1e-4)
    assert cal.slope == pytest.approx(0.7, abs=0.05)
    # calibration in the large solves sum(y) = sum(expit(a + logit p))
    assert y.sum() == pytest.approx(special.expit(cal.in_the_large + x).sum(), rel=1e-6)
    # Brier by hand on four customers; reference = rate x (1 - rate)
    small = risk.calibration(np.array([0.1, 0.4, 0.8, 0.3]), np.array([0, 1, 1, 0]), groups=2)
    assert small.brier == pytest.approx((0.01 + 0.36 + 0.04 + 0.09) / 4)
    assert small.brier_reference == pytest.approx(0.25)
    # the reliability table: halves by probability, observed rates with Wilson intervals
    assert small.table["customers"].tolist() == [2, 2]
    assert small.table["predicted"].tolist() == pytest.approx([0.2, 0.6])
    assert small.table["observed"].tolist() == pytest.approx([0.0, 1.0])
    lo, hi = risk.wilson(np.array([2]), np.array([2]))
    assert small.table["low"].iloc[1] == pytest.approx(lo[0]) and small.table["high"].iloc[1] == pytest.approx(hi[0])


def test_auc_against_scipy_mann_whitney():
    rng = np.random.default_rng(8)
    y = rng.random(500) < 0.2
    s = rng.normal(y * 0.9, 1)
    u = stats.mannwhitneyu(s[y], s[~y]).statistic
    assert risk.auc(s, y) == pytest.approx(u / (y.sum() * (~y).sum()))


# --- training on the past only ---------------------------------------------------------------------

def test_training_snapshots_end_one_horizon_before_the_scored_date():
    s = risk.Settings()
    snaps = risk.assess.__globals__["training_snapshots"](date(2025, 7, 4), s, date(2023, 1, 1))
    assert snaps == [date(2025, 7, 4) - timedelta(days=60 * k) for k in range(4)]
    # not before the first date + one window
    short = risk.assess.__globals__["training_snapshots"](date(2023, 6, 1), s, date(2023, 1, 1))
    assert short == [date(2023, 6, 1), date(2023, 4, 2)]


def test_the_backtest_reads_nothing_after_its_test_horizon():
    """Changing everything after cutoff + horizon must not change the backtest, and the model
    must not change when the test period changes (it is fitted before the cutoff)."""
    con = db.connect(":memory:")
    demo.generate(con, "d", 600, 5)
    ds = db.dataset_id(con, "d")
    cutoff = date(2025, 3, 1)
    before = risk.backtest(con, ds, cutoff, with_lead=False)
    # wipe the future after cutoff + horizon, and every outcome-side fact after the cutoff for the fit
    end = cutoff + timedelta(days=180)
    for table, col in (("transactions", "date"), ("events", "date"), ("churn", "date"), ("surveys", "date"),
                       ("invoices", "due_date")):
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ? AND {col} > ?", [ds, end])
    con.execute("DELETE FROM customer_days WHERE dataset_id = ? AND date > ?", [ds, end])
    after = risk.backtest(con, ds, cutoff, with_lead=False)
    assert after.auc == pytest.approx(before.auc) and np.array_equal(after.score, before.score)
    assert after.training == before.training


# --- the model holds on data it has never seen ------------------------------------------------------

@pytest.fixture(scope="module")
def worlds():
    con = db.connect(":memory:")
    demo.generate(con, "demo", 4000, 42)
    for w in churn_worlds.WORLDS:
        churn_worlds.generate(con, w, 3000, 11)
    return con


@pytest.mark.parametrize("name", ["demo", "market", "service"])
def test_out_of_time_auc_holds_on_other_churn_mechanisms(worlds, name):
    """Out-of-time AUC at least 0.75 at the latest cutoff (fitted on history before it), a top
    decile at least three times the base rate, and a Brier score below the base-rate reference."""
    ds = db.dataset_id(worlds, name)
    bt = risk.backtest(worlds, ds, date(2025, 7, 4), with_lead=False)
    assert bt.method == "logistic"
    assert bt.auc >= 0.75, f"{name}: out-of-time AUC {bt.auc:.3f}"
    assert risk.top_lift(bt.score, bt.lost) >= 3.0
    cal = risk.calibration(bt.score.astype(float) / 100, bt.lost)
    assert cal.brier < cal.brier_reference
    assert 0.6 < cal.slope < 1.6


def test_the_worlds_really_churn_differently(worlds):
    """The market world's signal is market pressure and negotiation, the service world's complaint
    handling: each signal's model weight is clearly not chance on its own world."""
    weights = {}
    for name in ("market", "service"):
        a = risk.assess(worlds, db.dataset_id(worlds, name), date(2025, 12, 31))
        summary = risk.signal_summary(a, risk.score(a)).set_index("signal")
        weights[name] = summary
    assert weights["market"].loc["negotiation", "p_value"] < 1e-6
    assert weights["market"].loc["market_pressure", "p_value"] < 0.01
    assert weights["service"].loc["complaint_handling", "p_value"] < 1e-6
    assert weights["service"].loc["negotiation", "p_value"] > 0.01  # pure noise there


def test_the_model_at_an_as_of_date_ignores_everything_after_it():
    con = db.connect(":memory:")
    demo.generate(con, "d", 800, 6)
    ds = db.dataset_id(con, "d")
    as_of = date(2025, 9, 30)
    before = risk.assess(con, ds, as_of)
    for table, col in (("transactions", "date"), ("events", "date"), ("churn", "date"), ("surveys", "date"),
                       ("invoices", "due_date")):
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ? AND {col} > ?", [ds, as_of])
    con.execute("DELETE FROM customer_days WHERE dataset_id = ? AND date > ?", [ds, as_of])
    after = risk.assess(con, ds, as_of)
    assert before.method == after.method == "logistic"
    np.testing.assert_allclose(after.model.coef, before.model.coef)
    assert after.model.l2 == before.model.l2 and after.training == before.training


def test_training_on_a_fixed_sample_of_a_large_dataset():
    """With more customers than ``train_customers`` the training snapshots read a fixed random
    sample (by a hash of the id): about that many customers, the same in every run; the scored
    date still holds everyone, and the model still fits."""
    con = db.connect(":memory:")
    demo.generate(con, "d", 1500, 9)
    ds = db.dataset_id(con, "d")
    full = risk.assess(con, ds, date(2025, 12, 31))
    small = risk.Settings(train_customers=700)
    a = risk.assess(con, ds, date(2025, 12, 31), small)
    b = risk.assess(con, ds, date(2025, 12, 31), small)
    # 700 of the customers with a purchase by the cutoff (2025-07-04)
    known = con.execute("SELECT count(DISTINCT cidx) FROM customer_days WHERE dataset_id = ? AND sale "
                        "AND date <= DATE '2025-07-04'", [ds]).fetchall()[0][0]
    assert full.training.share == 1.0 and a.training.share == pytest.approx(700 / known)
    assert a.method == "logistic" and len(a.frame) == len(full.frame)      # everyone scored
    share = a.training.share
    assert (share - 0.1) * full.training.rows < a.training.rows < (share + 0.1) * full.training.rows
    np.testing.assert_allclose(a.model.coef, b.model.coef)                 # the same sample each run
    # the sampled ids are a subset of the customers: the sample reads the same ids at every snapshot
    raw = risk.raw_signals(con, ds, [date(2025, 1, 1), date(2025, 3, 1)], date(2025, 3, 1), small,
                           shares={date(2025, 1, 1): 0.5, date(2025, 3, 1): 0.5})
    early = set(raw.loc[raw["snap"] == raw["snap"].min(), "customer_id"])
    late = set(raw.loc[raw["snap"] == raw["snap"].max(), "customer_id"])
    everyone = set(risk.raw_signals(con, ds, [date(2025, 1, 1)], date(2025, 3, 1))["customer_id"])
    assert early <= late and early < everyone and 0.4 < len(early) / len(everyone) < 0.6
