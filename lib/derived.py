"""The derived per-dataset tables: their names and shape (lib/derived.sql), version, build,
deletion, migration, and the one "build unless built" (:func:`ensure`).

The derived tables hold what the pages and commands read instead of regrouping millions of
transactions on every as-of date: ``customer_days`` (a customer's transactions merged per day,
read by the CLV summary, risk, recovery and value) and the ``lifecycle_*`` tables (customers
numbered densely, filter combinations, months, gaps, churn records, cohorts). Every one carries
``dataset_id``. What a page computes from them for one as-of date (the stages, the trend, ...)
is not built here: the loaders compute it when first asked and keep it in the database file
(lib.results), and the app's warm-up asks for every page's first screen right after this build.

Who calls what:

* a dataset written together with its derived rows (the demo, the tests' helpers) calls
  :func:`build` inside the writing transaction, after :func:`lib.db.swap_in`;
* an import commits its rows first; the data page then calls :func:`ensure` (the CLI import with
  ``--prepare`` too), else the dataset is built on first use;
* first use: the app's sidebar (``lib.ui``) calls :func:`ensure` before any page reads, the
  commands open a dataset with :func:`open_dataset`, and ``bench`` calls :func:`ensure`.
  Nothing below those entry points checks again.

lib.db deletes a dataset's rows from every table with a ``dataset_id`` column (these included),
so this module imports lib.db and never the other way round.
"""
from __future__ import annotations

import functools
import threading
from datetime import datetime
from pathlib import Path

import duckdb

from lib import anon, db, results
from lib.queries import load

#: Bump when a derived table or a rule that fills one changes: datasets built by an older
#: version are rebuilt the next time they are opened (and tables whose columns no longer match
#: lib/derived.sql are recreated first, see :func:`migrate`).
VERSION = 6
#: The derived tables, all keyed by dataset_id (lib/derived.sql creates them; the view
#: ``lifecycle_days`` over customer_days holds no rows of its own).
TABLES = ("customer_days", "lifecycle_customers", "lifecycle_combos", "lifecycle_months", "lifecycle_gaps",
          "lifecycle_churn", "lifecycle_cohorts", "anon_customers", "anon_managers", "lifecycle_built")
#: Derived tables of earlier versions, dropped by :func:`migrate` (version 5 stored the lifecycle
#: page's default view in them; the results store keeps it now).
OBSOLETE = ("lifecycle_trend", "lifecycle_stage_cache", "lifecycle_exposure_cache")
#: CREATE statements of the derived tables and the view (idempotent).
SCHEMA = (Path(__file__).parent / "derived.sql").read_text(encoding="utf-8")
#: The build queries, in order: customers get their numbers (cidx) before the days that use them.
_BUILD = ("lifecycle_build_customers", "lifecycle_build_combos", "lifecycle_build_days", "lifecycle_build_months",
          "lifecycle_build_gaps", "lifecycle_build_churn", "lifecycle_build_cohorts")
#: The days and the months are grouped once per range of this many customer numbers ($cidx_from
#: to $cidx_to): four smaller hash tables fill quicker than one (a sixth off grouping a million
#: customers' 19 million transactions) and need less memory, and the days come out stored by
#: range, so each range of months reads only its own.
RANGE_CUSTOMERS = 250_000
_BY_RANGE = ("lifecycle_build_days", "lifecycle_build_months")
_build_lock = threading.Lock()


def delete(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Remove the derived rows of ``dataset_id`` (inside the caller's transaction)."""
    for table in TABLES:  # constant names, never input
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])


