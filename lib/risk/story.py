"""One customer's story: attributes, stage, everything recorded up to the as-of date, the
signals now and the score month by month."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from lib import db, metrics
from lib.queries import load
from lib.risk.assess import _prepare
from lib.risk.model import Scorer
from lib.risk.signals import SIGNALS, Settings, _col, _day_number, customer_info, raw_signals, to_dates


@dataclass(frozen=True, eq=False)
class Story:
    """Everything about one customer up to the as-of date: ``info`` (customers-table
    attributes), ``stage``, ``timeline`` (date, kind, detail, amount, days_late, score),
    ``monthly`` (snap, revenue_recent, expected_revenue, score, active, band inputs) and the
    signals at the as-of date (``signals``: signal, value, flag, contribution; None without a
    purchase), ``score`` (None when not scored: lost, or no purchase); ``active`` (False also
    for a sleeping customer, who is scored)."""

    customer_id: str
    found: bool
    info: dict
    stage: str | None
    timeline: pd.DataFrame
    monthly: pd.DataFrame
    signals: pd.DataFrame | None
    score: float | None
    active: bool
    expected: dict = field(default_factory=dict)


def story(con: duckdb.DuckDBPyConnection, dataset_id: int, customer_id: str, as_of: date,
          settings: Settings, scorer: Scorer, months: int = 24, stages: pd.DataFrame | None = None) -> Story:
    """One customer's story (a handful of small queries; the tables are read by customer id).

    The month-by-month score applies today's model (``scorer``: coefficients or points and the
    BG/NBD parameters of the as-of date) to the customer's history as it stood at each of the
    last ``months`` month ends and at the as-of date. The stage is the customer's row of
    ``stages`` (:func:`lib.metrics.stages` at ``as_of`` with ``settings.rules``; computed when
    not given).
    """
    cid = str(customer_id).strip()
    info_df = customer_info(con, dataset_id, [cid])
    info = {} if info_df.empty else {k: (None if pd.isna(v) else v) for k, v in info_df.iloc[0].items()}
    timeline = db.run_query(con, load("risk_story_timeline"),
                            {"dataset_id": dataset_id, "customer": cid, "as_of": as_of})
    if stages is None:
        stages = metrics.stages(con, dataset_id, as_of, settings.rules)
    st = stages.loc[stages["customer_id"] == cid, "stage"]
    stage = str(st.iloc[0]) if len(st) else None
    found = bool(info) or not timeline.empty
    ends = [as_of]
    month = as_of.replace(day=1)
    for _ in range(months):  # the last day of each of the previous months
        ends.append(month - timedelta(days=1))
        month = ends[-1].replace(day=1)
    ends = sorted(set(ends))
    raw = raw_signals(con, dataset_id, ends, as_of, settings, customers=[cid])
    raw = raw.sort_values("snap").reset_index(drop=True)
    if raw.empty:
        empty = pd.DataFrame({"snap": [], "revenue_recent": [], "expected_revenue": [], "score": [], "active": []})
        return Story(cid, found, info, stage, timeline, empty, None, None, False)
    _, table, features, act, _ = _prepare(raw, settings, scorer.bgnbd, fit_alive=False)
    flags = table[[f"flag_{s}" for s in SIGNALS]].to_numpy(dtype=bool)
    s, contrib = scorer.score(features, flags)
    active = act["active"].to_numpy()
    scored = act["scored"].to_numpy()
    monthly = pd.DataFrame({"snap": to_dates(_col(raw, "snap")), "revenue_recent": _col(raw, "recent_revenue"),
                            "expected_revenue": table["expected_revenue"].to_numpy(dtype=float),
                            "score": np.where(scored, s, np.nan), "active": active})
    last = raw["snap"] == _day_number(as_of)
    signals = score_now = None
    is_active = False
    expected = {}
    if last.any():
        i = int(np.flatnonzero(last.to_numpy())[0])
        is_active = bool(active[i])
        signals = pd.DataFrame({"signal": SIGNALS, "value": [table[sig].iloc[i] for sig in SIGNALS],
                                "flag": flags[i], "contribution": contrib[i]})
        score_now = float(s[i]) if scored[i] else None
        expected = {k: float(table[k].iloc[i]) for k in ("expected_days", "expected_revenue",
                                                          "expected_complaints", "expected_inbound")}
        expected.update({"recent_days": float(raw["recent_days"].iloc[i]),
                         "recent_revenue": float(raw["recent_revenue"].iloc[i]),
                         "overdue_amount": float(raw["overdue_amount"].iloc[i])})
    return Story(cid, found, info, stage, timeline, monthly, signals, score_now, is_active, expected)
