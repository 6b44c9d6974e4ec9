"""The demo's cancellation notices (lib/demo/notices.py) and the notice reason in the contract."""
from __future__ import annotations

import pytest

from lib import db, demo
from lib.demo import notices


@pytest.fixture(scope="module")
def con():
    c = db.connect(":memory:")
    demo.generate(c, "demo", customers=5000, seed=42)
    return c


def one(con, sql: str):
    return con.execute(sql).fetchone()


SAVED = "outcome IN ('averted', 'withdrawn')"


def test_every_notice_has_an_outcome_and_the_fields_that_go_with_it(con):
    rows = dict(con.execute("SELECT outcome, count(*) FROM events WHERE type = 'cancellation_notice' GROUP BY 1")
                .fetchall())
    assert set(rows) == {"took_effect", "averted", "withdrawn", "open"}
    assert rows["took_effect"] > 300 and rows["averted"] > 100 and rows["withdrawn"] > 30 and rows["open"] >= 10
    # decided notices have a decision date between the notice and its effective date; a reason; a measure
    assert one(con, """SELECT count(*) FROM events WHERE type = 'cancellation_notice' AND outcome <> 'open'
                       AND NOT (outcome_date >= date AND outcome_date <= effective_date AND reason IS NOT NULL
                                AND measure IS NOT NULL)""") == (0,)
    # open notices: no decision yet, effective after the end of the data
    assert one(con, """SELECT count(*) FROM events WHERE type = 'cancellation_notice' AND outcome = 'open'
                       AND (outcome_date IS NOT NULL OR effective_date <= DATE '2025-12-31')""") == (0,)
    # the other event types carry none of the notice fields
    assert one(con, """SELECT count(*) FROM events WHERE type <> 'cancellation_notice'
                       AND (effective_date IS NOT NULL OR measure IS NOT NULL OR reason IS NOT NULL)""") == (0,)


def test_notices_that_took_effect_end_in_their_churn_record(con):
    # effective date = the date of the customer's cancellation record, reason = its reason
    assert one(con, """SELECT count(*) FROM events e WHERE e.type = 'cancellation_notice' AND e.outcome = 'took_effect'
                       AND NOT EXISTS (SELECT 1 FROM churn c WHERE c.customer_id = e.customer_id
                                       AND c.date = e.effective_date AND c.kind = 'cancellation'
                                       AND c.reason = e.reason)""") == (0,)


def test_saved_customers_keep_buying(con):
    n, buying, churned_soon = one(con, f"""
        SELECT count(*),
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = e.customer_id
                                              AND t.amount > 0 AND t.date > e.date AND t.date <= e.date + 120)),
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM churn c WHERE c.customer_id = e.customer_id
                                              AND c.date BETWEEN e.date AND e.date + 120))
        FROM events e WHERE e.type = 'cancellation_notice' AND e.{SAVED}""")
    assert n > 150 and buying == n and churned_soon == 0


def test_save_rates_depend_on_measure_reason_and_value(con):
    rate = lambda where: float(one(con, f"""SELECT avg(CASE WHEN {SAVED} THEN 1 ELSE 0 END) FROM events
                                             WHERE type = 'cancellation_notice' AND outcome <> 'open' AND {where}""")[0])
    assert rate("measure = 'none'") < 0.15 < 0.35 < rate("measure IN ('discount', 'service_fix')")
    assert rate("reason = 'price' AND measure = 'discount'") > rate("reason = 'price' AND measure = 'service_fix'") + 0.2
    assert rate("reason = 'service' AND measure = 'service_fix'") > rate("reason = 'service' AND measure = 'discount'") + 0.15
    assert rate("reason = 'relocation'") < 0.15
    # the top 20 % by yearly revenue are saved more often
    by_value = dict(con.execute(f"""
        WITH v AS (SELECT customer_id, sum(amount) / greatest((max(date) - min(date)) / 365.0, 1) AS per_year
                   FROM transactions GROUP BY 1),
             r AS (SELECT customer_id, percent_rank() OVER (ORDER BY per_year DESC) < 0.2 AS high FROM v)
        SELECT high, avg(CASE WHEN e.{SAVED} THEN 1 ELSE 0 END) FROM events e JOIN r USING (customer_id)
        WHERE e.type = 'cancellation_notice' AND e.outcome <> 'open' GROUP BY 1""").fetchall())
    assert by_value[True] > by_value[False] + 0.08


def test_a_saved_notice_without_an_offer_is_a_withdrawal(con):
    assert one(con, "SELECT count(*) FROM events WHERE outcome = 'averted' AND measure = 'none'") == (0,)


def test_some_saved_customers_give_notice_again(con):
    (again,) = one(con, f"""SELECT count(*) FROM events e WHERE e.type = 'cancellation_notice' AND e.{SAVED}
                            AND EXISTS (SELECT 1 FROM events f WHERE f.customer_id = e.customer_id
                                        AND f.type = 'cancellation_notice' AND f.date > e.date)""")
    assert again >= 15


def test_the_save_probability_matches_its_table():
    import numpy as np
    p = notices.save_probability(np.array([1]), np.array([3]), np.array([True]))[0]
    odds = 0.6 / 0.4 * notices.HIGH_VALUE_ODDS
    assert p == pytest.approx(odds / (1 + odds), abs=1e-12)


# --- the notice reason in the data contract ---------------------------------------------------------------

def test_a_notice_reason_is_imported_in_german_and_refused_on_other_types(tmp_path):
    from tests.test_contract_events import _import
    con, out = _import(tmp_path, "Kundennummer;Datum;Ereignisart;Kündigungsgrund\nK1;02.06.2025;Kündigung;zu teuer\n")
    assert out.ok, out.problems
    assert con.execute("SELECT type, reason FROM events").fetchall() == [("cancellation_notice", "price")]
    (tmp_path / "b").mkdir()
    con, out = _import(tmp_path / "b", "customer_id,date,type,reason\nK1,2025-06-02,marketing,price\n")
    [p] = [p for p in out.problems if p.code == "wrong_type"]
    assert (p.file, p.line, p.column, p.value) == ("events.csv", 2, "reason", "price")
