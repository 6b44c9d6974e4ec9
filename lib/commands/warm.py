"""``python -m lib warm``: compute a dataset's default views now (lib/loaders/warm.py) and keep
them in the database file, so the app's first visit of every page and story step is quick, also
after a restart."""
from __future__ import annotations

import argparse
import sys
import time

from lib import db
from lib.cli import dataset_at, iso_date

NAME = "warm"
HELP = ("Compute a dataset's default views (every story step, and with them each page's first screen) and keep them "
        "in the database file, so nobody waits for them in the app, also after a restart.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", required=True, help="dataset name")
    p.add_argument("--as-of", type=iso_date, help="as-of date (YYYY-MM-DD; default: the dataset's last transaction "
                                                  "date, the one the app opens with)")
    p.add_argument("--quiet", action="store_true", help="print only the closing line")


def run(args: argparse.Namespace) -> int:
    path = str(args.db or db.default_db_path())
    ds, as_of = dataset_at(path, args.dataset, args.as_of, ": there is nothing to compute.")
    return warm_dataset(path, ds, args.dataset, as_of, quiet=args.quiet)


def warm_dataset(path: str, ds: int, name: str, as_of, quiet: bool = False, out=None) -> int:
    """Warm dataset ``ds`` (called ``name``) of ``path`` at ``as_of``, one line per step unless
    ``quiet``, and a closing line, to ``out`` (default stdout); exit code 0, or 1 when no step
    could be computed."""
    from lib.loaders import DatasetKey, outside_app, warm

    out = out or sys.stdout

    def line(done: int, total: int, step: str, seconds: float) -> None:
        if not quiet:
            took = f"{seconds:6.1f} s" if seconds == seconds else "failed (the page computes it when opened)"
            print(f"  {done:2d}/{total} {step:<14} {took}", file=out, flush=True)

    started = time.perf_counter()
    with outside_app(path):
        seconds = warm.warm(DatasetKey(path, ds), as_of, progress=line)
    failed = warm.failed(seconds)
    pages = sum(step.startswith("page ") for step in seconds if step not in failed)
    print(f"{name} as of {as_of}: the first screens of {pages} pages and {len(seconds) - len(failed) - pages} story "
          f"steps computed and stored ({time.perf_counter() - started:.0f} s)"
          + (f"; not computed: {', '.join(failed)} (the warnings above say why; those pages compute it when opened)"
             if failed else "") + ".", file=out)
    return 1 if seconds and len(failed) == len(seconds) else 0
