"""The risk page with AppTest on the demo data: every tab in both languages, the customer story by
URL, the rules, and a too-short history (a message, no exception)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TABS = {
    "en": ("Signals & score", "Watch list & quadrant", "Proof (backtest)", "Survival", "Customer story"),
    "de": ("Signale & Score", "Risikoliste & Quadrant", "Nachweis (Backtest)", "Überleben", "Kundengeschichte"),
}


def run_page(query: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "risk.py"), default_timeout=120)
    at.query_params.update(query)
    at.run()
    return at


def texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [i.value for i in at.info] + [w.value for w in at.warning]
                    + [c.value for c in at.caption])


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("tab", range(5))
def test_every_tab_runs(app_env, lang, tab):
    at = run_page({"lang": lang, "risk_tab": TABS[lang][tab]})
    assert not at.exception, at.exception
    assert not at.error
    body = texts(at)
    assert ("logistic model" in body) if lang == "en" else ("logistisches Modell" in body)
    if tab == 0:
        assert [m.label for m in at.metric][:2] == (["Customers scored", "High risk"] if lang == "en"
                                                     else ["Bewertete Kunden", "Hohes Risiko"])
        assert len(at.dataframe) == 2  # bands, signals
    if tab == 1:
        assert at.dataframe[0].value.shape[0] > 0  # the watch list
    if tab == 2:
        auc = next(m for m in at.metric if m.label == "AUC")
        assert float(auc.value.replace(",", ".")) > 0.7
    if tab == 3:
        assert "χ²" in body
    if tab == 4:
        assert at.text_input(key="customer").value == ""


def test_customer_story_by_url(app_env):
    at = run_page({"customer": "K0000006"})
    assert not at.exception, at.exception
    assert at.text_input(key="customer").value == "K0000006"
    assert at.subheader[0].value.startswith("K0000006 · ")
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Stage", "Risk score"]
    assert len(at.dataframe) >= 2  # signals now, timeline
    # another customer typed in
    at.text_input(key="customer").set_value("K0000007").run()
    assert not at.exception and at.subheader[0].value.startswith("K0000007")


def test_unknown_customer_gets_a_sentence(app_env):
    at = run_page({"customer": "=nobody", "lang": "de"})
    assert not at.exception
    assert "=nobody" in at.warning[0].value


def test_rules_chosen_with_edited_points(app_env):
    # a segmented control with a format_func keeps its label in the URL
    at = run_page({"risk_method": "Rules (points per signal)", "risk_w_disputes": "35"})
    assert not at.exception
    assert "rules" in at.warning[0].value and "chosen" in at.warning[0].value
    assert at.number_input(key="risk_w_disputes").value == 35


def test_too_short_history_uses_the_rules_and_says_so(app_env):
    at = run_page({"as_of": "2023-02-15", "risk_tab": "Proof (backtest)"})
    assert not at.exception, at.exception
    assert "history is too short" in at.warning[0].value
    assert "too short for a backtest" in texts(at)


@pytest.fixture
def transactions_only(tmp_path, monkeypatch):
    """A dataset of a dozen customers with transactions only (no customers, events, invoices)."""
    from datetime import date, timedelta

    from lib import db

    path = tmp_path / "tiny.duckdb"
    con = db.connect(path)
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    rows = [(ds, f"C{c}", date(2024, 1, 1) + timedelta(days=17 * k + 5 * c), 40.0 + c)
            for c in range(12) for k in range(0, 40 - 3 * c)]
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)", rows)
    db.swap_in(con, "tiny", ds, "hand-made", "import")
    con.execute("COMMIT")
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


@pytest.mark.parametrize("tab", range(5))
def test_transactions_only_dataset_explains_what_is_missing(transactions_only, tab):
    at = run_page({"risk_tab": TABS["en"][tab], "customer": "C3", "risk_surv_by": "Segment"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "Import the events, invoices table" in body
    assert "rules" in at.warning[0].value  # a dozen customers: too few outcomes for the model


def test_watch_list_by_quadrant(app_env):
    at = run_page({"risk_tab": "Watch list & quadrant", "risk_quad": "High value, low risk", "risk_level": "20"})
    assert not at.exception, at.exception
    assert "in the quadrant “High value, low risk”" in texts(at)
    shown = at.dataframe[0].value
    assert (shown["Score"] < 20).all()
