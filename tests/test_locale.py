"""Item 7 of issue #14, "readable in both languages": every table cell, metric and export in the
reader's language, labels instead of codes, the browser tab's title; item 8, links that survive a
language switch and the README's example links.

Table cells are formatted by lib.i18n.fmt_cell (pure, tested here against hand-written values)
and shown by lib.ui.table through a pandas Styler: the cells keep their values, so a click on a
column heading sorts by number or date (checked in Chromium: 5,00 / 99,25 / 2.181,50 /
123.456,00 ascending), while the Styler's display values carry the text the reader sees. The
AppTests read those display values (``proto.arrow_data.styler.display_values``)."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import export, i18n, lifecycle as lc, metrics, risk, ui
from lib.i18n import fmt_cell
from tests.conftest import open_page, shown

ROOT = Path(__file__).resolve().parent.parent
TABLE_APP = str(ROOT / "tests" / "apps" / "table_app.py")


# --- the pure formatting -------------------------------------------------------------------------

@pytest.mark.parametrize("value, kind, en, de", [
    (1234.56, "num:2", "1,234.56", "1.234,56"),
    (1234.56, "num", "1,234.6", "1.234,6"),
    (-0.5, "num:2", "-0.50", "-0,50"),
    (-0.001, "num:2", "0.00", "0,00"),          # no "-0,00"
    (208598, "amount", "208,598", "208.598"),
    (1377, "int", "1,377", "1.377"),
    (np.int64(20809), "int", "20,809", "20.809"),
    (2181.0, "int", "2,181", "2.181"),
    (6_523_544.93, "money", "6.52M", "6,52 Mio."),
    (6_523_544.93, "eur", "€6.52M", "6,52 Mio. €"),
    (0.806, "pct", "80.6%", "80,6\u00a0%"),
    (0.25, "pct:0", "25%", "25\u00a0%"),
    (80.6, "points", "80.6%", "80,6\u00a0%"),
    (0.129, "pp", "+12.9\u00a0pp", "+12,9\u00a0Pp."),
    (0.02291, "p", "0.0229", "0,0229"),
    (1e-7, "p", "< 0.0001", "< 0,0001"),
    (date(2025, 12, 31), "date", "2025-12-31", "31.12.2025"),
    (pd.Timestamp("2025-12-31 14:03"), "date", "2025-12-31", "31.12.2025"),
    (np.datetime64("2025-12-31"), "date", "2025-12-31", "31.12.2025"),
    ("2025-12-31", "date", "2025-12-31", "31.12.2025"),
    (date(2025, 3, 1), "month", "2025-03", "03.2025"),
    (datetime(2025, 12, 31, 14, 3), "datetime", "2025-12-31 14:03", "31.12.2025 14:03"),
])
def test_cells_in_both_languages(value, kind, en, de):
    assert fmt_cell(value, kind, "en") == en
    assert fmt_cell(value, kind, "de") == de


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NaT, pd.NA, float("inf"), ""])
@pytest.mark.parametrize("kind", ["int", "num:2", "pct", "money", "p", "date", "datetime"])
def test_a_missing_cell_is_a_dash_in_both_languages(missing, kind):
    assert fmt_cell(missing, kind, "de") == fmt_cell(missing, kind, "en") == i18n.MISSING


def test_text_stays_text_and_unknown_kinds_are_refused():
    assert fmt_cell("keine Kontrollgruppe", "pct", "de") == "keine Kontrollgruppe"
    with pytest.raises(ValueError, match="unknown cell kind"):
        i18n.cell_formatter("percent", "de")


def test_column_kinds_by_type():
    assert ui.cell_kind(pd.Series([1, 2])) == "int"
    assert ui.cell_kind(pd.Series([1.5, 2.0])) == "num:2"
    assert ui.cell_kind(pd.Series(pd.to_datetime(["2025-01-01"]))) == "date"
    assert ui.cell_kind(pd.Series([None, date(2025, 1, 1)])) == "date"
    assert ui.cell_kind(pd.Series(["a"])) is None
    assert ui.cell_kind(pd.Series([True])) is None


def test_dataset_source_in_the_language():
    assert i18n.source_label("demo (seed 42, 5000 customers)", "de") == "Demodaten (Seed 42, 5.000 Kunden)"
    assert i18n.source_label("demo (seed 42, 5000 customers)", "en") == "demo data (seed 42, 5,000 customers)"
    assert (i18n.source_label("transactions: t.csv; surveys: s.xlsx", "de")
            == "Transaktionen: t.csv; Befragungen: s.xlsx")
    assert i18n.source_label("hand-made", "de") == "hand-made"   # anything else as it was written


# --- ui.table -------------------------------------------------------------------------------------

def tables(at) -> list:
    return [*at.dataframe, *at.table]


def run_table(**query) -> AppTest:
    at = AppTest.from_file(TABLE_APP, default_timeout=30)
    at.query_params.update(query)
    return at.run()


@pytest.mark.parametrize("lang, cells", [
    ("de", ["a", "1.234,56", "2.181", "80,6\u00a0%", "31.12.2025"]),
    ("en", ["a", "1,234.56", "2,181", "80.6%", "2025-12-31"]),
])
def test_table_shows_the_language_and_keeps_the_numbers(lang, cells):
    at = run_table(lang=lang)
    assert not at.exception
    table = at.dataframe[0]
    assert shown(table).iloc[0].tolist() == cells
    assert shown(table).iloc[3].tolist()[3:] == ["—", "—"]          # missing: a dash
    values = table.value
    # the values stay numbers and dates, so the column sorts by them ...
    assert pd.api.types.is_float_dtype(values["amount"]) and pd.api.types.is_integer_dtype(values["customers"])
    assert values.sort_values("amount")["code"].tolist() == ["d", "b", "a", "c"]
    # ... where sorting the shown text would not
    assert shown(table).sort_values("amount")["code"].tolist() != ["d", "b", "a", "c"]
    # Streamlit's own "localized" format (the browser's language) is dropped; label and help stay
    config = table.proto.columns
    assert '"localized"' not in config and '"YYYY-MM-DD"' not in config
    assert '"Amount"' in config and '"help": "h"' in config
    assert table.proto.placeholder == "—"


def test_table_downloads_are_under_it_with_the_shown_headings():
    at = run_table(lang="de")
    buttons = at.get("download_button")
    assert len(buttons) == 2 and {b.proto.label for b in buttons} == {"CSV herunterladen", "Excel herunterladen"}
    csv = export.to_csv(pd.DataFrame({"Amount": [1234.56]}), "de").decode("utf-8-sig")
    assert csv.splitlines()[1] == "1234,56"   # German CSV: a number stays a number, with a decimal comma


def test_static_table_shows_headings_and_the_language():
    at = run_table(lang="de", static="1")
    assert not at.exception and not at.dataframe
    cells = shown(at.table[0])
    assert list(cells.columns) == ["code", "Amount", "customers", "share", "Day"]
    assert cells.iloc[0].tolist() == ["a", "1.234,56", "2.181", "80,6\u00a0%", "31.12.2025"]


def test_every_table_of_the_pages_goes_through_ui_table():
    """No page draws a table around ui.table (its numbers would follow the browser's language, it
    would have no downloads)."""
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "pages" / "sections").glob("*.py")]:
        text = path.read_text()
        assert ".dataframe(" not in text and not re.search(r"(?<!\bui)\.table\((?!\))", text), path
        assert 'format="localized"' not in text, path


# --- every page in German: formatted numbers, no raw codes ---------------------------------------

CODES = ({*risk.SIGNALS, *lc.STAGES, *metrics.VALUE_BASES, *risk.BANDS, "high", "low", "new_customer",
          "won_back", "lost", "sleeping", "complaint_handling", "revenue_12m", "clv_alive"})
#: an English number (1,234 / 1,234.5 / 0.25 / 24.9%) or one without any thousands separator (1377);
#: "1.500" is German for 1500, so a point before exactly three digits is not counted, nor "0,998"
ENGLISH_NUMBER = re.compile(r"^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?%?$|^-?\d+\.(\d{1,2}|\d{4,})(\s?%)?$|^-?\d{4,}$")
GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?(\s%| €| Mio\.| Tsd\.)*$|^-?\d+,\d+(\s%| €| Mio\.| Tsd\.)*$")

PAGE_VIEWS = [
    ("overview", {}),
    ("value", {}), ("value", {"val_tab": "rfm"}), ("value", {"val_tab": "clv"}), ("value", {"val_tab": "split"}),
    ("risk", {}), ("risk", {"risk_tab": "watch"}), ("risk", {"risk_tab": "proof"}),
    ("risk", {"risk_tab": "survival"}), ("risk", {"risk_tab": "complaints"}),
    ("recovery", {}), ("recovery", {"rec_tab": "notices"}), ("recovery", {"rec_tab": "causes"}),
    ("recovery", {"rec_tab": "measures"}),
    ("compare", {"cmp_tab": "winback"}), ("compare", {"cmp_tab": "value"}),
    ("lifecycle", {"lc_sel": "stage:mature"}),
    ("data", {"data_tab": "datasets"}),
]


@pytest.mark.parametrize("page, query", PAGE_VIEWS, ids=[f"{p}-{'-'.join(q.values()) or 'first'}" for p, q in PAGE_VIEWS])
def test_pages_show_german_numbers_and_labels_in_their_tables(app_env, page, query):
    at = open_page(page, {"lang": "de", **query})
    assert not at.exception, at.exception
    drawn = tables(at)
    assert drawn, f"{page} {query} drew no table"
    cells = [str(c) for element in drawn for c in shown(element).to_numpy().ravel()]
    german = [c for c in cells if GERMAN_NUMBER.match(c)]
    assert german, f"no German number in the tables of {page} {query}"
    assert not [c for c in cells if ENGLISH_NUMBER.match(c)], f"English numbers in {page} {query}"
    assert not [c for c in cells if c in CODES], f"raw codes in {page} {query}"
    # and every table has its downloads
    assert len(at.get("download_button")) >= 2 * len(drawn)


# --- the browser tab's title ---------------------------------------------------------------------

def test_tab_title_names_the_page_in_the_language():
    assert ui.tab_title("risk", "de") == "Abwanderungsrisiko · Kundenlebenszyklus-Explorer"
    assert ui.tab_title("overview", "en") == "Overview · Customer Lifecycle Explorer"
    assert ui.tab_title("nowhere", "de") == "Kundenlebenszyklus-Explorer"


def test_the_router_sets_the_tab_title_of_the_open_page(app_env, monkeypatch):
    import streamlit as st

    titles = []
    real = st.set_page_config

    def record(*args, **kwargs):
        if kwargs.get("page_title"):
            titles.append(kwargs["page_title"])
        return real(*args, **kwargs)

    monkeypatch.setattr(st, "set_page_config", record)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "de"
    at.run()
    assert titles[-1] == "Überblick · Kundenlebenszyklus-Explorer"
    at.switch_page("pages/risk.py").run()
    assert not at.exception
    assert titles[-1] == "Abwanderungsrisiko · Kundenlebenszyklus-Explorer"
    at.session_state["app_lang"] = "en"
    at.run()
    assert titles[-1] == "Churn risk · Customer Lifecycle Explorer"


# --- links that survive ----------------------------------------------------------------------------

README_LINK = re.compile(r"http://localhost:8501(/[^\s`)\]]*)")


def readme_links() -> list[str]:
    return README_LINK.findall((ROOT / "README.md").read_text())


def test_readme_has_example_links():
    assert len([u for u in readme_links() if "?" in u]) >= 3


@pytest.mark.parametrize("link", [u for u in README_LINK.findall((ROOT / "README.md").read_text()) if "?" in u])
def test_every_readme_link_opens_the_page_it_names(app_env, link, tmp_path, monkeypatch):
    import shutil
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(link)
    path = parts.path.strip("/")
    assert path in ui.served_paths(), f"{link}: /{path} is not a page the app serves"
    name = path or ui.PAGES[0][3]
    query = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(parts.query).items()}
    if "snapshot" in query:   # the link opens a talk saved before: save it, in a copy of the file
        from lib import db
        from lib.story import snapshots

        copy = shutil.copy(app_env, tmp_path / "with-snapshot.duckdb")
        con = db.connect(copy)
        ds = db.dataset_id(con, "demo")
        created = con.execute("SELECT created_at FROM datasets WHERE id = ?", [ds]).fetchone()[0]
        last = con.execute("SELECT max(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchone()[0]
        assert snapshots.save(con, query["snapshot"], dataset_name="demo", dataset_id=ds, created_at=created,
                              as_of=last, settings={"story": 1}) is None
        con.close()
        monkeypatch.setenv("LIFECYCLE_DB", str(copy))
    at = open_page(name, query)
    assert not at.exception and not at.error, link
    assert not at.warning, f"{link}: {[w.value for w in at.warning]}"    # no unknown dataset, no bad date
    for key, value in query.items():           # every choice of the link is still in the URL
        assert at.query_params[key] in (value, [value]), (link, key)


def test_overview_is_served_by_its_name_too():
    assert {"", "overview", "risk", "value", "lifecycle", "recovery", "compare", "data"} <= ui.served_paths()


TAB_LINKS = [("lifecycle", "lc_tab", "cohorts"), ("value", "val_tab", "rfm"), ("risk", "risk_tab", "survival"),
             ("recovery", "rec_tab", "causes"), ("compare", "cmp_tab", "value"), ("data", "data_tab", "templates")]


@pytest.mark.parametrize("page, key, tab", TAB_LINKS)
def test_a_tab_survives_the_language_switch_and_english_links_open_it_in_german(app_env, page, key, tab):
    label_key = {"lc_tab": "lifecycle.tab.{}", "val_tab": "value.tab.{}", "risk_tab": "risk.tab.{}",
                 "rec_tab": "recovery.tab.{}", "cmp_tab": "compare.tab.{}", "data_tab": "data.tab.{}"}[key]

    def open_tab(at) -> str:
        """The label of the tab the page has open (ui.tabs keeps it as the widget's state)."""
        held = [v for k, v in at.session_state.to_dict().items() if str(k).startswith(f"{key}__")]
        assert len(held) >= 1
        return held[-1]

    at = open_page(page, {"lang": "en", key: tab})
    assert not at.exception
    assert open_tab(at) == i18n.t(label_key.format(tab), "en")
    at.session_state["app_lang"] = "de"        # the sidebar's language switch
    at.run()
    assert not at.exception
    assert at.query_params[key] in (tab, [tab]) and at.query_params["lang"] in ("de", ["de"])
    assert open_tab(at) == i18n.t(label_key.format(tab), "de")
    # the English link opened in German
    other = open_page(page, {"lang": "de", key: tab})
    assert open_tab(other) == i18n.t(label_key.format(tab), "de")


def test_the_template_choice_is_in_the_url(app_env):
    at = open_page("data", {"lang": "de", "data_tab": "templates", "data_tpl": "churn"})
    assert at.selectbox(key="data_tpl").value == "churn"
    at.selectbox(key="data_tpl").set_value("surveys").run()
    assert at.query_params["data_tpl"] in ("surveys", ["surveys"])