def build(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """(Re)build every derived row of ``dataset_id`` inside the caller's transaction.

    About 16 s of processor time for a million customers and 19 million transactions (9 s on 2
    cores; 20 s before the lifecycle page's default view and the first-year features moved to
    the loaders and the days lost their id text), a fraction of a second for the demo.

    Examples
    --------
    >>> con = db.connect(":memory:")
    >>> _ = con.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) "
    ...                 "VALUES (1, 'a', DATE '2024-01-01', 10), (1, 'a', DATE '2024-01-01', 5)")
    >>> is_built(con, 1)
    False
    >>> build(con, 1); is_built(con, 1)
    True
    >>> con.execute("SELECT cidx, amount::DOUBLE, sale, purchase FROM customer_days").fetchall()
    [(1, 15.0, True, True)]
    """
    migrate(con)
    delete(con, dataset_id)
    results.delete(con, dataset_id)   # what was computed from the old derived rows
    starts = None   # of the ranges of customer numbers, once lifecycle_customers is built
    for name in _BUILD:
        if name not in _BY_RANGE:
            con.execute(load(name), {"dataset_id": dataset_id})
            continue
        if starts is None:
            customers = db.scalar(con, "SELECT count(*) FROM lifecycle_customers WHERE dataset_id = ?", [dataset_id])
            starts = range(1, max(customers, 1) + 1, RANGE_CUSTOMERS)
        for start in starts:
            con.execute(load(name), {"dataset_id": dataset_id, "cidx_from": start,
                                     "cidx_to": start + RANGE_CUSTOMERS - 1})
    anon.build(con, dataset_id)   # the pseudonyms, from the salt the dataset keeps across rebuilds
    con.execute("INSERT INTO lifecycle_built VALUES (?, ?, ?)",
                [dataset_id, VERSION, datetime.now().replace(microsecond=0)])


@functools.cache
def _expected() -> dict[str, tuple[list[tuple[str, str]], str]]:
    """Columns (name, type) and CREATE statement of each derived table as lib/derived.sql has it."""
    mem = duckdb.connect(":memory:")
    mem.execute(SCHEMA)
    out = {}
    for table in TABLES:
        columns = mem.execute("SELECT column_name, data_type FROM information_schema.columns "
                              "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
        ddl = mem.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0]
        out[table] = (columns, ddl)
    mem.close()
    return out


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create the derived tables, and recreate those whose columns differ from lib/derived.sql
    (a database written by an older version); they hold only derived rows, which the builds
    refill. ``lifecycle_days`` was a table in version 2 and is a view now."""
    kind = db.scalar(con, "SELECT table_type FROM information_schema.tables "
                          "WHERE table_schema = 'main' AND table_name = 'lifecycle_days'")
    if kind == "BASE TABLE":
        con.execute("DROP TABLE lifecycle_days")
    for table in OBSOLETE:   # constant names, never input
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for table, (columns, ddl) in _expected().items():
        actual = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                             [table]).fetchall()
        if actual != columns:
            con.execute(f"DROP TABLE IF EXISTS {table}")   # constant names (TABLES), never input
            con.execute(ddl)
    con.execute(SCHEMA)   # the view (and nothing else: every table exists by now)


def is_built(con: duckdb.DuckDBPyConnection, dataset_id: int) -> bool:
    """Whether ``dataset_id`` has derived rows built by this :data:`VERSION` (False also for a
    database without the derived tables, e.g. one written before them, opened read-only)."""
    try:
        version = db.scalar(con, "SELECT max(version) FROM lifecycle_built WHERE dataset_id = ?", [dataset_id])
    except duckdb.CatalogException:
        return False
    return version == VERSION


def ensure(con: duckdb.DuckDBPyConnection, dataset_id: int) -> bool:
    """Build the derived rows of ``dataset_id`` unless this version built them (after a CLI
    import, or for a dataset stored by an older version); whether it had to build.

    They appear in one transaction, so other readers never see half of them; one build at a
    time per process, and a second caller waits and then finds them built.
    """
    if is_built(con, dataset_id):
        return False
    with _build_lock:
        if is_built(con, dataset_id):
            return False
        with results.writes_held():   # the build deletes the dataset's stored results
            con.execute("BEGIN TRANSACTION")
            try:
                build(con, dataset_id)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
    return True


def open_dataset(path: str | Path | None, name: str) -> tuple[duckdb.DuckDBPyConnection, int]:
    """A read-only connection and the id of dataset ``name``, its derived rows built first if it
    has none of this version yet (after a CLI import): the commands that read a dataset use this."""
    con = db.connect(path, read_only=True)
    ds = db.dataset_id(con, name)
    if not is_built(con, ds):
        con.close()
        con = db.connect(path)
        ensure(con, ds)
        con.close()
        con = db.connect(path, read_only=True)
    return con, ds
