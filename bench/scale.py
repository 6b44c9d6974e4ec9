"""The cost curve (issue #17 goal 5): every step a user pays for, at 100k, 1M and 5M customers.

``python -m bench.scale --sizes 100000 1000000 5000000 --dir DIR [--steps ...]`` (``make
bench-scale``) runs, for each size, in a folder ``DIR/<size>/``:

* build: the demo at that size (:func:`lib.demo.generate_chunked`, chunks of 1M customers with
  seeds 42, 43, ...; one chunk is exactly ``python -m lib demo``), derived tables not built, into
  ``source.duckdb``. 5M customers do not fit in one simulation (1M takes 3.3 GB);
* export: the seven input tables written by DuckDB ``COPY`` to ``files/`` (transactions as CSV,
  the other six as Parquet; every table also as Parquet for ``bench.parquet``);
* import: ``python -m lib import`` of those files into a fresh ``app.duckdb``, as a user runs it;
* prepare: the derived tables built and committed (``bench.targets.PREPARE_RUN``);
* warm: ``python -m lib warm`` (every story step and each page's first screen stored in the file);
* pages: each page and view in a fresh process after the warm-up (cold: reads the stored results,
  as after a restart of the app) and its second run (warm), AppTest, as ``python -m bench``;
* first: the heaviest pages' first ever run, nothing stored (``LIFECYCLE_STORE_RESULTS=0``);
* session: every view in turn in one process after the warm-up (one app server visited page by
  page): its peak memory is what the app grows to;
* clv: ``python -m lib clv`` (calibration end = last transaction date);
* score: ``python -m lib score`` at the last date into a CSV.

Each measurement is one fresh child process: its wall time and its peak resident memory
(``ru_maxrss`` of the child from ``os.wait4``). A watchdog stops a child whose memory passes
``--max-gb`` (default 14) and records that. Results accumulate in ``DIR/<size>/steps.json``
(a step run again replaces its figures) and are collected into ``bench/results/scale.json``.
``python -m bench.scale --plot`` draws ``docs/cost-curve.png`` from that JSON and rewrites the
table in README.md between its markers.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.__main__ import PAGE_RUN, VARIANTS  # noqa: E402  (one page in a process of its own; the views)
from lib import db  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "scale.json"
PLOT = ROOT / "docs" / "cost-curve.png"
README = ROOT / "README.md"
DATASET = "demo"
CHUNK = 1_000_000
SIZES = (100_000, 1_000_000, 5_000_000)
STEPS = ("build", "export", "import", "prepare", "warm", "pages", "first", "session", "clv", "score")
TABLES = db.TABLES   # the seven input tables
#: The pages timed on their first ever run too (no stored results): the heaviest first screens.
FIRST_EVER = ("pages/risk.py", "pages/value.py", "pages/lifecycle.py", "pages/story.py")

BUILD_RUN = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from lib import db, demo
con = db.connect(sys.argv[2])
r = demo.generate_chunked(con, sys.argv[3], int(sys.argv[4]), chunk=int(sys.argv[5]), seed=42, prepare=False)
con.close()
print(json.dumps({"rows": r.counts}))
"""

EXPORT_RUN = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from lib import db
con = db.connect(sys.argv[2], read_only=True)
ds = db.dataset_id(con, sys.argv[3])
out = Path(sys.argv[4]); out.mkdir(parents=True, exist_ok=True)
def q(p): return "'" + str(p).replace("'", "''") + "'"
for t in sys.argv[5].split(","):
    sel = f"(SELECT * EXCLUDE (dataset_id) FROM {t} WHERE dataset_id = {int(ds)} ORDER BY ALL)"
    con.execute(f"COPY {sel} TO {q(out / (t + '.parquet'))} (FORMAT parquet)")
    if t == "transactions":
        con.execute(f"COPY {sel} TO {q(out / (t + '.csv'))} (HEADER)")
print(json.dumps({"bytes": {p.name: p.stat().st_size for p in out.iterdir()}}))
"""


#: One process (one app server) opening every view in turn after the warm-up: what the app's
#: memory grows to when every page has been visited, and the sum of the first visits.
SESSION_RUN = """
import json, os, sys, time
from streamlit.testing.v1 import AppTest
views = json.loads(sys.argv[1])
times = {}
t_all = time.perf_counter()
for file, params, label in views:
    at = AppTest.from_file(file, default_timeout=900)
    at.query_params.update(params)
    t0 = time.perf_counter(); at.run(); times[label] = time.perf_counter() - t0
    if at.exception:
        times[label] = None
