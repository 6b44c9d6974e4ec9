"""The import benchmark of ``make bench``: ``python -m lib import`` of a transactions CSV against
DuckDB's bare ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` on the same file.

Each measurement runs in a fresh child process and a fresh database, so its peak memory is its
own: the CLI import as a user runs it, and the two other measurements as this module's own
command line (``python -m bench.importing bare DB CSV`` and ``python -m bench.importing
first-open DB``), which print one JSON line each. The bare run imports nothing of ``lib``.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The dataset name the benchmark imports into.
DATASET = "bench-import"


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare(db_path: str, csv_path: str) -> dict:
    """DuckDB alone: ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` into a fresh database,
    then its checkpoint (timed apart); the rows and this process's peak memory."""
    import duckdb

    con = duckdb.connect(db_path)
    con.execute("SET enable_progress_bar = false")
    t = time.perf_counter()
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [csv_path])
    seconds = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("CHECKPOINT")
    checkpoint = time.perf_counter() - t
    rows = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    return {"seconds": seconds, "checkpoint": checkpoint, "rows": rows, "peak_mb": peak_mb()}


def first_open(db_path: str) -> dict:
    """What the app does when it first opens the imported dataset: build its derived tables."""
    from lib import db, derived

    con = db.connect(db_path)
    ds = db.dataset_id(con, DATASET)
    t = time.perf_counter()
    built = derived.ensure(con, ds)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "built": built, "peak_mb": peak_mb()}


def _child(*args: str) -> dict:
    """Run this module's command line in a fresh process; its JSON line."""
    out = subprocess.run([sys.executable, "-m", "bench.importing", *args], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_import(csv_path: str | Path, workdir: str | Path, memory_limit: str = "3GB", runs: int = 3) -> dict:
    """Time the CLI import of a transactions CSV (``python -m lib import``: detection,
    validation, writing, commit and checkpoint) against DuckDB's bare ``CREATE TABLE t AS
    SELECT * FROM read_csv(file)`` on the same file, each in a fresh child process and a fresh
    database under ``workdir``, ``runs`` times in turns; report the medians, their ratio and the
    import's peak memory. Then, apart from the import, the time the app needs to build the
    dataset's derived tables on first opening it (:func:`first_open`; ``--prepare`` would add it
    to the import).
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    bare_db, import_db = workdir / "bench-bare.duckdb", workdir / "bench-import.duckdb"

    def clean() -> None:
        for p in (bare_db, import_db):
            for suffix in ("", ".wal"):
                Path(str(p) + suffix).unlink(missing_ok=True)

    bares, imports, walls = [], [], []
    try:
        for _ in range(runs):
            clean()
            bares.append(_child("bare", str(bare_db), str(csv_path)))
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "lib", "import", "--db", str(import_db), "--dataset",
                                   DATASET, "--transactions", str(csv_path), "--memory-limit", memory_limit,
                                   "--no-warm", "--json"], capture_output=True, text=True, cwd=ROOT)
            walls.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise RuntimeError(f"import failed: {proc.stderr.strip()[-500:]}")
            imports.append(json.loads(proc.stdout))
        prep_info = _child("first-open", str(import_db))
    finally:
        clean()
    bare_s = statistics.median(b["seconds"] for b in bares)
    bare_cp = statistics.median(b["checkpoint"] for b in bares)
    import_s = statistics.median(i["total_seconds"] for i in imports)
    middle = sorted(imports, key=lambda i: i["total_seconds"])[len(imports) // 2]
    return {
        "rows": bares[0]["rows"],
        "runs": runs,
        "bare_ctas_s": round(bare_s, 2),
        "import_s": round(import_s, 2),
        "ratio": round(import_s / bare_s, 2),
        "import_peak_mb": round(max(i["peak_mb"] for i in imports)),
        "phases_s": middle["phases"],
        "path": middle["path"],
        "bare_runs_s": [round(b["seconds"], 2) for b in bares],
        "import_runs_s": [round(i["total_seconds"], 2) for i in imports],
        # context, not part of the target: the bare table's own checkpoint (the import's is in
        # import_s), the import process's wall time, and the derived tables built on first opening
        "bare_checkpoint_s": round(bare_cp, 2),
        "ratio_with_bare_checkpoint": round(import_s / (bare_s + bare_cp), 2),
        "import_process_wall_s": round(statistics.median(walls), 2),
        "bare_peak_mb": round(max(b["peak_mb"] for b in bares)),
        "first_open_derived_s": round(prep_info["seconds"], 2),
        "first_open_peak_mb": round(prep_info["peak_mb"]),
    }


def main(argv: list[str]) -> int:
    """``bare DB CSV`` or ``first-open DB``: one measurement, printed as one JSON line."""
    if len(argv) == 3 and argv[0] == "bare":
        result = bare(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "first-open":
        result = first_open(argv[1])
    else:
        print("usage: python -m bench.importing bare DB CSV | first-open DB", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
