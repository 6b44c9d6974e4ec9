"""The one place that opens DuckDB: connection, schema, and the catalogue of datasets.

A database file holds several named datasets side by side. Each input table carries a
``dataset_id``; the ``datasets`` table maps names to ids. Replacing a dataset writes the new rows
under a fresh id and switches the name in one transaction (see :func:`swap_in`), so readers see
either the old dataset or the new one, never half of either.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from lib.queries import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "lifecycle.duckdb"
SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
SCHEMA_EVENTS = (Path(__file__).parent / "schema_events.sql").read_text(encoding="utf-8")

#: The seven input tables in the order the data contract lists them; transactions is required.
TABLES = ("transactions", "customers", "events", "invoices", "churn", "winback", "surveys")
#: The date column each table is dated by (for coverage and ranges).
DATE_COLUMN = {
    "transactions": "date",
    "customers": "first_contact_date",
    "events": "date",
    "invoices": "invoice_date",
    "churn": "date",
    "winback": "date",
    "surveys": "date",
}
#: A dataset name, matched whole: 1-63 letters, digits, space, ``_ . -``, starting with a letter
#: or digit and not ending in a space.
_NAME_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.\-]{0,61}[A-Za-z0-9_.\-])?")


class StoreError(Exception):
    """A problem with the database a user can fix; the message (English, for the commands) says
    what to do. ``code`` and ``params``, when set, name the same sentence in lib.i18n
    (``data.error.<code>``: ``bad_name``, ``exists``, ``not_exists``, ``conflict``) for the data
    page."""

    def __init__(self, message: str, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class UnknownDataset(StoreError):
    """The named dataset is not in the database (code ``not_exists``)."""


def default_db_path() -> Path:
    """The database path: ``$LIFECYCLE_DB`` if set, else ``data/lifecycle.duckdb``."""
    env = os.environ.get("LIFECYCLE_DB")
    return Path(env) if env else DEFAULT_DB


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` (``":memory:"`` for tests) and apply the schema.

    Raises :class:`StoreError` with a plain sentence when the file is not a DuckDB database, is
    locked by another process, or its folder does not exist.

    Examples
    --------
    >>> con = connect(":memory:")
    >>> con.execute("SELECT count(*) FROM datasets").fetchone()
    (0,)
    """
    target = str(path) if path is not None else str(default_db_path())
    if target != ":memory:":
        p = Path(target)
        if p.is_dir():
            raise StoreError(f"{p} is a folder, not a database file: give the path of a .duckdb file.")
        if not p.parent.exists():
            if read_only:
                raise StoreError(f"the folder {p.parent} does not exist.")
            p.parent.mkdir(parents=True, exist_ok=True)
        if read_only and not p.exists():
            raise StoreError(f"there is no database at {p}: create one with `python -m lib demo`.")
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise StoreError(
                f"the database {target} is in use by another process (for example the running app), and DuckDB "
                "lets no second process open a file another one has open for writing, not even to read it: "
                + ("stop that process first (while the app runs, the data page lists, imports, renames and "
                   "deletes datasets), or use another file with --db." if read_only else
                   "stop that process first, or use another file with --db.")
            ) from None
        if "not a valid duckdb" in msg.lower() or "invalid" in msg.lower() or "magic" in msg.lower():
            raise StoreError(f"{target} is not a DuckDB database file: give the path of a .duckdb file.") from None
        raise StoreError(f"cannot open {target}: {msg.splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {target}: {str(exc).splitlines()[0]}") from None
    # no progress bar: it would print to the CLI's stderr and the app's log
    con.execute("SET enable_progress_bar = false")
    if not read_only:
        apply_schema(con)
    else:
        _older_events(con)
    return con


#: Columns the events table gained after files were first written (schema.sql adds them on the
#: next writable open).
EVENTS_ADDED = (("outcome", "VARCHAR"), ("outcome_date", "DATE"), ("effective_date", "DATE"),
                ("measure", "VARCHAR"), ("satisfied", "VARCHAR"), ("reason", "VARCHAR"))


