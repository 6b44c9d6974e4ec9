"""The whole ``python -m lib clv`` command against lifetimes 0.11.3 (issue 17, goal 3: at most
0.5x lifetimes' BG/NBD + Gamma-Gamma fit, in the same run, on about a million customers).

``python -m bench.clv_compare --db PATH --dataset NAME [--calibration-end DATE] [--runs 3]
[--before DIR]``; ``python -m bench`` runs it on the large demo dataset and on the CDNOW sample
repeated to a million customers (:mod:`bench.cdnow_big`). Not a test.

Ours is the command as a user runs it, in a new process: imports, the calibration summary from
the DuckDB file, the BG/NBD, Pareto/NBD and Gamma-Gamma fits, the JSON printed. lifetimes (not a
dependency: importable here or in the interpreter named by ``LIFETIMES_PYTHON``, e.g. a side
virtualenv with ``pip install lifetimes==0.11.3``) fits BG/NBD and Gamma-Gamma on ready-made
arrays of the same customers; only its two ``fit`` calls are timed. The runs take turns (ours,
lifetimes, ours, ...) so both see the same load on a shared machine; the medians are compared, in
wall seconds (the goal) and in CPU seconds (user + system: steadier on a loaded machine; ours
includes DuckDB's threads).

``--before DIR``: also time the command of another checkout (e.g. ``git worktree add DIR main``)
in the same turns, and check that both print the same JSON. When the dataset's derived tables
are not built, the older command may build them, so it runs on a fresh copy of the file each
time (the copy is not timed).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import clv, db, derived  # noqa: E402

LIFETIMES_FIT = """
import json, sys, time
import numpy as np
from lifetimes import BetaGeoFitter, GammaGammaFitter
d = np.load(sys.argv[1])
x, t_x, T, m = d["x"], d["t_x"], d["T"], d["monetary"]
c0, t0 = time.process_time(), time.perf_counter(); BetaGeoFitter().fit(x, t_x, T)
bg, bg_cpu = time.perf_counter() - t0, time.process_time() - c0
rep = (x > 0) & (m > 0)  # lifetimes refuses non-positive spend
c0, t0 = time.process_time(), time.perf_counter(); GammaGammaFitter().fit(x[rep], m[rep])
gg, gg_cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"bgnbd_s": bg, "gamma_gamma_s": gg, "cpu_s": bg_cpu + gg_cpu}))
"""


def lifetimes_python() -> str | None:
    """The interpreter that can import lifetimes, or None."""
    python = os.environ.get("LIFETIMES_PYTHON") or sys.executable
    probe = subprocess.run([python, "-c", "import lifetimes"], capture_output=True)
    return python if probe.returncode == 0 else None


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _command(root: Path, path: Path, dataset: str, calibration_end: date) -> tuple[float, float, str]:
    """Wall and CPU seconds of the clv command of the checkout at ``root``, and what it printed."""
    c0, t0 = _children_cpu(), time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "lib", "clv", "--db", str(path), "--dataset", dataset,
                        "--calibration-end", calibration_end.isoformat(), "--json"],
                       capture_output=True, text=True, cwd=root)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if r.returncode != 0:
        raise RuntimeError(f"clv command in {root} failed: {r.stderr.strip()[-300:]}")
    return seconds, cpu, r.stdout


def _lifetimes(python: str, arrays: Path) -> dict:
    r = subprocess.run([python, "-c", LIFETIMES_FIT, str(arrays)], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"lifetimes failed: {r.stderr.strip()[-300:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["total_s"] = out["bgnbd_s"] + out["gamma_gamma_s"]
    return out


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def compare(path: Path, dataset: str, calibration_end: date | None = None, runs: int = 3,
            before: Path | None = None, log: Callable[[str], None] = lambda _: None) -> dict:
    """Medians of ``runs`` turns of ours (and ``before``'s) command and lifetimes' two fits."""
    con = db.connect(path, read_only=True)
    try:
        ds = db.dataset_id(con, dataset)
        cal = calibration_end or db.last_transaction_date(con, ds)
        built = derived.is_built(con, ds)
        summary = clv.summary_from_db(con, ds, cal, ids=False,
                                      days="customer_days" if built else "transactions")
    finally:
        con.close()
    out: dict = {"dataset": dataset, "calibration_end": cal.isoformat(), "customers": len(summary),
                 "derived_tables_built": built, "runs": runs}
    python = lifetimes_python()
    if python is None:
        out["lifetimes"] = "skipped: lifetimes not importable (set LIFETIMES_PYTHON)"
    ours: list[float] = []
    ours_cpu: list[float] = []
    old: list[float] = []
    old_cpu: list[float] = []
    lt: list[dict] = []
    outputs: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        arrays = Path(tmp) / "clv_arrays.npz"
        np.savez(arrays, x=summary.x, t_x=summary.t_x, T=summary.T, monetary=summary.monetary)
        for i in range(runs):
            seconds, cpu, printed = _command(ROOT, path, dataset, cal)
            ours.append(seconds)
            ours_cpu.append(cpu)
            out["output"] = json.loads(printed)
            if before is not None:
                target = path
                if not built:   # the older command may build the derived tables: a fresh copy each time
                    target = Path(tmp) / path.name
                    shutil.copyfile(path, target)
                seconds, cpu, printed_before = _command(before, target, dataset, cal)
                old.append(seconds)
                old_cpu.append(cpu)
                outputs.add(printed_before)
                if target != path:
                    target.unlink()
            if python is not None:
                lt.append(_lifetimes(python, arrays))
            log(f"    run {i + 1}: ours {ours[-1]:.2f} s (CPU {ours_cpu[-1]:.2f})"
                + (f", before {old[-1]:.2f} s (CPU {old_cpu[-1]:.2f})" if old else "")
                + (f", lifetimes {lt[-1]['bgnbd_s']:.2f} + {lt[-1]['gamma_gamma_s']:.2f} s (CPU {lt[-1]['cpu_s']:.2f})"
                   if lt else ""))
    out["ours_s"] = _median(ours)
    out["ours_runs_s"] = ours
    out["ours_cpu_s"] = _median(ours_cpu)
    if old:
        out["before_s"] = _median(old)
        out["before_runs_s"] = old
        out["before_cpu_s"] = _median(old_cpu)
        out["before_same_output"] = outputs == {printed}
    if lt:
        out["lifetimes_bgnbd_s"] = _median([r["bgnbd_s"] for r in lt])
        out["lifetimes_gamma_gamma_s"] = _median([r["gamma_gamma_s"] for r in lt])
        out["lifetimes_total_s"] = _median([r["total_s"] for r in lt])
        out["lifetimes_runs_s"] = [r["total_s"] for r in lt]
        out["lifetimes_cpu_s"] = _median([r["cpu_s"] for r in lt])
        out["ratio"] = out["ours_s"] / out["lifetimes_total_s"]
        out["cpu_ratio"] = out["ours_cpu_s"] / out["lifetimes_cpu_s"]
        if old:
            out["ratio_before"] = out["before_s"] / out["lifetimes_total_s"]
            out["cpu_ratio_before"] = out["before_cpu_s"] / out["lifetimes_cpu_s"]
    return out


def describe(r: dict) -> str:
    """One line of a :func:`compare` result."""
    msg = f"ours (whole command) {r['ours_s']:.2f} s"
    if "before_s" in r:
        msg += f" (before {r['before_s']:.2f} s{'' if r['before_same_output'] else ', OUTPUT DIFFERS'})"
    if "ratio" in r:
        msg += (f"; lifetimes BG/NBD {r['lifetimes_bgnbd_s']:.2f} s + Gamma-Gamma {r['lifetimes_gamma_gamma_s']:.2f} s"
                f" = {r['lifetimes_total_s']:.2f} s; ratio {r['ratio']:.2f}"
                + (f" (before {r['ratio_before']:.2f})" if "ratio_before" in r else "") + " (target <= 0.5); CPU "
                f"{r['ours_cpu_s']:.2f} s vs {r['lifetimes_cpu_s']:.2f} s, ratio {r['cpu_ratio']:.2f}"
                + (f" (before {r['cpu_ratio_before']:.2f})" if "cpu_ratio_before" in r else ""))
    else:
        msg += f"; {r.get('lifetimes')}"
    return msg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.clv_compare", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--calibration-end", type=date.fromisoformat, help="default: the last transaction date")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout whose clv command is timed alongside")
    parser.add_argument("--json", action="store_true", help="print the result as JSON at the end")
    args = parser.parse_args(argv)
    r = compare(Path(args.db), args.dataset, args.calibration_end, args.runs, args.before, log=print)
    print(f"  {r['customers']:,} customers: {describe(r)}")
    if args.json:
        print(json.dumps(r, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
