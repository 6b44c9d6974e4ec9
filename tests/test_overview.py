"""Overview numbers on a hand-made dataset, checked against values computed by hand."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib import charts, db, derived, overview

AS_OF = date(2025, 12, 31)  # window: 2025-01-01..2025-12-31; base year: 2024-01-02..2024-12-31

TX = [
    ("C1", "2024-03-01", 20), ("C1", "2024-11-01", 5), ("C1", "2025-06-01", 100),  # stays
    ("C2", "2024-05-01", 40),                                       # silent loss
    ("C3", "2024-06-01", 10), ("C3", "2025-02-01", 50),            # explicit loss after last purchase
    ("C4", "2022-06-01", 15), ("C4", "2025-01-15", 70),            # back after > 365 days
    ("C5", "2024-06-01", 25), ("C5", "2025-03-01", 30),            # back after a recorded loss
    ("C6", "2023-05-01", 60), ("C6", "2025-05-01", -10),           # only a credit note this year
    ("C7", "2026-01-10", 99),                                       # after the as-of date
]
CHURN = [("C3", "2025-03-01", "price", "cancellation"), ("C5", "2024-09-01", "service", "cancellation")]


@pytest.fixture(scope="module")
def con():
    c = db.connect(":memory:")
    c.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(c)
    c.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)",
                  [(ds, *r) for r in TX])
    c.executemany("INSERT INTO churn VALUES (?, ?, ?, ?, ?)", [(ds, *r) for r in CHURN])
    db.swap_in(c, "tiny", ds, "hand-made", "import")
    derived.build(c, ds)   # the numbers are read from the derived per-customer days, as in the app
    c.execute("COMMIT")
    return c


def test_kpis_equal_hand_computed_values(con):
    k = overview.kpis(con, db.dataset_id(con, "tiny"), AS_OF)
    assert (k.customers, k.active_customers, k.churn_base, k.churned, k.won_back) == (6, 4, 4, 2, 2)
    assert k.revenue_12m == pytest.approx(100 + 50 + 70 + 30 - 10)
    assert k.churn_rate == pytest.approx(0.5)


def test_kpis_before_any_history(con):
    k = overview.kpis(con, db.dataset_id(con, "tiny"), date(2022, 6, 1))
    assert (k.customers, k.active_customers, k.churn_base) == (1, 1, 0)
    assert k.churn_rate is None


def test_monthly_activity(con):
    df = overview.monthly_activity(con, db.dataset_id(con, "tiny"), AS_OF)
    row = df.loc[df["month"] == pd.Timestamp("2025-05-01")].iloc[0]
    assert row["revenue"] == -10 and row["buyers"] == 0
    assert df["new_customers"].sum() == 6
    assert pd.Timestamp("2026-01-01") not in set(df["month"])


def test_coverage_marks_missing_tables(con):
    cov = overview.coverage(con, db.dataset_id(con, "tiny")).set_index("table")
    assert cov.loc["transactions", "rows"] == 13 and cov.loc["churn", "present"]
    assert not cov.loc["surveys", "present"] and cov.loc["surveys", "first_date"] is None
    assert cov.loc["transactions", "first_date"] == date(2022, 6, 1)
    assert set(cov.index) == set(db.TABLES) and set(overview.ENABLES) == set(db.TABLES)


def test_monthly_chart_spec(con):
    df = overview.monthly_activity(con, db.dataset_id(con, "tiny"), AS_OF)
    spec = charts.monthly_activity(df, month="Monat", revenue="Umsatz", buyers="Kunden").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "line"]
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Umsatz"
    assert len(spec["datasets"][next(iter(spec["datasets"]))]) == len(df)
