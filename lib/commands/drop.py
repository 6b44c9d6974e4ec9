"""``python -m lib drop``: delete a dataset and all its rows (one transaction)."""
from __future__ import annotations

import argparse

from lib import db

NAME = "drop"
HELP = "Delete a dataset and all its rows."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", required=True, help="dataset name")


def run(args: argparse.Namespace) -> int:
    con = db.connect(args.db)
    try:
        db.drop_dataset(con, args.dataset)
    finally:
        con.close()
    print(f"dataset {args.dataset!r} deleted")
    return 0
