"""The story's steps timed on a dataset: pure lib calls (lib/story), no Streamlit, in a process of
their own (``python -m bench.story DB [DATASET]`` prints JSON; ``make bench`` runs it on the large
dataset and on the demo).

Per step:

* ``cold_s``: the step built from a fresh :class:`lib.story.Source` (nothing computed yet: every
  result the step needs, e.g. the risk model's fit, is computed for it alone);
* ``in_order_s``: the step built in story order from one source shared by all steps, as the deck
  command builds them (results an earlier step computed are reused);
* ``warm_s``: the same step again from that source (every result at hand: what the app's cached
  loaders give a second visitor, less Streamlit's drawing).

The goal of issue #14: each step at most 2 s warm and 4 s cold on the 1M-customer dataset.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import db, derived, story  # noqa: E402


def time_steps(path: Path | str, dataset: str = "demo", lang: str = "de", anon: bool = True) -> dict:
    """Seconds per step (see the module docstring) on ``dataset`` of ``path`` at its last date."""
    con = db.connect(path)
    try:
        ds = db.dataset_id(con, dataset)
        derived.ensure(con, ds)
        as_of = db.last_transaction_date(con, ds)
        out: dict = {"dataset": dataset, "as_of": as_of.isoformat(), "steps": {}}
        shared = story.Source(con, ds, as_of)
        for step in story.STEPS:
            t0 = time.perf_counter()
            story.build(con, ds, as_of, step.id, lang, anon, source=story.Source(con, ds, as_of))
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            slide = story.build(con, ds, as_of, step.id, lang, anon, source=shared)
            in_order = time.perf_counter() - t0
            t0 = time.perf_counter()
            story.build(con, ds, as_of, step.id, lang, anon, source=shared)
            warm = time.perf_counter() - t0
            out["steps"][step.id] = {"cold_s": cold, "in_order_s": in_order, "warm_s": warm, "ok": slide.ok}
        return out
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m bench.story DB [DATASET]", file=sys.stderr)
        return 2
    print(json.dumps(time_steps(args[0], *(args[1:2] or ["demo"]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
