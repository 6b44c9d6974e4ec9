"""Stored results (lib/results.py): the encoding round-trips every kind of loader result without
pickle, a restarted process reads a stored result instead of computing it, and a replaced or
dropped dataset, another setting or another code version never gets an old one."""
from __future__ import annotations

import dataclasses
import io
import json
import os
import struct
import subprocess
import sys
import time
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from lib import db, demo, derived, results, risk, value
from lib import lifecycle as lc
from lib.loaders import DatasetKey
from tests.conftest import ROOT


def same(a, b) -> bool:
    """Deep equality of two loader results (frames exactly, dtypes and index included)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        return True
    if isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True)
        return True
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and np.isnan(a):
        return np.isnan(b)
    return a == b


def test_encoding_round_trips_frames_arrays_and_lib_dataclasses(demo_con):
    frame = pd.DataFrame({
        "customer_id": ["K1", "K2", None], "day": [date(2025, 1, 1), None, date(2025, 3, 1)],
        "amount": [1.5, np.nan, -2.25], "n": np.array([1, 2, 3], dtype=np.int32),
        "flag": [True, False, True], "stage": pd.Categorical(["new", "lost", "new"]),
        "count": pd.array([1, None, 3], dtype="Int64"), "ts": pd.to_datetime(["2025-01-01", None, "2025-02-01"]),
    }, index=pd.Index([10, 20, 30], name="row"))
    value_in = {
        "frame": frame, "series": pd.Series([1.0, 2.0], name="p"), "ints": np.arange(5, dtype=np.int16),
        "floats": np.array([np.nan, np.inf, 1.0]), "scalar": np.float32(0.5), "count": np.int64(7),
        "nested": (lc.Thresholds(new_days=30), [date(2024, 2, 29), datetime(2024, 1, 1, 12, 30)], frozenset({1})),
        "nan": float("nan"), "none": None, 3: "int key",
    }
    assert same(results.decode(results.encode(value_in)), value_in)
    big = np.tile(np.arange(1000, dtype=float), 200)   # 1.6 MB: written compressed
    encoded = results.encode({"a": big})
    assert len(encoded) < big.nbytes / 4 and np.array_equal(results.decode(encoded)["a"], big)
    ds = db.dataset_id(demo_con, "demo")
    assessment = risk.assess(demo_con, ds, date(2025, 12, 31))
    back = results.decode(results.encode(assessment))
    assert type(back) is risk.Assessment and same(back, assessment)
    assert back.scorer().method == assessment.scorer().method   # methods of the restored class work
    model = value.clv_model(demo_con, ds, date(2025, 12, 31))
    assert same(results.decode(results.encode(model)), model)


@dataclasses.dataclass(frozen=True)
class Foreign:
    x: int


def test_only_lib_classes_and_plain_values_are_stored_and_read():
    with pytest.raises(results.NotStorable):
        results.encode(Foreign(1))                      # a class outside lib/
    with pytest.raises(results.NotStorable):
        results.encode({"f": len})                      # a function
    with pytest.raises(results.NotStorable):
        results.encode(pd.DataFrame({"a": [[1, 2], [3]]}))  # lists would come back as arrays
    # a row naming a class outside lib, or holding a pickled numpy array, is refused, never run
    with pytest.raises(ValueError, match="outside lib"):
        results.decode(blob({"$dataclass": "os:system", "fields": {}}))
    with pytest.raises(ValueError, match="outside lib"):
        results.decode(blob({"$namedtuple": "subprocess:Popen", "items": []}))
    buf = io.BytesIO()
    np.save(buf, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="pickle"):
        results.decode(blob({"$array": 0}, [buf.getvalue()]))
    with pytest.raises(ValueError, match="bad array size"):   # a compressed array claiming too much
        results.decode(blob({"$array": 0, "lz4": 2**40}, [b"x"]))
    with pytest.raises(ValueError):
        results.decode(b"\x80\x04garbage")


def blob(tree, parts=()) -> bytes:
    """A stored result written by hand (as someone else could write one into the file)."""
    header = json.dumps({"tree": tree, "parts": [len(p) for p in parts]}).encode()
    return results._MAGIC + struct.pack("<Q", len(header)) + header + b"".join(parts)


def fresh_db(tmp_path, customers=300, seed=5):
    path = tmp_path / "store.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=customers, seed=seed)
    return path, con


def calls_of(fn):
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return fn(*args, **kwargs)
    return counted, calls


@pytest.fixture
def store_everything(monkeypatch):
    monkeypatch.setattr(results, "MIN_SECONDS", 0.0)
    monkeypatch.delenv(results.ENABLED_ENV, raising=False)


def test_a_reopened_database_serves_the_stored_result(tmp_path, store_everything):
    path, con = fresh_db(tmp_path)
    key = DatasetKey(str(path), db.dataset_id(con, "demo"))
    as_of = date(2025, 12, 31)
    compute, calls = calls_of(lambda k, d, s: risk.assess(con, k.dataset_id, d, s))
    first = results.remembered("test.assess", compute, lambda k: con, (key, as_of, risk.Settings()), {})
    results.flush()
    con.close()   # "restart": a new connection to the file, nothing in memory
    con = db.connect(path)
    refuse = lambda *a: pytest.fail("computed again although it was stored")  # noqa: E731
    again = results.remembered("test.assess", refuse, lambda k: con, (key, as_of, risk.Settings()), {})
    assert len(calls) == 1 and same(again, first)
    # a changed setting is another key: computed
    other = results.remembered("test.assess", compute, lambda k: con, (key, as_of, risk.Settings(window=60)), {})
    assert len(calls) == 2 and other.settings.window == 60
    # so is another as-of date and another loader name
    results.remembered("test.assess", compute, lambda k: con, (key, date(2025, 6, 30), risk.Settings()), {})
    results.remembered("test.other", compute, lambda k: con, (key, as_of, risk.Settings()), {})
    assert len(calls) == 4
    results.flush()
    assert con.execute("SELECT count(*) FROM stored_results").fetchall()[0][0] == 4
    con.close()


def test_a_replaced_or_dropped_dataset_never_gets_an_old_result(tmp_path, store_everything):
    path, con = fresh_db(tmp_path)
    old = DatasetKey(str(path), db.dataset_id(con, "demo"))
    as_of = date(2025, 12, 31)
    compute, calls = calls_of(lambda k, d: value.clv_model(con, k.dataset_id, d))
    results.remembered("test.clv", compute, lambda k: con, (old, as_of), {})
    results.flush()
    demo.generate(con, "demo", customers=200, seed=9)   # replaced: a fresh id, the old rows are gone
    new = DatasetKey(str(path), db.dataset_id(con, "demo"))
    assert new.dataset_id != old.dataset_id
    assert con.execute("SELECT count(*) FROM stored_results WHERE dataset_id = ?", [old.dataset_id]).fetchall() == [(0,)]
    fitted = results.remembered("test.clv", compute, lambda k: con, (new, as_of), {})
    assert len(calls) == 2 and fitted is not None
    results.flush()
    assert con.execute("SELECT count(*) FROM stored_results WHERE dataset_id = ?", [new.dataset_id]).fetchall() == [(1,)]
    db.drop_dataset(con, "demo")
    assert con.execute("SELECT count(*) FROM stored_results").fetchall() == [(0,)]
    con.close()


def test_a_rebuild_of_the_derived_tables_and_another_code_version_discard_stored_results(
        tmp_path, store_everything, monkeypatch):
    path, con = fresh_db(tmp_path)
    key = DatasetKey(str(path), db.dataset_id(con, "demo"))
    compute, calls = calls_of(lambda k, d: d.isoformat())
    results.remembered("test.text", compute, lambda k: con, (key, date(2025, 1, 1)), {})
    results.flush()
    con.execute("BEGIN TRANSACTION")
    derived.build(con, key.dataset_id)
    con.execute("COMMIT")
    assert con.execute("SELECT count(*) FROM stored_results").fetchall() == [(0,)]
    results.remembered("test.text", compute, lambda k: con, (key, date(2025, 1, 1)), {})
    results.flush()
    # another code version (any file of lib/ changed): the old rows are never read, and deleted
    monkeypatch.setattr(results, "_code_version", "another-version")
    monkeypatch.setattr(results, "_prepared", set())
    results.remembered("test.text", compute, lambda k: con, (key, date(2025, 1, 1)), {})
    results.flush()
    assert len(calls) == 3
    assert con.execute("SELECT code FROM stored_results").fetchall() == [("another-version",)]
    con.close()


def test_cheap_results_a_read_only_file_and_the_switch_store_nothing(tmp_path, monkeypatch):
    path, con = fresh_db(tmp_path)
    key = DatasetKey(str(path), db.dataset_id(con, "demo"))
    monkeypatch.setattr(results, "MIN_SECONDS", 10.0)
    results.remembered("test.cheap", lambda k: 1, lambda k: con, (key,), {})
    results.flush()
    con.close()
    ro = db.connect(path, read_only=True)
    monkeypatch.setattr(results, "MIN_SECONDS", 0.0)
    assert results.remembered("test.ro", lambda k: 2, lambda k: ro, (key,), {}) == 2   # not stored, no error
    results.flush()
    assert ro.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'stored_results'"
                      ).fetchall() == [(0,)]
    ro.close()
    con = db.connect(path)
    monkeypatch.setenv(results.ENABLED_ENV, "0")
    results.remembered("test.off", lambda k: 3, lambda k: con, (key,), {})
    results.flush()
    assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'stored_results'"
                       ).fetchall() == [(0,)]
    con.close()


def test_the_store_keeps_the_most_recently_used_within_its_limit(tmp_path, store_everything, monkeypatch):
    path, con = fresh_db(tmp_path, customers=50)
    key = DatasetKey(str(path), db.dataset_id(con, "demo"))
    blob = len(results.encode(np.zeros(1000)))
    monkeypatch.setattr(results, "MAX_TOTAL_BYTES", 3 * blob)
    for i in range(5):
        results.remembered("test.zeros", lambda k, i: np.zeros(1000) + i, lambda k: con, (key, i), {})
        results.flush()
    left = sorted(int(results.lookup(con, key.dataset_id, k)[1][0]) for (k,) in con.execute("SELECT key FROM stored_results").fetchall())
    assert left == [2, 3, 4]
    results.flush()
    # each payload is a table of its own; the trimmed ones' tables are gone, and so are the rest
    # with their dataset
    assert len(results._payload_tables(con)) == 3
    db.drop_dataset(con, "demo")
    assert results._payload_tables(con) == []
    assert con.execute("SELECT count(*) FROM stored_results").fetchall() == [(0,)]
    con.close()


def test_a_file_with_the_older_store_layout_is_read_as_empty_and_rewritten(tmp_path, store_everything, monkeypatch):
    """Files written before payloads got tables of their own had them in a ``payload`` column."""
    path, con = fresh_db(tmp_path, customers=50)
    monkeypatch.setattr(results, "_prepared", set())
    key = DatasetKey(str(path), db.dataset_id(con, "demo"))
    con.execute("CREATE TABLE stored_results (dataset_id INTEGER, loader VARCHAR, key VARCHAR, code VARCHAR, "
                "bytes BIGINT, seconds DOUBLE, stored_at TIMESTAMP, used_at TIMESTAMP, payload BLOB)")
    k = results.result_key("test.old", (1,), {})
    con.execute("INSERT INTO stored_results VALUES (?, 'test.old', ?, ?, 1, 9, now(), now(), ?)",
                [key.dataset_id, k, results.code_version(), results.encode(41)])
    assert results.lookup(con, key.dataset_id, k) == (False, None)
    assert results.remembered("test.old", lambda k, i: 42, lambda k: con, (key, 1), {}) == 42
    results.flush()
    assert results.lookup(con, key.dataset_id, k) == (True, 42)
    results.flush()
    con.close()


RESTARTED_PAGE = """
import json, sys
from lib import results, risk
results.MIN_SECONDS = 0.0   # the small test dataset computes quickly: store everything
def refuse(*a, **k):
    raise AssertionError("the assessment was computed although it was stored")
