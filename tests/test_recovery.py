"""Recovery page (Kundenrückgewinnung): effects and curves against scipy, the SQL on a hand-made dataset,
a constructed campaign with a known effect, chart builders and the page itself. The statistics
(Wilson, Newcombe, Fisher, the p-value wording) are tested in tests/test_stats.py."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from lib import db, derived, lifecycle, recovery, survival
from lib import stats as lib_stats
from lib.charts import recovery as charts
from lib.queries import load
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2025, 12, 31)


# --- effects and second loyalty (the statistics themselves: tests/test_stats.py) --------------------------

def test_no_control_group_gives_no_uplift():
    frame = pd.DataFrame({"grp": ["treatment"] * 4, "mature": True, "won": [True, False, False, False],
                          "cost": 10.0, "revenue_after": [100.0, 0, 0, 0], "days_to_return": [5.0, np.nan, np.nan, np.nan]})
    e = recovery.effect(frame)
    assert e.uplift is None and e.control is None and np.isnan(e.incremental_revenue) and np.isnan(e.roi)
    assert e.treated.p == 0.25 and e.cost_per_win == 40.0


def test_second_loyalty_curves_and_log_rank_against_scipy(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    b = recovery.base(demo_con, ds, AS_OF)
    loy = recovery.loyalty((demo_con, ds, b, recovery.contacts(demo_con, ds, AS_OF)), AS_OF)
    won, ctrl = loy.returns, loy.matched
    assert len(won) > 50 and len(ctrl) > len(won)
    for grp, f in (("won_back", won), ("never_lost", ctrl)):
        ref = stats.ecdf(stats.CensoredData.right_censored(f["duration"].to_numpy(), ~f["lost"].to_numpy())).sf
        curve = loy.curves[loy.curves["grp"] == grp]
        assert len(curve) <= 2 * 300 + 1
        assert curve["survival"].to_numpy() == pytest.approx(np.where(curve["time"] < ref.quantiles[0], 1.0,
                                                                      ref.evaluate(curve["time"].to_numpy())))
    ref_p = stats.logrank(x=stats.CensoredData.right_censored(won["duration"].to_numpy(), ~won["lost"].to_numpy()),
                          y=stats.CensoredData.right_censored(ctrl["duration"].to_numpy(), ~ctrl["lost"].to_numpy())).pvalue
    assert loy.logrank_p == pytest.approx(ref_p)
    # durations: to the next loss, or to the as-of date for customers not lost again
    assert (won.loc[~won["lost"], "duration"] == (pd.Timestamp(AS_OF) - won.loc[~won["lost"], "origin"]).dt.days).all()


# --- a constructed campaign with a known effect ------------------------------------------------------------

def simulated_contacts(seed: int, n_t: int, n_c: int, p_t: float, p_c: float, revenue: float, cost: float):
    """Contacts of one campaign with known win-back probabilities; won-back customers buy
    ``revenue`` in the year after, every treated contact costs ``cost``."""
    rng = np.random.default_rng(seed)
    grp = np.array(["treatment"] * n_t + ["control"] * n_c)
    p = np.where(grp == "treatment", p_t, p_c)
    back = rng.random(grp.size) < p
    days = np.where(back, rng.integers(1, 90, grp.size), np.where(rng.random(grp.size) < 0.5, 200, -1))
    date_ = pd.Timestamp("2025-01-15")
    return pd.DataFrame({
        "contact_id": np.arange(grp.size), "customer_id": [f"C{i}" for i in range(grp.size)], "date": date_,
        "campaign": "Spring", "measure": np.where(np.arange(grp.size) % 2, "discount", "personal_call"),
        "grp": grp, "cost": np.where(grp == "treatment", cost, 0.0),
        "return_date": [date_ + pd.Timedelta(days=int(x)) if x > 0 else pd.NaT for x in days],
        "revenue_after": np.where(days > 0, revenue, 0.0), "reason_key": "price",
    })


def test_a_campaign_with_a_known_effect_is_recovered():
    contacts = simulated_contacts(seed=11, n_t=4000, n_c=1000, p_t=0.25, p_c=0.05, revenue=300.0, cost=20.0)
    frame = recovery.outcomes(contacts, 90, AS_OF)
    e = recovery.effect(frame)
    # the true uplift of 20 points lies in the interval, which excludes 0
    assert e.uplift.lo < 0.20 < e.uplift.hi and e.uplift.lo > 0.15
    assert e.uplift.p_value < 1e-30
    # incremental revenue comes from the uplift, not from the raw win-backs
    wins = e.treated.k
    assert e.incremental_wins == pytest.approx(e.uplift.diff * 4000)
    assert e.incremental_revenue == pytest.approx(e.uplift.diff * 4000 * 300.0)
    assert e.incremental_revenue < wins * 300.0
    assert e.roi == pytest.approx((e.incremental_revenue - 4000 * 20.0) / (4000 * 20.0))
    truth = (0.20 * 4000 * 300 - 80000) / 80000
    assert abs(e.roi - truth) < 0.35
    # late returns (day 200) are not win-backs within 90 days, but are within 300
    assert recovery.effect(recovery.outcomes(contacts, 300, AS_OF)).control.p > e.control.p
    by_measure = recovery.effects(frame, ("measure",))
    assert set(by_measure["measure"]) == {"discount", "personal_call"}
    assert by_measure["n_t"].sum() == 4000 and by_measure["has_control"].all()


def test_a_campaign_with_a_known_effect_is_recovered_through_the_database():
    """The whole path: transactions, churn and win-back rows -> contacts SQL -> uplift."""
    rng = np.random.default_rng(7)
    n_t, n_c, p_t, p_c = 450, 150, 0.30, 0.08
    con = db.connect(":memory:")
    tx, churn, wb = [], [], []
    for i in range(n_t + n_c):
        c = f"K{i:04d}"
        treated = i < n_t
        tx += [(c, "2024-01-10", 80.0), (c, "2024-03-01", 80.0)]
        churn.append((c, "2024-04-01", "price", "cancellation"))
        wb.append((c, "2024-06-01", "Summer", "discount", "treatment" if treated else "control",
                   10.0 if treated else None))
        if rng.random() < (p_t if treated else p_c):
            back = (pd.Timestamp("2024-06-01") + pd.Timedelta(days=int(rng.integers(1, 80)))).date()
            tx += [(c, back, 200.0), (c, "2024-12-01", 100.0)]
    ds = write_dataset(con, "campaign", tx, churn=churn, winback=wb)
    frame = recovery.outcomes(recovery.contacts(con, ds, AS_OF), 90, AS_OF)
    e = recovery.effect(frame)
    assert (e.treated.n, e.control.n) == (n_t, n_c)
    assert e.uplift.lo < p_t - p_c < e.uplift.hi and e.uplift.p_value < 0.001
    assert e.revenue_per_win == pytest.approx(300.0)  # return 200 + 100 within the 12 months after it
    assert e.incremental_revenue == pytest.approx(e.uplift.diff * n_t * 300.0)
    assert e.cost == n_t * 10.0
    by_reason = recovery.reason_measure(frame)
    assert by_reason[["reason", "measure", "n_t", "n_c"]].values.tolist() == [["price", "discount", n_t, n_c]]
    con.close()


def test_no_effect_is_not_claimed():
    contacts = simulated_contacts(seed=5, n_t=800, n_c=200, p_t=0.1, p_c=0.1, revenue=100.0, cost=5.0)
    e = recovery.effect(recovery.outcomes(contacts, 90, AS_OF))
    assert e.uplift.lo < 0 < e.uplift.hi and e.uplift.p_value > 0.05


def test_effects_reason_grid_and_cumulative_wins():
    contacts = simulated_contacts(seed=2, n_t=60, n_c=20, p_t=0.3, p_c=0.1, revenue=50.0, cost=1.0)
    contacts.loc[:9, "reason_key"] = "service"
    frame = recovery.outcomes(contacts, 90, AS_OF)
    grid = recovery.reason_measure(frame, min_cell=20)
    assert grid["n_t"].sum() == 60 and grid["n_c"].sum() == 20
    service = grid[grid["reason"] == "service"]
    assert not service["enough"].any() and grid[grid["reason"] == "price"]["enough"].all()
    cum = recovery.cumulative_wins(frame, 90)
    assert len(cum) == 2 * 91 and cum.groupby("grp")["share"].is_monotonic_increasing.all()
    final = cum[cum["day"] == 90].set_index("grp")["share"]
    e = recovery.effect(frame)
    assert final["treatment"] == pytest.approx(e.treated.p) and final["control"] == pytest.approx(e.control.p)


# --- many campaigns at once: Holm per table, the pooled test, and how they read together ----------------

def judged(counts: dict[str, tuple[int, int, int, int]], *, open_campaign: str | None = None) -> pd.DataFrame:
    """Judged contacts (the :func:`recovery.outcomes` columns the effects read) with, per campaign,
    ``(k_t, n_t, k_c, n_c)`` win-backs and contacts of treatment and control; ``open_campaign``
    gets contacts whose window is still open."""
    rows = []
    for name, (k_t, n_t, k_c, n_c) in counts.items():
        for grp, k, n in (("treatment", k_t, n_t), ("control", k_c, n_c)):
            rows += [{"campaign": name, "measure": "discount" if i % 2 else "personal_call", "grp": grp,
                      "mature": True, "won": i < k, "cost": 10.0 if grp == "treatment" else 0.0,
                      "revenue_after": 100.0 if i < k else 0.0, "days_to_return": 5.0 if i < k else np.nan,
                      "customer_id": f"{name}-{grp}-{i}"} for i in range(n)]
    if open_campaign:
        rows += [{"campaign": open_campaign, "measure": "discount", "grp": g, "mature": False, "won": False,
                  "cost": 0.0, "revenue_after": 0.0, "days_to_return": np.nan, "customer_id": f"open-{g}"}
                 for g in ("treatment", "control")]
    return pd.DataFrame(rows)


# the demo's three 2025 campaigns: none shows an effect alone, together they do
SMALL = {"Q1": (8, 74, 0, 12), "Q2": (10, 65, 1, 25), "Q3": (14, 90, 0, 23)}


def test_effects_carry_holm_adjusted_p_values_over_the_rows_of_the_table():
    frame = judged({**SMALL, "Q4": (5, 20, 0, 0)})
    rows = recovery.effects(frame, ("campaign",)).set_index("campaign")
    for name, (kt, nt, kc, nc) in SMALL.items():
        assert rows.loc[name, "p_value"] == pytest.approx(stats.fisher_exact([[kt, nt - kt], [kc, nc - kc]]).pvalue)
    # by hand: three tests (Q4 has no control group and is no test), sorted 0.0694, 0.2788, 0.5930
    p = rows.loc[["Q3", "Q2", "Q1"], "p_value"].to_numpy()
    expected = np.maximum.accumulate([3 * p[0], 2 * p[1], 1 * p[2]])
    assert rows.loc[["Q3", "Q2", "Q1"], "p_holm"].to_numpy() == pytest.approx(np.minimum(1, expected))
    assert np.isnan(rows.loc["Q4", "p_holm"])
    assert recovery.effects(frame, ())["p_holm"].iloc[0] == pytest.approx(recovery.effects(frame, ())["p_value"].iloc[0])


def test_pooled_effect_takes_the_campaigns_as_strata():
    frame = judged({**SMALL, "Q4": (5, 20, 0, 0)}, open_campaign="Q5")
    pool = recovery.pooled(frame)
    assert (pool.strata, pool.left_out) == (3, 2)  # Q4 has no control group, Q5 is still open
    assert (pool.treated.k, pool.treated.n, pool.control.k, pool.control.n) == (32, 229, 1, 60)
    # Mantel-Haenszel by hand: weights n_t n_c / (n_t + n_c)
    w = np.array([74 * 12 / 86, 65 * 25 / 90, 90 * 23 / 113])
    d = np.array([8 / 74 - 0, 10 / 65 - 1 / 25, 14 / 90 - 0])
    assert pool.uplift == pytest.approx((w * d).sum() / w.sum(), rel=1e-12)
    assert pool.p_value == pytest.approx(0.00506, abs=5e-5) and pool.p_value < 0.05
    # one campaign: the pooled test is that campaign's own Fisher test
    one = recovery.pooled(judged({"Q3": SMALL["Q3"]}))
    assert one.p_value == pytest.approx(recovery.effects(judged({"Q3": SMALL["Q3"]}), ("campaign",))["p_value"][0])
    assert recovery.pooled(judged({"Q4": (5, 20, 0, 0)})) is None


@pytest.mark.parametrize("counts,expected", [
    (SMALL, "pooled_only"),                                                   # each too small, pooled clear
    ({"Q1": (60, 200, 5, 200), "Q2": (12, 100, 10, 100)}, "both"),            # one strong campaign carries it
    ({"Q1": (40, 100, 10, 100), "Q2": (20, 100, 45, 100)}, "rows_only"),      # opposite effects cancel out
    ({"Q1": (10, 100, 9, 100), "Q2": (11, 100, 12, 100)}, "neither"),
])
def test_summary_and_campaign_rows_never_contradict_each_other(counts, expected):
    frame = judged(counts)
    rows = recovery.effects(frame, ("campaign",))
    pool = recovery.pooled(frame)
    read = recovery.reading(pool.p_value, rows["p_holm"])
    assert read == expected
    pooled_sig, rows_sig = pool.p_value < 0.05, (rows["p_holm"] < 0.05).any()
    assert read == {(True, True): "both", (True, False): "pooled_only", (False, True): "rows_only",
                    (False, False): "neither"}[(pooled_sig, rows_sig)]


def test_summary_names_the_pooled_test_and_the_reading(tiny):
    con, ds, _ = tiny
    b = recovery.base(con, ds, AS_OF)
    frame = judged(SMALL)
    s = recovery.summary(b, frame, date(2025, 1, 1), AS_OF)
    assert (s.tested, s.significant, s.reading) == (3, 0, "pooled_only")
    assert s.pooled == recovery.pooled(frame)
    s = recovery.summary(b, judged({"Q4": (5, 20, 0, 0)}), date(2025, 1, 1), AS_OF)
    assert s.pooled is None and s.reading is None and s.tested == 0


# --- a hand-made dataset -------------------------------------------------------------------------------

TX = {
    "A": [("2024-03-01", 100), ("2024-06-01", 200), ("2025-03-01", 300), ("2025-03-10", -50)],
    "B": [("2023-02-01", 50), ("2023-05-01", 50), ("2024-01-15", 80), ("2024-02-01", 40)],
    "C": [("2023-01-10", 10), ("2023-02-10", 10), ("2024-06-01", 30), ("2025-11-01", 40)],
    "D": [("2025-01-01", 25), ("2025-02-01", 25), ("2025-03-01", 25), ("2025-04-01", 25)],
    "E": [(f"2025-{m:02d}-15", 10) for m in range(1, 13)],
    "G": [("2024-06-01", 60), ("2024-12-01", 60), ("2025-02-20", 100), ("2025-05-01", 50)],
    "H": [("2024-05-01", 70), ("2024-12-15", 90)],
}
CHURN = [("A", "2025-04-01", "price", "cancellation"), ("B", "2023-06-01", None, "silent"),
         ("G", "2025-01-10", "service", "cancellation"), ("H", "2024-07-01", "price", "cancellation")]
WINBACK = [("A", "2025-05-01", "Q2", "discount", "treatment", 30), ("A", "2025-11-15", "Q4", "new_offer", "treatment", 12),
           ("G", "2025-02-01", "Q1", "personal_call", "treatment", 20), ("H", "2024-08-01", "Q3", "discount", "control", None)]
SURVEYS = [("A", "2024-03-05", 5, 5), ("A", "2025-01-01", 1, 1), ("B", "2023-02-05", 2, 5), ("C", "2023-02-15", 5, 2),
           ("H", "2024-05-05", 1, 1), ("E", "2024-12-01", 2, 2), ("D", "2025-01-05", 5, 5)]
EVENTS = [("A", "2025-03-15", "complaint", "inbound"), ("A", "2024-01-01", "dispute", "inbound")]
INVOICES = [("A", "2024-06-30", "2024-07-01", 200, "2024-07-01"), ("A", "2025-01-02", "2025-02-01", 300, "2025-03-20")]


def write_dataset(con, name: str, transactions, *, customers=(), churn=(), winback=(), surveys=(), events=(),
                  invoices=()) -> int:
    """Write the given rows (without dataset id) as dataset ``name`` in one transaction, with its
    derived rows; its id. The one place this file writes a dataset."""
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    inserts = (
        ("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)", transactions),
        ("INSERT INTO customers (dataset_id, customer_id, segment) VALUES (?, ?, ?)", customers),
        ("INSERT INTO churn VALUES (?, ?, ?, ?, ?)", churn),
        ("INSERT INTO winback VALUES (?, ?, ?, ?, ?, ?, ?)", winback),
        ("INSERT INTO surveys VALUES (?, ?, ?, ?, ?, NULL)", surveys),
        ("INSERT INTO events (dataset_id, customer_id, date, type, direction) VALUES (?, ?, ?, ?, ?)", events),
        ("INSERT INTO invoices (dataset_id, customer_id, invoice_date, due_date, amount, paid_date) "
         "VALUES (?, ?, ?, ?, ?, ?)", invoices),
    )
    for sql, rows in inserts:
        if rows:
            con.executemany(sql, [(ds, *r) for r in rows])
    db.swap_in(con, name, ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return ds


def write(con, name: str, full: bool = True) -> int:
    """The hand-made dataset above (``full``: with every optional table; else transactions only)."""
    tx = [(c, d, a) for c, rows in TX.items() for d, a in rows]
    if not full:
        return write_dataset(con, name, tx)
    return write_dataset(con, name, tx, customers=[("F", "B2C")], churn=CHURN, winback=WINBACK, surveys=SURVEYS,
                         events=EVENTS, invoices=INVOICES)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("recovery") / "tiny.duckdb"
    con = db.connect(path)
    ds = write(con, "tiny")
    write(con, "bare", full=False)
    yield con, ds, path
    con.close()


def d(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_losses_by_hand(tiny):
    con, ds, _ = tiny
    b = recovery.base(con, ds, AS_OF)
    got = b.losses[["customer_id", "kind", "end_date", "loss_date", "return_date", "revenue_before", "reason_key"]]
    want = pd.DataFrame([
        ("B", "silent", d("2023-05-01"), d("2023-06-01"), d("2024-01-15"), 100.0, recovery.SILENT),
        ("C", "inactive", d("2023-02-10"), d("2024-02-11"), d("2024-06-01"), 20.0, recovery.SILENT),
        ("H", "cancellation", d("2024-05-01"), d("2024-07-01"), d("2024-12-15"), 70.0, "price"),
        ("G", "cancellation", d("2024-12-01"), d("2025-01-10"), d("2025-02-20"), 120.0, "service"),
        ("B", "inactive", d("2024-02-01"), d("2025-02-01"), pd.NaT, 170.0, recovery.SILENT),
        ("A", "cancellation", d("2025-03-01"), d("2025-04-01"), pd.NaT, 500.0, "price"),  # 2024-03-01 is 365 days before: out
        ("C", "inactive", d("2024-06-01"), d("2025-06-02"), d("2025-11-01"), 30.0, recovery.SILENT),
        ("H", "inactive", d("2024-12-15"), d("2025-12-16"), pd.NaT, 160.0, recovery.SILENT),
    ], columns=got.columns)
    for col in ("end_date", "loss_date", "return_date"):
        want[col] = want[col].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    assert b.losses.groupby("customer_id")["loss_no"].max().to_dict() == {"A": 1, "B": 2, "C": 2, "G": 1, "H": 2}
    assert len(recovery.losses_in(b, date(2025, 1, 1), AS_OF)) == 5


def test_lost_and_sleeping_by_hand_and_as_on_the_lifecycle_page(tiny):
    con, ds, _ = tiny
    b = recovery.base(con, ds, AS_OF)
    now = b.stock[b.stock["at"] == "now"].set_index("customer_id").sort_index()
    assert now["stage"].to_dict() == {"A": "lost", "B": "lost", "D": "sleeping", "H": "lost"}
    assert now["group"].to_dict() == {"A": "cancellation", "B": "inactive", "D": "sleeping", "H": "inactive"}
    assert now["idle_days"].to_dict() == {"A": 305, "B": 699, "D": 274, "H": 381}
    assert now["revenue_before"].to_dict() == {"A": 500.0, "B": 170.0, "D": 100.0, "H": 160.0}
    assert now.loc["A", "loss_date"] == d("2025-04-01") and pd.isna(now.loc["D", "loss_date"])
    # the lifecycle page classifies the same customers the same way, at both dates
    for at, day in (("now", AS_OF), ("then", b.then)):
        st = lifecycle.stages(con, ds, day, lifecycle.Thresholds())
        ids = con.execute("SELECT cidx, customer_id FROM lifecycle_customers WHERE dataset_id = ?", [ds]).df()
        st = st.merge(ids, on="cidx")
        theirs = dict(st.loc[st["stage"].isin(["lost", "sleeping"]), ["customer_id", "stage"]].astype(str).values)
        mine = b.stock[b.stock["at"] == at]
        assert dict(mine[["customer_id", "stage"]].values) == theirs, at


@pytest.mark.parametrize("name", ["recovery_stock", "recovery_stage_before"])
def test_lost_and_sleeping_come_from_the_one_stage_rule(name):
    """Recovery classifies with lifecycle_stage_rule.sql itself (by @include), not with a copy."""
    raw = (ROOT / "lib" / "queries" / f"{name}.sql").read_text(encoding="utf-8")
    assert "@include lifecycle_stage_rule" in raw.splitlines()
    assert "last_churn >= last_purchase" not in raw  # the rule's text is not copied here
    assert load("lifecycle_stage_rule").rstrip() in load(name)


def test_lost_and_sleeping_agree_with_the_lifecycle_page_on_the_demo(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    b = recovery.base(demo_con, ds, AS_OF)
    st = lifecycle.stages(demo_con, ds, AS_OF, lifecycle.Thresholds())
    mask = st["stage"].isin(["lost", "sleeping"])
    theirs = set(zip(st.loc[mask, "cidx"], st.loc[mask, "stage"].astype(str)))
    now = b.stock[b.stock["at"] == "now"]
    assert set(zip(now["cidx"], now["stage"])) == theirs
    # every customer lost now has exactly one open loss
    open_losses = b.losses[b.losses["return_date"].isna()]
    assert sorted(open_losses["cidx"]) == sorted(now.loc[now["stage"] == "lost", "cidx"])


def test_contacts_and_their_outcomes_by_hand(tiny):
    con, ds, _ = tiny
    c = recovery.contacts(con, ds, AS_OF).set_index(["customer_id", "date"])
    h = c.loc[("H", d("2024-08-01"))]
    assert (h["grp"], h["return_date"], h["revenue_after"], h["after_days"], h["reason_key"]) == (
        "control", d("2024-12-15"), 90.0, 365, "price")
    g = c.loc[("G", d("2025-02-01"))]
    assert (g["return_date"], g["revenue_after"], g["after_days"], g["reason_key"]) == (d("2025-02-20"), 150.0, 315, "service")
    assert pd.isna(c.loc[("A", d("2025-05-01")), "return_date"])
    assert c.loc[("A", d("2025-11-15")), "contact_no"] == 2 and c.loc[("A", d("2025-11-15")), "is_last"]

    frame = recovery.outcomes(recovery.contacts(con, ds, AS_OF), 90, AS_OF)
    e = recovery.effect(frame)
    assert (e.contacts, e.pending, e.treated.k, e.treated.n, e.control.k, e.control.n) == (4, 1, 1, 2, 0, 1)
    assert e.uplift.diff == 0.5 and e.uplift.p_value == 1.0
    assert (e.cost, e.revenue, e.incremental_wins, e.incremental_revenue, e.roi) == (50.0, 150.0, 1.0, 150.0, 2.0)
    assert e.median_days == 19
    late = recovery.effect(recovery.outcomes(recovery.contacts(con, ds, AS_OF), 180, AS_OF))
    assert late.control.k == 1 and late.uplift.diff == -0.5
    s = recovery.summary(recovery.base(con, ds, AS_OF), recovery.in_period(frame, date(2025, 1, 1), AS_OF),
                         date(2025, 1, 1), AS_OF)
    assert (s.lost, s.cancellations, s.lost_revenue, s.contacted) == (5, 2, 120 + 170 + 500 + 30 + 160, 2)


def test_candidates_priority_and_export(tiny):
    con, ds, _ = tiny
    b = recovery.base(con, ds, AS_OF)
    cands = recovery.candidates((b, recovery.contacts(con, ds, AS_OF)))
    # nobody was lost or sleeping a year earlier, so the former value alone ranks them
    assert cands["p_return"].isna().all()
    assert cands["customer_id"].tolist() == ["A", "B", "H", "D"]
    assert cands.set_index("customer_id")["last_contact"].to_dict()["A"] == d("2025-11-15")
    out = recovery.candidate_export(cands)
    assert list(out.columns)[:3] == ["customer_id", "priority", "group"] and len(out) == 4


def test_return_likelihood_shrinks_small_groups():
    def row(at, stage, group, band, reason, back):
        return {"at": at, "stage": stage, "group": group, "band": band, "reason_key": reason, "back": back}
    past = ([row("then", "lost", "cancellation", 2, "price", i < 2) for i in range(10)]
            + [row("then", "sleeping", "sleeping", 1, "sleeping", i < 8) for i in range(10)])
    now = [row("now", "lost", "cancellation", 2, "price", False), row("now", "lost", "cancellation", 2, "service", False),
           row("now", "sleeping", "sleeping", 1, "sleeping", False), row("now", "lost", "inactive", 4, "silent_loss", False)]
    p = recovery.return_likelihood(pd.DataFrame(past + now), weight=20)
    p_all = 10 / 20
    lost0 = (2 + 20 * p_all) / (10 + 20)          # stage 'lost' shrunk to all
    lost1 = (2 + 20 * lost0) / (10 + 20)          # cancellation x band 2 shrunk to 'lost'
    lost2 = (2 + 20 * lost1) / (10 + 20)          # ... x price shrunk to that
    sleep0 = (8 + 20 * p_all) / 30
    sleep2 = (8 + 20 * ((8 + 20 * sleep0) / 30)) / 30
    assert p == pytest.approx([lost2, lost1, sleep2, lost0])
    assert np.isnan(recovery.return_likelihood(pd.DataFrame(now))).all()


def test_causes_by_hand(tiny):
    con, ds, _ = tiny
    b = recovery.base(con, ds, AS_OF)
    lost = recovery.losses_in(b, date(2025, 1, 1), AS_OF)
    par = recovery.pareto(lost)
    assert par.set_index("reason")["customers"].to_dict() == {recovery.SILENT: 3, "price": 1, "service": 1}
    assert par["cumulative"].iloc[-1] == pytest.approx(1.0)
    by_rev = recovery.pareto(lost, "revenue")
    assert by_rev["reason"].tolist()[0] == "price" and by_rev["value"].iloc[0] == 500.0
    details = recovery.loss_details((con, ds, lost), AS_OF)
    a = details.merge(lost[["customer_id"]].rename_axis("loss_id").reset_index(), on="loss_id")
    a = a[a["customer_id"] == "A"].iloc[0]
    assert a["stage_before"] == "growing"
    assert (a["complaint"], a["dispute"], a["late_payment"], a["purchase_drop"]) == (True, False, True, False)
    table = recovery.signal_table(lost, details)
    price = table[(table["reason"] == "price") & (table["signal"] == "complaint")].iloc[0]
    assert (price["customers"], price["n"]) == (1, 1)
    assert set(table["reason"]) >= {"all", "price", "service", recovery.SILENT}
    bd = recovery.breakdown(lost.assign(value_group=recovery.value_groups(lost["revenue_before"].to_numpy())), "value_group")
    assert bd.groupby("by")["row_share"].sum().round(6).eq(1).all()


def test_second_loyalty_by_hand(tiny):
    con, ds, _ = tiny
    b = recovery.base(con, ds, AS_OF)
    loy = recovery.loyalty((con, ds, b, recovery.contacts(con, ds, AS_OF)), AS_OF)
    r = loy.returns.set_index(["customer_id", "origin"]).sort_index()
    returns = lifecycle.returns(con, ds, lifecycle.Thresholds())
    assert len(r) == len(returns.loc[returns["day"] <= pd.Timestamp(AS_OF), ["cidx", "day"]].drop_duplicates())
    h = r.loc[("H", d("2024-12-15"))]
    # value before: 365 days up to 2024-05-01; after: 2024-12-15 onwards; lost again on 2025-12-16
    assert (h["value_before"], h["value_after"], h["next_loss"], h["lost"]) == (70.0, 90.0, d("2025-12-16"), True)
    # re-churn within 12 months: no purchase in days 183-365 after the return
    assert h["rechurn_12m"] == True  # noqa: E712 - a numpy bool
    g = r.loc[("G", d("2025-02-20"))]
    assert (g["value_after"], g["lost"]) == (150.0, False) and pd.isna(g["rechurn_12m"])
    assert loy.third["won_back"] == loy.returns["customer_id"].nunique()
    assert set(loy.curves["grp"]) <= {"won_back", "never_lost"}


def test_aftersales_by_hand(tiny):
    con, ds, _ = tiny
    cells = recovery.aftersales(con, ds, AS_OF).set_index(["sale_ok", "after_ok"])
    assert cells.loc[(True, True), ["n", "k"]].tolist() == [1, 1]
    assert cells.loc[(False, True), ["n", "k"]].tolist() == [1, 1]
    assert cells.loc[(True, False), ["n", "k"]].tolist() == [1, 0]
    assert cells.loc[(False, False), ["n", "k"]].tolist() == [2, 2]
    assert cells["study"].tolist() == [0.93, 0.45, 0.14, 0.03]
    lo, hi = stats.binomtest(2, 2).proportion_ci(method="wilson")
    assert cells.loc[(False, False), "lo"] == pytest.approx(lo)


def test_a_dataset_without_optional_tables(tiny):
    con, _, _ = tiny
    ds = db.dataset_id(con, "bare")
    av = db.available(con, ds)
    assert not any((av.churn, av.winback, av.surveys, av.events, av.invoices, av.control))
    full = db.available(con, db.dataset_id(con, "tiny"))
    assert all((full.churn, full.winback, full.surveys, full.events, full.invoices, full.control))
    b = recovery.base(con, ds, AS_OF)
    assert set(b.losses["kind"]) == {"inactive"}
    assert recovery.contacts(con, ds, AS_OF).empty
    assert recovery.aftersales(con, ds, AS_OF)["n"].sum() == 0


def test_default_period():
    assert recovery.default_period(date(2025, 6, 30), date(2023, 1, 1)) == (date(2024, 7, 1), date(2025, 6, 30))
    assert recovery.default_period(date(2023, 3, 1), date(2023, 1, 1)) == (date(2023, 1, 1), date(2023, 3, 1))


# --- chart builders --------------------------------------------------------------------------------------

def test_chart_builders_produce_valid_specs():
    par = pd.DataFrame({"label": ["a", "b"], "value": [3, 1], "cumulative": [0.75, 1.0], "order": [0, 1]})
    spec = charts.pareto(par, reason="R", value="V", cumulative="C").to_dict()
    assert spec["resolve"]["scale"]["y"] == "independent"
    grid = pd.DataFrame({"reason": ["r", "s"], "measure": ["m", "m"], "rate_t": [0.2, 0.5], "n_t": [40, 3],
                         "n_c": [10, 0], "enough": [True, False], "text": ["20% (40)", "too few"],
                         "ci_text": ["[11%; 35%]", "[21%; 94%]"], "rate_text": ["20.0%", "50.0%"],
                         "control_text": ["5.0% [1%; 40%]", "n/a"]})
    spec = charts.cell_heatmap(grid, reason="R", measure="M", rate="W", interval="I", contacts="N", control="C",
                               control_contacts="CN", few="F").to_dict()
    assert spec["layer"][1]["mark"]["strokeDash"] == [3, 3]  # the thin cells are marked
    tips = [tip["title"] for tip in spec["layer"][0]["encoding"]["tooltip"]]
    assert tips == ["R", "M", "W", "I", "N", "C", "CN"]  # the interval is one hover away, and the control's
    assert spec["layer"][0]["encoding"]["color"]["scale"] == {"domain": [0, 0.1, 0.2], "range": list(charts.GREENS),
                                                              "interpolate": "rgb", "clamp": True}


def test_heatmap_text_shows_the_interval_in_the_colour_the_cell_needs():
    # cells at 0 %, half and the top of the scale, and one with too few contacts (grey, dark text)
    grid = pd.DataFrame({"reason": ["a", "b", "c", "d"], "measure": "m", "rate_t": [0.0, 0.15, 0.30, 0.9],
                         "n_t": [40, 40, 40, 2], "n_c": 10, "enough": [True, True, True, False],
                         "text": ["0% (40)", "15% (40)", "30% (40)", "too few (2)"],
                         "ci_text": ["[0%; 9%]", "[7%; 29%]", "[18%; 45%]", "[34%; 100%]"],
                         "rate_text": "x", "control_text": "y"})
    spec = charts.cell_heatmap(grid, reason="R", measure="M", rate="W", interval="I", contacts="N", control="C",
                               control_contacts="CN", few="F").to_dict()
    (data,) = [v for v in spec["datasets"].values()]
    assert [r["label"] for r in data] == ["0% (40)\n[0%; 9%]", "15% (40)\n[7%; 29%]", "30% (40)\n[18%; 45%]",
                                          "too few (2)"]
    # fills as Vega draws them (linear RGB between the stops), text colour of the higher WCAG contrast
    assert [charts.cell_fill(r, 0.30) for r in (0.0, 0.15, 0.30)] == list(charts.GREENS)
    assert [r["ink"] for r in data] == [charts.INK_DARK, charts.INK_DARK, charts.INK_LIGHT, charts.INK_DARK]
    assert spec["layer"][2]["mark"]["lineBreak"] == "\n"
    assert spec["layer"][2]["encoding"]["fill"] == {"field": "ink", "type": "nominal", "scale": None}
    # WCAG luminance by hand: #74c476 = (116, 196, 118) -> 0.2126 R + 0.7152 G + 0.0722 B of the linear values
    lin = [((c / 255 + 0.055) / 1.055) ** 2.4 for c in (116, 196, 118)]
    assert charts.luminance("#74c476") == pytest.approx(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])
    # every fill of the scale gets the text colour of at least 4.5 : 1 contrast (WCAG AA)
    for r in np.linspace(0, 0.3, 31):
        fill = charts.cell_fill(r, 0.3)
        ink = charts.ink(fill)
        a, b = sorted([charts.luminance(fill), charts.luminance(ink)])
        assert (b + 0.05) / (a + 0.05) >= 4.5, (r, fill, ink)


def test_forest_marks_only_holm_significant_rows():
    d = pd.DataFrame({"label": ["a", "b"], "uplift": [0.1, 0.12], "lo": [0.02, 0.01], "hi": [0.2, 0.25],
                      "p_value": [0.01, 0.03], "p_holm": [0.02, 0.06], "n": [90, 80], "uplift_text": ["+10 pp"] * 2,
                      "ci_text": ["[...]"] * 2, "p_text": ["0.01", "0.03"], "p_holm_text": ["0.02", "0.06"]})
    spec = charts.uplift_forest(d, label="L", uplift="U", p_value="P", p_holm="H", contacts="N", interval="I").to_dict()
    colour = spec["layer"][1]["encoding"]["color"]
    assert colour["condition"]["test"] == "(datum.p_holm < 0.05)"
    assert [t["title"] for t in spec["layer"][1]["encoding"]["tooltip"]] == ["L", "U", "I", "P", "H", "N"]
    km = recovery.chart_curve(survival.kaplan_meier([5, 10, 20], [True, False, True])).assign(group="W")
    spec = charts.survival(km, days="D", share="S", group="G", groups=["W"], at_risk="R").to_dict()
    assert spec["layer"][1]["mark"]["interpolate"] == "step-after"
    cells = pd.DataFrame({"label": ["x"], "rate": [0.9], "lo": [0.8], "hi": [0.95], "study": [0.93], "n": [10], "order": [0]})
    assert len(charts.aftersales(cells, cell="C", rate="R", study="S", customers="N").to_dict()["layer"]) == 3
    long = survival.kaplan_meier(np.arange(5000), np.ones(5000, bool))
    assert len(recovery.chart_curve(long)) <= 600


# --- the page ------------------------------------------------------------------------------------------

TAB_IDS = ["identify", "notices", "causes", "measures", "success", "loyalty", "aftersales",
           "whatif"]  # in the URL: rec_tab=<id>
TABS_EN = ["1 · Identify", "Cancellation notices", "2 · Causes", "3 · Measures", "4 · Success control",
           "5 · Second loyalty", "After-sales", "What-if"]
TABS_DE = ["1 · Identifizieren", "Kündigungen", "2 · Ursachen", "3 · Maßnahmen", "4 · Erfolgskontrolle",
           "5 · Zweite Loyalität", "After-Sales", "Was wäre, wenn"]


def run_page(query: dict, at: AppTest | None = None) -> AppTest:
    return open_page("recovery", query, at)


def open_tab(at: AppTest) -> str:
    """The label of the tab the page drew (only the open one has content)."""
    (label,) = [tab.label for tab in at.tabs if tab.children]
    return label


def number(text: str) -> int:
    """An English whole number as the page prints it: '1,234' -> 1234."""
    return int(text.replace(",", ""))


def test_page_every_tab_on_the_demo(app_env, demo_con):
    at = None
    marks = {"1 · Identify": "Lost at the as-of date", "Cancellation notices": "Save rate", "2 · Causes": "Early-warning signals before the loss",
             "3 · Measures": "Which measure works for which loss reason", "4 · Success control": "Per measure",
             "5 · Second loyalty": "Lost again within 12 months", "After-sales": "Repurchase within 12 months",
             "What-if": "Over 36 months"}
    # what the page must show, computed here from the lifecycle stages and the raw input tables
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    start, end = recovery.default_period(as_of, demo_con.execute(
        "SELECT min(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchone()[0])
    stage = lifecycle.stages(demo_con, ds, as_of, lifecycle.Thresholds())["stage"].astype(str).value_counts()
    n_lost, n_sleeping = int(stage["lost"]), int(stage["sleeping"])
    contacts_in_period, campaigns_in_period = demo_con.execute(
        "SELECT count(*), count(DISTINCT campaign) FROM winback WHERE dataset_id = ? AND date BETWEEN ? AND ?",
        [ds, start, end]).fetchone()
    returns = lifecycle.returns(demo_con, ds, lifecycle.Thresholds())
    won_back = returns.loc[returns["day"] <= pd.Timestamp(as_of), "cidx"].nunique()
    lost_in_period = len(recovery.losses_in(recovery.base(demo_con, ds, as_of), start, end))
    for tab_id, tab in zip(TAB_IDS, TABS_EN):
        at = run_page({"lang": "en", "rec_tab": tab_id}, at)
        assert not at.exception, (tab, at.exception)
        assert not at.error
        assert open_tab(at) == tab
        shown = [m.label for m in at.metric] + [s.value for s in at.subheader] + [
            c for df in at.dataframe for c in df.value.columns]
        assert marks[tab] in shown, (tab, shown)
        metric = {m.label: m.value for m in at.metric}
        if tab == "1 · Identify":
            assert number(metric["Lost at the as-of date"]) == n_lost > 0
            assert number(metric["Sleeping"]) == n_sleeping > 0
            kinds = ("Cancellation", "Silent loss", "Inactive, not recorded")
            assert sum(number(metric[k]) for k in kinds) == n_lost
            assert metric["Former value of the lost"].startswith("€") and metric["CLV at loss of the lost"] == "—"
            table = at.dataframe[0].value
            assert len(table) == min(200, n_lost + n_sleeping)
            assert table["Priority"].is_monotonic_decreasing
            assert set(table["Status"]) <= {"Cancellation", "Silent loss", "Inactive, not recorded", "Sleeping"}
            assert f"of {n_lost + n_sleeping:,} customers" in " ".join(c.value for c in at.caption)
        elif tab == "Cancellation notices":   # its numbers: tests/test_notices.py
            assert metric["Save rate"].endswith("%") and number(metric["Notices received"]) > 0
        elif tab == "2 · Causes":
            pareto = at.dataframe[0].value
            assert pareto["Customers"].sum() == lost_in_period
            assert pareto["Cumulative share"].iloc[-1] == "100.0%"
        elif tab == "3 · Measures":
            measures = at.dataframe[0].value
            assert measures["Contacts"].sum() == contacts_in_period > 0
            assert (measures["Won back"] <= measures["Contacts"] - measures["Still open"]).all()
        elif tab == "4 · Success control":
            by_campaign, by_measure = (df.value for df in at.dataframe)
            assert len(by_campaign) == campaigns_in_period
            assert by_campaign.columns[0] == "Campaign" and by_measure.columns[0] == "Measure"
            assert set(by_measure["Verdict"]) <= {"clearly real, p < 0.001", "real, p < 0.05", "a weak hint, p < 0.1",
                                                  "could be chance", "—"}
            assert metric["Median time to win-back"].endswith(" days")
        elif tab == "5 · Second loyalty":
            assert number(metric["Customers won back"]) == won_back > 0
            assert metric["Lost again within 12 months"].endswith("%")
        elif tab == "After-sales":
            cells = at.dataframe[0].value
            assert len(cells) == 4 and cells.iloc[:, -1].tolist() == ["93%", "45%", "14%", "3%"]
        else:  # what-if: the numbers are checked in tests/test_whatif.py
            assert list(at.dataframe[0].value.columns) == ["Figure", "Over 12 months", "Over 24 months", "Over 36 months"]
    summary = at.info[0].value
    assert "customers were lost" in summary and "control group" in summary
    assert f"**{lost_in_period:,}** customers were lost" in summary
    assert at.title[0].value == "Customer win-back"


def test_page_in_german_with_state_from_the_url(app_env):
    at = run_page({"lang": "de", "rec_tab": "success", "rec_n": "60", "rec_from": "2024-01-01",
                   "rec_to": "2024-12-31", "rec_camp": "Win-back 2024-Q2"})
    assert not at.exception, at.exception
    summary = at.info[0].value
    assert "01.01.2024 bis 31.12.2024" in summary and "60 Tage" in summary
    assert at.number_input(key="rec_n").value == 60
    assert at.multiselect(key="rec_camp").value == ["Win-back 2024-Q2"]
    assert at.title[0].value == "Kundenrückgewinnung"
    # only the chosen campaign is judged
    assert at.dataframe[0].value["Kampagne"].tolist() == ["Win-back 2024-Q2"]


def test_page_with_an_empty_period_and_bad_dates(app_env):
    at = run_page({"lang": "en", "rec_from": "2025-06-01", "rec_to": "2025-01-01"})
    assert not at.exception
    assert any("period is empty" in w.value for w in at.warning)


def test_page_without_winback_survey_and_churn_tables(tiny, monkeypatch):
    _, _, path = tiny
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = None
    texts = []
    for tab in TAB_IDS:
        at = run_page({"lang": "en", "dataset": "bare", "rec_tab": tab}, at)
        assert not at.exception, (tab, at.exception)
        texts.append(" ".join(i.value for i in at.info) + " ".join(c.value for c in at.caption))
    assert "no win-back table" in texts[0]
    assert "no cancellation notices" in texts[1] and "effective_date" in texts[1]
    assert "no churn table" in texts[2]
    assert "no win-back table" in texts[3] and "no win-back table" in texts[4]
    assert "no survey table" in texts[6]
    assert "no win-back table" in texts[7]   # what-if: the win-back rate is the share who came back


def test_page_clv_at_loss_and_group_filter_from_the_url(app_env):
    at = run_page({"lang": "de", "rec_value": "clv", "rec_groups": ["cancellation", "sleeping"]})
    assert not at.exception, at.exception
    assert at.segmented_control(key="rec_value").value == "clv"
    clv = [m for m in at.metric if m.label == "CLV beim Verlust (Abgewanderte)"][0]
    assert clv.value.endswith("€") and clv.value != "—"
    table = at.dataframe[0].value
    shown = set(table["Status"])
    assert shown <= {"Kündigung", "Schlafend"} and shown
    # ranked by CLV at loss x likelihood of return: the CLV column is shown and the priority falls
    assert "CLV beim Verlust" in table.columns and table["Priorität"].is_monotonic_decreasing
    # the URL keeps the raw options, not the German labels
    assert at.query_params["rec_value"] in ("clv", ["clv"])


# --- the URL: language-neutral values, one link for both languages -------------------------------------

@pytest.mark.parametrize(("made_in", "opened_in"), [("en", "de"), ("de", "en")])
def test_page_link_opens_the_same_view_in_the_other_language(app_env, made_in, opened_in):
    tabs = {"en": TABS_EN, "de": TABS_DE}
    at = run_page({"lang": made_in, "rec_tab": "measures"})
    at.date_input(key="rec_from").set_value(date(2024, 1, 1)).run()
    at.date_input(key="rec_to").set_value(date(2024, 12, 31)).run()
    at.multiselect(key="rec_camp").set_value(["Win-back 2024-Q2", "Win-back 2024-Q3"]).run()
    at.number_input(key="rec_n").set_value(60).run()
    at.segmented_control(key="rec_view").set_value("campaign").run()
    assert not at.exception, at.exception
    # the URL holds ISO dates, numbers and ids, not the labels of either language
    assert {k: at.query_params[k] for k in ("rec_tab", "rec_from", "rec_to", "rec_camp", "rec_n", "rec_view")} == {
        "rec_tab": "measures", "rec_from": "2024-01-01", "rec_to": "2024-12-31",
        "rec_camp": ["Win-back 2024-Q2", "Win-back 2024-Q3"], "rec_n": "60", "rec_view": "campaign"}
    made = at.dataframe[0].value

    other = run_page({**at.query_params, "lang": opened_in})
    assert not other.exception, other.exception
    assert open_tab(other) == tabs[opened_in][3]
    assert other.date_input(key="rec_from").value == date(2024, 1, 1)
    assert other.date_input(key="rec_to").value == date(2024, 12, 31)
    assert other.multiselect(key="rec_camp").value == ["Win-back 2024-Q2", "Win-back 2024-Q3"]
    assert other.number_input(key="rec_n").value == 60
    assert other.segmented_control(key="rec_view").value == "campaign"
    shown = other.dataframe[0].value  # one row per chosen campaign, with the same counts
    assert shown.iloc[:, 0].tolist() == made.iloc[:, 0].tolist() == ["Win-back 2024-Q2", "Win-back 2024-Q3"]
    assert shown.iloc[:, 1:4].values.tolist() == made.iloc[:, 1:4].values.tolist()

    # the causes tab's choices travel the same way
    at = run_page({"lang": made_in, "rec_tab": "causes"})
    at.segmented_control(key="rec_pareto").set_value("revenue").run()
    at.segmented_control(key="rec_by").set_value("value_group").run()
    assert (at.query_params["rec_pareto"], at.query_params["rec_by"]) == ("revenue", "value_group")
    other = run_page({**at.query_params, "lang": opened_in})
    assert not other.exception, other.exception
    assert open_tab(other) == tabs[opened_in][2]
    assert other.segmented_control(key="rec_pareto").value == "revenue"
    assert other.segmented_control(key="rec_by").value == "value_group"
    # the Pareto table ranks the reasons (translated) by lost revenue: the same numbers
    assert other.dataframe[0].value.iloc[:, 1:3].values.tolist() == at.dataframe[0].value.iloc[:, 1:3].values.tolist()


def test_page_links_with_the_old_tab_labels_still_work(app_env):
    """Before the URL held ids, it held the tab's label (in the language of the link)."""
    at = run_page({"lang": "en", "rec_tab": "4 · Erfolgskontrolle"})
    assert not at.exception, at.exception
    assert open_tab(at) == "4 · Success control" and at.query_params["rec_tab"] == "success"
    at = run_page({"lang": "de", "rec_tab": "After-sales"})
    assert open_tab(at) == "After-Sales"


