"""Value against risk (issue 15): the CLV if the customer stays against a numerical integral over
the models' posteriors, the value group and revenue at risk (lib/metrics.py) by hand, every
customer who is not lost scored, and the value x risk quadrant holding customers with real
warning signs on the demo at the default settings."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from lib import clv

BG = clv.BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)   # the CDNOW estimates
PNBD = clv.ParetoNBDFit.from_params(0.553, 10.578, 0.606, 11.669)


def bgnbd_given_alive(t: float, x: float, T: float, params=BG.params) -> float:
    """E[Y(t) | alive at T, x, T] by double integration: given alive, the purchase rate is
    Gamma(r + x, alpha + T) and the drop-out probability Beta(a, b + x); given both, a BG/NBD
    customer buys (1 - exp(-lambda p t)) / p times in t weeks."""
    r, alpha, a, b = params
    pp = stats.beta(a, b + x)
    # lambda integrated out by its Laplace transform, E[exp(-lambda p t)] = ((alpha+T)/(alpha+T+pt))^(r+x)
    # (bgnbd_given_alive_2d checks this step by a genuine double integral)
    inner = lambda p: (1 - ((alpha + T) / (alpha + T + p * t)) ** (r + x)) / p * pp.pdf(p)  # noqa: E731
    value, _ = integrate.quad(inner, 0, 1, limit=400, epsabs=1e-12, epsrel=1e-10)
    return value


def bgnbd_given_alive_2d(t: float, x: float, T: float, params=BG.params) -> float:
    r, alpha, a, b = params
    lam = stats.gamma(r + x, scale=1 / (alpha + T))
    pp = stats.beta(a, b + x)
    f = lambda l, p: -math.expm1(-l * p * t) / p * lam.pdf(l) * pp.pdf(p)  # noqa: E731
    value, _ = integrate.dblquad(f, 0, 1, 0, lam.ppf(1 - 1e-12), epsabs=1e-10, epsrel=1e-8)
    return value


def pnbd_given_alive(t: float, x: float, T: float, params=PNBD.params) -> float:
    """Pareto/NBD: given alive, lambda ~ Gamma(r + x, alpha + T) and mu ~ Gamma(s, beta + T);
    given both, E[Y(t)] = lambda / mu (1 - exp(-mu t))."""
    r, alpha, s, beta = params
    mean_lam = (r + x) / (alpha + T)
    mu = stats.gamma(s, scale=1 / (beta + T))
    value, _ = integrate.quad(lambda m: -math.expm1(-m * t) / m * mu.pdf(m), 0, np.inf, limit=400)
    return mean_lam * value


@pytest.mark.parametrize("x,t_x,T", [(0, 0.0, 38.86), (2, 30.43, 38.86), (7, 20.0, 60.0), (26, 30.857, 31.0)])
def test_expected_purchases_given_alive_against_the_posterior_integral(x, t_x, T):
    for t in (4.35, 26.0, 52.18):
        got = float(clv.expected_purchases(BG, t, x, t_x, T, given_alive=True))
        assert got == pytest.approx(bgnbd_given_alive(t, x, T), rel=1e-7)
        got = float(clv.expected_purchases(PNBD, t, x, t_x, T, given_alive=True))
        assert got == pytest.approx(pnbd_given_alive(t, x, T), rel=1e-7)
    # the Laplace step of the reference, once against a genuine double integral
    assert bgnbd_given_alive(26.0, x, T) == pytest.approx(bgnbd_given_alive_2d(26.0, x, T), rel=1e-5)


def test_clv_if_the_customer_stays_by_hand():
    """The discounted sum over 12 months, spelt out: expected purchases given alive in each
    month (numerical integral) x spend, discounted from the month's end at 10 % a year; the
    CLV is P(alive) times it."""
    x, t_x, T, spend = 4, 20.0, 52.0, 37.5
    month = 365.25 / 7 / 12
    hand, before = 0.0, 0.0
    for k in range(1, 13):
        now = bgnbd_given_alive(k * month, x, T)
        hand += (now - before) * spend * 1.10 ** (-k / 12)
        before = now
    stays = float(clv.customer_lifetime_value(BG, x, t_x, T, spend, given_alive=True))
    assert stays == pytest.approx(hand, rel=1e-7)
    alive = float(clv.p_alive(BG, x, t_x, T))
    assert alive < 0.9   # a customer quiet for 32 weeks: the two values differ
    assert float(clv.customer_lifetime_value(BG, x, t_x, T, spend)) == pytest.approx(alive * hand, rel=1e-7)


def test_clv_table_holds_the_clv_if_the_customer_stays():
    from datetime import date
    rng = np.random.default_rng(3)
    T = rng.integers(10, 300, 2000) / 7
    x, t_x = clv.simulate_bgnbd(0.25, 4.0, 0.8, 2.5, T, rng)
    s = clv.CalibrationSummary(np.arange(2000).astype(str).astype(object), x, t_x, T,
                               clv.simulate_spend(x, 6.0, 4.0, 15.0, rng), np.zeros(2000, int), date(2024, 1, 1))
    fits = clv.fit_all(s, pareto_nbd=False)
    table = clv.clv_table(fits, s)
    spend = clv.expected_average_spend(fits.gamma_gamma, s.x, s.monetary)
    stays = clv.customer_lifetime_value(fits.bgnbd, s.x, s.t_x, s.T, spend, given_alive=True)
    assert table["clv_alive"].to_numpy() == pytest.approx(stays, rel=1e-12)
    assert table["clv"].to_numpy() == pytest.approx(table["p_alive"] * table["clv_alive"], rel=1e-12)
    assert table["clv"].to_numpy() == pytest.approx(clv.customer_lifetime_value(fits.bgnbd, s.x, s.t_x, s.T, spend),
                                                    rel=1e-12)
    assert (table["clv_alive"] >= table["clv"] - 1e-9).all()


# --- value group and revenue at risk, by hand ---------------------------------------------------------------

def test_revenue_at_risk_is_value_times_probability_on_a_hand_example():
    import pandas as pd

    from lib import metrics, risk
    from lib.risk.assess import Assessment, Scores

    # five scored customers: value on the chosen basis, logistic score (= probability in %)
    ids = ["A", "B", "C", "D", "E"]
    value = [1000.0, 400.0, -30.0, 2500.0, 80.0]
    score = np.array([20.0, 50.0, 90.0, 4.0, 10.0])
    frame = pd.DataFrame({"customer_id": ids, "revenue_12m": value, "last_purchase": 0.0, "last_contact": np.nan})
    a = Assessment(None, risk.Settings(), frame, np.zeros((5, 12)), "logistic", None, None, None, None, None, 5)
    sc = Scores(score, np.zeros((5, 12)), np.full((5, 3), -1), "logistic")
    # ten customers with a purchase in all: the top 20 % by value are two, D and A
    everyone = pd.DataFrame({"customer_id": ids + list("FGHIJ"), "stage": "mature", "clv": 1.0, "clv_alive": 1.0,
                             "revenue_12m": value + [10.0, 20.0, 30.0, 40.0, 50.0]})
    groups = metrics.with_basis(everyone, "revenue_12m")
    assert groups.loc[groups["value_group"] == "high", "customer_id"].tolist() == ["A", "D"]
    w = risk.watch_frame(a, sc, groups, pd.DataFrame())
    # by hand: A 1000 x 0.20 = 200, B 400 x 0.50 = 200, C max(0, -30) x 0.9 = 0, D 2500 x 0.04 = 100, E 80 x 0.1 = 8
    by_id = w.set_index("customer_id")["revenue_at_risk"].to_dict()
    assert by_id == pytest.approx({"A": 200.0, "B": 200.0, "C": 0.0, "D": 100.0, "E": 8.0}, abs=1e-9)
    assert w["customer_id"].tolist() == ["A", "B", "D", "E", "C"]   # highest first, ties by id
    q = risk.quadrants(w, 15).set_index("quadrant")
    # high value: A (20 >= 15: high risk) and D (4: low risk); low value: B, C (high risk), E (low)
    assert q["customers"].to_dict() == {"high_value_high_risk": 1, "high_value_low_risk": 1,
                                        "low_value_high_risk": 2, "low_value_low_risk": 1}
    assert q.loc["high_value_high_risk", "revenue_at_risk"] == pytest.approx(200.0)
    assert q.loc["low_value_high_risk", "revenue_at_risk"] == pytest.approx(200.0)
    assert q.loc["high_value_low_risk", "value"] == pytest.approx(2500.0)
    # the rules' points are no probability: no revenue at risk, sorted by score then value
    rules = risk.watch_frame(a, Scores(score, sc.contributions, sc.drivers, "rules"), groups, pd.DataFrame())
    assert rules["revenue_at_risk"].isna().all() and rules["customer_id"].tolist() == ["C", "B", "A", "E", "D"]
    assert np.isnan(risk.quadrants(rules, 15)["revenue_at_risk"]).all()


# --- every customer not lost is scored; the quadrant answers on the demo ------------------------------------

def non_lost_ids(con, ds, as_of):
    from lib import metrics
    st = metrics.stages(con, ds, as_of)
    return st, set(st.loc[st["stage"].isin(metrics.SCORED_STAGES), "customer_id"])


@pytest.fixture(scope="module")
def other_db(tmp_path_factory):
    """A second generated dataset: the demo generator with another seed and size."""
    from lib import db, demo
    path = tmp_path_factory.mktemp("other") / "other.duckdb"
    con = db.connect(path)
    demo.generate(con, "other", customers=2000, seed=7)
    con.close()
    return path


@pytest.fixture(scope="module")
def other_con(other_db):
    from lib import db
    con = db.connect(other_db)
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo of the shared fixture (1,500 customers, seed 42) in a file of its own: the command
    line opens its database with another configuration than the app in this process."""
    from lib import db, demo
    from tests.conftest import DEMO_CUSTOMERS
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=DEMO_CUSTOMERS, seed=42)
    con.close()
    return path


