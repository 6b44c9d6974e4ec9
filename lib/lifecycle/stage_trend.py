"""The stage trend: customers per stage at every month end (:func:`trend_cube`), and its aggregate
over the filters (:func:`trend`)."""
from __future__ import annotations

from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from lib import db
from lib.lifecycle.filters import Filters, picked
from lib.lifecycle.stage import STAGES, Thresholds, distribution, month_end, returns
from lib.queries import load

_EPOCH = date(1970, 1, 1)


def trend_cube(con: duckdb.DuckDBPyConnection, dataset_id: int, thresholds: Thresholds) -> pd.DataFrame:
    """Customers per month end, stage and filter combination: month, stage, combo, customers.

    The stage of every customer at every month end, counted per combination: a few seconds for a
    million customers (the loaders keep and store the result).
    """
    df = _counted(con, dataset_id, thresholds)[["month", "stage", "combo", "customers"]]
    df["stage"] = pd.Categorical(df["stage"], categories=STAGES)
    return df.astype({"combo": "int32", "customers": "int32"})


def _counted(con: duckdb.DuckDBPyConnection, dataset_id: int, thresholds: Thresholds) -> pd.DataFrame:
    """The frame of :func:`trend_cube` with ``stage`` as text.

    Classifying a million customers at 36 month ends in one SQL query takes half a minute
    (window functions over 16 million customer-months). Instead the month-end features are
    carried forward month by month in numpy (running sums of exact cents, last purchase, last
    churn record, last return) and each month end is classified by the one SQL stage rule.
    At a month end the 12-month windows are whole months, so this equals :func:`stages` there.
    The customers are held in the order they became known, so the customers known at a month
    end are the first ones of every array (slices, not copies), and only they are classified.
    """
    ds = {"dataset_id": dataset_id}
    cust = con.execute(load("lifecycle_trend_customers"), ds).fetchnumpy()
    if len(cust["cidx"]) == 0:
        return _empty_trend()
    months = con.execute(load("lifecycle_trend_months"), ds).fetchnumpy()
    churn = con.execute(load("lifecycle_trend_churn"), ds).fetchnumpy()
    ret = returns(con, dataset_id, thresholds)

    # position of each customer in the order of known_since (cidx numbers the customers 1..n)
    n = len(cust["cidx"])
    order = np.argsort(np.asarray(cust["known_since"], np.int64), kind="stable")
    known_sorted = np.asarray(cust["known_since"], np.int64)[order]
    pos = np.zeros(int(cust["cidx"].max()) + 1, np.int64)
    pos[np.asarray(cust["cidx"])[order]] = np.arange(n)
    combo = np.asarray(cust["combo"], np.int32)[order]
    first = np.asarray(cust["first_purchase"], np.int64)[order]

    def by_month(cidx, month, *cols):
        """Rows grouped by month: a dict month -> (position, *cols) (rows arrive ordered by month,
        which DuckDB's parallel sort does faster than numpy)."""
        if len(month) == 0:
            return {}
        steps = np.diff(month)
        if (steps < 0).any():   # not ordered after all: order them (stable)
            order = np.argsort(month, kind="stable")
            month, cidx, cols = month[order], np.asarray(cidx)[order], [np.asarray(a)[order] for a in cols]
            steps = np.diff(month)
        cuts = np.flatnonzero(steps) + 1
        starts, ends = np.r_[0, cuts], np.r_[cuts, len(month)]
        arrays = [pos[np.asarray(cidx)], *(np.asarray(a) for a in cols)]
        return {int(month[s]): tuple(a[s:e] for a in arrays) for s, e in zip(starts, ends)}

    m_rows = by_month(months["cidx"], months["month"], months["cents"], months["purchase_days"], months["last_day"])
    c_rows = by_month(churn["cidx"], churn["month"], churn["day"])
    r_day = (ret["day"].to_numpy().astype("datetime64[D]") - np.datetime64(_EPOCH)).astype(np.int64)
    r_month = (ret["day"].to_numpy().astype("datetime64[M]") - np.datetime64("1970-01")).astype(np.int64)
    r_rows = by_month(ret["cidx"].to_numpy(), r_month, r_day)

    last = np.full(n, -1, np.int64)
    n_purchases = np.zeros(n, np.int64)
    cents_12 = np.zeros(n, np.int64)
    cents_prev = np.zeros(n, np.int64)
    last_churn = np.full(n, -1, np.int64)
    last_return = np.full(n, -1, np.int64)

    cohorts = first[first >= 0]
    if len(cohorts) == 0 or not m_rows:
        first_month = last_month = None
    else:
        first_day = _EPOCH + timedelta(days=int(cohorts.min()))
        first_month = (first_day.year - 1970) * 12 + first_day.month - 1
        last_day = _EPOCH + timedelta(days=int(months["last_day"].max()))
        last_month = (last_day.year - 1970) * 12 + last_day.month - 1
        if last_day != month_end(last_day.year, last_day.month):
            last_month -= 1  # the data's last month is not complete
    rule = load("lifecycle_trend_count")
    values = thresholds.params()
    parts = []
    start = min([first_month, *m_rows, *c_rows, *r_rows]) if first_month is not None else 0
    for month in range(start, (last_month or -1) + 1):
        if month in m_rows:  # one row per customer and month: plain fancy indexing adds correctly
            c, cents, pdays, lday = m_rows[month]
            cents_12[c] += cents
            n_purchases[c] += pdays
            has = lday >= 0
            last[c[has]] = lday[has]
        if month - 12 in m_rows:
            c, cents = m_rows[month - 12][:2]
            cents_12[c] -= cents
            cents_prev[c] += cents
        if month - 24 in m_rows:
            c, cents = m_rows[month - 24][:2]
            cents_prev[c] -= cents
        if month in c_rows:
            np.maximum.at(last_churn, c_rows[month][0], c_rows[month][1])
        if month in r_rows:
            np.maximum.at(last_return, r_rows[month][0], r_rows[month][1])
        if month < first_month:
            continue
        y, m = divmod(month, 12)
        end = month_end(1970 + y, m + 1)
        end_day = (end - _EPOCH).days
        k = int(np.searchsorted(known_sorted, end_day, side="right"))   # the customers known by then
        if k == 0:
            continue
        bought = (first[:k] >= 0) & (first[:k] <= end_day)
        features = pa.table({
            "known": pa.array(np.ones(k, bool)),
            "as_of": pa.array(np.full(k, end_day, np.int64)),
            "combo": pa.array(combo[:k]),
            "first_purchase": pa.array(first[:k], mask=~bought),
            "last_purchase": pa.array(last[:k], mask=~bought),
            "n_purchases": pa.array(n_purchases[:k]),
            "revenue_12m": pa.array(cents_12[:k] / 100.0),
            "revenue_prev_12m": pa.array(cents_prev[:k] / 100.0),
            "last_churn": pa.array(last_churn[:k], mask=last_churn[:k] < 0),
            "last_return": pa.array(last_return[:k], mask=last_return[:k] < 0),
        })
        counts = db.run_query(con, rule, values, lc_features=features)
        counts.insert(0, "month", pd.Timestamp(end))
        parts.append(counts)
    if not parts:
        return _empty_trend()
    out = pd.concat(parts, ignore_index=True)
    out["month"] = out["month"].astype("datetime64[us]")
    return out.astype({"stage": str, "combo": "int32", "customers": "int32"})