print(json.dumps({"total_s": time.perf_counter() - t_all, "views_s": times}), flush=True)
from lib import results
results.flush(None)
os._exit(0)
"""


def log(msg: str) -> None:
    print(f"{datetime.now():%H:%M:%S} {msg}", flush=True)


def _rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants (MB), 0 when gone."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return total


def run_child(cmd: list[str], env: dict | None = None, max_gb: float = 14.0, cwd: Path = ROOT) -> dict:
    """Run ``cmd`` as a fresh child process: wall seconds, peak resident memory (``ru_maxrss``
    from ``os.wait4``), exit code, stdout and the end of stderr. A watchdog kills the child when
    its memory passes ``max_gb`` (``killed`` is then set)."""
    out_path = Path(f"/tmp/bench-scale-{os.getpid()}.out")
    err_path = Path(f"/tmp/bench-scale-{os.getpid()}.err")
    killed = threading.Event()
    with open(out_path, "w") as out, open(err_path, "w") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.5):
                if _rss_mb(proc.pid) > max_gb * 1024:
                    killed.set()
                    proc.kill()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out_path.read_text(), err_path.read_text()
    out_path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)
    result = {"wall_s": round(wall, 2), "peak_mb": round(usage.ru_maxrss / 1024), "rc": proc.returncode,
              # the machine's load at the end (1-minute average; 2.0 = both cores busy on 2 CPUs):
              # the figures of a shared machine are read with it
              "load_1m": round(os.getloadavg()[0], 1)}
    if killed.is_set():
        result["killed"] = f"memory above {max_gb:g} GB"
    if proc.returncode != 0:
        result["error"] = stderr.strip()[-800:]
    result["stdout"] = stdout
    return result


def _json_line(r: dict) -> dict:
    """The last JSON line a child printed (empty when it failed)."""
    lines = [x for x in r.pop("stdout", "").strip().splitlines() if x.startswith("{")]
    if r.get("rc") != 0 or not lines:
        return {}
    try:
        return json.loads(lines[-1])
    except ValueError:
        return {}


def py(*args: str) -> list[str]:
    return [sys.executable, *args]


class Size:
    """One size's folder and its accumulated figures (``steps.json``)."""

    def __init__(self, base: Path, customers: int, max_gb: float):
        self.customers = customers
        self.dir = base / str(customers)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.source = self.dir / "source.duckdb"
        self.files = self.dir / "files"
        self.app = self.dir / "app.duckdb"
        self.max_gb = max_gb
        self.path = self.dir / "steps.json"
        self.steps: dict = json.loads(self.path.read_text()) if self.path.exists() else {}

    def save(self, step: str, value) -> None:
        self.steps[step] = value
        self.path.write_text(json.dumps(self.steps, indent=2))

    def child(self, cmd: list[str], env: dict | None = None) -> dict:
        return run_child(cmd, env=env, max_gb=self.max_gb)

    def env(self, **extra: str) -> dict:
        return {**os.environ, "LIFECYCLE_DB": str(self.app), **extra}

    def last_date(self) -> str:
        from lib import db

        con = db.connect(self.app, read_only=True)
        try:
            return db.last_transaction_date(con, db.dataset_id(con, DATASET)).isoformat()
        finally:
            con.close()


