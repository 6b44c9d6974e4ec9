"""Step 2 of win-back: why customers left. The losses of a period, per month, the Pareto of loss
reasons, reasons broken down by segment, stage before the loss or value group, and the
early-warning signals in the :data:`SIGNAL_DAYS` days before each loss against a reference of
retained customers.

The stage just before a loss comes from the one stage rule (``recovery_stage_before.sql``
includes ``lifecycle_stage_rule.sql``). The signals are computed here (``recovery_signals.sql``),
independently of the risk page.
"""
from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db, lifecycle, value
from lib.queries import load
from lib.recovery.losses import Base, rule_values
from lib.stats import rate

#: Days before a loss in which the early-warning signals are looked for.
SIGNAL_DAYS = 180
#: At most this many retained customers form the reference row of the signal table.
REFERENCE_SAMPLE = 5000
#: Reasons of the demo data, in the order the page lists them (other values follow by size).
KNOWN_REASONS = ("price", "service", "product_quality", "competitor_offer", "relocation", "billing_dispute")
#: The early-warning signals looked for before each loss.
SIGNALS = ("complaint", "dispute", "competitor", "fewer_contacts", "late_payment", "purchase_drop")
#: The signals that need the events table (the others need invoices and purchases).
EVENT_SIGNALS = ("complaint", "dispute", "competitor", "fewer_contacts")


