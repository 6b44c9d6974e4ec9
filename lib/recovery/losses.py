"""Step 1 of win-back: every loss, the customers lost or sleeping at the as-of date and twelve
months earlier, what they were worth, how likely they are to return, and the candidate list.

A **loss** is a churn record after the last purchase, or more than ``lost_days`` (365) days
without a purchase (the lifecycle page's rule for *lost*). Its ``loss_date`` is the first record
or the first day past ``lost_days`` idle days, whichever comes first; ``end_date`` is the last
purchase before it; ``kind`` is cancellation, silent (a record without cancellation) or inactive
(no record). The **former value** is the net revenue of the 365 days up to the last purchase
before the loss.

Lost and sleeping come from the one stage rule (``lib/queries/lifecycle_stage_rule.sql``,
included by ``recovery_stock.sql``). Queries: ``recovery_dates``, ``recovery_records``,
``recovery_losses``, ``recovery_stock``, ``recovery_revenue``, ``recovery_clv_inputs``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from lib import clv, db, lifecycle, value
from lib.queries import load

#: Weight (in customers) of the broader group when the likelihood of return of a small group
#: is shrunk towards it.
PRIOR_WEIGHT = 20.0
#: Loss kinds: a cancellation, a silent loss on record, a loss by inactivity without any record.
KINDS = ("cancellation", "silent", "inactive")
#: Groups of the candidate list: the loss kinds and sleeping customers.
GROUPS = (*KINDS, "sleeping")
#: Reason keys for losses without a stated reason.
NO_REASON = "no_reason"      # a cancellation without a reason
SILENT = "silent_loss"       # a silent loss or one by inactivity: nobody said why
#: Days without a purchase that bound the bands the likelihood of return is learnt in.
IDLE_BANDS = (180, 270, 365, 545, 730)


# --- query values and frames shared by the recovery modules -----------------------------------------

def rule_values(dataset_id: int, as_of: date, **extra) -> dict:
    """The named query values of the recovery queries: dataset, as-of date, the stage rule's
    thresholds (:class:`lib.lifecycle.Thresholds` defaults) and ``extra``."""
    th = lifecycle.Thresholds()
    return {"dataset_id": dataset_id, "as_of": as_of, **th.params(), **extra}


def as_datetimes(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Date columns as datetime64[ns] (DuckDB returns seconds or microseconds depending on the
    path; one unit keeps comparisons and merges between frames simple)."""
    for c in columns:
        if c in frame:
            frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ns]")
    return frame


@dataclass(frozen=True, eq=False)  # holds frames: identity, not element-wise, equality
class Base:
    """Every loss up to the as-of date, and the customers lost or sleeping at the as-of date
    ('now') and twelve months earlier ('then', :attr:`then`)."""

    as_of: date
    then: date
    losses: pd.DataFrame
    stock: pd.DataFrame


def reason_key(reason: pd.Series, kind: pd.Series) -> np.ndarray:
    """The reason a loss is grouped by: the stated reason, else :data:`NO_REASON` for a
    cancellation and :data:`SILENT` for silent losses and losses by inactivity.

    Examples
    --------
    >>> reason_key(pd.Series(["price", None, " "]), pd.Series(["cancellation", "cancellation", "inactive"])).tolist()
    ['price', 'no_reason', 'silent_loss']
    """
    # A few distinct reasons among many rows: decide once per distinct value.
    codes, uniques = pd.factorize(reason.astype(object), use_na_sentinel=True)
    given_u = np.array([str(u).strip() != "" for u in uniques], dtype=bool)
    given = np.zeros(len(codes), dtype=bool)
    has = codes >= 0
    given[has] = given_u[codes[has]]
    named = np.asarray(uniques, dtype=object)[np.where(has, codes, 0)] if len(uniques) else np.full(len(codes), None)
    fallback = np.where(kind.to_numpy(dtype=object) == "cancellation", NO_REASON, SILENT)
    return np.where(given, named, fallback).astype(object)


