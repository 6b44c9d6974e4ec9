"""Headline numbers, monthly activity and data coverage of one dataset at an as-of date."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from lib.queries import load

#: Which analyses each optional table enables (keys into lib.i18n).
ENABLES = {
    "transactions": "coverage.enables.transactions",
    "customers": "coverage.enables.customers",
    "events": "coverage.enables.events",
    "invoices": "coverage.enables.invoices",
    "churn": "coverage.enables.churn",
    "winback": "coverage.enables.winback",
    "surveys": "coverage.enables.surveys",
}


@dataclass(frozen=True)
class Kpis:
    """The overview's five numbers at one as-of date.

    ``churn_rate`` is None when no customer was active in the year before the window.
    """

    as_of: date
    customers: int
    active_customers: int
    revenue_12m: float
    churn_base: int
    churned: int
    won_back: int

    @property
    def churn_rate(self) -> float | None:
        return self.churned / self.churn_base if self.churn_base else None


def kpis(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> Kpis:
    """Customers, active customers, 12-month revenue, annual churn and returns at ``as_of``.

    Examples
    --------
    >>> from lib import db, demo
    >>> con = db.connect(":memory:"); _ = demo.generate(con, "d", 300, 1)
    >>> k = kpis(con, db.dataset_id(con, "d"), date(2025, 12, 31))
    >>> 0 < k.active_customers <= k.customers
    True
    """
    row = con.execute(load("overview_kpis"), {"dataset_id": dataset_id, "as_of": as_of}).fetchall()[0]
    customers, active, revenue, base, churned, won_back = row
    return Kpis(as_of, int(customers), int(active), float(revenue or 0), int(base), int(churned), int(won_back))


def kpis_with_previous(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> tuple[Kpis, Kpis]:
    """The numbers at ``as_of`` and one year earlier (for the deltas)."""
    return kpis(con, dataset_id, as_of), kpis(con, dataset_id, as_of - timedelta(days=365))


def monthly_activity(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """One row per month: month, revenue, buyers, new_customers (a few dozen rows)."""
    return con.execute(load("monthly_activity"), {"dataset_id": dataset_id, "as_of": as_of}).df()


def coverage(con: duckdb.DuckDBPyConnection, dataset_id: int) -> pd.DataFrame:
    """One row per input table: table, rows, customers, first_date, last_date, present."""
    df = con.execute(load("coverage"), {"dataset_id": dataset_id}).df()
    df["present"] = df["rows"] > 0
    for col in ("first_date", "last_date"):  # plain dates (pandas would make them timestamps)
        df[col] = [d.date() if isinstance(d, pd.Timestamp) else None for d in df[col]]
    return df
