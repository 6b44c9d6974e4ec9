"""The per-customer metrics at a dataset and as-of date, each defined once; every page and
command that shows one of them per customer reads it from here.

* ``stage``: the stage rules (lib/queries/lifecycle_stage_rule.sql) as :func:`lib.lifecycle.stages`
  applies them, keyed here by customer id (:func:`stages`);
* ``lost`` / ``sleeping``: the stage is 'lost' / 'sleeping' (the customers the recovery page
  turns to); the risk page and ``python -m lib score`` score every customer with a purchase who
  is not lost, sleeping ones included (:data:`SCORED_STAGES`);
* ``p_alive`` and ``clv``: the value page's default model at the as-of date (:func:`lib.value.clv_model`,
  with the default :class:`lib.value.ClvSettings`): BG/NBD P(alive) and the CLV over the horizon
  (the naive estimate, and no P(alive), when the models cannot be fitted);
* ``revenue_12m``: the historic value, net revenue of the last 12 months (365 days up to the
  as-of date, returns netted: the value page's :func:`lib.value.customer_values`);
* ``clv_alive``: the **CLV if the customer stays**, the CLV without the P(alive) factor
  (:func:`lib.clv.customer_lifetime_value` with ``given_alive``; the naive CLV in the fallback);
* the **value basis** (:data:`VALUE_BASES`): which of the two measures a customer's value when
  it is weighed against the risk of losing the customer -- ``revenue_12m`` (default) or
  ``clv_alive``. Never the CLV itself: it already shrinks with P(alive), so "high value" and
  "high risk" would exclude each other by construction;
* ``value_group``: 'high' for the top 20 % by the value basis among the customers with a
  purchase (:data:`HIGH_VALUE_PCT`; a value of 0 or less is never high), 'low' for the rest
  (:func:`value_groups`); ``Metrics.frame`` holds it for the default basis, :func:`with_basis`
  for another;
* ``revenue_at_risk``: the value x the probability of losing the customer (the risk score's
  probability, :func:`revenue_at_risk`).

Customers known at the as-of date without a purchase (prospects) have a stage but no P(alive),
CLV, value or value group.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db, value
from lib import lifecycle as lc
from lib.frames import isin
from lib.queries import load

#: The stages of an active customer: one who has bought and is neither sleeping nor lost.
ACTIVE_STAGES = tuple(s for s in lc.STAGES if s not in ("prospect", "sleeping", "lost"))
#: The stages of a customer who is scored for churn risk: everyone with a purchase who is not lost.
SCORED_STAGES = tuple(s for s in lc.STAGES if s not in ("prospect", "lost"))
#: The value bases a customer's value can be measured on against the risk (ids, also in the URL).
VALUE_BASES = ("revenue_12m", "clv_alive")
DEFAULT_VALUE_BASIS = "revenue_12m"
#: The high-value group: this share (in %) of the customers with a purchase, by the value basis.
HIGH_VALUE_PCT = 20.0
#: The columns of :attr:`Metrics.frame`.
COLUMNS = ("customer_id", "stage", "lost", "sleeping", "p_alive", "clv", "clv_alive", "revenue_12m", "value",
           "value_group")


def stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date,
           thresholds: lc.Thresholds = lc.Thresholds()) -> pd.DataFrame:
    """customer_id and stage (categorical in :data:`lib.lifecycle.STAGES` order) of every
    customer known at ``as_of``, sorted by customer id: :func:`lib.lifecycle.stages` with the
    customer id of each number (lib/queries/metrics_customer_ids.sql)."""
    st = lc.stages(con, dataset_id, as_of, thresholds)
    ids = db.run_query(con, load("metrics_customer_ids"), {"dataset_id": dataset_id})
    out = st[["cidx", "stage"]].merge(ids, on="cidx", how="inner", validate="one_to_one")
    return out[["customer_id", "stage"]].sort_values("customer_id", kind="stable").reset_index(drop=True)


def high_value(values) -> np.ndarray:
    """True for the top :data:`HIGH_VALUE_PCT` % of ``values`` (rounded to whole customers; ties
    in the order given), never for a value of 0 or less or NaN (a customer worth nothing is not
    high-value, however few have more).

    Examples
    --------
    >>> high_value([5.0, 1, 3, 2, 4, 0, 0, 0, 0, 0]).tolist()
    [True, False, False, False, True, False, False, False, False, False]
    >>> high_value([0.0] * 10).any()
    np.False_
    """
    v = np.asarray(values, dtype=float)
    k = int(round(v.size * HIGH_VALUE_PCT / 100))
    out = np.zeros(v.size, dtype=bool)
    if k > 0:
        out[np.argsort(-np.nan_to_num(v, nan=-np.inf), kind="stable")[:k]] = True
    return out & (v > 0)


def value_groups(values) -> np.ndarray:
    """'high' (:func:`high_value`) or 'low' per value.

    Examples
    --------
    >>> value_groups([float(c) for c in range(10)]).tolist()[-3:]
    ['low', 'high', 'high']
    """
    return np.where(high_value(values), "high", "low").astype(object)


def revenue_at_risk(value, p_loss) -> np.ndarray:
    """Revenue at risk: the customer's value (on the chosen basis; below 0 counts as 0) x the
    probability of losing the customer. NaN where the probability is unknown (NaN).

    Examples
    --------
    >>> revenue_at_risk([1000.0, -50.0, 200.0], [0.25, 0.5, float("nan")]).tolist()
    [250.0, 0.0, nan]
    """
    return np.clip(np.asarray(value, dtype=float), 0, None) * np.asarray(p_loss, dtype=float)


def with_basis(frame: pd.DataFrame, basis: str) -> pd.DataFrame:
    """``frame`` (:attr:`Metrics.frame`) with ``value`` and ``value_group`` on ``basis`` (one of
    :data:`VALUE_BASES`): the value group among the customers with a purchase (prospects keep
    no value and no group)."""
    if basis not in VALUE_BASES:
        raise ValueError(f"unknown value basis {basis!r}: one of {', '.join(VALUE_BASES)}")
    out = frame.copy()
    bought = out["clv"].notna().to_numpy()
    v = out[basis].to_numpy(dtype=float)
    out["value"] = np.where(bought, v, np.nan)
    groups = np.full(len(out), None, dtype=object)
    groups[bought] = value_groups(v[bought])
    out["value_group"] = groups
    return out


@dataclass(frozen=True, eq=False)
class Metrics:
    """The metrics of every customer known at ``as_of`` (``frame``: :data:`COLUMNS`, sorted by
    customer id); ``clv_error`` says why the CLV is the naive estimate (None: the models)."""

    as_of: date
    frame: pd.DataFrame
    clv_error: str | None = None


def customer_metrics(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date,
                     thresholds: lc.Thresholds = lc.Thresholds(), model: value.ClvModel | None = None,
                     values: pd.DataFrame | None = None) -> Metrics:
    """Stage, lost, sleeping, P(alive), CLV, CLV if the customer stays, 12-month revenue, and
    value and value group on the default basis of every customer known at ``as_of`` (see the
    module docstring); ``model``: :func:`lib.value.clv_model` at ``as_of`` and ``values``:
    :func:`lib.value.customer_values` at ``as_of`` when the caller has them already (the app
    shares them with the value page)."""
    st = stages(con, dataset_id, as_of, thresholds)
    if model is None:
        model = value.clv_model(con, dataset_id, as_of)
    if values is None:
        values = value.customer_values(con, dataset_id, as_of)
    pred = value.clv_predictions(model, value.ClvSettings())
    frame = st.merge(pd.DataFrame({"customer_id": pred["customer_id"].to_numpy(),
                                   "p_alive": pred["p_alive"].to_numpy(dtype=float),
                                   "clv": pred["clv"].to_numpy(dtype=float),
                                   "clv_alive": pred["clv_alive"].to_numpy(dtype=float)}),
                     on="customer_id", how="left")
    frame = frame.merge(values[["customer_id"]].assign(revenue_12m=values["revenue_12m"].to_numpy(dtype=float)),
                        on="customer_id", how="left")
    # a customer with a purchase has a CLV; the revenue of one whose days net to nothing is 0
    frame.loc[frame["clv"].notna() & frame["revenue_12m"].isna(), "revenue_12m"] = 0.0
    frame["lost"] = (frame["stage"] == "lost").to_numpy()
    frame["sleeping"] = (frame["stage"] == "sleeping").to_numpy()
    frame = with_basis(frame, DEFAULT_VALUE_BASIS)
    return Metrics(as_of, frame[list(COLUMNS)], model.error)


def high_value_cut(frame: pd.DataFrame) -> float:
    """The value (on the frame's basis, column ``value``) from which a customer is in the 'high'
    value group of ``frame`` (a :attr:`Metrics.frame` or :func:`with_basis`): the smallest value in
    that group; inf when the group is empty. Used to place a value measured at another date (e.g.
    the 12-month revenue before a cancellation notice) in the value groups of the as-of date.

    Examples
    --------
    >>> high_value_cut(pd.DataFrame({"value": [1.0, 9.0, 5.0], "value_group": ["low", "high", "low"]}))
    9.0
    """
    high = frame.loc[frame["value_group"] == "high", "value"]
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
    hit = rows[isin(rows["customer_id"], pending["customer_id"])]
    counts = hit["stage"].astype(str).value_counts()
    return pd.Series({s: int(counts[s]) for s in lc.STAGES if s in counts.index}, dtype="int64")
