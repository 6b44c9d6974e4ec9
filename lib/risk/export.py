"""The table ``python -m lib score`` writes: one row per customer known at the as-of date."""
from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import metrics
from lib.risk.assess import Assessment, assess, score
from lib.risk.model import BANDS, Weights, bands, default_bands
from lib.risk.signals import SIGNALS, Settings


def score_table(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, settings: Settings = Settings(),
                weights: Weights = Weights(), cuts: tuple[float, float] | None = None) -> tuple[pd.DataFrame, Assessment]:
    """One row per customer known at ``as_of`` (``python -m lib score``): customer_id, stage,
    value_group, clv, p_alive (:func:`lib.metrics.customer_metrics`), risk_score, band,
    driver_1..3. Customers not active (prospects, sleeping, lost) have no score, band or drivers;
    customers without a purchase no CLV. ``cuts``: band cut-offs (default: :func:`default_bands`
    of the method in use)."""
    a = assess(con, dataset_id, as_of, settings)
    sc = score(a, weights)
    cuts = cuts or default_bands(a.method)
    per_customer = metrics.customer_metrics(con, dataset_id, as_of, settings.rules).frame
    scored = pd.DataFrame({"customer_id": a.frame["customer_id"].to_numpy(), "risk_score": np.round(sc.score, 1),
                           "band": np.asarray(BANDS, dtype=object)[bands(sc.score, cuts)]})
    names = np.asarray(SIGNALS + ("",), dtype=object)
    for i in range(3):
        scored[f"driver_{i + 1}"] = names[sc.drivers[:, i]]  # -1 picks the empty name
    out = per_customer.merge(scored, on="customer_id", how="left")
    out["stage"] = out["stage"].astype(str)
    out["clv"] = out["clv"].round(2)
    out["p_alive"] = out["p_alive"].round(4)
    cols = ["customer_id", "stage", "value_group", "clv", "p_alive", "risk_score", "band",
            "driver_1", "driver_2", "driver_3"]
    return out[cols].sort_values("customer_id", kind="stable").reset_index(drop=True), a
