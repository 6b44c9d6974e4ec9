"""The app shell and every registered page, run headless with AppTest on the demo data."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import db, ui
from tests.conftest import rendered

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = [p for p, *_ in ui.PAGES]


def run_app(query: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def test_registered_pages_are_exactly_the_files_in_pages():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == set(PAGE_FILES)
    assert len({url for *_, url in ui.PAGES}) == len(ui.PAGES)


def test_app_opens_on_the_overview(app_env):
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert [m.label for m in at.metric][:2] == ["Customers", "Active customers"]
    assert at.query_params["dataset"] == ["demo"] or at.query_params["dataset"] == "demo"


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_runs_without_exception(app_env, page, lang):
    at = run_app({"lang": lang}, page)
    assert not at.exception, at.exception
    assert not at.error


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/value.py", "pages/risk.py", "pages/recovery.py",
                                  "pages/lifecycle.py"])
def test_charts_write_numbers_and_dates_in_the_language(app_env, page):
    """German charts write 1.234,5 and März; English ones keep Vega-Lite's defaults."""
    import json

    for lang, decimal in (("de", ","), ("en", None)):
        at = run_app({"lang": lang}, page)
        specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
        assert specs, f"{page} drew no chart"
        for spec in specs:
            locale = spec.get("config", {}).get("locale")
            assert (locale["number"]["decimal"] if locale else None) == decimal, (page, lang)
            if locale:
                assert locale["time"]["shortMonths"][2] == "Mrz"


def test_german_from_the_url(app_env):
    at = run_app({"lang": "de"})
    assert at.title[0].value == "Überblick"
    assert at.metric[0].label == "Kunden"
    assert "." in at.metric[0].value  # 1.2xx with German thousands separator


def test_language_is_kept_in_the_url(app_env):
    # Clicking the language control is covered by the browser test (AppTest cannot click it).
    at = run_app({"lang": "de"})
    assert str(at.query_params["lang"]).strip("[]'") == "de"
    at = run_app({"lang": "xx"})
    assert at.title[0].value == "Overview" and not at.exception


def test_dataset_and_as_of_from_the_url(app_env):
    at = run_app({"dataset": "shop-2025", "as_of": "2024-06-30"})
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox[0].value == "shop-2025"
    assert at.sidebar.date_input[0].value == date(2024, 6, 30)
    assert "2024-06-30" in at.markdown[0].value


def test_bad_url_values_get_a_message_not_a_traceback(app_env):
    at = run_app({"dataset": "nope", "as_of": "31.02.2025"})
    assert not at.exception
    warnings = " ".join(rendered(w.value) for w in at.warning)
    assert "nope" in warnings and "“31.02.2025”" in warnings
    assert "31\\.02\\.2025" in " ".join(w.value for w in at.warning)  # shown as typed, never as Markdown
    assert at.sidebar.selectbox[0].value == "demo"


def test_changing_the_as_of_date_changes_the_numbers(app_env):
    at = run_app()
    before = at.metric[0].value
    at.sidebar.date_input[0].set_value(date(2024, 6, 30)).run()
    assert not at.exception
    assert at.metric[0].value != before
    assert str(at.query_params["as_of"]).strip("[]'") == "2024-06-30"


def test_empty_database_explains_what_to_do(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    at = run_app()
    assert not at.exception
    assert "python -m lib demo" in at.info[0].value


def test_not_a_database_explains_what_to_do(tmp_path, monkeypatch):
    path = tmp_path / "bad.duckdb"
    path.write_text("not a database\n" * 50)
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    at = run_app({"lang": "de"})
    assert not at.exception
    assert "nicht öffnen" in at.error[0].value


def test_data_page_works_on_an_empty_database(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value and not at.info or "python -m lib demo" not in at.info[0].value