def _older_events(con: duckdb.DuckDBPyConnection) -> None:
    """A file opened read-only that was written before the events table had its newer columns
    (nothing may be altered in it) reads through a temporary view that adds them empty."""
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = 'events' "
        "AND table_catalog = current_database()").fetchall()}
    if not have:
        return
    missing = [(n, t) for n, t in EVENTS_ADDED if n not in have]
    if missing:
        catalog = con.execute("SELECT current_database()").fetchone()[0].replace('"', '""')
        added = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in missing)
        con.execute(f'CREATE TEMP VIEW events AS SELECT *, {added} FROM "{catalog}".main.events')


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the catalogue and the input tables if they are missing (idempotent).

    The derived tables are lib/derived.py's: created, migrated and filled per dataset when first
    needed, not here, so opening a database stays quick whatever it holds. An input table may
    also be a view (e.g. over Parquet files, docs/scaling.md): it is left as it is."""
    con.execute(SCHEMA)
    kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_schema = 'main' "
                       "AND table_name = 'events' AND table_catalog = current_database()").fetchone()
    if kind and kind[0] == "BASE TABLE":
        con.execute(SCHEMA_EVENTS)


_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def used_params(sql: str, values: dict | None) -> dict:
    """The entries of ``values`` that ``sql`` names as ``$param``; raises KeyError naming any
    parameter the query uses but ``values`` lacks."""
    used = set(_PARAM.findall(sql))
    params = {k: v for k, v in (values or {}).items() if k in used}
    missing = used - set(params)
    if missing:
        raise KeyError(f"query parameters not given: {sorted(missing)}")
    return params


def run_query(con: duckdb.DuckDBPyConnection, sql: str, values: dict | None = None, **frames):
    """Run ``sql`` with the named parameters it uses, over the given pandas/arrow frames
    (registered under their keyword names for the query), and return a DataFrame."""
    params = used_params(sql, values)
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        return con.execute(sql, params).df()
    finally:
        for name in frames:
            con.unregister(name)


def run_arrow(con: duckdb.DuckDBPyConnection, sql: str, values: dict | None = None, **frames):
    """:func:`run_query`, returning an arrow table (for a result the next query reads again)."""
    params = used_params(sql, values)
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        return con.sql(sql, params=params).to_arrow_table()
    finally:
        for name in frames:
            con.unregister(name)


def valid_name(name: str) -> bool:
    """A dataset name: 1-63 letters, digits, space, ``_ . -``, starting with a letter or digit,
    not ending in a space; the whole text must match (a line break anywhere is refused).

    Examples
    --------
    >>> valid_name("shop-2025"), valid_name("keep\\n"), valid_name("keep "), valid_name("../x")
    (True, False, False, False)
    """
    return isinstance(name, str) and _NAME_RE.fullmatch(name) is not None


def clean_name(name: str) -> str:
    """A name as typed, with the spaces and line breaks around it removed: every entry point
    (command line, data page) trims before it validates or looks up, so ``"keep "`` is ``keep``.

    Examples
    --------
    >>> clean_name("  keep \\n")
    'keep'
    """
    return (name or "").strip()


def find_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    """The id of the dataset called ``name``, compared regardless of case (names are unique
    that way; a file written by an older version may hold two spellings, then the exact one
    wins); None when there is none."""
    rows = con.execute("SELECT id FROM datasets WHERE lower(name) = lower(?) ORDER BY name = ? DESC, id LIMIT 1",
                       [name, name]).fetchall()
    return int(rows[0][0]) if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params=None):
    """The first value of the first row of ``sql`` (None for no rows); the result is drained.

    DuckDB 2 refuses some calls while a result is only partly fetched, so never ``fetchone()``.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def dataset_id(con: duckdb.DuckDBPyConnection, name: str) -> int:
    """The id of dataset ``name``; raises :class:`UnknownDataset` naming the ones that exist."""
    row = find_id(con, name)
    if row is None:
        names = dataset_names(con)
        known = ", ".join(names) if names else "none yet (create one with `python -m lib demo`)"
        raise UnknownDataset(f"there is no dataset named {name!r}; datasets: {known}.", "not_exists", name=name)
    return int(row)