@pytest.mark.parametrize("where", ["demo", "other"])
def test_score_csv_scores_every_customer_not_lost(demo_file, other_db, tmp_path, where, capsys):
    import pandas as pd

    from lib import cli, db, derived
    path, name = (demo_file, "demo") if where == "demo" else (other_db, "other")
    con, ds = derived.open_dataset(path, name)
    as_of = db.available(con, ds).last_date
    st, expected = non_lost_ids(con, ds, as_of)
    con.close()
    assert (st["stage"] == "sleeping").sum() > 0   # the riskiest are there to be scored
    out = tmp_path / "scores.csv"
    assert cli.main(["score", "--dataset", name, "--as-of", str(as_of), "--out", str(out), "--db", str(path)]) == 0
    capsys.readouterr()
    table = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    scored = table.loc[table["risk_score"].notna()]
    assert set(scored["customer_id"]) == expected            # every customer not lost, and only they
    assert scored["band"].notna().all() and scored["value_basis"].eq("revenue_12m").all()
    sleeping = scored.loc[scored["stage"] == "sleeping"]
    assert len(sleeping) > 0 and sleeping["driver_1"].notna().all()   # with their drivers
    np.testing.assert_allclose(scored["revenue_at_risk"], (scored["value"].clip(lower=0) * scored["risk_score"] / 100),
                               atol=0.01 + 1e-3 * scored["value"].abs().max())
    assert table.loc[table["stage"].isin(["lost", "prospect"]), "risk_score"].isna().all()


