"""The events table's optional outcome fields (cancellation notices, complaints), in English and
German, their validation by event type, and files written before the fields existed."""
from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest

from lib import db, importing
from lib.importing import contract

TX = "customer_id,date,amount\nK1,2025-01-05,10.00\nK2,2025-01-06,20.00\nK3,2025-02-01,5.00\n"

GERMAN = (
    "Kundennummer;Datum;Ereignisart;Richtung;Ergebnis;erledigt am;wirksam zum;Halteangebot;zufrieden\n"
    "K1;02.06.2025;Kündigung;eingehend;abgewendet;16.06.2025;30.09.2025;Vertragsänderung;\n"
    "K2;03.06.2025;Beschwerde;eingehend;gelöst;05.06.2025;;;ja\n"
    "K3;04.06.2025;Kündigung;eingehend;offen;;31.12.2026;;\n"
    "K3;05.06.2025;Betreuerwechsel;ausgehend;;;;;\n"
    "K2;06.06.2025;Preisverhandlung;eingehend;;;;;\n"
)


def _import(tmp_path, events: str, name: str = "events.csv"):
    (tmp_path / "tx.csv").write_text(TX, encoding="utf-8")
    (tmp_path / name).write_text(events, encoding="utf-8")
    con = db.connect(":memory:")
    parts = [importing.open_part(tmp_path / "tx.csv", "tx.csv", tmp_path),
             importing.open_part(tmp_path / name, name, tmp_path)]
    return con, importing.run_import(con, importing.Plan("t", parts), tmp_path)


def test_german_outcome_fields_are_mapped_and_stored_as_codes(tmp_path):
    con, out = _import(tmp_path, GERMAN)
    assert out.ok, out.problems
    rows = con.execute("SELECT customer_id, type, outcome, outcome_date, effective_date, measure, satisfied "
                       "FROM events ORDER BY date").fetchall()
    assert rows == [
        ("K1", "cancellation_notice", "averted", date(2025, 6, 16), date(2025, 9, 30), "contract_change", None),
        ("K2", "complaint", "resolved", date(2025, 6, 5), None, None, "yes"),
        ("K3", "cancellation_notice", "open", None, date(2026, 12, 31), None, None),  # effective in the future: fine
        ("K3", "manager_change", None, None, None, None, None),
        ("K2", "negotiation", None, None, None, None, None),
    ]


@pytest.mark.parametrize("row,column,value", [
    ("K1,2025-06-02,marketing,averted,,,", "outcome", "averted"),           # a notice outcome on a marketing row
    ("K1,2025-06-02,complaint,withdrawn,,,", "outcome", "withdrawn"),       # a notice outcome on a complaint
    ("K1,2025-06-02,cancellation_notice,resolved,,,", "outcome", "resolved"),  # a complaint outcome on a notice
    ("K1,2025-06-02,contact,,2025-06-03,,", "outcome_date", "2025-06-03"),
    ("K1,2025-06-02,complaint,,,discount,", "measure", "discount"),
    ("K1,2025-06-02,cancellation_notice,,,,yes", "satisfied", "yes"),
])
def test_a_field_on_a_row_of_another_type_is_named_by_line_and_column(tmp_path, row, column, value):
    head = "customer_id,date,type,outcome,outcome_date,measure,satisfied\n"
    con, out = _import(tmp_path, head + "K2,2025-06-01,complaint,resolved,2025-06-02,,no\n" + row + "\n")
    assert not out.ok
    [p] = [p for p in out.problems if p.code == "wrong_type"]
    assert (p.file, p.line, p.column, p.value) == ("events.csv", 3, column, value)
    rule = dict(p.detail)["rule"]
    assert rule in p.message("en") and "Ereignistyp" in p.message("de")
    assert ("cancellation_notice" if column != "satisfied" else "complaint, dispute") in rule
    # nothing was stored: the dataset does not exist
    assert con.execute("SELECT count(*) FROM datasets").fetchone() == (0,)


def test_an_outcome_that_is_no_outcome_is_refused_with_the_allowed_values(tmp_path):
    con, out = _import(tmp_path, "customer_id,date,type,outcome\nK1,2025-06-02,cancellation_notice,vielleicht\n")
    [p] = out.problems
    assert (p.line, p.column, p.code) == (2, "outcome", "bad_value")
    assert "averted" in p.message("en")


def test_old_files_without_the_fields_stay_valid(tmp_path):
    con, out = _import(tmp_path, "customer_id,date,type\nK1,2025-06-02,cancellation_notice\n")
    assert out.ok
    assert con.execute("SELECT outcome, measure FROM events").fetchall() == [(None, None)]


def _old_store(path):
    """A store written before events had the outcome fields."""
    con = duckdb.connect(str(path))
    con.execute(db.SCHEMA.split("-- Files written before")[0].replace(
        "    note        VARCHAR,\n", "    note        VARCHAR\n").split("    outcome        VARCHAR")[0] + ");")
    con.execute("INSERT INTO events VALUES (1, 'K1', DATE '2025-01-01', 'complaint', NULL, NULL, 'alt')")
    con.close()


def test_a_store_written_before_the_fields_reads_and_migrates(tmp_path):
    _old_store(tmp_path / "old.duckdb")
    shutil.copy(tmp_path / "old.duckdb", tmp_path / "copy.duckdb")
    ro = db.connect(tmp_path / "old.duckdb", read_only=True)   # read-only: a view adds them empty
    assert ro.execute("SELECT note, outcome, satisfied FROM events").fetchall() == [("alt", None, None)]
    ro.close()
    con = db.connect(tmp_path / "copy.duckdb")                  # writable: the columns are added
    cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
    assert cols[-len(db.EVENTS_ADDED):] == [n for n, _ in db.EVENTS_ADDED]
    assert con.execute("SELECT note, outcome FROM events").fetchall() == [("alt", None)]


def test_the_contract_and_the_stored_table_agree():
    con = db.connect(":memory:")
    stored = [r[0] for r in con.execute("DESCRIBE events").fetchall()][1:]
    assert stored == [c.name for c in contract.TABLES["events"]]
