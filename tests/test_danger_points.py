"""Danger points 5, 13 and 14 and the test of every point: the comparisons on hand-made customers,
the test against scipy, the reading of the article's claim (supports / contradicts), and on a demo
of 5,000 customers the findings the demo is built to show (#5 supports, #4 contradicts), on the
page in both languages."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats as sps
from streamlit.testing.v1 import AppTest

from lib import db, demo, derived
from lib import lifecycle as lc
from lib.i18n import fmt_pct, t

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2025, 12, 31)   # exposures: 2024; outcome: 2025
POINTS = {p.number: p for p in lc.DANGER_POINTS}


def monthly(first: date, last: date, day: int = 15) -> list[date]:
    out, d = [], first.replace(day=day)
    while d <= last:
        out.append(d)
        d = (d.replace(day=1) + timedelta(days=32)).replace(day=day)
    return out


def month_ends(first: date, last: date) -> list[date]:
    return [(d.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1) for d in monthly(first, last)]


@pytest.fixture(scope="module")
def hand():
    """Key accounts M1-M4 (M1 and M4 stop buying at the end of 2024, so they are lost in 2025),
    retail customers R1-R2 and five new key accounts N1-N5 who bought a Widget once in March 2024."""
    stay, stop = date(2025, 12, 15), date(2024, 12, 15)
    life = {"M1": stop, "M2": stay, "M3": stay, "M4": stop, "R1": stay, "R2": stop}
    tx = [(c, d, 50.0, None, None) for c, last in life.items() for d in monthly(date(2023, 1, 15), last)]
    tx += [(f"N{i}", date(2024, 3, 10), 100.0, 1, "Widget") for i in range(1, 6)]      # new: 100 a unit
    tx += [("M1", date(2024, 3, 20), 240.0, 2, "Widget"),                                 # 120 a unit: pays more
           ("M2", date(2024, 3, 21), 100.0, 1, "Widget"),                                 # 100: the same
           ("M4", date(2024, 8, 21), 300.0, 1, "Widget")]                                 # no new customer then
    customers = [(c, "Key" if c[0] in "MN" else "Retail") for c in [*life, *(f"N{i}" for i in range(1, 6))]]
    events = [("M1", date(2024, 5, 1), "manager_change"), ("M2", date(2024, 7, 1), "manager_change"),
              ("M1", date(2024, 7, 10), "complaint"), ("M3", date(2023, 9, 1), "manager_change")]
    invoices = []
    for c in ("M1", "M2", "M3"):
        for d in month_ends(date(2023, 1, 1), date(2024, 12, 1)):
            jump = c in ("M1", "M2") and d == date(2024, 6, 30)
            invoices.append((c, d, d + timedelta(days=30), 250.0 if jump else 100.0, d + timedelta(days=20)))
    invoices += [("R1", date(2024, 3, 31), date(2024, 4, 30), 900.0, None),
                 ("R1", date(2024, 4, 30), date(2024, 5, 30), 100.0, None)]   # two invoices: nothing to judge by
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount, quantity, product) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [(ds, *r) for r in tx])
    con.executemany("INSERT INTO customers (dataset_id, customer_id, segment) VALUES (?, ?, ?)",
                    [(ds, *r) for r in customers])
    con.executemany("INSERT INTO events (dataset_id, customer_id, date, type) VALUES (?, ?, ?, ?)",
                    [(ds, *r) for r in events])
    con.executemany("INSERT INTO invoices (dataset_id, customer_id, invoice_date, due_date, amount, paid_date) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [(ds, *r) for r in invoices])
    db.swap_in(con, "hand", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    yield con, ds
    con.close()


def groups(con, ds, comparison: str) -> dict:
    now = lc.stages(con, ds, AS_OF, lc.Thresholds())
    start = lc.stages(con, ds, lc.months_back(AS_OF, 12), lc.Thresholds())
    ev = lc.evidence(con, ds, AS_OF, lc.Filters(), now, start, lc.exposures(con, ds, AS_OF))
    rows = ev.loc[ev["comparison"] == comparison].set_index("grp")
    return {g: (int(r["customers"]), int(r["lost"])) for g, r in rows.iterrows()}


def test_manager_change_compared_within_the_segments_that_have_changes(hand):
    # key accounts only (the retail segment has no change); M3's change was before the year
    assert groups(*hand, "manager_change") == {"yes": (2, 1), "no": (2, 1)}


def test_invoice_above_the_usual_followed_by_a_complaint(hand):
    # M1: 250 after twelve invoices of 100, a complaint ten days later; M2: the same, no complaint;
    # M3: no jump; R1: only two invoices, nothing to judge by
    assert groups(*hand, "price_surprise") == {"contested": (1, 1), "quiet": (1, 0), "no_jump": (1, 0)}


def test_long_standing_customers_paying_more_than_new_ones(hand):
    # M1 paid 120 a Widget where new key accounts paid 100 (index 1.2), M2 paid 100; M4 bought when
    # no new customer did; N1-N5 are new themselves (and sleeping by the end of 2024)
    assert groups(*hand, "loyal_price") == {"more": (1, 1), "same": (1, 0)}
    x = lc.exposures(hand[0], hand[1], AS_OF).dropna(subset=["price_index"])
    assert sorted(x["price_index"].round(6)) == [1.0, 1.2]


def test_without_manager_changes_the_point_names_the_input(hand):
    con, ds = hand
    con.execute("DELETE FROM events WHERE type = 'manager_change' AND dataset_id = ?", [ds])
    try:
        now = lc.stages(con, ds, AS_OF, lc.Thresholds())
        start = lc.stages(con, ds, lc.months_back(AS_OF, 12), lc.Thresholds())
        ev = lc.evidence(con, ds, AS_OF, lc.Filters(), now, start, lc.exposures(con, ds, AS_OF))
        assert lc.point_evidence(POINTS[5], ev, db.available(con, ds))[0] == "no_rows"
    finally:
        con.execute("INSERT INTO events (dataset_id, customer_id, date, type) VALUES "
                    "(?, 'M1', DATE '2024-05-01', 'manager_change'), (?, 'M2', DATE '2024-07-01', 'manager_change')",
                    [ds, ds])


# --- the test and the reading of the claim ----------------------------------------------------------------

def rows_of(**groups) -> pd.DataFrame:
    df = pd.DataFrame([(g, n, k) for g, (n, k) in groups.items()], columns=["grp", "customers", "lost"])
    return df.assign(rate=df["lost"] / df["customers"])


def test_two_groups_use_fishers_exact_test():
    f = lc.finding(POINTS[5], rows_of(no=(500, 40), yes=(60, 12)))
    assert f.test == "fisher" and f.df == 1
    assert f.p_value == pytest.approx(sps.fisher_exact([[40, 460], [12, 48]]).pvalue, rel=1e-12)
    assert f.verdict == "supports" and f.worse_rate == pytest.approx(0.2) and f.better_rate == pytest.approx(0.08)


def test_more_groups_use_the_chi_square_test_and_small_groups_drop_out():
    rows = rows_of(o0_5=(1400, 170), o6_11=(500, 35), o12plus=(260, 22), tiny=(10, 9))
    f = lc.finding(POINTS[4], rows)
    ref = sps.chi2_contingency([[170, 35, 22], [1230, 465, 238]], correction=False)
    assert (f.statistic, f.df, f.p_value) == pytest.approx((ref.statistic, 2, ref.pvalue), rel=1e-12)
    # flooded customers (12 or more contacts) were lost less often than those with 0-5: the data contradict #4
    assert f.verdict == "contradicts"


@pytest.mark.parametrize("number,groups,verdict", [
    (6, dict(no=(500, 50), yes=(100, 12)), "unclear"),
    (2, dict(email=(400, 100), phone=(400, 40)), "differs"),          # the article names no direction
    (6, dict(no=(500, 0), yes=(100, 0)), "none"),                     # nobody lost: no test
    (6, dict(no=(500, 50), yes=(20, 10)), "none"),                    # one group of 30 or more
])
def test_readings(number, groups, verdict):
    assert lc.finding(POINTS[number], rows_of(**groups)).verdict == verdict


# --- the demo of 5,000 customers: what it is built to show, on the page ------------------------------------

@pytest.fixture(scope="module")
def big_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "demo.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=5000, seed=42)
    con.close()
    return path


def findings(path) -> dict[int, lc.Finding]:
    con = db.connect(path)
    ds = db.dataset_id(con, "demo")
    ev = lc.evidence(con, ds, AS_OF, lc.Filters(), lc.stages(con, ds, AS_OF, lc.Thresholds()),
                     lc.stage_codes(con, ds, lc.months_back(AS_OF, 12), lc.Thresholds()), lc.exposures(con, ds, AS_OF))
    avail = db.available(con, ds)
    con.close()
    out = {}
    for p in lc.DANGER_POINTS:
        status, rows = lc.point_evidence(p, ev, avail)
        assert status == "ok", p.number   # every point has evidence on the demo
        out[p.number] = lc.finding(p, rows)
    return out


def test_the_demo_shows_a_change_of_contact_person_and_contradicts_point_4(big_demo):
    f = findings(big_demo)
    assert f[5].verdict == "supports" and f[5].worse_rate > 1.8 * f[5].better_rate
    assert f[4].verdict == "contradicts"
    assert f[12].verdict == "supports" and f[8].verdict == "supports"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_page_says_so(big_demo, monkeypatch, lang):
    monkeypatch.setenv("LIFECYCLE_DB", str(big_demo))
    monkeypatch.chdir(ROOT)
    f = findings(big_demo)
    at = AppTest.from_file(str(ROOT / "pages" / "lifecycle.py"), default_timeout=180)
    at.query_params.update({"lang": lang, "lc_danger": "4"})
    at.run()
    assert not at.exception, at.exception
    body = " ".join(m.value for m in at.markdown)
    assert ("Your data contradict the article here." if lang == "en"
            else "Ihre Daten widersprechen hier dem Artikel.") in body
    assert fmt_pct(f[4].worse_rate, lang) in body and fmt_pct(f[4].better_rate, lang) in body
    at.selectbox(key="lc_danger").set_value(5).run()
    body = " ".join(m.value for m in at.markdown)
    assert ("Your data support the article." if lang == "en" else "Ihre Daten stützen den Artikel.") in body
    captions = " ".join(c.value for c in at.caption)
    assert t("lifecycle.danger.5.scope", lang) in captions
    at.selectbox(key="lc_danger").set_value(None).run()
    table = at.table[0].value.set_index("#")
    evidence = table[t("lifecycle.danger.evidence", lang)]
    assert t("lifecycle.finding.contradicts", lang) in evidence["#4"]
    assert t("lifecycle.finding.supports", lang) in evidence["#5"]


def test_every_point_that_can_lack_its_input_names_it():
    from lib.i18n import STRINGS
    for point in lc.DANGER_POINTS:
        if point.optional_input or point.comparison is None:
            assert f"lifecycle.danger.{point.number}.needs" in STRINGS, point.number
