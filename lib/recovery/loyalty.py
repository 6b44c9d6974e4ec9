"""Step 5 of win-back, second loyalty: do won-back customers stay? Won-back customers (the
lifecycle page's returns, ``lifecycle_returns.sql`` via :func:`lib.lifecycle.returns`) against
matched never-lost customers: Kaplan-Meier curves to the next loss with a log-rank test
(:mod:`lib.survival`, shared with the risk page), re-churn within 12 months, value before and
after, and the third attempt. Plus the after-sales view (repurchase by satisfaction).

Queries: ``recovery_returns``, ``recovery_matched``, ``recovery_followup``, ``recovery_aftersales``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db, lifecycle, survival
from lib.queries import load
from lib.recovery.losses import Base, as_datetimes, rule_values
from lib.stats import Rate, rate

#: Comparison customers drawn per won-back customer for the second-loyalty curves.
MATCH_RATIO = 3
#: Tenure bands (whole months from the month of the first purchase) the comparison customers are
#: matched on: under a year, one to two years, longer.
TENURE_BANDS = (12, 24)
#: The after-sales study: repurchase at the same dealer by (satisfied with the sale, satisfied
#: with after-sales).
STUDY = {(True, True): 0.93, (False, True): 0.45, (True, False): 0.14, (False, False): 0.03}
SATISFIED = 4  # satisfaction 4-5 of 5 counts as satisfied


@dataclass(frozen=True, eq=False)
class Loyalty:
    """Won-back customers (the lifecycle page's returns) against matched never-lost customers.

    ``returns``: one row per return up to the as-of date with value_before, value_after,
    after_days, tenure_days, next_loss, rechurn_12m (NULL when the 12 months have not passed),
    duration and lost (for Kaplan-Meier). ``matched``: the comparison customers with the same
    outcome columns. ``curves``: time, survival, lo, hi, at_risk, grp. ``third``: counts of
    won-back customers, lost again, contacted again, back again.
    """

    returns: pd.DataFrame
    matched: pd.DataFrame
    curves: pd.DataFrame
    logrank_p: float
    third: dict


def tenure_band(days) -> np.ndarray:
    """0: tenure under 12 months, 1: 12 to 23 months, 2: longer (:data:`TENURE_BANDS`).

    Examples
    --------
    >>> tenure_band([0, 11, 12, 30]).tolist()
    [0, 0, 1, 2]
    """
    return np.searchsorted(np.asarray(TENURE_BANDS), np.asarray(days, dtype=float), side="right")


def loyalty(data: tuple[duckdb.DuckDBPyConnection, int, Base, pd.DataFrame], as_of: date) -> Loyalty:
    """Second loyalty from ``data`` = (connection, dataset id, :func:`base`, :func:`contacts`).

    Won back = a purchase after being lost or sleeping (lifecycle_returns.sql, the lifecycle page's
    definition). Comparison: for each month of return and tenure band, up to :data:`MATCH_RATIO`
    customers per won-back customer who bought in that month, had the same tenure band and had
    never been lost before (drawn in a fixed pseudo-random order); their origin is that purchase.
    Lost again = the next loss by the lifecycle rule (churn record or 365 idle days) after the
    origin; Kaplan-Meier runs on the days to it, censored at ``as_of``. Re-churn within 12 months
    follows the lifecycle page's first-year rule: a churn record within 365 days, or no purchase
    in days 183-365 (only for origins at least 365 days before ``as_of``).
    """
    con, dataset_id, b, contact_frame = data
    values = rule_values(dataset_id, as_of, ratio=MATCH_RATIO)
    first_loss = (b.losses.groupby("cidx", as_index=False)["loss_date"].min()
                  .assign(first_loss=lambda f: f["loss_date"].dt.date)[["cidx", "first_loss"]])
    all_losses = pd.DataFrame({"cidx": b.losses["cidx"].to_numpy(dtype=np.int64),
                               "end_date": b.losses["end_date"].dt.date.to_numpy(),
                               "loss_date": b.losses["loss_date"].dt.date.to_numpy()})
    rets = db.run_query(con, load("recovery_returns"), values,
                rc_returns=lifecycle.returns(con, dataset_id, lifecycle.Thresholds()))
    rets = as_datetimes(rets, "origin", "first_purchase")
    if rets.empty:
        empty = pd.DataFrame(columns=["cidx", "origin", "grp", "next_loss", "next_end", "rechurn_12m", "duration",
                                      "lost"])
        return Loyalty(rets, empty, pd.DataFrame(columns=["time", "survival", "lo", "hi", "at_risk", "grp"]),
                       math.nan, {"won_back": 0, "lost_again": 0, "contacted_again": 0, "back_again": 0})
    rets["tenure_days"] = (rets["origin"] - rets["first_purchase"]).dt.days
    rets["band"] = tenure_band(12 * (rets["origin"].dt.year - rets["first_purchase"].dt.year)
                               + rets["origin"].dt.month - rets["first_purchase"].dt.month)
    rets["month"] = rets["origin"].dt.to_period("M").dt.to_timestamp()
    cells = rets.groupby(["month", "band"]).size().rename("k").reset_index()
    cells["month"] = cells["month"].dt.date
    cells["band"] = cells["band"].astype(int)
    matched = db.run_query(con, load("recovery_matched"), values, rc_cells=cells, rc_first_loss=first_loss)
    origins = pd.concat([
        pd.DataFrame({"oid": np.arange(len(rets)), "cidx": rets["cidx"].to_numpy(dtype=np.int64),
                      "origin": rets["origin"].dt.date.to_numpy(), "grp": "won_back"}),
        pd.DataFrame({"oid": len(rets) + np.arange(len(matched)), "cidx": matched["cidx"].to_numpy(dtype=np.int64),
                      "origin": pd.to_datetime(matched["origin"]).dt.date.to_numpy(), "grp": "never_lost"}),
    ], ignore_index=True)
    follow = db.run_query(con, load("recovery_followup"), values, rc_origins=origins, rc_all_losses=all_losses)
    follow = as_datetimes(follow, "origin", "next_loss", "next_end").sort_values("oid").reset_index(drop=True)
    follow["lost"] = follow["next_loss"].notna()
    end = np.where(follow["lost"], follow["next_loss"], pd.Timestamp(as_of)).astype("datetime64[ns]")
    follow["duration"] = (pd.to_datetime(end) - follow["origin"]).dt.days.astype(float)
    won = follow[follow["grp"] == "won_back"].reset_index(drop=True)
    ctrl = follow[follow["grp"] == "never_lost"].reset_index(drop=True)
    for col in ("next_loss", "next_end", "rechurn_12m", "duration", "lost"):
        rets[col] = won[col].to_numpy()
    curves = []
    for grp, f in (("won_back", won), ("never_lost", ctrl)):
        if len(f):
            km = survival.kaplan_meier(f["duration"], f["lost"])
            curves.append(chart_curve(km).assign(grp=grp))
    both = pd.concat([won, ctrl], ignore_index=True)
    p = (survival.logrank(both["duration"], both["lost"], both["grp"]).p_value
         if len(won) and len(ctrl) and both["lost"].any() else math.nan)
    return Loyalty(rets, ctrl, pd.concat(curves, ignore_index=True), p, third_attempt(rets, contact_frame))


def chart_curve(km: pd.DataFrame, points: int = 300) -> pd.DataFrame:
    """A Kaplan-Meier curve (:func:`lib.survival.kaplan_meier`) read at about ``points`` days
    plus its own steps when there are few, so a chart of a million customers ships a few hundred
    rows: time, survival, lo, hi, at_risk."""
    top = float(km["time"].max())
    grid = np.unique(np.concatenate([np.linspace(0, top, points).round(), km["time"].to_numpy()[: points]]))
    out = survival.survival_at(km, grid)
    return out.rename(columns={"lower": "lo", "upper": "hi"})[["time", "survival", "lo", "hi", "at_risk"]]


def third_attempt(rets: pd.DataFrame, contact_frame: pd.DataFrame) -> dict:
    """Of the customers won back (first return), how many were lost again, how many of those were
    contacted again after that loss (a third attempt), and how many came back again."""
    first = rets[rets["return_no"] == 1]
    lost_again = first[first["lost"]]
    out = {"won_back": int(len(first)), "lost_again": int(len(lost_again)), "contacted_again": 0, "back_again": 0}
    if lost_again.empty:
        return out
    later_returns = rets[rets["return_no"] >= 2][["cidx", "origin"]]
    back = lost_again.merge(later_returns, on="cidx", suffixes=("", "_2"))
    back = back[back["origin_2"] > back["next_end"]]
    out["back_again"] = int(back["cidx"].nunique())
    if not contact_frame.empty:
        c = lost_again[["customer_id", "next_end"]].merge(contact_frame[["customer_id", "date"]], on="customer_id")
        out["contacted_again"] = int(c.loc[c["date"] > c["next_end"], "customer_id"].nunique())
    return out


def value_change(rets: pd.DataFrame) -> dict:
    """Value after the return against value before the loss, for returns followed for a full
    year: n, mean and median of both, and the share whose value after is at least that before."""
    full = rets[rets["after_days"] >= 365]
    if full.empty:
        return {"n": 0}
    before, after = full["value_before"].to_numpy(float), full["value_after"].to_numpy(float)
    return {"n": int(len(full)), "mean_before": float(before.mean()), "mean_after": float(after.mean()),
            "median_before": float(np.median(before)), "median_after": float(np.median(after)),
            "share_kept": float((after >= before).mean())}


def rechurn(frame: pd.DataFrame) -> Rate:
    """Re-churn within 12 months as a :class:`Rate` over the origins followed for 12 months."""
    r = frame["rechurn_12m"].dropna().astype(bool)
    return rate(int(r.sum()), int(r.size))


# --- after-sales -------------------------------------------------------------------------------------

def aftersales(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """Repurchase within 12 months of a customer's first survey, by satisfaction with the sale x
    satisfaction with after-sales (satisfied = 4-5): sale_ok, after_ok, n, k, rate, lo, hi,
    study. Only surveys at least 365 days before ``as_of`` (so the 12 months have passed)."""
    df = db.run_query(con, load("recovery_aftersales"),
                      {"dataset_id": dataset_id, "as_of": as_of, "satisfied": SATISFIED})
    rows = []
    for sale_ok, after_ok in ((True, True), (False, True), (True, False), (False, False)):
        m = df[(df["sale_ok"] == sale_ok) & (df["after_ok"] == after_ok)]
        n, k = (int(m["n"].iloc[0]), int(m["k"].iloc[0])) if len(m) else (0, 0)
        r = rate(k, n)
        rows.append({"sale_ok": sale_ok, "after_ok": after_ok, "n": n, "k": k, "rate": r.p, "lo": r.lo, "hi": r.hi,
                     "study": STUDY[(sale_ok, after_ok)]})
    return pd.DataFrame(rows)
