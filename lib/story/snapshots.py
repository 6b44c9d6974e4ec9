"""Story snapshots: a prepared talk saved under a name in the DuckDB file (table
``story_snapshots``, lib/schema.sql): the dataset (its name, id and created_at), the as-of date
and the story's language-neutral settings. After a restart the snapshot opens the same dataset at
the same date, so the story shows the same numbers; a snapshot whose dataset was replaced (another
id or created_at under that name) or deleted says so instead of showing other numbers.

Names are user data: checked here (:func:`name_problem`), shown as text by the page.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from lib import db
from lib.queries import load

#: The longest name a snapshot may have (characters).
MAX_NAME = 60
STATUSES = ("ok", "replaced", "deleted")


@dataclass(frozen=True)
class Snapshot:
    """One saved snapshot and the state of its dataset now ('ok', 'replaced', 'deleted')."""

    name: str
    dataset_name: str
    source_id: int
    source_created: datetime
    as_of: date
    settings: dict
    saved_at: datetime
    status: str

    @property
    def step(self) -> int:
        return int(self.settings.get("story", 1))


def clean_name(name: str | None) -> str:
    """The name as it is stored: surrounding spaces removed, inner runs of spaces kept as typed."""
    return (name or "").strip()


def name_problem(con: duckdb.DuckDBPyConnection, name: str | None) -> str | None:
    """Why ``name`` cannot be a new snapshot's name ('empty', 'too_long', 'control', 'duplicate'),
    or None when it can."""
    name = clean_name(name)
    if not name:
        return "empty"
    if len(name) > MAX_NAME:
        return "too_long"
    if any(unicodedata.category(c).startswith("C") for c in name):
        return "control"
    if name in set(listing(con)["name"]):
        return "duplicate"
    return None


def save(con: duckdb.DuckDBPyConnection, name: str, *, dataset_name: str, dataset_id: int, created_at: datetime,
         as_of: date, settings: dict, now: datetime | None = None) -> str | None:
    """Save a snapshot; returns the problem with ``name`` (see :func:`name_problem`) and saves
    nothing then, else None."""
    problem = name_problem(con, name)
    if problem:
        return problem
    try:
        con.execute(load("story_snapshot_save"), {
            "name": clean_name(name), "dataset_name": dataset_name, "source_id": int(dataset_id),
            "source_created": created_at, "as_of": as_of, "settings": json.dumps(settings, sort_keys=True),
            "saved_at": now or datetime.now()})
    except duckdb.ConstraintException:   # saved meanwhile by someone else
        return "duplicate"
    return None


def listing(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every snapshot, newest first: name, dataset_name, source_id, source_created, as_of,
    settings (JSON text), saved_at, status."""
    return db.run_query(con, load("story_snapshot_list"))


def get(con: duckdb.DuckDBPyConnection, name: str) -> Snapshot | None:
    """The snapshot called ``name`` with the state of its dataset, or None."""
    rows = listing(con)
    rows = rows.loc[rows["name"] == name]
    if rows.empty:
        return None
    r = rows.iloc[0]
    try:
        settings = json.loads(r["settings"])
    except ValueError:
        settings = {}
    return Snapshot(r["name"], r["dataset_name"], int(r["source_id"]), _py(r["source_created"]),
                    _day(r["as_of"]), settings if isinstance(settings, dict) else {}, _py(r["saved_at"]),
                    r["status"])


def delete(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Delete the snapshot ``name``; whether there was one."""
    existed = get(con, name) is not None
    con.execute(load("story_snapshot_delete"), {"name": name})
    return existed


def _py(value):
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def _day(value) -> date:
    return value.date() if isinstance(value, (pd.Timestamp, datetime)) else value
