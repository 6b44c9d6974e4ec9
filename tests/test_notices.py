"""Cancellation management (lib/recovery/notices.py, the pending rule, the win-back page's notices step):
every number against a hand calculation on a hand-made dataset or against scipy, and the page on the demo."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from lib import db, derived, lifecycle, metrics, recovery
from lib.recovery import notices as nt
from tests.conftest import open_page, table_downloads

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2025, 12, 31)


def monthly(first: str, last: str, day: int, amount: float) -> list[tuple[str, float]]:
    out = []
    for m in pd.period_range(first, last, freq="M"):
        out.append((f"{m.year}-{m.month:02d}-{day:02d}", amount))
    return out


TX = {
    "N1": monthly("2023-01", "2025-12", 15, 10.0),
    "N2": monthly("2023-01", "2024-05", 10, 20.0),
    "N3": monthly("2024-01", "2025-12", 5, 30.0),
    "N4": monthly("2024-06", "2025-12", 7, 5.0),
    "N5": monthly("2023-06", "2025-12", 3, 8.0),
    "N6": monthly("2025-01", "2025-12", 9, 12.0),
    "N7": monthly("2023-01", "2025-12", 20, 6.0),
}
# customer, date, type, outcome, outcome_date, effective_date, measure, reason
NOTICES = [
    ("N1", "2024-03-01", "cancellation_notice", "averted", "2024-03-11", "2024-06-30", "discount", "price"),
    ("N1", "2024-09-01", "cancellation_notice", "withdrawn", "2024-09-05", None, "none", None),
    ("N2", "2024-04-01", "cancellation_notice", "took_effect", "2024-04-15", "2024-05-31", "discount", None),
    ("N3", "2025-11-20", "cancellation_notice", "open", None, "2026-02-28", "personal_call", "competitor_offer"),
    ("N4", "2025-06-01", "cancellation_notice", "took_effect", "2026-01-15", "2026-01-31", "service_fix", "service"),
    ("N5", "2024-01-10", "cancellation_notice", None, None, None, None, None),
    ("N6", "2025-10-01", "cancellation_notice", None, None, "2026-03-31", None, None),
    ("N7", "2024-02-01", "cancellation_notice", "open", None, "2024-03-31", None, None),
    ("N7", "2024-02-02", "marketing", None, None, None, None, None),
]
CHURN = [("N2", "2024-05-31", "service", "cancellation")]
SEGMENTS = [("N1", "B2C"), ("N2", "B2B"), ("N3", "B2B"), ("N4", "B2C"), ("N5", "B2C"), ("N6", "B2C"), ("N7", "B2C")]


def write(con, name: str, notices=NOTICES, churn=CHURN) -> int:
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, c, d, a) for c, rows in TX.items() for d, a in rows])
    con.executemany("INSERT INTO customers (dataset_id, customer_id, segment) VALUES (?, ?, ?)",
                    [(ds, *r) for r in SEGMENTS])
    if notices:
        con.executemany("INSERT INTO events (dataset_id, customer_id, date, type, direction, outcome, outcome_date, "
                        "effective_date, measure, reason) VALUES (?, ?, ?, ?, 'inbound', ?, ?, ?, ?, ?)",
                        [(ds, *r) for r in notices])
    if churn:
        con.executemany("INSERT INTO churn VALUES (?, ?, ?, ?, ?)", [(ds, *r) for r in churn])
    db.swap_in(con, name, ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return ds


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("notices") / "tiny.duckdb"
    con = db.connect(path)
    ds = write(con, "tiny")
    # the same customers, but notices without any outcome field, and a dataset without notices
    write(con, "no-outcomes", notices=[(c, d, t, None, None, None, None, None) for c, d, t, *_ in NOTICES])
    write(con, "no-notices", notices=[], churn=[])
    yield con, ds, path
    con.close()


def frame_of(tiny, as_of=AS_OF) -> pd.DataFrame:
    con, ds, _ = tiny
    return nt.notices(con, ds, as_of).set_index(["customer_id", "date"])


def test_status_reason_days_and_revenue_by_hand(tiny):
    f = frame_of(tiny)
    key = lambda c, d: (c, pd.Timestamp(d))
    assert f["status"].to_dict() == {
        key("N1", "2024-03-01"): "averted", key("N1", "2024-09-01"): "withdrawn",
        key("N2", "2024-04-01"): "took_effect",
        key("N3", "2025-11-20"): "open",            # marked open, effective date ahead
        key("N4", "2025-06-01"): "open",            # decided only after the as-of date
        key("N5", "2024-01-10"): "unknown",         # nothing recorded
        key("N6", "2025-10-01"): "open",            # no outcome, but the effective date lies ahead
        key("N7", "2024-02-01"): "unknown",         # marked open, but its effective date has passed
    }
    # the reason: the notice's own, else the churn record's within 365 days after it (N2: service)
    assert f["reason_key"].to_dict()[key("N2", "2024-04-01")] == "service"
    assert f["reason_key"].to_dict()[key("N1", "2024-09-01")] == nt.NOT_GIVEN
    assert f["decision_days"].dropna().to_dict() == {key("N1", "2024-03-01"): 10, key("N1", "2024-09-01"): 4,
                                                     key("N2", "2024-04-01"): 14}
    # 12 months before and after: N1 buys 10 on the 15th of every month, N2 20 on the 10th until May 2024
    rev = f.loc[[key("N1", "2024-03-01"), key("N1", "2024-09-01"), key("N2", "2024-04-01")],
                ["revenue_before", "revenue_after", "after_complete"]]
    assert rev.values.tolist() == [[120.0, 120.0, True], [120.0, 120.0, True], [240.0, 40.0, True]]
    assert f.loc[key("N1", "2024-03-01"), "next_notice"] == pd.Timestamp("2024-09-01")
    assert f.loc[key("N3", "2025-11-20"), "segment"] == "B2B"
    # a marketing mail is no notice
    assert len(f) == 8


def test_save_rates_with_wilson_intervals_against_scipy(tiny):
    con, ds, _ = tiny
    f = nt.notices(con, ds, AS_OF)
    overall = nt.save_rates(f).iloc[0]
    assert (overall["key"], overall["decided"], overall["saved"], overall["averted"], overall["withdrawn"]) == (
        "all", 3, 2, 1, 1)
    ci = stats.binomtest(2, 3).proportion_ci(method="wilson")
    assert overall["rate"] == pytest.approx(2 / 3) and (overall["lo"], overall["hi"]) == pytest.approx((ci.low, ci.high))
    by = nt.save_rates(f, "measure").set_index("key")
    assert by[["decided", "saved"]].to_dict("index") == {"discount": {"decided": 2, "saved": 1},
                                                         "none": {"decided": 1, "saved": 1}}
    ci = stats.binomtest(1, 2).proportion_ci(method="wilson")
    assert (by.loc["discount", "lo"], by.loc["discount", "hi"]) == pytest.approx((ci.low, ci.high))
    assert nt.save_rates(f, "reason").set_index("key")["saved"].to_dict() == {"price": 1, "not_given": 1, "service": 0}
    assert nt.save_rates(f, "segment").set_index("key")["decided"].to_dict() == {"B2C": 2, "B2B": 1}


def test_decision_time_by_hand(tiny):
    con, ds, _ = tiny
    d = nt.decision_time(nt.notices(con, ds, AS_OF)).set_index("status")
    assert d.loc["all", ["n", "median", "mean"]].tolist() == pytest.approx([3, 10.0, 28 / 3])
    assert d.loc["all", ["q25", "q75"]].tolist() == pytest.approx(np.percentile([4, 10, 14], [25, 75]).tolist())
    assert d.loc["took_effect", "median"] == 14 and d.loc["withdrawn", "n"] == 1


def test_revenue_kept_by_hand(tiny):
    con, ds, _ = tiny
    k = nt.revenue_kept(nt.notices(con, ds, AS_OF)).set_index("group")
    assert k.loc["saved", ["notices", "before", "after", "ratio"]].tolist() == pytest.approx([2, 240.0, 240.0, 1.0])
    assert k.loc["lost", ["notices", "before", "after", "ratio"]].tolist() == pytest.approx([1, 240.0, 40.0, 40 / 240])


def test_saved_customers_stay_kaplan_meier_and_log_rank_against_scipy(tiny):
    con, ds, _ = tiny
    f = nt.notices(con, ds, AS_OF)
    s = nt.staying(f, recovery.base(con, ds, AS_OF).losses, AS_OF)
    follow = s.follow.set_index(["customer_id", "date"])
    # N2 is lost on its churn record (2024-05-31), 60 days after the notice; N1 is never lost
    assert follow["duration"].to_dict() == {("N1", pd.Timestamp("2024-03-01")): 670.0,
                                            ("N1", pd.Timestamp("2024-09-01")): 486.0,
                                            ("N2", pd.Timestamp("2024-04-01")): 60.0}
    assert follow["lost"].to_dict() == {("N1", pd.Timestamp("2024-03-01")): False,
                                        ("N1", pd.Timestamp("2024-09-01")): False,
                                        ("N2", pd.Timestamp("2024-04-01")): True}
    x = follow[follow["grp"] == "saved"]
    y = follow[follow["grp"] == "lost"]
    ref = stats.logrank(x=stats.CensoredData.right_censored(x["duration"].to_numpy(), ~x["lost"].to_numpy()),
                        y=stats.CensoredData.right_censored(y["duration"].to_numpy(), ~y["lost"].to_numpy()))
    assert s.logrank_p == pytest.approx(ref.pvalue)
    lost_curve = s.curves[s.curves["grp"] == "lost"]
    assert lost_curve.loc[lost_curve["time"] >= 60, "survival"].max() == 0.0
    assert (s.curves.loc[s.curves["grp"] == "saved", "survival"] == 1.0).all()
    # N1 was saved in March and gave notice again in September: 1 of the 2 saved notices a year old
    assert (s.again.k, s.again.n, s.again_any, s.saved) == (1, 2, 1, 2)


def test_the_pending_rule_at_two_dates_and_the_stage_it_leaves_alone(tiny):
    con, ds, _ = tiny
    now = metrics.pending_notices(con, ds, AS_OF)
    assert now["customer_id"].tolist() == ["N3", "N4", "N6"]
    assert now.set_index("customer_id")["effective_date"].dt.date.to_dict() == {
        "N3": date(2026, 2, 28), "N4": date(2026, 1, 31), "N6": date(2026, 3, 31)}
    # in March 2024: N1's notice was decided only on 11 March, N7's was open until its effective date
    then = metrics.pending_notices(con, ds, date(2024, 3, 5))
    assert then["customer_id"].tolist() == ["N1", "N7"]
    assert metrics.pending_notices(con, ds, date(2024, 4, 1))["customer_id"].tolist() == ["N2"]
    # the notice's status at that date agrees with the same rule
    f = frame_of(tiny, date(2024, 3, 5))
    assert sorted(c for (c, _), s in f["status"].items() if s == "open") == ["N1", "N7"]
    # a pending notice keeps the stage the purchases give: nobody with a pending notice is lost here
    st = metrics.stages(con, ds, AS_OF).set_index("customer_id")["stage"]
    assert set(st[["N3", "N4", "N6"]]) <= set(metrics.ACTIVE_STAGES)


def test_open_list_sorted_by_clv_and_exported(tiny):
    pending = pd.DataFrame({"customer_id": ["a", "b", "c"], "name": ["A", None, "C"], "segment": ["x", "y", "x"],
                            "notice_date": pd.to_datetime(["2025-12-01"] * 3),
                            "effective_date": pd.to_datetime(["2026-01-10", None, "2026-03-01"]),
                            "measure": ["discount", None, "own offer"], "reason": [None] * 3, "pending": 1})
    m = pd.DataFrame({"customer_id": ["a", "b", "c"], "stage": ["mature", "new", "growing"], "clv": [5.0, 50.0, 5.0],
                      "p_alive": [0.9, 0.8, 0.7], "value_group": ["low", "high", "low"]})
    out = nt.open_list(pending, m, AS_OF)
    assert out["customer_id"].tolist() == ["b", "a", "c"]   # by CLV, ties by customer id
    assert out["days_left"].tolist()[1:] == [10, 60] and np.isnan(out["days_left"].iloc[0])
    exp = nt.open_export(out)
    assert list(exp.columns) == list(nt.EXPORT_COLUMNS) and exp["notice_date"].iloc[0] == date(2025, 12, 1)


def test_value_group_at_the_notice_uses_the_cut_of_the_as_of_date():
    assert metrics.high_value_cut(pd.DataFrame({"value": [3.0, 7.0], "value_group": ["low", "low"]})) == float("inf")
    assert metrics.high_value_cut(pd.DataFrame({"value": [3.0, 7.0, 9.0], "value_group": ["low", "high", "high"]})) == 7.0
    # the group reads the 12-month revenue before the notice (the default value basis), not the CLV
    f = pd.DataFrame({"notice_id": [1, 2, 3, 4], "revenue_before": [100.0, 99.99, 500.0, 0.0]})
    clv = pd.DataFrame({"notice_id": [1, 2, 4], "clv_at_notice": [1.0, 900.0, 5.0]})
    out = nt.with_value_groups(f, clv, 100.0)
    assert out["value_group"].tolist() == ["high", "low", "high", "low"] and out["clv_at_notice"].iloc[2] == 0.0
    assert nt.with_value_groups(f, clv, 0.0)["value_group"].tolist()[-1] == "low"   # nothing before: never high


def test_clv_at_notice_is_the_models_clv_on_the_day_before(demo_con):
    from lib import value
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    f = nt.notices(demo_con, ds, as_of)
    model = value.clv_model(demo_con, ds, as_of)
    got = nt.clv_at_notice((demo_con, ds, as_of, f, model)).set_index("notice_id")["clv_at_notice"]
    # a customer with two notices gets the CLV of each day: compare one of each against clv_at_loss
    twice = f[f.duplicated("customer_id", keep=False)].groupby("customer_id").head(2).head(2)
    for _, row in twice.iterrows():
        ref = recovery.clv_at_loss((demo_con, ds, as_of, pd.DataFrame({
            "customer_id": [row["customer_id"]], "last_purchase": [row["date"] - pd.Timedelta(days=1)]}), model))
        assert got[row["notice_id"]] == pytest.approx(float(ref["clv_at_loss"].iloc[0]))
    assert len(got) == len(f) and (got >= 0).all()


def test_monthly_counts_by_hand(tiny):
    con, ds, _ = tiny
    m = nt.monthly(nt.notices(con, ds, AS_OF))
    assert int(m["notices"].sum()) == 8
    row = m[(m["month"] == pd.Timestamp("2024-03-01"))]
    assert row[["status", "notices"]].values.tolist() == [["averted", 1]]


# --- the page ---------------------------------------------------------------------------------------------

def run_page(query: dict) -> AppTest:
    return open_page("recovery", query)


def number(text: str) -> int:
    return int(text.replace(",", "").replace(".", ""))


def test_page_notices_step_on_the_demo(app_env, demo_con):
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    first = demo_con.execute("SELECT min(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchone()[0]
    start, end = recovery.default_period(as_of, first)
    ev = demo_con.execute("SELECT * FROM events WHERE dataset_id = ? AND type = 'cancellation_notice'", [ds]).df()
    for c in ("date", "outcome_date", "effective_date"):
        ev[c] = pd.to_datetime(ev[c])
    inside = ev[(ev["date"] >= pd.Timestamp(start)) & (ev["date"] <= pd.Timestamp(end))]
    decided = inside[inside["outcome"].isin(["took_effect", "averted", "withdrawn"])
                     & (inside["outcome_date"] <= pd.Timestamp(as_of))]
    saved = decided["outcome"].isin(["averted", "withdrawn"])
    # pending by hand: not decided by the as-of date and the effective date not passed
    open_ = ev[~(ev["outcome"].isin(["took_effect", "averted", "withdrawn"]) & (ev["outcome_date"] <= pd.Timestamp(as_of)))
               & (ev["effective_date"] >= pd.Timestamp(as_of))]

    at = run_page({"lang": "en", "rec_tab": "notices"})
    assert not at.exception, at.exception
    assert [tab.label for tab in at.tabs if tab.children] == ["Cancellation notices"]
    metric = {m.label: m for m in at.metric}
    assert number(metric["Notices received"].value) == len(inside) > 100
    assert metric["Save rate"].value == f"{saved.mean():.1%}"
    lo, hi = stats.binomtest(int(saved.sum()), len(decided)).proportion_ci(method="wilson")
    assert f"[{lo:.1%}; {hi:.1%}] of {len(decided):,}" in metric["Save rate"].help
    assert number(metric["Saved"].value) == int(saved.sum())
    assert number(metric["Open at the as-of date"].value) == open_["customer_id"].nunique() > 5
    by_measure = at.dataframe[0].value
    assert by_measure.columns[0] == "Measure offered"
    assert by_measure["Decided"].sum() == len(decided)
    assert set(by_measure["Measure offered"]) <= {"Discount", "Contract change", "Personal call", "Service fix",
                                                  "No offer", "not given"}
    timing = at.dataframe[1].value
    assert timing["Outcome"].tolist() == ["Took effect", "Averted by an offer", "Withdrawn", "All decided"]
    days = (decided["outcome_date"] - decided["date"]).dt.days
    assert timing["Median days"].iloc[-1] == pytest.approx(days.median())
    opened = at.dataframe[2].value
    assert len(opened) == min(200, open_["customer_id"].nunique())
    assert opened["CLV"].fillna(-1).is_monotonic_decreasing
    assert set(opened["Stage"]) <= {"New", "Growing", "Mature", "Declining", "Sleeping", "Won back", "Lost"}
    assert {m.label for m in at.metric} >= {"Revenue kept", "Revenue after ÷ before", "Gave notice again"}
    assert any("The log-rank test (p " in c.value and "lost by definition" in c.value for c in at.caption)
    # every table has its downloads; the open notices' export holds every open notice
    assert [b.key for b in table_downloads(at)] == [
        f"rec_{name}_dl_{kind}" for name in ("notice_rates", "notice_timing", "open_notices") for kind in ("csv", "xlsx")]

    # the save rate by value group, chosen in the URL, in German
    at = run_page({"lang": "de", "rec_tab": "notices", "rec_nby": "value_group"})
    assert not at.exception, at.exception
    assert at.segmented_control(key="rec_nby").value == "value_group"
    groups = at.dataframe[0].value
    assert set(groups["Wertgruppe"]) == {"Hoher Wert (obere 20 %)", "Übrige Kunden"}
    assert all(r.endswith("%]") and "," in r for r in groups["Halterate [95-%-Intervall]"])
    assert {m.label for m in at.metric} >= {"Halterate", "Offen zum Stichtag"}


def test_page_says_which_fields_to_import(tiny, monkeypatch):
    _, _, path = tiny
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = run_page({"lang": "en", "dataset": "no-notices", "rec_tab": "notices"})
    assert not at.exception, at.exception
    text = " ".join(i.value for i in at.info)
    assert "no cancellation notices" in text and "effective_date" in text and "reason" in text
    at = run_page({"lang": "de", "dataset": "no-outcomes", "rec_tab": "notices"})
    assert not at.exception, at.exception
    text = " ".join(i.value for i in at.info)
    assert "8 Kündigungen, aber keine mit Ergebnis" in text and "outcome_date" in text
    at = run_page({"lang": "en", "dataset": "tiny", "rec_tab": "notices", "rec_from": "2024-01-01",
                   "rec_to": "2025-12-31"})
    assert not at.exception, at.exception
    metric = {m.label: m.value for m in at.metric}
    assert metric["Notices received"] == "8" and metric["Save rate"] == "66.7%" and metric["Open at the as-of date"] == "3"


# --- the customer story and the lifecycle page ------------------------------------------------------------

def test_the_story_shows_what_became_of_each_notice(tiny):
    from lib.queries import load
    con, ds, _ = tiny
    story = lambda cid: db.run_query(con, load("risk_story_timeline"), {"dataset_id": ds, "customer": cid,
                                                                        "as_of": AS_OF})
    n1 = story("N1")
    rows = n1[n1["kind"].str.contains("notice")][["date", "kind", "code"]]
    rows["date"] = pd.to_datetime(rows["date"]).dt.date
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        [date(2024, 3, 1), "cancellation_notice", None], [date(2024, 3, 11), "notice_averted", "discount"],
        [date(2024, 9, 1), "cancellation_notice", None], [date(2024, 9, 5), "notice_withdrawn", "none"]]
    # decided only after the as-of date: no outcome yet in the story
    assert story("N4")["kind"].str.startswith("notice_").sum() == 0
    n2 = story("N2")
    assert n2.loc[n2["kind"] == "notice_took_effect", "code"].tolist() == ["discount"]


def test_pending_notices_per_stage_with_filters(tiny):
    con, ds, _ = tiny
    frame = lifecycle.stages(con, ds, AS_OF, lifecycle.Thresholds())
    pending = metrics.pending_notices(con, ds, AS_OF)
    everyone = metrics.pending_by_stage(con, ds, frame, frame["combo"].unique(), pending)
    st = metrics.stages(con, ds, AS_OF).set_index("customer_id")["stage"].astype(str)
    assert everyone.to_dict() == st[["N3", "N4", "N6"]].value_counts().to_dict()
    b2b = lifecycle.picked(con, ds, lifecycle.Filters(segments=("B2B",)))["combo"]
    assert metrics.pending_by_stage(con, ds, frame, b2b, pending).to_dict() == {st["N3"]: 1}


def test_lifecycle_page_and_story_flag_a_pending_notice(app_env, demo_con):
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    pending = metrics.pending_notices(demo_con, ds, as_of)
    assert len(pending) > 5
    at = AppTest.from_file(str(ROOT / "pages" / "lifecycle.py"), default_timeout=180)
    at.query_params.update({"lang": "en"})
    at.run()
    assert not at.exception, at.exception
    [text] = [c.value for c in at.caption if c.value.startswith("Notice pending:")]
    assert f"{len(pending):,} of these customers have a cancellation notice pending" in text
    cid = pending["customer_id"].iloc[0]
    at = AppTest.from_file(str(ROOT / "pages" / "risk.py"), default_timeout=180)
    at.query_params.update({"lang": "de", "risk_tab": "story", "customer": cid})
    at.run()
    assert not at.exception, at.exception
    stage = [m for m in at.metric if m.label == "Stufe"][0]
    assert stage.delta == "Kündigung offen" and "bleibt die, die sich aus den Käufen ergibt" in stage.help


def test_each_status_keeps_its_colour_when_another_is_missing():
    from lib.charts import recovery as charts
    d = pd.DataFrame({"month": pd.to_datetime(["2025-01-01", "2025-01-01"]), "status": ["Took", "Open"],
                      "notices": [3, 1]})
    shown = ["took_effect", "open"]
    spec = charts.notices_by_month(d, month="M", notices="N", status="S", order=["Took", "Open"],
                                   colours=[charts.STATUS_COLOURS[nt.STATUSES.index(s)] for s in shown]).to_dict()
    assert spec["encoding"]["color"]["scale"]["range"] == [charts.STATUS_COLOURS[0], charts.STATUS_COLOURS[3]]
    rates = pd.DataFrame({"label": ["a", "b"], "rate": [0.2, 0.5], "lo": [0.1, 0.3], "hi": [0.3, 0.7], "n": [50, 20]})
    spec = charts.save_rate_bars(rates, label="L", rate="R", decided="N", overall=0.3).to_dict()
    # the dashed rule sits at the overall rate
    assert [{"overall": 0.3}] in spec["datasets"].values()
    assert spec["layer"][2]["encoding"]["x"]["field"] == "overall"
