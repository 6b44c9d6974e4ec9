"""The import corpus (tests/data/import, made by make_corpus.py): every messy-but-valid file is
stored exactly as expected, every bad file gets exactly its expected problems or sentence, and a
refused import never changes the stored dataset."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from lib import db, importing
from lib.i18n import t
from lib.importing import encodings, formats

CORPUS = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture
def workdir(tmp_path):
    return tmp_path


@pytest.fixture(autouse=True)
def _quick_derived(request, monkeypatch):
    """The derived tables are lib.derived's to test (and take seconds for long date spans);
    imports here build none unless a test asks for ``real_derived``."""
    if "real_derived" not in request.fixturenames:
        monkeypatch.setattr("lib.derived.build", lambda con, ds: None)


@pytest.fixture
def real_derived():
    """Build every derived table, as the app does."""


def open_parts(files: dict[str, str | list[str]], workdir, settings=None):
    parts = []
    for table, names in files.items():
        for name in [names] if isinstance(names, str) else names:
            parts.append(importing.open_part(CORPUS / name, name, workdir, table=table, settings=settings))
    return parts


def do_import(files, workdir, con=None, name="t", skip=False, settings=None):
    con = con or db.connect(":memory:")
    outcome = importing.run_import(con, importing.Plan(name, open_parts(files, workdir, settings), skip), workdir)
    return outcome, con


def rows(con, table, dataset="t"):
    ds = db.dataset_id(con, dataset)
    cols = [c.name for c in importing.TABLES[table]]
    quoted = ", ".join(f'"{c}"' for c in cols)
    return con.execute(f"SELECT {quoted} FROM {table} WHERE dataset_id = ? ORDER BY rowid", [ds]).fetchall()


# --- messy but valid ---------------------------------------------------------------------------------

VALID = {
    "de_cp1252_semicolon.csv": [
        ("0004711", date(2024, 12, 31), D("1234.56"), "RE-1", 2, "Zubehör", "Außendienst"),
        ("0004711", date(2025, 1, 2), D("-12.50"), "RE-2", -1, "Zubehör", "Außendienst"),
        ("K-0815", date(2025, 3, 15), D("99.90"), "RE-3", 1, "Verbrauchsmaterial", "online"),
        ("K-0815", date(2025, 3, 15), D("1000000.00"), "RE-4", None, "Großgeräte", None),
    ],
    "bom_crlf.csv": [
        ("C1", date(2025, 1, 5), D("10.00"), "O1", None, None, None),
        ("C2", date(2025, 1, 6), D("20.50"), "O2", None, None, None),
    ],
    "negative_amounts.csv": [
        ("A", date(2025, 2, 1), D("100.00"), None, 2, None, None),
        ("A", date(2025, 2, 3), D("-100.00"), None, -2, None, None),
        ("B", date(2025, 2, 4), D("-25.00"), None, -1, None, None),
        ("B", date(2025, 2, 5), D("0.00"), None, 0, None, None),
    ],
    "tricky_ids.csv": [
        ('K"1', date(2025, 3, 1), D("1.00"), "A,1", None, "Kabel, 3 m", None),
        ("'; DROP TABLE transactions; --", date(2025, 3, 2), D("2.00"), "A2", None, "zwei\nZeilen", None),
        ('=HYPERLINK("http://x","y")', date(2025, 3, 3), D("3.00"), "A3", None, "+49 30 1234", None),
        ("@SUM(A1)", date(2025, 3, 4), D("4.00"), "A4", None, "-2+3", None),
        ("000123", date(2025, 3, 5), D("5.00"), "A5", None, "Müller & Söhne", None),
    ],
    "utf16_tab.txt": [
        ("Ü1", date(2025, 4, 1), D("7.50"), None, None, None, None),
        ("Ü2", date(2025, 4, 2), D("8.25"), None, None, None, None),
    ],
    "pipe_dmy2_latin1.csv": [  # two-digit years: 99 is 1999, not 2099
        ("Straße 1", date(2024, 6, 5), D("12.00"), None, None, None, None),
        ("Straße 2", date(1999, 12, 31), D("13.00"), None, None, None, None),
    ],
    "dates_ymd.csv": [
        ("X1", date(2025, 1, 7), D("1.00"), None, None, None, None),
        ("X2", date(2025, 1, 8), D("2.00"), None, None, None, None),
    ],
    "dates_with_time.csv": [
        ("T1", date(2025, 5, 1), D("1.00"), None, None, None, None),
        ("T2", date(2025, 5, 2), D("2.00"), None, None, None, None),
        ("T3", date(2025, 5, 3), D("3.00"), None, None, None, None),
    ],
    "two_sheets.xlsx": [  # the sheet with the transactions is picked; numbers as ids lose no digits
        ("1001", date(2025, 1, 2), D("19.99"), "B1", None, None, None),
        ("1002", date(2025, 1, 3), D("5.00"), "B2", None, None, None),
    ],
    "xlsx_named.csv": [("Z1", date(2025, 2, 2), D("1.50"), None, None, None, None)],
    "typed.parquet": [
        ("P1", date(2025, 7, 1), D("10.25"), None, 1, None, None),
        ("P2", date(2025, 7, 2), D("-3.00"), None, -1, None, None),
    ],
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_messy_but_valid_files_are_stored_exactly(name, workdir):
    outcome, con = do_import({"transactions": name}, workdir)
    assert outcome.ok, outcome.report()
    assert outcome.problems == [] and outcome.total_problems == 0
    assert rows(con, "transactions") == VALID[name]


def test_detected_settings(workdir):
    de = importing.open_part(CORPUS / "de_cp1252_semicolon.csv", "x.csv", workdir)
    assert (de.table, de.settings.encoding, de.settings.delimiter, de.settings.decimal, de.settings.thousands,
            de.settings.date_format) == ("transactions", "cp1252", ";", ",", ".", "dmy")
    assert de.mapping == {"customer_id": 0, "date": 1, "amount": 2, "order_id": 3, "quantity": 4, "product": 5,
                          "channel": 6}
    utf16 = importing.open_part(CORPUS / "utf16_tab.txt", "x.txt", workdir)
    assert (utf16.settings.encoding, utf16.settings.delimiter) == ("utf-16", "\t")
    book = importing.open_part(CORPUS / "two_sheets.xlsx", "x.xlsx", workdir)
    assert book.kind == "xlsx" and book.sheets == ("Hinweise", "Umsätze") and book.settings.sheet == "Umsätze"
    renamed = importing.open_part(CORPUS / "xlsx_named.csv", "xlsx_named.csv", workdir)
    assert renamed.kind == "xlsx" and renamed.notice == "mislabelled_xlsx"


def test_sheet_can_be_chosen_and_an_unknown_one_is_named(workdir):
    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(CORPUS / "two_sheets.xlsx", "b.xlsx", workdir, settings={"sheet": "Nope"})
    assert exc.value.code == "no_sheet" and exc.value.params["sheets"] == "Hinweise, Umsätze"
    with pytest.raises(formats.FileProblem) as exc:  # the notes sheet has one line of text
        importing.open_part(CORPUS / "two_sheets.xlsx", "b.xlsx", workdir, settings={"sheet": "Hinweise"})
    assert exc.value.code == "header_only"
    chosen = importing.open_part(CORPUS / "two_sheets.xlsx", "b.xlsx", workdir, settings={"sheet": "Umsätze"})
    assert chosen.label == "b.xlsx [Umsätze]" and not chosen.missing_required()


def test_all_seven_tables_from_german_exports(workdir, real_derived):
    outcome, con = do_import({
        "transactions": "de_cp1252_semicolon.csv", "customers": "customers_de.csv", "events": "events_de.csv",
        "invoices": "invoices_de.csv", "churn": "churn_de.csv", "winback": "winback.csv", "surveys": "surveys.csv",
    }, workdir)
    assert outcome.ok, outcome.report()
    assert outcome.counts == {"transactions": 4, "customers": 3, "events": 3, "invoices": 2, "churn": 2,
                              "winback": 2, "surveys": 2}
    assert rows(con, "customers")[1] == ("K-0815", "Anna Schmidt", "B2C Standard", "Nord", "Empfehlung",
                                         date(2024, 2, 1), None)
    assert [r[2:4] for r in rows(con, "events")] == [("complaint", "inbound"), ("contact", "outbound"),
                                                     ("competitor_mention", "inbound")]
    # an open invoice may fall due in the future
    assert rows(con, "invoices")[1] == ("0004711", date(2025, 1, 31), date(2099, 3, 2), D("100.00"), None, "R2")
    # known reasons in German become the code, others are kept as written
    assert [r[2:] for r in rows(con, "churn")] == [("price", "cancellation"), ("zu kompliziert", "silent")]
    assert [r[3:] for r in rows(con, "winback")] == [("discount", "control", D("0.00")),
                                                     ("personal_call", "treatment", D("18.00"))]
    assert rows(con, "surveys") == [("0004711", date(2025, 6, 20), 4, 5, 8), ("K-0815", date(2025, 6, 21), None, 1, 0)]
    info = {i.name: i for i in db.datasets(con)}["t"]
    assert info.kind == "import" and "customers: customers_de.csv" in info.source


# --- bad files: exact problems -------------------------------------------------------------------------

BAD = {
    # file: [(line, column, code), ...] in report order
    "non_numeric.csv": [(3, "amount", "bad_number")],
    "impossible_date.csv": [(3, "date", "impossible_date")],
    "missing_id.csv": [(3, "customer_id", "missing"), (4, "customer_id", "missing")],
    "ragged.csv": [(3, None, "missing_columns"), (4, None, "too_many_columns")],
    "inf_nan.csv": [(2, "amount", "not_finite"), (3, "amount", "not_finite"), (4, "amount", "not_finite")],
    "bad_dates.csv": [(2, "date", "date_too_early"), (3, "date", "date_future"), (4, "date", "bad_date")],
    "duplicate_order.csv": [(4, "order_id", "duplicate")],
    "too_many_decimals.csv": [(2, "amount", "too_many_decimals"), (3, "quantity", "not_whole")],
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_report_line_column_and_value(name, workdir):
    outcome, con = do_import({"transactions": name}, workdir)
    assert not outcome.ok
    assert [(p.line, p.column, p.code) for p in outcome.problems] == BAD[name]
    assert outcome.total_problems == len(BAD[name])
    assert all(p.file == name and p.message() for p in outcome.problems)
    assert db.dataset_names(con) == []  # strict: nothing imported
    assert db.scalar(con, "SELECT count(*) FROM transactions") == 0


def test_report_sentences_name_file_line_column_and_value(workdir):
    outcome, _ = do_import({"transactions": "non_numeric.csv"}, workdir)
    assert outcome.problems[0].message() == (
        "non_numeric.csv, line 3, transactions.amount: “12,3x” is not a number (expected e.g. 1.234,56)")
    assert outcome.problems[0].message("de").startswith("non_numeric.csv, Zeile 3, transactions.amount: “12,3x” ist keine Zahl")
    dup, _ = do_import({"transactions": "duplicate_order.csv"}, workdir)
    assert "first in line 2" in dup.problems[0].message()


def test_enumerations_ranges_and_references(workdir):
    events, _ = do_import({"transactions": "tx_for_refs.csv", "events": "bad_enums_events.csv"}, workdir)
    assert [(p.line, p.column, p.code, p.value) for p in events.problems] == [
        (3, "type", "bad_value", "Telefon"), (3, "direction", "bad_value", "rein")]
    assert "complaint, contact, dispute" in events.problems[0].message()
    surveys, _ = do_import({"transactions": "tx_for_refs.csv", "surveys": "bad_surveys.csv"}, workdir)
    assert [(p.line, p.column, p.code) for p in surveys.problems] == [
        (2, "sale_satisfaction", "out_of_range"), (2, "aftersales_satisfaction", "out_of_range"), (2, "nps", "out_of_range")]
    assert "0–10" in surveys.problems[2].message()
    refs, _ = do_import({"transactions": "tx_for_refs.csv", "churn": "unknown_customer_churn.csv"}, workdir)
    assert [(p.file, p.line, p.column, p.code, p.value) for p in refs.problems] == [
        ("unknown_customer_churn.csv", 3, "customer_id", "unknown_customer", "NOBODY")]


@pytest.mark.parametrize("name,code", [
    ("empty.csv", "empty"), ("header_only.csv", "header_only"), ("binary.csv", "binary"),
])
def test_unreadable_files_get_their_own_sentence(name, code, workdir):
    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(CORPUS / name, name, workdir)
    assert exc.value.code == code
    text = t(f"data.file.{code}", "en", **exc.value.params)
    assert name in text and "{" not in text


def test_missing_column_is_refused_with_the_columns_found(workdir):
    outcome, _ = do_import({"transactions": "missing_column.csv"}, workdir)
    assert not outcome.ok and outcome.error.code == "missing_column"
    assert "amount" in outcome.error.message() and "customer_id, date" in outcome.error.message()


def test_skip_bad_rows_imports_the_rest_and_returns_rejected_rows_with_reasons(workdir):
    outcome, con = do_import({"transactions": ["ragged.csv", "non_numeric.csv"]}, workdir, skip=True)
    assert outcome.ok and outcome.counts == {"transactions": 4}
    assert outcome.rejected_rows == 3 and outcome.total_problems == 3
    rejected = outcome.rejected
    assert list(rejected.columns[:3]) == ["file", "line", "reason"]
    assert rejected[["file", "line"]].values.tolist() == [["non_numeric.csv", 3], ["ragged.csv", 3], ["ragged.csv", 4]]
    assert rejected.loc[0, "amount"] == "12,3x" and rejected.loc[0, "reason"].startswith("amount: is not a number")
    assert rejected.loc[2, "customer_id"] == "C"
    assert sorted(r[0] for r in rows(con, "transactions")) == ["A", "A", "C", "D"]


def test_a_refused_import_never_changes_the_stored_dataset(workdir):
    ok, con = do_import({"transactions": "bom_crlf.csv"}, workdir)
    before = rows(con, "transactions")
    for bad in ("non_numeric.csv", "ragged.csv", "duplicate_order.csv"):
        refused, _ = do_import({"transactions": bad}, workdir, con=con)
        assert not refused.ok
        assert rows(con, "transactions") == before
    total = db.scalar(con, "SELECT count(*) FROM transactions")
    assert total == len(before)  # no rows of refused imports left behind


# --- mixed encodings -----------------------------------------------------------------------------------

def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_the_lines(workdir):
    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(CORPUS / "mixed_encoding.csv", "mixed_encoding.csv", workdir)
    assert exc.value.code == "mixed_encoding"
    assert exc.value.params["utf8_lines"] == "2, 4" and exc.value.params["other_lines"] == "3, 5"
    text = t("data.file.mixed_encoding", "en", **exc.value.params)
    assert text.startswith("“mixed_encoding.csv” mixes two text encodings: lines 2, 4 are UTF-8, lines 3, 5 are "
                           "Windows-1252")
    assert list(workdir.iterdir()) == []  # the half-converted copy is gone


def test_a_mixed_file_read_line_by_line_when_chosen_loses_nothing(workdir):
    outcome, con = do_import({"transactions": "mixed_encoding.csv"}, workdir,
                             settings={"encoding": formats.MIXED})
    assert outcome.ok, outcome.report("en")
    assert [r[5] for r in rows(con, "transactions")] == ["Jürgen", "Müller", "Größe", "Straße"]


def test_a_pure_windows_1252_file_is_not_taken_for_mixed(workdir):
    part = importing.open_part(CORPUS / "de_cp1252_semicolon.csv", "de_cp1252_semicolon.csv", workdir)
    assert part.settings.encoding == "cp1252"


def test_mixed_lines_far_apart_are_found_across_blocks(workdir, monkeypatch):
    monkeypatch.setattr(encodings, "_CHUNK", 64)  # many blocks, line numbers carried across them
    src = workdir / "late.csv"
    src.write_bytes(b"customer_id,date,amount,product\n" + "K1,2025-01-01,1.00,Müller\n".encode("cp1252") * 30
                    + "K2,2025-01-02,2.00,Jürgen\n".encode("utf-8"))
    with pytest.raises(formats.FileProblem) as exc:
        formats.to_utf8(src, "cp1252", workdir)
    assert exc.value.params["utf8_lines"] == "32" and exc.value.params["other_lines"] == "2, 3, 4, 5, 6 … (30)"


def test_exponent_notation_gets_its_own_sentence_not_not_a_number(workdir):
    part = importing.open_part(CORPUS / "exponent.csv", "exponent.csv", workdir, table="transactions")
    outcome = importing.run_import(db.connect(":memory:"), importing.Plan("t", [part]), workdir)
    assert [(p.line, p.code) for p in outcome.problems] == [
        (2, "exponent"), (3, "out_of_range"), (4, "exponent"), (5, "bad_number")]
    assert "exponent notation" in outcome.problems[0].message()


# --- odd files get their true sentence (generated here: too large to commit) -----------------------------

def test_a_50_mb_single_line_is_named_not_called_empty(workdir):
    src = workdir / "oneline.csv"
    src.write_text("customer_id,date,amount\nK1,2025-01-01," + "1" * 50_000_000 + "\n", encoding="utf-8")
    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(src, "oneline.csv", workdir)
    assert exc.value.code == "long_line" and exc.value.params["line"] == 2
    assert exc.value.params["size"] == "47.7 MB"
    text = t("data.file.long_line", "en", **exc.value.params)
    assert text.startswith("“oneline.csv”, line 2 is 47.7 MB long without a line break")


def test_a_file_that_is_one_long_line_from_the_start(workdir):
    src = workdir / "noheader.csv"
    src.write_bytes(b"a," * 1_000_000)
    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(src, "noheader.csv", workdir)
    assert exc.value.code == "long_line" and exc.value.params["line"] == 1


def test_a_1_mb_cell_is_imported_whole(workdir):
    src = workdir / "bigcell.csv"
    note = "x" * 1_000_000
    src.write_text(f"customer_id,date,amount,product\nK1,2025-01-01,1.00,{note}\nK2,2025-01-02,2.00,y\n",
                   encoding="utf-8")
    part = importing.open_part(src, "bigcell.csv", workdir, table="transactions")
    con = db.connect(":memory:")
    outcome = importing.run_import(con, importing.Plan("t", [part]), workdir)
    assert outcome.ok, outcome.report("en")
    assert [len(r[5]) for r in rows(con, "transactions")] == [1_000_000, 1]


def test_one_control_character_is_named_with_line_and_column_not_called_binary(workdir):
    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(CORPUS / "control_char.csv", "control_char.csv", workdir)
    assert exc.value.code == "control_char"
    assert (exc.value.params["line"], exc.value.params["column"], exc.value.params["char"]) == (2, "product", "U+0001")
    assert "binary" not in t("data.file.control_char", "en", **exc.value.params)


def test_xlsx_formulas_without_stored_results_are_named(workdir):
    import openpyxl

    with pytest.raises(formats.FileProblem) as exc:
        importing.open_part(CORPUS / "formulas_no_values.xlsx", "formulas_no_values.xlsx", workdir)
    assert exc.value.code == "xlsx_formulas"
    assert exc.value.params["cells"] == "C2, C3, C4" and exc.value.params["example"] == "=1+0"
    # blank optional cells without any formula are just blank
    plain = workdir / "blanks.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["customer_id", "date", "amount", "product"])
    wb.active.append(["K1", "2025-01-01", 5.0, None])
    wb.save(plain)
    assert importing.open_part(plain, "blanks.xlsx", workdir).table == "transactions"