def idle_band(days: np.ndarray) -> np.ndarray:
    """Index of the :data:`IDLE_BANDS` band of days without a purchase (0: up to 180 days).

    Examples
    --------
    >>> idle_band(np.array([10, 181, 400, 1000])).tolist()
    [0, 1, 3, 5]
    """
    return np.searchsorted(np.asarray(IDLE_BANDS), np.asarray(days, dtype=float), side="left")


def base(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> Base:
    """Losses and the lost and sleeping customers of dataset ``dataset_id`` at ``as_of``.

    ``losses``: one row per loss up to ``as_of`` (see the module docstring and
    recovery_losses.sql) plus ``reason_key``. ``stock``: one row per customer lost or sleeping at
    'now' or 'then' (column ``at``), by the lifecycle page's stage rules, with ``group`` (the loss
    kind at that date, or 'sleeping'), reason, loss date, idle days and former value; rows of
    'then' say whether the customer bought again by ``as_of`` (``back``).
    """
    th = lifecycle.Thresholds()
    then = lifecycle.months_back(as_of, 12)
    values = rule_values(dataset_id, as_of, then=then, min_idle=min(th.sleep_days, th.lost_days))
    # Kept as arrow tables: the next two queries read them without a round trip through pandas.
    dates = db.run_arrow(con, load("recovery_dates"), values)
    records = db.run_arrow(con, load("recovery_records"), values)
    losses = db.run_arrow(con, load("recovery_losses"), values, rc_dates=dates, rc_records=records)
    stock = db.run_arrow(con, load("recovery_stock"), values, rc_dates=dates, rc_records=records)
    # One pass over the purchase days gives the former value of every loss and every customer of
    # the stock (most of them are the same pairs).
    ends = pa.concat_tables([
        losses.select(["cidx", "end_date"]),
        stock.select(["cidx", "last_purchase"]).rename_columns(["cidx", "end_date"]),
    ])
    revenue = db.run_arrow(con, load("recovery_revenue"), values, rc_ends=ends)
    lookup = pd.Index(_pair_key(revenue["cidx"].to_numpy(), revenue["end_date"].to_numpy()))
    amounts = np.append(revenue["revenue_before"].to_numpy(zero_copy_only=False), 0.0)  # -1 looks up the 0
    losses = as_datetimes(losses.to_pandas(), "end_date", "record_date", "loss_date", "return_date", "first_purchase")
    losses["revenue_before"] = amounts[lookup.get_indexer(_pair_key(losses["cidx"], losses["end_date"]))]
    losses["reason_key"] = reason_key(losses["reason"], losses["kind"])
    losses["segment"] = losses["segment"].fillna("")
    stock = as_datetimes(stock.to_pandas(), "first_purchase", "last_purchase", "loss_date")
    stock["revenue_before"] = amounts[lookup.get_indexer(_pair_key(stock["cidx"], stock["last_purchase"]))]
    return Base(as_of, then, losses, _stock(stock))


def _pair_key(cidx, day) -> np.ndarray:
    """One int64 per (customer number, day): a fast lookup key for the former value."""
    days = np.asarray(day).astype("datetime64[D]").astype(np.int64)
    return np.asarray(cidx, dtype=np.int64) * 1_000_000 + days


def _stock(stock: pd.DataFrame) -> pd.DataFrame:
    lost = (stock["stage"] == "lost").to_numpy()
    stock["reason_key"] = np.where(lost, reason_key(stock["reason"], stock["group"]), "sleeping").astype(object)
    stock["band"] = idle_band(stock["idle_days"].to_numpy())
    stock["segment"] = stock["segment"].fillna("")
    return stock


def stock_counts(b: Base) -> dict:
    """The headline numbers of step 1: customers lost now (in all and per kind), sleeping now, and
    the former value of both groups."""
    now = b.stock[b.stock["at"] == "now"]
    lost = now["stage"] == "lost"
    out = {"lost": int(lost.sum()), "sleeping": int((~lost).sum()),
           "former_lost": float(now.loc[lost, "revenue_before"].clip(lower=0).sum()),
           "former_sleeping": float(now.loc[~lost, "revenue_before"].clip(lower=0).sum())}
    out.update({k: int((now.loc[lost, "group"] == k).sum()) for k in KINDS})
    return out


def return_likelihood(stock: pd.DataFrame, weight: float = PRIOR_WEIGHT) -> np.ndarray:
    """Likelihood that each customer lost or sleeping 'now' buys again within twelve months.

    Learnt from what happened to the customers lost or sleeping twelve months earlier ('then'):
    the share of them who bought again by the as-of date, per stage x loss kind x band of idle
    days x reason, each group shrunk towards the broader one (stage x kind x band, then stage,
    then all) with ``weight`` customers of prior weight, so a group of five does not get 0 % or
    100 % and a group never seen gets the broader group's share. nan for every row when there is
    no 'then' to learn from.
    """
    is_now = (stock["at"] == "now").to_numpy()
    past = ~is_now
    if not past.any():
        return np.full(int(is_now.sum()), np.nan)
    back = stock["back"].to_numpy(dtype=bool)
    p_all = float(back[past].mean())
    # One integer code per group and level, over both dates, so the groups line up; each level
    # refines the one before, so a group's broader estimate is the same for all its members.
    key = np.zeros(len(stock), dtype=np.int64)
    estimate = np.full(len(stock), p_all)
    for columns in (("stage",), ("group", "band"), ("reason_key",)):
        for col in columns:
            codes, uniques = pd.factorize(stock[col])
            key = key * (len(uniques) + 1) + codes
            _, key = np.unique(key, return_inverse=True)  # keep the codes dense
        size = int(key.max()) + 1
        wins = np.bincount(key[past], weights=back[past], minlength=size)
        count = np.bincount(key[past], minlength=size)
        prior = np.zeros(size)
        prior[key] = estimate
        estimate = ((wins + weight * prior) / (count + weight))[key]
    return estimate[is_now]


def candidates(data: tuple[Base, pd.DataFrame]) -> pd.DataFrame:
    """The win-back candidates at the as-of date: every customer lost or sleeping 'now' with the
    likelihood of return, the former value, the priority (former value x likelihood) and the last
    win-back contact after their last purchase; sorted by priority.

    ``data`` is (:func:`base`, :func:`contacts`); the CLV at loss is joined by the page when asked.
    """
    b, contacts_frame = data
    now = b.stock[b.stock["at"] == "now"].copy()
    now["p_return"] = return_likelihood(b.stock)
    if not contacts_frame.empty and not now.empty:
        latest = contacts_frame["is_last"] & contacts_frame["cidx"].notna()
        last = contacts_frame.loc[latest, ["cidx", "date", "measure", "grp"]]
        last = last.astype({"cidx": now["cidx"].dtype})
        last = last.rename(columns={"date": "last_contact", "measure": "last_measure", "grp": "last_group"})
        now = now.merge(last, on="cidx", how="left")
        stale = now["last_contact"].notna() & (now["last_contact"] <= now["last_purchase"])
        now.loc[stale, ["last_contact", "last_measure", "last_group"]] = None
    else:
        now["last_contact"] = pd.NaT
        now["last_measure"] = None
        now["last_group"] = None
    now["former_value"] = now["revenue_before"]
    return prioritise(now, "revenue_before")


def prioritise(frame: pd.DataFrame, basis: str) -> pd.DataFrame:
    """``priority`` = max(0, ``basis``) x likelihood of return (the basis alone when no
    likelihood could be learnt), sorted from the highest down (ties by customer id, which is the
    order of ``cidx``)."""
    v = frame[basis].clip(lower=0).fillna(0.0).to_numpy(dtype=float)
    p = frame["p_return"].to_numpy(dtype=float)
    priority = np.where(np.isfinite(p), v * np.nan_to_num(p), v)
    order = np.lexsort((frame["cidx"].to_numpy(), -priority))
    out = frame.iloc[order].reset_index(drop=True)
    out["priority"] = priority[order]
    return out


def clv_at_loss(data: tuple[duckdb.DuckDBPyConnection, int, date, pd.DataFrame, value.ClvModel],
                settings: value.ClvSettings = value.ClvSettings()) -> pd.DataFrame:
    """CLV at the time of loss for ``data`` = (connection, dataset id, as-of date, customers with
    customer_id and last_purchase, the value page's :func:`lib.value.clv_model` at the as-of date).

    The model fitted on all history up to the as-of date is evaluated on each customer's purchase
    history up to their last purchase before the loss, with the value page's default settings
    (12 months, 10 % a year): the value the customer still promised on their last purchase day.
    Columns customer_id, clv_at_loss, p_alive_at_loss.
    """
    con, dataset_id, as_of, customers, model = data
    if customers.empty:
        return pd.DataFrame({"customer_id": pd.Series(dtype=object), "clv_at_loss": pd.Series(dtype=float),
                             "p_alive_at_loss": pd.Series(dtype=float)})
    at = pd.DataFrame({"customer_id": customers["customer_id"].astype(str).to_numpy(),
                       "at_date": pd.to_datetime(customers["last_purchase"]).dt.date.to_numpy()})
    res = db.run_query(con, load("recovery_clv_inputs"), {"dataset_id": dataset_id}, rc_at=at)
    summary = clv.CalibrationSummary(
        customer_id=res["customer_id"].to_numpy(dtype=object), x=res["x"].to_numpy(dtype=np.int64),
        t_x=res["t_x"].to_numpy(dtype=float), T=res["T"].to_numpy(dtype=float),
        monetary=res["monetary"].to_numpy(dtype=float), x_holdout=np.zeros(len(res), dtype=np.int64),
        calibration_end=as_of)
    pred = value.clv_predictions(value.ClvModel(summary, model.fits, model.error, model.pareto_error), settings)
    return pd.DataFrame({"customer_id": pred["customer_id"].to_numpy(), "clv_at_loss": pred["clv"].to_numpy(),
                         "p_alive_at_loss": pred["p_alive"].to_numpy()})


def with_clv(frame: pd.DataFrame, clv: pd.DataFrame) -> pd.DataFrame:
    """The candidates with their CLV at loss (0 where the models had nothing to go on),
    prioritised by CLV at loss x likelihood of return."""
    out = frame.merge(clv, on="customer_id", how="left")
    out["clv_at_loss"] = out["clv_at_loss"].fillna(0.0)
    return prioritise(out, "clv_at_loss")


def with_value(frame: pd.DataFrame, groups: pd.DataFrame, basis: str) -> pd.DataFrame:
    """The candidates (order kept) with their ``value`` and ``value_group`` at the as-of date on
    ``basis`` -- :func:`lib.metrics.with_basis`, the definition the risk page's watch list,
    quadrant and the score export read: 12-month revenue (a customer idle for a year has none)
    or the CLV if the customer stays (what they are worth should they come back), the high group
    the top 20 % of all customers with a purchase by it. ``groups``: that frame
    (customer_id, value, value_group)."""
    out = frame.merge(groups[["customer_id", "value", "value_group"]], on="customer_id", how="left", validate="m:1")
    out["value"] = out["value"].fillna(0.0)
    out["value_group"] = out["value_group"].fillna("low")
    out["value_basis"] = basis
    return out


#: The columns of the candidate export, in order.
EXPORT_COLUMNS = ("customer_id", "priority", "group", "reason_key", "loss_date", "last_purchase", "idle_days",
                  "revenue_before", "clv_at_loss", "p_return", "value_basis", "value", "value_group", "last_contact",
                  "last_measure", "segment", "n_purchases")


def candidate_export(frame: pd.DataFrame) -> pd.DataFrame:
    """The candidate list as exported: one row per customer, dates as dates, rounded numbers."""
    out = frame[[c for c in EXPORT_COLUMNS if c in frame]].copy()
    for c in ("loss_date", "last_purchase", "last_contact"):
        out[c] = pd.to_datetime(out[c]).dt.date
    for c in ("priority", "revenue_before", "clv_at_loss", "value"):
        if c in out:
            out[c] = out[c].round(2)
    out["p_return"] = out["p_return"].round(4)
    return out.rename(columns={"reason_key": "reason"})

