"""The store: schema, catalogue, atomic replacement, and the errors a user can cause."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from lib import db


def _insert_tx(con, ds: int, customer: str, amount: float) -> None:
    con.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, DATE '2025-01-01', ?)",
                [ds, customer, amount])


def _dataset(con, name: str, customer: str = "K1", amount: float = 5.0) -> int:
    """Write dataset ``name`` with one transaction, as an import does; its id."""
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    _insert_tx(con, ds, customer, amount)
    db.swap_in(con, name, ds, "test", "import")
    con.execute("COMMIT")
    return ds


def test_schema_is_idempotent():
    con = db.connect(":memory:")
    db.apply_schema(con)
    db.apply_schema(con)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(db.TABLES) | {"datasets"} <= tables


def test_columns_have_real_types():
    con = db.connect(":memory:")
    types = dict(con.execute(
        "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns").fetchall())
    assert types["transactions.date"] == "DATE"
    assert types["transactions.amount"].startswith("DECIMAL")
    assert types["invoices.paid_date"] == "DATE"
    assert types["surveys.nps"] == "TINYINT"


def test_swap_in_replaces_atomically_and_keeps_other_datasets():
    con = db.connect(":memory:")
    for name, amount in (("a", 1.0), ("b", 2.0)):
        _dataset(con, name, amount=amount)
    old_a = db.dataset_id(con, "a")
    ds = _dataset(con, "a", "K9", 9.0)
    assert db.dataset_id(con, "a") == ds != old_a
    assert db.scalar(con, "SELECT count(*) FROM transactions WHERE dataset_id = ?", [old_a]) == 0
    assert db.scalar(con, "SELECT sum(amount) FROM transactions WHERE dataset_id = ?", [db.dataset_id(con, "b")]) == 2


def test_failed_replacement_leaves_the_old_dataset():
    con = db.connect(":memory:")
    ds = _dataset(con, "a")
    con.execute("BEGIN TRANSACTION")
    new = db.new_dataset_id(con)
    _insert_tx(con, new, "K2", 7.0)
    con.execute("ROLLBACK")  # e.g. validation failed half-way
    assert db.dataset_id(con, "a") == ds
    assert db.scalar(con, "SELECT count(*) FROM transactions") == 1


def test_drop_dataset_removes_every_row():
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    _insert_tx(con, ds, "K1", 5.0)
    con.execute("INSERT INTO churn (dataset_id, customer_id, date) VALUES (?, 'K1', DATE '2025-02-01')", [ds])
    db.swap_in(con, "a", ds, "test", "import")
    con.execute("COMMIT")
    db.drop_dataset(con, "a")
    assert db.dataset_names(con) == []
    assert db.scalar(con, "SELECT count(*) FROM churn") == 0


def test_unknown_dataset_names_the_known_ones():
    con = db.connect(":memory:")
    with pytest.raises(db.UnknownDataset, match="none yet"):
        db.dataset_id(con, "nope")


def test_rename_and_drop_say_what_went_wrong_in_the_pages_words():
    con = db.connect(":memory:")
    for name in ("a", "b"):
        _dataset(con, name)
    for old, new, code in (("b", "a", "exists"), ("nope", "x", "not_exists"), ("b", "../etc", "bad_name"),
                           ("nope", "../etc", "bad_name")):
        with pytest.raises(db.StoreError) as exc:
            db.rename_dataset(con, old, new)
        assert exc.value.code == code
        assert exc.value.params == {"name": old if code == "not_exists" else new}
    with pytest.raises(db.UnknownDataset) as exc:
        db.drop_dataset(con, "nope")
    assert (exc.value.code, exc.value.params) == ("not_exists", {"name": "nope"})
    # another session is renaming the dataset right now: the drop is refused and changes nothing
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    db.rename_dataset(other, "a", "a2")
    with pytest.raises(db.StoreError) as exc:
        db.drop_dataset(con.cursor(), "a")
    assert (exc.value.code, exc.value.params) == ("conflict", {"name": "a"})
    other.execute("COMMIT")
    assert db.dataset_names(con) == ["a2", "b"]
    assert db.datasets_frame(con)[["name", "transactions"]].values.tolist() == [["a2", 1], ["b", 1]]


@pytest.mark.parametrize("name,ok", [("demo", True), ("shop-2025", True), ("a b.c_d", True),
                                     ("", False), ("-x", False), ("x;drop", False), ("x" * 64, False)])
def test_dataset_names(name, ok):
    assert db.valid_name(name) is ok


def test_not_a_duckdb_file(tmp_path):
    bad = tmp_path / "x.duckdb"
    bad.write_text("this is text, not a database\n" * 100)
    with pytest.raises(db.StoreError, match="not a DuckDB database"):
        db.connect(bad)
    assert bad.read_text().startswith("this is text")  # untouched


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(db.StoreError, match="folder"):
        db.connect(tmp_path)


def test_locked_by_another_process(tmp_path):
    path = tmp_path / "locked.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(db.StoreError, match="in use by another process"):
            db.connect(path)
    finally:
        holder.kill()
        holder.wait()


def test_default_path_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LIFECYCLE_DB", str(tmp_path / "x.duckdb"))
    assert db.default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("LIFECYCLE_DB")
    assert db.default_db_path().name == "lifecycle.duckdb"


def test_datasets_lists_counts(demo_con):
    infos = {i.name: i for i in db.datasets(demo_con)}
    assert set(infos) == {"demo", "shop-2025"}
    demo = infos["demo"]
    assert demo.counts["customers"] == 1500
    assert all(demo.counts[t] > 0 for t in db.TABLES)
    assert demo.as_json()["counts"]["transactions"] == demo.counts["transactions"]


def test_present_tables_names_the_tables_a_dataset_has_rows_in():
    con = db.connect(":memory:")
    a = _dataset(con, "a")
    con.execute("INSERT INTO churn (dataset_id, customer_id, date) VALUES (?, 'K1', DATE '2025-02-01')", [a])
    b = _dataset(con, "b")
    assert {t for t, there in db.present_tables(con, a).items() if there} == {"transactions", "churn"}
    assert {t for t, there in db.present_tables(con, b).items() if there} == {"transactions"}
    assert list(db.present_tables(con, a)) == list(db.TABLES)


@pytest.mark.parametrize("name", ["keep\n", "keep ", " keep", "ke\nep", "keep\r", "", "-x", "a" * 64, "x/y"])
def test_names_are_matched_whole(name):
    assert not db.valid_name(name)


def test_names_are_unique_regardless_of_case_and_trimmed_at_the_entry_points(tmp_path, capsys):
    con = db.connect(":memory:")
    first = _dataset(con, "keep")
    assert db.dataset_id(con, "KEEP") == first and db.find_id(con, "Keep") == first
    second = _dataset(con, "KEEP", amount=7.0)  # replaces "keep", does not stand beside it
    assert db.dataset_names(con) == ["KEEP"] and db.dataset_id(con, "keep") == second
    _dataset(con, "other")
    with pytest.raises(db.StoreError, match="already a dataset named 'Other'"):
        db.rename_dataset(con, "keep", "Other")
    db.rename_dataset(con, "keep", "Keep")  # its own name in another case is fine
    assert sorted(db.dataset_names(con)) == ["Keep", "other"]
    # the command line trims: "keep " and "keep\n" name the same dataset, never a second one
    path = tmp_path / "n.duckdb"
    from lib import cli
    assert cli.main(["demo", "--db", str(path), "--dataset", "keep", "--customers", "50"]) == 0
    assert cli.main(["demo", "--db", str(path), "--dataset", "keep\n", "--customers", "50"]) == 0
    assert cli.main(["demo", "--db", str(path), "--dataset", "KEEP ", "--customers", "50"]) == 0
    c = db.connect(path, read_only=True)
    assert db.dataset_names(c) == ["KEEP"]
    c.close()
