"""The watch list (every scored customer with CLV, value at risk and drivers) and the value x
risk quadrant."""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.risk.assess import Assessment, Scores


def watch_frame(assessment: Assessment, scores: Scores, groups: pd.DataFrame, info: pd.DataFrame) -> pd.DataFrame:
    """Every scored customer with CLV, value group, value at risk (CLV x score / 100), revenue at
    risk (12-month revenue x score / 100), top drivers, account manager and last contact; sorted
    by value at risk, highest first. ``groups``: customer_id, clv and value_group at the as-of
    date (:attr:`lib.metrics.Metrics.frame`); ``info``: :func:`lib.risk.customer_info`."""
    f = assessment.frame
    out = pd.DataFrame({"customer_id": f["customer_id"].to_numpy(), "score": scores.score,
                        "revenue_12m": f["revenue_12m"].to_numpy(dtype=float),
                        "last_purchase": f["last_purchase"].to_numpy(), "last_contact": f["last_contact"].to_numpy()})
    for i in range(3):
        out[f"driver_{i + 1}"] = scores.drivers[:, i]
    out = out.merge(groups[["customer_id", "clv", "value_group"]], on="customer_id", how="left")
    out["clv"] = out["clv"].fillna(0.0)
    out["value_group"] = out["value_group"].fillna("low")
    if not info.empty:
        out = out.merge(info[["customer_id", "name", "segment", "account_manager"]], on="customer_id", how="left")
    else:
        out["name"] = out["segment"] = out["account_manager"] = None
    out["value_at_risk"] = out["clv"] * out["score"] / 100
    out["revenue_at_risk"] = out["revenue_12m"].clip(lower=0) * out["score"] / 100
    return out.sort_values("value_at_risk", ascending=False, kind="stable").reset_index(drop=True)


QUADRANTS = ("high_value_high_risk", "high_value_low_risk", "low_value_high_risk", "low_value_low_risk")


def quadrants(watch: pd.DataFrame, level: float) -> pd.DataFrame:
    """Customers, CLV, 12-month revenue and revenue and value at risk per quadrant (value group
    x risk at or above ``level``), "high value, high risk" first."""
    high_value = (watch["value_group"] == "high").to_numpy()
    high_risk = (watch["score"] >= level).to_numpy()
    names = np.select([high_value & high_risk, high_value & ~high_risk, ~high_value & high_risk],
                      list(QUADRANTS[:3]), QUADRANTS[3])
    g = watch.assign(quadrant=names).groupby("quadrant").agg(
        customers=("customer_id", "size"), clv=("clv", "sum"), revenue_12m=("revenue_12m", "sum"),
        revenue_at_risk=("revenue_at_risk", "sum"), value_at_risk=("value_at_risk", "sum"))
    return g.reindex(list(QUADRANTS), fill_value=0).reset_index()


def quadrant_grid(watch: pd.DataFrame, bins_clv: int = 24, bins_score: int = 20) -> pd.DataFrame:
    """Customers per cell of CLV (log scale) x score, for the quadrant heat map: at most
    ``bins_clv * bins_score`` rows whatever the number of customers."""
    c = np.log10(np.clip(watch["clv"].to_numpy(dtype=float), 1.0, None))
    hi = max(float(c.max()) if c.size else 1.0, 1.0)
    ce = np.linspace(0, hi + 1e-9, bins_clv + 1)
    se = np.linspace(0, 100 + 1e-9, bins_score + 1)
    h, _, _ = np.histogram2d(c, watch["score"].to_numpy(dtype=float), bins=[ce, se])
    ci, si = np.nonzero(h)
    return pd.DataFrame({"clv_from": 10 ** ce[ci], "clv_to": 10 ** ce[ci + 1], "score_from": se[si],
                         "score_to": np.minimum(se[si + 1], 100), "customers": h[ci, si].astype(int)})