def quadrant_at_defaults(con, ds):
    from lib import db, metrics, risk
    as_of = db.available(con, ds).last_date
    a = risk.assess(con, ds, as_of)
    sc = risk.score(a)
    level = risk.default_level(sc, risk.default_bands(a.method)[1])
    groups = metrics.with_basis(metrics.customer_metrics(con, ds, as_of).frame, metrics.DEFAULT_VALUE_BASIS)
    watch = risk.watch_frame(a, sc, groups, risk.customer_info(con, ds))
    return watch, level, watch.loc[risk.quadrant_of(watch, level) == "high_value_high_risk"]


def warning_signs(rows):
    """Per row, the drivers that are warning signs (anything but being a new customer)."""
    from lib import risk
    return [[risk.SIGNALS[d] for d in (r.driver_1, r.driver_2, r.driver_3) if d >= 0 and risk.SIGNALS[d] != "new_customer"]
            for r in rows.itertuples()]


@pytest.mark.parametrize("where", ["demo", "other"])
def test_high_value_high_risk_holds_customers_with_warning_signs_at_the_defaults(demo_con, other_con, where):
    from lib import db
    con = demo_con if where == "demo" else other_con
    watch, level, hh = quadrant_at_defaults(con, db.dataset_id(con, where))
    assert 1 <= level <= 99
    assert len(hh) > 0
    signs = warning_signs(hh)
    assert sum(bool(s) for s in signs) >= len(hh) / 2, signs
    # the watch list at the default level: its top customers carry warning signs too
    top = watch.loc[watch["score"] >= level].head(10)
    assert sum(bool(s) for s in warning_signs(top)) >= 3


