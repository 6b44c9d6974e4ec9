"""Complaint handling against churn (lib/risk/complaints.py): the grouping on hand-made customers,
the statistics against scipy and hand calculations, the demo's built-in effect and the consistency
of the demo's outcomes and manager changes."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from lib import db, derived
from lib import lifecycle as lc
from lib.risk import complaints as cmp
from lib.stats import holm, newcombe, wilson

AS_OF = date(2025, 12, 31)   # window of complaints: 2024-01-01 .. 2024-12-31; lost: 2025


def monthly(first: str, last: str) -> list[str]:
    out, d = [], date.fromisoformat(first)
    while d <= date.fromisoformat(last):
        out.append(d.isoformat())
        d = (d.replace(day=1) + timedelta(days=32)).replace(day=15)
    return out


# customer: (last purchase month, complaints: (date, type, outcome, outcome_date, satisfied))
HAND = {
    "A": ("2025-12-15", [("2024-03-01", "complaint", "resolved", "2024-03-05", "yes")]),          # good
    "B": ("2024-12-15", [("2024-05-01", "complaint", "resolved", "2024-06-20", None)]),           # bad (50 days), lost
    "C": ("2025-12-15", [("2024-07-01", "complaint", "resolved", "2024-07-03", "no")]),           # bad (not satisfied)
    "D": ("2025-12-15", []),                                                                       # none
    "E": ("2025-12-15", [("2024-08-01", "complaint", None, None, None)]),                          # unknown
    "F": ("2024-12-15", [("2024-09-01", "complaint", "open", None, None)]),                        # bad, lost
    "G": ("2025-12-15", [("2023-11-01", "complaint", "resolved", "2023-11-02", "yes")]),          # before: none
    "H": ("2025-12-15", [("2024-02-01", "complaint", "resolved", "2024-02-04", "yes"),
                         ("2024-06-01", "complaint", "unresolved", "2024-08-01", "no")]),          # worst: bad
    "I": ("2025-12-15", [("2024-04-01", "dispute", "resolved", "2024-04-02", "yes")]),            # a dispute
    "J": ("2025-12-15", [("2024-10-01", "complaint", "resolved", "2025-02-01", "yes")]),          # bad (123 days)
    "K": ("2025-12-15", [("2024-02-01", "complaint", "resolved", "2024-02-08", "yes")]),          # good: 7 days
}


@pytest.fixture(scope="module")
def hand():
    con = db.connect(":memory:")
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    tx = [(ds, c, d, 20.0) for c, (last, _) in HAND.items() for d in monthly("2023-06-15", last)]
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)", tx)
    con.executemany("INSERT INTO customers (dataset_id, customer_id, segment) VALUES (?, ?, 'Key')",
                    [(ds, c) for c in ("A", "B", "C")])
    ev = [(ds, c, *e) for c, (_, rows) in HAND.items() for e in rows]
    con.executemany("INSERT INTO events (dataset_id, customer_id, date, type, outcome, outcome_date, satisfied) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", ev)
    db.swap_in(con, "hand", ds, "hand-made", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    yield con, ds
    con.close()


def run(con, ds, choice=cmp.Handling()):
    now = lc.stages(con, ds, AS_OF, lc.Thresholds())
    start = lc.stage_codes(con, ds, lc.months_back(AS_OF, 12), lc.Thresholds())
    return cmp.handling(con, ds, AS_OF, now, start, choice)


def counts(res) -> dict:
    g = res.groups.set_index("grp")
    return {k: (int(g.at[k, "customers"]), int(g.at[k, "lost"])) for k in cmp.GROUPS}


def test_groups_of_hand_made_customers(hand):
    res = run(*hand)
    assert (res.start, res.end) == (date(2023, 12, 31), date(2024, 12, 31))
    # none: D, G, I (a dispute); good: A, K; bad: B, C, F, H, J (B and F lost); unknown: E
    assert counts(res) == {"none": (3, 0), "good": (2, 0), "bad": (5, 2), "unknown": (1, 0)}
    s = res.summary
    assert {k: s[k] for k in ("complaints", "recorded", "resolved", "fast", "rated", "satisfied", "any_outcome")} == {
        "complaints": 9, "recorded": 8, "resolved": 6, "fast": 4, "rated": 6, "satisfied": 4, "any_outcome": 9}
    assert s["median_days"] == pytest.approx(np.median([4, 50, 2, 3, 123, 7]))


def test_fast_threshold_and_kinds_move_customers(hand):
    # K took exactly 7 days: fast at 7, slow at 6
    assert counts(run(*hand, cmp.Handling(fast_days=6)))["good"] == (1, 0)
    # the dispute of I counts with disputes: I good, everybody else none
    both = counts(run(*hand, cmp.Handling(kinds="both")))
    assert both["good"] == (3, 0) and both["none"] == (2, 0)
    assert counts(run(*hand, cmp.Handling(kinds="dispute"))) == {
        "none": (10, 2), "good": (1, 0), "bad": (0, 0), "unknown": (0, 0)}
    with pytest.raises(ValueError):
        cmp.Handling(kinds="claims")


def test_one_segment(hand):
    res = run(*hand, cmp.Handling(segment="Key"))
    assert counts(res) == {"none": (0, 0), "good": (1, 0), "bad": (2, 1), "unknown": (0, 0)}
    assert res.summary["complaints"] == 3 and res.summary["fast"] == 2
    assert counts(run(*hand, cmp.Handling(segment="Nobody")))["none"] == (0, 0)


def test_loss_rates_and_intervals_by_hand(hand):
    res = run(*hand)
    bad = res.groups.set_index("grp").loc["bad"]
    assert bad["rate"] == pytest.approx(2 / 5)
    ref = sps.binomtest(2, 5).proportion_ci(method="wilson")
    assert (bad["low"], bad["high"]) == pytest.approx((ref.low, ref.high), abs=1e-12)


def groups_of(none, good, bad, unknown=(0, 0)) -> pd.DataFrame:
    rows = dict(zip(cmp.GROUPS, (none, good, bad, unknown)))
    n = np.array([rows[k][0] for k in cmp.GROUPS])
    k = np.array([rows[k][1] for k in cmp.GROUPS])
    lo, hi = wilson(k, n)
    return pd.DataFrame({"grp": cmp.GROUPS, "customers": n, "lost": k,
                         "rate": np.where(n > 0, k / np.maximum(n, 1), np.nan), "low": lo, "high": hi})


def test_overall_test_against_scipy_and_a_hand_calculation():
    g = groups_of((800, 80), (100, 10), (100, 40), (7, 3))
    chi2, dof, p = cmp.overall_test(g)
    table = np.array([[80, 10, 40], [720, 90, 60]])
    ref = sps.chi2_contingency(table, correction=False)
    assert (chi2, dof, p) == pytest.approx((ref.statistic, 2, ref.pvalue), rel=1e-12)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0) / table.sum()
    assert chi2 == pytest.approx(((table - expected) ** 2 / expected).sum(), rel=1e-12)
    assert p == pytest.approx(sps.chi2.sf(chi2, 2), rel=1e-12)
    # an empty group drops out (2 x 2, df 1); nobody lost: no test
    assert cmp.overall_test(groups_of((800, 80), (0, 0), (100, 40)))[1] == 1
    assert np.isnan(cmp.overall_test(groups_of((800, 0), (100, 0), (100, 0)))[2])


def test_pairwise_fisher_newcombe_and_holm():
    g = groups_of((800, 80), (100, 10), (100, 40))
    pairs = cmp.pairwise(g).set_index(["a", "b"])
    raw = [sps.fisher_exact([[10, 90], [40, 60]]).pvalue, sps.fisher_exact([[10, 90], [80, 720]]).pvalue,
           sps.fisher_exact([[40, 60], [80, 720]]).pvalue]
    assert pairs["p"].tolist() == pytest.approx(raw, rel=1e-12)
    # Holm by hand: sorted ascending, times 3, 2, 1, running maximum, capped at 1
    order = np.argsort(raw)
    steps = np.maximum.accumulate([(3 - i) * raw[j] for i, j in enumerate(order)])
    by_hand = np.empty(3)
    by_hand[order] = np.minimum(1, steps)
    assert pairs["p_holm"].tolist() == pytest.approx(by_hand.tolist(), rel=1e-12)
    assert pairs.loc[("good", "none"), "p_holm"] == 1.0   # 10 % vs 10 %
    d, lo, hi = newcombe(10, 100, 40, 100)
    assert pairs.loc[("good", "bad"), ["diff", "low", "high"]].tolist() == pytest.approx([d, lo, hi])
    assert d == pytest.approx(-0.3)
    # a pair with an empty group has no test and does not count in Holm's m
    pairs = cmp.pairwise(groups_of((800, 80), (0, 0), (100, 40))).set_index(["a", "b"])
    assert pairs["p"].isna().sum() == 2
    assert pairs.loc[("bad", "none"), "p_holm"] == pytest.approx(sps.fisher_exact([[40, 60], [80, 720]]).pvalue)


def test_holm_hand_example():
    assert holm([0.01, 0.04, 0.03]).tolist() == pytest.approx([0.03, 0.06, 0.06])


@pytest.mark.parametrize("groups,expected", [
    (((800, 80), (100, 10), (100, 40)), "chance"),      # good = none < bad
    (((800, 160), (200, 10), (200, 80)), "paradox"),    # good < none < bad
    (((800, 20), (200, 30), (200, 80)), "matters"),     # none < good < bad
    (((800, 80), (200, 80), (200, 20)), "reverse"),     # good > bad
    (((800, 80), (100, 12), (100, 14)), "unclear"),
    (((800, 80), (10, 0), (100, 40)), "too_little"),
])
def test_verdict(groups, expected):
    g = groups_of(*groups)
    assert cmp.verdict(g, cmp.pairwise(g)) == expected


# --- the demo -----------------------------------------------------------------------------------------------

def test_the_demo_finds_that_complaints_are_a_chance(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    res = run(demo_con, ds, cmp.Handling(kinds="both"))
    g = res.groups.set_index("grp")
    assert res.verdict in ("chance", "paradox")
    # a realistic effect: handled badly or slowly, lost about two to four times as often
    assert 1.5 <= g.at["bad", "rate"] / g.at["good", "rate"] <= 5
    assert res.p_value < 0.05
    assert g.at["unknown", "customers"] < 0.1 * g.at["good", "customers"] + g.at["bad", "customers"]


def test_demo_outcomes_are_consistent(demo_con):
    ds = db.dataset_id(demo_con, "demo")

    def one(sql):
        return demo_con.execute(sql, [ds]).fetchall()[0][0]

    # outcome fields only on complaints and disputes (the notice fields are other passes')
    assert one("SELECT count(*) FROM events WHERE dataset_id = ? AND satisfied IS NOT NULL "
               "AND type NOT IN ('complaint', 'dispute')") == 0
    assert one("SELECT count(*) FROM events WHERE dataset_id = ? AND type IN ('complaint', 'dispute') "
               "AND (outcome_date < date OR outcome_date > DATE '2025-12-31')") == 0
    assert one("SELECT count(*) FROM events WHERE dataset_id = ? AND outcome = 'open' "
               "AND (outcome_date IS NOT NULL OR satisfied IS NOT NULL)") == 0
    assert one("SELECT count(*) FROM events WHERE dataset_id = ? AND outcome IN ('resolved', 'unresolved') "
               "AND (outcome_date IS NULL OR satisfied IS NULL)") == 0
    kinds = {r[0] for r in demo_con.execute("SELECT DISTINCT outcome FROM events WHERE dataset_id = ? "
                                            "AND type = 'complaint'", [ds]).fetchall()}
    assert kinds == {"resolved", "unresolved", "open", None}


def test_demo_manager_changes_are_b2b_and_inside_the_account_life(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    rows = demo_con.execute("""
        WITH buys AS (SELECT customer_id, min(date) AS first, max(date) AS last FROM transactions
                      WHERE dataset_id = $ds AND amount > 0 GROUP BY 1),
             lost AS (SELECT customer_id, max(date) AS lost FROM churn WHERE dataset_id = $ds GROUP BY 1),
             life AS (SELECT customer_id, first, greatest(last, coalesce(lost, last)) AS last
                      FROM buys LEFT JOIN lost USING (customer_id))
        SELECT c.segment, e.date >= l.first + 60 AND e.date <= l.last AS inside, count(*)
        FROM events e JOIN customers c USING (dataset_id, customer_id) JOIN life l USING (customer_id)
        WHERE e.dataset_id = $ds AND e.type = 'manager_change' GROUP BY ALL""", {"ds": ds}).fetchall()
    assert rows and {seg for seg, _, _ in rows} <= {"B2B Key Account", "B2B SME"}
    assert all(inside for _, inside, _ in rows)


def test_the_pass_keeps_what_an_earlier_pass_wrote():
    """Passes run one after another (lib.demo.PASSES): this one fills complaints and disputes only,
    keeps the notice outcomes and extra columns an earlier pass wrote, and its manager changes
    carry no outcome."""
    import pyarrow as pa

    from lib.demo import complaints as demo_pass
    from lib.demo import world

    w = world.simulate(600, 5)
    ev = w["events"]
    t = ev.column("t").to_numpy()
    notice = t == world.EVENT_TYPES.index("cancellation_notice")
    ev = ev.append_column("outcome", pa.array(np.where(notice, "averted", None).tolist(), pa.string()))
    ev = ev.append_column("reason", pa.array(np.where(notice, "price", None).tolist(), pa.string()))
    w["events"] = ev
    out = demo_pass.extend(w, 600, 5)["events"]
    n = ev.num_rows
    kinds = out.column("t").to_numpy()
    outcome = np.array(out.column("outcome").to_pylist(), dtype=object)
    assert (outcome[:n][notice] == "averted").all()
    assert out.column("reason").to_pylist()[:n] == ev.column("reason").to_pylist()
    handled = np.isin(kinds[:n], (demo_pass.COMPLAINT, demo_pass.DISPUTE))
    assert set(outcome[:n][handled]) <= {"resolved", "unresolved", "open", None}
    assert (pd.Series(outcome[:n][handled]).notna().mean()) > 0.9
    assert (outcome[:n][~handled & ~notice] == None).all()  # noqa: E711  (object array)
    added = kinds[n:]
    assert added.size > 0 and (added == demo_pass.MANAGER).all()
    assert all(v is None for v in outcome[n:]) and all(v is None for v in out.column("reason").to_pylist()[n:])
