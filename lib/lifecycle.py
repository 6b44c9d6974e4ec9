"""The customer lifecycle: every customer's stage at an as-of date, the stage trend and the
transitions between two dates, the lifecycle curve with its phases, cohort retention, and the
evidence for the 14 danger points along the lifecycle.

It reads the derived ``lifecycle_*`` tables (lib/derived.sql), built once per dataset by
:func:`lib.derived.build` so that no view regroups millions of transactions. The stage rules live
in SQL, in one place (lib/queries/lifecycle_stage_rule.sql); the as-of view, the transitions and
the monthly trend all classify through it.

The page caches the per-customer frames (:func:`stages`, about 50 bytes a customer) and the small
cubes (:func:`trend_cube`) per dataset, as-of date and thresholds; every filter then aggregates
over them in DuckDB (:func:`distribution`, :func:`trend`, ...), so a filter change costs tens of
milliseconds even for a million customers. Filters travel as SQL parameters, resolved once into
the set of matching filter combinations (:func:`picked`). The default view (the dataset's last
date, default thresholds) is stored with the dataset, so the page opens without classifying.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from lib import db
from lib.queries import load
from lib.stats import wilson  # one Wilson interval for every page

#: The stages in lifecycle order (the order of every chart and table).
STAGES = ("prospect", "new", "growing", "mature", "declining", "sleeping", "lost", "won_back")
#: Stage of a customer not yet known at the earlier date of a transition.
UNKNOWN = "unknown"
#: The phases of the lifecycle chart, left to right.
PHASES = ("acquisition", "start", "growth", "maturity", "decline", "loss", "revitalisation")
#: Optional input tables the page looks at.
OPTIONAL = ("customers", "events", "invoices", "churn", "surveys")
#: Columns a customer list can be sorted by.
SORT_KEYS = ("revenue_12m", "revenue_prev_12m", "last_purchase", "first_purchase", "n_purchases", "customer_id")
#: At most this many customers are listed (and exported) for a selection.
LIST_LIMIT = 2000
#: A point of the curve, a comparison group or a cohort cell with fewer customers is not shown
#: as a number to trust (too few customers behind it).
MIN_CUSTOMERS = 30
DAYS_PER_MONTH = 365.25 / 12
_EPOCH = date(1970, 1, 1)


# --- parameters --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Thresholds:
    """The adjustable limits of the stage rules (lib/queries/lifecycle_stage_rule.sql).

    Frozen and hashable, so cached loaders can take it as an argument.

    Examples
    --------
    >>> Thresholds().problems()
    []
    >>> Thresholds(growth=1.0, decline=1.0).problems()
    ['decline_not_below_growth']
    """

    new_days: int = 90          # new: first purchase less than this many days ago
    growth: float = 1.2         # growing: last 12 months >= growth x the 12 months before
    decline: float = 0.7        # declining: last 12 months <= decline x the 12 months before
    sleep_days: int = 180       # sleeping: more than max(sleep_days, sleep_factor x usual gap) days idle
    sleep_factor: float = 3.0
    lost_days: int = 365        # lost: a churn record, or more than this many days idle
    won_back_days: int = 365    # won back: returned less than this many days ago

    #: Bounds the page's inputs keep to (the return rule needs gaps of at least 31 days).
    LIMITS = {"new_days": (7, 365), "growth": (1.0, 5.0), "decline": (0.0, 1.0), "sleep_days": (31, 730),
              "sleep_factor": (1.0, 10.0), "lost_days": (31, 1095), "won_back_days": (30, 730)}

    def params(self) -> dict:
        return asdict(self)

    def problems(self) -> list[str]:
        """Keys of what makes these thresholds inconsistent (empty when they are fine)."""
        out = []
        if self.decline >= self.growth:
            out.append("decline_not_below_growth")
        for name, (low, high) in self.LIMITS.items():
            if not low <= getattr(self, name) <= high:
                out.append(f"out_of_range:{name}")
        return out

    @property
    def is_default(self) -> bool:
        return self == Thresholds()


@dataclass(frozen=True)
class Filters:
    """The page's filters; an empty tuple means all values, a ``None`` cohort bound is open.

    A cohort is the month of a customer's first purchase in the data; the page bounds it by the
    as-of month, so customers who first buy after the as-of date drop out with any cohort range.

    Examples
    --------
    >>> Filters().active, Filters(segments=("B2B SME",)).active
    (False, True)
    """

    segments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    cohort_from: date | None = None
    cohort_to: date | None = None

    def params(self) -> dict:
        return {"segments": list(self.segments), "regions": list(self.regions), "channels": list(self.channels),
                "cohort_from": self.cohort_from, "cohort_to": self.cohort_to}

    @property
    def active(self) -> bool:
        return bool(self.segments or self.regions or self.channels or self.cohort_from or self.cohort_to)


def months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier; a month's last day maps to a last day.

    So at a month end the windows of the stage rules are whole calendar months.

    Examples
    --------
    >>> months_back(date(2025, 12, 31), 12), months_back(date(2025, 2, 28), 12), months_back(date(2025, 6, 15), 24)
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29), datetime.date(2023, 6, 15))
    """
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = _month_end(y, m + 1).day
    if day == _month_end(day.year, day.month):
        return date(y, m + 1, last)
    return date(y, m + 1, min(day.day, last))


