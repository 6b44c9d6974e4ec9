"""The data page in AppTest: what it shows on the demo database (the datasets table, each file's
detected format and preview), upload with ``file_uploader``, guessed table and mapping, strict
refusal with the report, skip bad rows with the rejected rows, the admin password, and the
datasets chores (rename, delete with confirmation, make current)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import db, demo, derived
from tests.conftest import rendered

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "import"


@pytest.fixture
def page_db(tmp_path, monkeypatch):
    """A database of its own (the page writes to it) with one small demo dataset."""
    monkeypatch.setattr("lib.derived.build", lambda con, ds: None)  # its owner tests it
    path = tmp_path / "page.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=60, seed=3)
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.delenv("LIFECYCLE_ADMIN_PASSWORD", raising=False)
    monkeypatch.chdir(ROOT)
    return path


def page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, *names: str) -> AppTest:
    at.file_uploader(key="data_files").set_value([(n, (CORPUS / n).read_bytes(), "text/csv") for n in names])
    at.run()
    assert not at.exception, at.exception
    return at


def stored(path: Path) -> dict:
    con = db.connect(path)  # same configuration as the page's connection, so both can be open
    try:
        return {i.name: i.counts for i in db.datasets(con)}
    finally:
        con.close()


# --- what the page shows on the demo database (read only) -------------------------------------------------

@pytest.mark.parametrize("lang,kind,source", [("en", "demo data", "demo data (seed 42, 1,500 customers)"),
                                              ("de", "Demodaten", "Demodaten (Seed 42, 1.500 Kunden)")])
def test_datasets_tab_lists_the_demo_datasets_with_their_rows(app_env, demo_con, lang, kind, source):
    at = page({"data_tab": "datasets", "lang": lang})
    table = at.dataframe[0].value
    assert len(table) == 2 and table["name"].tolist() == ["demo", "shop-2025"]
    assert table["kind"].tolist() == [kind, kind]
    assert list(table.columns) == ["name", "kind", *db.TABLES, "first_date", "last_date", "created_at", "source"]
    demo_row = table.iloc[0]
    assert (demo_row["transactions"], demo_row["customers"]) == (29772, 1500)
    assert demo_row["source"] == source   # stored as "demo (seed 42, 1500 customers)", shown in the language
    assert (str(demo_row["first_date"]), str(demo_row["last_date"])) == ("2023-01-01", "2025-12-31")
    store = {i.name: i.counts for i in db.datasets(demo_con)}
    assert [store[n][tb] for n in table["name"] for tb in db.TABLES] == table[list(db.TABLES)].values.ravel().tolist()
    picker = at.selectbox(key="data_ds")
    assert picker.options == ["demo", "shop-2025"] and picker.value == "demo"
    current = "“demo” is the current dataset." if lang == "en" else "„demo“ ist der aktuelle Datensatz."
    assert current in [c.value for c in at.caption]
    assert at.button(key="data_make_current").disabled  # it is the current one already


def test_each_file_shows_its_detected_format_and_its_first_rows_as_stored(app_env):
    at = page()
    files = ("de_cp1252_semicolon.csv", "typed.parquet", "two_sheets.xlsx", "utf16_tab.txt")
    at.file_uploader(key="data_files").set_value([(n, (CORPUS / n).read_bytes(), "text/csv") for n in files])
    at.run()
    assert not at.exception and not at.error
    formats = [e.label for e in at.expander if e.label.startswith("Format")]
    assert formats == [
        "Format (detected: CSV · Windows-1252 · separator semicolon ; · decimal comma , · dates dd.mm.yyyy)",
        "Format (detected: PARQUET · decimal point . · dates yyyy-mm-dd)",
        "Format (detected: XLSX · decimal point . · dates yyyy-mm-dd)",
        "Format (detected: CSV · UTF-16 · separator tab · decimal point . · dates yyyy-mm-dd)"]
    previews = [d.value for d in at.dataframe]
    assert [p.shape for p in previews] == [(4, 7), (2, 4), (2, 4), (2, 3)]
    assert list(previews[2].columns) == ["customer_id", "date", "amount", "order_id"]
    sheet = at.selectbox(key=f"data_{at.file_uploader(key='data_files').value[2].file_id}_sheet")
    assert sheet.format_func(sheet.value) == "Automatic: Umsätze"
    at.radio(key="data_target").set_value("replace").run()
    assert at.selectbox(key="data_replace").options == ["demo", "shop-2025"]


# --- importing, refusing, the datasets chores (a database of its own) --------------------------------------

def test_upload_guess_preview_import_and_make_current(page_db):
    at = upload(page(), "de_cp1252_semicolon.csv")
    fid = at.file_uploader(key="data_files").value[0].file_id
    table = at.selectbox(key=f"data_{fid}_table")
    assert table.format_func(table.value) == "Guess: Transactions"
    mapping = at.selectbox(key=f"data_{fid}_transactions_customer_id")
    assert mapping.format_func(mapping.value) == "Guess: Kundennummer"
    preview = at.dataframe[0].value
    assert preview["customer_id"].tolist() == ["0004711", "0004711", "K-0815", "K-0815"]
    assert float(preview["amount"].iloc[0]) == 1234.56 and "problems" not in preview  # shown only when there are some
    assert "separator semicolon ; · decimal point ." not in at.expander[0].label
    assert "Windows-1252" in at.expander[0].label and "dd.mm.yyyy" in at.expander[0].label
    at.text_input(key="data_name").set_value("erp-2025").run()
    at.button(key="data_go").click().run()
    assert not at.exception and not at.error
    assert "Imported into “erp-2025”: Transactions 4 rows" in at.success[0].value
    assert stored(page_db)["erp-2025"]["transactions"] == 4
    at.button(key="data_show").click().run()
    assert at.session_state["app_dataset"] == "erp-2025"


def test_strict_refusal_then_skip_bad_rows_in_german(page_db):
    at = upload(page({"lang": "de"}), "non_numeric.csv")
    assert "ist keine Zahl" in at.dataframe[0].value["problems"].iloc[1]  # the preview says it already
    at.text_input(key="data_name").set_value("kaputt").run()
    at.button(key="data_go").click().run()
    assert at.error[0].value == "Es wurde nichts importiert: Die Dateien haben ein Problem."
    report = at.dataframe[1].value
    assert report[["line", "column", "value"]].values.tolist() == [[3, "amount", "12,3x"]]
    assert "kaputt" not in stored(page_db)
    at.checkbox(key="data_skip").check().run()
    at.button(key="data_go").click().run()
    assert "2 Zeilen" in at.success[0].value and "Abgelehnte Zeilen: 1 (gefundene Probleme: 1)" in at.warning[0].value
    assert stored(page_db)["kaputt"]["transactions"] == 2
    # the problems table's downloads, then the rejected rows'
    assert [b.key for b in at.get("download_button")] == ["data_problems_dl_csv", "data_problems_dl_xlsx",
                                                          "data_rejected_csv", "data_rejected_xlsx"]
    assert {b.label for b in at.get("download_button")} == {"CSV herunterladen", "Excel herunterladen"}


def test_several_files_one_unreadable_and_a_missing_column(page_db):
    at = upload(page(), "de_cp1252_semicolon.csv", "binary.csv", "customers_de.csv", "missing_column.csv")
    errors = [rendered(e.value) for e in at.error]
    assert any("“binary.csv” is not a table" in e for e in errors)
    fid = at.file_uploader(key="data_files").value[3].file_id
    table = at.selectbox(key=f"data_{fid}_table")
    assert table.format_func(table.value) == "Guess: Churn"  # customer_id and date: churn fits best
    table.set_value("transactions").run()
    assert any("“missing_column.csv” (transactions) has no column for amount" in w.value for w in at.warning)
    assert at.button(key="data_go").disabled  # a required column is still unmapped
    at.selectbox(key=f"data_{fid}_table").set_value("skip").run()
    at.text_input(key="data_name").set_value("two-tables").run()
    at.button(key="data_go").click().run()
    assert not at.exception and "Customers 3 rows" in at.success[0].value
    assert stored(page_db)["two-tables"]["customers"] == 3


def test_admin_password_guards_import_rename_and_delete(page_db, monkeypatch):
    monkeypatch.setenv("LIFECYCLE_ADMIN_PASSWORD", "geheim")
    at = page()
    assert not at.get("file_uploader") and "Read-only" in at.info[-1].value
    at.text_input(key="data_pw").set_value("falsch").run()
    at.button(key="data_unlock").click().run()
    assert at.error[0].value == "That is not the admin password."
    assert not at.get("file_uploader")
    at.text_input(key="data_pw").set_value("geheim").run()
    at.button(key="data_unlock").click().run()
    assert at.get("file_uploader") and "Unlocked" in at.caption[0].value
    datasets = page({"data_tab": "datasets"})
    assert datasets.text_input(key="data_new_name").disabled and datasets.button(key="data_make_current")


def test_datasets_rename_delete_with_confirmation_and_make_current(page_db):
    con = db.connect(page_db)
    demo.generate(con, "second", customers=30, seed=4)
    con.close()
    at = page({"data_tab": "datasets"})
    table = at.dataframe[0].value
    assert table["name"].tolist() == ["demo", "second"] and table["kind"].tolist() == ["demo data", "demo data"]
    at.selectbox(key="data_ds").set_value("second").run()
    at.button(key="data_make_current").click().run()
    assert at.session_state["app_dataset"] == "second"
    at.text_input(key="data_new_name").set_value("demo").run()
    at.button(key="data_rename").click().run()  # the store refuses; the page says why in its words
    assert at.error[0].value == "There is already a dataset named “demo”: choose another name or replace it."
    assert set(stored(page_db)) == {"demo", "second"}
    at.text_input(key="data_new_name").set_value("zweiter").run()
    at.button(key="data_rename").click().run()
    assert "“second” is now called “zweiter”." in at.success[0].value
    assert at.session_state["app_dataset"] == "zweiter" and set(stored(page_db)) == {"demo", "zweiter"}
    assert at.button(key="data_delete").disabled  # not confirmed yet
    at.checkbox(key="data_confirm").check().run()
    at.button(key="data_delete").click().run()
    assert set(stored(page_db)) == {"demo"}
    assert "The only dataset cannot be deleted here" in " ".join(c.value for c in at.caption)


def test_templates_tab_offers_a_download_per_table(page_db):
    at = page({"data_tab": "templates", "lang": "de"})
    assert at.table[0].value.iloc[0, :2].tolist() == ["customer_id", "ja"]   # a static table: long lines wrap
    # the column table's downloads and the template file's
    assert [b.key for b in at.get("download_button")] == ["data_columns_transactions_dl_csv",
                                                          "data_columns_transactions_dl_xlsx",
                                                          "data_tpl_transactions_csv", "data_tpl_transactions_xlsx"]
    at.selectbox(key="data_tpl").set_value("surveys").run()
    assert "ganze Zahl 0–10" in at.table[0].value.iloc[:, 2].tolist()


def url(at: AppTest, key: str):
    raw = at.query_params.get(key)
    return raw[0] if isinstance(raw, (list, tuple)) and len(raw) == 1 else raw


@pytest.mark.parametrize("lang,other", [("en", "de"), ("de", "en")])
def test_a_tab_link_opens_the_same_tab_in_either_language(page_db, lang, other):
    at = page({"data_tab": "templates", "lang": lang})
    assert at.selectbox(key="data_tpl") and not at.get("file_uploader")  # the templates tab is the open one
    assert [tab.label for tab in at.tabs] == [
        {"en": "Import", "de": "Import"}[lang], {"en": "Datasets", "de": "Datensätze"}[lang],
        {"en": "Templates", "de": "Vorlagen"}[lang]]
    assert page({"data_tab": "templates", "lang": other}).selectbox(key="data_tpl")
    at.segmented_control(key="app_lang").set_value(other).run()  # switching the language keeps the tab
    assert not at.exception and at.selectbox(key="data_tpl") and url(at, "data_tab") == "templates"


@pytest.mark.parametrize("title", ["Datasets", "Datensätze"])
def test_a_link_with_an_old_tab_title_still_opens_its_tab(page_db, title):
    at = page({"data_tab": title})
    assert at.selectbox(key="data_ds") and url(at, "data_tab") == "datasets"


def test_an_unknown_tab_in_the_url_opens_the_first_tab(page_db):
    at = page({"data_tab": "nope", "lang": "de"})
    assert not at.warning and at.get("file_uploader")
    assert not [w for w in at.selectbox if w.key in ("data_ds", "data_tpl")]


def test_admin_password_from_secrets(page_db):
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60)
    at.secrets["admin_password"] = "aus-secrets"
    at.run()
    assert not at.exception and not at.get("file_uploader")
    at.text_input(key="data_pw").set_value("aus-secrets").run()
    at.button(key="data_unlock").click().run()
    assert at.get("file_uploader")


def test_a_dataset_imported_by_the_cli_is_prepared_when_first_opened(tmp_path, monkeypatch):
    from lib.cli import main

    path = tmp_path / "cli.duckdb"
    assert main(["import", "--db", str(path), "--dataset", "erp", "--transactions",
                 str(CORPUS / "de_cp1252_semicolon.csv"), "--customers", str(CORPUS / "customers_de.csv")]) == 0
    con = db.connect(path)
    ds = db.dataset_id(con, "erp")
    assert not derived.is_built(con, ds)
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "pages" / "lifecycle.py"), default_timeout=60)
    at.query_params.update({"lang": "de"})
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    con = db.connect(path)
    try:
        assert derived.is_built(con, ds)
        assert db.scalar(con, "SELECT count(*) FROM lifecycle_customers WHERE dataset_id = ?", [ds]) == 3
    finally:
        con.close()


def test_serving_the_network_without_a_password_is_warned_about(page_db, monkeypatch):
    from streamlit import config

    monkeypatch.delenv("LIFECYCLE_ADMIN_PASSWORD", raising=False)
    before = config.get_option("server.address")
    try:
        config.set_option("server.address", "localhost")
        assert not any("without an admin password" in w.value for w in page().warning)
        config.set_option("server.address", "0.0.0.0")
        assert any("served on the network without an admin password" in w.value for w in page().warning)
        monkeypatch.setenv("LIFECYCLE_ADMIN_PASSWORD", "geheim")
        assert not any("without an admin password" in w.value for w in page().warning)
    finally:
        config.set_option("server.address", before)


def test_make_run_warns_at_start_when_serving_beyond_localhost(tmp_path):
    from lib import access

    assert access.configured_password({}, tmp_path / "none.toml") is None
    (tmp_path / "s.toml").write_text('admin_password = "x"\n', encoding="utf-8")
    assert access.configured_password({}, tmp_path / "s.toml") == "x"
    assert access.configured_password({"LIFECYCLE_ADMIN_PASSWORD": "y"}, tmp_path / "s.toml") == "y"
    assert access.exposure_warning(None, None).startswith("warning: the app is served on every network interface")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ADDRESS ?= $(or $(STREAMLIT_SERVER_ADDRESS),localhost)" in makefile
    assert "-m lib.access --address $(ADDRESS)" in makefile and "-m lib serve --port $(PORT) --address $(ADDRESS)" in makefile


def imported_with_warm_up(tmp_path, monkeypatch, files: list[tuple[str, bytes]], name: str,
                          lang: str = "en") -> AppTest:
    """The Data page after importing ``files`` as ``name`` into an empty database of its own, with
    warm-ups on (the app's default; the suite turns them off); the database is released after."""
    from lib.loaders import release, warm

    monkeypatch.setenv(warm.ENABLED_ENV, "1")
    monkeypatch.setattr(warm, "_runs", {})
    path = tmp_path / "page.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.delenv("LIFECYCLE_ADMIN_PASSWORD", raising=False)
    monkeypatch.chdir(ROOT)
    at = page({"lang": lang})
    at.file_uploader(key="data_files").set_value([(n, data, "text/csv") for n, data in files])
    at.run()
    at.text_input(key="data_name").set_value(name).run()
    at.button(key="data_go").click()
    at.run(timeout=300)
    release(str(path))
    return at


def test_the_import_ends_with_every_pages_first_view_computed_and_stored(tmp_path, monkeypatch):
    """With warm-ups on, an import on the data page goes on until the new dataset's default views
    are stored (lib/loaders/warm.py), and says so: nobody who opens a page after an import waits
    for its first computation. In German, with the seconds in German notation."""
    from lib import results
    from lib.loaders import warm

    monkeypatch.setattr(results, "MIN_SECONDS", 0.0)   # the small dataset computes quickly: store everything
    monkeypatch.delenv(results.ENABLED_ENV, raising=False)
    held = []   # whether the import's result was kept in the session before the warm-up began
    real_start = warm.start

    def noting_start(key, **kw):
        import streamlit as st
        held.append("data_result" in st.session_state and st.session_state["data_result"]["ok"])
        return real_start(key, **kw)

    monkeypatch.setattr(warm, "start", noting_start)
    source = tmp_path / "source.duckdb"
    con = db.connect(source)
    demo.generate(con, "d", customers=300, seed=5)
    csv = tmp_path / "umsaetze.csv"
    con.execute(f"COPY (SELECT customer_id, date, amount, order_id FROM transactions) TO '{csv}' (HEADER)")
    con.close()
    at = imported_with_warm_up(tmp_path, monkeypatch, [("umsaetze.csv", csv.read_bytes())], "shop", "de")
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    assert at.success[0].value.startswith("In „shop“ importiert")
    views = [c.value for c in at.caption if c.value.startswith("Die erste Ansicht jeder Seite")]
    assert len(views) == 1 and re.search(r"\(\d+,\d s\)", views[0]), views
    assert held == [True]   # a reader who leaves during the warm-up finds the import's result
    con = db.connect(tmp_path / "page.duckdb", read_only=True)
    try:
        ds = db.dataset_id(con, "shop")
        stored = {r[0] for r in con.execute("SELECT loader FROM stored_results WHERE dataset_id = ?", [ds]).fetchall()}
    finally:
        con.close()
    assert {"lib.loaders.overview.kpis", "lib.loaders.risk.assessment", "lib.loaders.value.clv_model",
            "lib.loaders.recovery.loyalty"} <= stored


CORPUS_FILE = "de_cp1252_semicolon.csv"


def test_an_import_says_which_share_of_the_first_views_it_could_not_compute(tmp_path, monkeypatch):
    """A first view that cannot be computed now (logged on the server) is no reason to fail the
    import: the page says how many of them the pages will compute when opened."""
    from lib.loaders import warm

    real = warm.first_screen
    monkeypatch.setattr(warm, "first_screen",
                        lambda key, as_of, page: (_ for _ in ()).throw(ValueError("no")) if page == "risk"
                        else real(key, as_of, page))
    at = imported_with_warm_up(tmp_path, monkeypatch, [(CORPUS_FILE, (CORPUS / CORPUS_FILE).read_bytes())], "erp")
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert "One of the 18 first views could not be computed now; its page computes it when opened." in captions
    assert not any(c.startswith("Every page's first view") for c in captions)


def test_without_stored_results_the_import_does_not_promise_them_after_a_restart(tmp_path, monkeypatch):
    from lib import results

    monkeypatch.setenv(results.ENABLED_ENV, "0")
    at = imported_with_warm_up(tmp_path, monkeypatch, [(CORPUS_FILE, (CORPUS / CORPUS_FILE).read_bytes())], "erp")
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Every page's first view was computed (") and "a restart computes them again" in c
               for c in captions), captions
    assert not any("stored in the database file" in c for c in captions)