def _drop(path: Path) -> None:
    for suffix in ("", ".wal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def step_build(s: Size) -> dict:
    _drop(s.source)
    r = s.child(py("-c", BUILD_RUN, str(ROOT), str(s.source), DATASET, str(s.customers), str(CHUNK)))
    info = _json_line(r)
    return {**r, **info, "chunks": -(-s.customers // CHUNK)}


def step_export(s: Size) -> dict:
    r = s.child(py("-c", EXPORT_RUN, str(ROOT), str(s.source), DATASET, str(s.files), ",".join(TABLES)))
    info = _json_line(r)
    return {**r, **info}


def import_args(s: Size) -> list[str]:
    """The import command line: transactions from CSV, the other tables from Parquet."""
    args = ["--transactions", str(s.files / "transactions.csv")]
    for t in TABLES[1:]:
        args += [f"--{t}", str(s.files / f"{t}.parquet")]
    return args


def step_import(s: Size) -> dict:
    _drop(s.app)
    # the import alone: the prepare and warm-up steps are timed on their own
    r = s.child(py("-m", "lib", "import", "--db", str(s.app), "--dataset", DATASET, *import_args(s), "--no-warm",
                   "--json"))
    info = _json_line(r)
    return {**r, **{k: info[k] for k in ("total_seconds", "rows", "phases") if k in info}}


def step_prepare(s: Size) -> dict:
    from bench.targets import PREPARE_RUN

    r = s.child(py("-c", PREPARE_RUN, str(ROOT), str(s.app), DATASET))
    info = _json_line(r)
    return {**r, **({"inner_s": round(info["wall_s"], 2), "cpu_s": round(info["cpu_s"], 2)} if info else {})}


def step_warm(s: Size) -> dict:
    r = s.child(py("-m", "lib", "warm", "--db", str(s.app), "--dataset", DATASET, "--quiet"))
    r.pop("stdout", None)
    return r


def _views() -> list[tuple[str, dict, str]]:
    from lib import ui

    return [(file, {}, file) for file, *_ in ui.PAGES] + list(VARIANTS)


def _page(s: Size, file: str, params: dict, env: dict) -> dict:
    r = s.child(py("-c", PAGE_RUN, file, json.dumps(params)), env=env)
    info = _json_line(r)
    if not info:
        return {k: r[k] for k in ("wall_s", "peak_mb", "rc", "error", "killed") if k in r}
    return {"cold_s": round(info["cold_s"], 3), "warm_s": round(info["warm_s"], 3),
            "exception": info["exception"], "peak_mb": r["peak_mb"], "process_s": r["wall_s"], "load_1m": r["load_1m"]}


def step_pages(s: Size) -> dict:
    """Each view in a fresh process after the warm-up (stored results kept): cold, warm, peak."""
    out = {}
    for file, params, label in _views():
        out[label] = r = _page(s, file, params, s.env())
        log(f"    {label}: " + (f"cold {r['cold_s']:.2f} s, warm {r['warm_s']:.3f} s, peak {r['peak_mb']} MB"
                                  if "cold_s" in r else f"FAILED {r}"))
    return out


def step_first(s: Size) -> dict:
    """The heaviest pages' first ever run: nothing stored is read or written."""
    out = {}
    for file in FIRST_EVER:
        out[file] = r = _page(s, file, {}, s.env(LIFECYCLE_STORE_RESULTS="0"))
        log(f"    {file}: " + (f"first {r['cold_s']:.2f} s, peak {r['peak_mb']} MB" if "cold_s" in r
                               else f"FAILED {r}"))
    return out


def step_session(s: Size) -> dict:
    """Every view in one process, in turn, after the warm-up: the app's peak memory once every
    page was visited (``peak_mb``) and the first visits' times."""
    r = s.child(py("-c", SESSION_RUN, json.dumps(_views())), env=s.env())
    info = _json_line(r)
    return {**r, **info}


def step_clv(s: Size) -> dict:
    r = s.child(py("-m", "lib", "clv", "--db", str(s.app), "--dataset", DATASET,
                   "--calibration-end", s.last_date(), "--json"))
    info = _json_line(r)
    return {**r, "calibration_end": s.last_date(), **({"customers": info.get("customers")} if info else {})}


def step_score(s: Size) -> dict:
    out = s.dir / "score.csv"
    r = s.child(py("-m", "lib", "score", "--db", str(s.app), "--dataset", DATASET, "--as-of", s.last_date(),
                   "--out", str(out)))
    r.pop("stdout", None)
    if out.exists():
        r["csv_mb"] = round(out.stat().st_size / 2**20)
        out.unlink()
    return r


RUNNERS = {"build": step_build, "export": step_export, "import": step_import, "prepare": step_prepare,
           "warm": step_warm, "pages": step_pages, "first": step_first, "session": step_session, "clv": step_clv,
           "score": step_score}


def _commit() -> str:
    r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return r.stdout.strip()


def collect(base: Path) -> dict:
    """Every size's figures in ``base`` (each ``<size>/steps.json``) into one report."""
    report = {"when": datetime.now().isoformat(timespec="seconds"), "commit": _commit(),
              "machine": {"cpus": os.cpu_count(), "ram_gb": round(os.sysconf("SC_PAGE_SIZE")
                                                                  * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                          "python": platform.python_version()},
              "sizes": {}}
    for path in sorted(base.glob("*/steps.json"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0):
        if path.parent.name.isdigit():
            report["sizes"][path.parent.name] = json.loads(path.read_text())
    return report


def run(base: Path, sizes: list[int], steps: list[str], max_gb: float) -> dict:
    sys.path.insert(0, str(ROOT))
    for n in sizes:
        s = Size(base, n, max_gb)
        for step in steps:
            log(f"{n:,} customers: {step} ...")
            r = RUNNERS[step](s)
            s.save(step, r)
            if step in ("pages", "first"):
                continue
            log(f"  {r.get('wall_s')} s, peak {r.get('peak_mb')} MB" + (f"  ERROR {r['error'][-300:]}" if r.get("error")
                                                                        else ""))
            if r.get("rc"):
                log(f"  {step} failed: the later steps of {n:,} are skipped")
                break
    report = collect(base)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    log(f"written to {RESULTS}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--dir", default=str(ROOT / "data" / "scale"), help="where the datasets go (large: 5M "
                        "customers take about 25 GB with the exported files)")
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--max-gb", type=float, default=14.0, help="stop a child above this memory")
    parser.add_argument("--plot", action="store_true", help="only draw docs/cost-curve.png and rewrite the "
                        "README table from bench/results/scale.json")
    args = parser.parse_args(argv)
    if args.plot:
        report = json.loads(RESULTS.read_text())
        from bench import scale_report

        scale_report.write(report, PLOT, README)
        print(f"wrote {PLOT} and the table in {README}")
        for n, why in scale_report.verdict(report).items():
            print(f"{n:,} customers: " + ("interactive" if not why else "not interactive: " + "; ".join(why)))
        return 0
    run(Path(args.dir), args.sizes, args.steps, args.max_gb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
