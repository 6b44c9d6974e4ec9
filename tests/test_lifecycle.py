"""Lifecycle logic on hand-made datasets: every stage rule at its boundaries, the trend against
the per-customer stages, the page's aggregates against hand-computed values, the 95 % intervals
against scipy and the phases (the page's URL state: tests/test_lifecycle_page.py)."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from scipy.stats import binomtest

from lib import db, derived, lifecycle as lc
from lib.queries import load
from lib.stats import wilson

AS_OF = date(2025, 6, 30)  # a month end: windows (2024-06-30, 2025-06-30] and (2023-06-30, 2024-06-30]


def days_before(n: int) -> str:
    return (AS_OF - timedelta(days=n)).isoformat()


def every_two_months(previous: list[float], last: list[float]) -> list[tuple[str, float]]:
    """Purchases two months apart (never idle long enough to sleep): five in the 12 months
    before the last 12, six in the last 12."""
    days = ["2023-09-01", "2023-11-01", "2024-01-01", "2024-03-01", "2024-05-01",
            "2024-07-01", "2024-09-01", "2024-11-01", "2025-01-01", "2025-03-01", "2025-05-01"]
    return list(zip(days, previous + last))


# customer -> (purchases as (date, amount), expected stage at AS_OF or None when not yet known)
CUSTOMERS = {
    # prospects: known from the customers table (or a return only), no purchase by the as-of date
    "P_contact": ([], "prospect"),
    "P_later": ([("2025-08-01", 30)], "prospect"),        # buys only after the as-of date
    "P_unknown": ([], None),                             # first contact after the as-of date
    "P_return_only": ([("2025-03-01", -5)], "prospect"),
    # new: first purchase less than 90 days before
    "N_89": ([(days_before(89), 10)], "new"),
    "N_90": ([(days_before(90), 10)], "growing"),         # no revenue the year before -> growing
    # sleeping after max(180 days, 3x the usual gap)
    "S_180": ([(days_before(180), 10)], "growing"),
    "S_181": ([(days_before(181), 10)], "sleeping"),
    "G_300": ([(days_before(500), 100), (days_before(400), 100), (days_before(300), 100)], "declining"),
    "G_301": ([(days_before(501), 100), (days_before(401), 100), (days_before(301), 100)], "sleeping"),
    # lost: more than 365 days without a purchase, or a churn record on or after the last purchase
    "L_365": ([(days_before(395), 10), (days_before(365), 10)], "sleeping"),
    "L_366": ([(days_before(396), 10), (days_before(366), 10)], "lost"),
    "C_same_day": ([("2025-01-10", 10), ("2025-03-10", 10)], "lost"),
    "C_later": ([("2025-01-10", 10), ("2025-03-01", 10)], "lost"),        # churn record after the last purchase
    "C_bought_after": ([("2025-01-10", 10), ("2025-03-01", 10)], "won_back"),
    # growing / mature / declining: last 12 months against the 12 before
    "R_120": (every_two_months([20] * 5, [20] * 6), "growing"),
    "R_119": (every_two_months([20] * 5, [20] * 5 + [19.99]), "mature"),
    "R_70": (every_two_months([20] * 5, [12] * 5 + [10]), "declining"),
    "R_71": (every_two_months([20] * 5, [12] * 5 + [10.01]), "mature"),
    # no revenue in the 12 months before: growing with revenue now (N_90, S_180), else declining
    "D_no_revenue": ([("2024-12-01", 50), ("2025-05-01", 10), ("2025-05-15", -70)], "declining"),
    # one purchase a year: the second one ends 365 idle days, which is sleeping -> a return
    "Y_once": ([("2024-01-15", 100), ("2025-01-15", 100)], "won_back"),
    # won back: a return less than 365 days ago (after > 365 idle days, or after sleeping)
    "W_364": ([("2023-03-01", 10), ("2024-07-01", 50), ("2025-05-01", 50)], "won_back"),
    "W_365": ([("2023-03-01", 10), ("2024-06-30", 50), ("2025-05-01", 50)], "mature"),
    "W_sleep_181": ([("2024-01-01", 10), ("2024-01-31", 10), ("2024-07-31", 10), ("2025-06-01", 10)], "won_back"),
    "W_sleep_180": ([("2024-01-01", 10), ("2024-01-31", 10), ("2024-07-30", 10), ("2025-06-01", 10)], "mature"),
}
CUSTOMER_ROWS = [  # customer_id, segment, region, acquisition_channel, first_contact_date
    ("P_contact", "B2C", "Nord", "Web", "2025-01-01"),
    ("P_later", "B2C", "Süd", "Web", "2025-03-01"),
    ("P_unknown", "B2C", "Nord", "Web", "2025-07-15"),
    ("N_89", "B2B", "Nord", "Messe", "2025-03-01"),
    ("R_120", "B2B", "Süd", "Messe", "2023-12-01"),
]
CHURN = [("C_same_day", "2025-03-10"), ("C_bought_after", "2025-02-01"), ("C_later", "2025-04-15")]


INSERTS = {
    "transactions": "INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
    "customers": "INSERT INTO customers (dataset_id, customer_id, segment, region, acquisition_channel, "
                 "first_contact_date) VALUES (?, ?, ?, ?, ?, ?)",
    "churn": "INSERT INTO churn (dataset_id, customer_id, date) VALUES (?, ?, ?)",
    "events": "INSERT INTO events (dataset_id, customer_id, date, type, direction, channel) VALUES (?, ?, ?, ?, ?, ?)",
    "surveys": "INSERT INTO surveys (dataset_id, customer_id, date, sale_satisfaction, aftersales_satisfaction) "
               "VALUES (?, ?, ?, ?, ?)",
}


def make(con, name: str, tx, customers=(), churn=(), events=(), surveys=()) -> int:
    """Write a dataset the way an import does (rows, then swap_in in one transaction)."""
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    for table, rows in (("transactions", tx), ("customers", customers), ("churn", churn), ("events", events),
                        ("surveys", surveys)):
        if rows:
            con.executemany(INSERTS[table], [(ds, *r) for r in rows])
    db.swap_in(con, name, ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return ds


@pytest.fixture(scope="module")
def con():
    c = db.connect(":memory:")
    tx = [(cid, d, a) for cid, (rows, _) in CUSTOMERS.items() for d, a in rows]
    make(c, "stages", tx, CUSTOMER_ROWS, CHURN)
    return c


@pytest.fixture(scope="module")
def ds(con):
    return db.dataset_id(con, "stages")


def stage_of(con, ds, as_of=AS_OF, thresholds=lc.Thresholds()) -> dict[str, str]:
    frame = lc.stages(con, ds, as_of, thresholds)
    ids = con.execute("SELECT cidx, customer_id FROM lifecycle_customers WHERE dataset_id = ?", [ds]).fetchall()
    names = dict(ids)
    return {names[c]: s for c, s in zip(frame["cidx"], frame["stage"].astype(str))}


def test_every_stage_at_its_boundaries(con, ds):
    got = stage_of(con, ds)
    want = {cid: stage for cid, (_, stage) in CUSTOMERS.items() if stage is not None}
    assert got == want


# The rule itself (lib/queries/lifecycle_stage_rule.sql) over hand-made features, in day numbers:
# as_of, first_purchase, last_purchase, n_purchases, revenue_12m, revenue_prev_12m, last_churn,
# last_return (None: no such day), and the stage the default thresholds give.
RULE_CASES = {
    "prospect": (1000, None, None, 0, 0, 0, None, None, "prospect"),
    "prospect, a churn record only": (1000, None, None, 0, 0, 0, 990, None, "prospect"),
    "lost: churn record on the last purchase day": (1000, 900, 990, 4, 50, 50, 990, None, "lost"),
    "lost: churn record after the last purchase": (1000, 900, 950, 4, 50, 50, 960, None, "lost"),
    "lost: churn record beats new": (1000, 950, 990, 2, 50, 0, 995, None, "lost"),
    "not lost: churn record before the last purchase": (1000, 500, 990, 30, 50, 50, 900, None, "mature"),
    "lost: 366 idle days": (1000, 500, 634, 5, 0, 50, None, None, "lost"),
    "sleeping, not lost: 365 idle days": (1000, 500, 635, 5, 0, 50, None, None, "sleeping"),
    "sleeping: 181 idle days (one purchase, no usual gap)": (1000, 819, 819, 1, 10, 0, None, None, "sleeping"),
    "not sleeping: 180 idle days": (1000, 820, 820, 1, 10, 0, None, None, "growing"),
    "sleeping: more than 3x a usual gap of 100 days": (1000, 499, 699, 3, 0, 300, None, None, "sleeping"),
    "not sleeping: 3x a usual gap of 100 days": (1000, 500, 700, 3, 100, 200, None, None, "declining"),
    "sleeping beats won back": (1000, 790, 800, 2, 10, 10, None, 800, "sleeping"),
    "new: first purchase 89 days before": (1000, 911, 990, 2, 20, 0, None, None, "new"),
    "not new: 90 days before": (1000, 910, 990, 2, 20, 0, None, None, "growing"),
    "new beats won back": (1000, 950, 990, 2, 20, 0, None, 990, "new"),
    "won back: return 364 days before": (1000, 100, 990, 9, 10, 10, None, 636, "won_back"),
    "not won back: return 365 days before": (1000, 100, 990, 9, 10, 10, None, 635, "mature"),
    "growing: 1.2x the year before": (1000, 100, 990, 30, 120, 100, None, None, "growing"),
    "mature: just below 1.2x": (1000, 100, 990, 30, 119.99, 100, None, None, "mature"),
    "declining: 0.7x the year before": (1000, 100, 990, 30, 70, 100, None, None, "declining"),
    "mature: just above 0.7x": (1000, 100, 990, 30, 70.01, 100, None, None, "mature"),
    "growing: revenue now, none the year before": (1000, 500, 990, 3, 5, 0, None, None, "growing"),
    "declining: no revenue now nor the year before": (1000, 500, 990, 3, 0, 0, None, None, "declining"),
    "declining: net returns now and the year before": (1000, 500, 990, 3, -1, -3, None, None, "declining"),
}


def test_the_stage_rule_on_hand_made_features():
    columns = ["as_of", "first_purchase", "last_purchase", "n_purchases", "revenue_12m", "revenue_prev_12m",
               "last_churn", "last_return"]
    features = pd.DataFrame([case[:-1] for case in RULE_CASES.values()], columns=columns)
    for col in ("first_purchase", "last_purchase", "last_churn", "last_return"):
        features[col] = features[col].astype("Int64")   # None: no such day (NULL)
    con = db.connect(":memory:")
    got = db.run_query(con, load("lifecycle_stage_rule"), lc.Thresholds().params(), lc_features=features)
    assert dict(zip(RULE_CASES, got["stage"])) == {name: case[-1] for name, case in RULE_CASES.items()}
    assert set(got["stage"]) == set(lc.STAGES)   # every stage has a case


def test_thresholds_move_the_boundaries(con, ds):
    got = stage_of(con, ds, thresholds=lc.Thresholds(new_days=91, sleep_days=181, lost_days=366))
    assert got["N_90"] == "new"          # 90 days < 91
    assert got["S_181"] == "growing"     # 181 idle days, not more than 181
    assert got["L_366"] == "sleeping"    # 366 idle days, not more than 366
    got = stage_of(con, ds, thresholds=lc.Thresholds(growth=1.25, decline=0.75, won_back_days=366))
    assert (got["R_120"], got["R_71"], got["W_365"]) == ("mature", "declining", "won_back")


def test_returns_are_purchases_after_sleeping_or_lost(con, ds):
    r = lc.returns(con, ds, lc.Thresholds())
    ids = dict(con.execute("SELECT cidx, customer_id FROM lifecycle_customers WHERE dataset_id = ?", [ds]).fetchall())
    got = sorted((ids[c], d.date().isoformat(), int(i)) for c, d, i in zip(r["cidx"], r["day"], r["idle_days"]))
    assert got == [("C_bought_after", "2025-03-01", 49), ("W_364", "2024-07-01", 487), ("W_365", "2024-06-30", 486),
                   ("W_sleep_181", "2024-07-31", 181), ("Y_once", "2025-01-15", 365)]


def test_earlier_as_of_date(con, ds):
    got = stage_of(con, ds, as_of=date(2024, 12, 31))
    assert not {"N_89", "P_contact", "C_same_day"} & set(got)   # not known yet
    assert got["W_sleep_180"] == "growing" and got["R_120"] == "growing" and got["Y_once"] == "sleeping"


def test_trend_equals_the_stages_at_every_month_end(con, ds):
    cube = lc.trend_cube(con, ds, lc.Thresholds())
    for month, group in cube.groupby("month"):
        frame = lc.stages(con, ds, month.date(), lc.Thresholds())
        assert group.groupby("stage", observed=True)["customers"].sum().to_dict() == \
            frame["stage"].value_counts().loc[lambda s: s > 0].to_dict(), month


def test_trend_for_other_thresholds_is_computed(con, ds):
    other = lc.Thresholds(sleep_days=100, lost_days=200)
    cube = lc.trend_cube(con, ds, other)
    at = cube.loc[cube["month"] == pd.Timestamp(AS_OF)].groupby("stage", observed=True)["customers"].sum()
    assert at.to_dict() == lc.stages(con, ds, AS_OF, other)["stage"].value_counts().loc[lambda s: s > 0].to_dict()


def test_trend_on_the_demo_equals_the_stages(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    cube = lc.trend_cube(demo_con, ds, lc.Thresholds())
    for month in (date(2023, 9, 30), date(2024, 12, 31), date(2025, 12, 31)):
        got = cube.loc[cube["month"] == pd.Timestamp(month)].groupby("stage", observed=True)["customers"].sum()
        want = lc.stages(demo_con, ds, month, lc.Thresholds())["stage"].value_counts()
        assert got.to_dict() == want.loc[want > 0].to_dict(), month


def test_distribution_and_filters(con, ds):
    frame = lc.stages(con, ds, AS_OF, lc.Thresholds())
    dist = lc.distribution(con, ds, frame, lc.Filters()).set_index("stage")
    assert list(dist.index) == list(lc.STAGES)
    assert dist.loc["prospect", "customers"] == 3 and dist.loc["won_back", "customers"] == 4
    assert dist.loc["growing", "revenue_12m"] == pytest.approx(10 + 10 + 120)   # N_90, S_180, R_120
    assert dist.loc["mature", "revenue_12m"] == pytest.approx(119.99 + 70.01 + 50 + 20)
    assert dist["customers"].sum() == 24 and dist["share"].sum() == pytest.approx(1)
    b2b = lc.distribution(con, ds, frame, lc.Filters(segments=("B2B",))).set_index("stage")
    assert b2b["customers"].to_dict() == {s: int(s in ("new", "growing")) for s in lc.STAGES}
    unknown = lc.distribution(con, ds, frame, lc.Filters(segments=("",)))["customers"].sum()
    assert unknown == 24 - 2 - 2   # no customers row: everyone known but the two B2B and two B2C
    none = lc.distribution(con, ds, frame, lc.Filters(segments=("B2B",), regions=("West",)))
    assert none["customers"].sum() == 0
    # a cohort range leaves out the prospects (they have no cohort)
    cohort = lc.distribution(con, ds, frame, lc.Filters(cohort_from=date(2025, 1, 1), cohort_to=date(2025, 6, 1)))
    first_bought_2025 = {"new": 1, "growing": 2, "lost": 2, "won_back": 1}   # N_89; N_90, S_180; C_*
    assert cohort.set_index("stage")["customers"].to_dict() == {s: first_bought_2025.get(s, 0) for s in lc.STAGES}


def test_transitions_rows_add_up(con, ds):
    a = lc.stages(con, ds, date(2024, 12, 31), lc.Thresholds())
    b = lc.stages(con, ds, AS_OF, lc.Thresholds())
    moves = lc.transitions(con, ds, a, b, lc.Filters())
    assert moves["customers"].sum() == len(b)
    assert moves.groupby("stage_from")["row_share"].sum().round(9).eq(1).all()
    cell = moves.loc[(moves["stage_from"] == lc.UNKNOWN) & (moves["stage_to"] == "new")]
    assert cell["customers"].item() == 1   # N_89 was not known at the end of 2024


# --- curve, retention, revitalisation on three customers ----------------------------------------------

@pytest.fixture(scope="module")
def small(con):
    tx = [("A", "2025-01-10", 100), ("A", "2025-02-05", 50), ("A", "2025-04-01", 30),
          ("B", "2025-01-20", 200), ("B", "2025-03-15", -20),
          ("C", "2025-02-10", 60), ("C", "2025-02-20", 40)]
    customers = [("A", "S1", "Nord", "Web", "2024-12-01"), ("B", "S2", "Nord", "Web", "2025-01-01"),
                 ("C", "S1", "Süd", "Web", None)]
    return make(con, "small", tx, customers)


def test_curve_mean_counts_non_buyers_as_zero(con, small):
    c = lc.curve(con, small, date(2025, 4, 30), lc.Filters()).set_index("age")
    assert c["customers"].tolist() == [3, 3, 3, 2]          # month 3 has ended only for January's cohort
    assert c["buyers"].tolist() == [3, 1, 0, 1]
    assert c["value"].tolist() == pytest.approx([400 / 3, 50 / 3, -20 / 3, 30 / 2])
    s1 = lc.curve(con, small, date(2025, 4, 30), lc.Filters(segments=("S1",))).set_index("age")
    assert s1.loc[0, "value"] == pytest.approx(100) and s1.loc[3, "customers"] == 1


def test_curve_median_over_buyers(con, small):
    c = lc.curve(con, small, date(2025, 4, 30), lc.Filters(), "median").set_index("age")
    assert c.loc[0, "value"] == 100 and c.loc[1, "value"] == 50 and pd.isna(c.loc[2, "value"])
    assert c.loc[3, "value"] == 30


def test_curve_uses_complete_months_only(con, small):
    c = lc.curve(con, small, date(2025, 4, 29), lc.Filters())
    assert c["age"].max() == 2 and c.set_index("age").loc[0, "customers"] == 3


def test_retention_cells(con, small):
    r = lc.retention(con, small, date(2025, 4, 30), lc.Filters())
    jan = r.loc[r["cohort"] == pd.Timestamp("2025-01-01")].set_index("age")
    assert jan["size"].tolist() == [2, 2, 2, 2]
    assert jan["customer_share"].tolist() == [1, 0.5, 0, 0.5]
    assert jan["revenue_share"].tolist() == pytest.approx([1, 50 / 300, -20 / 300, 30 / 300])
    feb = r.loc[r["cohort"] == pd.Timestamp("2025-02-01")].set_index("age")
    assert feb["customer_share"].tolist() == [1, 0, 0] and len(r) == 7


def test_lead_time(con, small):
    days, n = lc.lead_time(con, small, lc.Filters())
    assert (days, n) == (29.5, 2)   # A: 40 days, B: 19 days; C has no first contact


def test_revival_after_a_long_gap(con, ds):
    curve, idle = lc.revival(con, ds, AS_OF, lc.Filters(), lc.Thresholds())
    assert idle == pytest.approx(365)   # median of 49, 181, 365, 486, 487 idle days
    first = curve.set_index("age").loc[0]
    assert first["customers"] == 5 and first["value"] == pytest.approx((10 + 50 + 50 + 10 + 100) / 5)


# --- the phases -------------------------------------------------------------------------------------------

def test_phases_follow_the_curve():
    curve = pd.DataFrame({"age": range(30), "customers": 1000,
                          "value": [10, 5, 6, 7, 8, 9, 10, 10, 10, 10, 10, 10, 10, 9, 8.5, 8, 7, 6, 5, 4.5, 4, 4, 4, 4,
                                    4, 4, 4, 4, 4, 4]})
    lay = lc.layout(curve, new_days=90, lead_days=20, idle_days=200, revival_months=6)
    bands = {p.name: (p.start, p.end) for p in lay.phases}
    assert list(bands) == list(lc.PHASES)
    assert bands["start"] == (-0.5, 2.5)               # trough in month 1, new period ~3 months
    assert bands["growth"][0] == 2.5 and bands["maturity"][0] == 5.5   # 9.5 reaches 95 % of 10 (smoothed)
    assert bands["decline"][0] == 13.5 and bands["loss"][0] == 18.5    # below 90 %, then below half
    assert bands["loss"][1] == 29.5 and bands["revitalisation"] == (29.5, 35.5)
    assert lay.peak_value == pytest.approx(10) and lay.lead_months == pytest.approx(20 / lc.DAYS_PER_MONTH)


def test_phases_of_a_short_history():
    lay = lc.layout(pd.DataFrame({"age": [0, 1], "customers": [50, 40], "value": [5.0, 2.0]}), idle_days=None)
    assert [p.name for p in lay.phases] == ["acquisition", "start", "loss", "revitalisation"]
    markers = lc.marker_positions(lay)
    assert markers["number"].tolist() == list(range(1, 15))
    assert set(markers["phase"]) <= {p.name for p in lay.phases}
    spots = list(zip(markers["x"].round(6), markers["row"]))
    assert len(set(spots)) == 14   # no two markers on the same spot, even when phases share a band


# --- evidence -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("k,n", [(0, 10), (3, 10), (10, 10), (8, 40), (412, 1727), (1, 2)])
def test_wilson_interval_matches_scipy(k, n):
    low, high = wilson(k, n)
    ref = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert (low, high) == pytest.approx((ref.low, ref.high), abs=1e-12)


def test_first_year_evidence_on_hand_made_customers(con):
    # E1 contacted on day 3, stays; E2 never contacted, leaves; E3 contacted on day 20 and leaves
    # by a churn record in day 200; E4 churned on day 30 (left out: before the comparisons start)
    tx = [("E1", "2024-01-10", 10), ("E1", "2024-09-01", 10), ("E2", "2024-01-10", 10),
          ("E3", "2024-01-10", 10), ("E3", "2024-09-01", 10), ("E4", "2024-01-10", 10)]
    events = [("E1", "2024-01-13", "contact", "outbound", "phone"), ("E3", "2024-01-30", "contact", "outbound", "email"),
              ("E1", "2024-01-20", "marketing", "outbound", "email"), ("E2", "2024-01-11", "contact", "inbound", "phone")]
    ds = make(con, "evidence", tx, churn=[("E3", "2024-07-28"), ("E4", "2024-02-09")], events=events,
              surveys=[("E1", "2024-02-01", 5, 2)])
    ev = lc.evidence(con, ds, date(2025, 6, 30), lc.Filters())
    follow = ev.loc[ev["comparison"] == "followup"].set_index("grp")
    assert follow[["customers", "lost"]].to_dict("index") == {
        "d0_14": {"customers": 1, "lost": 0}, "d15_30": {"customers": 1, "lost": 1}, "none": {"customers": 1, "lost": 1}}
    channel = ev.loc[ev["comparison"] == "followup_channel"].set_index("grp")["customers"].to_dict()
    assert channel == {"email": 1, "phone": 1}   # among the customers contacted within 90 days
    after = ev.loc[ev["comparison"] == "aftersales_satisfaction"].set_index("grp")
    assert after.loc["low", "customers"] == 1 and after.loc["low", "lost"] == 0
    assert ev.loc[(ev["comparison"] == "marketing_90") & (ev["grp"] == "m1_2"), "customers"].item() == 1
    low, high = wilson(1, 1)
    assert follow.loc["none", ["rate", "low", "high"]].tolist() == pytest.approx([1.0, low, high])
    # a year not yet over is not compared
    assert lc.evidence(con, ds, date(2024, 12, 31), lc.Filters())["customers"].sum() == 0


def test_base_year_evidence_on_the_demo(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    as_of = date(2025, 12, 31)
    now = lc.stages(demo_con, ds, as_of, lc.Thresholds())
    start = lc.stages(demo_con, ds, lc.months_back(as_of, 12), lc.Thresholds())
    ev = lc.evidence(demo_con, ds, as_of, lc.Filters(), now, start, lc.exposures(demo_con, ds, as_of))
    active = start["stage"].isin(["new", "growing", "mature", "declining", "won_back"]).sum()
    for comparison in ("outbound", "competitor", "disputes", "complaints"):
        rows = ev.loc[ev["comparison"] == comparison]
        assert rows["customers"].sum() == active, comparison
    complaints = ev.loc[ev["comparison"] == "complaints"].set_index("grp")
    assert complaints.loc["n2plus", "rate"] > complaints.loc["n0", "rate"]   # built into the demo


def test_point_evidence_states(con):
    empty = pd.DataFrame({"comparison": [], "grp": [], "customers": []})
    holds = dict(transactions=True, customers=True, invoices=True, churn=True, winback=False, surveys=True,
                 control=False, first_date=None, last_date=None)
    none = db.Available(events=False, **holds)
    points = {p.number: p for p in lc.DANGER_POINTS}
    assert lc.point_evidence(lc.DangerPoint(99, "growth", None, ()), empty, none)[0] == "no_format"
    assert lc.point_evidence(points[5], empty, none)[0] == "missing"
    assert lc.point_evidence(points[1], empty, none)[0] == "missing"
    # the tables are there, but nobody met what the comparison looks at (no manager changes)
    zero = pd.DataFrame({"comparison": ["manager_change"], "grp": ["no"], "customers": [0]})
    assert lc.point_evidence(points[5], zero, db.Available(events=True, **holds))[0] == "no_rows"
    assert lc.point_evidence(points[5], empty, db.Available(events=True, **holds))[0] == "no_rows"
    few = pd.DataFrame({"comparison": ["followup"] * 2, "grp": ["d0_14", "none"], "customers": [40, 10]})
    everything = db.Available(events=True, **holds)
    assert lc.point_evidence(points[1], few, everything)[0] == "too_little"
    assert lc.point_evidence(points[1], few.assign(customers=[40, 30]), everything)[0] == "ok"
    assert [p.number for p in lc.DANGER_POINTS] == list(range(1, 15))
    assert all(p.phase in lc.PHASES for p in lc.DANGER_POINTS)


# --- customer lists ----------------------------------------------------------------------------------------

def test_customer_list_sorted_and_capped(con, ds):
    frame = lc.stages(con, ds, AS_OF, lc.Thresholds())
    rows, total = lc.customer_list(con, ds, lc.Selection("stage", "mature"), lc.Filters(), frame)
    assert total == 4 and rows["customer_id"].tolist() == ["R_119", "R_71", "W_365", "W_sleep_180"]
    rows, total = lc.customer_list(con, ds, lc.Selection("stage", "mature"), lc.Filters(), frame,
                                   sort="customer_id", descending=True, limit=2)
    assert total == 4 and rows["customer_id"].tolist() == ["W_sleep_180", "W_365"]
    earlier = lc.stages(con, ds, date(2024, 12, 31), lc.Thresholds())
    rows, total = lc.customer_list(con, ds, lc.Selection("move", lc.UNKNOWN, "new"), lc.Filters(), frame,
                                   earlier, frame)
    assert rows["customer_id"].tolist() == ["N_89"] and rows["stage_from"].tolist() == [lc.UNKNOWN]
    with pytest.raises(ValueError):
        lc.customer_list(con, ds, lc.Selection("stage", "lost"), lc.Filters(), frame, sort="name; DROP TABLE x")


def test_customer_list_of_a_cohort_cell(con, small):
    frame = lc.stages(con, small, date(2025, 4, 30), lc.Thresholds())
    rows, total = lc.customer_list(con, small, lc.Selection("cell", "2025-01-01", "1"), lc.Filters(), frame)
    assert (rows["customer_id"].tolist(), total) == (["A"], 1)


# --- a dataset with transactions only ------------------------------------------------------------------

def test_dataset_without_optional_tables(con):
    ds = make(con, "bare", [("K1", "2024-01-01", 10), ("K1", "2025-01-01", 30), ("K2", "2025-05-01", 5)])
    held = db.available(con, ds)
    assert held.transactions and not any(held.has(t) for t in ("customers", "events", "invoices", "churn", "surveys"))
    assert lc.dimensions(con, ds)["segment"] == ("",)
    frame = lc.stages(con, ds, AS_OF, lc.Thresholds())
    assert sorted(frame["stage"].astype(str)) == ["new", "won_back"]   # K1 bought again after 365 idle days
    assert lc.exposures(con, ds, AS_OF).empty


def test_window_starts_are_calendar_months():
    assert lc.window_starts(date(2024, 2, 29)) == (date(2023, 2, 28), date(2022, 2, 28))
    assert lc.window_starts(date(2025, 2, 28)) == (date(2024, 2, 29), date(2023, 2, 28))
    assert lc.months_back(date(2025, 3, 30), 1) == date(2025, 2, 28)
    assert lc.last_complete_month(date(2024, 2, 29)) == date(2024, 2, 1)
