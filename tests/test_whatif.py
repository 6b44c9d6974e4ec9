"""What-if (lib/whatif.py, the win-back page's panel): the projection by hand and in closed form, the
baseline on a hand-made dataset against counts done here, the panel in both languages against
project()'s output, and the sliders in the URL."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lib import db, value, whatif
from lib.i18n import fmt_int, fmt_money
from tests.conftest import open_page
from tests.test_recovery import write_dataset

TOL = 1e-9
MONTH_DAYS = 365.25 / 12


def tiny_baseline(*, high=(100, 0, 0.30), low=(200, 50, 0.20), winback=0.10) -> whatif.Baseline:
    """A hand-made baseline: per group (customers not lost, lost, annual loss rate); purchases and
    order value 2 x 50 (high) and 0.5 x 20 (low)."""
    def group(spec, buys, ov):
        n, lost, rate = spec
        return whatif.Group(customers=n, lost=lost, at_risk=n, exposure_months=12.0 * n, lost_in_year=0,
                            annual_loss=rate, purchases=buys, order_value=ov)
    return whatif.Baseline(date(2025, 12, 31), date(2024, 12, 31),
                           {"high": group(high, 2.0, 50.0), "low": group(low, 0.5, 20.0)},
                           lost_then=10, back=1, annual_winback=winback)


def one(projection: pd.DataFrame, scenario: str) -> pd.DataFrame:
    return projection[projection["scenario"] == scenario].set_index("month")


def reference(groups: list[tuple[float, float, float, float, float]], months: int = 36) -> pd.DataFrame:
    """An independent plain-Python run of the model: groups of (customers, lost, monthly loss,
    monthly win-back, revenue per customer and month)."""
    rows = []
    state = [[a, l] for a, l, *_ in groups]
    rows.append({"month": 0, "customers": sum(a for a, _ in state), "lost": 0.0, "revenue": 0.0})
    for m in range(1, months + 1):
        lost = won = revenue = 0.0
        for s, (_, _, c, w, rpm) in zip(state, groups):
            a, l = s
            revenue += a * rpm
            lost += a * c
            won += l * w
            s[0], s[1] = a - a * c + l * w, l + a * c - l * w
        rows.append({"month": m, "customers": sum(a for a, _ in state), "lost": lost, "revenue": revenue})
    return pd.DataFrame(rows).set_index("month")


# --- project() by hand ---------------------------------------------------------------------------------

def test_zero_levers_give_the_baseline_exactly():
    b = tiny_baseline()
    p = whatif.project(b, whatif.Levers())
    base, scen = one(p, "baseline"), one(p, "scenario")
    pd.testing.assert_frame_equal(base.drop(columns="scenario"), scen.drop(columns="scenario"), check_exact=True)
    assert list(base.index) == list(range(37))
    h = whatif.horizons(p)
    assert (h[["delta_revenue", "delta_value", "delta_customers"]] == 0).all().all()


def test_monthly_rate_compounds_to_the_annual_one():
    for a in (0.0, 0.05, 0.25, 0.9):
        assert (1 - whatif.monthly_rate(a)) ** 12 == pytest.approx(1 - a, abs=TOL)


def test_churn_points_lower_the_losses_month_by_month_as_calculated_by_hand():
    b = tiny_baseline()
    levers = whatif.Levers(churn_pp=5)
    p = whatif.project(b, levers)
    c_high, c_low = 1 - 0.70 ** (1 / 12), 1 - 0.80 ** (1 / 12)          # today: 30 % and 20 % a year
    s_high, s_low = 1 - 0.75 ** (1 / 12), 1 - 0.85 ** (1 / 12)          # 5 points less: 25 % and 15 %
    w = 1 - 0.90 ** (1 / 12)                                             # 10 % a year come back
    base, scen = one(p, "baseline"), one(p, "scenario")
    # month 1: losses of the customers not lost at the start, by hand
    assert base.loc[1, "lost"] == pytest.approx(100 * c_high + 200 * c_low, abs=TOL)
    assert scen.loc[1, "lost"] == pytest.approx(100 * s_high + 200 * s_low, abs=TOL)
    assert base.loc[1, "lost"] - scen.loc[1, "lost"] == pytest.approx(100 * (c_high - s_high) + 200 * (c_low - s_low),
                                                                       abs=TOL)
    # month 2, by hand from month 1's pools
    a_high, a_low = 100 - 100 * s_high + 0 * w, 200 - 200 * s_low + 50 * w
    assert scen.loc[2, "lost"] == pytest.approx(a_high * s_high + a_low * s_low, abs=TOL)
    assert scen.loc[2, "revenue"] == pytest.approx(a_high * 2 * 50 + a_low * 0.5 * 20, abs=TOL)
    # every month against an independent run of the recurrences
    for run, (ch, cl) in ((base, (c_high, c_low)), (scen, (s_high, s_low))):
        ref = reference([(100, 0, ch, w, 100.0), (200, 50, cl, w, 10.0)])
        np.testing.assert_allclose(run["lost"], ref["lost"], rtol=0, atol=TOL)
        np.testing.assert_allclose(run["customers"], ref["customers"], rtol=0, atol=TOL)
        np.testing.assert_allclose(run["revenue"], ref["revenue"], rtol=0, atol=1e-7)
    # fewer losses every month, so more customers and revenue at every horizon
    assert (scen["lost"].iloc[1:] < base["lost"].iloc[1:]).all()
    assert (whatif.horizons(p)["delta_revenue"] > 0).all()


def test_36_months_of_geometric_survival_in_closed_form():
    # no win-back: each group survives geometrically, A_t = A_0 (1 - c)^t
    b = tiny_baseline(winback=0.0)
    p = whatif.project(b, whatif.Levers(keep_high_pct=50, order_value_pct=10))
    base, scen = one(p, "baseline"), one(p, "scenario")
    c_high, c_low = whatif.monthly_rate(0.30), whatif.monthly_rate(0.20)
    s_high = whatif.monthly_rate(0.15)                                   # half the high-value losses kept
    v = 1.1 ** (-1 / 12)                                                  # the CLV's 10 % a year, monthly
    t = np.arange(37)
    for run, ch, ov in ((base, c_high, 1.0), (scen, s_high, 1.1)):
        np.testing.assert_allclose(run["customers"], 100 * (1 - ch) ** t + 200 * (1 - c_low) ** t, rtol=1e-12)
        q_h, q_l = 1 - ch, 1 - c_low
        cum = 100 * 100 * ov * (1 - q_h ** 36) / ch + 200 * 10 * ov * (1 - q_l ** 36) / c_low
        assert run.loc[36, "cum_revenue"] == pytest.approx(cum, rel=1e-12)
        value = (100 * 100 * ov * v * (1 - (q_h * v) ** 36) / (1 - q_h * v)
                 + 200 * 10 * ov * v * (1 - (q_l * v) ** 36) / (1 - q_l * v))
        assert run.loc[36, "cum_value"] == pytest.approx(value, rel=1e-12)


def test_loss_and_win_back_reach_the_two_state_balance_in_closed_form():
    # one group with win-back: A_t = A* + (A_0 - A*)(1 - c - w)^t, A* = N w / (c + w)
    b = tiny_baseline(high=(0, 0, 0.0), low=(300, 100, 0.25), winback=0.4)
    p = whatif.project(b, whatif.Levers(winback_pp=10))
    c, w = whatif.monthly_rate(0.25), whatif.monthly_rate(0.5)
    star = 400 * w / (c + w)
    t = np.arange(37)
    np.testing.assert_allclose(one(p, "scenario")["customers"], star + (300 - star) * (1 - c - w) ** t, rtol=1e-12)


def test_levers_are_bounded():
    b = tiny_baseline(low=(200, 50, 0.03), winback=0.95)
    r = whatif.rates(b, whatif.Levers(churn_pp=20, winback_pp=20, keep_high_pct=100)).set_index("group")
    assert r.loc["low", "annual_loss"] == 0 and r.loc["high", "annual_loss"] == 0
    assert r.loc["low", "annual_winback"] == 1.0


def test_takeaway_says_the_projected_difference():
    b = tiny_baseline()
    levers = whatif.Levers(churn_pp=5)
    p = whatif.project(b, levers)
    h = whatif.horizons(p).set_index("months").loc[36]
    en = whatif.takeaway(b, p, levers, "en")
    assert fmt_money(h["delta_revenue"], "en") in en and "36 months" in en
    assert f"{fmt_int(h['delta_customers'], 'en')} more customers" in en
    de = whatif.takeaway(b, p, levers, "de")
    assert fmt_money(h["delta_revenue"], "de") in de and "36 Monaten" in de
    zero = whatif.takeaway(b, whatif.project(b), whatif.Levers(), "de")
    assert fmt_money(h["revenue_baseline"], "de") in zero and fmt_int(300, "de") in zero


# --- baseline() on a hand-made dataset ---------------------------------------------------------------------

AS_OF = date(2025, 12, 31)   # 12 months earlier: 2024-12-31
TX = {
    "P": [(f"{y}-{m:02d}-10", 500) for y in (2024, 2025) for m in range(1, 13)],   # the big buyer, never lost
    "Q": [("2024-01-15", 100), ("2024-06-15", 100)],                                # lost by inactivity 2025-06-16
    "R": [("2024-03-01", 200), ("2024-09-01", 200), ("2025-03-01", 200)],          # cancels 2025-04-01
    "S": [("2023-01-10", 50), ("2025-08-01", 80)],                                  # lost then, came back
    "T": [("2023-02-01", 30)],                                                      # lost then, stays lost
    "U": [("2025-02-01", 40), ("2025-03-01", 40)],                                  # new, cancels 2025-05-01
    "V": [("2025-06-01", 300), ("2025-09-01", 300)],                                # new, stays
}
CHURN = [("R", "2025-04-01", "price", "cancellation"), ("U", "2025-05-01", "service", "cancellation")]


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("whatif") / "hand.duckdb")
    tx = [(c, d, a) for c, rows in TX.items() for d, a in rows]
    ds = write_dataset(con, "hand", tx, churn=CHURN)
    steady = write_dataset(con, "steady", [(c, f"2024-{m:02d}-05", 10.0 * (i + 1)) for i, c in enumerate("ABCDE")
                                           for m in range(1, 13)] + [("A", "2025-01-05", 10.0)])
    yield con, ds, steady
    con.close()


def test_baseline_on_a_hand_made_dataset_against_counts(hand):
    con, ds, _ = hand
    b = whatif.baseline(con, ds, AS_OF)
    assert b.problem is None and b.then == date(2024, 12, 31)
    frame = pd.DataFrame([(c, pd.Timestamp(d), a) for c, rows in TX.items() for d, a in rows],
                         columns=["customer_id", "date", "amount"])
    last12 = frame[frame["date"] > pd.Timestamp(AS_OF) - pd.Timedelta(days=365)]
    # high-value group at the as-of date: top 20 % of the 7 customers with a purchase = 1, P
    assert b.groups["high"].customers == 1 and b.groups["high"].lost == 0
    p_rows = last12[last12["customer_id"] == "P"]
    assert b.groups["high"].purchases == pytest.approx(len(p_rows) / 12, abs=TOL)
    assert b.groups["high"].order_value == pytest.approx(p_rows["amount"].mean(), abs=TOL)
    # the others not lost today: S (came back) and V (new); lost today: Q, R, T, U
    low_rows = last12[last12["customer_id"].isin(["S", "V"])]
    assert b.groups["low"].customers == 2 and b.groups["low"].lost == 4
    assert b.groups["low"].purchases == pytest.approx(len(low_rows) / 12 / 2, abs=TOL)
    assert b.groups["low"].order_value == pytest.approx(low_rows["amount"].sum() / len(low_rows), abs=TOL)
    # at risk in the year: P (high) all year; Q, R from 2024-12-31 and U, V from their first purchase,
    # up to the loss: Q 2025-06-16 (366 days after 2024-06-15), R 2025-04-01, U 2025-05-01
    then = pd.Timestamp("2024-12-31")
    days_low = ((pd.Timestamp("2025-06-16") - then).days + (pd.Timestamp("2025-04-01") - then).days
                + (pd.Timestamp("2025-05-01") - pd.Timestamp("2025-02-01")).days
                + (pd.Timestamp(AS_OF) - pd.Timestamp("2025-06-01")).days)
    low = b.groups["low"]
    assert (low.at_risk, low.lost_in_year) == (4, 3)
    assert low.exposure_months == pytest.approx(days_low / MONTH_DAYS, abs=TOL)
    assert low.annual_loss == pytest.approx(1 - (1 - 3 / (days_low / MONTH_DAYS)) ** 12, abs=TOL)
    high = b.groups["high"]
    assert (high.at_risk, high.lost_in_year, high.annual_loss) == (1, 0, 0.0)
    assert high.exposure_months == pytest.approx(365 / MONTH_DAYS, abs=TOL)
    # lost 12 months earlier: S and T; S bought again
    assert (b.lost_then, b.back, b.annual_winback) == (2, 1, 0.5)


def test_no_lost_customers_and_too_early_dates_give_a_reason_not_an_error(hand):
    con, ds, steady = hand
    b = whatif.baseline(con, steady, date(2025, 1, 31))
    assert b.problem is None and b.lost_in_year == 0 and b.lost_then == 0 and b.annual_winback == 0
    p = whatif.project(b, whatif.Levers(churn_pp=5, winback_pp=5))
    assert np.allclose(one(p, "scenario")["customers"], 5) and np.allclose(one(p, "baseline")["customers"], 5)
    early = whatif.baseline(con, ds, date(2023, 1, 15))        # the data's first weeks: nothing 12 months before
    assert early.problem == "short_history" and whatif.project(early).empty
    assert "12 months" in whatif.takeaway(early, whatif.project(early), whatif.Levers(), "en")
    none = whatif.baseline(con, ds, date(2022, 6, 30))          # before the first purchase
    assert none.problem == "no_customers"
    assert "Stichtag" in whatif.takeaway(none, whatif.project(none), whatif.Levers(), "de")


def test_definitions_state_the_rates_the_projection_uses(hand):
    con, ds, _ = hand
    b = whatif.baseline(con, ds, AS_OF)
    model, assumptions = whatif.definitions(b, whatif.Levers(churn_pp=5), "de")
    assumptions = assumptions.replace(whatif.NBSP, " ")
    assert "Kohortenfortschreibung" in model and "10\u00a0%" in model
    r = whatif.rates(b, whatif.Levers(churn_pp=5)).set_index("group")
    assert whatif.fmt_pct(r.loc["low", "annual_loss"], "de", 1).replace(whatif.NBSP, " ") in assumptions
    assert "50,0 %" in assumptions and "(1 von 2 am 31.12.2024" in assumptions   # the win-back share, S of S and T


def test_chart_has_both_projections(hand):
    con, ds, _ = hand
    b = whatif.baseline(con, ds, AS_OF)
    spec = whatif.chart(whatif.project(b, whatif.Levers(churn_pp=5)), "de").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Heutiger Verlauf", "Szenario"]
    assert spec["encoding"]["x"]["title"] == "Monate ab Stichtag"


# --- the panel on the win-back page ------------------------------------------------------------------------

def expected(demo_con, levers: whatif.Levers):
    ds = db.dataset_id(demo_con, "demo")
    as_of = db.last_transaction_date(demo_con, ds)
    b = whatif.baseline(demo_con, ds, as_of)
    p = whatif.project(b, levers)
    return b, p, whatif.horizons(p)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_panel_shows_the_projection_in_both_languages(app_env, demo_con, lang):
    at = open_page("recovery", {"lang": lang, "rec_tab": "whatif", "wi_churn": "5", "wi_high": "20"})
    assert not at.exception, at.exception
    levers = whatif.Levers(churn_pp=5, keep_high_pct=20)
    b, p, h = expected(demo_con, levers)
    assert at.slider(key="wi_churn").value == 5 and at.slider(key="wi_high").value == 20
    assert at.slider(key="wi_winback").value == 0 and at.slider(key="wi_order").value == 0
    shown = [m.value for m in at.markdown]
    assert f"**{whatif.takeaway(b, p, levers, lang)}**" in shown
    table = at.dataframe[0].value.set_index("Figure" if lang == "en" else "Kennzahl")
    cols = (["Over 12 months", "Over 24 months", "Over 36 months"] if lang == "en"
            else ["Über 12 Monate", "Über 24 Monate", "Über 36 Monate"])
    assert list(table.columns) == cols
    rows = {"en": {"revenue_scenario": "Revenue, scenario", "value_baseline": "Customer value, today's course",
                   "delta_revenue": "Revenue, difference", "customers_scenario": "Customers at the end, scenario"},
            "de": {"revenue_scenario": "Umsatz, Szenario", "value_baseline": "Kundenwert, heutiger Verlauf",
                   "delta_revenue": "Umsatz, Differenz", "customers_scenario": "Kunden am Ende, Szenario"}}[lang]
    assert list(table.loc[rows["revenue_scenario"]]) == [fmt_money(v, lang) for v in h["revenue_scenario"]]
    assert list(table.loc[rows["value_baseline"]]) == [fmt_money(v, lang) for v in h["value_baseline"]]
    assert list(table.loc[rows["delta_revenue"]]) == ["+" + fmt_money(v, lang) for v in h["delta_revenue"]]
    assert list(table.loc[rows["customers_scenario"]]) == [fmt_int(v, lang) for v in h["customers_scenario"]]
    # the CLV model's answer beside today's course: the summed CLV of the value page's default fit
    ds = db.dataset_id(demo_con, "demo")
    model = value.clv_model(demo_con, ds, db.last_transaction_date(demo_con, ds))
    clv_row = "Customer value, CLV model (for comparison)" if lang == "en" else "Kundenwert, CLV-Modell (zum Vergleich)"
    want = [float(value.clv_predictions(model, value.ClvSettings(horizon_months=m))["clv"].sum()) for m in (12, 24, 36)]
    assert list(table.loc[clv_row]) == [fmt_money(v, lang) for v in want]
    # the two models agree on today's course within a third at every horizon
    assert np.allclose(h["value_baseline"], want, rtol=1 / 3)
    # the seed figure beside this dataset's own annual loss rate
    seed = [s for s in shown if "20–30" in s and ("This dataset" in s or "Dieser Datensatz" in s)][0]
    assert whatif.fmt_pct(b.annual_loss, lang, 1) in seed


def test_sliders_live_in_the_url_by_neutral_keys(app_env, demo_con):
    at = open_page("recovery", {"lang": "de", "rec_tab": "whatif"})
    at.slider(key="wi_winback").set_value(7).run()
    at.slider(key="wi_order").set_value(-10).run()
    assert not at.exception, at.exception
    assert (at.query_params["wi_winback"], at.query_params["wi_order"]) in (("7", "-10"), (["7"], ["-10"]))
    assert "wi_churn" not in at.query_params                 # a default stays out of the URL
    # the same link opens the same scenario in English; a value out of range falls back to 0
    link = {"lang": "en", "rec_tab": "whatif", "wi_winback": "7", "wi_order": "-10", "wi_churn": "99"}
    again = open_page("recovery", link)
    assert not again.exception, again.exception
    assert (again.slider(key="wi_winback").value, again.slider(key="wi_order").value,
            again.slider(key="wi_churn").value) == (7, -10, 0)
    levers = whatif.Levers(winback_pp=7, order_value_pct=-10)
    b, p, h = expected(demo_con, levers)
    assert f"**{whatif.takeaway(b, p, levers, 'en')}**" in [m.value for m in again.markdown]


@pytest.mark.parametrize(("lang", "words"), [("en", "needs 12 months"), ("de", "braucht 12 Monate")])
def test_panel_at_the_start_of_the_data_says_why_in_a_sentence(app_env, lang, words):
    at = open_page("recovery", {"lang": lang, "rec_tab": "whatif", "as_of": "2023-02-15"})
    assert not at.exception, at.exception
    assert any(words in i.value for i in at.info)
    assert not at.dataframe and not at.slider
