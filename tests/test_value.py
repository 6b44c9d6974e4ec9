"""Customer value: ABC, Lorenz/Gini, RFM, group tests and the value page."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from lib import db, derived, value
from lib.stats import evidence
from lib.i18n import fmt_amount, fmt_date, fmt_int, fmt_num, fmt_p, fmt_pct, t
from tests.conftest import DEMO_CUSTOMERS, open_page
from tests.conftest import shown as table_cells

ROOT = Path(__file__).resolve().parent.parent


def test_abc_lorenz_gini_top_share_by_hand():
    v = np.array([50.0, 30, 10, 5, 5, -3])
    assert value.abc_classes(v).tolist() == ["A", "A", "B", "B", "C", "C"]
    assert value.top_share(v, 1 / 6) == pytest.approx(0.5)
    lz = value.lorenz(v)
    assert lz["revenue_share"].iloc[-1] == pytest.approx(1.0) and lz["customer_share"].iloc[1] == pytest.approx(1 / 6)
    # Gini against the mean-absolute-difference definition
    c = np.clip(v, 0, None)
    mad = np.abs(c[:, None] - c[None, :]).mean()
    assert value.gini(v) == pytest.approx(mad / (2 * c.mean()))


def frame(rows):
    return pd.DataFrame(rows, columns=["customer_id", "recency_days", "orders_12m", "revenue_12m"])


def test_rfm_scores_and_segments_on_hand_made_customers():
    cuts = value.RfmCuts(recency=(10, 30, 90, 180), frequency=(1, 2, 4, 8), monetary=(50, 100, 500, 1000))
    df = frame([
        ("champ", 5, 12, 5000),      # R5 F5 M5
        ("new", 3, 1, 40),           # R5 F1 M1
        ("loyal", 20, 5, 600),       # R4 F4 M4 -> champions? FM=4, R=4 -> champions
        ("attention", 60, 2, 80),    # R3 F2 M2
        ("cantlose", 400, 9, 2000),  # R1 F5 M5
        ("atrisk", 150, 3, 300),     # R2 F3 M3
        ("lost", 500, 0, 0),         # R1 F1 M1
        ("boundary", 10, 1, 50),     # at the cut: R5 F1 M1 -> new
    ])
    s = value.rfm_scores(df, cuts).set_index("customer_id")
    assert s.loc["champ", ["r", "f", "m"]].tolist() == [5, 5, 5]
    assert s.loc["boundary", ["r", "f", "m"]].tolist() == [5, 1, 1]
    assert s["segment"].to_dict() == {"champ": "champions", "new": "new", "loyal": "champions",
                                      "attention": "need_attention", "cantlose": "cant_lose", "atrisk": "at_risk",
                                      "lost": "lost", "boundary": "new"}


def test_rfm_segment_rules_cover_every_score():
    r, f, m = np.meshgrid(range(1, 6), range(1, 6), range(1, 6))
    seg = value.rfm_segment(r.ravel(), f.ravel(), m.ravel())
    assert set(seg) == set(value.RFM_SEGMENTS)


def test_default_cuts_are_quintiles():
    rng = np.random.default_rng(1)
    df = frame([(str(i), rng.integers(0, 400), rng.integers(0, 30), rng.gamma(1, 300)) for i in range(500)])
    cuts = value.default_cuts(df)
    assert cuts.monetary == pytest.approx(tuple(np.quantile(df["revenue_12m"], [0.2, 0.4, 0.6, 0.8])))
    counts = value.rfm_scores(df, cuts)["m"].value_counts()
    assert counts.min() >= 90 and counts.max() <= 110


def test_migration_counts_and_row_shares():
    before = pd.DataFrame({"customer_id": ["a", "b", "c"], "segment": ["loyal", "loyal", "lost"]})
    after = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "segment": ["loyal", "at_risk", "lost", "new"]})
    mig = value.migration(before, after).set_index(["segment_from", "segment_to"])
    assert mig.loc[("loyal", "at_risk"), "count"] == 1 and mig.loc[("loyal", "at_risk"), "row_share"] == 0.5
    assert mig.loc[("not_yet_customer", "new"), "count"] == 1
    assert mig["count"].sum() == 4


def test_group_tests_equal_direct_scipy_calls():
    rng = np.random.default_rng(7)
    n = 400
    df = pd.DataFrame({
        "revenue_12m": rng.gamma(2, 100, n), "orders_12m": rng.poisson(5, n), "tenure_days": rng.integers(10, 900, n),
        "recency_days": rng.integers(0, 300, n), "clv": rng.gamma(2, 200, n),
        "segment": rng.choice(["B2B", "B2C"], n), "region": rng.choice(["Nord", "Süd", "West"], n),
        "acquisition_channel": rng.choice(["Messe", "Online"], n),
    })
    high = df["clv"].to_numpy() > np.quantile(df["clv"], 0.8)
    tests = {t.metric: t for t in value.compare_groups(df, high)}
    mw = stats.mannwhitneyu(df["revenue_12m"][high], df["revenue_12m"][~high], alternative="two-sided")
    assert tests["revenue_12m"].p_value == pytest.approx(mw.pvalue) and tests["revenue_12m"].statistic == mw.statistic
    chi = stats.chi2_contingency(pd.crosstab(np.where(high, "high", "low"), df["region"]).to_numpy())
    assert tests["region"].p_value == pytest.approx(chi.pvalue)
    assert tests["clv"].p_value < 1e-10
    assert evidence(tests["clv"].p_value) == "very_strong"
    assert value.compare_groups(df, np.ones(n, bool)) == []


def test_split_rules_and_treatment_list():
    df = pd.DataFrame({"customer_id": list("abcde"), "clv": [5.0, 1, 3, 2, 4], "abc": list("ACBCA"),
                       "segment": ["champions", "lost", "loyal", "lost", "new"], "revenue_12m": [1.0] * 5})
    assert value.high_value(df, value.SplitRule("clv_top", 40)).tolist() == [True, False, False, False, True]
    assert value.high_value(df, value.SplitRule("abc")).tolist() == [True, False, False, False, True]
    assert value.high_value(df, value.SplitRule("rfm", segments=("loyal",))).tolist() == [False, False, True, False, False]
    out = value.treatment_list(df, np.array([True, False, False, False, True]),
                               {"high": ("club", "surveys"), "low": ("newsletter",)},
                               {i: i.upper() for i in value.INSTRUMENTS}, {"high": "H", "low": "L"})
    assert out.iloc[0].to_dict() == {"customer_id": "a", "group": "H", "clv": 5.0, "revenue_12m": 1.0,
                                     "treatment": "CLUB, SURVEYS", "segment": "champions"}
    assert set(out.loc[out["group"] == "L", "treatment"]) == {"NEWSLETTER"}


@pytest.fixture(scope="module")
def tiny():
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    rows = [("A", "2025-01-10", 100), ("A", "2025-01-10", 20), ("A", "2025-03-01", -20), ("A", "2025-06-01", 50),
            ("B", "2024-01-01", 10), ("C", "2025-12-01", -5), ("D", "2026-02-01", 999)]
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, *r) for r in rows])
    con.execute("INSERT INTO customers (dataset_id, customer_id, segment, region) VALUES (?, 'A', 'B2B', 'Nord')", [ds])
    db.swap_in(con, "tiny", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return con, ds


def test_customer_values_by_hand(tiny):
    con, ds = tiny
    v = value.customer_values(con, ds, date(2025, 12, 31)).set_index("customer_id")
    assert list(v.index) == ["A", "B"]  # C never bought, D only after the as-of date
    a = v.loc["A"]
    assert (a.revenue_all, a.revenue_12m, a.orders_all, a.orders_12m) == (150.0, 150.0, 2, 2)
    assert (a.recency_days, a.tenure_days, a.segment, a.region) == (213, 355, "B2B", "Nord")
    assert v.loc["B", "revenue_12m"] == 0 and pd.isna(v.loc["B", "segment"])


def test_too_little_data_falls_back_with_a_reason(tiny):
    con, ds = tiny
    model = value.clv_model(con, ds, date(2025, 12, 31))
    assert model.fits is None and "customers" in model.error
    pred = value.clv_predictions(model, value.ClvSettings())
    assert (pred["method"] == "fallback").all() and np.isfinite(pred["clv"]).all()


def run_page(env_db: Path, query: dict) -> AppTest:
    return open_page("value", query)


@pytest.fixture(scope="module")
def demo(demo_con):
    """The demo dataset at its last transaction date (the page's default as-of date), its
    customer values and the CLV models the page fits (all three): what the page should show."""
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    values = value.customer_values(demo_con, ds, as_of)
    return ds, as_of, values, value.with_pareto_nbd(value.clv_model(demo_con, ds, as_of))


def shown(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "subheader", "title", "info", "warning")
                     for e in getattr(at, kind))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_value_page_history_tab_shows_the_concentration(app_env, demo, lang):
    ds, as_of, values, _ = demo
    at = run_page(app_env, {"lang": lang, "dataset": "demo", "as_of": as_of.isoformat(), "val_basis": "revenue_all",
                            "val_top": "10"})
    assert not at.exception, at.exception
    assert not at.warning
    assert at.title[0].value == t("value.title", lang)
    assert [tab.label for tab in at.tabs] == [t(f"value.tab.{k}", lang) for k in ("history", "rfm", "clv", "check", "split")]
    assert t("value.intro", lang, dataset="demo", as_of=fmt_date(as_of, lang), customers=fmt_int(len(values), lang)) \
        in shown(at)
    conc = value.concentration(values, "revenue_all")
    assert at.subheader[0].value == t("value.top_sentence", lang, pct=fmt_pct(0.10, lang, 0),
                                      share=fmt_pct(conc.top_share(0.10), lang))
    assert metrics(at) == {t("value.total", lang): fmt_amount(conc.total, lang),
                           t("value.median", lang): fmt_amount(conc.median, lang),
                           t("value.gini", lang): fmt_num(conc.gini, lang, 2)}
    abc = at.table[0].value   # a static table (narrow column: its headings wrap)
    assert abc[t("value.class", lang)].tolist() == ["A", "B", "C"]
    assert abc[t("value.customers", lang)].sum() == len(values)
    assert 0.8 * DEMO_CUSTOMERS < len(values) < DEMO_CUSTOMERS  # the prospects never bought
    assert np.allclose(abc[t("value.revenue", lang)], conc.abc["sum"])
    # shown in full with the language's thousands separator (the "208598")
    assert table_cells(at.table[0])[t("value.revenue", lang)].tolist() == [fmt_num(x, lang, 0) for x in conc.abc["sum"]]


def test_value_page_rfm_tab_shows_every_segment(app_env, demo):
    _, as_of, values, _ = demo
    at = run_page(app_env, {"lang": "en", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "rfm"})
    assert not at.exception and not at.warning
    table = at.table[0].value
    assert table[t("value.col.rfm_segment", "en")].tolist() == [t(f"rfm.{s}", "en") for s in value.RFM_SEGMENTS]
    scores = value.rfm_scores(values, value.default_cuts(values))
    counts = scores["segment"].value_counts().reindex(list(value.RFM_SEGMENTS), fill_value=0)
    assert table[t("value.customers", "en")].tolist() == counts.tolist()
    assert t("value.rfm.migration", "en") in [s.value for s in at.subheader]


@pytest.mark.parametrize("lang,model", [("en", "bgnbd"), ("de", "pareto_nbd")])
def test_value_page_clv_tab_shows_the_fitted_model(app_env, demo, lang, model):
    _, as_of, values, fitted = demo
    assert fitted.fits is not None
    at = run_page(app_env, {"lang": lang, "dataset": "demo", "as_of": as_of.isoformat(), "val_h": "24",
                            "val_model": model, "val_tab": "clv"})
    assert not at.exception, at.exception
    assert not at.warning  # the models fit: no fallback
    pred = value.clv_predictions(fitted, value.ClvSettings(24, 0.10, model))
    frame = value.enrich(values, pred, value.default_cuts(values))
    assert metrics(at) == {t("value.clv.total", lang): fmt_amount(float(frame["clv"].sum()), lang),
                           t("value.clv.median", lang): fmt_amount(float(frame["clv"].median()), lang),
                           t("value.clv.alive", lang): fmt_int(pred["p_alive"].sum(), lang)}
    params, top = (df.value for df in at.dataframe)
    assert len(params) == 4 + 4 + 3
    assert params[t("value.clv.model", lang)].unique().tolist() == ["BG/NBD", "Pareto/NBD", "Gamma-Gamma"]
    assert params[t("value.clv.estimate", lang)].tolist()[:4] == [round(v, 4) for v in fitted.fits.bgnbd.params]
    assert len(top) == 20
    assert top[t("value.col.customer_id", lang)].tolist() == frame.nlargest(20, "clv")["customer_id"].tolist()


def test_the_pareto_nbd_is_fitted_only_on_request(demo, demo_con, monkeypatch):
    # P(alive) and CLV of the default model (metrics, score, win-back) need BG/NBD and
    # Gamma-Gamma only; the value page adds the Pareto/NBD, whose failure costs only its own views.
    ds, as_of, _, full = demo
    base = value.clv_model(demo_con, ds, as_of)
    assert base.fits.pareto_nbd is None and full.fits.pareto_nbd is not None
    assert base.fits.bgnbd == full.fits.bgnbd and base.fits.gamma_gamma == full.fits.gamma_gamma
    assert base.error_for("bgnbd") is None and "not fitted" in base.error_for("pareto_nbd")
    pd.testing.assert_frame_equal(value.clv_predictions(base, value.ClvSettings()),
                                  value.clv_predictions(full, value.ClvSettings()))

    from lib import clv
    from lib.clv import predict

    def fail(*args, **kwargs):
        raise clv.FitError("The Pareto/NBD fit did not settle.")

    monkeypatch.setattr(predict, "_fit_pareto_nbd", fail)
    failed = value.with_pareto_nbd(base)
    assert failed.fits.bgnbd is base.fits.bgnbd and failed.error_for("bgnbd") is None
    assert failed.error_for("pareto_nbd") == "The Pareto/NBD fit did not settle."
    assert (value.clv_predictions(failed, value.ClvSettings(model="pareto_nbd"))["method"] == "fallback").all()
    assert (value.clv_predictions(failed, value.ClvSettings())["method"] == "model").all()


def test_value_page_model_check_compares_with_the_holdout(app_env, demo, demo_con):
    ds, as_of, _, _ = demo
    at = run_page(app_env, {"lang": "en", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "check",
                            "val_hold": "13"})
    assert not at.exception and not at.warning
    check = value.validation(demo_con, ds, as_of, 13)
    rep = check.holdout
    actual = rep.actual_total
    assert actual > 0
    errors = {m: fmt_pct((rep.predicted_total[m] - actual) / actual, "en") for m in ("bgnbd", "pareto_nbd")}
    assert t("value.check.summary", "en", cal_end=fmt_date(check.calibration_end, "en"), weeks=13,
             actual=fmt_int(actual, "en"), bgnbd=fmt_int(rep.predicted_total["bgnbd"], "en"), bg_err=errors["bgnbd"],
             pnbd=fmt_int(rep.predicted_total["pareto_nbd"], "en"), pn_err=errors["pareto_nbd"]) in shown(at)
    assert len(at.get("vega_lite_chart")) == 2  # by frequency and the tracking plot


@pytest.mark.parametrize("split", ["clv_top", "abc", "rfm"])
def test_value_page_with_each_split_rule(app_env, demo, split):
    _, as_of, values, fitted = demo
    at = run_page(app_env, {"val_tab": "split", "val_split": split, "val_x": "30", "lang": "en",
                            "dataset": "demo", "as_of": as_of.isoformat()})
    assert not at.exception, at.exception
    assert not at.warning
    assert at.session_state["val_split"] == split  # the raw option from the URL, not a label
    frame = value.enrich(values, value.clv_predictions(fitted, value.ClvSettings()), value.default_cuts(values))
    rule = value.SplitRule(split, 30.0 if split == "clv_top" else 20.0)
    high = value.high_value(frame.rename(columns={"segment": "customer_segment", "segment_rfm": "segment"}), rule)
    if split == "clv_top":
        assert high.sum() == round(0.3 * len(values))
    rev = frame["revenue_12m"].clip(lower=0)
    assert at.subheader[0].value == t(
        "value.split.summary", "en", high=fmt_int(int(high.sum()), "en"), high_pct=fmt_pct(high.mean(), "en"),
        rev_share=fmt_pct(rev[high].sum() / rev.sum(), "en"),
        clv_share=fmt_pct(frame["clv"][high].sum() / frame["clv"].sum(), "en"))
    profile, plan = (df.value for df in at.dataframe)
    tests = value.compare_groups(frame, high)
    assert profile[t("value.profile.metric", "en")].tolist() == [t(f"value.col.{x.metric}", "en") for x in tests]
    assert profile[t("value.profile.p", "en")].tolist() == [fmt_p(x.p_value, "en") for x in tests]
    assert len(plan) == 200  # the 200 highest CLVs; the download holds all
    assert set(plan["group"]) <= {t("value.group.high", "en"), t("value.group.low", "en")}   # headings: config


def test_value_page_german_with_bad_cut_points(app_env):
    at = run_page(app_env, {"lang": "de", "val_tab": "rfm", "val_cut_m": "10; 5; x"})
    assert not at.exception
    assert [w.value for w in at.warning] == [t("value.rfm.bad_cuts", "de", value="10; 5; x",
                                               dimension=t("value.rfm.monetary", "de"))]
    assert at.title[0].value == "Kundenwert"
    assert len(at.table[0].value) == len(value.RFM_SEGMENTS)  # the quintiles are used instead


def test_value_page_on_the_first_day_and_outside_the_data(app_env, demo_con):
    ds = db.dataset_id(demo_con, "shop-2025")
    first, last = db.available(demo_con, ds).first_date, db.last_transaction_date(demo_con, ds)
    at = run_page(app_env, {"as_of": first.isoformat(), "dataset": "shop-2025", "lang": "en"})
    assert not at.exception and not at.warning
    day_one = value.customer_values(demo_con, ds, first)
    assert 0 < len(day_one) < 10
    assert t("value.intro", "en", dataset="shop-2025", as_of=fmt_date(first, "en"),
             customers=fmt_int(len(day_one), "en")) in shown(at)
    # A date before the data falls back to the last date, and says so.
    before = first - timedelta(days=200)
    at = run_page(app_env, {"as_of": before.isoformat(), "dataset": "shop-2025", "lang": "en"})
    assert not at.exception
    assert [w.value for w in at.warning] == [t("msg.bad_as_of", "en", value=before.isoformat(),
                                               first=fmt_date(first, "en"), last=fmt_date(last, "en"),
                                               shown=fmt_date(last, "en"))]
    assert t("value.intro", "en", dataset="shop-2025", as_of=fmt_date(last, "en"),
             customers=fmt_int(len(value.customer_values(demo_con, ds, last)), "en")) in shown(at)


def test_value_page_before_any_purchase(tmp_path, monkeypatch):
    # On its first day the dataset holds only a return: nobody has bought yet.
    path = tmp_path / "returns-first.duckdb"
    con = db.connect(path)
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, "R", "2025-01-01", -5.0), (ds, "R", "2025-02-01", 40.0)])
    db.swap_in(con, "returns", ds, "hand-made", "import")
    con.execute("COMMIT")
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = run_page(path, {"as_of": "2025-01-01", "dataset": "returns", "lang": "en"})
    assert not at.exception and not at.warning
    assert [i.value for i in at.info] == [t("value.no_customers", "en")]
    assert not at.tabs and not at.metric


def test_concentration_matches_the_single_functions():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"revenue_12m": np.r_[rng.gamma(0.5, 300, 997), [-20.0, 0.0, 0.0]]})
    c = value.concentration(df, "revenue_12m")
    v = df["revenue_12m"].to_numpy()
    assert c.gini == pytest.approx(value.gini(v)) and c.total == pytest.approx(v.sum())
    for f in (0.01, 0.2, 0.5):
        assert c.top_share(f) == pytest.approx(value.top_share(v, f))
    assert c.abc.set_index("abc")["size"].to_dict() == pd.Series(value.abc_classes(v)).value_counts().to_dict()


# --- the page's state in the URL: language-neutral ids, numbers and ISO dates (ui.url_state) --------------

def url(at: AppTest, key: str) -> list[str]:
    """The URL's values of ``key`` (none, one or several)."""
    raw = at.query_params.get(key)
    return [] if raw is None else list(raw) if isinstance(raw, (list, tuple)) else [raw]


SPLIT_LINK = {"dataset": "demo", "val_tab": "split", "val_split": "rfm", "val_segs": ["lost", "at_risk", "cant_lose"],
              "val_plan_low": ["newsletter", "club"], "val_h": "24", "val_dr": "5.0", "val_model": "pareto_nbd"}


def assert_split_link_view(at: AppTest, lang: str, values, fitted):
    """What the page shows for SPLIT_LINK, in ``lang``: the split tab with the link's choices."""
    assert not at.exception, at.exception
    assert not at.warning
    state = at.session_state
    assert (state["val_h"], state["val_dr"], state["val_model"], state["val_split"]) == (24, 5.0, "pareto_nbd", "rfm")
    assert state["val_segs"] == ["lost", "at_risk", "cant_lose"]
    assert state["val_plan_low"] == ["newsletter", "club"]
    assert state["val_plan_high"] == list(value.DEFAULT_PLAN["high"])
    assert at.multiselect(key="val_segs").value == ["lost", "at_risk", "cant_lose"]
    frame = value.enrich(values, value.clv_predictions(fitted, value.ClvSettings(24, 0.05, "pareto_nbd")),
                         value.default_cuts(values))
    rule = value.SplitRule("rfm", 20.0, ("lost", "at_risk", "cant_lose"))
    high = value.high_value(frame.rename(columns={"segment": "customer_segment", "segment_rfm": "segment"}), rule)
    rev = frame["revenue_12m"].clip(lower=0)
    assert at.subheader[0].value == t(  # the split tab is the open one
        "value.split.summary", lang, high=fmt_int(int(high.sum()), lang), high_pct=fmt_pct(high.mean(), lang),
        rev_share=fmt_pct(rev[high].sum() / rev.sum(), lang),
        clv_share=fmt_pct(frame["clv"][high].sum() / frame["clv"].sum(), lang))
    plan = at.dataframe[1].value
    low = plan["group"] == t("value.group.low", lang)
    assert low.any()
    assert set(plan.loc[low, "treatment"]) == {
        ", ".join(t(f"value.instrument.{i}", lang) for i in ("newsletter", "club"))}


@pytest.mark.parametrize("lang,other", [("en", "de"), ("de", "en")])
def test_value_link_opens_the_same_tab_and_choices_in_either_language(app_env, demo, lang, other):
    _, as_of, values, fitted = demo
    at = run_page(app_env, {**SPLIT_LINK, "lang": lang, "as_of": as_of.isoformat()})
    assert_split_link_view(at, lang, values, fitted)
    # the same link opened in the other language, and the language switched in the session
    assert_split_link_view(run_page(app_env, {**SPLIT_LINK, "lang": other, "as_of": as_of.isoformat()}),
                           other, values, fitted)
    at.segmented_control(key="app_lang").set_value(other).run()
    assert_split_link_view(at, other, values, fitted)
    assert url(at, "val_tab") == ["split"] and url(at, "val_plan_low") == ["newsletter", "club"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_value_link_keeps_the_rfm_cut_points_and_the_from_date(app_env, demo, lang):
    _, as_of, values, _ = demo
    at = run_page(app_env, {"lang": lang, "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "rfm",
                            "val_cut_m": "100; 500; 1000; 5000", "val_from": "2025-06-30"})
    assert not at.exception and not at.warning
    assert at.text_input(key="val_cut_m").value == "100; 500; 1000; 5000"
    assert at.date_input(key="val_from").value == date(2025, 6, 30)
    quintiles = value.default_cuts(values)
    cuts = value.RfmCuts(quintiles.recency, quintiles.frequency, (100.0, 500.0, 1000.0, 5000.0))
    counts = value.rfm_scores(values, cuts)["segment"].value_counts().reindex(list(value.RFM_SEGMENTS), fill_value=0)
    assert at.table[0].value[t("value.customers", lang)].tolist() == counts.tolist()
    assert t("value.rfm.migration.caption", lang, from_date=fmt_date(date(2025, 6, 30), lang),
             to_date=fmt_date(as_of, lang)) in shown(at)


@pytest.mark.parametrize("title,lang", [("Model check", "de"), ("Modellprüfung", "en")])
def test_value_link_with_an_old_tab_title_still_opens_its_tab(app_env, demo, title, lang):
    _, as_of, _, _ = demo
    at = run_page(app_env, {"lang": lang, "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": title})
    assert not at.exception and not at.warning
    assert at.number_input(key="val_hold").value == 26  # the model check is the open tab
    assert url(at, "val_tab") == ["check"]


def test_value_bad_url_values_fall_back_to_the_defaults(app_env, demo):
    _, as_of, values, _ = demo
    at = run_page(app_env, {"lang": "de", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "nope",
                            "val_h": "abc", "val_dr": "nan", "val_model": "foo", "val_basis": "Umsatz",
                            "val_top": "3.5"})
    assert not at.exception and not at.warning
    assert {k: at.session_state[k] for k in ("val_h", "val_dr", "val_model", "val_basis", "val_top")} == {
        "val_h": 12, "val_dr": 10.0, "val_model": "bgnbd", "val_basis": "revenue_12m", "val_top": 20}
    conc = value.concentration(values, "revenue_12m")  # the first tab, with its defaults
    assert at.subheader[0].value == t("value.top_sentence", "de", pct=fmt_pct(0.20, "de", 0),
                                      share=fmt_pct(conc.top_share(0.20), "de"))

    at = run_page(app_env, {"lang": "en", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "split",
                            "val_h": "999", "val_dr": "-1", "val_split": "High", "val_x": "500",
                            "val_plan_high": ["foo"], "val_plan_low": ["club", "bar"]})
    assert not at.exception and not at.warning
    state = at.session_state
    assert (state["val_h"], state["val_dr"], state["val_split"], state["val_x"]) == (12, 10.0, "clv_top", 20)
    assert state["val_plan_high"] == list(value.DEFAULT_PLAN["high"])  # none known: the default
    assert state["val_plan_low"] == ["club"]                           # the known ones are kept
    assert at.subheader[0].value.startswith(fmt_int(round(0.2 * len(values)), "en") + " ")

    at = run_page(app_env, {"lang": "en", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "split",
                            "val_split": "rfm", "val_segs": "Champions"})
    assert not at.exception and not at.warning
    assert at.session_state["val_segs"] == list(value.SplitRule().segments)

    for bad in ("xyz", "2099-01-01", "2000-01-01"):
        at = run_page(app_env, {"lang": "en", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "rfm",
                                "val_from": bad, "val_hold": "2"})
        assert not at.exception and not at.warning
        assert at.date_input(key="val_from").value == as_of - timedelta(days=365)
        assert not url(at, "val_from")  # the URL says what is shown


def test_value_widgets_write_language_neutral_values_into_the_url(app_env, demo):
    _, as_of, _, _ = demo
    at = run_page(app_env, {"lang": "de", "dataset": "demo", "as_of": as_of.isoformat()})
    at.segmented_control(key="val_basis").set_value("revenue_all").run()
    at.slider(key="val_top").set_value(10).run()
    at.segmented_control(key="val_model").set_value("pareto_nbd").run()
    at.number_input(key="val_dr").set_value(15.0).run()
    at.number_input(key="val_h").set_value(24).run()
    assert not at.exception
    assert {k: url(at, k) for k in ("val_basis", "val_top", "val_model", "val_dr", "val_h")} == {
        "val_basis": ["revenue_all"], "val_top": ["10"], "val_model": ["pareto_nbd"], "val_dr": ["15.0"],
        "val_h": ["24"]}
    at.segmented_control(key="val_basis").set_value("revenue_12m").run()  # back to the default: left out
    assert not url(at, "val_basis") and url(at, "val_top") == ["10"]

    at = run_page(app_env, {"lang": "de", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "split"})
    at.slider(key="val_x").set_value(30).run()
    at.multiselect(key="val_plan_low").set_value(["club", "newsletter"]).run()
    at.segmented_control(key="val_split").set_value("rfm").run()
    at.multiselect(key="val_segs").set_value(["lost", "new"]).run()
    assert not at.exception
    assert {k: url(at, k) for k in ("val_tab", "val_x", "val_plan_low", "val_split", "val_segs")} == {
        "val_tab": ["split"], "val_x": ["30"], "val_plan_low": ["club", "newsletter"], "val_split": ["rfm"],
        "val_segs": ["lost", "new"]}

    at = run_page(app_env, {"lang": "de", "dataset": "demo", "as_of": as_of.isoformat(), "val_tab": "rfm"})
    at.text_input(key="val_cut_r").set_value("10; 30; 90; 180").run()
    at.date_input(key="val_from").set_value(date(2025, 3, 1)).run()
    assert not at.exception and not at.warning
    assert (url(at, "val_cut_r"), url(at, "val_from")) == (["10; 30; 90; 180"], ["2025-03-01"])
    # an earlier as-of date: the from-date falls back to its default a year before, and the URL says so
    at.date_input(key="app_as_of").set_value(date(2025, 1, 31)).run()
    assert not at.exception
    assert at.date_input(key="val_from").value == date(2025, 1, 31) - timedelta(days=365)
    assert not url(at, "val_from")
