"""``python -m lib import``: import CSV/XLSX/Parquet exports into a dataset (created or replaced
atomically); the validation report goes to stderr and nothing is written unless the data is clean
or ``--skip-bad-rows`` is given."""
from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from lib import db, switches
from lib.cli import UsageError

NAME = "import"
HELP = "Import your own exports (CSV, XLSX, Parquet) into a dataset, atomically."
FILE_TABLES = ("transactions", "customers", "events", "invoices", "churn", "winback", "surveys")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", required=True, help="dataset name; an existing one is replaced atomically")
    for table in FILE_TABLES:
        p.add_argument(f"--{table}", action="append", metavar="FILE", default=[],
                       help=f"{table} file (repeat to append several files)" + (" (required)" if table == "transactions" else ""))
    p.add_argument("--map", action="append", default=[], metavar="TABLE.COLUMN=Header",
                   help="take COLUMN of TABLE from the file's column Header (empty Header: do not import it); "
                        "headers are guessed (English and German) otherwise")
    p.add_argument("--sheet", action="append", default=[], metavar="TABLE=SHEET",
                   help="the XLSX sheet to read for TABLE (default: the sheet whose headers fit best)")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="import the valid rows and write the rejected ones (with a reason) to --rejected")
    p.add_argument("--rejected", metavar="PATH", help="where --skip-bad-rows writes rejected rows "
                                                        "(default: ./DATASET-rejected.csv)")
    p.add_argument("--encoding", choices=("utf-8", "utf-16", "cp1252", "latin-1", "utf-8+cp1252"),
                   help="text encoding of CSV files (utf-8+cp1252: each line in its own, for a file mixing both)")
    p.add_argument("--delimiter", choices=(",", ";", "tab", "|"), help="CSV delimiter")
    p.add_argument("--decimal", choices=(".", ","), help="decimal separator")
    p.add_argument("--thousands", choices=("none", ".", ",", "space", "'"), help="thousands separator")
    p.add_argument("--date-format", choices=("iso", "dmy", "dmy2", "ymd", "dmy_slash", "mdy_slash", "ymd_slash"),
                   help="date format: iso yyyy-mm-dd, dmy dd.mm.yyyy, dmy2 dd.mm.yy, ymd yyyymmdd, ... (a time may follow)")
    p.add_argument("--no-header", action="store_true", help="the files have no header row")
    p.add_argument("--prepare", action="store_true",
                   help="also build the summary tables the pages read (otherwise the app builds them when it "
                        "first opens the dataset; half a minute to a minute per million customers on 2 cores)")
    warming = p.add_mutually_exclusive_group()
    warming.add_argument("--warm", action="store_true",
                         help="compute the default views of every page and story step and keep them in the file "
                              "(python -m lib warm; about a minute per million customers), so nobody waits in the "
                              "app: the default, unless LIFECYCLE_WARM=0")
    warming.add_argument("--no-warm", action="store_true",
                         help="leave the default views to the app, which computes them when it first opens the "
                              "dataset (pages opened meanwhile compute their own)")
    p.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit for the import (default 3GB)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def _pairs(values: list[str], option: str, sep: str) -> list[tuple[str, str]]:
    out = []
    for item in values:
        if sep not in item:
            raise UsageError(f"{option} {item!r}: expected {'TABLE.COLUMN=Header' if option == '--map' else 'TABLE=SHEET'}")
        out.append(tuple(item.split(sep, 1)))
    return out


def _overrides(args) -> dict:
    out = {}
    if args.encoding:
        out["encoding"] = args.encoding
    if args.delimiter:
        out["delimiter"] = "\t" if args.delimiter == "tab" else args.delimiter
    if args.decimal:
        out["decimal"] = args.decimal
    if args.thousands:
        out["thousands"] = {"none": "", "space": " "}.get(args.thousands, args.thousands)
    if args.date_format:
        out["date_format"] = args.date_format
    if args.no_header:
        out["header"] = False
    return out


def _maps(args) -> dict[str, dict[str, str | None]]:
    from lib.importing import contract

    maps: dict[str, dict[str, str | None]] = {t: {} for t in FILE_TABLES}
    for key, header in _pairs(args.map, "--map", "="):
        if "." not in key:
            raise UsageError(f"--map {key}={header}: expected TABLE.COLUMN=Header")
        table, column = key.split(".", 1)
        if table not in contract.TABLES:
            raise UsageError(f"--map: unknown table {table!r} (tables: {', '.join(FILE_TABLES)})")
        if column not in {c.name for c in contract.TABLES[table]}:
            names = ", ".join(c.name for c in contract.TABLES[table])
            raise UsageError(f"--map: {table} has no column {column!r} (columns: {names})")
        maps[table][column] = header or None
    return maps


def _describe(part) -> str:
    from lib.importing import formats

    s = part.settings
    bits = [part.kind.upper()]
    if part.kind == "csv":
        bits += [s.encoding, "delimiter " + {"\t": "tab"}.get(s.delimiter, s.delimiter)]
        if not s.header:
            bits.append("no header")
    bits += [f"decimal {s.decimal}" + (f" thousands {s.thousands!r}" if s.thousands else ""),
             "dates " + formats.DATE_LABELS[s.date_format]]
    cols = ", ".join(f"{part.headers[i]}→{c}" for c, i in part.mapping.items())
    return f"  {part.table}: {part.label} ({', '.join(bits)}; {cols})"


