"""The watch list (every scored customer with value, probability of loss, revenue at risk and
drivers) and the value x risk quadrant.

The value, the value group and revenue at risk are :mod:`lib.metrics`'s: the value on the chosen
basis (12-month revenue or CLV if the customer stays, never the CLV, which already shrinks with
the risk), the high-value group the top 20 % by it, revenue at risk the value x the probability
of loss. The probability of loss is the logistic score / 100 (the model's predicted probability
of being lost within the horizon); the rule points are no probability, so with the rules there
is no revenue at risk and the list is sorted by score, then value."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib import metrics
from lib.risk.assess import Assessment, Scores


def p_loss(scores: Scores) -> np.ndarray:
    """The probability of loss within the horizon per scored customer: score / 100 of the
    logistic model; NaN for the rules (points, not a probability)."""
    s = np.asarray(scores.score, dtype=float)
    return s / 100 if scores.method == "logistic" else np.full(s.shape, np.nan)


def watch_frame(assessment: Assessment, scores: Scores, groups: pd.DataFrame, info: pd.DataFrame) -> pd.DataFrame:
    """Every scored customer (not lost: active or sleeping) with stage, score, probability of
    loss (``p_loss``), value and value group on the chosen basis, revenue at risk
    (:func:`lib.metrics.revenue_at_risk`), 12-month revenue, CLV, CLV if the customer stays, top
    drivers, account manager and last contact; sorted by revenue at risk, highest first (with
    the rules: by score, then value). ``groups``: :func:`lib.metrics.with_basis` of the metrics
    at the as-of date (customer_id, stage, clv, clv_alive, value, value_group); ``info``:
    :func:`lib.risk.customer_info`."""
    f = assessment.frame
    out = pd.DataFrame({"customer_id": f["customer_id"].to_numpy(), "score": scores.score.astype(float),
                        "p_loss": p_loss(scores), "revenue_12m": f["revenue_12m"].to_numpy(dtype=float),
                        "last_purchase": f["last_purchase"].to_numpy(), "last_contact": f["last_contact"].to_numpy()})
    for i in range(3):
        out[f"driver_{i + 1}"] = scores.drivers[:, i]
    out = out.merge(groups[["customer_id", "stage", "clv", "clv_alive", "value", "value_group"]],
                    on="customer_id", how="left")
    out["stage"] = out["stage"].astype(object).where(out["stage"].notna(), None)
    out["value"] = out["value"].fillna(0.0)
    out["value_group"] = out["value_group"].fillna("low")
    if not info.empty:
        out = out.merge(info[["customer_id", "name", "segment", "account_manager"]], on="customer_id", how="left")
    else:
        out["name"] = out["segment"] = out["account_manager"] = None
    out["revenue_at_risk"] = metrics.revenue_at_risk(out["value"], out["p_loss"])
    if scores.method == "logistic":
        order = np.lexsort((out["customer_id"].to_numpy(), -out["revenue_at_risk"].to_numpy()))
    else:
        order = np.lexsort((out["customer_id"].to_numpy(), -out["value"].to_numpy(), -out["score"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)


#: High risk in the quadrant (by default): at least this many times the average probability of loss.
RISK_RATIO = 2.0


def default_level(scores: Scores, high_cut: float) -> int:
    """The default risk level of the watch list and the quadrant, in score points 1-99. For the
    model: :data:`RISK_RATIO` x the mean probability of loss of the scored customers, rounded
    (a customer at least twice as likely to be lost as the average one is high-risk: a level
    relative to the dataset's own loss rate, which differs between businesses and periods). For
    the rules, whose points are no probability: the high band's cut ``high_cut``.

    Examples
    --------
    >>> from lib.risk.assess import Scores
    >>> s = Scores(np.array([2.0, 4.0, 12.0]), np.zeros((3, 12)), np.zeros((3, 3), int), "logistic")
    >>> default_level(s, 35.0)
    12
    >>> default_level(Scores(s.score, s.contributions, s.drivers, "rules"), 60.0)
    60
    """
    if scores.method != "logistic" or not np.size(scores.score):
        return int(min(max(round(high_cut), 1), 99))
    return int(min(max(round(RISK_RATIO * float(np.mean(scores.score))), 1), 99))


QUADRANTS = ("high_value_high_risk", "high_value_low_risk", "low_value_high_risk", "low_value_low_risk")


def quadrant_of(watch: pd.DataFrame, level: float) -> np.ndarray:
    """Each watch-list row's quadrant: value group x risk (score at or above ``level``)."""
    high_value = (watch["value_group"] == "high").to_numpy()
    high_risk = (watch["score"] >= level).to_numpy()
    return np.select([high_value & high_risk, high_value & ~high_risk, ~high_value & high_risk],
                     list(QUADRANTS[:3]), QUADRANTS[3])


def quadrants(watch: pd.DataFrame, level: float) -> pd.DataFrame:
    """Customers, value, revenue at risk and 12-month revenue per quadrant (value group x risk
    at or above ``level``), "high value, high risk" first. Revenue at risk is NaN when no
    customer of the quadrant has a probability of loss (the rules)."""
    g = watch.assign(quadrant=quadrant_of(watch, level)).groupby("quadrant").agg(
        customers=("customer_id", "size"), value=("value", "sum"), revenue_12m=("revenue_12m", "sum"),
        revenue_at_risk=("revenue_at_risk", lambda x: x.sum(min_count=1)))
    out = g.reindex(list(QUADRANTS)).reset_index()
    out["customers"] = out["customers"].fillna(0).astype(int)
    out[["value", "revenue_12m"]] = out[["value", "revenue_12m"]].fillna(0.0)
    return out


def quadrant_grid(watch: pd.DataFrame, bins_value: int = 24, bins_score: int = 20) -> pd.DataFrame:
    """Customers per cell of value (log scale; below 1 counts as 1) x score, for the quadrant
    heat map: at most ``bins_value * bins_score`` rows whatever the number of customers."""
    c = np.log10(np.clip(watch["value"].to_numpy(dtype=float), 1.0, None))
    hi = max(float(c.max()) if c.size else 1.0, 1.0)
    ce = np.linspace(0, hi + 1e-9, bins_value + 1)
    se = np.linspace(0, 100 + 1e-9, bins_score + 1)
    h, _, _ = np.histogram2d(c, watch["score"].to_numpy(dtype=float), bins=[ce, se])
    ci, si = np.nonzero(h)
    return pd.DataFrame({"value_from": 10 ** ce[ci], "value_to": 10 ** ce[ci + 1], "score_from": se[si],
                         "score_to": np.minimum(se[si + 1], 100), "customers": h[ci, si].astype(int)})


@dataclass(frozen=True, eq=False)
class WatchSummary:
    """What a summary of the watch list shows (the story's watch step) in a few kB instead of the
    whole list: the quadrants (:func:`quadrants`), the heat map's cells (:func:`quadrant_grid`),
    the lowest value of a high-value customer (0 without one) and the first ``n`` rows of the "high
    value, high risk" quadrant in the list's order."""

    quadrants: pd.DataFrame
    grid: pd.DataFrame
    value_split: float
    top: pd.DataFrame


def watch_summary(watch: pd.DataFrame, level: float, n: int) -> WatchSummary:
    """:class:`WatchSummary` of the watch list ``watch`` at the risk level ``level``."""
    high = watch.loc[watch["value_group"] == "high", "value"]
    top = watch.loc[quadrant_of(watch, level) == "high_value_high_risk"].head(n).reset_index(drop=True)
    return WatchSummary(quadrants(watch, level), quadrant_grid(watch), float(high.min()) if len(high) else 0.0, top)
