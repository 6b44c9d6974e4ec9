"""``python -m lib deck``: the story as a PowerPoint deck (lib/deck.py over lib/story)."""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from lib import db
from lib.cli import UsageError, dataset_at, iso_date

NAME = "deck"
HELP = ("Write the story as a PowerPoint deck: a title slide, then one slide per step with its chart, the takeaway "
        "as the title and the definitions in the speaker notes.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", help="dataset name (required unless --snapshot names one)")
    p.add_argument("--as-of", type=iso_date, help="as-of date (YYYY-MM-DD; default: the dataset's last transaction "
                                                  "date, or the snapshot's date)")
    p.add_argument("--lang", choices=("de", "en"), default="en", help="language of the slides (default en)")
    p.add_argument("--anon", action="store_true",
                   help="anonymised: customers appear by their pseudonyms only (Customer 0427), no id or name")
    p.add_argument("--snapshot", help="a saved story snapshot: its dataset and as-of date")
    p.add_argument("--out", required=True, help="PowerPoint file to write (.pptx)")


def run(args: argparse.Namespace) -> int:
    import duckdb

    from lib.story import snapshots

    out = _check_out(Path(args.out))
    if not args.dataset and not args.snapshot:
        raise UsageError("give --dataset NAME or --snapshot NAME")
    dataset = args.dataset or None
    snap = None
    if args.snapshot:
        con = db.connect(args.db, read_only=True)
        try:
            snap = snapshots.get(con, args.snapshot.strip())
        except duckdb.CatalogException:   # a file from before snapshots existed
            snap = None
        finally:
            con.close()
        if snap is None:
            raise db.StoreError(f"there is no snapshot called {args.snapshot!r} in this database file "
                                "(the story page lists them)")
        if snap.status != "ok":
            what = "replaced (imported again)" if snap.status == "replaced" else "deleted"
            raise db.StoreError(f"snapshot {snap.name!r} was saved for dataset {snap.dataset_name!r} as of "
                                f"{snap.as_of}, but that dataset has been {what} since; its numbers cannot be "
                                "shown any more: save a new snapshot")
        if dataset and dataset != snap.dataset_name:
            raise UsageError(f"snapshot {snap.name!r} is of dataset {snap.dataset_name!r}, not {dataset!r}: "
                             "leave --dataset out or name that one")
        if args.as_of and args.as_of != snap.as_of:
            raise UsageError(f"snapshot {snap.name!r} is as of {snap.as_of}, not {args.as_of}: leave --as-of out")
        dataset = snap.dataset_name
    path = str(args.db or db.default_db_path())
    ds, as_of = dataset_at(path, dataset, snap.as_of if snap else args.as_of, " to tell a story about.")
    return _make(path, ds, as_of, args, dataset, snap, out)


def _make(path: str, ds: int, as_of, args: argparse.Namespace, dataset: str, snap, out: Path) -> int:
    """Build the deck of dataset ``ds`` (name ``dataset``) of ``path`` at ``as_of`` and write it to
    ``out``: the slides come from the app's loaders, which read what the warm-up (``python -m lib
    warm``) or the app stored in the file instead of computing it again."""
    from lib import deck, story
    from lib.loaders import DatasetKey, outside_app
    from lib.loaders import story as story_load

    started = time.perf_counter()
    key = DatasetKey(path, ds)
    with outside_app(path):
        slides = [story_load.slide(key, as_of, step.id, args.lang, args.anon) for step in story.STEPS]
    data = deck.deck(slides, dataset=dataset, as_of=as_of, lang=args.lang, anon=args.anon,
                     snapshot=snap.name if snap else None)
    _write(out, data)
    drawn = sum(s.chart is not None for s in slides)
    print(f"{dataset} as of {as_of}: {len(slides) + 1} slides ({len(slides)} steps, {drawn} with a chart) "
          f"in {'German' if args.lang == 'de' else 'English'}{', anonymised' if args.anon else ''} written to {out} "
          f"({time.perf_counter() - started:.0f} s).")
    return 0


def _check_out(out: Path) -> Path:
    """``out`` when a deck can be written there; a usage error naming the problem otherwise."""
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder: give a file name such as story.pptx")
    if out.suffix.lower() != ".pptx":
        raise UsageError(f"--out {out} must end in .pptx")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"--out: the folder {folder} does not exist")
    if out.exists() and not os.access(out, os.W_OK):
        raise db.StoreError(f"cannot write {out}: permission denied")
    try:   # before the slides are built (a minute on a large dataset): can a file be made there?
        fd, probe = tempfile.mkstemp(prefix=".deck-", suffix=".pptx", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise db.StoreError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def _write(out: Path, data: bytes) -> None:
    """``data`` into ``out`` through a temporary file in the same folder: a failed write leaves no
    half-written deck (and an existing one unchanged)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".deck-", suffix=".pptx", dir=out.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise db.StoreError(f"cannot write {out}: {exc.strerror or exc}") from None
