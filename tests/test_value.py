"""Customer value: ABC, Lorenz/Gini, RFM, group tests and the value page."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from lib import db, derived, value

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
    assert value.evidence(tests["clv"].p_value) == "very_strong"
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
    at = AppTest.from_file(str(ROOT / "pages" / "value.py"), default_timeout=120)
    at.query_params.update(query)
    return at.run()


@pytest.mark.parametrize("split", ["clv_top", "abc", "rfm"])
def test_value_page_with_each_split_rule(app_env, split):
    at = run_page(app_env, {"val_tab": "High vs low value", "val_split": split, "val_x": "30", "lang": "en"})
    assert not at.exception, at.exception
    texts = " ".join(s.value for s in at.subheader)
    assert "high-value customers" in texts
    assert not at.warning
    assert at.session_state["val_split"] == split  # the raw option from the URL, not a label
    if split == "clv_top":
        assert "(30.0% of customers)" in texts


def test_value_page_german_with_bad_cut_points(app_env):
    at = run_page(app_env, {"lang": "de", "val_tab": "RFM-Segmente", "val_cut_m": "10; 5; x"})
    assert not at.exception
    assert any("Grenzen" in w.value for w in at.warning)
    assert at.title[0].value == "Kundenwert"


@pytest.mark.parametrize("tab,lang,expect", [
    ("Historic value & ABC", "en", "of customers bring"),
    ("Predicted CLV", "en", None),
    ("Model check", "en", None),
    ("Historischer Wert & ABC", "de", "der Kunden bringen"),
    ("Prognostizierter CLV", "de", None),
    ("Modellprüfung", "de", None),
])
def test_value_page_each_tab(app_env, tab, lang, expect):
    at = run_page(app_env, {"lang": lang, "val_tab": tab, "val_basis": "revenue_all", "val_h": "24"})
    assert not at.exception, at.exception
    assert not at.warning
    if expect:
        assert expect in at.subheader[0].value
    else:
        assert len(at.metric) == 3 or "Wiederkäufe" in " ".join(m.value for m in at.markdown) or \
            "repeat purchases" in " ".join(m.value for m in at.markdown)


def test_value_page_before_any_purchase(app_env):
    at = run_page(app_env, {"as_of": "2023-01-01", "dataset": "shop-2025"})
    assert not at.exception


def test_concentration_matches_the_single_functions():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"revenue_12m": np.r_[rng.gamma(0.5, 300, 997), [-20.0, 0.0, 0.0]]})
    c = value.concentration(df, "revenue_12m")
    v = df["revenue_12m"].to_numpy()
    assert c.gini == pytest.approx(value.gini(v)) and c.total == pytest.approx(v.sum())
    for f in (0.01, 0.2, 0.5):
        assert c.top_share(f) == pytest.approx(value.top_share(v, f))
    assert c.abc.set_index("abc")["size"].to_dict() == pd.Series(value.abc_classes(v)).value_counts().to_dict()
