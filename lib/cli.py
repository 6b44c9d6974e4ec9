"""The command line: ``python -m lib demo | datasets | clv``.

Exit codes: 0 success, 1 a data or database problem, 2 a usage error. Errors are one line on
stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date

from lib import db

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


class UsageError(Exception):
    """Wrong words on the command line (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, instead of argparse's usage dump
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lib", description="Customer Lifecycle Explorer command line.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    sub.required = True

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="database file (default: $LIFECYCLE_DB or data/lifecycle.duckdb)")
        return p

    p = add("demo", "Create (or replace) a deterministic demo dataset.")
    p.add_argument("--dataset", default="demo", help="dataset name (default: demo)")
    p.add_argument("--customers", type=_positive_int, default=5000, help="number of customers (default: 5000)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing when the database already holds any dataset (used by `make run`)")

    p = add("datasets", "List the datasets with row counts per table and date range.")
    p.add_argument("--json", action="store_true", help="print JSON (a list of objects)")

    p = add("clv", "Fit BG/NBD, Pareto/NBD and Gamma-Gamma on a dataset's transactions (weeks).")
    p.add_argument("--dataset", required=True, help="dataset name")
    p.add_argument("--calibration-end", required=True, type=_date, help="last day of the calibration period (YYYY-MM-DD)")
    p.add_argument("--holdout-end", type=_date, help="last day of the hold-out period (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a short table")
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def command(name: str):
    def register(fn: Callable[[argparse.Namespace], int]):
        _COMMANDS[name] = fn
        return fn
    return register


@command("demo")
def _demo(args: argparse.Namespace) -> int:
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


@command("datasets")
def _datasets(args: argparse.Namespace) -> int:
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


@command("clv")
def _clv(args: argparse.Namespace) -> int:
    from lib import clv

    if args.holdout_end is not None and args.holdout_end <= args.calibration_end:
        raise UsageError("--holdout-end must be after --calibration-end")
    con = db.connect(args.db, read_only=True)
    ds = db.dataset_id(con, args.dataset)
    summary = clv.summary_from_db(con, ds, args.calibration_end, args.holdout_end)
    try:
        fits = clv.fit_all(summary)
    except clv.FitError as exc:
        raise db.StoreError(f"the models cannot be fitted on dataset {args.dataset!r} up to "
                            f"{args.calibration_end}: {exc}") from None
    bg, pn, gg = fits.bgnbd, fits.pareto_nbd, fits.gamma_gamma
    out = {
        "time_unit": "weeks",
        "customers": len(summary),
        "calibration_end": args.calibration_end.isoformat(),
        "bgnbd": {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b, "loglik": bg.loglik, "se": bg.se},
        "pareto_nbd": {"r": pn.r, "alpha": pn.alpha, "s": pn.s, "beta": pn.beta, "loglik": pn.loglik, "se": pn.se},
        "gamma_gamma": {"p": gg.p, "q": gg.q, "v": gg.gamma, "loglik": gg.loglik, "se": gg.se,
                        "customers": gg.n_customers},
    }
    if args.holdout_end is not None:
        report = clv.holdout_validation(summary, fits)
        out["holdout_end"] = args.holdout_end.isoformat()
        out["holdout"] = {"actual": report.actual_total,
                          "predicted_bgnbd": report.predicted_total["bgnbd"],
                          "predicted_pareto_nbd": report.predicted_total["pareto_nbd"]}
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{args.dataset}: {len(summary):,} customers, calibration to {args.calibration_end} (weeks)")
    print(f"  BG/NBD      r={bg.r:.4f} alpha={bg.alpha:.4f} a={bg.a:.4f} b={bg.b:.4f}  LL={bg.loglik:.2f}")
    print(f"  Pareto/NBD  r={pn.r:.4f} alpha={pn.alpha:.4f} s={pn.s:.4f} beta={pn.beta:.4f}  LL={pn.loglik:.2f}")
    print(f"  Gamma-Gamma p={gg.p:.4f} q={gg.q:.4f} v={gg.gamma:.4f}  LL={gg.loglik:.2f}")
    if "holdout" in out:
        h = out["holdout"]
        print(f"  hold-out to {args.holdout_end}: actual {h['actual']:,}, BG/NBD {h['predicted_bgnbd']:,.1f}, "
              f"Pareto/NBD {h['predicted_pareto_nbd']:,.1f}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        return _COMMANDS[args.command](args)
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
