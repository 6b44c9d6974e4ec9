"""The demo data: deterministic, complete, and with the behaviour the analyses are meant to find."""
from __future__ import annotations

from datetime import date

import pytest

from lib import db, demo, overview


@pytest.fixture(scope="module")
def con():
    c = db.connect(":memory:")
    demo.generate(c, "demo", customers=5000, seed=42)
    return c


def q(con, sql: str):
    return con.execute(sql).fetchall()


def test_deterministic_for_a_seed():
    frames = []
    for _ in range(2):
        c = db.connect(":memory:")
        demo.generate(c, "d", customers=400, seed=3)
        frames.append({t: c.execute(f"SELECT * EXCLUDE (dataset_id) FROM {t}").df() for t in db.TABLES})
    for t in db.TABLES:
        assert frames[0][t].equals(frames[1][t]), t
    c = db.connect(":memory:")
    demo.generate(c, "d", customers=400, seed=4)
    assert not c.execute("SELECT * EXCLUDE (dataset_id) FROM transactions").df().equals(frames[0]["transactions"])


def test_all_seven_tables_filled_over_three_full_years(con):
    info = db.datasets(con)[0]
    assert all(info.counts[t] > 0 for t in db.TABLES)
    assert info.first_date == date(2023, 1, 1) and info.last_date == date(2025, 12, 31)
    assert info.counts["customers"] == 5000
    # about 20 transactions per buying customer, as the 1M bench dataset (about 20M rows) needs
    per_buyer = q(con, "SELECT count(*) / count(DISTINCT customer_id) FROM transactions")[0][0]
    assert 16 <= per_buyer <= 24


def test_regenerating_replaces_the_dataset():
    c = db.connect(":memory:")
    demo.generate(c, "d", customers=200, seed=1)
    demo.generate(c, "d", customers=300, seed=1)
    assert db.datasets(c)[0].counts["customers"] == 300
    assert q(c, "SELECT count(DISTINCT dataset_id) FROM customers")[0][0] == 1


def test_value_is_heavy_tailed(con):
    share = q(con, """
        WITH v AS (SELECT customer_id, sum(amount) AS v FROM transactions GROUP BY 1),
             r AS (SELECT v, row_number() OVER (ORDER BY v DESC) AS rn, count(*) OVER () AS n FROM v)
        SELECT sum(v) FILTER (WHERE rn <= n * 0.2) / sum(v) FROM r""")[0][0]
    assert 0.70 <= float(share) <= 0.82


def test_mix_of_segments_regions_channels_b2b_b2c(con):
    segs = dict(q(con, "SELECT segment, count(*) FROM customers GROUP BY 1"))
    assert set(segs) == set(demo.SEGMENTS)
    assert len(q(con, "SELECT DISTINCT region FROM customers")) == len(demo.REGIONS)
    assert len(q(con, "SELECT DISTINCT acquisition_channel FROM customers")) == len(demo.ACQ_CHANNELS)
    prospects = q(con, "SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM transactions)")[0][0]
    assert 0.03 * 5000 < prospects < 0.1 * 5000


def test_annual_churn_between_20_and_30_percent(con):
    for as_of in (date(2024, 12, 31), date(2025, 12, 31)):
        k = overview.kpis(con, 1, as_of)
        assert 0.20 <= k.churn_rate <= 0.30, (as_of, k)


def test_churn_is_explicit_with_reasons_or_silent(con):
    kinds = dict(q(con, "SELECT kind, count(*) FROM churn GROUP BY 1"))
    assert kinds["cancellation"] > 0 and kinds["silent"] > 0
    reasons = {r[0] for r in q(con, "SELECT DISTINCT reason FROM churn WHERE kind = 'cancellation'")}
    assert reasons == set(demo.REASONS)
    assert q(con, "SELECT count(*) FROM churn WHERE kind = 'silent' AND reason IS NOT NULL")[0][0] == 0


def test_purchases_ramp_up_after_the_first_purchase(con):
    rows = dict(q(con, """
        WITH f AS (SELECT customer_id, min(date) AS first FROM transactions GROUP BY 1)
        SELECT (t.date - f.first) // 91 AS quarter, count(*)
        FROM transactions t JOIN f USING (customer_id)
        WHERE f.first < DATE '2024-06-01' AND t.amount > 0 AND t.date > f.first
          AND customer_id NOT IN (SELECT customer_id FROM churn)
        GROUP BY 1"""))
    assert rows[0] < rows[2]