def test_risk_page_quadrant_at_the_defaults_in_both_languages(app_env, demo_con):
    from streamlit.testing.v1 import AppTest

    from lib import db
    from lib.i18n import fmt_int, t
    from tests.conftest import ROOT
    from tests.conftest import shown as shown_cells
    _, level, hh = quadrant_at_defaults(demo_con, db.dataset_id(demo_con, "demo"))
    for lang in ("en", "de"):
        at = AppTest.from_file(str(ROOT / "pages" / "risk.py"), default_timeout=120)
        at.query_params.update({"lang": lang, "risk_tab": "watch"})
        at.run()
        assert not at.exception, at.exception
        assert at.slider(key="risk_level").value == level
        assert at.segmented_control(key="risk_value").value == "revenue_12m"
        quads = at.dataframe[1].value
        row = quads.iloc[0]
        assert row.iloc[0] == t("risk.quadrant.high_value_high_risk", lang)
        assert row.iloc[1] == len(hh) > 0
        assert shown_cells(at.dataframe[1]).iloc[0, 1] == fmt_int(len(hh), lang)   # shown as 1,234 / 1.234
        # the quadrant's customers by the filter, with their drivers as labels
        at.pills(key="risk_quad").set_value("high_value_high_risk").run()
        shown = at.dataframe[0].value
        assert shown.iloc[:, 0].tolist() == hh["customer_id"].tolist()
        drivers = shown[t("risk.col.drivers", lang)].tolist()
        assert any(t("risk.signal.new_customer", lang) not in d.split(", ")[:1] for d in drivers)
        assert "new_customer" not in " ".join(drivers)


def test_clv_if_the_customer_stays_as_the_basis_changes_the_value_not_the_scores(app_env, demo_con):
    from streamlit.testing.v1 import AppTest

    from lib import db, metrics
    from tests.conftest import ROOT
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.available(demo_con, ds).last_date
    frame = metrics.with_basis(metrics.customer_metrics(demo_con, ds, as_of).frame, "clv_alive")
    at = AppTest.from_file(str(ROOT / "pages" / "risk.py"), default_timeout=120)
    at.query_params.update({"risk_tab": "watch", "risk_value": "clv_alive", "risk_level": "10"})
    at.run()
    assert not at.exception, at.exception
    assert at.segmented_control(key="risk_value").value == "clv_alive"
    shown = at.dataframe[0].value
    clv_alive = frame.set_index("customer_id")["clv_alive"]
    assert shown["Value (€)"].tolist() == clv_alive.loc[shown["Customer"]].round(0).tolist()
    assert "CLV if the customer stays" in " ".join(c.value for c in at.caption)


def test_winback_candidates_carry_the_same_value_group(app_env, demo_con):
    from streamlit.testing.v1 import AppTest

    from lib import db, metrics, recovery
    from tests.conftest import ROOT
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.available(demo_con, ds).last_date
    groups = metrics.with_basis(metrics.customer_metrics(demo_con, ds, as_of).frame, "revenue_12m")
    at = AppTest.from_file(str(ROOT / "pages" / "recovery.py"), default_timeout=120)
    at.query_params.update({"rec_high": "true"})
    at.run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "Value group" in d.value.columns)
    high = set(groups.loc[groups["value_group"] == "high", "customer_id"])
    assert len(table) > 0 and set(table["Customer"]) <= high
    assert set(table["Value group"]) == {"High value"}
    value = groups.set_index("customer_id")["value"]
    assert table["Revenue, 12 months (€)"].tolist() == value.loc[table["Customer"]].round(0).tolist()
    # the same customers as the lib's candidates of the high group, in priority order
    cands = recovery.with_value(recovery.candidates((recovery.base(demo_con, ds, as_of),
                                                     recovery.contacts(demo_con, ds, as_of))), groups, "revenue_12m")
    expected = cands.loc[cands["value_group"] == "high", "customer_id"].head(200).tolist()
    assert table["Customer"].tolist() == expected


def test_watch_list_with_the_rules_says_there_is_no_revenue_at_risk(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT
    from tests.conftest import shown as shown_cells
    for lang, sentence, column in (("en", "The rule points are no probability", "Revenue at risk (€)"),
                                   ("de", "Die Regelpunkte sind keine Wahrscheinlichkeit", "Umsatz unter Risiko (€)")):
        at = AppTest.from_file(str(ROOT / "pages" / "risk.py"), default_timeout=120)
        at.query_params.update({"lang": lang, "risk_tab": "watch", "risk_method": "rules", "risk_level": "30"})
        at.run()
        assert not at.exception, at.exception
        assert sentence in " ".join(m.value for m in at.markdown)
        shown, quads = (d.value for d in at.dataframe)
        assert column not in shown.columns and len(shown) > 0
        scores = shown["Score"].tolist()
        assert min(scores) >= 30 and scores == sorted(scores, reverse=True)   # by score, highest first
        assert quads[column].isna().all()                                  # no probability, no number
        assert set(shown_cells(at.dataframe[1])[column]) == {"—"}          # shown as a dash
