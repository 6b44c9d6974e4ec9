"""Named, typed, cached loaders: the one way a page gets data out of a lib module.

One module per subject (``lib/loaders/<subject>.py``). Each loader is a plain function whose
arguments are its cache key: a :class:`DatasetKey` (database file and dataset id: a replaced
dataset gets a new id, so nothing stale is served) and hashable settings (dates, numbers,
strings, tuples, frozen dataclasses). A loader that builds on another calls that loader, which
is cached itself, instead of receiving its result: there is no hand-written list of what a
result depends on, so none can be forgotten.

A page reads ``loaders.risk.assessment(ctx.key, ctx.as_of, settings)``; the loader calls
``lib.risk.assess`` and that runs ``lib/queries/risk_signals.sql``: one hop per layer.

Results are shared by all sessions (a room of workshop participants computes each view once)
and are not copied (st.cache_data would unpickle a million-row frame on every hit): treat them
as read-only. This package and :mod:`lib.ui` are the only places in ``lib`` that import
Streamlit.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import logging
from typing import Callable, NamedTuple, TypeVar

import streamlit as st

from lib import db, results

F = TypeVar("F", bound=Callable)


class DatasetKey(NamedTuple):
    """Which dataset a loader reads: the database file and the dataset id."""

    db_path: str
    dataset_id: int


def cached(fn: F | None = None, *, stored: bool = True):
    """Cache ``fn`` per argument values for an hour, shared across sessions (at most 256
    results per loader). Every argument must be hashable: it is part of the key.

    Beneath the memory cache, a result that took a while is also stored in the dataset's
    database file (:mod:`lib.results`): a restarted app reads it back instead of computing it
    again. The first argument is the :class:`DatasetKey`. ``@cached(stored=False)`` for a loader
    whose result cannot be stored (it holds a chart) and is assembled from stored loaders: each
    call would otherwise pay a lookup in the file (about a second on a large one) that never finds
    anything."""
    if fn is None:
        return lambda f: cached(f, stored=stored)
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def remembered(*args, **kwargs):
        return results.remembered(name, fn, con, args, kwargs)

    return st.cache_resource(ttl=3600, show_spinner=False, max_entries=256)(remembered if stored else fn)


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    """One database instance per process; script runs and loaders take their own cursor."""
    return db.connect(path)


def release(path: str) -> None:
    """Wait for the stored results being written, then close this process's connection to
    ``path``: a command line run that used the loaders ends with it, so the next command in the
    same process may open the file in another configuration (read-only)."""
    results.flush(None)
    _connection(path).close()
    _connection.clear()
    gc.collect()   # a cursor left in a reference cycle (a caught exception's frames) keeps the file open until then


@contextlib.contextmanager
def outside_app(path: str):
    """The loaders in a command line process: Streamlit's "no runtime" warnings quiet, and at the
    end the file released (:func:`release`)."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    try:
        yield
    finally:
        release(path)


def cursor(path: str | None = None):
    """A cursor of the shared connection to ``path`` (default: the app's database file)."""
    return _connection(path or str(db.default_db_path())).cursor()


def con(key: DatasetKey):
    """A cursor for the database of ``key``."""
    return cursor(key.db_path)


@cached
def available(key: DatasetKey) -> db.Available:
    """What the dataset holds (:func:`lib.db.available`): every page asks before it offers an
    analysis that needs an optional table."""
    return db.available(con(key), key.dataset_id)
