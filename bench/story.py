"""The story's steps timed on a dataset (``python -m bench.story DB [DATASET]`` prints JSON; ``make
bench`` runs it on the large dataset and on the demo).

Per step:

* ``first_s``: the step computed from nothing, pure lib calls (a fresh :class:`lib.story.Source`:
  every result it needs, e.g. the risk model's fit, is computed for it alone): what the warm-up
  pays, once per import;
* ``in_order_s``: the step built in story order from one source shared by all steps, as the deck
  command builds them (results an earlier step computed are reused);
* ``cold_s``: the step in a new process after the warm-up (``python -m lib warm``), through the
  app's loaders, which read the stored results back from the file: what a visitor waits for the
  first time after a restart;
* ``warm_s``: the step's slide assembled again in that process (its results in memory: what
  another language, the anonymised switch or a second visitor costs, less Streamlit's drawing).

``warm_up_s``: the whole warm-up, in a process of its own. The goal of issue #14: each step at
most 2 s warm and 4 s cold on the 1M-customer dataset.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import db, derived, story  # noqa: E402

#: One step through the app's loaders in a new process: its first build (stored results read
#: back) and a second one (the slide assembled again from the loaders' memory).
STEP_RUN = """
import json, logging, sys, time
logging.disable(logging.WARNING)
sys.path.insert(0, sys.argv[1])
from lib import db
from lib.loaders import DatasetKey
from lib.loaders import story as story_load
con = db.connect(sys.argv[2], read_only=True)
ds = db.dataset_id(con, sys.argv[3]); as_of = db.last_transaction_date(con, ds)
con.close()
key = DatasetKey(sys.argv[2], ds)
t0 = time.perf_counter(); story_load.slide(key, as_of, sys.argv[4], sys.argv[5], sys.argv[6] == "1")
cold = time.perf_counter() - t0
story_load.slide.clear()
t0 = time.perf_counter(); story_load.slide(key, as_of, sys.argv[4], sys.argv[5], sys.argv[6] == "1")
print(json.dumps({"cold_s": cold, "warm_s": time.perf_counter() - t0}))
"""


def _first(path: Path | str, dataset: str, lang: str, anon: bool) -> dict:
    """first_s and in_order_s per step (pure lib calls, nothing stored or read back)."""
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
            first = time.perf_counter() - t0
            t0 = time.perf_counter()
            slide = story.build(con, ds, as_of, step.id, lang, anon, source=shared)
            out["steps"][step.id] = {"first_s": first, "in_order_s": time.perf_counter() - t0, "ok": slide.ok}
        return out
    finally:
        con.close()


def time_steps(path: Path | str, dataset: str = "demo", lang: str = "de", anon: bool = True,
               cold_steps: tuple[str, ...] | None = None) -> dict:
    """Seconds per step (see the module docstring) on ``dataset`` of ``path`` at its last date;
    ``cold_steps``: the steps timed in new processes (default: all)."""
    out = _first(path, dataset, lang, anon)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LIFECYCLE_STORE_RESULTS", None)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "lib", "warm", "--db", str(path), "--dataset", dataset, "--quiet"],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"warm-up failed: {(r.stderr.strip().splitlines() or ['?'])[-1]}")
    out["warm_up_s"] = time.perf_counter() - t0
    for step in story.STEPS:
        if cold_steps is not None and step.id not in cold_steps:
            continue
        r = subprocess.run([sys.executable, "-c", STEP_RUN, str(ROOT), str(path), dataset, step.id, lang,
                            "1" if anon else "0"], capture_output=True, text=True, cwd=ROOT, env=env)
        if r.returncode != 0:
            raise RuntimeError(f"step {step.id} failed: {(r.stderr.strip().splitlines() or ['?'])[-1]}")
        out["steps"][step.id].update(json.loads(r.stdout.strip().splitlines()[-1]))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m bench.story DB [DATASET [STEP,STEP...]]", file=sys.stderr)
        return 2
    steps = tuple(args[2].split(",")) if len(args) > 2 else None
    print(json.dumps(time_steps(args[0], *(args[1:2] or ["demo"]), cold_steps=steps)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