def run(args: argparse.Namespace) -> int:
    import time

    from lib import export, importing
    from lib.i18n import t
    from lib.importing import contract, formats

    started = time.perf_counter()

    if not db.valid_name(args.dataset):
        raise UsageError(f"{args.dataset!r} is not a valid dataset name: use letters, digits, space, _ . - (up to 63)")
    if not args.transactions:
        raise UsageError("--transactions FILE is required")
    maps = _maps(args)
    sheets = dict(_pairs(args.sheet, "--sheet", "="))
    for table in sheets:
        if table not in contract.TABLES:
            raise UsageError(f"--sheet: unknown table {table!r}")
    overrides = _overrides(args)
    files = [(table, path) for table in FILE_TABLES for path in getattr(args, table)]
    for _, path in files:
        if not Path(path).is_file():
            raise UsageError(f"there is no file {path}")
    workdir = importing.new_workdir()
    try:
        parts = []
        for table, path in files:
            settings = dict(overrides)
            if table in sheets:
                settings["sheet"] = sheets[table]
            safe = formats.safe_path(path, workdir)
            try:
                parts.append(importing.open_part(safe, Path(path).name, workdir, table=table, settings=settings,
                                                 mapping=maps[table]))
            except formats.FileProblem as exc:
                raise db.StoreError(t(f"data.file.{exc.code}", "en", **exc.params)) from None
            except importing.ImportProblem as exc:
                raise db.StoreError(exc.message("en")) from None
        con = db.connect(args.db)
        try:
            con.execute("SET memory_limit = ?", [args.memory_limit])
        except Exception:
            raise UsageError(f"--memory-limit {args.memory_limit!r}: give a size like 3GB") from None
        plan = importing.Plan(args.dataset, parts, skip_bad_rows=args.skip_bad_rows)
        progress = importing.Progress()
        stop = threading.Event()
        if sys.stderr.isatty() and not args.json:
            threading.Thread(target=_show_progress, args=(progress, stop), daemon=True).start()
        try:
            outcome = importing.run_import(con, plan, workdir, progress, prepare=args.prepare, exclusive=True)
        except Exception as exc:  # a bug, not bad data: one line, never a traceback
            raise db.StoreError(f"the import failed and changed nothing: {str(exc).splitlines()[0]}") from None
        finally:
            stop.set()
            con.close()
        if sys.stderr.isatty() and not args.json:
            print("\r\033[K", end="", file=sys.stderr)
        for notice, params in outcome.notices:
            print(f"note: {t(f'data.notice.{notice}', 'en', **params)}", file=sys.stderr)
        if not outcome.ok:
            print(f"error: nothing was imported into {args.dataset!r}.", file=sys.stderr)
            print(outcome.report("en"), file=sys.stderr)
            return 1
        rejected_path = None
        if outcome.rejected is not None and len(outcome.rejected):
            rejected_path = Path(args.rejected or f"{args.dataset}-rejected.csv")
            export.write_csv(outcome.rejected, rejected_path)  # formula-safe, like every export
        warm = args.warm or (not args.no_warm and switches.switch(switches.WARM_ENV))
        if args.json:
            print(json.dumps({"dataset": args.dataset, "counts": outcome.counts, "seconds": outcome.seconds,
                              "total_seconds": time.perf_counter() - started, "phases": outcome.phases,
                              "peak_mb": _peak_mb(), "path": outcome.path,
                              "rejected_rows": outcome.rejected_rows, "checkpointed": outcome.checkpointed,
                              "prepared": outcome.prepared,
                              "rejected_file": str(rejected_path) if rejected_path else None}))
            return _warm(args, quiet=True, out=sys.stderr) if warm else 0
        counts = ", ".join(f"{k} {v:,}" for k, v in outcome.counts.items())
        print(f"dataset {args.dataset!r}: {counts} ({outcome.seconds:.1f} s)")
        for part in parts:
            print(_describe(part))
        if not warm:
            later = ("the app computes the pages' first views when it first opens the dataset (about a minute per "
                     "million customers; pages opened meanwhile compute their own)" if switches.switch(switches.WARM_ENV)
                     else f"{switches.WARM_ENV}=0: each page computes its first view when it is first opened")
            print(f"  {later}: --warm computes them now"
                  + ("" if outcome.prepared else ", --prepare only the summary tables"))
        if rejected_path:
            print(f"{outcome.rejected_rows:,} rows rejected ({outcome.total_problems:,} problems), "
                  f"written to {rejected_path}")
        return _warm(args) if warm else 0
    finally:
        importing.remove_workdir(workdir)


def _warm(args: argparse.Namespace, quiet: bool = False, out=None) -> int:
    """The imported dataset's default views computed and stored (lib/commands/warm.py): ``--warm``, the default."""
    from lib.cli import dataset_at
    from lib.commands.warm import warm_dataset

    path = str(args.db or db.default_db_path())
    ds, as_of = dataset_at(path, args.dataset, None, ".")   # builds the summary tables first if needed
    return warm_dataset(path, ds, args.dataset, as_of, quiet=quiet, out=out)


def _peak_mb() -> float:
    """This process's peak resident memory in MB (in ``--json``; the import benchmark reads it)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _show_progress(progress, stop: threading.Event) -> None:
    from lib.i18n import t

    while not stop.wait(0.5):
        label = t(f"data.stage.{progress.stage}", "en", file=progress.file)
        print(f"\r\033[K{progress.fraction() * 100:5.1f} %  {label}", end="", file=sys.stderr, flush=True)
