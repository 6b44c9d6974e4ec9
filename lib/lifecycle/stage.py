"""Every customer's stage at an as-of date: the thresholds of the stage rules, the calendar
windows they use, the returns (won back), the per-customer stage frame, and what the page
aggregates over it (distribution per stage, transitions between two dates).

The stage rules live in SQL, in one place (lib/queries/lifecycle_stage_rule.sql, included by
lifecycle_staged.sql); the as-of view, the transitions and the monthly trend
(:mod:`.stage_trend`) all classify through it. A view is classified when first asked for; the
loaders keep the result (lib.loaders.lifecycle) and store it in the database file (lib.results),
and the app's warm-up asks for the default view (the dataset's last date and 12 months before)
right after a dataset is prepared.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from lib import db
from lib.lifecycle.filters import Filters, picked
from lib.queries import load

#: The stages in lifecycle order (the order of every chart and table).
STAGES = ("prospect", "new", "growing", "mature", "declining", "sleeping", "lost", "won_back")
#: Stage of a customer not yet known at the earlier date of a transition.
UNKNOWN = "unknown"


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


def months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier; a month's last day maps to a last day.

    So at a month end the windows of the stage rules are whole calendar months.

    Examples
    --------
    >>> months_back(date(2025, 12, 31), 12), months_back(date(2025, 2, 28), 12), months_back(date(2025, 6, 15), 24)
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29), datetime.date(2023, 6, 15))
    """
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = month_end(y, m + 1).day
    if day == month_end(day.year, day.month):
        return date(y, m + 1, last)
    return date(y, m + 1, min(day.day, last))


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` in ``year``.

    Examples
    --------
    >>> month_end(2024, 2), month_end(2025, 12)
    (datetime.date(2024, 2, 29), datetime.date(2025, 12, 31))
    """
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
    if as_of == month_end(as_of.year, as_of.month):
        return first
    return (first - timedelta(days=1)).replace(day=1)


# --- per-customer frames: fn(con, dataset_id, *hashable) ------------------------------------------

def returns(con: duckdb.DuckDBPyConnection, dataset_id: int, thresholds: Thresholds) -> pd.DataFrame:
    """Every return of the dataset: purchases after having been sleeping or lost by the rules.

    Columns cidx, day, idle_days (days without a purchase before it). Independent of the as-of
    date (each return depends only on what came before it).
    """
    df = db.run_query(con, load("lifecycle_returns"), {"dataset_id": dataset_id, **thresholds.params()})
    return df.astype({"cidx": "int32", "idle_days": "int32"})


def stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, thresholds: Thresholds) -> pd.DataFrame:
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
    df = _classified(con, dataset_id, as_of, thresholds)
    return _with_stage(df).astype({"cidx": "int32", "combo": "int32", "n_purchases": "int32", "lost_12m": bool})


def stage_codes(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, thresholds: Thresholds) -> pd.DataFrame:
    """Only cidx and stage of every customer known at ``as_of`` (what transitions and the
    evidence need of an earlier date: a smaller frame to keep and to store)."""
    df = _classified(con, dataset_id, as_of, thresholds)[["cidx", "stage_code"]]
    return _with_stage(df).astype({"cidx": "int32"})


def _with_stage(df: pd.DataFrame) -> pd.DataFrame:
    """``stage_code`` (index in :data:`STAGES`) replaced by the categorical ``stage``."""
    stage = pd.Categorical.from_codes(df["stage_code"].to_numpy(dtype="int8"), categories=STAGES)
    out = df.drop(columns="stage_code")
    out.insert(min(2, len(out.columns)), "stage", stage)
    return out


def _classified(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, thresholds: Thresholds) -> pd.DataFrame:
    """The frame of :func:`stages` with ``stage_code`` (the index in :data:`STAGES`) for ``stage``."""
    w12, w24 = window_starts(as_of)
    values = {"dataset_id": dataset_id, "as_of": as_of, "w12": w12, "w24": w24, "stage_order": list(STAGES),
              **thresholds.params()}
    return db.run_query(con, load("lifecycle_stages"), values, lc_returns=returns(con, dataset_id, thresholds))


# --- aggregates over the frames (milliseconds) ------------------------------------------------------

def distribution(con: duckdb.DuckDBPyConnection, dataset_id: int, stage_frame: pd.DataFrame,
                 filters: Filters) -> pd.DataFrame:
    """Customers, their share and 12-month revenue per stage, every stage listed in order."""
    df = db.run_query(con, load("lifecycle_distribution"), lc_stages=stage_frame[["combo", "stage", "revenue_12m"]],
                      lc_picked=picked(con, dataset_id, filters))
    df["stage"] = df["stage"].astype(str)
    out = pd.DataFrame({"stage": list(STAGES)}).merge(df, on="stage", how="left")
    out["customers"] = out["customers"].fillna(0).astype("int64")
    out["revenue_12m"] = out["revenue_12m"].fillna(0.0).astype(float)
    total = out["customers"].sum()
    out["share"] = out["customers"] / total if total else 0.0
    return out


_STAGE_ORDER = {s: i for i, s in enumerate((UNKNOWN, *STAGES))}


def transitions(con: duckdb.DuckDBPyConnection, dataset_id: int, frame_from: pd.DataFrame, frame_to: pd.DataFrame,
                filters: Filters) -> pd.DataFrame:
    """Stage at the earlier date against stage at the later date for the customers known at the
    later date: stage_from (:data:`UNKNOWN` if not yet known then), stage_to, customers, row_share."""
    df = db.run_query(con, load("lifecycle_transitions"), lc_from=frame_from[["cidx", "stage"]],
                      lc_to=frame_to[["cidx", "combo", "stage"]], lc_picked=picked(con, dataset_id, filters))
    df["stage_from"] = df["stage_from"].astype(object).where(df["stage_from"].notna(), UNKNOWN).astype(str)
    df["stage_to"] = df["stage_to"].astype(str)
    return df.sort_values(["stage_from", "stage_to"], key=lambda s: s.map(_STAGE_ORDER)).reset_index(drop=True)

