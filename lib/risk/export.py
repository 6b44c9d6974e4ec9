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
from lib.risk.watch import p_loss

#: The columns of :func:`score_table`, in order (the first ten as before value bases came).
COLUMNS = ("customer_id", "stage", "value_group", "clv", "p_alive", "risk_score", "band", "driver_1", "driver_2",
           "driver_3", "value_basis", "value", "revenue_at_risk")


def score_table(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, settings: Settings = Settings(),
                weights: Weights = Weights(), cuts: tuple[float, float] | None = None,
                basis: str = metrics.DEFAULT_VALUE_BASIS) -> tuple[pd.DataFrame, Assessment]:
    """One row per customer known at ``as_of`` (``python -m lib score``), :data:`COLUMNS`:
    customer_id, stage, value_group (top 20 % by ``basis``), clv, p_alive
    (:func:`lib.metrics.customer_metrics`), risk_score, band, driver_1..3, value_basis, value
    (on ``basis``: 12-month revenue or CLV if the customer stays) and revenue_at_risk (value x
    probability of loss, :func:`lib.metrics.revenue_at_risk`; empty with the rules, whose points
    are no probability). Every customer who is not lost (active or sleeping) has a score, band
    and drivers (a driver is empty when fewer signals push the score up); prospects and lost
    customers have none; customers without a purchase no CLV or value. ``cuts``: band cut-offs
    (default: :func:`default_bands` of the method in use)."""
    a = assess(con, dataset_id, as_of, settings)
    sc = score(a, weights)
    cuts = cuts or default_bands(a.method)
    per_customer = metrics.with_basis(metrics.customer_metrics(con, dataset_id, as_of, settings.rules).frame, basis)
    scored = pd.DataFrame({"customer_id": a.frame["customer_id"].to_numpy(), "risk_score": np.round(sc.score, 1),
                           "p_loss": p_loss(sc),
                           "band": np.asarray(BANDS, dtype=object)[bands(sc.score, cuts)]})
    names = np.asarray(SIGNALS + ("",), dtype=object)
    for i in range(3):
        scored[f"driver_{i + 1}"] = names[sc.drivers[:, i]]  # -1 picks the empty name
    out = per_customer.merge(scored, on="customer_id", how="left")
    out["stage"] = out["stage"].astype(str)
    out["value_basis"] = basis
    out["revenue_at_risk"] = metrics.revenue_at_risk(out["value"], out["p_loss"]).round(2)
    out["clv"] = out["clv"].round(2)
    out["value"] = out["value"].round(2)
    out["p_alive"] = out["p_alive"].round(4)
    return out[list(COLUMNS)].sort_values("customer_id", kind="stable").reset_index(drop=True), a


#: code column -> its label column (:func:`with_labels`) and the UI string the label comes from
LABELS = {"stage": ("stage_label", "risk.stage.{}"), "value_group": ("value_group_label", "risk.value_group.{}"),
          "band": ("band_label", "risk.band.{}"), "driver_1": ("driver_1_label", "risk.signal.{}"),
          "driver_2": ("driver_2_label", "risk.signal.{}"), "driver_3": ("driver_3_label", "risk.signal.{}"),
          "value_basis": ("value_basis_label", "risk.value_basis.{}")}


def with_labels(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`score_table` with a label column in ``lang`` after each code column (stage, value
    group, band, drivers, value basis): "complaint_handling" stays for machines, "Beschwerde
    schlecht bearbeitet" beside it for people. An empty or unknown code gets an empty label."""
    from lib.i18n import STRINGS, t

    out = table.copy()
    for code, (label, key) in LABELS.items():
        if code not in out:
            continue
        names = {c: t(key.format(c), lang) for c in out[code].dropna().unique()
                 if isinstance(c, str) and key.format(c) in STRINGS}
        out.insert(out.columns.get_loc(code) + 1, label, [names.get(c, "") for c in out[code]])
    return out
