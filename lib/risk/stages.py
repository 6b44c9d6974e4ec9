"""Lifecycle stages per customer id (lib/queries/risk_stages.sql)."""
from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

from lib.risk.signals import StageRules, _run, _who


def months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (a month's last day maps to a last day),
    as the lifecycle page counts its 12-month windows.

    Examples
    --------
    >>> months_back(date(2025, 12, 31), 12), months_back(date(2024, 2, 29), 12)
    (datetime.date(2024, 12, 31), datetime.date(2023, 2, 28))
    """
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = (date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1) - timedelta(days=1)).day
    month_end = (date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m + 1, last if day.day == month_end else min(day.day, last))


STAGES = ("prospect", "new", "growing", "mature", "declining", "sleeping", "lost", "won_back")
ACTIVE_STAGES = ("new", "growing", "mature", "declining", "won_back")


def stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, rules: StageRules = StageRules(),
           customers=None) -> pd.DataFrame:
    """Lifecycle stage of every customer known at ``as_of`` (lib/queries/risk_stages.sql; the
    lifecycle page's rules, see :class:`StageRules`): customer_id, stage, first_purchase,
    last_purchase, n_purchases, revenue_12m, revenue_prev_12m, last_return."""
    everyone, who = _who(customers)
    values = {"dataset_id": dataset_id, "all": everyone, "as_of": as_of, "w12": months_back(as_of, 12),
              "w24": months_back(as_of, 24), **rules.params()}
    df = _run(con, "risk_stages", values, risk_who=who)
    df["stage"] = pd.Categorical(df["stage"], categories=STAGES)
    return df.sort_values("customer_id", kind="stable").reset_index(drop=True)