if sys.argv[1] == "refuse":
    risk.assess = refuse
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("pages/risk.py", default_timeout=120)
at.query_params.update({"lang": "en", "dataset": "demo"})
at.run()
results.flush()
print(json.dumps({"exception": [e.message for e in at.exception],
                  "metrics": [m.value for m in at.metric]}))
"""


def test_a_restarted_app_shows_the_risk_page_from_the_stored_assessment(tmp_path):
    """Two processes, one after the other, on one file: the second shows the same numbers while
    computing the assessment would fail."""
    path, con = fresh_db(tmp_path, customers=400)
    con.close()
    env = {**os.environ, "LIFECYCLE_DB": str(path), "PYTHONPATH": str(ROOT)}
    env.pop(results.ENABLED_ENV, None)

    def page(mode):
        out = subprocess.run([sys.executable, "-c", RESTARTED_PAGE, mode], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=300)
        assert out.returncode == 0, out.stderr[-2000:]
        return json.loads(out.stdout.strip().splitlines()[-1])

    first = page("compute")
    assert first["exception"] == [] and first["metrics"]
    con = db.connect(path, read_only=True)
    loaders = {r[0] for r in con.execute("SELECT loader FROM stored_results").fetchall()}
    con.close()
    assert "lib.loaders.risk.assessment" in loaders
    second = page("refuse")
    assert second == first


def test_a_loader_cached_without_storing_never_reads_or_writes_the_file(monkeypatch):
    # the story's slides hold a chart (not storable) and are built from stored loaders: a lookup in
    # the file for them would cost a read on every first call and never find anything
    from lib import loaders
    from lib.loaders import story as story_load

    calls = []
    monkeypatch.setattr(results, "remembered", lambda name, fn, con_of, args, kwargs: calls.append(name) or "kept")

    @loaders.cached
    def stored_one(key, x):
        return x

    @loaders.cached(stored=False)
    def memory_only(key, x):
        return x * 2

    key = DatasetKey("/nowhere.duckdb", 1)
    assert stored_one(key, 3) == "kept" and calls == [f"{__name__}.test_a_loader_cached_without_storing_never_reads_or_writes_the_file.<locals>.stored_one"]
    assert memory_only(key, 3) == 6 and len(calls) == 1
    assert memory_only(key, 3) == 6 and len(calls) == 1      # the memory cache still answers
    calls.clear()
    monkeypatch.setattr(story_load.story, "build", lambda *a, **k: "slide")
    monkeypatch.setattr(story_load, "con", lambda key: None)
    assert story_load.slide(DatasetKey("/nowhere-2.duckdb", 2), date(2025, 1, 1), "stages", "en", False) == "slide"
    assert calls == []


def test_a_dataset_dropped_while_the_writer_works_is_dropped_and_nothing_is_written_meanwhile(tmp_path,
                                                                                              store_everything):
    """A change that deletes a dataset's rows holds the writer (results.writes_held): a result
    stored or read (which marks its row as used) meanwhile waits, so the change does not fail
    at its commit on a write-write conflict with the writer."""
    path, con = fresh_db(tmp_path)
    ds = db.dataset_id(con, "demo")
    key = DatasetKey(str(path), ds)
    results.remembered("test.kept", lambda k: 1, lambda k: con, (key,), {})
    results.flush()
    with results.writes_held():
        assert results.remembered("test.kept", lambda k: pytest.fail("stored"), lambda k: con, (key,), {}) == 1
        future = results.store(con, ds, "test.later", "ab" * 20, 2, 1.0)   # asked for inside the block
        results.flush()   # the holder does not wait for the writes it holds up
        time.sleep(0.3)
        assert not future.done()
        assert con.execute("SELECT count(*) FROM stored_results").fetchall() == [(1,)]
    assert future.result(timeout=30) is True
    assert sorted(r[0] for r in con.execute("SELECT loader FROM stored_results").fetchall()) == ["test.kept", "test.later"]
    db.drop_dataset(con, "demo")   # with the writer idle or held: never a conflict
    assert con.execute("SELECT count(*) FROM stored_results").fetchall() == [(0,)]
    con.close()
