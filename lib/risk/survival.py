"""Survival after a start date: each customer active then followed to the first loss
(:func:`lifetimes`) and Kaplan-Meier curves, median lifetimes and the log-rank test by group
(:func:`survival_by`). The maths is :mod:`lib.survival`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db, metrics, survival
from lib import lifecycle as lc
from lib.queries import load
from lib.risk.signals import _day_number, _days, customer_info


def lifetimes(con: duckdb.DuckDBPyConnection, dataset_id: int, start: date, as_of: date,
              rules: lc.Thresholds = lc.Thresholds()) -> pd.DataFrame:
    """Customers active at ``start`` (their stage, :func:`lib.metrics.stages`, in
    :data:`lib.metrics.ACTIVE_STAGES`) followed to their first loss or to ``as_of``:
    customer_id, stage (at ``start``), segment, acquisition_channel, duration (days from
    ``start``), observed (lost by ``as_of``). See lib/queries/risk_lifetimes.sql for the loss."""
    values = {"dataset_id": dataset_id, "start": start, "as_of": as_of, **rules.params()}
    life = db.run_query(con, load("risk_lifetimes"), values)
    st = metrics.stages(con, dataset_id, start, rules)
    st = st.loc[st["stage"].isin(metrics.ACTIVE_STAGES), ["customer_id", "stage"]]
    df = st.merge(life, on="customer_id", how="inner")
    loss = _days(df["loss_date"])
    end = _day_number(as_of)
    df["observed"] = np.isfinite(loss)
    df["duration"] = np.where(df["observed"], loss, end) - _day_number(start)
    info = customer_info(con, dataset_id)
    if not info.empty:
        df = df.merge(info[["customer_id", "segment", "acquisition_channel"]], on="customer_id", how="left")
    else:
        df["segment"] = df["acquisition_channel"] = None
    df["stage"] = df["stage"].astype(str)
    return df.drop(columns=["loss_date"])


def with_value_groups(life: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """``life`` (:func:`lifetimes`) with each customer's ``value_group`` from ``groups``
    (customer_id, value_group: :attr:`lib.metrics.Metrics.frame` at the start date); missing
    for a customer without one."""
    return life.merge(groups[["customer_id", "value_group"]], on="customer_id", how="left")


@dataclass(frozen=True, eq=False)
class SurvivalGroups:
    """Kaplan-Meier per group (read on a grid of days for the chart), the median lifetime per
    group and the log-rank test (None with fewer than two groups)."""

    curves: pd.DataFrame    # group, time, survival, lower, upper, at_risk
    medians: pd.DataFrame   # group, customers, lost, median, lower, upper, survival_end
    test: survival.LogRank | None


def survival_by(frame: pd.DataFrame, column: str, max_groups: int = 8, step: int = 7) -> SurvivalGroups:
    """Kaplan-Meier curves of ``frame`` (from :func:`lifetimes`) by ``column``; the smallest
    groups beyond ``max_groups`` are merged into 'other'; missing values are '—'."""
    g = frame[column].astype(object).where(frame[column].notna(), "—").astype(str)
    counts = g.value_counts()
    if len(counts) > max_groups:
        keep = set(counts.index[: max_groups - 1])
        g = g.where(g.isin(keep), "other")
    t = frame["duration"].to_numpy(dtype=float)
    e = frame["observed"].to_numpy(dtype=bool)
    horizon = float(t.max()) if t.size else 0.0
    grid = np.arange(0, horizon + step, step, dtype=float)
    curves, medians = [], []
    for name in sorted(g.unique()):
        m = (g == name).to_numpy()
        km = survival.kaplan_meier(t[m], e[m])
        c = survival.survival_at(km, grid[grid <= t[m].max()] if m.any() else grid[:1])
        c.insert(0, "group", name)
        curves.append(c)
        med = survival.median_lifetime(t[m], e[m])
        medians.append({"group": name, "customers": int(m.sum()), "lost": int(e[m].sum()),
                        "median": med.estimate, "lower": med.lower, "upper": med.upper,
                        "survival_end": float(km["survival"].iloc[-1])})
    test = survival.logrank(t, e, g.to_numpy()) if g.nunique() >= 2 else None
    return SurvivalGroups(pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(),
                          pd.DataFrame(medians), test)