def _empty_trend() -> pd.DataFrame:
    """A trend cube without rows (a dataset without purchases)."""
    return pd.DataFrame({"month": pd.Series(dtype="datetime64[us]"), "stage": pd.Series(dtype=str),
                         "combo": pd.Series(dtype="int32"), "customers": pd.Series(dtype="int32")})


def trend(con: duckdb.DuckDBPyConnection, dataset_id: int, cube: pd.DataFrame, filters: Filters, as_of: date,
          stage_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Customers per stage at each month end up to ``as_of`` (month, stage, customers, share).

    When ``as_of`` is not a month end and ``stage_frame`` (the stages at ``as_of``) is given,
    the as-of date is added as the last point, so the trend ends where the distribution is.
    """
    df = db.run_query(con, load("lifecycle_trend_filtered"), {"as_of": as_of}, lc_trend=cube,
                      lc_picked=picked(con, dataset_id, filters))
    df["stage"] = df["stage"].astype(str)
    if stage_frame is not None and as_of != month_end(as_of.year, as_of.month):
        now = distribution(con, dataset_id, stage_frame, filters)
        now = now.loc[now["customers"] > 0, ["stage", "customers"]].assign(month=pd.Timestamp(as_of))
        df = pd.concat([df, now[["month", "stage", "customers"]]], ignore_index=True)
    if df.empty:
        return df.assign(share=pd.Series(dtype=float))
    # every stage at every month (zeros included), so stacked areas do not interpolate over gaps
    full = pd.MultiIndex.from_product([sorted(df["month"].unique()), STAGES], names=["month", "stage"])
    df = df.set_index(["month", "stage"]).reindex(full, fill_value=0).reset_index()
    df["customers"] = df["customers"].astype("int64")
    totals = df.groupby("month")["customers"].transform("sum")
    df["share"] = np.where(totals > 0, df["customers"] / totals.where(totals > 0, 1), 0.0)
    df["order"] = df["stage"].map({s: i for i, s in enumerate(STAGES)})
    return df
