"""``python -m lib datasets``: each dataset with its row count per table and date range."""
from __future__ import annotations

import argparse
import json

from lib import db

NAME = "datasets"
HELP = "List the datasets with row counts per table and date range."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON (a list of objects)")


def run(args: argparse.Namespace) -> int:
    con = db.connect(args.db, read_only=True)
    infos = db.datasets(con)
    if args.json:
        print(json.dumps([i.as_json() for i in infos], indent=2, ensure_ascii=False))
        return 0
    if not infos:
        print("no datasets yet: create one with `python -m lib demo`")
        return 0
    for i in infos:
        span = f"{i.first_date} .. {i.last_date}" if i.first_date else "no transactions"
        counts = ", ".join(f"{k} {v:,}" for k, v in i.counts.items())
        print(f"{i.name}  [{span}]  {counts}  ({i.kind}, {i.created_at:%Y-%m-%d %H:%M})")
    return 0
