"""The bad case of the CLV fits (issue 17): customers who buy (almost) every day for years.

``python -m bench.daily --db PATH [--customers 20000] [--seed 7] [--dataset daily]`` writes the
demo world of :func:`lib.demo.simulate` (segments, events, complaints, churn, win-back, surveys,
invoices) with its purchases replaced by daily ones: each customer buys on each day between
their first and last purchase of the demo with a probability of their own (the first and last
day always). So tenure, churn and the warning signals are the demo's, but a customer has hundreds
of purchases and ``t_x`` close to ``T`` unless they churned: the region where the Pareto/NBD
likelihood's hypergeometric terms are hardest. Not a test; ``python -m bench`` uses it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import db, demo, derived  # noqa: E402

DATASET = "daily"


def daily_world(customers: int = 20_000, seed: int = 7, p_day: tuple[float, float] = (0.8, 1.5)) -> dict[str, pa.Table]:
    """:func:`lib.demo.simulate` with daily purchases (see the module docstring); each
    customer's chance to buy on a day is drawn from Beta(*p_day) (mean 0.35: some buy nearly
    every day, some once a week or less)."""
    world = demo.simulate(customers, seed)
    tx = world["tx"]
    c = tx["c"].to_numpy()
    d = tx["d"].to_numpy().astype(np.int64)
    sale = ~tx["ret"].to_numpy(zero_copy_only=False)
    c, d, amount = c[sale], d[sale], tx["amount"].to_numpy()[sale]
    n = customers
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, -1)
    np.minimum.at(first, c, d)
    np.maximum.at(last, c, d)
    spend = np.bincount(c, weights=amount, minlength=n) / np.maximum(np.bincount(c, minlength=n), 1)
    buyers = np.flatnonzero(last >= 0)
    span = last[buyers] - first[buyers] + 1
    owner = np.repeat(buyers, span)
    start = np.repeat(np.cumsum(span) - span, span)
    day = first[owner] + (np.arange(owner.size) - start)
    rng = np.random.default_rng(seed + 1)
    chance = rng.beta(*p_day, n)
    keep = (rng.random(owner.size) < chance[owner]) | (day == first[owner]) | (day == last[owner])
    owner, day = owner[keep], day[keep]
    k = owner.size
    amounts = np.round(spend[owner] * rng.lognormal(-0.06, 0.35, k), 2)
    world["tx"] = pa.table({
        "c": owner.astype(np.int32),
        "d": day.astype(np.int16),
        "amount": np.maximum(amounts, 0.01),
        "o": np.arange(k, dtype=np.int64),
        "ret": np.zeros(k, bool),
        "q": (1 + rng.poisson(0.6, k)).astype(np.int32),
        "p": rng.integers(0, len(demo.PRODUCTS), k).astype(np.int8),
        "ch": rng.integers(0, len(demo.TX_CHANNELS), k).astype(np.int8),
    })
    return world


def daily_summary(customers: int, seed: int = 7) -> tuple[np.ndarray, ...]:
    """(x, t_x, T, monetary) in weeks at the last day of the data, straight from
    :func:`daily_world` without a database: the histories of ``customers`` daily buyers (one
    purchase a day at most, so x is the purchase count less one; monetary the mean of the
    repeat purchases), for timing fits at sizes that would take long to write to DuckDB."""
    tx = daily_world(customers, seed)["tx"]
    c = tx["c"].to_numpy().astype(np.int64)
    d = tx["d"].to_numpy().astype(np.int64)
    amount = tx["amount"].to_numpy()
    n = customers
    count = np.bincount(c, minlength=n)
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, -1)
    np.minimum.at(first, c, d)
    np.maximum.at(last, c, d)
    first_amount = np.zeros(n)
    first_amount[c[d == first[c]]] = amount[d == first[c]]
    buyers = count > 0
    x = (count - 1)[buyers]
    total = np.bincount(c, weights=amount, minlength=n)
    monetary = np.where(x > 0, (total - first_amount)[buyers] / np.maximum(x, 1), 0.0)
    end = demo.DAYS - 1
    t_x = (last - first)[buyers] / 7.0
    big_t = (end - first[buyers]) / 7.0
    return x, t_x, big_t, monetary


def generate(con, dataset: str = DATASET, customers: int = 20_000, seed: int = 7) -> dict:
    """Write the daily-purchase world as dataset ``dataset`` (replacing it), derived tables built."""
    t0 = time.perf_counter()
    rows = demo.save(con, dataset, daily_world(customers, seed), seed,
                     f"daily purchases (seed {seed}, {customers} customers)")
    return {"seconds": time.perf_counter() - t0, "rows": rows}


def ensure(path: Path, customers: int = 20_000, seed: int = 7, dataset: str = DATASET) -> dict:
    """Build the dataset in ``path`` unless a dataset of that name and size is there already."""
    con = db.connect(path)
    try:
        infos = {i.name: i for i in db.datasets(con)}
        if dataset in infos and infos[dataset].counts["customers"] == customers:
            derived.ensure(con, db.dataset_id(con, dataset))
            return {"built": False, "rows": infos[dataset].counts}
        return {"built": True, **generate(con, dataset, customers, seed)}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.daily", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dataset", default=DATASET)
    args = parser.parse_args(argv)
    out = ensure(Path(args.db), args.customers, args.seed, args.dataset)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
