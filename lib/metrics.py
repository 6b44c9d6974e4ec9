"""The per-customer metrics at a dataset and as-of date, each defined once; every page and
command that shows one of them per customer reads it from here.

* ``stage``: the stage rules (lib/queries/lifecycle_stage_rule.sql) as :func:`lib.lifecycle.stages`
  applies them, keyed here by customer id (:func:`stages`);
* ``lost`` / ``sleeping``: the stage is 'lost' / 'sleeping' (the customers the recovery page
  turns to; the risk page scores the others, :data:`ACTIVE_STAGES`);
* ``p_alive`` and ``clv``: the value page's default model at the as-of date (:func:`lib.value.clv_model`,
  with the default :class:`lib.value.ClvSettings`): BG/NBD P(alive) and the CLV over the horizon
  (the naive estimate, and no P(alive), when the models cannot be fitted);
* ``value_group``: 'high' for the top 20 % by CLV (the value page's default split rule,
  ``lib.value.high_value(SplitRule())``), 'low' for the rest (:func:`value_groups`).

Customers known at the as-of date without a purchase (prospects) have a stage but no P(alive),
CLV or value group.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db, value
from lib import lifecycle as lc
from lib.queries import load

#: The stages of an active customer: one who has bought and is neither sleeping nor lost.
ACTIVE_STAGES = tuple(s for s in lc.STAGES if s not in ("prospect", "sleeping", "lost"))
#: The columns of :attr:`Metrics.frame`.
COLUMNS = ("customer_id", "stage", "lost", "sleeping", "p_alive", "clv", "value_group")


def stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date,
           thresholds: lc.Thresholds = lc.Thresholds()) -> pd.DataFrame:
    """customer_id and stage (categorical in :data:`lib.lifecycle.STAGES` order) of every
    customer known at ``as_of``, sorted by customer id: :func:`lib.lifecycle.stages` with the
    customer id of each number (lib/queries/metrics_customer_ids.sql)."""
    st = lc.stages(con, dataset_id, as_of, thresholds)
    ids = db.run_query(con, load("metrics_customer_ids"), {"dataset_id": dataset_id})
    out = st[["cidx", "stage"]].merge(ids, on="cidx", how="inner", validate="one_to_one")
    return out[["customer_id", "stage"]].sort_values("customer_id", kind="stable").reset_index(drop=True)


def value_groups(predictions: pd.DataFrame) -> pd.DataFrame:
    """customer_id, clv, p_alive and value_group ('high' = the top 20 % by CLV, the value page's
    default split rule; 'low' otherwise) of the rows of :func:`lib.value.clv_predictions`.

    Examples
    --------
    >>> pred = pd.DataFrame({"customer_id": list("abcdefghij"), "clv": [float(c) for c in range(10)],
    ...                      "p_alive": 0.5})
    >>> value_groups(pred).query("value_group == 'high'")["customer_id"].tolist()
    ['i', 'j']
    """
    high = value.high_value(predictions[["clv"]], value.SplitRule())
    return pd.DataFrame({"customer_id": predictions["customer_id"].to_numpy(),
                         "clv": predictions["clv"].to_numpy(dtype=float),
                         "p_alive": predictions["p_alive"].to_numpy(dtype=float),
                         "value_group": np.where(high, "high", "low")})


@dataclass(frozen=True, eq=False)
class Metrics:
    """The metrics of every customer known at ``as_of`` (``frame``: :data:`COLUMNS`, sorted by
    customer id); ``clv_error`` says why the CLV is the naive estimate (None: the models)."""

    as_of: date
    frame: pd.DataFrame
    clv_error: str | None = None


def customer_metrics(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date,
                     thresholds: lc.Thresholds = lc.Thresholds(), model: value.ClvModel | None = None) -> Metrics:
    """Stage, lost, sleeping, P(alive), CLV and value group of every customer known at ``as_of``
    (see the module docstring); ``model``: :func:`lib.value.clv_model` at ``as_of`` when the
    caller has it already (the app shares one fit with the value page)."""
    st = stages(con, dataset_id, as_of, thresholds)
    if model is None:
        model = value.clv_model(con, dataset_id, as_of)
    groups = value_groups(value.clv_predictions(model, value.ClvSettings()))
    frame = st.merge(groups, on="customer_id", how="left")
    frame["lost"] = (frame["stage"] == "lost").to_numpy()
    frame["sleeping"] = (frame["stage"] == "sleeping").to_numpy()
    return Metrics(as_of, frame[list(COLUMNS)], model.error)


def high_value_cut(frame: pd.DataFrame) -> float:
    """The CLV from which a customer is in the 'high' value group of ``frame`` (a
    :attr:`Metrics.frame`): the smallest CLV in that group; inf when the group is empty. Used to
    place a CLV measured at another date (e.g. at a cancellation notice) in the value groups of
    the as-of date.

    Examples
    --------
    >>> high_value_cut(pd.DataFrame({"clv": [1.0, 9.0, 5.0], "value_group": ["low", "high", "low"]}))
    9.0
    """
    high = frame.loc[frame["value_group"] == "high", "clv"]
    return float(high.min()) if len(high) else float("inf")


def pending_notices(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """The customers with a cancellation notice pending at ``as_of``: customer_id, name, segment,
    notice_date, effective_date, measure, reason, pending (lib/queries/notice_pending.sql; the rule is
    notice_pending_rule.sql). A pending notice does not change the stage: the customer stays in
    the stage their purchases give until the notice takes effect (a churn record makes them lost)
    or is withdrawn or averted; the flag 'notice pending' is shown beside the stage."""
    out = db.run_query(con, load("notice_pending"), {"dataset_id": dataset_id, "as_of": as_of})
    for c in ("notice_date", "effective_date"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    return out


def pending_by_stage(con: duckdb.DuckDBPyConnection, dataset_id: int, stage_frame: pd.DataFrame, combos,
                     pending: pd.DataFrame) -> pd.Series:
    """Customers with a notice pending (``pending``: :func:`pending_notices`) per stage of
    ``stage_frame`` (:func:`lib.lifecycle.stages`: cidx, combo, stage), among the customers whose
    filter combination is in ``combos``; stages without any are left out, in stage order."""
    ids = db.run_query(con, load("metrics_customer_ids"), {"dataset_id": dataset_id})
    rows = stage_frame[stage_frame["combo"].isin(set(combos))][["cidx", "stage"]].merge(ids, on="cidx")
    hit = rows[rows["customer_id"].isin(set(pending["customer_id"]))]
    counts = hit["stage"].astype(str).value_counts()
    return pd.Series({s: int(counts[s]) for s in lc.STAGES if s in counts.index}, dtype="int64")
