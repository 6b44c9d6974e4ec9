"""The speed targets of issue #17 that ``make bench`` checks, and two measurements of its own.

``python -m bench.targets --db FILE [--dataset NAME] [--runs 3]`` runs both measurements alone:

* prepare: the derived tables of the dataset rebuilt and committed (:func:`lib.derived.build`
  in one transaction, as after an import), in a fresh process per run; wall and CPU seconds and
  the process's peak memory, medians of ``runs``;
* the risk page's first screen computed cold: in a fresh process with no stored results, the
  assessment at the dataset's last date (signals of every customer not lost, the model fitted on
  four sampled training snapshots) and the scores, which is all the scores tab needs; the
  proof tab's backtest runs only when that tab opens.

:func:`verdicts` holds every figure against its target (the browser's cold and warm page times
included) and says which are met. The figures are whole-process or whole-page times on a shared
machine: quote medians, and compare two versions side by side in one run.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Issue #17's goals on the 1M-customer dataset (seconds): every page cold / warm in the browser,
#: the prepare step.
PAGE_COLD_S = 3.0
PAGE_WARM_S = 1.5
PREPARE_S = 10.0
#: Issue #14's goals for each story step on the 1M-customer dataset (seconds): in a new process
#: after the warm-up, and again.
STORY_COLD_S = 4.0
STORY_WARM_S = 2.0
#: Peak memory of the app (MB) on the 1M dataset.
PEAK_MB = 6 * 1024
#: Goal 3: the whole clv command at most this fraction of lifetimes' BG/NBD + Gamma-Gamma fits.
CLV_RATIO = 0.5

PREPARE_RUN = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from lib import db, derived
con = db.connect(sys.argv[2])
ds = db.dataset_id(con, sys.argv[3])
t0, c0 = time.perf_counter(), time.process_time()
con.execute("BEGIN TRANSACTION")
derived.build(con, ds)
con.execute("COMMIT")
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
con.close()
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

RISK_RUN = """
import json, os, resource, sys, time
os.environ["LIFECYCLE_STORE_RESULTS"] = "0"
sys.path.insert(0, sys.argv[1])
from lib import db, risk
con = db.connect(sys.argv[2], read_only=True)
ds = db.dataset_id(con, sys.argv[3])
as_of = db.last_transaction_date(con, ds)
t0, c0 = time.perf_counter(), time.process_time()
a = risk.assess(con, ds, as_of, risk.Settings())
s = risk.score(a)
risk.score_histogram(s.score, risk.default_bands(a.method))
risk.signal_summary(a, s)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "scored": len(a.frame), "method": a.method,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _runs(code: str, path: Path, dataset: str, runs: int, root: Path = ROOT) -> dict:
    """``code`` in ``runs`` fresh processes: each run's figures and the medians."""
    out: list[dict] = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-c", code, str(root), str(path), dataset], capture_output=True,
                           text=True, cwd=root)
        if r.returncode != 0:
            return {"error": r.stderr[-500:]}
        out.append(json.loads(r.stdout.strip().splitlines()[-1]))
    keys = [k for k, v in out[0].items() if isinstance(v, float)]
    return {**{f"median_{k}": statistics.median(x[k] for x in out) for k in keys}, "runs": out}


def prepare(path: Path, dataset: str, runs: int = 3) -> dict:
    """Rebuild and commit the derived tables of ``dataset`` ``runs`` times (fresh processes)."""
    return _runs(PREPARE_RUN, path, dataset, runs)


def risk_first_screen(path: Path, dataset: str, runs: int = 3) -> dict:
    """Compute the risk page's first screen cold ``runs`` times (fresh processes, nothing stored)."""
    return _runs(RISK_RUN, path, dataset, runs)


def verdicts(report: dict) -> list[dict]:
    """Every measured figure of ``report`` (as ``python -m bench`` writes it) against its target:
    rows of (what, value, target, met)."""
    rows = []

    def add(what: str, value, target: float) -> None:
        if isinstance(value, (int, float)):
            rows.append({"what": what, "value": float(value), "target": target, "met": value <= target})

    for key, label in (("clv", "the large demo dataset"), ("clv_cdnow", "CDNOW repeated, right after its import")):
        add(f"clv command / lifetimes BG/NBD + Gamma-Gamma on {label}", (report.get(key) or {}).get("ratio"),
            CLV_RATIO)
    prep = report.get("prepare_large") or {}
    add("prepare (derived tables), wall s", prep.get("median_wall_s"), PREPARE_S)
    browser = report.get("browser_large")
    if isinstance(browser, dict):
        for page, r in browser.items():
            if isinstance(r, dict):
                add(f"{page} cold s", r.get("cold_s"), PAGE_COLD_S)
                add(f"{page} after a restart s", r.get("restart_s"), PAGE_COLD_S)
                add(f"{page} warm (reload) s", r.get("warm_s"), PAGE_WARM_S)
                add(f"{page} warm (from the menu) s", r.get("menu_s"), PAGE_WARM_S)
        add("app peak memory MB", browser.get("server_peak_mb"), PEAK_MB)
    steps = (report.get("story_large") or {}).get("steps") or {}
    for step, r in steps.items():   # issue #14: each story step after the warm-up
        add(f"story step {step} cold s", r.get("cold_s"), STORY_COLD_S)
        add(f"story step {step} warm s", r.get("warm_s"), STORY_WARM_S)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.targets")
    parser.add_argument("--db", required=True)
    parser.add_argument("--dataset", default="bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--what", choices=("prepare", "risk", "both"), default="both")
    args = parser.parse_args(argv)
    out = {}
    if args.what in ("prepare", "both"):
        out["prepare"] = prepare(Path(args.db), args.dataset, args.runs)
    if args.what in ("risk", "both"):
        out["risk_first_screen"] = risk_first_screen(Path(args.db), args.dataset, args.runs)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
