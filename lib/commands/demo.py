"""``python -m lib demo``: create (or atomically replace) a deterministic demo dataset."""
from __future__ import annotations

import argparse

from lib import db
from lib.cli import UsageError, positive_int

NAME = "demo"
HELP = "Create (or replace) a deterministic demo dataset."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", default="demo", help="dataset name (default: demo)")
    p.add_argument("--customers", type=positive_int, default=5000, help="number of customers (default: 5000)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing when the database already holds any dataset (used by `make run`)")


def run(args: argparse.Namespace) -> int:
    from lib import demo

    if not db.valid_name(args.dataset):
        raise UsageError(f"{args.dataset!r} is not a valid dataset name: use letters, digits, space, _ . - (up to 63)")
    con = db.connect(args.db)
    if args.if_missing and db.dataset_names(con):
        print(f"database {args.db or db.default_db_path()} already holds datasets; demo not created")
        return 0
    result = demo.generate(con, args.dataset, customers=args.customers, seed=args.seed)
    counts = ", ".join(f"{k} {v:,}" for k, v in result.counts.items())
    print(f"dataset {result.dataset!r}: {counts} ({result.seconds:.1f} s)")
    return 0
