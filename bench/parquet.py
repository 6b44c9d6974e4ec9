"""The same app on a dataset read from Parquet files (docs/scaling.md), against native tables.

``python -m bench.parquet --dir DIR/<size> [--runs 3]`` takes a size folder of
:mod:`bench.scale` (``files/*.parquet``: the seven input tables as exported; ``app.duckdb``: the
same rows imported, prepared and warmed) and builds ``views.duckdb`` beside it: the catalogue row
of the dataset and, instead of the seven input tables, views ``CREATE VIEW transactions AS SELECT
<id> AS dataset_id, * FROM read_parquet('files/transactions.parquet')`` and so on. Nothing in
``lib`` changes: ``lib.db.connect`` opens that file like any other.

Then, in turns, ``runs`` times, each a fresh child process (wall seconds and peak memory):

* scan: every transaction and every complaint or dispute aggregated per customer, reading only
  input tables (the storage of the input tables is all that differs);
* prepare: the derived tables built and committed (``bench.targets.PREPARE_RUN``), reading the
  input tables (native) or the Parquet files (views); the derived tables are native in both;
* risk: the risk page's first screen computed with nothing stored (``bench.targets.RISK_RUN``):
  its signal query reads events, invoices, customers and surveys straight from the input tables;
* page: the risk page's first ever script run in AppTest (``LIFECYCLE_STORE_RESULTS=0``), as the
  app computes it.

It prints the medians side by side and writes them to ``bench/results/parquet.json``.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import scale  # noqa: E402
from bench.__main__ import PAGE_RUN  # noqa: E402
from bench.targets import PREPARE_RUN, RISK_RUN  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "parquet.json"
TABLES = scale.TABLES


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def view_sql(table: str, dataset_id: int, parquet: Path) -> str:
    """The view that stands for input table ``table`` of dataset ``dataset_id``: the Parquet file's
    rows under that id."""
    return (f"CREATE VIEW {table} AS SELECT CAST({int(dataset_id)} AS INTEGER) AS dataset_id, * "
            f"FROM read_parquet({_quote(str(parquet))})")


def make_views_db(native: Path, files: Path, target: Path, dataset: str = scale.DATASET) -> int:
    """A database file whose input tables are views over ``files/<table>.parquet``, with the
    catalogue row of ``dataset`` copied from ``native``; the dataset id."""
    from lib import db

    for suffix in ("", ".wal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    src = db.connect(native, read_only=True)
    try:
        ds = db.dataset_id(src, dataset)
        row = src.execute("SELECT id, name, created_at, source, kind FROM datasets WHERE id = ?", [ds]).fetchone()
    finally:
        src.close()
    con = db.connect(target)
    try:
        con.execute("INSERT INTO datasets VALUES (?, ?, ?, ?, ?)", list(row))
        for t in TABLES:
            con.execute(f"DROP TABLE {t}")
            con.execute(view_sql(t, ds, files / f"{t}.parquet"))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return ds


#: Reads only input tables: every transaction and event aggregated per customer (what a prepare
#: step's first scan does), so the storage of the input tables is all that differs.
SCAN_RUN = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from lib import db
con = db.connect(sys.argv[2], read_only=True)
ds = db.dataset_id(con, sys.argv[3])
t0 = time.perf_counter()
n = con.execute(
    "SELECT count(*), sum(t.n), sum(e.n) FROM (SELECT customer_id, count(*) AS n, sum(amount) AS s, max(date) AS d "
    "FROM transactions WHERE dataset_id = $ds GROUP BY customer_id) t FULL JOIN (SELECT customer_id, count(*) AS n "
    "FROM events WHERE dataset_id = $ds AND type IN ('complaint', 'dispute') GROUP BY customer_id) e USING (customer_id)",
    {"ds": ds}).fetchone()
print(json.dumps({"wall_s": time.perf_counter() - t0, "rows": list(map(int, n))}))
"""


def _measure(kind: str, path: Path) -> dict:
    env = {**scale.os.environ, "LIFECYCLE_DB": str(path), "LIFECYCLE_STORE_RESULTS": "0"}
    if kind == "prepare":
        r = scale.run_child([sys.executable, "-c", PREPARE_RUN, str(ROOT), str(path), scale.DATASET])
    elif kind == "scan":
        r = scale.run_child([sys.executable, "-c", SCAN_RUN, str(ROOT), str(path), scale.DATASET])
    elif kind == "risk":
        r = scale.run_child([sys.executable, "-c", RISK_RUN, str(ROOT), str(path), scale.DATASET], env=env)
    else:
        r = scale.run_child([sys.executable, "-c", PAGE_RUN, "pages/risk.py", "{}"], env=env)
    info = scale._json_line(r)
    if r.get("rc") or not info:
        return {"error": r.get("error", "")[-400:]}
    if info.get("exception"):
        return {"error": "the page showed an exception"}
    inner = info.get("cold_s", info.get("wall_s"))
    out = {"process_s": r["wall_s"], "inner_s": round(inner, 3), "peak_mb": r["peak_mb"], "load_1m": r["load_1m"]}
    if "rows" in info:
        out["rows"] = info["rows"]
    return out


KINDS = ("scan", "prepare", "risk", "page")


def compare(size_dir: Path, runs: int = 3, log=print, kinds: tuple[str, ...] = KINDS) -> dict:
    native, views = size_dir / "app.duckdb", size_dir / "views.duckdb"
    make_views_db(native, size_dir / "files", views)
    out: dict = {"when": datetime.now().isoformat(timespec="seconds"), "commit": scale._commit(),
                 "dir": str(size_dir), "runs": runs,
                 "native_db_mb": round(native.stat().st_size / 2**20),
                 "parquet_mb": round(sum((size_dir / "files" / f"{t}.parquet").stat().st_size for t in TABLES) / 2**20)}
    for kind in kinds:
        got: dict[str, list[dict]] = {"native": [], "views": []}
        for i in range(runs):
            for name, path in (("native", native), ("views", views)):
                r = _measure(kind, path)
                got[name].append(r)
                log(f"  {kind} {name} run {i + 1}: {r}")
        row = {}
        for name, rs in got.items():
            ok = [r for r in rs if "error" not in r]
            row[name] = ({"inner_s": round(statistics.median(r["inner_s"] for r in ok), 2),
                          "process_s": round(statistics.median(r["process_s"] for r in ok), 2),
                          "peak_mb": round(statistics.median(r["peak_mb"] for r in ok))}
                         if len(ok) == len(rs) else {"error": next(r["error"] for r in rs if "error" in r)})
        if "inner_s" in row["native"] and "inner_s" in row["views"]:
            row["ratio"] = round(row["views"]["inner_s"] / row["native"]["inner_s"], 2)
        out[kind] = row
        log(f"{kind}: {row}")
        if kind == "scan":   # both must count the same rows
            rows = {json.dumps(r.get("rows")) for rs in got.values() for r in rs}
            row["same_rows"] = len(rows) == 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parquet")
    parser.add_argument("--dir", required=True, help="a size folder of bench.scale (files/ and app.duckdb)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    args = parser.parse_args(argv)
    result = compare(Path(args.dir), args.runs, log=lambda msg: print(msg, flush=True), kinds=tuple(args.kinds))
    all_results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    all_results[Path(args.dir).name] = {**all_results.get(Path(args.dir).name, {}), **result}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(all_results, indent=2))
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
