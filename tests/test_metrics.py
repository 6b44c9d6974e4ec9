"""The per-customer metrics (lib/metrics.py), defined once, on hand-made data: the stage of each
customer by id (lib.lifecycle's rule), lost and sleeping from it, P(alive) as the BG/NBD model
gives it on purchase histories counted here by hand, and the value group (top 20 % by CLV)."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from lib import clv, db, derived, metrics, value
from tests.conftest import d, monthly

AS_OF = date(2025, 6, 30)



def store(transactions: pd.DataFrame, churn=(), customers=()) -> tuple:
    """A database in memory holding one dataset with these rows."""
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    con.register("tx", transactions.assign(dataset_id=ds))
    con.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) "
                "SELECT dataset_id, customer_id, date, amount FROM tx")
    con.unregister("tx")
    if churn:
        con.executemany("INSERT INTO churn VALUES (?, ?, ?, ?, ?)", [(ds, *c) for c in churn])
    if customers:
        con.executemany("INSERT INTO customers (dataset_id, customer_id, name, first_contact_date) "
                        "VALUES (?, ?, ?, ?)", [(ds, *c) for c in customers])
    db.swap_in(con, "hand", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return con, ds


@pytest.fixture(scope="module")
def staged():
    """One customer per stage at AS_OF (and a churn record without a customer)."""
    purchases = {
        "N": [d("2025-05-01"), d("2025-06-01")],                      # new: first purchase 60 days ago
        "L": monthly(d("2024-03-15"), d("2025-02-15")),               # lost: churn record after the last purchase
        "Z": monthly(d("2024-05-01"), d("2024-10-01"), day=1),        # sleeping: 272 days idle > 3 x 30
        "M": monthly(d("2023-05-15"), d("2025-06-15")),               # mature: same revenue both years
        "R": monthly(d("2024-03-15"), d("2025-06-15")),               # growing: 12 months against 3.5
        "W": monthly(d("2023-06-15"), d("2024-06-15")) + [d("2025-03-01"), d("2025-04-01"), d("2025-05-01")],
        "G": [d("2023-01-10"), d("2024-05-01")],                      # lost: 425 days idle > 365
    }
    rows = [(c, day, 100.0) for c, days in purchases.items() for day in days]
    # declining: 100 a month in the year before the last 12 months, 50 a month in them
    rows += [("E", day, 100.0 if day <= d("2024-06-30") else 50.0) for day in monthly(d("2023-07-15"), d("2025-06-15"))]
    tx = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    churn = [("L", d("2025-02-20"), "price", "cancellation"), ("L2", d("2025-03-01"), "price", "cancellation")]
    return store(tx, churn, customers=[("PR", "Prospect AG", d("2025-01-01")), ("LATE", "Later AG", d("2025-09-01"))])


def test_stage_of_every_customer_by_id(staged):
    con, ds = staged
    st = metrics.stages(con, ds, AS_OF)
    assert st["customer_id"].tolist() == sorted(st["customer_id"])
    stage = st.set_index("customer_id")["stage"].astype(str).to_dict()
    assert stage == {"E": "declining", "G": "lost", "L": "lost", "M": "mature", "N": "new", "PR": "prospect",
                     "R": "growing", "W": "won_back", "Z": "sleeping"}
    # a churn record alone makes no customer, a first contact after the as-of date not yet one
    assert "L2" not in stage and "LATE" not in stage
    # a year earlier: Z had just started, W still bought every month (12 against 1 the year before)
    before = metrics.stages(con, ds, d("2024-06-30")).set_index("customer_id")["stage"].astype(str)
    assert before["Z"] == "new" and before["W"] == "growing" and "N" not in before.index


def test_lost_and_sleeping_come_from_the_stage(staged):
    con, ds = staged
    m = metrics.customer_metrics(con, ds, AS_OF)
    f = m.frame.set_index("customer_id")
    assert list(m.frame.columns) == list(metrics.COLUMNS)
    assert f.index[f["lost"]].tolist() == ["G", "L"] and f.index[f["sleeping"]].tolist() == ["Z"]
    # nine customers cannot carry the CLV models: the naive CLV, no P(alive), and the reason
    assert m.clv_error and f["p_alive"].isna().all()
    # the prospect has no purchase: no CLV, no value group
    assert np.isnan(f.loc["PR", "clv"]) and pd.isna(f.loc["PR", "value_group"])
    assert set(metrics.ACTIVE_STAGES) == {"new", "growing", "mature", "declining", "won_back"}


@pytest.fixture(scope="module")
def bought():
    """400 customers with purchase days drawn at random (whole days; each customer with a usual
    gap, a drop-out chance and a typical amount of their own), and the purchase days of each as a
    plain dict to count from."""
    rng = np.random.default_rng(5)
    days, spend = {}, {}
    for i in range(400):
        first = d("2023-01-01") + timedelta(days=int(rng.integers(0, 880)))
        gap, stop = rng.gamma(2.0, 20.0) + 1, rng.random() * 0.15
        seq, day = [first], first
        while rng.random() > stop:
            day += timedelta(days=max(1, int(rng.exponential(gap))))
            if day > AS_OF:
                break
            seq.append(day)
        days[f"C{i:03d}"] = sorted(set(seq))
        spend[f"C{i:03d}"] = rng.gamma(2.0, 50.0) + 5
    tx = pd.DataFrame([(c, day, round(spend[c] * rng.gamma(6.0, 1 / 6), 2)) for c, seq in days.items() for day in seq],
                      columns=["customer_id", "date", "amount"])
    con, ds = store(tx)
    return con, ds, days


def test_p_alive_is_the_bgnbd_model_on_the_purchase_histories(bought):
    con, ds, days = bought
    m = metrics.customer_metrics(con, ds, AS_OF)
    assert m.clv_error is None
    ids = sorted(days)
    # x: repeat purchase days; t_x: weeks from the first to the last; T: weeks from the first to AS_OF
    x = np.array([len(days[c]) - 1 for c in ids], dtype=float)
    t_x = np.array([(days[c][-1] - days[c][0]).days / 7 for c in ids])
    T = np.array([(AS_OF - days[c][0]).days / 7 for c in ids])
    expected = clv.p_alive(clv.fit_bgnbd(x, t_x, T), x, t_x, T)
    f = m.frame.set_index("customer_id").loc[ids]
    np.testing.assert_allclose(f["p_alive"].to_numpy(dtype=float), expected, rtol=1e-12)
    # varied histories: some customers almost surely gone, some surely there, many in between
    assert expected.min() < 0.01 and expected.max() == 1 and ((expected > 0.2) & (expected < 0.8)).sum() > 40


def test_value_group_is_the_top_fifth_by_the_value_basis(bought):
    """Default: the top 20 % by revenue of the last 12 months (summed here by hand); on the
    other basis the top 20 % by CLV if the customer stays; never by the CLV itself."""
    con, ds, days = bought
    f = metrics.customer_metrics(con, ds, AS_OF).frame
    pred = value.clv_predictions(value.clv_model(con, ds, AS_OF), value.ClvSettings()).set_index("customer_id")
    np.testing.assert_array_equal(f["clv"].to_numpy(), pred.loc[f["customer_id"], "clv"].to_numpy())
    np.testing.assert_array_equal(f["clv_alive"].to_numpy(), pred.loc[f["customer_id"], "clv_alive"].to_numpy())
    tx = con.execute("SELECT customer_id, sum(amount)::DOUBLE AS r FROM transactions WHERE date > ? AND date <= ? "
                     "GROUP BY customer_id", [AS_OF - timedelta(days=365), AS_OF]).df().set_index("customer_id")["r"]
    by_hand = tx.reindex(f["customer_id"]).fillna(0.0).to_numpy()
    np.testing.assert_allclose(f["revenue_12m"].to_numpy(), by_hand, rtol=1e-12)
    assert (f["value"] == f["revenue_12m"]).all()
    k = int(round(0.2 * 400))
    top = set(f.loc[f["revenue_12m"] > 0].nlargest(k, "revenue_12m")["customer_id"])
    assert set(f.loc[f["value_group"] == "high", "customer_id"]) == top
    assert (f["value_group"] == "low").sum() == 400 - len(top)
    other = metrics.with_basis(f, "clv_alive")
    assert set(other.loc[other["value_group"] == "high", "customer_id"]) == set(f.nlargest(80, "clv_alive")["customer_id"])
    with pytest.raises(ValueError, match="value basis"):
        metrics.with_basis(f, "clv")