def test_page_bad_url_values_fall_back_to_the_defaults(app_env, demo_con):
    ds = db.dataset_id(demo_con, "demo")
    first = demo_con.execute("SELECT min(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchone()[0]
    start, end = recovery.default_period(AS_OF, first)
    at = run_page({"lang": "en", "rec_tab": "nope", "rec_from": "yesterday", "rec_to": "2099-01-01", "rec_n": "5",
                   "rec_camp": ["Nope"], "rec_value": "Umsatz", "rec_groups": ["zzz"]})
    assert not at.exception, at.exception
    assert open_tab(at) == "1 · Identify"
    assert (at.date_input(key="rec_from").value, at.date_input(key="rec_to").value) == (start, end)
    assert at.number_input(key="rec_n").value == recovery.DEFAULT_N
    assert at.multiselect(key="rec_camp").value == []
    assert at.segmented_control(key="rec_value").value == "revenue"
    assert at.multiselect(key="rec_groups").value == list(recovery.GROUPS)
    at = run_page({"lang": "en", "rec_tab": "causes", "rec_n": "many", "rec_pareto": "x", "rec_by": "y"})
    assert not at.exception, at.exception
    assert at.number_input(key="rec_n").value == recovery.DEFAULT_N
    assert (at.segmented_control(key="rec_pareto").value, at.segmented_control(key="rec_by").value) == (
        "customers", "segment")
    at = run_page({"lang": "en", "rec_tab": "measures", "rec_view": "Measure", "rec_from": "1999-01-01"})
    assert not at.exception, at.exception
    assert at.segmented_control(key="rec_view").value == "measure"
    assert at.date_input(key="rec_from").value == start


def test_page_widgets_write_ids_to_the_url_and_defaults_leave_it(app_env):
    at = run_page({"lang": "de"})
    at.segmented_control(key="rec_value").set_value("clv").run()
    at.multiselect(key="rec_groups").set_value(["sleeping", "cancellation"]).run()
    at.number_input(key="rec_n").set_value(30).run()
    assert not at.exception, at.exception
    assert (at.query_params["rec_value"], at.query_params["rec_groups"], at.query_params["rec_n"]) == (
        "clv", ["sleeping", "cancellation"], "30")
    at.segmented_control(key="rec_value").set_value("revenue").run()
    at.multiselect(key="rec_groups").set_value(list(recovery.GROUPS)).run()
    at.number_input(key="rec_n").set_value(recovery.DEFAULT_N).run()
    assert not {"rec_value", "rec_groups", "rec_n"} & set(at.query_params)


def test_page_an_earlier_as_of_date_drops_later_campaigns_and_dates(app_env):
    at = run_page({"lang": "en", "rec_tab": "success", "rec_camp": ["Win-back 2024-Q2", "Win-back 2025-Q4"],
                   "rec_to": "2025-11-30"})
    assert at.multiselect(key="rec_camp").value == ["Win-back 2024-Q2", "Win-back 2025-Q4"]
    at.date_input(key="app_as_of").set_value(date(2024, 6, 30)).run()
    assert not at.exception, at.exception
    # the later campaign and the later end date are gone, from the page and from the URL
    assert at.multiselect(key="rec_camp").value == ["Win-back 2024-Q2"]
    assert at.query_params["rec_camp"] in ("Win-back 2024-Q2", ["Win-back 2024-Q2"])
    assert at.date_input(key="rec_to").value == date(2024, 6, 30) and "rec_to" not in at.query_params
    assert at.dataframe[0].value.iloc[:, 0].tolist() == ["Win-back 2024-Q2"]


@pytest.fixture(scope="module")
def pooled_only_db(tmp_path_factory):
    """Three 2025 campaigns with the demo's counts (:data:`SMALL`): each too small for an effect of
    its own, pooled a clear one. Written through the database, so the page computes everything."""
    path = tmp_path_factory.mktemp("pooled") / "pooled.duckdb"
    con = db.connect(path)
    dates = {"Q1": "2025-02-01", "Q2": "2025-05-01", "Q3": "2025-08-01"}
    tx, churn, wb, i = [("Z", "2025-12-31", 10.0)], [], [], 0
    for name, (k_t, n_t, k_c, n_c) in SMALL.items():
        for grp, k, n in (("treatment", k_t, n_t), ("control", k_c, n_c)):
            for j in range(n):
                c = f"K{i:04d}"
                i += 1
                tx += [(c, "2024-01-10", 80.0), (c, "2024-03-01", 80.0)]
                churn.append((c, "2024-04-01", "price", "cancellation"))
                wb.append((c, dates[name], f"Win-back {name}", "discount", grp, 10.0 if grp == "treatment" else None))
                if j < k:
                    tx.append((c, (pd.Timestamp(dates[name]) + pd.Timedelta(days=10)).date(), 120.0))
    write_dataset(con, "pooled", tx, churn=churn, winback=wb)
    con.close()
    return path


def p_column(values) -> np.ndarray:
    """p-values as the page prints them ('0.0694', '< 0.0001', '—') as floats (nan for none)."""
    out = []
    for v in values:
        v = v.replace(",", ".")
        out.append(np.nan if v in ("—", "n/a") else 0.0 if v.startswith("<") else float(v))
    return np.array(out)


VERDICTS = {"clearly real, p < 0.001": "very_strong", "real, p < 0.05": "strong", "a weak hint, p < 0.1": "weak",
            "could be chance": "none"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_page_says_the_effect_shows_only_when_the_campaigns_are_pooled(pooled_only_db, monkeypatch, lang):
    monkeypatch.setenv("LIFECYCLE_DB", str(pooled_only_db))
    monkeypatch.chdir(ROOT)
    at = run_page({"lang": lang, "dataset": "pooled", "rec_tab": "success"})
    assert not at.exception, at.exception
    summary = at.info[0].value
    campaigns = at.dataframe[0].value
    p_name, holm_name = "p (Fisher)", "p (Holm)"
    fisher, adjusted = p_column(campaigns[p_name]), p_column(campaigns[holm_name])
    # by hand: Fisher's p of each campaign, then Holm over the three
    expected = [stats.fisher_exact([[k, n - k], [kc, nc - kc]]).pvalue for k, n, kc, nc in SMALL.values()]
    assert fisher == pytest.approx(expected, abs=5e-5)
    order = np.argsort(expected)
    holm = np.empty(3)
    holm[order] = np.minimum(1, np.maximum.accumulate([(3 - i) * expected[j] for i, j in enumerate(order)]))
    assert adjusted == pytest.approx(holm, abs=5e-5) and (adjusted > 0.05).all()
    if lang == "en":
        assert set(campaigns["Verdict"]) == {"could be chance"}
        assert "**+12.9 pp** (real, p < 0.05; exact stratified test, p = 0.0051)" in summary
        assert "None of the 3 campaigns shows an effect on its own" in summary
        assert "**the effect is visible only when the campaigns are pooled**" in summary
        pooled_line = [m.value for m in at.markdown if m.value.startswith("**All 3 campaigns")]
        assert pooled_line and "exact stratified test p = 0.0051: real, p < 0.05" in pooled_line[0]
        assert "visible only when the campaigns are pooled" in pooled_line[0]
    else:
        assert set(campaigns["Einschätzung"]) == {"könnte Zufall sein"}
        assert "**+12,9 Pp.** (belastbar, p < 0,05; exakter geschichteter Test, p = 0,0051)" in summary
        assert "**Die Wirkung zeigt sich nur, wenn die Kampagnen zusammengefasst werden.**" in summary


def test_page_verdicts_read_the_holm_corrected_p_and_agree_with_the_summary(app_env, demo_con):
    at = run_page({"lang": "en", "rec_tab": "success"})
    assert not at.exception, at.exception
    summary = at.info[0].value
    significant_rows = 0
    for i, table in enumerate(at.dataframe[:2]):
        table = table.value
        fisher, adjusted = p_column(table["p (Fisher)"]), p_column(table["p (Holm)"])
        tested = np.isfinite(fisher)
        # the shown Holm column is Holm over the shown Fisher column (both rounded to 4 places)
        assert adjusted[tested] == pytest.approx(lib_stats.holm(fisher[tested]), abs=2e-4)
        for verdict, p in zip(table["Verdict"][tested], adjusted[tested]):
            if abs(p - 0.05) > 2e-4 and abs(p - 0.001) > 2e-4 and abs(p - 0.1) > 2e-4:
                assert VERDICTS[verdict] == lib_stats.evidence(p)
        if i == 0:
            significant_rows = int((adjusted[tested] < 0.05).sum())
            n_tested = int(tested.sum())
    # the summary's sentence matches the campaign rows
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    start, end = recovery.default_period(as_of, demo_con.execute(
        "SELECT min(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchone()[0])
    frame = recovery.in_period(recovery.outcomes(recovery.contacts(demo_con, ds, as_of), 90, as_of), start, end)
    s = recovery.summary(recovery.base(demo_con, ds, as_of), frame, start, end)
    assert (s.tested, s.significant) == (n_tested, significant_rows)
    if s.tested > 1:
        phrase = {"both": f"{significant_rows} of the {n_tested} campaigns show an effect too",
                  "pooled_only": "the effect is visible only when the campaigns are pooled",
                  "rows_only": f"yet {significant_rows} of the {n_tested} campaigns show an effect on their own",
                  "neither": f"None of the {n_tested} campaigns shows an effect on its own either"}[s.reading]
        assert phrase in summary
