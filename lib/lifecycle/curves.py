"""The lifecycle curve and its phases: revenue per customer by month of life (:func:`curve`),
per won-back customer by month since the return (:func:`revival`), cohort retention
(:func:`retention`), the lead time from first contact to first purchase (:func:`lead_time`), and
where the chart places the seven phases (:func:`layout`)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db
from lib.lifecycle.filters import Filters, picked
from lib.lifecycle.stage import Thresholds, last_complete_month, returns
from lib.queries import load

#: The phases of the lifecycle chart, left to right.
PHASES = ("acquisition", "start", "growth", "maturity", "decline", "loss", "revitalisation")
#: A point of the curve, a comparison group or a cohort cell with fewer customers is not shown
#: as a number to trust (too few customers behind it).
MIN_CUSTOMERS = 30
DAYS_PER_MONTH = 365.25 / 12


def curve(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters,
          statistic: str = "mean") -> pd.DataFrame:
    """The lifecycle curve: per month of life (age), customers behind the point, buyers among
    them and the mean (or median) net revenue per customer that month.

    Only months of life that have ended by ``as_of`` count; customers without a purchase in a
    month (including those already lost) count as zero, so the curve is what an acquired
    customer brings on average in their n-th month.
    """
    name = {"mean": "lifecycle_curve", "median": "lifecycle_curve_median"}[statistic]
    df = db.run_query(con, load(name), {"dataset_id": dataset_id, "last_month": last_complete_month(as_of)},
                      lc_picked=picked(con, dataset_id, filters))
    return df.astype({"age": "int64", "customers": "int64", "buyers": "int64"})


def revival(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters,
            thresholds: Thresholds) -> tuple[pd.DataFrame, float | None]:
    """Revenue per won-back customer by months since the return (age 0-11): age, customers
    (returns behind the point), buyers, value; and the median days without a purchase before
    a return (None without returns)."""
    df = db.run_query(con, load("lifecycle_revival"), {"dataset_id": dataset_id, "as_of": as_of,
                                                       "last_month": last_complete_month(as_of)},
                      lc_picked=picked(con, dataset_id, filters), lc_returns=returns(con, dataset_id, thresholds))
    idle = None if df.empty or pd.isna(df["median_idle_days"].iloc[0]) else float(df["median_idle_days"].iloc[0])
    return df.drop(columns="median_idle_days").astype({"age": "int64", "customers": "int64", "buyers": "int64"}), idle


def retention(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters) -> pd.DataFrame:
    """Cohort retention cells: cohort, age, size, buyers, revenue, customer_share, revenue_share."""
    df = db.run_query(con, load("lifecycle_retention"),
                      {"dataset_id": dataset_id, "last_month": last_complete_month(as_of)},
                      lc_picked=picked(con, dataset_id, filters))
    return df.astype({"age": "int64", "size": "int64", "buyers": "int64"})


def lead_time(con: duckdb.DuckDBPyConnection, dataset_id: int, filters: Filters) -> tuple[float | None, int]:
    """Median days from first contact to first purchase, and over how many customers."""
    df = db.run_query(con, load("lifecycle_lead_time"), {"dataset_id": dataset_id},
                      lc_picked=picked(con, dataset_id, filters))
    days, n = df.iloc[0]["median_days"], int(df.iloc[0]["customers"])
    return (None if pd.isna(days) else float(days)), n


# --- the phases of the lifecycle chart ------------------------------------------------------------

@dataclass(frozen=True)
class Phase:
    """One band of the lifecycle chart: from ``start`` to ``end`` in chart months (the curve's
    point for month of life k sits at k; bands meet half-way between points)."""

    name: str
    start: float
    end: float
    #: the month of life the rule placed the band at (for the explanation), if any
    month: int | None = None


@dataclass(frozen=True)
class Layout:
    """Where the lifecycle chart puts things: the phases, the x position of the revitalisation
    curve's first point, and the values the phase rules used (for the explanation)."""

    phases: tuple[Phase, ...]
    revival_start: float
    peak_month: int | None
    peak_value: float | None
    lead_months: float | None
    idle_months: float | None


def reliable(curve_frame: pd.DataFrame) -> pd.DataFrame:
    """The months of life of a curve worth showing: at least :data:`MIN_CUSTOMERS` customers and
    5 % of the first month's customers behind the point (the oldest cohorts thin out to a few
    customers whose months swing wildly), in order of age.

    Examples
    --------
    >>> c = pd.DataFrame({"age": [0, 1, 2], "customers": [1000, 600, 40], "value": [1.0, 2.0, 9.0]})
    >>> reliable(c)["age"].tolist()
    [0, 1]
    """
    c = curve_frame.loc[curve_frame["value"].notna()]
    enough = max(MIN_CUSTOMERS, 0.05 * (c["customers"].max() if len(c) else 0))
    return c.loc[c["customers"] >= enough].sort_values("age")


