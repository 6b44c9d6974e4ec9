"""``python -m lib score``: the risk score of every customer at an as-of date, as a CSV file."""
from __future__ import annotations

import argparse
from pathlib import Path

from lib import db
from lib.cli import UsageError, iso_date

NAME = "score"
HELP = ("Write one row per customer with stage, value group, CLV, P(alive), churn-risk score, band, "
        "top three drivers, value and revenue at risk to a CSV file.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", required=True, help="dataset name")
    p.add_argument("--as-of", required=True, type=iso_date, help="as-of date (YYYY-MM-DD)")
    p.add_argument("--out", required=True, help="CSV file to write (comma-separated, UTF-8)")
    p.add_argument("--window", type=int, default=90, help="days of the recent window of the signals (default 90)")
    p.add_argument("--value-basis", choices=("revenue_12m", "clv_alive"), default="revenue_12m",
                   help="what a customer's value is for the value group and revenue at risk: revenue_12m "
                        "(net revenue of the last 12 months, default) or clv_alive (CLV if the customer stays)")
    p.add_argument("--rules", action="store_true",
                   help="score with the rule points instead of the model fitted on the dataset's history")
    p.add_argument("--anon", action="store_true",
                   help="anonymised: customer ids as the app's stable pseudonyms ('Customer 0427'), rows by "
                        "pseudonym number instead of by id")


def run(args: argparse.Namespace) -> int:
    from lib import anon, derived, export, risk

    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder: give a file name such as scores.csv")
    if not out.parent.exists():
        raise UsageError(f"--out: the folder {out.parent} does not exist")
    if not 14 <= args.window <= 365:
        raise UsageError("--window must be between 14 and 365 days")
    con, ds = derived.open_dataset(args.db, args.dataset)
    avail = db.available(con, ds)
    if avail.first_date is None:
        raise db.StoreError(f"dataset {args.dataset!r} has no transactions to score.")
    if not avail.first_date <= args.as_of <= avail.last_date:
        raise UsageError(f"--as-of {args.as_of} is outside the data of {args.dataset!r} "
                         f"({avail.first_date} to {avail.last_date})")
    settings = risk.Settings(window=args.window, method="rules" if args.rules else "auto")
    table, assessment = risk.score_table(con, ds, args.as_of, settings, basis=args.value_basis)
    if args.anon:   # the same numbers as the app's anonymised mode; sorted by them, not by the real ids
        pseudonyms = anon.pseudonyms(con, ds)
        table = anon.mask(anon.order(table, pseudonyms), pseudonyms, "en").reset_index(drop=True)
    try:
        export.write_csv(table, out, "en")
    except OSError as exc:
        raise db.StoreError(f"cannot write {out}: {exc.strerror or exc}") from None
    scored = int(table["risk_score"].notna().sum())
    high = int((table["band"] == "high").sum())
    if assessment.method == "logistic":
        how = (f"logistic model fitted on signals at {assessment.training.cutoff} "
               f"(in-sample AUC {assessment.train_auc:.3f})")
    else:
        how = f"rules ({assessment.reason.replace('_', ' ')})"
    print(f"{args.dataset} as of {args.as_of}: {len(table):,} customers written to {out}"
          f"{' under pseudonyms' if args.anon else ''}; "
          f"{scored:,} customers not lost (active or sleeping) scored with the {how}; {high:,} in the high band.")
    return 0
