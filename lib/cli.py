"""The command line: ``python -m lib COMMAND``; the commands live in :mod:`lib.commands`.

Exit codes: 0 success, 1 a data or database problem, 2 a usage error. Errors are one line on
stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from datetime import date

from lib import db


class UsageError(Exception):
    """Wrong words on the command line (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, instead of argparse's usage dump
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def iso_date(text: str) -> date:
    """argparse type: a date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def dataset_at(path: str, name: str, as_of: date | None, empty: str) -> tuple[int, date]:
    """The id of dataset ``name`` of ``path`` (its derived tables built first, as after a CLI
    import) and the as-of date: ``as_of``, or the dataset's last transaction date. A dataset without
    transactions is a :class:`lib.db.StoreError` saying ``empty`` (after the dataset's name), an
    as-of date outside the data a :class:`UsageError`."""
    from lib import derived

    con, ds = derived.open_dataset(path, name)
    try:   # closed at once: the caller's loaders open the file again (one configuration per process)
        avail = db.available(con, ds)
    finally:
        con.close()
    if avail.first_date is None:
        raise db.StoreError(f"dataset {name!r} has no transactions{empty}")
    as_of = as_of or avail.last_date
    if not avail.first_date <= as_of <= avail.last_date:
        raise UsageError(f"--as-of {as_of} is outside the data of {name!r} ({avail.first_date} to {avail.last_date})")
    return ds, as_of


def _commands() -> dict:
    import lib.commands as package

    found = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"lib.commands.{info.name}")
        found[module.NAME] = module
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lib", description="Customer Lifecycle Explorer command line.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    sub.required = True
    for name, module in _commands().items():
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        p.add_argument("--db", help="database file (default: $LIFECYCLE_DB or data/lifecycle.duckdb)")
        module.arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if isinstance(getattr(args, "dataset", None), str):  # names are matched trimmed (lib.db.clean_name)
            args.dataset = db.clean_name(args.dataset)
        return _commands()[args.command].run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except db.StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stdout = open(os.devnull, "w")
        return 0
    except KeyboardInterrupt:
        print("error: interrupted; the database is unchanged", file=sys.stderr)
        return 130
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
