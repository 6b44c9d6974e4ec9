"""The warm-up (lib/loaders/warm.py, ``python -m lib warm``, ``import --warm``): after it, a new
process builds every story step without computing any model, and the app starts it once per
dataset, in the background, unless switched off."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from lib import cli, db, demo, results
from lib.loaders import DatasetKey, cursor, warm
from tests.conftest import ROOT

#: A new process that builds every story step through the loaders while each model fit,
#: assessment and win-back computation raises: it can only succeed from the stored results.
RESTARTED_STORY = """
import json, logging, sys
logging.disable(logging.WARNING)
from lib import clv, recovery, results, risk, story, value, whatif
def refuse(*a, **k):
    raise AssertionError("computed although the warm-up stored it")
risk.assess = risk.backtest = value.clv_model = recovery.loyalty = whatif.baseline = refuse
from lib.loaders import DatasetKey
from lib.loaders import story as story_load
from lib import db
con = db.connect(sys.argv[1], read_only=True)
ds = db.dataset_id(con, "demo")
as_of = db.last_transaction_date(con, ds)
con.close()
key = DatasetKey(sys.argv[1], ds)
slides = [story_load.slide(key, as_of, s.id, "de", True) for s in story.STEPS]
print(json.dumps({"ok": [s.ok for s in slides], "titles": [s.title for s in slides]}))
"""


@pytest.fixture
def small_db(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "MIN_SECONDS", 0.0)   # the small dataset computes quickly: store everything
    monkeypatch.delenv(results.ENABLED_ENV, raising=False)
    path = tmp_path / "warm.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=400, seed=11)
    ds = db.dataset_id(con, "demo")
    con.close()
    return path, ds


def _release(path) -> None:
    """Close this process's loader connection to ``path`` (DuckDB lets one process at a time open a file)."""
    import lib.loaders as loaders

    loaders.release(str(path))


