"""Import: header and table guessing, formats, the fast path agreeing with the diagnosis,
templates, the command line, and atomicity (kill -9, concurrent imports and readers). The
datasets chores (list, rename, delete) are the store's: tests/test_db.py."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from lib import access, db, derived, export, importing
from lib.importing import contract, formats, run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "import"


@pytest.fixture(autouse=True)
def _quick_derived(request, monkeypatch):
    """The derived tables are lib.derived's to test (and take seconds for long date spans);
    imports here build none unless a test asks for ``real_derived``."""
    if "real_derived" not in request.fixturenames:
        monkeypatch.setattr("lib.derived.build", lambda con, ds: None)


@pytest.fixture
def real_derived():
    """Build every derived table, as the app does."""


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The command line in a fresh process (for what must cross a process boundary)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def run_cli(capsys, *args: str) -> subprocess.CompletedProcess:
    """The command line in this process: exit code, stdout and stderr as a user sees them."""
    from lib.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- guessing ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("table,header,column", [
    ("transactions", "Kundennummer", "customer_id"), ("transactions", "Kunden-Nr.", "customer_id"),
    ("transactions", "Debitor", "customer_id"), ("transactions", "Datum", "date"),
    ("transactions", "Belegdatum", "date"), ("transactions", "Rechnungsdatum", "date"),
    ("transactions", "Betrag", "amount"), ("transactions", "Umsatz", "amount"), ("transactions", "Netto", "amount"),
    ("invoices", "Fälligkeit", "due_date"), ("churn", "Grund", "reason"), ("churn", "Kündigungsgrund", "reason"),
    ("transactions", "Customer No.", "customer_id"), ("transactions", "Order Date", "date"),
    ("transactions", "Net Amount", "amount"), ("customers", "Kundenbetreuer", "account_manager"),
    ("surveys", "NPS", "nps"), ("winback", "Maßnahme", "measure"), ("events", "Richtung", "direction"),
])
def test_german_and_english_headers(table, header, column):
    others = {"customer_id": "Kunde", "date": "Datum"}
    headers = [header] + [h for c, h in others.items() if c != column]
    assert importing.guess_mapping(table, headers).get(column) == 0


@pytest.mark.parametrize("headers,name,table", [
    (["Kundennummer", "Belegdatum", "Umsatz"], "export.csv", "transactions"),
    (["Kundennummer", "Firma", "Kundensegment", "Gebiet"], "export.csv", "customers"),
    (["Kunde", "Datum", "Art", "Richtung", "Notiz"], "export.csv", "events"),
    (["Debitor", "Rechnungsdatum", "Fälligkeit", "Betrag"], "export.csv", "invoices"),
    (["Kundennummer", "Kündigungsdatum", "Kündigungsgrund"], "export.csv", "churn"),
    (["customer_id", "date", "campaign", "measure", "group", "cost"], "x.csv", "winback"),
    (["customer_id", "date", "nps"], "x.csv", "surveys"),
    (["Kunde", "Datum"], "kuendigungen_2025.csv", "churn"),  # the file name decides a tie
])
def test_table_is_guessed_from_headers_and_file_name(headers, name, table):
    assert importing.guess_table(headers, name) == table


def test_mapping_overrides_and_unknown_headers():
    headers = ["Kunde", "Datum", "Brutto", "Netto"]
    assert importing.apply_map("transactions", headers, {})["amount"] == 3
    assert importing.apply_map("transactions", headers, {"amount": "brutto"})["amount"] == 2
    assert "order_id" not in importing.apply_map("transactions", headers + ["Beleg"], {"order_id": None})
    with pytest.raises(importing.ImportProblem) as exc:
        importing.apply_map("transactions", headers, {"amount": "Umsatz"})
    assert "Kunde, Datum, Brutto, Netto" in exc.value.message()


@pytest.mark.parametrize("values,delimiter,expected", [
    (["1.234,56", "12,5"], ";", (",", ".")), (["1,234.56", "3.5"], ",", (".", ",")),
    (["1 234,50", "7,25"], ";", (",", " ")), (["1'234.50", "3.10"], ",", (".", "'")),
    (["12", "-7"], ";", (",", "")), (["12", "-7"], ",", (".", "")), (["12,50-"], ";", (",", "")),
])
def test_number_formats(values, delimiter, expected):
    assert formats.number_format(values, delimiter) == expected


@pytest.mark.parametrize("values,expected", [
    (["2025-01-31"], "iso"), (["31.01.2025"], "dmy"), (["31.01.25"], "dmy2"), (["20250131"], "ymd"),
    (["31.01.2025 08:00:00"], "dmy"), (["31/01/2025"], "dmy_slash"), (["01/31/2025"], "mdy_slash"),
    (["yesterday"], None),
])
def test_date_formats(values, expected):
    assert formats.date_format_of(values) == expected


def test_encodings_and_refusals(tmp_path):
    text = "Kunde;Betrag\nMüller;1,5\n"
    for enc, expected in (("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("cp1252", "cp1252")):
        assert formats.probe(write(tmp_path / f"{enc}.csv", text, enc), "x.csv").encoding == expected
    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    for name, code in (("x.xls", "xls"), ("x.pdf", "pdf")):
        with pytest.raises(formats.FileProblem) as exc:
            formats.probe(tmp_path / name, name)
        assert exc.value.code == code


# --- the fast path and the diagnosis agree --------------------------------------------------------------

VALID_FILES = ["de_cp1252_semicolon.csv", "bom_crlf.csv", "negative_amounts.csv", "tricky_ids.csv", "utf16_tab.txt",
               "pipe_dmy2_latin1.csv", "dates_ymd.csv", "dates_with_time.csv", "two_sheets.xlsx", "typed.parquet"]


def _stored(con, name):
    ds = db.dataset_id(con, name)
    return con.execute("SELECT * EXCLUDE (dataset_id) FROM transactions WHERE dataset_id = ? ORDER BY rowid",
                       [ds]).fetchall()


@pytest.mark.parametrize("name", VALID_FILES)
def test_fast_path_and_diagnosis_store_the_same_rows(name, tmp_path, monkeypatch):
    con = db.connect(":memory:")
    part = importing.open_part(CORPUS / name, name, tmp_path, table="transactions")
    fast = importing.run_import(con, importing.Plan("fast", [part]), tmp_path)
    monkeypatch.setattr(run, "_fast", lambda *a: False)
    slow = importing.run_import(con, importing.Plan("slow", [part]), tmp_path)
    assert fast.ok and slow.ok
    assert fast.path == "fast" and slow.path == "diagnosed"
    assert _stored(con, "fast") == _stored(con, "slow")


AMOUNTS = [  # (cell, stored value or None: refused) -- the shortcut for plain numbers must agree with the pattern
    ("22.78", "22.78"), ("22.7", "22.70"), ("-0.50", "-0.50"), ("-0.00", "0.00"), ("+5", "5.00"), ("5.", "5.00"),
    (".5", "0.50"), ("007.10", "7.10"), ("12.340", "12.34"), ("12.50-", "-12.50"), (" 3.25 ", "3.25"),
    ("9999999999999999.99", "9999999999999999.99"), ("12.345", None), ("1e5", None), ("0x10", None),
    ("1_000", None), ("inf", None), ("NaN", None), ("10000000000000000", None), ("1.2.3", None), ("--5", None),
]


@pytest.mark.parametrize("cell,expected", AMOUNTS)
def test_amounts_are_read_alike_on_both_paths(cell, expected, tmp_path, monkeypatch):
    path = write(tmp_path / "a.csv", f"customer_id,date,amount\nK1,2025-01-02,\"{cell}\"\n")
    part = importing.open_part(path, "a.csv", tmp_path, table="transactions",
                               settings={"decimal": ".", "thousands": ""})
    con = db.connect(":memory:")
    fast = importing.run_import(con, importing.Plan("fast", [part]), tmp_path)
    monkeypatch.setattr(run, "_fast", lambda *a: False)
    slow = importing.run_import(con, importing.Plan("slow", [part]), tmp_path)
    for outcome in (fast, slow):
        assert outcome.ok == (expected is not None), (cell, outcome.report())
    if expected is not None:
        assert fast.path == "fast"
        got = con.execute("SELECT CAST(amount AS VARCHAR) FROM transactions ORDER BY dataset_id").fetchall()
        assert got == [(expected,), (expected,)]
    else:
        assert slow.problems[0].column == "amount", slow.report()
        assert slow.problems[0].code in ("bad_number", "exponent", "too_many_decimals", "not_finite", "out_of_range"), slow.report()


@pytest.mark.parametrize("cell,expected", [("3", 3), ("-3", -3), ("3.0", 3), ("+7", 7), ("3.5", None), ("1e2", None),
                                           ("2147483648", None), ("99999999999999999999", None),
                                           ("2147483647", 2147483647), ("-2147483647", -2147483647),
                                           ("-2147483648", None), ("007", 7), ("-0", 0), (" 4 ", 4)])
def test_quantities_are_read_alike_on_both_paths(cell, expected, tmp_path, monkeypatch):
    path = write(tmp_path / "q.csv", f"customer_id,date,amount,quantity\nK1,2025-01-02,1.00,{cell}\n")
    part = importing.open_part(path, "q.csv", tmp_path, table="transactions")
    con = db.connect(":memory:")
    fast = importing.run_import(con, importing.Plan("fast", [part]), tmp_path)
    monkeypatch.setattr(run, "_fast", lambda *a: False)
    slow = importing.run_import(con, importing.Plan("slow", [part]), tmp_path)
    assert fast.ok == slow.ok == (expected is not None), (cell, fast.report(), slow.report())
    if expected is not None:
        assert con.execute("SELECT quantity FROM transactions").fetchall() == [(expected,), (expected,)]


@pytest.mark.parametrize("late,path", [("2024-03-01 10:30", "diagnosed"), ("2024-03-01", "fast"),
                                       ("2024-3-1", "fast"), ("01.03.2024", "bad_date"),
                                       ("2024-02-30", "impossible_date")])
def test_dates_the_csv_reader_parses_itself_match_the_text_route(late, path, tmp_path, monkeypatch):
    """The sample (first 1,000 rows) has plain ISO dates, so the fast path lets DuckDB's reader
    parse them; a different cell further down sends the file to the diagnosis, which reads it
    as text (a time or the ISO fallback) or reports it."""
    rows = [f"K{i % 7},2024-02-{1 + i % 28:02d},{i % 50}.25" for i in range(1200)]
    rows[1100] = f"K1,{late},3.00"
    path_csv = write(tmp_path / "late.csv", "customer_id,date,amount\n" + "\n".join(rows) + "\n")
    part = importing.open_part(path_csv, "late.csv", tmp_path, table="transactions")
    assert run._typed_dates(part) == [1]
    con = db.connect(":memory:")
    out = importing.run_import(con, importing.Plan("typed", [part]), tmp_path)
    monkeypatch.setattr(run, "_typed_dates", lambda p: [])
    text = importing.run_import(con, importing.Plan("text", [part]), tmp_path)
    if path not in ("fast", "diagnosed"):
        assert not out.ok and not text.ok and out.problems == text.problems
        assert out.problems[0].line == 1102 and out.problems[0].code == path
        return
    assert out.ok and text.ok and out.path == path and text.path == "fast"
    assert _stored(con, "typed") == _stored(con, "text")
    assert _stored(con, "typed")[1100][1] == date(2024, 3, 1)


def test_exclusive_import_stores_the_same_rows_and_restores_the_order_setting(tmp_path):
    big = tmp_path / "big.csv"
    duckdb.connect().execute(
        "COPY (SELECT 'K' || (i % 997) AS customer_id, DATE '2024-01-01' + CAST(i % 700 AS INTEGER) AS date, "
        "(i % 1000) / 10.0 AS amount, 'O' || i AS order_id FROM range(300000) t(i)) TO ?", [str(big)])
    con = db.connect(tmp_path / "x.duckdb")
    part = importing.open_part(big, "big.csv", tmp_path, table="transactions")
    for name, exclusive in (("ordered", False), ("any", True)):
        out = importing.run_import(con, importing.Plan(name, [part]), tmp_path, exclusive=exclusive, prepare=False)
        assert out.ok and out.path == "fast" and out.checkpointed
        assert db.scalar(con, "SELECT current_setting('preserve_insertion_order')") is True
    rows = {name: con.execute("SELECT * EXCLUDE (dataset_id) FROM transactions WHERE dataset_id = ? ORDER BY ALL",
                              [db.dataset_id(con, name)]).fetchall() for name in ("ordered", "any")}
    assert len(rows["any"]) == 300000 and rows["any"] == rows["ordered"]
    # a refused exclusive import restores the setting too, and the diagnosis still numbers the lines
    bad = write(tmp_path / "bad.csv", "customer_id,date,amount,order_id\nK1,2025-01-02,1.00,A\nK2,2025-01-03,2.00,A\n")
    out = importing.run_import(con, importing.Plan("bad", [importing.open_part(bad, "bad.csv", tmp_path)]), tmp_path,
                               exclusive=True)
    assert not out.ok and out.path == "diagnosed" and out.problems[0].line == 3
    assert db.scalar(con, "SELECT current_setting('preserve_insertion_order')") is True


def test_cli_import_leaves_the_derived_tables_to_the_first_use_or_prepare(tmp_path, capsys, real_derived):
    dbfile = tmp_path / "x.duckdb"
    r = run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "later", "--transactions", str(CORPUS / "bom_crlf.csv"),
                "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["prepared"] is False
    r = run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "now", "--transactions", str(CORPUS / "bom_crlf.csv"),
                "--prepare")
    assert r.returncode == 0 and "summary tables" not in r.stdout
    con = db.connect(dbfile)
    later, now = db.dataset_id(con, "later"), db.dataset_id(con, "now")
    assert derived.is_built(con, now) and not derived.is_built(con, later)
    assert db.scalar(con, "SELECT count(*) FROM customer_days WHERE dataset_id = ?", [later]) == 0
    assert derived.ensure(con, later) and derived.is_built(con, later)
    same = "SELECT * EXCLUDE (dataset_id) FROM {} WHERE dataset_id = ? ORDER BY ALL"
    for table in ("customer_days", "lifecycle_days", "lifecycle_months"):
        assert con.execute(same.format(table), [later]).fetchall() == con.execute(same.format(table), [now]).fetchall()
    con.close()


# --- templates, password, safe export of rejected rows -----------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("table", list(contract.TABLES))
def test_templates_import_back_in_both_languages(table, lang, tmp_path):
    frame = importing.template(table)
    assert list(frame.columns) == [c.name for c in contract.TABLES[table]]
    path = tmp_path / f"{table}.csv"
    path.write_bytes(export.to_csv(frame, lang))
    part = importing.open_part(path, path.name, tmp_path)
    assert part.table == table and not part.missing_required()
    preview = importing.preview(part)
    assert preview["problems"].tolist() == [""] * len(frame)
    # every column of the contract has an example value in some row
    assert all(frame[c.name].notna().any() for c in contract.TABLES[table])
    for i in range(len(frame)):
        for col in contract.TABLES[table]:
            stored, given = preview[col.name].iloc[i], frame[col.name].iloc[i]
            if given is None or (not isinstance(given, str) and pd.isna(given)):
                assert pd.isna(stored), (col.name, i)
            elif col.kind == "date":
                assert pd.Timestamp(stored).date() == given
            elif col.kind in ("decimal", "int"):
                assert float(stored) == pytest.approx(float(given))
            else:
                assert stored == given


def test_password_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = access.hmac.compare_digest
    monkeypatch.setattr(access.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert access.check_password("geheim", "geheim") and not access.check_password("nope", "geheim")
    assert len(calls) == 2
    assert not access.check_password("anything", None) and not access.check_password("", "")


def test_rejected_rows_export_cannot_start_a_formula(tmp_path):
    path = write(tmp_path / "evil.csv", 'customer_id,date,amount\n"=HYPERLINK(""http://x"")",2025-01-01,x\n'
                                         "+491234,2025-01-02,1\n@SUM(1),2025-01-03,-5\n")
    con = db.connect(":memory:")
    part = importing.open_part(path, "evil.csv", tmp_path)
    outcome = importing.run_import(con, importing.Plan("t", [part], skip_bad_rows=True), tmp_path)
    assert outcome.ok and outcome.rejected_rows == 1
    text = export.to_csv(outcome.rejected, "en").decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert back.loc[0, "customer_id"] == "'=HYPERLINK(\"http://x\")"
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(outcome.rejected, "rejected")))
    cells = [c.value for row in book["rejected"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert cells and not any(v.startswith(export.TRIGGERS) for v in cells)
    # what was imported keeps the formula characters as data
    assert sorted(r[0] for r in con.execute("SELECT customer_id FROM transactions").fetchall()) == ["+491234", "@SUM(1)"]


# --- datasets ------------------------------------------------------------------------------------------

def test_imported_datasets_in_the_store_list_rename_and_delete(tmp_path):
    con = db.connect(":memory:")
    for name in ("a", "b"):
        part = importing.open_part(CORPUS / "bom_crlf.csv", "bom_crlf.csv", tmp_path)
        assert importing.run_import(con, importing.Plan(name, [part]), tmp_path).ok
    ds_a = db.dataset_id(con, "a")
    db.rename_dataset(con, "a", "a renamed")
    assert db.dataset_id(con, "a renamed") == ds_a  # same id: caches stay valid
    frame = db.datasets_frame(con)
    assert frame["name"].tolist() == ["a renamed", "b"]
    assert frame.loc[0, "transactions"] == 2 and frame.loc[0, "source"] == "transactions: bom_crlf.csv"
    assert str(frame.loc[0, "first_date"]) == "2025-01-05" and frame.loc[0, "kind"] == "import"
    db.drop_dataset(con, "b")
    assert db.dataset_names(con) == ["a renamed"]
    assert db.scalar(con, "SELECT count(*) FROM transactions") == 2


def test_new_and_replace_modes(tmp_path):
    con = db.connect(":memory:")
    part = importing.open_part(CORPUS / "bom_crlf.csv", "bom_crlf.csv", tmp_path)
    assert importing.run_import(con, importing.Plan("x", [part], mode="new"), tmp_path).ok
    again = importing.run_import(con, importing.Plan("x", [part], mode="new"), tmp_path)
    assert not again.ok and again.error.code == "exists"
    missing = importing.run_import(con, importing.Plan("y", [part], mode="replace"), tmp_path)
    assert not missing.ok and missing.error.code == "not_exists"
    other = importing.open_part(CORPUS / "negative_amounts.csv", "n.csv", tmp_path)
    assert importing.run_import(con, importing.Plan("x", [other], mode="replace"), tmp_path).ok
    assert db.scalar(con, "SELECT count(*) FROM transactions") == 4  # the old rows are gone


# --- command line ------------------------------------------------------------------------------------

def test_cli_imports_a_german_export_without_map_and_drops_it(tmp_path, capsys):
    dbfile = tmp_path / "x.duckdb"
    r = run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "erp", "--transactions", str(CORPUS / "de_cp1252_semicolon.csv"),
            "--customers", str(CORPUS / "customers_de.csv"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("dataset 'erp': transactions 4, customers 3")
    assert "Kundennummer→customer_id" in r.stdout and "cp1252" in r.stdout
    r = run_cli(capsys, "drop", "--db", str(dbfile), "--dataset", "erp")
    assert r.returncode == 0 and "deleted" in r.stdout
    r = run_cli(capsys, "drop", "--db", str(dbfile), "--dataset", "erp")
    assert r.returncode == 1 and r.stderr.startswith("error: there is no dataset named 'erp'")


def test_cli_bad_data_exit_1_with_report_and_skip_bad_rows(tmp_path, capsys):
    dbfile = tmp_path / "x.duckdb"
    r = cli("import", "--db", str(dbfile), "--dataset", "t", "--transactions", str(CORPUS / "ragged.csv"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines()[0] == "error: nothing was imported into 't'."
    assert "ragged.csv, line 3: “B,2025-01-02” has fewer values than the header has columns" in r.stderr
    r = run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "t", "--transactions", str(CORPUS / "ragged.csv"),
                "--skip-bad-rows", "--rejected", str(tmp_path / "rej.csv"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["counts"] == {"transactions": 2} and out["rejected_rows"] == 2 and out["checkpointed"]
    assert pd.read_csv(tmp_path / "rej.csv")["line"].tolist() == [3, 4]
    r = run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "t", "--transactions", str(CORPUS / "binary.csv"))
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: “binary.csv” is not a table: it holds binary data, not text. Export it as CSV, XLSX or Parquet.")


@pytest.mark.parametrize("args,fragment", [
    (["--dataset", "t"], "--transactions FILE is required"),
    (["--dataset", "t", "--transactions", "nope.csv"], "there is no file nope.csv"),
    (["--dataset", "../x", "--transactions", "a.csv"], "not a valid dataset name"),
    (["--dataset", "t", "--transactions", str(CORPUS / "bom_crlf.csv"), "--map", "transactions.amont=Betrag"],
     "has no column 'amont'"),
    (["--dataset", "t", "--transactions", str(CORPUS / "bom_crlf.csv"), "--map", "nonsense"], "expected TABLE.COLUMN=Header"),
])
def test_cli_usage_errors_exit_2(args, fragment, tmp_path, capsys):
    r = run_cli(capsys, "import", "--db", str(tmp_path / "x.duckdb"), *args)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and fragment in r.stderr


def test_cli_map_and_file_in_use(tmp_path, capsys):
    path = write(tmp_path / "odd.csv", "Wer;Wann;Wieviel\nK1;01.02.2025;3,50\n")
    dbfile = tmp_path / "x.duckdb"
    r = run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "t", "--transactions", str(path),
            "--map", "transactions.customer_id=Wer", "--map", "transactions.date=Wann", "--map", "transactions.amount=Wieviel")
    assert r.returncode == 0, r.stderr
    holder = duckdb.connect(str(dbfile))  # another process holds the file (here: this one)
    try:
        r = cli("import", "--db", str(dbfile), "--dataset", "t", "--transactions", str(CORPUS / "bom_crlf.csv"))
    finally:
        holder.close()
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "in use by another process" in r.stderr


# --- atomicity ---------------------------------------------------------------------------------------------

def _counts(path: Path) -> tuple:
    con = db.connect(path, read_only=True)
    try:
        return (db.dataset_names(con), con.execute("SELECT customer_id, date, amount FROM transactions ORDER BY ALL").fetchall(),
                {t: db.scalar(con, f"SELECT count(*) FROM {t}") for t in db.dataset_tables(con)})
    finally:
        con.close()


def test_kill_9_during_an_import_leaves_the_previous_dataset_intact(tmp_path, capsys, real_derived):
    dbfile = tmp_path / "x.duckdb"
    assert run_cli(capsys, "import", "--db", str(dbfile), "--dataset", "keep", "--transactions",
                   str(CORPUS / "bom_crlf.csv")).returncode == 0
    before = _counts(dbfile)
    big = tmp_path / "big.csv"
    duckdb.connect().execute(
        "COPY (SELECT 'K' || (i % 50000) AS customer_id, DATE '2024-01-01' + CAST(i % 700 AS INTEGER) AS date, "
        "(i % 1000) / 10.0 AS amount, 'O' || i AS order_id FROM range(2000000) t(i)) TO ?", [str(big)])
    size = dbfile.stat().st_size
    proc = subprocess.Popen([sys.executable, "-m", "lib", "import", "--db", str(dbfile), "--dataset", "keep",
                             "--transactions", str(big)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and dbfile.stat().st_size < size + (1 << 20):
        time.sleep(0.02)  # wait until the import is writing rows into the file
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert dbfile.stat().st_size > size  # it had written (uncommitted) data
    assert _counts(dbfile) == before
    r = run_cli(capsys, "datasets", "--db", str(dbfile))
    assert r.returncode == 0 and r.stdout.startswith("keep  [2025-01-05 .. 2025-01-06]")


def test_two_imports_and_readers_at_once_corrupt_nothing(tmp_path):
    dbfile = tmp_path / "x.duckdb"
    shared = db.connect(dbfile)
    part_small = importing.open_part(CORPUS / "bom_crlf.csv", "bom_crlf.csv", tmp_path)
    assert importing.run_import(shared.cursor(), importing.Plan("a", [part_small]), tmp_path).ok
    big = tmp_path / "big.csv"
    duckdb.connect().execute(
        "COPY (SELECT 'K' || (i % 5000) AS customer_id, DATE '2024-01-01' + CAST(i % 700 AS INTEGER) AS date, "
        "(i % 1000) / 10.0 AS amount FROM range(100000) t(i)) TO ?", [str(big)])
    part_big = importing.open_part(big, "big.csv", tmp_path)
    outcomes, seen, stop = {}, [], threading.Event()

    def do(name, part):
        outcomes[name] = importing.run_import(shared.cursor(), importing.Plan(name, [part]), tmp_path)

    def read():
        cur = shared.cursor()
        while not stop.is_set():
            # one statement: the catalogue and the rows it points to, from one snapshot
            rows = cur.execute("SELECT d.name, count(t.dataset_id) FROM datasets d LEFT JOIN transactions t "
                               "ON t.dataset_id = d.id GROUP BY d.name").fetchall()
            seen.append(dict(rows))

    threads = [threading.Thread(target=do, args=("a", part_big)), threading.Thread(target=do, args=("b", part_big)),
               threading.Thread(target=do, args=("a2", part_small))] + [threading.Thread(target=read) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads[:3]:
        th.join()
    stop.set()
    for th in threads[3:]:
        th.join()
    assert all(o.ok for o in outcomes.values()), {k: o.report() for k, o in outcomes.items()}
    # readers saw each dataset either complete before or complete after, never half of it
    assert seen and all(snap.get("a") in (2, 100000) and snap.get("b") in (None, 100000) for snap in seen)
    counts = {i.name: i.counts["transactions"] for i in db.datasets(shared)}
    assert counts == {"a": 100000, "b": 100000, "a2": 2}
    assert db.scalar(shared, "SELECT count(*) FROM transactions") == 200002  # nothing orphaned
    shared.close()
    assert _counts(dbfile)[0] == ["a", "b", "a2"] or sorted(_counts(dbfile)[0]) == ["a", "a2", "b"]


def test_concurrent_replacements_of_one_dataset_end_with_one_of_them(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    first = importing.open_part(CORPUS / "bom_crlf.csv", "bom_crlf.csv", tmp_path)
    assert importing.run_import(con, importing.Plan("x", [first]), tmp_path).ok
    parts = [importing.open_part(CORPUS / n, n, tmp_path) for n in ("negative_amounts.csv", "dates_with_time.csv")]
    outcomes = []
    threads = [threading.Thread(target=lambda p=p: outcomes.append(
        importing.run_import(con.cursor(), importing.Plan("x", [p]), tmp_path))) for p in parts]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert any(o.ok for o in outcomes)
    assert all(o.ok or o.error.code == "conflict" for o in outcomes)
    n = db.scalar(con, "SELECT count(*) FROM transactions")
    assert db.dataset_names(con) == ["x"] and n in (3, 4)
    assert n == db.datasets(con)[0].counts["transactions"]


def test_cli_rejected_rows_file_is_formula_safe(tmp_path, capsys):
    src = tmp_path / "hostile.csv"
    src.write_text("customer_id,date,amount\nK1,2025-01-01,10.00\n=HYPERLINK(\"http://x\"),2025-01-02,abc\n"
                   "@SUM(A1),2025-01-03,zz\n", encoding="utf-8")
    rej = tmp_path / "rej.csv"
    r = run_cli(capsys, "import", "--db", str(tmp_path / "x.duckdb"), "--dataset", "t", "--transactions", str(src),
                "--skip-bad-rows", "--rejected", str(rej), "--json")
    assert r.returncode == 0, r.stderr
    text = rej.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3
    cells = [c for row in rows for c in row]
    assert not any(c.startswith(export.TRIGGERS) for c in cells)
    assert any(c == "'=HYPERLINK(\"http://x\")" for c in cells) and any(c == "'@SUM(A1)" for c in cells)
