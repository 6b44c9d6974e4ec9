"""Timing check of the CLV fits: all three models on one million simulated customers.

Run on its own with ``python -m bench.clv_timing [--customers N] [--seed S]``; ``python -m bench``
runs it too (``clv_timing`` in ``bench/results/latest.json``). Not a test.

T is uniform in whole days 0..1095 (in weeks), purchases come from CDNOW-like BG/NBD parameters
with t_x in whole days, spend from CDNOW-like Gamma-Gamma parameters. Each step is timed in wall
and CPU seconds: on a shared two-core machine wall time also measures the neighbours.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import clv  # noqa: E402
from lib.clv.bgnbd import _fit_bgnbd  # noqa: E402
from lib.clv.optimise import _dot, _transaction_design  # noqa: E402
from lib.clv.pareto_nbd import _fit_pareto_nbd  # noqa: E402


def timing_check(n: int = 1_000_000, seed: int = 0, *, verbose: bool = True) -> dict[str, dict[str, float]]:
    """Fit all three models to ``n`` simulated customers; print and return the seconds.

    Returns ``{"wall_s": {step: seconds}, "cpu_s": {step: seconds}, "customers": n,
    "distinct_rows": ..., "repeat_buyers": ...}`` for the steps grouping, bgnbd, pareto_nbd,
    gamma_gamma and fit_all (all three, end to end).
    """
    rng = np.random.default_rng(seed)
    big_t = rng.integers(0, 1096, n) / 7
    x, t_x = clv.simulate_bgnbd(0.243, 4.414, 0.793, 2.426, big_t, rng)
    m = clv.simulate_spend(x, 6.25, 3.74, 15.44, rng)
    summary = clv.CalibrationSummary(
        customer_id=np.arange(n).astype(str).astype(object), x=x, t_x=t_x, T=big_t,
        monetary=m, x_holdout=np.zeros(n, dtype=np.int64), calibration_end=date(2000, 1, 1),
    )
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(name: str, call: Callable[[], Any]) -> Any:
        wall, proc = time.perf_counter(), time.process_time()
        out = call()
        times[name] = time.perf_counter() - wall
        cpu[name] = time.process_time() - proc
        return out

    d = timed("grouping", lambda: _transaction_design(x, t_x, big_t, None, "BG/NBD"))
    bg = timed("bgnbd", lambda: _fit_bgnbd(d, None))
    start = (bg.r, bg.alpha, 1.0, max(_dot(d.w, d.gT) / d.n, 1.0))
    pn = timed("pareto_nbd", lambda: _fit_pareto_nbd(d, start))
    gg = timed("gamma_gamma", lambda: clv.fit_gamma_gamma(x, m))
    timed("fit_all", lambda: clv.fit_all(summary))
    if verbose:
        print(f"{n:,} customers, {d.w.size:,} distinct (x, t_x, T) rows, "
              f"{int((x > 0).sum()):,} repeat buyers; seconds wall (CPU)")
        print(f"grouping    {times['grouping']:6.2f} ({cpu['grouping']:.2f})")
        print(f"BG/NBD      {times['bgnbd']:6.2f} ({cpu['bgnbd']:.2f})  r={bg.r:.4f} "
              f"alpha={bg.alpha:.4f} a={bg.a:.4f} b={bg.b:.4f}")
        print(f"Pareto/NBD  {times['pareto_nbd']:6.2f} ({cpu['pareto_nbd']:.2f})  r={pn.r:.4f} "
              f"alpha={pn.alpha:.4f} s={pn.s:.4f} beta={pn.beta:.4f}")
        print(f"Gamma-Gamma {times['gamma_gamma']:6.2f} ({cpu['gamma_gamma']:.2f})  p={gg.p:.4f} "
              f"q={gg.q:.4f} gamma={gg.gamma:.4f}")
        print(f"fit_all     {times['fit_all']:6.2f} ({cpu['fit_all']:.2f})  all three, end to end")
    return {"customers": n, "distinct_rows": int(d.w.size), "repeat_buyers": int((x > 0).sum()),
            "wall_s": times, "cpu_s": cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.clv_timing", description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    timing_check(args.customers, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
