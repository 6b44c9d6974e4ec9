"""The derived tables (lib/derived.py): built with a dataset or on first use, deleted with it,
migrated from older shapes, and owned by one module without an import circle."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from lib import db, derived

ROOT = Path(__file__).resolve().parent.parent


def write(con, name: str, rows, *, build: bool = True) -> int:
    """Write dataset ``name`` from (customer, date, amount) rows in one transaction, as an import
    does; with ``build`` its derived rows too, as the demo does. Its id."""
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                    [(ds, *r) for r in rows])
    db.swap_in(con, name, ds, "test", "import")
    if build:
        derived.build(con, ds)
    con.execute("COMMIT")
    return ds


def count(con, table: str, ds: int | None = None) -> int:
    if ds is None:
        return db.scalar(con, f"SELECT count(*) FROM {table}")
    return db.scalar(con, f"SELECT count(*) FROM {table} WHERE dataset_id = ?", [ds])


def test_customer_days_merge_a_customers_transactions_per_day():
    con = db.connect(":memory:")
    write(con, "a", [("K1", "2025-01-01", 10), ("K1", "2025-01-01", 5), ("K1", "2025-01-02", -3),
                     ("K2", "2025-01-01", 0)])
    got = con.execute("SELECT c.customer_id, d.date::VARCHAR, d.amount::DOUBLE, d.sale, d.purchase "
                      "FROM customer_days d JOIN lifecycle_customers c USING (dataset_id, cidx) ORDER BY 1, 2").fetchall()
    assert got == [("K1", "2025-01-01", 15.0, True, True), ("K1", "2025-01-02", -3.0, False, False),
                   ("K2", "2025-01-01", 0.0, True, False)]


def test_derived_rows_follow_the_dataset():
    con = db.connect(":memory:")
    first = write(con, "a", [("K1", "2025-01-01", 5)])
    assert derived.is_built(con, first) and all(count(con, t, first) > 0 for t in
                                                ("customer_days", "lifecycle_customers", "lifecycle_built"))
    second = write(con, "a", [("K1", "2025-01-01", 5), ("K2", "2025-02-01", 7)])   # replaces dataset a
    for table in derived.TABLES:
        assert count(con, table, first) == 0, table
    con.execute("DELETE FROM lifecycle_built")   # as stored before the lifecycle tables existed
    assert not derived.is_built(con, second) and derived.ensure(con, second) and derived.is_built(con, second)
    assert derived.ensure(con, second) is False   # built once
    db.drop_dataset(con, "a")
    assert all(count(con, t) == 0 for t in derived.TABLES + db.TABLES + ("anon_keys",))


def test_the_store_deletes_from_every_table_keyed_by_dataset():
    con = db.connect(":memory:")
    # a new file: no derived table yet; the pseudonyms' salt (lib/schema.sql) outlives rebuilds
    assert set(db.dataset_tables(con)) == set(db.TABLES) | {"anon_keys"}
    write(con, "a", [("K1", "2025-01-01", 5)])
    assert set(db.dataset_tables(con)) == set(db.TABLES) | set(derived.TABLES) | {"anon_keys"}


def test_a_dataset_written_like_an_import_is_built_on_first_use(tmp_path):
    path = tmp_path / "cli.duckdb"
    con = db.connect(path)
    ds = write(con, "a", [("K1", "2025-01-01", 5)], build=False)
    con.close()
    con = db.connect(path)   # opening builds nothing: that waits until the dataset is used
    assert not derived.is_built(con, ds)
    assert db.scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'customer_days'") == 0
    con.close()
    ro, got = derived.open_dataset(path, "a")   # as the clv and score commands open it
    assert got == ds and derived.is_built(ro, ds) and count(ro, "customer_days", ds) == 1
    ro.close()
    con = db.connect(path)
    assert derived.ensure(con, ds) is False
    con.close()


def test_rows_removed_by_an_older_version_are_rebuilt_on_use(tmp_path):
    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    ds = write(con, "a", [("K1", "2025-01-01", 5)])
    con.execute("DELETE FROM customer_days")   # as written before the derived tables existed
    con.execute("DELETE FROM lifecycle_built")
    con.close()
    ro = db.connect(path, read_only=True)
    assert not derived.is_built(ro, ds) and count(ro, "customer_days", ds) == 0
    ro.close()
    ro, _ = derived.open_dataset(path, "a")
    assert count(ro, "customer_days", ds) == 1
    ro.close()


def test_tables_of_an_older_shape_are_replaced_and_rebuilt_on_use(tmp_path):
    path = tmp_path / "v2.duckdb"
    con = db.connect(path)
    ds = write(con, "a", [("K1", "2025-01-01", 5)])
    # as version 2 stored them: customer_days without cidx/purchase, lifecycle_days a table
    con.execute("DROP VIEW lifecycle_days")
    con.execute("DROP TABLE customer_days")
    con.execute("CREATE TABLE customer_days (dataset_id INTEGER, customer_id VARCHAR, date DATE, "
                "amount DECIMAL(18, 2), sale BOOLEAN, n_rows INTEGER)")
    con.execute("CREATE TABLE lifecycle_days (dataset_id INTEGER, cidx INTEGER, day DATE, amount DECIMAL(18, 2), "
                "purchase BOOLEAN)")
    con.execute("INSERT INTO lifecycle_days VALUES (?, 1, DATE '2025-01-05', 5, true)", [ds])
    con.execute("DROP TABLE lifecycle_months")
    con.execute("CREATE TABLE lifecycle_months (dataset_id INTEGER, cidx INTEGER, month DATE)")   # an older shape
    con.execute("CREATE TABLE lifecycle_stage_cache (dataset_id INTEGER, as_of DATE, cidx INTEGER)")   # version 5's
    con.execute("INSERT INTO lifecycle_stage_cache VALUES (?, DATE '2025-01-31', 1)", [ds])
    con.execute("UPDATE lifecycle_built SET version = 2")
    con.close()
    con = db.connect(path)
    assert not derived.is_built(con, ds) and derived.ensure(con, ds)
    kind = "SELECT table_type FROM information_schema.tables WHERE table_name = 'lifecycle_days'"
    assert db.scalar(con, kind) == "VIEW"
    assert con.execute("SELECT cidx, purchase FROM customer_days").fetchall() == [(1, True)]
    assert count(con, "lifecycle_days") == 1 and count(con, "lifecycle_months", ds) == 1
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert not tables & set(derived.OBSOLETE) and set(derived.TABLES) <= tables
    con.close()


def test_version_decides_what_is_built():
    con = db.connect(":memory:")
    ds = write(con, "a", [("K1", "2025-01-01", 5), ("K1", "2025-03-01", 7)])
    con.execute("INSERT INTO lifecycle_built VALUES (99, ?, now())", [derived.VERSION - 1])
    assert derived.is_built(con, ds) and not derived.is_built(con, 99)   # an older version: rebuilt when opened


def imports(path: Path) -> set[str]:
    """The ``lib`` modules a source file imports (at any level of its code)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lib"):
            out |= {f"{node.module}.{a.name}" if node.module == "lib" else node.module for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("lib")}
    return out


