"""``python -m lib clv``: fit the lifetime-value models on a dataset (time unit: weeks)."""
from __future__ import annotations

import argparse
import json

from lib import db
from lib.cli import UsageError, iso_date

NAME = "clv"
HELP = "Fit BG/NBD, Pareto/NBD and Gamma-Gamma on a dataset's transactions (weeks)."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", required=True, help="dataset name")
    p.add_argument("--calibration-end", required=True, type=iso_date,
                   help="last day of the calibration period (YYYY-MM-DD)")
    p.add_argument("--holdout-end", type=iso_date, help="last day of the hold-out period (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a short table")


def run(args: argparse.Namespace) -> int:
    from lib import clv, derived

    if args.holdout_end is not None and args.holdout_end <= args.calibration_end:
        raise UsageError("--holdout-end must be after --calibration-end")
    # Read only what the fits need: the per-day table when the dataset's derived tables are
    # built, else the transactions themselves (building every table the pages read would take
    # several times longer than the whole command); the ids are never printed.
    con = db.connect(args.db, read_only=True)
    try:
        ds = db.dataset_id(con, args.dataset)
        days = "customer_days" if derived.is_built(con, ds) else "transactions"
        summary = clv.summary_from_db(con, ds, args.calibration_end, args.holdout_end, ids=False, days=days)
    finally:
        con.close()
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
