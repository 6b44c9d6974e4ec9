"""The benchmark's own measurements (bench/importing.py) still run against the current code:
`make bench` is not part of the suite, so a renamed function would otherwise go unnoticed.
Nothing here is timed."""
from __future__ import annotations

import json
from pathlib import Path

from bench import importing as bench
from lib import db, derived
from lib.cli import main

CORPUS = Path(__file__).resolve().parent / "data" / "import"


def test_bare_and_first_open_measure_what_they_say(tmp_path, capsys):
    assert bench.main(["bare", str(tmp_path / "bare.duckdb"), str(CORPUS / "bom_crlf.csv")]) == 0
    bare = json.loads(capsys.readouterr().out)
    assert bare["rows"] == 2 and set(bare) == {"seconds", "checkpoint", "rows", "peak_mb"}
    path = tmp_path / "import.duckdb"
    assert main(["import", "--db", str(path), "--dataset", bench.DATASET, "--transactions",
                 str(CORPUS / "bom_crlf.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["peak_mb"] > 0
    first = bench.first_open(str(path))
    assert first["built"] is True
    con = db.connect(path)
    try:
        assert derived.is_built(con, db.dataset_id(con, bench.DATASET))
    finally:
        con.close()
    assert bench.main(["nonsense"]) == 2


def test_clv_fit_timing_runs_on_small_data(tmp_path):
    # bench/clv_fits.py and bench/daily.py against the current code, on tiny data (nothing timed)
    from bench import clv_fits, daily

    x, t_x, big_t, monetary = daily.daily_summary(300, seed=3)
    assert (x >= 0).all() and (t_x <= big_t).all() and (monetary[x > 0] > 0).all()
    report = clv_fits.time_fits(*clv_fits.cdnow_like(3000), runs=1)
    assert report["distinct_histories"] > 100
    for model in ("bgnbd", "pareto_nbd", "gamma_gamma"):
        assert report[model]["outcome"].startswith("fitted") and report[model]["per_100k_s"] > 0
    path = tmp_path / "daily.duckdb"
    assert daily.ensure(path, customers=200)["built"] is True
    assert daily.ensure(path, customers=200)["built"] is False


def test_browser_bench_clears_stored_results_and_takes_medians(tmp_path):
    # bench/browser.py against the current code (nothing timed, no browser started)
    from bench import browser
    from lib import demo, results

    path = tmp_path / "b.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=50, seed=1)
    results._write(con, db.dataset_id(con, "demo"), "test.x", "ab12", 1, 1.0)
    assert con.execute("SELECT count(*) FROM stored_results").fetchall() == [(1,)]
    assert results._payload_tables(con) == ["stored_result_1_ab12"]
    con.close()
    browser.clear_stored(path)
    con = db.connect(path, read_only=True)
    assert results.lookup(con, 1, "ab12") == (False, None) and results._payload_tables(con) == []
    con.close()
    rounds = [{**{p: {"cold_s": c, "warm_s": 1.0, "menu_s": 0.7, "restart_s": 0.5, "exception": False} for p in browser.PAGES},
               "peak_mb": m, "start_s": s, "restart_start_s": s + 1}
              for c, m, s in ((3.0, 100, 4.0), (1.0, 300, 2.0), (2.0, 200, 9.0))]
    med = browser.medians(rounds)
    assert med["risk"]["cold_s"] == 2.0 and med["peak_mb"] == 300
    assert med["start_s"] == 4.0 and med["restart_start_s"] == 5.0
    text = browser.table({"this": {"median": med}})
    assert "risk" in text and "server up s" in text and "5.00" in text and "0.70" in text


def test_targets_measure_prepare_and_the_risk_screen_and_judge_every_figure(tmp_path):
    # bench/targets.py against the current code on a small demo (nothing timed: only that it runs
    # and that each figure is held against its own target)
    from bench import targets
    from lib import demo

    path = tmp_path / "t.duckdb"
    con = db.connect(path)
    demo.generate(con, "bench", customers=300, seed=2)
    con.close()
    prep = targets.prepare(path, "bench", runs=1)
    assert "error" not in prep and prep["median_wall_s"] > 0 and prep["median_peak_mb"] > 0
    con = db.connect(path, read_only=True)
    assert derived.is_built(con, db.dataset_id(con, "bench"))   # rebuilt and committed
    con.close()
    risk = targets.risk_first_screen(path, "bench", runs=1)
    assert "error" not in risk and risk["runs"][0]["scored"] > 0
    rows = targets.verdicts({"prepare_large": {"median_wall_s": 12.0},
                             "browser_large": {"pages/risk.py": {"cold_s": 2.5, "warm_s": 2.0, "menu_s": 0.8,
                                                                 "restart_s": 1.0},
                                               "server_peak_mb": 3000.0},
                             "story_large": {"steps": {"watch": {"first_s": 30.0, "cold_s": 4.5, "warm_s": 0.5}}}})
    met = {r["what"]: r["met"] for r in rows}
    assert met == {"prepare (derived tables), wall s": False, "pages/risk.py cold s": True,
                   "pages/risk.py after a restart s": True, "pages/risk.py warm (reload) s": False,
                   "pages/risk.py warm (from the menu) s": True,
                   "app peak memory MB": True, "story step watch cold s": False, "story step watch warm s": True}
def test_story_step_timing_runs_every_step(tmp_path, capsys):
    # bench/story.py against the current code on a small demo (nothing timed)
    from bench import story as bench_story
    from lib import demo, story

    path = tmp_path / "story.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=400, seed=4)
    con.close()
    assert bench_story.main([str(path), "demo", "whatif"]) == 0   # one step in a new process (each costs one)
    out = json.loads(capsys.readouterr().out)
    assert list(out["steps"]) == list(story.step_ids()) and out["warm_up_s"] > 0
    assert all({"first_s", "in_order_s", "ok"} <= set(r) for r in out["steps"].values())
    assert {s for s, r in out["steps"].items() if {"cold_s", "warm_s"} <= set(r)} == {"whatif"}
    assert bench_story.main([]) == 2


def test_clv_comparison_runs_on_a_small_cdnow_copy(tmp_path, monkeypatch):
    # bench/cdnow_big.py and bench/clv_compare.py against the current code, on two copies of the
    # CDNOW sample (nothing timed): the import leaves the derived tables unbuilt, the command
    # builds none and prints CDNOW's published BG/NBD estimates (the copies share histories).
    from datetime import date

    from bench import cdnow_big, clv_compare

    path = tmp_path / "cdnow.duckdb"
    assert cdnow_big.ensure(path, copies=2)["transactions"] == 2 * cdnow_big.SAMPLE_ROWS
    assert cdnow_big.ensure(path, copies=2) == {"built": False}
    monkeypatch.setattr(clv_compare, "lifetimes_python", lambda: None)   # lifetimes is no dependency
    r = clv_compare.compare(path, cdnow_big.DATASET, date.fromisoformat(cdnow_big.CALIBRATION_END), runs=1)
    assert r["customers"] == 2 * 2357 and r["derived_tables_built"] is False
    assert abs(r["output"]["bgnbd"]["r"] - 0.2426) < 1e-3 and abs(r["output"]["bgnbd"]["alpha"] - 4.4136) < 5e-3
    assert r["ours_s"] > 0 and "ratio" not in r and r["lifetimes"].startswith("skipped")
    con = db.connect(path, read_only=True)
    try:
        assert not derived.is_built(con, db.dataset_id(con, cdnow_big.DATASET))
    finally:
        con.close()