def test_no_import_circle_between_the_store_the_derived_tables_and_the_lifecycle():
    assert not {m for m in imports(ROOT / "lib" / "db.py") if m.startswith(("lib.derived", "lib.lifecycle"))}
    for path in (ROOT / "lib" / "lifecycle").glob("*.py"):
        assert "lib.derived" not in imports(path), path
    # the plain CLI commands open the store without pandas
    code = "import sys; import lib.db, lib.cli; print(sorted(m for m in sys.modules if m in ('pandas', 'lib.derived')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("range_customers", [derived.RANGE_CUSTOMERS, 1, 2])
def test_days_and_months_equal_a_plain_recomputation(monkeypatch, range_customers):
    """customer_days, lifecycle_months and lifecycle_gaps (grouped by one integer key per customer
    and day or month) against a plain pandas regrouping of the transactions: several rows a day, returns,
    zero amounts, months of returns only, and dates far apart (1900 and 2099). Grouped in one range
    of customer numbers, and in ranges of one and of two customers (a million customers' build
    runs in four)."""
    import pandas as pd

    monkeypatch.setattr(derived, "RANGE_CUSTOMERS", range_customers)

    rows = [("K1", "1900-01-01", 10), ("K1", "1900-01-01", -4), ("K1", "1900-01-20", 0), ("K1", "1900-03-05", 7),
            ("K1", "1900-03-05", 8), ("K1", "1901-02-01", -2), ("K1", "2099-12-31", 3.5),
            ("K2", "2025-01-31", -6), ("K2", "2025-02-01", 9.99), ("K2", "2025-02-01", 0.01),
            ("K2", "2025-02-15", 5), ("K2", "2025-04-30", 1), ("K2", "2025-05-01", -1), ("K2", "2025-07-01", 2),
            ("K3", "2024-06-01", -5), ("K3", "2024-06-01", 0)]
    con = db.connect(":memory:")
    ds = write(con, "a", rows)
    tx = pd.DataFrame(rows, columns=["customer_id", "date", "amount"]).assign(date=lambda d: pd.to_datetime(d["date"]))
    tx["cents"] = (tx["amount"] * 100).round().astype(int)
    days = tx.groupby(["customer_id", "date"]).agg(cents=("cents", "sum"), top=("cents", "max")).reset_index()
    want = sorted((r.customer_id, r.date.date(), r.cents, r.top >= 0, r.top > 0) for r in days.itertuples())
    got = con.execute("SELECT c.customer_id, d.date, CAST(d.amount * 100 AS INTEGER), d.sale, d.purchase "
                      "FROM customer_days d JOIN lifecycle_customers c USING (dataset_id, cidx) "
                      "WHERE d.dataset_id = ? ORDER BY 1, 2", [ds]).fetchall()
    assert got == want   # every day's cidx is a customer's (the join would drop it otherwise)
    cidx = dict(con.execute("SELECT customer_id, cidx FROM lifecycle_customers WHERE dataset_id = ?", [ds]).fetchall())

    days["month"] = days["date"].dt.to_period("M").dt.to_timestamp()
    days["purchase"] = days["top"] > 0
    want, want_gaps = [], []
    for cust, g in days.groupby("customer_id"):
        buys = g.loc[g["purchase"], "date"]
        first_purchase = buys.min() if len(buys) else None
        for month, m in g.groupby("month"):
            bought = m.loc[m["purchase"], "date"]
            before = buys[buys < month]
            prev_day = before.max().date() if len(before) else None
            n_before = len(before)
            usual = (before.max() - first_purchase).days / (n_before - 1) if n_before > 1 else None
            age = None
            if first_purchase is not None:
                cohort = first_purchase.to_period("M")
                age = (month.to_period("M") - cohort).n if month.to_period("M") >= cohort else None
            first_day = bought.min().date() if len(bought) else None
            want.append((cidx[cust], month.date(), age, int(m["cents"].sum()), len(bought),
                         first_day, bought.max().date() if len(bought) else None))
            if first_day is not None and prev_day is not None and (first_day - prev_day).days - 1 > 30:
                want_gaps.append((cidx[cust], first_day, (first_day - prev_day).days - 1, usual))
    got = con.execute("SELECT cidx, month, age, CAST(revenue * 100 AS INTEGER), purchase_days, first_day, last_day "
                      "FROM lifecycle_months WHERE dataset_id = ? ORDER BY 1, 2", [ds]).fetchall()
    assert got == sorted(want, key=lambda r: (r[0], r[1]))
    got = con.execute("SELECT cidx, day, idle_days, usual_gap FROM lifecycle_gaps WHERE dataset_id = ? ORDER BY 1, 2",
                      [ds]).fetchall()
    assert got == sorted(want_gaps) and len(got) == 4   # K1 1900-03-05 and 2099-12-31, K2 2025-04-30 and 2025-07-01
