"""``python -m lib serve`` (lib/ui/serve.py, what ``make run`` starts): the pages' modules are
imported before the server answers, and the first dataset's default views are read (or computed
and stored) right after it starts, before anyone opens a page."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

import lib.loaders as loaders
from lib import clv, db, demo, recovery, results, risk, story, value, whatif
from lib.loaders import DatasetKey, warm
from lib.loaders import story as story_load
from lib.ui import serve
from tests.conftest import ROOT


@pytest.fixture
def small_db(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "MIN_SECONDS", 0.0)   # the small dataset computes quickly: store everything
    monkeypatch.delenv(results.ENABLED_ENV, raising=False)
    monkeypatch.setattr(warm, "_runs", {})
    path = tmp_path / "serve.duckdb"
    con = db.connect(path)
    demo.generate(con, "first", customers=300, seed=5)
    demo.generate(con, "second", customers=200, seed=6)
    con.close()
    return str(path)


def _ids(path: str) -> dict[str, int]:
    return dict(loaders.cursor(path).execute("SELECT name, id FROM datasets").fetchall())


def test_preload_warms_the_first_dataset_into_this_process(small_db, monkeypatch):
    key = serve.preload(small_db, wait_s=0)
    assert key == DatasetKey(small_db, _ids(small_db)["first"])   # the one the sidebar opens with
    assert warm.claim(key) is False   # a page opening it now starts no second warm-up

    def refuse(*a, **k):
        raise AssertionError("computed although the preload had it")

    for module, name in ((risk, "assess"), (risk, "backtest"), (value, "clv_model"), (recovery, "loyalty"),
                         (whatif, "baseline"), (clv, "fit_bgnbd")):
        monkeypatch.setattr(module, name, refuse)
    as_of = db.last_transaction_date(loaders.cursor(small_db), key.dataset_id)
    slides = [story_load.slide(key, as_of, s.id, "de", False) for s in story.STEPS]
    assert all(s.ok for s in slides) and len(slides) == 12
    loaders.release(small_db)


def test_while_the_preload_warms_the_sidebar_can_say_so(small_db, monkeypatch):
    """From before the derived tables are built until the warm-up ends, the dataset's warm-up is
    running (the sidebar's note, lib/ui); a failed warm-up is no preloaded dataset."""
    seen = []

    def noting(key, as_of=None, progress=None):
        run = warm.running(key)
        seen.append((run, run is not None and run.finished))
        return {}

    monkeypatch.setattr(warm, "warm", noting)
    key = serve.preload(small_db, wait_s=0)
    assert len(seen) == 1 and seen[0][0] is not None and seen[0][1] is False   # running while it warmed
    assert warm.running(key) is None and seen[0][0].finished and not seen[0][0].stopped

    def broken(key, as_of=None, progress=None):
        raise OSError("disk full")

    monkeypatch.setattr(warm, "_runs", {})
    monkeypatch.setattr(warm, "warm", broken)
    assert serve.preload(small_db, wait_s=0) is None
    assert warm._runs[(key.db_path, key.dataset_id)].stopped
    assert warm.claim(key) is True   # a page opening the dataset later may try again
    loaders.release(small_db)


def test_preload_of_a_named_dataset_and_of_nothing(small_db, tmp_path):
    assert serve.preload(small_db, "second", wait_s=0) == DatasetKey(small_db, _ids(small_db)["second"])
    assert serve.preload(small_db, "nope", wait_s=0) is None
    loaders.release(small_db)
    empty = str(tmp_path / "empty.duckdb")
    db.connect(empty).close()
    assert serve.preload(empty, wait_s=0) is None
    loaders.release(empty)


def test_the_command_serves_the_app_and_preloads_the_first_dataset(small_db):
    first = _ids(small_db)["first"]
    loaders.release(small_db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), warm.ENABLED_ENV: "1"}
    proc = subprocess.Popen([sys.executable, "-m", "lib", "serve", "--db", small_db, "--port", str(port),
                             "--address", "127.0.0.1"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any("preload" in line for line in lines):
            time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        reader.join(timeout=10)
    log = "".join(lines)
    assert "modules imported" in log and f"preloaded dataset {first} of {small_db}" in log, log[-2000:]


def test_a_file_that_cannot_be_read_only_logs_a_warning(tmp_path, caplog):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("not a database", encoding="utf-8")
    with caplog.at_level("WARNING", logger="lib.ui.serve"):
        serve._preload_logged(str(bad), None, wait_s=0)   # the thread's body: never raises
    assert any("preload of" in r.getMessage() and "notes.duckdb" in r.getMessage() for r in caplog.records)