def _restarted(path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(results.ENABLED_ENV, None)
    out = subprocess.run([sys.executable, "-c", RESTARTED_STORY, str(path)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_after_the_warm_up_a_new_process_tells_the_whole_story_from_the_file(small_db):
    path, ds = small_db
    seen = []
    seconds = warm.warm(DatasetKey(str(path), ds), progress=lambda *a: seen.append(a[:3]))
    steps = [f"page {p}" for p in warm.PAGES] + [s.id for s in __import__("lib.story", fromlist=["STEPS"]).STEPS]
    assert list(seconds) == steps + ["page compare"] and len(steps) == 17
    assert seen[0] == (1, 18, "page overview") and seen[-1] == (18, 18, "page compare")
    stored = {r[0] for r in cursor(str(path)).execute("SELECT loader FROM stored_results").fetchall()}
    _release(path)
    assert {"lib.loaders.risk.assessment", "lib.loaders.risk.backtest", "lib.loaders.value.clv_model",
            "lib.loaders.recovery.loyalty"} <= stored
    story = _restarted(path)
    assert all(story["ok"]) and len(story["titles"]) == 12


def test_without_the_warm_up_the_refusing_process_fails(small_db):
    """The check above can fail: on a file nobody warmed, the same process has to compute."""
    path, _ = small_db
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", RESTARTED_STORY, str(path)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    assert out.returncode != 0 and "computed although the warm-up stored it" in out.stderr


def test_the_app_starts_one_warm_up_per_dataset_and_none_when_switched_off(small_db, monkeypatch):
    path, ds = small_db
    key = DatasetKey(str(path), ds)
    monkeypatch.setattr(warm, "_runs", {})
    monkeypatch.setenv(warm.ENABLED_ENV, "0")
    assert warm.in_background(key) is False
    monkeypatch.setenv(warm.ENABLED_ENV, "1")
    done = []
    monkeypatch.setattr(warm, "warm", lambda k, as_of=None, progress=None: done.append(k) or {})
    assert warm.in_background(key) is True
    assert warm.in_background(key) is False   # once per dataset and process
    for _ in range(100):
        if done:
            break
        time.sleep(0.05)
    assert done == [key]


def test_the_command_warms_and_names_bad_input(small_db, capsys):
    path, _ = small_db
    assert cli.main(["warm", "--db", str(path), "--dataset", "demo", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("demo as of ") and "first screens of 6 pages and 12 story steps" in out
    assert out.count("\n") == 1
    assert cli.main(["warm", "--db", str(path), "--dataset", "nope"]) == 1
    assert "no dataset named 'nope'" in capsys.readouterr().err
    assert cli.main(["warm", "--db", str(path), "--dataset", "demo", "--as-of", "1990-01-01"]) == 2
    assert "outside the data" in capsys.readouterr().err
    _release(path)


def test_import_with_warm_stores_the_default_views_of_the_new_dataset(small_db, tmp_path, capsys, monkeypatch):
    path, ds = small_db
    csv = tmp_path / "transactions.csv"
    con = db.connect(path)
    con.execute(f"COPY (SELECT customer_id, date, amount, order_id FROM transactions WHERE dataset_id = {ds}) "
                f"TO '{csv}' (HEADER)")
    con.close()
    target = tmp_path / "imported.duckdb"
    assert cli.main(["import", "--db", str(target), "--dataset", "shop", "--transactions", str(csv), "--warm"]) == 0
    out = capsys.readouterr().out
    assert "dataset 'shop'" in out and "the first screens of 6 pages and 12 story steps computed and stored" in out
    con = db.connect(target, read_only=True)
    stored = {r[0] for r in con.execute("SELECT loader FROM stored_results").fetchall()}
    con.close()
    assert "lib.loaders.risk.assessment" in stored and "lib.loaders.value.clv_model" in stored


#: A new process that opens every page's first screen (AppTest, English and German) with every
#: result stored from the first computation on (MIN_SECONDS 0) and prints the loaders that had to
#: compute: after the warm-up, none may.
PAGES_AFTER_WARM = """
import json, logging, os, sys, time
logging.disable(logging.WARNING)
from lib import results
results.MIN_SECONDS = 0.0
computed = []
remembered = results.remembered
def noting(loader, fn, con_of, args, kwargs):
    def compute(*a, **k):
        computed.append(loader)
        return fn(*a, **k)
    return remembered(loader, compute, con_of, args, kwargs)
results.remembered = noting
from streamlit.testing.v1 import AppTest
out = {}
for page in sys.argv[1].split(","):
    for lang in ("en", "de"):
        computed.clear()
        at = AppTest.from_file(os.path.join(os.getcwd(), "pages", page + ".py"), default_timeout=300)
        at.query_params["lang"] = lang
        at.run()
        out[f"{page}/{lang}"] = {"computed": sorted(set(computed)), "exception": [e.message for e in at.exception]}
print(json.dumps(out))
"""
#: Every page with a first screen (the comparison: two segments, the file holding one dataset).
FIRST_SCREENS = "overview,lifecycle,value,risk,recovery,story,compare"


def _pages_after(path, pages: str = FIRST_SCREENS) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIFECYCLE_DB": str(path), warm.ENABLED_ENV: "0"}
    env.pop(results.ENABLED_ENV, None)
    out = subprocess.run([sys.executable, "-c", PAGES_AFTER_WARM, pages], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_after_the_warm_up_no_page_computes_its_first_screen(small_db):
    """The warm-up covers every page's first screen (the story's loaders and the rest of each
    page's defaults), in both languages: a restarted app reads them all from the file."""
    path, ds = small_db
    before = _pages_after(path)   # nobody warmed: the check can fail
    assert before["overview/en"]["computed"] and before["risk/en"]["computed"]
    results.clear(cursor(str(path)))
    warm.warm(DatasetKey(str(path), ds))
    _release(path)
    after = _pages_after(path)
    assert {view: r["exception"] for view, r in after.items() if r["exception"]} == {}
    assert {view: r["computed"] for view, r in after.items() if r["computed"]} == {}


def test_with_several_datasets_the_comparison_of_two_datasets_is_warmed(small_db):
    """A file with another dataset: the comparison page opens with the sidebar's dataset against
    the next one, and the warm-up of the first covers that screen too."""
    path, ds = small_db
    con = db.connect(path)
    demo.generate(con, "second", customers=300, seed=12)
    con.close()
    before = _pages_after(path, "compare")   # nobody warmed: the check can fail
    assert "lib.loaders.compare.comparison" in before["compare/en"]["computed"]
    results.clear(cursor(str(path)))
    warm.warm(DatasetKey(str(path), ds))
    _release(path)
    after = _pages_after(path, "compare")
    assert {view: r["exception"] for view, r in after.items() if r["exception"]} == {}
    assert {view: r["computed"] for view, r in after.items() if r["computed"]} == {}


def test_the_sidebar_says_while_the_pages_are_being_prepared(small_db, monkeypatch):
    """While this process warms the sidebar's dataset (after a restart or a command-line
    import), the sidebar says so in the reader's language; afterwards it says nothing."""
    from streamlit.testing.v1 import AppTest

    path, ds = small_db
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    # a warm-up of the dataset under way in this process: the page starts none of its own
    monkeypatch.setattr(warm, "_runs", {(str(path), ds): warm.Run(done=4, total=18)})

    def sidebar_captions(lang):
        at = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=120)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        return [c.value for c in at.sidebar.caption]

    assert "Preparing this dataset's pages (4 of 18 done)." in " ".join(sidebar_captions("en"))
    assert "werden vorbereitet (4 von 18 fertig)" in " ".join(sidebar_captions("de"))
    warm._runs[(str(path), ds)].finished = True
    assert not any("Preparing" in c for c in sidebar_captions("en"))
    _release(path)


def test_a_step_that_fails_is_logged_and_the_others_are_built_all_the_same(small_db, monkeypatch, caplog, capsys):
    path, ds = small_db
    real = warm.first_screen

    def value_breaks(key, as_of, page):
        if page == "value":
            raise ValueError("a loader cannot take these data")
        real(key, as_of, page)

    monkeypatch.setattr(warm, "first_screen", value_breaks)
    with caplog.at_level("WARNING", logger="lib.loaders.warm"):
        assert cli.main(["warm", "--db", str(path), "--dataset", "demo"]) == 0
    out = capsys.readouterr().out
    assert " 3/18 page value     failed (the page computes it when opened)" in out
    assert "first screens of 5 pages and 12 story steps computed and stored" in out
    assert "not computed: page value" in out
    assert any("page value stopped: a loader cannot take these data" in r.getMessage() for r in caplog.records)
    stored = {r[0] for r in cursor(str(path)).execute("SELECT loader FROM stored_results").fetchall()}
    _release(path)
    assert {"lib.loaders.risk.assessment", "lib.loaders.recovery.loyalty"} <= stored   # built after the failed one


def test_a_dataset_of_four_transactions_warms_without_a_failed_step(tmp_path, capsys):
    """The warm-up calls the loaders as the pages do: the lifecycle curve's chart only when the
    curve has buyers (on four transactions it has none, and the chart's loader cannot draw it)."""
    target = tmp_path / "tiny.duckdb"
    assert cli.main(["import", "--db", str(target), "--dataset", "tiny", "--transactions",
                     str(ROOT / "tests" / "data" / "import" / "de_cp1252_semicolon.csv"), "--warm"]) == 0
    out = capsys.readouterr().out
    assert "first screens of 6 pages and 12 story steps computed and stored" in out and "not computed" not in out


def test_the_import_warms_by_default_and_not_with_no_warm_or_the_switch_off(small_db, tmp_path, capsys, monkeypatch):
    """``python -m lib import`` ends with the pages' first views stored unless ``--no-warm`` (or
    ``LIFECYCLE_WARM=0``, as in this suite) says otherwise; then it says how to get them."""
    path, ds = small_db
    csv = tmp_path / "transactions.csv"
    con = db.connect(path)
    con.execute(f"COPY (SELECT customer_id, date, amount FROM transactions WHERE dataset_id = {ds}) TO '{csv}' (HEADER)")
    con.close()

    def imported(*extra) -> tuple[str, set]:
        target = tmp_path / f"imported{len(list(tmp_path.glob('imported*')))}.duckdb"
        assert cli.main(["import", "--db", str(target), "--dataset", "shop", "--transactions", str(csv), *extra]) == 0
        con = db.connect(target, read_only=True)
        kept = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stored_results'").fetchone()[0]
        stored = {r[0] for r in con.execute("SELECT loader FROM stored_results").fetchall()} if kept else set()
        con.close()
        return capsys.readouterr().out, stored

    monkeypatch.delenv(warm.ENABLED_ENV, raising=False)
    out, stored = imported()
    assert "the first screens of 6 pages and 12 story steps computed and stored" in out
    assert "lib.loaders.risk.assessment" in stored
    out, stored = imported("--no-warm")
    assert "--warm computes them now" in out and "computed and stored" not in out and not stored
    monkeypatch.setenv(warm.ENABLED_ENV, "0")
    out, stored = imported()
    assert "LIFECYCLE_WARM=0: each page computes its first view when it is first opened: --warm computes them now" in out
    assert not stored
    assert cli.main(["import", "--db", str(tmp_path / "x.duckdb"), "--dataset", "x", "--transactions", str(csv),
                     "--warm", "--no-warm"]) == 2   # one or the other
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_warm_command_exits_1_when_no_step_could_be_computed(small_db, monkeypatch, capsys):
    from lib.loaders import story as story_load

    path, _ = small_db
    monkeypatch.setattr(warm, "first_screen", lambda key, as_of, page: 1 / 0)
    monkeypatch.setattr(story_load, "slide", lambda *a, **k: 1 / 0)
    assert cli.main(["warm", "--db", str(path), "--dataset", "demo", "--quiet"]) == 1
    assert "first screens of 0 pages and 0 story steps" in capsys.readouterr().out
    _release(path)
