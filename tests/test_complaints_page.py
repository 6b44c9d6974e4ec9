"""The risk page's complaint-handling tab with AppTest: what it shows against lib.risk.complaints on
the demo, in both languages; its choices in the URL; the empty states (no events, no outcomes)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import db
from lib import lifecycle as lc
from lib.i18n import fmt_int, fmt_pct
from lib.risk import complaints as cmp
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parent.parent


def run_page(query: dict) -> AppTest:
    return open_page("risk", query)


def texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption])


def expected(con, choice: cmp.Handling) -> cmp.HandlingResult:
    ds = db.dataset_id(con, "demo")
    as_of = db.available(con, ds).last_date
    return cmp.handling(con, ds, as_of, lc.stages(con, ds, as_of, lc.Thresholds()),
                        lc.stage_codes(con, ds, lc.months_back(as_of, 12), lc.Thresholds()), choice)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_tab_shows_the_groups_and_the_verdict(app_env, demo_con, lang):
    at = run_page({"lang": lang, "risk_tab": "complaints"})
    assert not at.exception, at.exception
    res = expected(demo_con, cmp.Handling())
    (label,) = [tab.label for tab in at.tabs if tab.children]
    assert label == ("Complaint handling" if lang == "en" else "Beschwerdebehandlung")
    count = at.metric[0]
    assert count.label == ("Complaints" if lang == "en" else "Beschwerden")
    assert count.value == fmt_int(res.summary["complaints"], lang)
    groups, pairs = at.dataframe[0].value, at.dataframe[1].value
    shown = res.groups.loc[res.groups["customers"] > 0]
    assert groups.iloc[:, 1].tolist() == [fmt_int(x, lang) for x in shown["customers"]]
    assert groups.iloc[:, 0].tolist()[:3] == (["No complaint", "Handled well and fast", "Handled badly or slowly"]
                                               if lang == "en" else
                                               ["Keine Beschwerde", "Gut und schnell bearbeitet",
                                                "Schlecht oder langsam bearbeitet"])
    assert len(pairs) == 3
    g = res.groups.set_index("grp")
    verdict = next(m.value for m in at.markdown if fmt_pct(g.at["good", "rate"], lang) in m.value)
    assert fmt_pct(g.at["bad", "rate"], lang) in verdict
    assert ("chance" in verdict) if lang == "en" else ("Chance" in verdict)
    assert "χ²" in texts(at)


def test_choices_live_in_the_url(app_env, demo_con):
    at = run_page({"risk_tab": "complaints", "risk_cmp_kinds": "both", "risk_cmp_fast": "14"})
    assert not at.exception, at.exception
    assert at.number_input(key="risk_cmp_fast").value == 14
    res = expected(demo_con, cmp.Handling("both", 14))
    assert at.metric[0].value == fmt_int(res.summary["complaints"], "en")
    assert "resolved within 14 days" in texts(at)
    at.number_input(key="risk_cmp_fast").set_value(3).run()
    assert at.query_params["risk_cmp_fast"] == "3"
    bad = run_page({"risk_tab": "complaints", "risk_cmp_kinds": "claims", "risk_cmp_fast": "-4", "risk_cmp_seg": "Nope"})
    assert not bad.exception
    assert bad.number_input(key="risk_cmp_fast").value == 7 and bad.selectbox(key="risk_cmp_seg").value == ""
    seg = run_page({"lang": "de", "risk_tab": "complaints", "risk_cmp_seg": "B2B SME"})
    assert not seg.exception and seg.selectbox(key="risk_cmp_seg").value == "B2B SME"
    res = expected(demo_con, cmp.Handling(segment="B2B SME"))
    assert seg.metric[0].value == fmt_int(res.summary["complaints"], "de")
    assert seg.dataframe[0].value.iloc[:, 1].tolist()[0] == fmt_int(res.groups["customers"].iloc[0], "de")


@pytest.fixture
def without_outcomes(tmp_path, monkeypatch):
    """Customers buying monthly with complaints that carry no outcome fields (an older export)."""
    path = tmp_path / "plain.duckdb"
    con = db.connect(path)
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    days = [date(2023, 1, 15) + timedelta(days=30 * k) for k in range(36)]
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, f"C{c}", d, 30.0) for c in range(40) for d in days[: 36 - c % 20]])
    con.executemany("INSERT INTO events (dataset_id, customer_id, date, type) VALUES (?, ?, ?, 'complaint')",
                    [(ds, f"C{c}", date(2024, 6, 1)) for c in range(0, 40, 3)])
    db.swap_in(con, "plain", ds, "hand-made", "import")
    con.execute("COMMIT")
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_outcomes_names_the_fields_to_import(without_outcomes, lang):
    at = run_page({"lang": lang, "risk_tab": "complaints", "as_of": "2025-12-31"})
    assert not at.exception, at.exception
    info = " ".join(i.value for i in at.info)
    if lang == "en":
        assert "14 complaints" in info and "**outcome**" in info and "**satisfied**" in info
    else:
        assert "14 Beschwerden" in info and "**Ergebnis**" in info and "**zufrieden**" in info
    assert not at.metric and not at.dataframe   # no numbers without outcomes


def test_without_events_says_what_is_missing(without_outcomes):
    con = db.connect(without_outcomes)
    con.execute("DELETE FROM events")
    con.close()
    at = run_page({"risk_tab": "complaints", "as_of": "2025-12-31"})
    assert not at.exception, at.exception
    assert any("needs the events table" in i.value for i in at.info)
