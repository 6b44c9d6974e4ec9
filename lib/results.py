"""Results stored in the database file, so a restarted app is not cold.

The app's loaders (:func:`lib.loaders.cached`) keep every result in memory; this module keeps a
copy of the costly ones in the table ``stored_results`` (lib/results.sql) of the dataset's own
DuckDB file (each payload in a table of its own, :func:`payload_table`), keyed by

* the dataset id: a replaced dataset gets a fresh id, and :func:`lib.db.swap_in` /
  :func:`lib.db.drop_dataset` delete the old id's rows from every table with a ``dataset_id``
  column, this one included; :func:`lib.derived.build` deletes them too when it rebuilds;
* the loader's name and its arguments (dates, numbers, strings, frozen settings dataclasses:
  a changed setting is another key);
* the code version: a hash of every source file of ``lib/`` (so also ``derived.VERSION`` and
  every rule and query). Results of another code version are never read, and deleted the first
  time this process stores anything.

Stored are the results that took at least :data:`MIN_SECONDS` to compute: a lookup costs about
7 ms on a 1M-customer file with 2 GB of stored results (each payload in a table of its own, so a
lookup reads only its own bytes), so a result that took a tenth of a second is already worth a
row; up to :data:`MAX_BYTES` each and :data:`MAX_TOTAL_BYTES` in all (the least recently used go
first).

**No pickle.** A result is written as a small JSON tree plus binary parts: pandas frames and
series as Arrow IPC streams (pyarrow keeps dtypes, index and column names), numpy arrays in the
``.npy`` format (LZ4-compressed from :data:`COMPRESS_FROM` bytes) read with
``allow_pickle=False``, dates and datetimes as ISO text, and dataclasses and named tuples by
their field values, restored only into classes defined in ``lib`` (looked up by name, filled
field by field without running any code of theirs). A value of any other type makes the result
"not storable": it then lives in memory only. Reading a row someone else wrote can therefore at
worst produce wrong numbers of the right types, never run code.

Writing happens on one background thread (:func:`store` returns at once; :func:`flush` waits),
through its own cursor, and never fails the caller: a read-only connection, a database busy with
an import, a full disk just mean the result is not stored this time.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import io
import json
import logging
import os
import struct
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from lib.queries import load
from lib.switches import switch

log = logging.getLogger(__name__)

#: Results cheaper than this (seconds) are recomputed rather than stored. At 0.5 s, 41 results of
#: the default views (4.7 s on 1M customers, the risk scores and the lifecycle page's curve and
#: tables among them) were computed again after every restart.
MIN_SECONDS = 0.1
#: Largest stored result (bytes, encoded); larger ones live in memory only.
MAX_BYTES = 512 * 2**20
#: Arrays of at least this many bytes are written LZ4-compressed, as frames are (the risk
#: assessment's feature matrix on 1M customers: 141 MB as it is, 56 MB compressed, 0.09 s to
#: unpack; DuckDB hands back a stored blob at about 4 ms per MB).
COMPRESS_FROM = 64 * 2**10
#: The most bytes a compressed array of a stored result may claim to unpack to.
MAX_UNPACKED = 16 * 2**30
#: All stored results of a database file together; the least recently used are deleted beyond.
MAX_TOTAL_BYTES = 2 * 2**30
#: Set ``LIFECYCLE_STORE_RESULTS=0`` to neither read nor write stored results (the bench compares).
ENABLED_ENV = "LIFECYCLE_STORE_RESULTS"
SCHEMA = (Path(__file__).parent / "results.sql").read_text(encoding="utf-8")
_MAGIC = b"CLE-RESULT-1\n"
_LIB = Path(__file__).resolve().parent


class NotStorable(TypeError):
    """A value this module does not write (it stays in memory only)."""


def enabled() -> bool:
    """Whether results are stored and read (``LIFECYCLE_STORE_RESULTS`` is not ``0``)."""
    return switch(ENABLED_ENV)


# --- the code version ------------------------------------------------------------------------------------

_code_version: str | None = None


def code_version() -> str:
    """A hash of every ``.py`` and ``.sql`` file under lib/ (paths and contents): any change of
    a rule, a query or a model is a new version, whose results are computed afresh."""
    global _code_version
    if _code_version is None:
        h = hashlib.sha256()
        for p in sorted(_LIB.rglob("*")):
            if p.suffix in (".py", ".sql") and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(_LIB)).encode())
                h.update(p.read_bytes())
        _code_version = h.hexdigest()[:20]
    return _code_version


# --- encoding -------------------------------------------------------------------------------------------

def _class_path(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _lib_class(path: str) -> type:
    """The class ``module:qualname``, only if it is defined in lib/ (never anything else)."""
    module, _, qualname = path.partition(":")
    if not (module == "lib" or module.startswith("lib.")) or not qualname:
        raise ValueError(f"stored result names a class outside lib: {path!r}")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, type) or obj.__module__ != module:
        raise ValueError(f"stored result names no class of lib: {path!r}")
    return obj


class _Writer:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def part(self, data: bytes) -> int:
        self.parts.append(data)
        return len(self.parts) - 1

    def enc(self, v: Any) -> Any:  # noqa: C901  (one branch per type, flat on purpose)
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int) and not isinstance(v, np.integer):
            return v
        if isinstance(v, float):
            return {"$float": repr(v)}   # nan and inf too
        if isinstance(v, np.generic):
            if v.dtype.kind not in "biuf":
                raise NotStorable(f"numpy scalar of dtype {v.dtype}")
            return {"$np": v.dtype.str, "v": repr(v.item())}
        if isinstance(v, pd.Timestamp):
            return {"$timestamp": v.isoformat()}
        if isinstance(v, datetime):
            return {"$datetime": v.isoformat()}
        if isinstance(v, date):
            return {"$date": v.isoformat()}
        if isinstance(v, pd.DataFrame):
            return {"$frame": self.part(_frame_bytes(v))}
        if isinstance(v, pd.Series):
            return {"$series": self.part(_frame_bytes(v.to_frame("v"))), "name": self.enc(v.name)}
        if isinstance(v, np.ndarray):
            if v.dtype.kind in "biufcmM":
                buf = io.BytesIO()
                np.save(buf, v, allow_pickle=False)
                raw = buf.getvalue()
                if len(raw) < COMPRESS_FROM:
                    return {"$array": self.part(raw)}
                return {"$array": self.part(pa.compress(raw, codec="lz4", asbytes=True)), "lz4": len(raw)}
            if v.dtype.kind == "O" and v.ndim == 1:
                return {"$objects": [self.enc(x) for x in v.tolist()]}
            raise NotStorable(f"numpy array of dtype {v.dtype}")
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            cls = type(v)
            _check_lib(cls)
            return {"$dataclass": _class_path(cls),
                    "fields": {f.name: self.enc(getattr(v, f.name)) for f in dataclasses.fields(v)}}
        if isinstance(v, tuple) and hasattr(type(v), "_fields"):
            cls = type(v)
            _check_lib(cls)
            return {"$namedtuple": _class_path(cls), "items": [self.enc(x) for x in v]}
        if isinstance(v, tuple):
            return {"$tuple": [self.enc(x) for x in v]}
        if isinstance(v, list):
            return {"$list": [self.enc(x) for x in v]}
        if isinstance(v, dict):
            return {"$dict": [[self.enc(k), self.enc(x)] for k, x in v.items()]}
        if isinstance(v, frozenset):
            return {"$frozenset": [self.enc(x) for x in v]}
        raise NotStorable(f"a value of type {type(v).__module__}.{type(v).__qualname__}")


def _check_lib(cls: type) -> None:
    if not (cls.__module__ == "lib" or cls.__module__.startswith("lib.")):
        raise NotStorable(f"class {_class_path(cls)} is not defined in lib")


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    if any(frame[c].dtype == object for c in frame.columns) and not _plain_objects(frame):
        raise NotStorable("a frame column holds values other than text, dates and numbers")
    try:
        table = pa.Table.from_pandas(frame, preserve_index=None)   # a RangeIndex as metadata only
    except (pa.ArrowException, TypeError, ValueError) as exc:
        raise NotStorable(f"frame not convertible to Arrow: {exc}") from None
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression="lz4")) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _plain_objects(frame: pd.DataFrame) -> bool:
    """Whether every object column holds only text, dates, numbers, booleans and missing values
    (what Arrow gives back as it was: a list or a dict would come back as an array)."""
    for c in frame.columns:
        col = frame[c]
        if col.dtype != object:
            continue
        kinds = {type(x) for x in col.dropna().head(10_000)} if len(col) else set()
        if not kinds <= {str, date, datetime, pd.Timestamp, int, float, bool, bytes, np.float64, np.int64}:
            return False
    return True


def encode(value: Any) -> bytes:
    """``value`` as bytes: a header (JSON tree, part lengths) and the binary parts.

    Raises :class:`NotStorable` for a value that holds anything but None, bool, int, float,
    str, date/datetime, tuple, list, dict, frozenset, numpy scalars and arrays, pandas frames and
    series, and dataclasses or named tuples of lib.

    Examples
    --------
    >>> decode(encode({"a": (1, 2.5, date(2025, 1, 31)), "b": [None, "x"]}))
    {'a': (1, 2.5, datetime.date(2025, 1, 31)), 'b': [None, 'x']}
    """
    w = _Writer()
    tree = w.enc(value)
    header = json.dumps({"tree": tree, "parts": [len(p) for p in w.parts]}, separators=(",", ":")).encode()
    return b"".join([_MAGIC, struct.pack("<Q", len(header)), header, *w.parts])


def decode(blob: bytes) -> Any:
    """The value :func:`encode` wrote. Raises ValueError for bytes it did not write."""
    if not blob.startswith(_MAGIC):
        raise ValueError("not a stored result")
    pos = len(_MAGIC)
    (n,) = struct.unpack_from("<Q", blob, pos)
    pos += 8
    header = json.loads(blob[pos:pos + n])
    pos += n
    parts = []
    for size in header["parts"]:
        parts.append(memoryview(blob)[pos:pos + size])
        pos += size
    if pos != len(blob):
        raise ValueError("stored result has a wrong length")
    return _dec(header["tree"], parts)


def _dec(t: Any, parts: list) -> Any:  # noqa: C901
    if t is None or isinstance(t, (bool, str, int)):
        return t
    if not isinstance(t, dict) or len(t) < 1:
        raise ValueError("stored result: bad node")
    tag = next(iter(t))
    if tag == "$float":
        return float(t[tag])
    if tag == "$np":
        dtype = np.dtype(t[tag])
        if dtype.kind not in "biuf":
            raise ValueError("stored result: bad numpy scalar")
        return dtype.type(float(t["v"]) if dtype.kind == "f" else int(t["v"]) if dtype.kind in "iu"
                          else t["v"] == "True")
    if tag == "$timestamp":
        return pd.Timestamp(t[tag])
    if tag == "$datetime":
        return datetime.fromisoformat(t[tag])
    if tag == "$date":
        return date.fromisoformat(t[tag])
    if tag == "$frame":
        return _frame(parts[t[tag]])
    if tag == "$series":
        s = _frame(parts[t[tag]])["v"]
        s.name = _dec(t["name"], parts)
        return s
    if tag == "$array":
        data = parts[t[tag]]
        if "lz4" in t:
            size = t["lz4"]
            if not isinstance(size, int) or not 0 <= size <= MAX_UNPACKED:
                raise ValueError("stored result: bad array size")
            data = pa.decompress(data, decompressed_size=size, codec="lz4", asbytes=True)
        return np.load(io.BytesIO(data), allow_pickle=False)
    if tag == "$objects":
        out = np.empty(len(t[tag]), dtype=object)
        out[:] = [_dec(x, parts) for x in t[tag]]
        return out
    if tag == "$dataclass":
        cls = _lib_class(t[tag])
        if not dataclasses.is_dataclass(cls):
            raise ValueError("stored result: not a dataclass")
        names = {f.name for f in dataclasses.fields(cls)}
        if set(t["fields"]) != names:
            raise ValueError(f"stored result: fields of {t[tag]} differ")
        obj = object.__new__(cls)
        for name, v in t["fields"].items():   # no __init__/__post_init__: nothing of the class runs
            object.__setattr__(obj, name, _dec(v, parts))
        return obj
    if tag == "$namedtuple":
        cls = _lib_class(t[tag])
        if not (issubclass(cls, tuple) and hasattr(cls, "_fields")):
            raise ValueError("stored result: not a named tuple")
        return tuple.__new__(cls, [_dec(x, parts) for x in t["items"]])
    if tag == "$tuple":
        return tuple(_dec(x, parts) for x in t[tag])
    if tag == "$list":
        return [_dec(x, parts) for x in t[tag]]
    if tag == "$dict":
        return {_dec(k, parts): _dec(v, parts) for k, v in t[tag]}
    if tag == "$frozenset":
        return frozenset(_dec(x, parts) for x in t[tag])
    raise ValueError(f"stored result: unknown node {tag!r}")


def _frame(data) -> pd.DataFrame:
    with pa.ipc.open_stream(pa.py_buffer(data)) as reader:
        table = reader.read_all()
    return table.to_pandas()


# --- the key ----------------------------------------------------------------------------------------------

def result_key(loader: str, args: tuple, kwargs: dict) -> str:
    """The stored key of ``loader`` called with ``args`` (the dataset key first, of which only
    the id counts: the file is where the row lives) and ``kwargs``, under this code version.

    Examples
    --------
    >>> from lib.lifecycle import Thresholds
    >>> a = result_key("lib.loaders.x.f", (date(2025, 1, 1), Thresholds()), {})
    >>> a == result_key("lib.loaders.x.f", (date(2025, 1, 1), Thresholds()), {})
    True
    >>> a == result_key("lib.loaders.x.f", (date(2025, 1, 1), Thresholds(new_days=60)), {})
    False
    """
    w = _Writer()
    tree = {"loader": loader, "args": w.enc(tuple(args)), "kwargs": w.enc(dict(sorted(kwargs.items()))),
            "code": code_version()}
    h = hashlib.sha256(json.dumps(tree, sort_keys=True, separators=(",", ":")).encode())
    for p in w.parts:
        h.update(p)
    return h.hexdigest()


# --- the table ------------------------------------------------------------------------------------------

#: Each stored payload is a table of its own, ``stored_result_<dataset id>_<key>``: DuckDB keeps a
#: table's rows in row groups of 122,880 and reads a blob column a whole row group at a time, so
#: payloads sharing one table cost every lookup the bytes of all of them (1.1-1.9 s on a 1M-customer
#: file); in tables of their own a lookup reads only its own.
PAYLOAD_PREFIX = "stored_result_"


def payload_table(dataset_id: int, key: str) -> str:
    """The table holding the payload of ``key`` of dataset ``dataset_id`` (a name of digits and hex only)."""
    return f"{PAYLOAD_PREFIX}{int(dataset_id)}_{key[:40]}"


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= 64 and all(c in "0123456789abcdef" for c in key)


def lookup(con: duckdb.DuckDBPyConnection, dataset_id: int, key: str) -> tuple[bool, Any]:
    """(True, the stored value) for ``key``, or (False, None) when there is none (or the store
    cannot be read, or the row does not decode). Marks the row as used."""
    if not _valid_key(key):
        return False, None
    try:
        if not con.execute(load("results_lookup"), {"dataset_id": dataset_id, "key": key}).fetchall():
            return False, None
        rows = con.execute(f'SELECT payload FROM "{payload_table(dataset_id, key)}"').fetchall()
    except duckdb.CatalogException:
        return False, None   # no table yet
    except duckdb.Error as exc:
        log.warning("stored results not readable: %s", exc)
        return False, None
    if not rows:
        return False, None
    try:
        value = decode(bytes(rows[0][0]))
    except Exception as exc:   # a row of an unknown shape is as good as none
        log.warning("stored result %s not readable: %s", key[:12], exc)
        return False, None
    _submit(_touch, con, dataset_id, key)
    return True, value


def _touch(con: duckdb.DuckDBPyConnection, dataset_id: int, key: str) -> None:
    with _write_lock:
        cur = con.cursor()
        try:
            cur.execute(load("results_touch"), {"dataset_id": dataset_id, "key": key, "now": datetime.now()})
        finally:
            cur.close()


def store(con: duckdb.DuckDBPyConnection, dataset_id: int, loader: str, key: str, value: Any,
          seconds: float) -> Future | None:
    """Store ``value`` under ``key`` in the background (a Future; None when it is not worth it:
    computed in under :data:`MIN_SECONDS`). ``con``: a connection of the database file (a cursor
    of it is taken on the writing thread)."""
    if seconds < MIN_SECONDS or not _valid_key(key):
        return None
    return _submit(_write, con, dataset_id, loader, key, value, seconds)


def _write(con: duckdb.DuckDBPyConnection, dataset_id: int, loader: str, key: str, value: Any,
           seconds: float) -> bool:
    try:
        blob = encode(value)
    except NotStorable as exc:
        log.info("%s not stored: %s", loader, exc)
        return False
    if len(blob) > MAX_BYTES:
        return False
    with _write_lock:
        return _write_blob(con, dataset_id, loader, key, blob, seconds)


def _write_blob(con: duckdb.DuckDBPyConnection, dataset_id: int, loader: str, key: str, blob: bytes,
                seconds: float) -> bool:
    cur = con.cursor()
    try:
        _prepare_table(cur)
        now = datetime.now()
        table = payload_table(dataset_id, key)
        cur.execute("BEGIN TRANSACTION")
        try:
            cur.execute(load("results_delete_key"), {"dataset_id": dataset_id, "key": key})
            cur.execute(f'DROP TABLE IF EXISTS "{table}"')
            cur.execute(f'CREATE TABLE "{table}" (payload BLOB NOT NULL)')
            cur.execute(f'INSERT INTO "{table}" VALUES ($payload)', {"payload": blob})
            cur.execute(load("results_insert"), {
                "dataset_id": dataset_id, "loader": loader, "key": key, "code": code_version(),
                "bytes": len(blob), "seconds": float(seconds), "now": now})
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        _trim(cur)
        return True
    finally:
        cur.close()


_prepared: set[str] = set()


def _payload_tables(cur: duckdb.DuckDBPyConnection, dataset_id: int | None = None) -> list[str]:
    """The payload tables of the file (of ``dataset_id`` only, when given)."""
    prefix = PAYLOAD_PREFIX if dataset_id is None else f"{PAYLOAD_PREFIX}{int(dataset_id)}_"
    return [r[0] for r in cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND starts_with(table_name, ?)", [prefix]).fetchall()]


def _drop(cur: duckdb.DuckDBPyConnection, tables) -> None:
    for table in tables:   # names of this module's own making (digits and hex), read from the catalogue
        cur.execute(f'DROP TABLE IF EXISTS "{table}"')


def _prepare_table(cur: duckdb.DuckDBPyConnection) -> None:
    """Create the table, and once per process and database file: drop the table of a file written
    by an older version (with the payloads in it: they are copies, so it loses them) and delete the
    rows of other code versions, of datasets that no longer exist and payload tables without a row."""
    path = cur.execute("SELECT coalesce(path, database_name) FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchall()[0][0]
    if path in _prepared:
        cur.execute(SCHEMA)   # :func:`clear` may have dropped it since
        return
    if "payload" in {r[0] for r in cur.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND table_name = 'stored_results'").fetchall()}:
        cur.execute("DROP TABLE stored_results")
    cur.execute(SCHEMA)
    cur.execute("BEGIN TRANSACTION")
    try:
        cur.execute(load("results_delete_stale"), {"code": code_version()})
        kept = {payload_table(ds, key) for ds, key in cur.execute("SELECT dataset_id, key FROM stored_results").fetchall()}
        _drop(cur, [t for t in _payload_tables(cur) if t not in kept])
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    _prepared.add(path)


def _trim(cur: duckdb.DuckDBPyConnection) -> None:
    total = cur.execute("SELECT coalesce(sum(bytes), 0) FROM stored_results").fetchall()[0][0]
    if total > MAX_TOTAL_BYTES:
        cur.execute("BEGIN TRANSACTION")
        try:
            gone = cur.execute(load("results_trim"), {"max_bytes": MAX_TOTAL_BYTES}).fetchall()
            _drop(cur, [payload_table(ds, key) for ds, key in gone])
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise


def clear(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every stored result of the file (the bench measures first visits after it)."""
    _drop(con, _payload_tables(con))
    con.execute("DROP TABLE IF EXISTS stored_results")