def layout(curve_frame: pd.DataFrame, *, new_days: int = 90, lead_days: float | None = None,
           idle_days: float | None = None, revival_months: int = 0) -> Layout:
    """Place the seven phases from the curve itself.

    Reads the months of life with at least a fifth of the first month's customers behind them
    (the thin tail of the oldest cohorts swings too much to place a phase by), smoothed over
    three months:

    * acquisition: before the first purchase, as wide as the median lead time (at least five
      months, to leave room for its six danger points);
    * start: from the first purchase until the curve has bottomed out after the first-purchase
      month, and at least the "new" period;
    * growth: until the curve first reaches 95 % of its peak;
    * maturity: until it falls below 90 % of the peak after it;
    * decline: from there; where the curve falls below half its peak, the loss phase begins;
    * loss and revitalisation, beyond the curve when it never gets that low: as wide as the
      median time won-back customers went without buying, then their first months after the
      return (the revitalisation curve).

    Examples
    --------
    >>> c = pd.DataFrame({"age": range(12), "customers": 100,
    ...                   "value": [9, 4, 5, 6, 8, 10, 10, 10, 9.5, 8, 7, 6]})
    >>> [(p.name, p.start, p.end) for p in layout(c).phases][:5]
    [('acquisition', -5.5, -0.5), ('start', -0.5, 2.5), ('growth', 2.5, 5.5), ('maturity', 5.5, 8.5), ('decline', 8.5, 11.5)]
    """
    shown = reliable(curve_frame)
    c = shown.loc[shown["customers"] >= 0.2 * (shown["customers"].max() if len(shown) else 0)]
    values = c["value"].to_numpy(dtype=float)
    ages = c["age"].to_numpy(dtype=int)
    lead_months = lead_days / DAYS_PER_MONTH if lead_days is not None else None
    idle_months = idle_days / DAYS_PER_MONTH if idle_days is not None else None
    acq_width = max(5.0, float(math.ceil(lead_months or 0)))
    phases = [Phase("acquisition", -0.5 - acq_width, -0.5)]
    new_months = max(1, math.ceil(new_days / DAYS_PER_MONTH))
    peak_month = peak_value = None
    if len(values) == 0:
        tail = float(new_months) - 0.5
        phases.append(Phase("start", -0.5, tail))
    else:
        tail = float(max(shown["age"])) + 0.5
        smooth = pd.Series(values).rolling(3, center=True, min_periods=1).mean().to_numpy()
        last = len(values) - 1
        window = smooth[1:min(last, 6) + 1]
        trough = 1 + int(np.argmin(window)) if len(window) and smooth[1] < smooth[0] else 0
        growth_from = min(max(trough + 1, new_months), last + 1)
        if growth_from > last:  # too short a history to see more than the start
            phases.append(Phase("start", -0.5, tail, month=int(ages[trough])))
        else:
            phases.append(Phase("start", -0.5, float(ages[growth_from]) - 0.5, month=int(ages[trough])))
            peak = growth_from + int(np.argmax(smooth[growth_from:]))
            peak_month, peak_value = int(ages[peak]), float(smooth[peak])
            mature_from = growth_from + int(np.argmax(smooth[growth_from:peak + 1] >= 0.95 * smooth[peak]))
            after = np.flatnonzero(smooth[peak + 1:] < 0.9 * smooth[peak])
            decline_from = peak + 1 + int(after[0]) if len(after) else None
            low = np.flatnonzero(smooth[decline_from:] < 0.5 * smooth[peak]) if decline_from is not None else []
            loss_from = decline_from + int(low[0]) if len(low) else None
            edges = [("growth", growth_from), ("maturity", mature_from), ("decline", decline_from), ("loss", loss_from)]
            edges = [(name, i) for name, i in edges if i is not None]
            for (name, i), nxt in zip(edges, [*edges[1:], None]):
                end = float(ages[nxt[1]]) - 0.5 if nxt else tail
                if end > ages[i] - 0.5:
                    phases.append(Phase(name, float(ages[i]) - 0.5, end, month=int(ages[i])))
    if all(p.name != "loss" for p in phases):
        width = max(2.0, float(round(idle_months))) if idle_months else 3.0
        phases.append(Phase("loss", tail, tail + width))
        tail += width
    phases.append(Phase("revitalisation", tail, tail + max(3, revival_months)))
    return Layout(tuple(phases), tail + 0.5, peak_month, peak_value, lead_months, idle_months)
