"""``python -m bench``: build (once) a large demo dataset and time every page on it.

Prints, and writes to ``bench/results/latest.json``:

* demo generation: median of three runs at 5,000 customers, and the build of the large dataset
  (when it had to be built) with its peak memory;
* the whole ``clv`` command against lifetimes 0.11.3's BG/NBD + Gamma-Gamma fits on the same
  customers (:mod:`bench.clv_compare`, medians of three runs in turns), on the large dataset and
  on the CDNOW sample repeated to about a million customers right after its import
  (:mod:`bench.cdnow_big`, ``data/bench-cdnow.duckdb``);
* the CLV fits on as many simulated customers (:mod:`bench.clv_timing`, also runnable alone);
* each CLV fit on its own in seconds per 100,000 distinct histories, on the 20,000-customer
  daily-purchase dataset (:mod:`bench.daily`) and on about 100,000 distinct histories, and the
  ``score`` command on that dataset (:mod:`bench.clv_fits`, also runnable alone);
* every page, on the large dataset and on the 5,000-customer demo: one cold and one warm script
  run (AppTest, a fresh process per page, so "cold" includes filling the caches) with the
  process's peak memory;
* each story step (bench/story.py), on both datasets: computed from nothing (what the warm-up pays),
  the whole warm-up, and each step in a new process after it (cold) and again (warm);
* every page in a real browser (headless Chromium, when installed; bench/browser.py): the first
  load after the server starts with no stored results (cold), a reload (warm), and the first load
  after the server restarted (reading the stored results of lib/results.py), medians of three
  rounds, with the server's peak memory;
* the prepare step (derived tables rebuilt and committed) and the risk page's first screen
  computed cold, each in fresh processes, medians of three (bench/targets.py);
* at the end every figure against issue #17's targets (pages <= 3 s cold, <= 1.5 s warm, prepare
  <= 10 s, app peak memory < 6 GB on the 1M dataset), met or not.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.browser import clear_stored  # noqa: E402
from lib import db, demo, derived, ui  # noqa: E402

RESULTS = ROOT / "bench" / "results"

#: Extra views timed besides each page's default: (page file, URL params, label).
VARIANTS = (
    ("pages/value.py", {"val_tab": "Predicted CLV"}, "value: CLV tab (fits)"),
    ("pages/value.py", {"val_tab": "Model check"}, "value: model check (hold-out fit)"),
    ("pages/value.py", {"val_tab": "High vs low value"}, "value: high vs low"),
    ("pages/compare.py", {"cmp_kind": "segment", "cmp_tab": "retention"}, "compare: two segments, retention"),
    ("pages/compare.py", {"cmp_kind": "cohort_year", "cmp_tab": "value"}, "compare: two cohorts, concentration"),
)

#: One page (or view) in a process of its own: the AppTest script run cold and warm, the process's
#: peak memory; then the stored results being written are waited for and the process leaves
#: without tearing down (a DuckDB write on the stored-results thread during interpreter shutdown
#: can abort the process after its figures). bench/scale.py and bench/parquet.py run it too.
PAGE_RUN = """
import json, os, resource, sys, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=900)
at.query_params.update(json.loads(sys.argv[2]))
t0 = time.perf_counter(); at.run(); cold = time.perf_counter() - t0
t0 = time.perf_counter(); at.run(); warm = time.perf_counter() - t0
print(json.dumps({"cold_s": cold, "warm_s": warm, "exception": bool(at.exception),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
from lib import results
results.flush(None)
sys.stdout.flush()
os._exit(0)
"""


def log(msg: str) -> None:
    print(msg, flush=True)


def build(path: Path, customers: int, name: str) -> dict:
    """Create dataset ``name`` with ``customers`` customers in ``path`` unless it is there already
    (then only its derived tables, if a newer version of the code changed them, so the pages'
    cold times below do not include that build)."""
    con = db.connect(path)
    try:
        infos = {i.name: i for i in db.datasets(con)}
        if name in infos and infos[name].counts["customers"] == customers:
            t0 = time.perf_counter()
            rebuilt = derived.ensure(con, db.dataset_id(con, name))
            out = {"built": False, "rows": infos[name].counts}
            if rebuilt:
                out["derived_rebuilt_s"] = time.perf_counter() - t0
            return out
        t0 = time.perf_counter()
        result = demo.generate(con, name, customers=customers, seed=42)
        return {"built": True, "seconds": time.perf_counter() - t0, "rows": result.counts}
    finally:
        con.close()


def build_in_subprocess(path: Path, customers: int, name: str) -> dict:
    """Build in a child process so its peak memory is measured alone."""
    code = ("import json, resource, sys; sys.path.insert(0, %r); from bench.__main__ import build; "
            "r = build(__import__('pathlib').Path(%r), %d, %r); "
            "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; print(json.dumps(r))"
            % (str(ROOT), str(path), customers, name))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def demo_generation_5000() -> dict:
    times = []
    for _ in range(3):
        con = db.connect(":memory:")
        t0 = time.perf_counter()
        demo.generate(con, "demo", customers=5000, seed=42)
        times.append(time.perf_counter() - t0)
        con.close()
    return {"median_s": statistics.median(times), "runs_s": times}


def page_runs(path: Path) -> dict:
    """Each page (and variant) in a fresh process: cold run, warm run, peak memory."""
    out = {}
    env = {**os.environ, "LIFECYCLE_DB": str(path)}
    views = [(file, {}, file) for file, *_ in ui.PAGES] + list(VARIANTS)
    for file, params, label in views:
        clear_stored(path)   # cold: computed, not read back from a previous run's stored results
        r = subprocess.run([sys.executable, "-c", PAGE_RUN, file, json.dumps(params)], capture_output=True,
                           text=True, env=env, cwd=ROOT)
        if r.returncode != 0:
            out[label] = {"error": r.stderr[-500:]}
            continue
        out[label] = json.loads(r.stdout.strip().splitlines()[-1])
    return out


FILTER_RUN = """
import json, sys, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("pages/lifecycle.py", default_timeout=600)
at.run(); at.run()
seg = at.multiselect(key="lc_seg")
times = []
for choice in (seg.options[:1], seg.options[1:2], []):
    t0 = time.perf_counter(); seg.set_value(choice).run(); times.append(time.perf_counter() - t0)
    seg = at.multiselect(key="lc_seg")
print(json.dumps({"filter_change_s": sorted(times)[1], "runs_s": times, "exception": bool(at.exception)}))
"""


def lifecycle_filter_change(path: Path) -> dict:
    """Median of three segment-filter changes on the lifecycle page (warm caches, AppTest)."""
    env = {**os.environ, "LIFECYCLE_DB": str(path)}
    r = subprocess.run([sys.executable, "-c", FILTER_RUN], capture_output=True, text=True, env=env, cwd=ROOT)
    if r.returncode != 0:
        return {"error": r.stderr[-500:]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def story_runs(path: Path, dataset: str) -> dict:
    """Each story step's time (bench/story.py), in a process of its own."""
    r = subprocess.run([sys.executable, "-m", "bench.story", str(path), dataset], capture_output=True, text=True,
                       cwd=ROOT)
    if r.returncode != 0:
        return {"error": (r.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def browser_runs(path: Path, runs: int = 3) -> dict | str:
    """Every page in headless Chromium (bench/browser.py): cold, warm and cold after a restart of
    the server (stored results), medians of ``runs`` rounds, with the server's peak memory."""
    from bench import browser

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = browser.run({"this": (ROOT, path)}, runs, port, log=log)
    if "skipped" in result:
        return f"skipped: {result['skipped']}"
    med = result["this"]["median"]
    out = {f"pages/{name}.py": med[name] for name in browser.PAGES}
    out["server_peak_mb"] = med["peak_mb"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--db", default=str(ROOT / "data" / "bench.duckdb"))
    args = parser.parse_args()
    big = Path(args.db)
    small = ROOT / "data" / "bench-demo.duckdb"
    report: dict = {"when": datetime.now().isoformat(timespec="seconds"), "customers": args.customers,
                    "machine": {"cpus": os.cpu_count()}}

    log("demo generation, 5,000 customers (median of 3) ...")
    report["demo_5000"] = demo_generation_5000()
    log(f"  {report['demo_5000']['median_s']:.2f} s")

    log(f"large dataset: {args.customers:,} customers in {big} ...")
    report["large_build"] = build_in_subprocess(big, args.customers, "bench")
    b = report["large_build"]
    if b["built"]:
        log(f"  built in {b['seconds']:.1f} s, peak {b['peak_mb']:.0f} MB, {b['rows']['transactions']:,} transactions")
    else:
        log(f"  reused ({b['rows']['transactions']:,} transactions)"
            + (f"; derived tables rebuilt in {b['derived_rebuilt_s']:.1f} s" if "derived_rebuilt_s" in b else ""))
    build(small, 5000, "demo")

    from bench import targets

    log("prepare: the large dataset's derived tables rebuilt and committed (median of 3 fresh processes) ...")
    report["prepare_large"] = pr = targets.prepare(big, "bench")
    log(f"  {pr['median_wall_s']:.1f} s (CPU {pr['median_cpu_s']:.1f} s, peak {pr['median_peak_mb']:.0f} MB; "
        f"target <= {targets.PREPARE_S:.0f} s)" if "error" not in pr else f"  ERROR {pr['error']}")
    log("risk page's first screen computed cold: assessment + scores (median of 3 fresh processes) ...")
    report["risk_first_screen_large"] = rf = targets.risk_first_screen(big, "bench")
    log(f"  {rf['median_wall_s']:.1f} s (CPU {rf['median_cpu_s']:.1f} s, peak {rf['median_peak_mb']:.0f} MB)"
        if "error" not in rf else f"  ERROR {rf['error']}")

    log("risk score: out-of-time AUC on the 5,000-customer demo (cutoff = last date - 180 days) ...")
    from datetime import timedelta

    from lib import risk

    con = db.connect(small, read_only=True)
    ds = db.dataset_id(con, "demo")
    cutoff = db.last_transaction_date(con, ds) - timedelta(days=180)
    t0 = time.perf_counter()
    report["risk_auc_demo"] = {"cutoff": cutoff.isoformat(), "auc": risk.backtest_auc(con, ds, cutoff),
                               "seconds": time.perf_counter() - t0}
    con.close()
    log(f"  AUC {report['risk_auc_demo']['auc']:.3f} ({report['risk_auc_demo']['seconds']:.1f} s)")

    log("import: CLI import of the large dataset's transactions as CSV vs bare DuckDB read_csv ...")
    from bench.importing import bench_import

    work = RESULTS / "import"
    csv = work / "transactions.csv"
    if not csv.exists():
        work.mkdir(parents=True, exist_ok=True)
        con = db.connect(big, read_only=True)
        con.execute("COPY (SELECT customer_id, date, amount, order_id, quantity, product, channel FROM transactions "
                    "WHERE dataset_id = ?) TO '" + str(csv).replace("'", "''") + "' (HEADER)", [db.dataset_id(con, "bench")])
        con.close()
    report["import"] = imp = bench_import(csv, work)
    log("  " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in imp.items()
                         if not isinstance(v, dict)))

    from bench import cdnow_big, clv_compare

    cdnow_db = ROOT / "data" / "bench-cdnow.duckdb"
    log(f"CDNOW sample repeated to {cdnow_big.COPIES * 2357:,} customers (bench/cdnow_big.py, CLI import) ...")
    report["cdnow_build"] = cb = cdnow_big.ensure(cdnow_db)
    log(f"  imported in {cb['import_s']:.1f} s ({cb['transactions']:,} transactions)" if cb["built"] else "  reused")
    for key, path, dataset, cal in (("clv", big, "bench", None),
                                    ("clv_cdnow", cdnow_db, cdnow_big.DATASET, date.fromisoformat(cdnow_big.CALIBRATION_END))):
        log(f"clv command vs lifetimes 0.11.3 (BG/NBD + Gamma-Gamma on ready arrays) on {dataset}, "
            "medians of 3 runs in turns (bench/clv_compare.py) ...")
        report[key] = c = clv_compare.compare(path, dataset, cal, runs=3, log=log)
        log(f"  {c['customers']:,} customers: {clv_compare.describe(c)}")

    log(f"clv fits on {args.customers:,} simulated customers (bench/clv_timing.py) ...")
    from bench.clv_timing import timing_check

    report["clv_timing"] = ct = timing_check(args.customers, verbose=False)
    log("  " + ", ".join(f"{step} {ct['wall_s'][step]:.2f} s (CPU {ct['cpu_s'][step]:.2f})" for step in ct["wall_s"]))

    log("clv fits one by one, seconds per 100k distinct histories (bench/clv_fits.py; median of 3) ...")
    from bench.clv_fits import run as clv_fits, score_seconds

    daily_db = ROOT / "data" / "bench-daily.duckdb"
    report["clv_fits"] = clv_fits(daily_db, runs=3, log=log)
    report["score_daily"] = sc = score_seconds(daily_db, runs=3)
    log(f"  score on the daily-purchase dataset: {sc['median_s']:.2f} s (median of {len(sc['runs_s'])})")

    for label, path in (("large", big), ("demo", small)):
        log(f"page script runs on {label} (AppTest: cold, warm, peak memory) ...")
        report[f"pages_{label}"] = runs = page_runs(path)
        for file, r in runs.items():
            if "error" in r:
                log(f"  {file}: ERROR {r['error']}")
            else:
                log(f"  {file}: cold {r['cold_s']:.2f} s, warm {r['warm_s']:.3f} s, peak {r['peak_mb']:.0f} MB"
                    + ("  EXCEPTION" if r["exception"] else ""))
        report[f"lifecycle_filter_{label}"] = fc = lifecycle_filter_change(path)
        log(f"  lifecycle filter change (median of 3): {fc['filter_change_s']:.2f} s" if "filter_change_s" in fc
            else f"  lifecycle filter change: ERROR {fc.get('error')}")
        log(f"story steps on {label} (first: computed from nothing; cold: a new process after the warm-up; "
            "warm: the same again) ...")
        report[f"story_{label}"] = sr = story_runs(path, "bench" if label == "large" else "demo")
        if "error" in sr:
            log(f"  ERROR {sr['error']}")
        else:
            log(f"  warm-up (python -m lib warm): {sr['warm_up_s']:.1f} s")
            for step, r in sr["steps"].items():
                log(f"  {step}: first {r['first_s']:.2f} s, in story order {r['in_order_s']:.2f} s, "
                    f"cold {r['cold_s']:.2f} s, warm {r['warm_s']:.3f} s"
                    + ("" if r["ok"] else "  (said why it cannot be shown)"))
        log(f"browser on {label} (first load after server start, reload) ...")
        report[f"browser_{label}"] = br = browser_runs(path)
        if isinstance(br, str):
            log(f"  {br}")
        else:
            for file, r in br.items():
                if isinstance(r, dict):
                    log(f"  {file}: cold {r['cold_s']:.2f} s, warm {r['warm_s']:.2f} s, "
                        f"after a restart {r['restart_s']:.2f} s" + ("  EXCEPTION" if r["exception"] else ""))
            log(f"  server peak memory {br['server_peak_mb']:.0f} MB")

    log(f"targets (issue #17) on {args.customers:,} customers:")
    report["targets"] = rows = targets.verdicts(report)
    for row in rows:
        log(f"  {row['what']}: {row['value']:.2f} (target <= {row['target']:g}) {'met' if row['met'] else 'NOT MET'}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    log(f"written to {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