def _month_end(year: int, month: int) -> date:
    y, m = divmod(year * 12 + month, 12)  # the first of the next month, minus a day
    return date(y, m + 1, 1) - timedelta(days=1)


def window_starts(as_of: date) -> tuple[date, date]:
    """The exclusive starts of the last 12 months and of the 12 months before them.

    Examples
    --------
    >>> window_starts(date(2025, 12, 31))
    (datetime.date(2024, 12, 31), datetime.date(2023, 12, 31))
    """
    return months_back(as_of, 12), months_back(as_of, 24)


def last_complete_month(as_of: date) -> date:
    """The first day of the last calendar month that has ended by ``as_of``.

    Examples
    --------
    >>> last_complete_month(date(2025, 12, 31)), last_complete_month(date(2025, 12, 30))
    (datetime.date(2025, 12, 1), datetime.date(2025, 11, 1))
    """
    first = as_of.replace(day=1)
    if as_of == _month_end(as_of.year, as_of.month):
        return first
    return (first - timedelta(days=1)).replace(day=1)


# --- SQL plumbing --------------------------------------------------------------------------------

_run = db.run_query  # lib/db.py: named parameters in, frames registered, DataFrame out


# --- the default view stored with the dataset (lib/derived.py builds it) ----------------------------

#: Columns of :func:`compute_stages` as lifecycle_stage_cache stores them (after dataset_id, as_of).
STORED_STAGE_COLUMNS = ("cidx, combo, stage_code, first_purchase, last_purchase, n_purchases, revenue_12m, "
                        "revenue_prev_12m, last_return, lost_12m")
#: Columns of :func:`compute_exposures` as lifecycle_exposure_cache stores them.
STORED_EXPOSURE_COLUMNS = "cidx, competitor, disputes, complaints, outbound"


def _cached(con: duckdb.DuckDBPyConnection, table: str, columns: str, dataset_id: int, as_of: date) -> pd.DataFrame | None:
    """The rows the build stored in ``table`` for ``as_of``, or None when it stored none."""
    df = con.execute(f"SELECT {columns} FROM {table} WHERE dataset_id = ? AND as_of = ?", [dataset_id, as_of]).df()
    return df if len(df) else None


# --- cached inputs: fn(con, dataset_id, *hashable) -------------------------------------------------

@dataclass(frozen=True)
class Available:
    """Which optional input tables a dataset holds rows in."""

    customers: bool
    events: bool
    invoices: bool
    churn: bool
    surveys: bool

    def has(self, *tables: str) -> bool:
        return all(getattr(self, t) for t in tables)


def available(con: duckdb.DuckDBPyConnection, dataset_id: int) -> Available:
    """Which of the optional tables dataset ``dataset_id`` holds."""
    present = db.present_tables(con, dataset_id)
    return Available(**{t: present[t] for t in OPTIONAL})


def dimensions(con: duckdb.DuckDBPyConnection, dataset_id: int) -> dict[str, tuple]:
    """The values each filter offers: segment, region and channel names (``''`` = unknown) and
    cohorts (first days of months), each in order."""
    df = _run(con, load("lifecycle_dimensions"), {"dataset_id": dataset_id})
    out: dict[str, tuple] = {d: () for d in ("segment", "region", "channel", "cohort")}
    for dim, group in df.groupby("dimension", sort=False):
        values = tuple(group["value"])
        out[dim] = tuple(date.fromisoformat(v) for v in values) if dim == "cohort" else values
    return out


def returns(con: duckdb.DuckDBPyConnection, dataset_id: int, thresholds: Thresholds) -> pd.DataFrame:
    """Every return of the dataset: purchases after having been sleeping or lost by the rules.

    Columns cidx, day, idle_days (days without a purchase before it). Independent of the as-of
    date (each return depends only on what came before it).
    """
    df = _run(con, load("lifecycle_returns"), {"dataset_id": dataset_id, **thresholds.params()})
    return df.astype({"cidx": "int32", "idle_days": "int32"})


def stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, thresholds: Thresholds,
           returns_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Stage and the numbers behind it for every customer known at ``as_of``.

    Columns: cidx, combo, stage (categorical in :data:`STAGES` order), first_purchase,
    last_purchase, n_purchases, revenue_12m, revenue_prev_12m, last_return, lost_12m (see
    lib/queries/lifecycle_stages.sql).

    Examples
    --------
    >>> from lib import db, demo
    >>> con = db.connect(":memory:"); _ = demo.generate(con, "d", 200, 1)
    >>> df = stages(con, db.dataset_id(con, "d"), date(2025, 12, 31), Thresholds())
    >>> len(df), set(df["stage"]) <= set(STAGES)
    (200, True)
    """
    df = _cached(con, "lifecycle_stage_cache", STORED_STAGE_COLUMNS, dataset_id, as_of) if thresholds.is_default else None
    if df is None:
        df = compute_stages(con, dataset_id, as_of, thresholds, returns_frame)
    return _with_stage(df).astype({"cidx": "int32", "combo": "int32", "n_purchases": "int32", "lost_12m": bool})


def stage_codes(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, thresholds: Thresholds) -> pd.DataFrame:
    """Only cidx and stage of every customer known at ``as_of`` (what transitions and the
    evidence need of an earlier date; a third of the time of :func:`stages` when stored)."""
    df = _cached(con, "lifecycle_stage_cache", "cidx, stage_code", dataset_id, as_of) if thresholds.is_default else None
    if df is None:
        df = compute_stages(con, dataset_id, as_of, thresholds)[["cidx", "stage_code"]]
    return _with_stage(df).astype({"cidx": "int32"})


def _with_stage(df: pd.DataFrame) -> pd.DataFrame:
    """``stage_code`` (index in :data:`STAGES`) replaced by the categorical ``stage``."""
    stage = pd.Categorical.from_codes(df["stage_code"].to_numpy(dtype="int8"), categories=STAGES)
    out = df.drop(columns="stage_code")
    out.insert(min(2, len(out.columns)), "stage", stage)
    return out


def compute_stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, thresholds: Thresholds,
                    returns_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The frame of :func:`stages` (with ``stage_code``, the index in :data:`STAGES`, for
    ``stage``), always classified afresh: what the build stores for the default view."""
    w12, w24 = window_starts(as_of)
    if returns_frame is None:
        returns_frame = returns(con, dataset_id, thresholds)
    values = {"dataset_id": dataset_id, "as_of": as_of, "w12": w12, "w24": w24, "stage_order": list(STAGES),
              **thresholds.params()}
    return _run(con, load("lifecycle_stages"), values, lc_returns=returns_frame)


def trend_cube(con: duckdb.DuckDBPyConnection, dataset_id: int, thresholds: Thresholds) -> pd.DataFrame:
    """Customers per month end, stage and filter combination: month, stage, combo, customers.

    The default thresholds read the cube stored with the dataset; other thresholds compute it
    (a few seconds for a million customers).
    """
    if thresholds.is_default:
        df = _run(con, load("lifecycle_trend_stored"), {"dataset_id": dataset_id})
    else:
        df = compute_trend(con, dataset_id, thresholds)
    df["stage"] = pd.Categorical(df["stage"], categories=STAGES)
    return df.astype({"combo": "int32", "customers": "int32"})