def delete(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Delete the stored results of ``dataset_id`` (inside the caller's transaction; nothing to
    do in a file without the table)."""
    _drop(con, _payload_tables(con, dataset_id))
    if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
                   "AND table_name = 'stored_results'").fetchall()[0][0]:
        con.execute("DELETE FROM stored_results WHERE dataset_id = ?", [dataset_id])


# --- the background writer ----------------------------------------------------------------------------------

_executor: ThreadPoolExecutor | None = None
_pending: list[Future] = []
_lock = threading.Lock()
#: Held while the writer writes or touches a row, and by :func:`writes_held`.
_write_lock = threading.Lock()
_holder: int | None = None   # the thread inside :func:`writes_held`


@contextlib.contextmanager
def writes_held():
    """Hold the background writer for the block: it finishes the write under way, and no stored
    result is written or marked as used until the block ends. For a transaction that deletes a
    dataset's rows (an import replacing it, a dataset dropped, derived tables rebuilt): the
    writer changing the same rows meanwhile would make that transaction fail at its commit (a
    write-write conflict), an import of minutes included. Writes asked for meanwhile wait."""
    global _holder
    with _write_lock:
        _holder = threading.get_ident()
        try:
            yield
        finally:
            _holder = None


def lower_priority() -> None:
    """Run the writer thread at a lower priority (Linux: a thread's nice value), so encoding and
    writing give way to the pages computing on the same cores."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass


def _submit(fn: Callable, *args) -> Future:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stored-results",
                                           initializer=lower_priority)
        fut = _executor.submit(_quiet, fn, *args)
        _pending[:] = [f for f in _pending if not f.done()] + [fut]
    return fut


def _quiet(fn: Callable, *args):
    try:
        return fn(*args)
    except Exception as exc:   # a busy or read-only database: not stored this time
        log.info("stored results: %s skipped: %s", fn.__name__, exc)
        return False


def flush(timeout: float | None = 60) -> None:
    """Wait until every write submitted so far is done (tests, and the app before it stops);
    inside :func:`writes_held` nothing to wait for (the writes wait for the block)."""
    if _holder == threading.get_ident():
        return
    with _lock:
        pending = list(_pending)
    deadline = None if timeout is None else time.monotonic() + timeout
    for fut in pending:
        fut.result(None if deadline is None else max(0.0, deadline - time.monotonic()))


def remembered(loader: str, fn: Callable, con_of: Callable, args: tuple, kwargs: dict) -> Any:
    """``fn(*args, **kwargs)``, read from the store when it holds the result, else computed and
    stored (in the background). ``args[0]`` is the loader's dataset key (``.dataset_id``);
    ``con_of(args[0])`` gives a connection of its database file."""
    ds_key = args[0] if args else None
    if not enabled() or not hasattr(ds_key, "dataset_id"):
        return fn(*args, **kwargs)
    con = con_of(ds_key)
    key = result_key(loader, args[1:], kwargs)
    found, value = lookup(con, ds_key.dataset_id, key)
    if found:
        return value
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    store(con, ds_key.dataset_id, loader, key, value, time.perf_counter() - t0)
    return value