def losses_in(b: Base, start: date, end: date) -> pd.DataFrame:
    """The losses whose loss date lies in [start, end]."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    d = b.losses["loss_date"]
    return b.losses[(d >= lo) & (d <= hi)]


def monthly_losses(losses: pd.DataFrame) -> pd.DataFrame:
    """Losses per calendar month of the loss date and kind: month, kind, customers, revenue_before."""
    if losses.empty:
        return pd.DataFrame(columns=["month", "kind", "customers", "revenue_before"])
    month = losses["loss_date"].dt.to_period("M").dt.to_timestamp()
    return (losses.assign(month=month).groupby(["month", "kind"], observed=True)
            .agg(customers=("cidx", "size"), revenue_before=("revenue_before", "sum")).reset_index())


def pareto(losses: pd.DataFrame, measure: str = "customers") -> pd.DataFrame:
    """Loss reasons sorted by ``measure`` ('customers' or 'revenue': the former value lost), with
    each reason's share and the cumulative share: reason, customers, revenue, value, share,
    cumulative.

    Examples
    --------
    >>> df = pd.DataFrame({"reason_key": ["a", "b", "a", "c"], "revenue_before": [1.0, 10, 1, 2]})
    >>> pareto(df)["reason"].tolist(), pareto(df, "revenue")["reason"].tolist()
    (['a', 'b', 'c'], ['b', 'a', 'c'])
    """
    cols = ["reason", "customers", "revenue", "value", "share", "cumulative"]
    if losses.empty:
        return pd.DataFrame(columns=cols)
    g = (losses.groupby("reason_key").agg(customers=("reason_key", "size"),
                                          revenue=("revenue_before", lambda s: s.clip(lower=0).sum()))
         .reset_index().rename(columns={"reason_key": "reason"}))
    g["value"] = g["customers"] if measure == "customers" else g["revenue"]
    g = g.sort_values(["value", "reason"], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = g["value"].sum()
    g["share"] = g["value"] / total if total else 0.0
    g["cumulative"] = g["share"].cumsum()
    return g[cols]


def breakdown(losses: pd.DataFrame, by: str) -> pd.DataFrame:
    """Reasons within each value of ``by`` (segment, stage_before or value_group): by, reason,
    customers, row_share (share of the row's losses)."""
    if losses.empty or by not in losses:
        return pd.DataFrame(columns=["by", "reason", "customers", "row_share"])
    g = losses.groupby([by, "reason_key"], observed=True).size().rename("customers").reset_index()
    g = g.rename(columns={by: "by", "reason_key": "reason"})
    g["row_share"] = g["customers"] / g.groupby("by")["customers"].transform("sum")
    return g


def breakdown_of(data: tuple[pd.DataFrame, pd.DataFrame], by: str) -> pd.DataFrame:
    """:func:`breakdown` of ``data`` = (losses, :func:`loss_details`) by segment, stage_before or
    value_group (the ABC class of the former value among these losses)."""
    losses, details = data
    stage = details.set_index("loss_id").reindex(losses.index)["stage_before"].to_numpy()
    frame = losses.assign(stage_before=stage, value_group=value_groups(losses["revenue_before"].to_numpy()))
    return breakdown(frame, by)


def value_groups(revenue: np.ndarray) -> np.ndarray:
    """ABC class of the former value among the losses given (A: the customers who brought the
    first 80 % of the lost revenue, B the next 15 %, C the rest; :func:`lib.value.abc_classes`)."""
    return value.abc_classes(np.asarray(revenue, dtype=float))


def loss_details(data: tuple[duckdb.DuckDBPyConnection, int, pd.DataFrame], as_of: date) -> pd.DataFrame:
    """For each loss of ``data`` = (connection, dataset id, losses): the lifecycle stage just
    before it and the early-warning signals of the :data:`SIGNAL_DAYS` days before it, plus the
    same signals for a reference sample of customers not lost (``reason_key`` 'reference').

    Both are taken at the loss's ``anchor``: the last purchase for a loss by inactivity, else the
    day before the loss date (but not before the last purchase). Columns: loss_id, stage_before
    (NULL for the reference rows) and one boolean per signal of :data:`SIGNALS`.
    """
    con, dataset_id, losses = data
    if losses.empty:
        return pd.DataFrame(columns=["loss_id", "stage_before", *SIGNALS])
    anchor = np.where(losses["kind"] == "inactive", losses["end_date"],
                      np.maximum(losses["end_date"], losses["loss_date"] - pd.Timedelta(days=1)))
    rc = pd.DataFrame({
        "loss_id": losses.index.to_numpy(dtype=np.int64), "cidx": losses["cidx"].to_numpy(dtype=np.int64),
        "customer_id": losses["customer_id"].astype(str).to_numpy(),
        "end_date": losses["end_date"].dt.date.to_numpy(), "anchor": pd.to_datetime(anchor).date,
        "first_purchase": losses["first_purchase"].dt.date.to_numpy(),
    })
    values = rule_values(dataset_id, as_of, window=SIGNAL_DAYS, sample=REFERENCE_SAMPLE)
    stage = db.run_query(con, load("recovery_stage_before"), values, rc_loss=rc,
                         rc_returns=lifecycle.returns(con, dataset_id, lifecycle.Thresholds()))
    ref = db.run_query(con, load("recovery_reference"), values, rc_loss=rc)
    ref["loss_id"] = -1 - np.arange(len(ref), dtype=np.int64)
    ref = ref[rc.columns.drop("end_date")] if not ref.empty else ref
    both = pd.concat([rc.drop(columns="end_date"), ref], ignore_index=True)
    signals = db.run_query(con, load("recovery_signals"), values, rc_loss=both)
    out = signals.merge(stage, on="loss_id", how="left")
    return out[["loss_id", "stage_before", *SIGNALS]]


def signal_table(losses: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    """Share of losses with each early-warning signal, per reason (and for all losses and the
    reference of retained customers): reason, signal, customers (losses with the signal), n,
    share, lo, hi."""
    if details.empty:
        return pd.DataFrame(columns=["reason", "signal", "customers", "n", "share", "lo", "hi"])
    lost = details[details["loss_id"] >= 0].merge(
        losses[["reason_key"]].rename_axis("loss_id").reset_index(), on="loss_id", how="left")
    ref = details[details["loss_id"] < 0].assign(reason_key="reference")
    rows = []
    for reason, group in [("all", lost), *lost.groupby("reason_key"), ("reference", ref)]:
        n = len(group)
        if n == 0:
            continue
        for s in SIGNALS:
            k = int(group[s].fillna(False).sum())
            r = rate(k, n)
            rows.append({"reason": reason, "signal": s, "customers": k, "n": n, "share": r.p, "lo": r.lo, "hi": r.hi})
    return pd.DataFrame(rows)