def compute_trend(con: duckdb.DuckDBPyConnection, dataset_id: int, thresholds: Thresholds) -> pd.DataFrame:
    """The stage of every customer at every month end, counted per combination.

    Classifying a million customers at 36 month ends in one SQL query takes half a minute
    (window functions over 16 million customer-months). Instead the month-end features are
    carried forward month by month in numpy (running sums of exact cents, last purchase, last
    churn record, last return) and each month end is classified by the one SQL stage rule.
    At a month end the 12-month windows are whole months, so this equals :func:`stages` there.
    """
    ds = {"dataset_id": dataset_id}
    cust = con.execute(load("lifecycle_trend_customers"), ds).fetchnumpy()
    if len(cust["cidx"]) == 0:
        return _empty_trend()
    months = con.execute(load("lifecycle_trend_months"), ds).fetchnumpy()
    churn = con.execute(load("lifecycle_trend_churn"), ds).fetchnumpy()
    ret = returns(con, dataset_id, thresholds)

    n = int(cust["cidx"].max()) + 1
    combo = np.zeros(n, np.int32)
    combo[cust["cidx"]] = cust["combo"]
    first = np.full(n, -1, np.int64)
    first[cust["cidx"]] = cust["first_purchase"]
    known_since = np.full(n, 1 << 40, np.int64)  # unused slot 0: never known
    known_since[cust["cidx"]] = cust["known_since"]

    def by_month(cidx, month, *cols):
        """Rows grouped by month: a dict month -> (cidx, *cols) (rows arrive ordered by month)."""
        if len(month) == 0:
            return {}
        order = np.argsort(month, kind="stable")
        month = month[order]
        cuts = np.flatnonzero(np.diff(month)) + 1
        starts, ends = np.r_[0, cuts], np.r_[cuts, len(month)]
        arrays = [np.asarray(a)[order] for a in (cidx, *cols)]
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

    cohorts = cust["first_purchase"][cust["first_purchase"] >= 0]
    if len(cohorts) == 0 or not m_rows:
        first_month = last_month = None
    else:
        first_day = _EPOCH + timedelta(days=int(cohorts.min()))
        first_month = (first_day.year - 1970) * 12 + first_day.month - 1
        last_day = _EPOCH + timedelta(days=int(months["last_day"].max()))
        last_month = (last_day.year - 1970) * 12 + last_day.month - 1
        if last_day != _month_end(last_day.year, last_day.month):
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
        end = _month_end(1970 + y, m + 1)
        end_day = (end - _EPOCH).days
        bought = (first >= 0) & (first <= end_day)
        features = pa.table({
            "known": pa.array(known_since <= end_day),
            "as_of": pa.array(np.full(n, end_day, np.int64)),
            "combo": pa.array(combo),
            "first_purchase": pa.array(first, mask=~bought),
            "last_purchase": pa.array(last, mask=~bought),
            "n_purchases": pa.array(n_purchases),
            "revenue_12m": pa.array(cents_12 / 100.0),
            "revenue_prev_12m": pa.array(cents_prev / 100.0),
            "last_churn": pa.array(last_churn, mask=last_churn < 0),
            "last_return": pa.array(last_return, mask=last_return < 0),
        })
        counts = _run(con, rule, values, lc_features=features)
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


