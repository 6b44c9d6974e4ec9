"""Each CLV fit timed on its own, in seconds per fit and per 100,000 distinct histories (issue 17:
at most 2 s per 100,000 for each model, whatever the parameters).

``python -m bench.clv_fits [--db PATH] [--runs 3]``; ``python -m bench`` runs it too
(``clv_fits`` in ``bench/results/latest.json``). Not a test. The data:

* ``daily``: the 20,000-customer dataset of :mod:`bench.daily` (buyers on many days for years,
  the case that took minutes), its calibration summary read from DuckDB as the commands do;
* ``cdnow_like``: CDNOW-like BG/NBD customers (bench/clv_timing.py's generator), about
  100,000 distinct (x, t_x, T) histories;
* ``daily_like``: :func:`bench.daily.daily_summary`, about 100,000 distinct histories.

Each fit runs ``runs`` times; the median wall seconds are reported (CPU seconds beside them: on a
shared two-core machine wall time also measures the neighbours). A fit that fails (FitError,
e.g. a Pareto/NBD whose drop-out parameters run off to infinity) is timed all the same: the
time to give up counts. Transaction models count distinct (x, t_x, T) rows, Gamma-Gamma distinct
(x, spend) pairs of repeat buyers.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import clv, db  # noqa: E402
from lib.clv.bgnbd import _fit_bgnbd  # noqa: E402
from lib.clv.optimise import _dot, _transaction_design  # noqa: E402
from lib.clv.pareto_nbd import _fit_pareto_nbd  # noqa: E402

CDNOW_LIKE_CUSTOMERS = 240_000   # about 100,000 distinct histories
DAILY_LIKE_CUSTOMERS = 110_000   # about 100,000 distinct histories


def _timed(call: Callable[[], object], runs: int) -> dict:
    walls, cpus, outcome = [], [], ""
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            out = call()
            outcome = "fitted: " + ", ".join(f"{v:.4g}" for v in out.params)
        except clv.FitError as exc:
            outcome = f"FitError: {exc}"
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"median_s": statistics.median(walls), "cpu_median_s": statistics.median(cpus), "runs_s": walls,
            "outcome": outcome}


def time_fits(x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray, monetary: np.ndarray, runs: int = 3) -> dict:
    """Median seconds of each fit on these histories, and per 100,000 distinct histories."""
    d = _transaction_design(x, t_x, big_t, None, "BG/NBD")
    bg = _fit_bgnbd(d, None)
    start = (bg.r, bg.alpha, 1.0, max(_dot(d.w, d.gT) / d.n, 1.0))  # as clv.fit_all starts it
    rep = x > 0
    gg_rows = int(np.unique(np.stack([x[rep], monetary[rep]]), axis=1).shape[1])
    out = {"customers": int(x.size), "distinct_histories": int(d.w.size), "gamma_gamma_rows": gg_rows}
    for name, call, rows in (("bgnbd", lambda: _fit_bgnbd(d, None), d.w.size),
                             ("pareto_nbd", lambda: _fit_pareto_nbd(d, start), d.w.size),
                             ("gamma_gamma", lambda: clv.fit_gamma_gamma(x, monetary), gg_rows)):
        r = _timed(call, runs)
        r["per_100k_s"] = r["median_s"] * 100_000 / max(rows, 1)
        out[name] = r
    return out


def cdnow_like(n: int, seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    big_t = rng.integers(0, 1096, n) / 7
    x, t_x = clv.simulate_bgnbd(0.243, 4.414, 0.793, 2.426, big_t, rng)
    return x, t_x, big_t, clv.simulate_spend(x, 6.25, 3.74, 15.44, rng)


def daily_from_db(path: Path) -> tuple[np.ndarray, ...]:
    from bench import daily

    daily.ensure(path)
    con = db.connect(path, read_only=True)
    try:
        ds = db.dataset_id(con, daily.DATASET)
        s = clv.summary_from_db(con, ds, db.last_transaction_date(con, ds))
    finally:
        con.close()
    return s.x, s.t_x, s.T, s.monetary


def run(path: Path, runs: int = 3, log: Callable[[str], None] = print) -> dict:
    from bench import daily

    report = {}
    for label, make in (("daily", lambda: daily_from_db(path)),
                        ("cdnow_like", lambda: cdnow_like(CDNOW_LIKE_CUSTOMERS)),
                        ("daily_like", lambda: daily.daily_summary(DAILY_LIKE_CUSTOMERS))):
        r = report[label] = time_fits(*make(), runs=runs)
        log(f"  {label}: {r['customers']:,} customers, {r['distinct_histories']:,} distinct histories, "
            f"{r['gamma_gamma_rows']:,} repeat buyers")
        for model in ("bgnbd", "pareto_nbd", "gamma_gamma"):
            m = r[model]
            log(f"    {model:12s} {m['median_s']:6.2f} s (CPU {m['cpu_median_s']:.2f}) = {m['per_100k_s']:5.2f} s "
                f"per 100k  [{m['outcome'][:90]}]")
    return report


def score_seconds(path: Path, runs: int = 3) -> dict:
    """Wall seconds of ``python -m lib score`` on the daily-purchase dataset (median of ``runs``,
    after one unmeasured run that builds nothing: :func:`bench.daily.ensure` did)."""
    import subprocess
    import tempfile

    from bench import daily

    daily.ensure(path)
    con = db.connect(path, read_only=True)
    try:
        as_of = db.last_transaction_date(con, db.dataset_id(con, daily.DATASET))
    finally:
        con.close()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "lib", "score", "--db", str(path), "--dataset", daily.DATASET,
               "--as-of", as_of.isoformat(), "--out", str(Path(tmp) / "scores.csv")]
        for i in range(runs + 1):
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
            if i:
                times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "runs_s": times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.clv_fits", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "data" / "bench-daily.duckdb"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the report as JSON at the end")
    args = parser.parse_args(argv)
    report = run(Path(args.db), args.runs)
    report["score_daily"] = sc = score_seconds(Path(args.db), args.runs)
    print(f"  score on the daily-purchase dataset: {sc['median_s']:.2f} s (median of {len(sc['runs_s'])})")
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