def test_warning_signals_precede_churn_with_noise(con):
    # complaints per customer in the 90 days before a cancellation vs loyal customers' last 90 days
    before = q(con, """
        SELECT avg(n) FROM (
          SELECT c.customer_id, count(e.customer_id) AS n FROM churn c
          LEFT JOIN events e ON e.customer_id = c.customer_id AND e.type = 'complaint'
               AND e.date > c.date - 120 AND e.date <= c.date - 30
          WHERE c.date > DATE '2023-06-01' GROUP BY c.customer_id, c.date)""")[0][0]
    loyal = q(con, """
        SELECT avg(n), avg((n > 0)::INT) FROM (
          SELECT t.customer_id, count(e.customer_id) AS n FROM (SELECT DISTINCT customer_id FROM transactions
               WHERE customer_id NOT IN (SELECT customer_id FROM churn)) t
          LEFT JOIN events e ON e.customer_id = t.customer_id AND e.type = 'complaint'
               AND e.date > DATE '2025-12-31' - 120 AND e.date <= DATE '2025-12-31' - 30
          GROUP BY t.customer_id)""")[0]
    assert before > 2 * loyal[0]
    assert loyal[1] > 0.01  # some loyal customers complain too
    # not every churner shows a signal
    silent_churners = q(con, """
        SELECT avg((n = 0)::INT) FROM (
          SELECT c.customer_id, count(e.customer_id) AS n FROM churn c
          LEFT JOIN events e ON e.customer_id = c.customer_id
               AND e.type IN ('complaint', 'dispute', 'competitor_mention', 'cancellation_notice')
               AND e.date > c.date - 270 AND e.date <= c.date
          GROUP BY c.customer_id, c.date)""")[0][0]
    assert 0.05 < silent_churners < 0.8


def test_payments_get_later_before_churn(con):
    late = dict(q(con, """
        SELECT c.customer_id IS NOT NULL AND i.invoice_date > c.date - 150 AS before_churn,
               avg(coalesce(i.paid_date, DATE '2025-12-31') - i.due_date)
        FROM invoices i LEFT JOIN churn c ON c.customer_id = i.customer_id AND i.invoice_date <= c.date
        WHERE i.invoice_date < DATE '2025-10-01'
        GROUP BY 1"""))
    assert late[True] > late[False] + 5


def test_winback_has_measures_control_groups_and_real_uplift(con):
    assert {r[0] for r in q(con, "SELECT DISTINCT measure FROM winback")} == set(demo.MEASURES)
    share_control = q(con, "SELECT avg((\"group\" = 'control')::INT) FROM winback")[0][0]
    assert 0.1 < share_control < 0.3
    rates = dict(q(con, """
        SELECT w."group", avg((EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = w.customer_id
                                       AND t.date > w.date AND t.date <= w.date + 180))::INT)
        FROM winback w WHERE w.date < DATE '2025-06-01' GROUP BY 1"""))
    assert rates["treatment"] > rates["control"] + 0.04


def test_aftersales_satisfaction_drives_repurchase_more_than_the_sale(con):
    rows = {(s, a): r for s, a, r, n in q(con, """
        SELECT s.sale_satisfaction >= 4, s.aftersales_satisfaction >= 4,
               avg((EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = s.customer_id AND t.amount > 0
                            AND t.date > s.date + 180 AND t.date <= s.date + 545))::INT), count(*)
        FROM surveys s WHERE s.date < DATE '2024-06-30' GROUP BY 1, 2""")}
    assert rows[(True, True)] > rows[(False, True)] > rows[(True, False)]
    assert rows[(False, True)] - rows[(False, False)] > rows[(True, False)] - rows[(False, False)]


def test_returns_and_credit_notes_are_negative(con):
    neg = q(con, "SELECT count(*), max(amount) FROM transactions WHERE amount < 0")[0]
    assert neg[0] > 0 and neg[1] < 0


def test_negotiations_rise_before_losses_over_price():
    """lib/demo/negotiation.py: B2B accounts negotiate about once a year; in the months before a
    loss over price or a competitor's offer far more often than staying customers do."""
    con = db.connect(":memory:")
    demo.generate(con, "d", 3000, 42)
    rates = dict(con.execute("""
        WITH lost AS (
            SELECT customer_id, min(date) AS day, bool_or(reason IN ('price', 'competitor_offer')) AS price
            FROM churn GROUP BY customer_id
        ), neg AS (
            SELECT e.customer_id, count(*) AS n FROM events e JOIN lost l USING (customer_id)
            WHERE e.type = 'negotiation' AND e.date > l.day - 120 AND e.date <= l.day GROUP BY 1
        )
        SELECT CASE WHEN l.price THEN 'price' ELSE 'other' END, avg(coalesce(n.n, 0)) * 365 / 120
        FROM lost l LEFT JOIN neg n USING (customer_id) GROUP BY 1
    """).fetchall())
    base = con.execute("""
        WITH span AS (
            SELECT t.customer_id, max(t.date) - min(t.date) + 1 AS days
            FROM transactions t JOIN customers c USING (customer_id)
            WHERE c.segment LIKE 'B2B%' AND t.customer_id NOT IN (SELECT customer_id FROM churn)
            GROUP BY 1
        )
        SELECT (SELECT count(*) FROM events e JOIN span USING (customer_id) WHERE e.type = 'negotiation')
               * 365.0 / (SELECT sum(days) FROM span)
    """).fetchone()[0]
    assert 0.6 < base < 1.6                     # about once a year for B2B accounts that stay
    assert rates["price"] > 2.5 * rates["other"] > 0