def dataset_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of all datasets, oldest first."""
    return [r[0] for r in con.execute("SELECT name FROM datasets ORDER BY created_at, id").fetchall()]


@dataclass(frozen=True)
class DatasetInfo:
    """One dataset with its row count per table and date range."""

    name: str
    id: int
    created_at: datetime
    source: str
    kind: str
    counts: dict[str, int]
    first_date: date | None
    last_date: date | None

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "source": self.source,
            "kind": self.kind,
            "counts": self.counts,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
        }


def datasets(con: duckdb.DuckDBPyConnection) -> list[DatasetInfo]:
    """All datasets with their row counts and transaction date range."""
    rows = con.execute(load("dataset_counts")).fetchall()
    cols = [d[0] for d in con.description]
    out = []
    for row in rows:
        r = dict(zip(cols, row))
        out.append(
            DatasetInfo(
                name=r["name"], id=r["id"], created_at=r["created_at"], source=r["source"], kind=r["kind"],
                counts={t: int(r[t]) for t in TABLES}, first_date=r["first_date"], last_date=r["last_date"],
            )
        )
    return out


def present_tables(con: duckdb.DuckDBPyConnection, ds: int) -> dict[str, bool]:
    """Which input tables dataset id ``ds`` holds rows in (one EXISTS per table: cheap)."""
    row = con.execute("SELECT " + ", ".join(  # constant table names
        f"EXISTS (SELECT 1 FROM {t} WHERE dataset_id = $ds) AS {t}" for t in TABLES), {"ds": ds}).fetchall()[0]
    return dict(zip(TABLES, map(bool, row)))


@dataclass(frozen=True)
class Available:
    """What a dataset holds: whether each input table has rows for it, whether any win-back
    contact belongs to a control group, and its first and last transaction date. The one answer
    every page and command asks (``has``) before offering an analysis that needs a table."""

    transactions: bool
    customers: bool
    events: bool
    invoices: bool
    churn: bool
    winback: bool
    surveys: bool
    control: bool
    first_date: date | None
    last_date: date | None

    def has(self, *tables: str) -> bool:
        """Whether the dataset holds rows in every one of ``tables``."""
        return all(getattr(self, t) for t in tables)


def available(con: duckdb.DuckDBPyConnection, ds: int) -> Available:
    """What dataset id ``ds`` holds (one EXISTS per table and one range scan: cheap)."""
    present = present_tables(con, ds)
    control, first, last = con.execute(load("dataset_available"), {"ds": ds}).fetchall()[0]
    return Available(**present, control=bool(control), first_date=first, last_date=last)


def new_dataset_id(con: duckdb.DuckDBPyConnection) -> int:
    """A fresh id for rows being written; it becomes visible only through :func:`swap_in`."""
    return int(scalar(con, "SELECT nextval('dataset_ids')"))


def swap_in(con: duckdb.DuckDBPyConnection, name: str, new_id: int, source: str, kind: str) -> None:
    """Make the rows written under ``new_id`` the dataset ``name``, replacing any old one (its
    input and derived rows go).

    Must run inside the caller's transaction together with the inserts, so a crash anywhere
    leaves the previous dataset untouched. The new dataset's derived rows are lib/derived.py's:
    built in the same transaction by a caller that wants them at once (``derived.build``), else
    on first use (``derived.ensure``).
    """
    old = find_id(con, name)  # "KEEP" replaces "keep": names are unique regardless of case
    if old is not None:
        _delete_rows(con, int(old))
        con.execute("DELETE FROM datasets WHERE id = ?", [old])
    con.execute(
        "INSERT INTO datasets VALUES (?, ?, ?, ?, ?)",
        [new_id, name, datetime.now().replace(microsecond=0), source, kind],
    )


def discard(con: duckdb.DuckDBPyConnection, new_id: int) -> None:
    """Remove rows written under an id that never became a dataset (after a failed write)."""
    _delete_rows(con, new_id)


def datasets_frame(con: duckdb.DuckDBPyConnection):
    """:func:`datasets` as a pandas DataFrame (the data page's table): one row per dataset with
    name, kind, import time, source files, date range and rows per input table."""
    import pandas as pd  # late: the plain CLI commands do not need pandas

    rows = []
    for i in datasets(con):
        row = {"name": i.name, "kind": i.kind, "created_at": i.created_at, "source": i.source,
               "first_date": i.first_date, "last_date": i.last_date}
        row.update({table: i.counts[table] for table in TABLES})
        rows.append(row)
    cols = ["name", "kind", "created_at", "source", "first_date", "last_date", *TABLES]
    return pd.DataFrame(rows, columns=cols)


def rename_dataset(con: duckdb.DuckDBPyConnection, old: str, new: str) -> None:
    """Rename dataset ``old`` to ``new``: one catalogue row; its id, and so every cache keyed by
    it, stays. Raises :class:`StoreError` ``bad_name`` when ``new`` is not a valid name,
    :class:`UnknownDataset` for ``old``, and :class:`StoreError` ``exists`` when ``new`` is taken."""
    if not valid_name(new):
        raise StoreError(f"{new!r} is not a valid dataset name: use letters, digits, space, _ . - (up to 63)",
                         "bad_name", name=new)
    ds = dataset_id(con, old)
    taken = find_id(con, new)  # names are unique regardless of case; its own name in another case is fine
    if taken is not None and taken != ds:
        raise StoreError(f"there is already a dataset named {new!r} (names are compared regardless of case).",
                         "exists", name=new)
    con.execute("UPDATE datasets SET name = ? WHERE id = ?", [new, ds])


def drop_dataset(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Delete dataset ``name`` and all its rows in one transaction, then checkpoint. Raises
    :class:`UnknownDataset`, and :class:`StoreError` ``conflict`` when another change of the
    database got in the way (try again)."""
    from lib import results  # late: it needs pandas, which the plain CLI commands do not

    ds = dataset_id(con, name)
    try:
        with results.writes_held():   # the app's writer would otherwise touch the rows being deleted
            con.execute("BEGIN TRANSACTION")
            try:
                _delete_rows(con, ds)
                con.execute("DELETE FROM datasets WHERE id = ?", [ds])
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
        con.execute("CHECKPOINT")
    except (duckdb.TransactionException, duckdb.ConstraintException):
        raise StoreError(f"another change of the database got in the way of deleting {name!r}: try again.",
                         "conflict", name=name) from None


def dataset_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the database that holds rows per dataset (a ``dataset_id`` column): the
    input tables (:data:`TABLES`) and the derived tables the file has (lib/derived.py)."""
    return [r[0] for r in con.execute(
        "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
        "USING (table_catalog, table_schema, table_name) WHERE c.table_catalog = current_database() "
        "AND c.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND c.column_name = 'dataset_id' "
        "ORDER BY c.table_name").fetchall()]


def _delete_rows(con: duckdb.DuckDBPyConnection, ds: int) -> None:
    from lib import results  # late: it needs pandas, which the plain CLI commands do not

    results.delete(con, ds)   # its payloads are tables of their own, without a dataset_id column
    for table in dataset_tables(con):  # names from the catalogue our schemas wrote, never from input
        con.execute(f'DELETE FROM "{table}" WHERE dataset_id = ?', [ds])


def last_transaction_date(con: duckdb.DuckDBPyConnection, ds: int) -> date | None:
    """The dataset's last transaction date: the default as-of date of every page."""
    return scalar(con, "SELECT max(date) FROM transactions WHERE dataset_id = ?", [ds])