def exposures(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """What each customer met in the 12 months before the last 12: cidx, competitor, disputes,
    complaints, outbound (see lib/queries/lifecycle_exposures.sql)."""
    df = _cached(con, "lifecycle_exposure_cache", STORED_EXPOSURE_COLUMNS, dataset_id, as_of)
    return (df if df is not None else compute_exposures(con, dataset_id, as_of)).astype({"cidx": "int32"})


def compute_exposures(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """The frame of :func:`exposures`, always computed afresh (what the build stores)."""
    w12, w24 = window_starts(as_of)
    return _run(con, load("lifecycle_exposures"), {"dataset_id": dataset_id, "w12": w12, "w24": w24})


def picked(con: duckdb.DuckDBPyConnection, dataset_id: int, filters: Filters) -> pd.DataFrame:
    """The filter combinations the filters keep: combo, segment, region, channel, cohort, customers."""
    return _run(con, load("lifecycle_picked"), {"dataset_id": dataset_id, **filters.params()})


def lead_time(con: duckdb.DuckDBPyConnection, dataset_id: int, filters: Filters) -> tuple[float | None, int]:
    """Median days from first contact to first purchase, and over how many customers."""
    df = _run(con, load("lifecycle_lead_time"), {"dataset_id": dataset_id},
              lc_picked=picked(con, dataset_id, filters))
    days, n = df.iloc[0]["median_days"], int(df.iloc[0]["customers"])
    return (None if pd.isna(days) else float(days)), n


# --- aggregates over the cached frames (milliseconds) ------------------------------------------------

def distribution(con: duckdb.DuckDBPyConnection, dataset_id: int, stage_frame: pd.DataFrame,
                 filters: Filters) -> pd.DataFrame:
    """Customers, their share and 12-month revenue per stage, every stage listed in order."""
    df = _run(con, load("lifecycle_distribution"), lc_stages=stage_frame[["combo", "stage", "revenue_12m"]],
              lc_picked=picked(con, dataset_id, filters))
    df["stage"] = df["stage"].astype(str)
    out = pd.DataFrame({"stage": list(STAGES)}).merge(df, on="stage", how="left")
    out["customers"] = out["customers"].fillna(0).astype("int64")
    out["revenue_12m"] = out["revenue_12m"].fillna(0.0).astype(float)
    total = out["customers"].sum()
    out["share"] = out["customers"] / total if total else 0.0
    return out


def trend(con: duckdb.DuckDBPyConnection, dataset_id: int, cube: pd.DataFrame, filters: Filters, as_of: date,
          stage_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Customers per stage at each month end up to ``as_of`` (month, stage, customers, share).

    When ``as_of`` is not a month end and ``stage_frame`` (the stages at ``as_of``) is given,
    the as-of date is added as the last point, so the trend ends where the distribution is.
    """
    df = _run(con, load("lifecycle_trend_filtered"), {"as_of": as_of}, lc_trend=cube,
              lc_picked=picked(con, dataset_id, filters))
    df["stage"] = df["stage"].astype(str)
    if stage_frame is not None and as_of != _month_end(as_of.year, as_of.month):
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


def transitions(con: duckdb.DuckDBPyConnection, dataset_id: int, frame_from: pd.DataFrame, frame_to: pd.DataFrame,
                filters: Filters) -> pd.DataFrame:
    """Stage at the earlier date against stage at the later date for the customers known at the
    later date: stage_from (:data:`UNKNOWN` if not yet known then), stage_to, customers, row_share."""
    df = _run(con, load("lifecycle_transitions"), lc_from=frame_from[["cidx", "stage"]],
              lc_to=frame_to[["cidx", "combo", "stage"]], lc_picked=picked(con, dataset_id, filters))
    df["stage_from"] = df["stage_from"].astype(object).where(df["stage_from"].notna(), UNKNOWN).astype(str)
    df["stage_to"] = df["stage_to"].astype(str)
    return df.sort_values(["stage_from", "stage_to"], key=lambda s: s.map(_STAGE_ORDER)).reset_index(drop=True)


_STAGE_ORDER = {s: i for i, s in enumerate((UNKNOWN, *STAGES))}


def curve(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters,
          statistic: str = "mean") -> pd.DataFrame:
    """The lifecycle curve: per month of life (age), customers behind the point, buyers among
    them and the mean (or median) net revenue per customer that month.

    Only months of life that have ended by ``as_of`` count; customers without a purchase in a
    month (including those already lost) count as zero, so the curve is what an acquired
    customer brings on average in their n-th month.
    """
    name = {"mean": "lifecycle_curve", "median": "lifecycle_curve_median"}[statistic]
    df = _run(con, load(name), {"dataset_id": dataset_id, "last_month": last_complete_month(as_of)},
              lc_picked=picked(con, dataset_id, filters))
    return df.astype({"age": "int64", "customers": "int64", "buyers": "int64"})


def revival(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters,
            thresholds: Thresholds) -> tuple[pd.DataFrame, float | None]:
    """Revenue per won-back customer by months since the return (age 0-11): age, customers
    (returns behind the point), buyers, value; and the median days without a purchase before
    a return (None without returns)."""
    df = _run(con, load("lifecycle_revival"), {"dataset_id": dataset_id, "as_of": as_of,
                                               "last_month": last_complete_month(as_of)},
              lc_picked=picked(con, dataset_id, filters), lc_returns=returns(con, dataset_id, thresholds))
    idle = None if df.empty or pd.isna(df["median_idle_days"].iloc[0]) else float(df["median_idle_days"].iloc[0])
    return df.drop(columns="median_idle_days").astype({"age": "int64", "customers": "int64", "buyers": "int64"}), idle


def retention(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters) -> pd.DataFrame:
    """Cohort retention cells: cohort, age, size, buyers, revenue, customer_share, revenue_share."""
    df = _run(con, load("lifecycle_retention"), {"dataset_id": dataset_id, "last_month": last_complete_month(as_of)},
              lc_picked=picked(con, dataset_id, filters))
    return df.astype({"age": "int64", "size": "int64", "buyers": "int64"})


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


def marker_positions(lay: Layout, width_px: int = 1100) -> pd.DataFrame:
    """Where the numbered danger points sit: number, phase (the band they are drawn in), x, row.

    Evenly spaced inside their phase's band; a point whose phase has no band (a short history)
    goes to the nearest later band, else the nearest earlier one. Where neighbours would be
    closer than about 26 pixels, they alternate between two rows.

    Examples
    --------
    >>> c = pd.DataFrame({"age": range(12), "customers": 100,
    ...                   "value": [9, 4, 5, 6, 8, 10, 10, 10, 9.5, 8, 7, 6]})
    >>> m = marker_positions(layout(c))
    >>> m.loc[m["number"] == 1, "x"].item() < 0 < m.loc[m["number"] == 7, "x"].item()
    True
    """
    bands = {p.name: p for p in lay.phases}
    x_min, x_max = min(p.start for p in lay.phases), max(p.end for p in lay.phases)
    per_month = width_px / max(x_max - x_min, 1.0)
    placed: dict[str, list[int]] = {}
    for point in DANGER_POINTS:
        i = PHASES.index(point.phase)
        candidates = [q for q in PHASES[i:] if q in bands] or [q for q in reversed(PHASES[:i]) if q in bands]
        placed.setdefault(candidates[0], []).append(point.number)
    rows = []
    for name, members in placed.items():
        band = bands[name]
        step = (band.end - band.start) / (len(members) + 1)
        crowded = step * per_month < 26
        for k, number in enumerate(members):
            rows.append({"number": number, "phase": name, "x": band.start + step * (k + 1),
                         "row": (k % 2) if crowded else 0})
    return pd.DataFrame(rows).sort_values("number", ignore_index=True)


# --- the 14 danger points ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DangerPoint:
    """One danger point: its phase, the comparison that gives evidence for it (None: the data
    format has nothing to show it) and the input tables that comparison needs."""

    number: int
    phase: str
    comparison: str | None
    needs: tuple[str, ...]
    #: 'first_year': customers one year after their first purchase, outcome lost in that year;
    #: 'base_year': customers active a year before, outcome lost within the last 12 months.
    family: str | None = None
    #: the comparison groups in display order
    groups: tuple[str, ...] = ()


DANGER_POINTS = (
    DangerPoint(1, "acquisition", "followup", ("events",), "first_year", ("d0_14", "d15_30", "d31_90", "none")),
    DangerPoint(2, "acquisition", "followup_channel", ("events",), "first_year"),
    DangerPoint(3, "acquisition", "sale_satisfaction", ("surveys",), "first_year", ("high", "low")),
    DangerPoint(4, "acquisition", "outbound", ("events",), "base_year", ("o0_5", "o6_11", "o12plus")),
    DangerPoint(5, "acquisition", None, ()),
    DangerPoint(6, "acquisition", "competitor", ("events",), "base_year", ("no", "yes")),
    DangerPoint(7, "start", "contact_30_180", ("events",), "first_year", ("yes", "no")),
    DangerPoint(8, "start", "aftersales_satisfaction", ("surveys",), "first_year", ("high", "low")),
    DangerPoint(9, "start", "marketing_90", ("events",), "first_year", ("m0", "m1_2", "m3plus")),
    DangerPoint(10, "start", "contact_90", ("events",), "first_year", ("yes", "no")),
    DangerPoint(11, "growth", "disputes", ("events",), "base_year", ("n0", "n1", "n2plus")),
    DangerPoint(12, "growth", "complaints", ("events",), "base_year", ("n0", "n1", "n2plus")),
    DangerPoint(13, "maturity", None, ()),
    DangerPoint(14, "decline", None, ()),
)




def evidence(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters,
             stage_frame: pd.DataFrame | None = None, start_frame: pd.DataFrame | None = None,
             exposure_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every comparison's groups: comparison, grp, customers, lost, rate, low, high (95 % Wilson
    interval), order (the group's place in its comparison), family.

    ``stage_frame`` holds the stages at ``as_of``, ``start_frame`` those 12 months earlier
    (``months_back(as_of, 12)``) and ``exposure_frame`` :func:`exposures` at ``as_of``; without
    the last two only the first-year comparisons are made.
    """
    picked_frame = picked(con, dataset_id, filters)
    first = _run(con, load("lifecycle_evidence_first_year"), {"dataset_id": dataset_id, "as_of": as_of},
                 lc_picked=picked_frame)
    frames = [first.assign(family="first_year")]
    if stage_frame is not None and exposure_frame is not None and start_frame is not None:
        base = _run(con, load("lifecycle_evidence_base"), lc_stages=stage_frame[["cidx", "combo", "lost_12m"]],
                    lc_start=start_frame[["cidx", "stage"]], lc_exposures=exposure_frame, lc_picked=picked_frame)
        frames.append(base.assign(family="base_year"))
    df = pd.concat(frames, ignore_index=True).astype({"customers": "int64", "lost": "int64"})
    intervals = [wilson(int(k), int(n)) for k, n in zip(df["lost"], df["customers"])]
    df["rate"] = np.where(df["customers"] > 0, df["lost"] / df["customers"].where(df["customers"] > 0, 1), np.nan)
    df["low"] = [lo for lo, _ in intervals]
    df["high"] = [hi for _, hi in intervals]
    orders = {p.comparison: {g: i for i, g in enumerate(p.groups)} for p in DANGER_POINTS if p.comparison}
    df["order"] = [orders.get(c, {}).get(g, 100 if g == "none" else 50) for c, g in zip(df["comparison"], df["grp"])]
    return df.sort_values(["comparison", "order", "grp"]).reset_index(drop=True)


def point_evidence(point: DangerPoint, evidence_frame: pd.DataFrame, avail: Available) -> tuple[str, pd.DataFrame]:
    """The state of one danger point's evidence and its groups.

    State: 'no_format' (the data format cannot show it), 'missing' (an input table it needs is
    empty), 'too_little' (fewer than :data:`MIN_CUSTOMERS` customers in every group but one),
    or 'ok'.
    """
    empty = evidence_frame.iloc[0:0]
    if point.comparison is None:
        return "no_format", empty
    if not avail.has(*point.needs):
        return "missing", empty
    rows = evidence_frame.loc[evidence_frame["comparison"] == point.comparison]
    if (rows["customers"] >= MIN_CUSTOMERS).sum() < 2:
        return "too_little", rows
    return "ok", rows


# --- customer lists -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """What the page lists customers for: a stage ('stage', stage), a transition cell ('move',
    from, to) or a cohort cell ('cell', cohort as YYYY-MM-DD, age)."""

    kind: str
    a: str
    b: str = ""

    def encode(self) -> str:
        """The selection as URL text: ``stage:lost``, ``move:new>lost``, ``cell:2024-03-01@5``.

        Examples
        --------
        >>> Selection.decode(Selection("move", "new", "lost").encode())
        Selection(kind='move', a='new', b='lost')
        """
        sep = {"stage": "", "move": ">", "cell": "@"}[self.kind]
        return f"{self.kind}:{self.a}{sep}{self.b}"

    @staticmethod
    def decode(text: str | None) -> Selection | None:
        """The selection in ``text`` or None when it is not a valid one."""
        if not text or ":" not in text:
            return None
        kind, rest = text.split(":", 1)
        if kind == "stage" and rest in STAGES:
            return Selection("stage", rest)
        if kind == "move" and ">" in rest:
            a, b = rest.split(">", 1)
            if a in (UNKNOWN, *STAGES) and b in STAGES:
                return Selection("move", a, b)
        if kind == "cell" and "@" in rest:
            a, b = rest.split("@", 1)
            try:
                date.fromisoformat(a)
                if int(b) >= 0:
                    return Selection("cell", a, str(int(b)))
            except ValueError:
                return None
        return None


def customer_list(con: duckdb.DuckDBPyConnection, dataset_id: int, selection: Selection, filters: Filters,
                  stage_frame: pd.DataFrame, frame_from: pd.DataFrame | None = None, frame_to: pd.DataFrame | None = None,
                  sort: str = "revenue_12m", descending: bool = True, limit: int = LIST_LIMIT) -> tuple[pd.DataFrame, int]:
    """The customers of a selection, sorted, at most ``limit`` of them; and how many there are.

    Columns: customer_id, name, segment, region, channel, stage_from, stage, first_purchase,
    last_purchase, n_purchases, revenue_12m, revenue_prev_12m.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort!r}")
    values = {"dataset_id": dataset_id, "sort": sort, "descending": descending, "limit": limit}
    picked_frame = picked(con, dataset_id, filters)
    if selection.kind == "stage":
        chosen = db.run_arrow(con, load("lifecycle_chosen_stage"), {**values, "stage": selection.a},
                              lc_stages=stage_frame, lc_picked=picked_frame)
    elif selection.kind == "move":
        chosen = db.run_arrow(con, load("lifecycle_chosen_move"),
                              {**values, "stage_from": selection.a, "stage_to": selection.b},
                              lc_from=frame_from[["cidx", "stage"]], lc_to=frame_to, lc_picked=picked_frame)
    else:
        chosen = db.run_arrow(con, load("lifecycle_chosen_cell"),
                              {**values, "cohort": date.fromisoformat(selection.a), "age": int(selection.b)},
                              lc_stages=stage_frame, lc_picked=picked_frame)
    # one query lists every kind of selection: the selections differ only in who is chosen
    df = _run(con, load("lifecycle_list"), values, lc_chosen=chosen)
    total = int(df["total"].iloc[0]) if len(df) else 0
    df = df.drop(columns="total")
    for col in ("stage", "stage_from"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df, total


# --- the page's state in the URL -------------------------------------------------------------------

#: URL parameter of each threshold.
THRESHOLD_PARAMS = {"new_days": "lc_new", "growth": "lc_grow", "decline": "lc_decl", "sleep_days": "lc_sleep",
                    "sleep_factor": "lc_sleepx", "lost_days": "lc_lost", "won_back_days": "lc_back"}
#: Every URL parameter the lifecycle page owns (it leaves all others alone).
URL_PARAMS = ("lc_seg", "lc_reg", "lc_chan", "lc_cohort", "lc_stat", "lc_danger", "lc_from", "lc_to", "lc_metric",
              "lc_share", "lc_sel", "lc_sort", "lc_asc", *THRESHOLD_PARAMS.values())


@dataclass(frozen=True)
class View:
    """Everything a shared link of the lifecycle page restores: filters, thresholds, the dates of
    the moves matrix (None: the defaults), the chosen danger point, toggles and the selection
    whose customers are listed.

    Examples
    --------
    >>> v = View(filters=Filters(segments=("B2B SME",), cohort_from=date(2024, 1, 1)), danger=4,
    ...          selection=Selection("stage", "lost"))
    >>> q = v.to_query(); q["lc_seg"], q["lc_cohort"], q["lc_danger"], q["lc_sel"]
    (['B2B SME'], '2024-01..', '4', 'stage:lost')
    >>> View.from_query({k: (val if isinstance(val, list) else [val]) for k, val in q.items()}) == (v, [])
    True
    """

    filters: Filters = Filters()
    thresholds: Thresholds = Thresholds()
    statistic: str = "mean"
    danger: int | None = None
    move_from: date | None = None
    move_to: date | None = None
    metric: str = "customers"
    trend_share: bool = False
    selection: Selection | None = None
    sort: str = "revenue_12m"
    descending: bool = True

    def to_query(self) -> dict[str, str | list[str]]:
        """The URL parameters of this view; values at their default are left out."""
        f, q = self.filters, {}
        for key, values in (("lc_seg", f.segments), ("lc_reg", f.regions), ("lc_chan", f.channels)):
            if values:
                q[key] = list(values)
        if f.cohort_from or f.cohort_to:
            q["lc_cohort"] = f"{_month_text(f.cohort_from)}..{_month_text(f.cohort_to)}"
        default = Thresholds()
        for name, key in THRESHOLD_PARAMS.items():
            value = getattr(self.thresholds, name)
            if value != getattr(default, name):
                q[key] = f"{value:g}"
        for key, value, default_value in (("lc_stat", self.statistic, "mean"), ("lc_metric", self.metric, "customers"),
                                          ("lc_sort", self.sort, "revenue_12m")):
            if value != default_value:
                q[key] = value
        if self.danger is not None:
            q["lc_danger"] = str(self.danger)
        if self.move_from:
            q["lc_from"] = self.move_from.isoformat()
        if self.move_to:
            q["lc_to"] = self.move_to.isoformat()
        if self.trend_share:
            q["lc_share"] = "1"
        if not self.descending:
            q["lc_asc"] = "1"
        if self.selection:
            q["lc_sel"] = self.selection.encode()
        return q

    @classmethod
    def from_query(cls, query: dict[str, list[str]]) -> tuple[View, list[str]]:
        """The view a link describes, and the names of the parameters that could not be read
        (those keep their defaults). ``query`` maps each parameter to all its values."""
        bad: list[str] = []

        def one(key: str) -> str | None:
            values = query.get(key) or []
            return values[-1] if values else None

        def parse(key: str, fn, default):
            text = one(key)
            if text is None or text == "":
                return default
            try:
                return fn(text)
            except (ValueError, TypeError):
                bad.append(key)
                return default

        cohort_from = cohort_to = None
        text = one("lc_cohort")
        if text:
            try:
                low, high = text.split("..", 1)
                cohort_from = _parse_month(low) if low else None
                cohort_to = _parse_month(high) if high else None
            except ValueError:
                bad.append("lc_cohort")
        filters = Filters(tuple(query.get("lc_seg") or ()), tuple(query.get("lc_reg") or ()),
                          tuple(query.get("lc_chan") or ()), cohort_from, cohort_to)
        default = Thresholds()
        values = {}
        for name, key in THRESHOLD_PARAMS.items():
            kind = type(getattr(default, name))
            values[name] = parse(key, lambda s, kind=kind: kind(float(s)) if kind is int else float(s), getattr(default, name))
        thresholds = Thresholds(**values)
        if thresholds.problems():
            bad.extend(THRESHOLD_PARAMS[n] for n in THRESHOLD_PARAMS if getattr(thresholds, n) != getattr(default, n))
            thresholds = default

        def choice(key: str, options: tuple[str, ...], default_value: str) -> str:
            value = one(key)
            if value is None:
                return default_value
            if value not in options:
                bad.append(key)
                return default_value
            return value

        def danger(text: str) -> int:
            n = int(text)
            if not 1 <= n <= len(DANGER_POINTS):
                raise ValueError(text)
            return n

        selection = None
        if one("lc_sel"):
            selection = Selection.decode(one("lc_sel"))
            if selection is None:
                bad.append("lc_sel")
        view = cls(
            filters=filters, thresholds=thresholds,
            statistic=choice("lc_stat", ("mean", "median"), "mean"),
            danger=parse("lc_danger", danger, None),
            move_from=parse("lc_from", date.fromisoformat, None),
            move_to=parse("lc_to", date.fromisoformat, None),
            metric=choice("lc_metric", ("customers", "revenue"), "customers"),
            trend_share=one("lc_share") == "1",
            selection=selection,
            sort=choice("lc_sort", SORT_KEYS, "revenue_12m"),
            descending=one("lc_asc") != "1",
        )
        return view, bad


def _month_text(day: date | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def _parse_month(text: str) -> date:
    year, month = text.split("-")[:2]
    return date(int(year), int(month), 1)
