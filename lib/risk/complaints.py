"""Complaint handling against churn: are complaints a chance?

The claim (seed 002, W7): a customer whose complaint is handled well and fast stays, often more
loyal than before; one handled badly or slowly leaves. Measured on the dataset with the design of
the lifecycle page's later danger points (lib/queries/lifecycle_evidence_base.sql), so "lost" is
the stage rule's and nothing is defined twice:

* **who**: the customers active 12 months before the as-of date (stage new, growing, mature,
  declining or won back at ``months_back(as_of, 12)``), of one segment if chosen;
* **grouped by** how their complaints (or disputes) of the 12 months before that were handled:
  ``none`` (no complaint), ``good`` (every complaint resolved within :attr:`Handling.fast_days`
  days and the customer not dissatisfied: satisfied ``yes`` or not recorded), ``bad`` (at least one
  unresolved, still open, resolved later than that, or the customer not satisfied), ``unknown``
  (no outcome recorded, shown but not tested);
* **lost**: the stage rule's ``lost_12m`` at the as-of date (no purchase in the last 12 months, or
  a churn record in them with no purchase after it).

Each group's loss rate has its 95 % Wilson interval; the three groups are tested together (chi-square
test of the 2 x 3 table, ``scipy.stats.chi2_contingency``) and pairwise (Fisher's exact test, the
three p-values Holm-adjusted, with Newcombe intervals of the differences); :func:`verdict` reads
the claim off them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd
from scipy import stats as sps

from lib import db
from lib.lifecycle.stage import window_starts
from lib.queries import load
from lib.stats import ALPHA, holm, newcombe, wilson

#: Which event types count as complaints (the page's choice).
KINDS = {"complaint": ("complaint",), "dispute": ("dispute",), "both": ("complaint", "dispute")}
#: The groups in display order; the first three are tested.
GROUPS = ("none", "good", "bad", "unknown")
TESTED = GROUPS[:3]
#: The pairwise comparisons, each (a, b): a's loss rate minus b's.
PAIRS = (("good", "bad"), ("good", "none"), ("bad", "none"))
#: Fewer customers than this in the good or bad group: too little to read the claim.
MIN_GROUP = 20


@dataclass(frozen=True)
class Handling:
    """The page's choices: which events count (:data:`KINDS`), the days within which a resolution
    counts as fast, and the customers' segment (None: all)."""

    kinds: str = "complaint"
    fast_days: int = 7
    segment: str | None = None

    def __post_init__(self):
        if self.kinds not in KINDS:
            raise ValueError(f"kinds must be one of {sorted(KINDS)}")
        if not 0 <= self.fast_days <= 365:
            raise ValueError("fast_days must lie in 0..365")


@dataclass(frozen=True)
class HandlingResult:
    """What :func:`handling` found: the complaint window, the complaints in it (:data:`summary`
    keys: complaints, recorded, resolved, fast, median_days, rated, satisfied; any_outcome counts
    the complaints of the whole dataset with an outcome field), the groups with their loss rates,
    the 2 x 3 test, the pairwise tests and the verdict (:func:`verdict`)."""

    start: date
    end: date
    summary: dict
    groups: pd.DataFrame
    chi2: float
    df: int
    p_value: float
    pairs: pd.DataFrame
    verdict: str


def group_table(customers: pd.DataFrame) -> pd.DataFrame:
    """Per group of :data:`GROUPS` (all four, in order): customers, lost, rate, low, high (95 %
    Wilson interval). ``customers``: one row per customer with grp and lost.

    Examples
    --------
    >>> f = pd.DataFrame({"grp": ["none"] * 4 + ["good", "bad", "bad"], "lost": [0, 0, 0, 1, 0, 1, 1]})
    >>> group_table(f)[["grp", "customers", "lost", "rate"]].values.tolist()
    [['none', 4, 1, 0.25], ['good', 1, 0, 0.0], ['bad', 2, 2, 1.0], ['unknown', 0, 0, nan]]
    """
    lost = customers["lost"].astype(bool)
    n = customers.groupby("grp").size().reindex(GROUPS, fill_value=0).to_numpy()
    k = lost.groupby(customers["grp"]).sum().reindex(GROUPS, fill_value=0).to_numpy().astype(int)
    lo, hi = wilson(k, n)
    rate = np.where(n > 0, k / np.maximum(n, 1), np.nan)
    return pd.DataFrame({"grp": GROUPS, "customers": n.astype(int), "lost": k, "rate": rate, "low": lo, "high": hi})


def overall_test(groups: pd.DataFrame) -> tuple[float, int, float]:
    """Chi-square test of independence of group and loss over the tested groups that hold
    customers (:data:`TESTED`): (statistic, degrees of freedom, p-value), as
    ``scipy.stats.chi2_contingency(table, correction=False)``; NaN (df 0) with fewer than two
    groups or nobody (or everybody) lost."""
    g = groups.set_index("grp").loc[list(TESTED)]
    g = g.loc[g["customers"] > 0]
    k, n = g["lost"].to_numpy(), g["customers"].to_numpy()
    if len(g) < 2 or k.sum() == 0 or k.sum() == n.sum():
        return math.nan, 0, math.nan
    res = sps.chi2_contingency(np.vstack([k, n - k]), correction=False)
    return float(res.statistic), int(res.dof), float(res.pvalue)


def pairwise(groups: pd.DataFrame) -> pd.DataFrame:
    """The pairs of :data:`PAIRS`: a, b, diff (a's loss rate minus b's) with its 95 % Newcombe
    interval (low, high), Fisher's exact two-sided p and the Holm-adjusted p over the pairs that
    could be tested (p_holm). A pair with an empty group has NaN."""
    g = groups.set_index("grp")
    rows = []
    for a, b in PAIRS:
        ka, na, kb, nb = (int(g.at[a, "lost"]), int(g.at[a, "customers"]), int(g.at[b, "lost"]),
                          int(g.at[b, "customers"]))
        if na == 0 or nb == 0:
            rows.append({"a": a, "b": b, "diff": math.nan, "low": math.nan, "high": math.nan, "p": math.nan})
            continue
        d, lo, hi = newcombe(ka, na, kb, nb)
        p = sps.fisher_exact([[ka, na - ka], [kb, nb - kb]]).pvalue
        rows.append({"a": a, "b": b, "diff": d, "low": lo, "high": hi, "p": float(p)})
    out = pd.DataFrame(rows)
    out["p_holm"] = holm(out["p"].to_numpy())
    return out


def verdict(groups: pd.DataFrame, pairs: pd.DataFrame) -> str:
    """What the data say about "complaints are a chance" (Holm-adjusted p below :data:`ALPHA`
    counts):

    * ``too_little`` -- fewer than :data:`MIN_GROUP` customers handled well or badly;
    * ``unclear`` -- good and bad handling do not differ clearly;
    * ``reverse`` -- customers handled well were lost *more* often than those handled badly;
    * ``paradox`` -- handled well, they were lost even less often than customers without a
      complaint (the complaint paradox);
    * ``matters`` -- handled well beats handled badly, but still more losses than without a complaint;
    * ``chance`` -- handled well beats handled badly, and no clear difference to no complaint.

    Examples
    --------
    >>> g = pd.DataFrame({"grp": ["none", "good", "bad", "unknown"], "customers": [800, 100, 100, 0],
    ...                   "lost": [80, 10, 40, 0]})
    >>> g["rate"] = g["lost"] / g["customers"]
    >>> verdict(g, pairwise(g))
    'chance'
    """
    g = groups.set_index("grp")
    if min(g.at["good", "customers"], g.at["bad", "customers"]) < MIN_GROUP:
        return "too_little"
    p = pairs.set_index(["a", "b"])
    gb = p.loc[("good", "bad")]
    if not gb["p_holm"] < ALPHA:
        return "unclear"
    if gb["diff"] > 0:
        return "reverse"
    gn = p.loc[("good", "none")]
    if g.at["none", "customers"] > 0 and gn["p_holm"] < ALPHA:
        return "paradox" if gn["diff"] < 0 else "matters"
    return "chance"


def handling(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, stage_frame: pd.DataFrame,
             start_frame: pd.DataFrame, choice: Handling) -> HandlingResult:
    """The complaint-handling comparison at ``as_of`` (see the module). ``stage_frame``: the
    stages at ``as_of`` (cidx, lost_12m); ``start_frame``: those 12 months earlier (cidx, stage)."""
    w12, w24 = window_starts(as_of)
    values = {"dataset_id": dataset_id, "as_of": as_of, "w12": w12, "w24": w24,
              "kinds": list(KINDS[choice.kinds]), "fast_days": choice.fast_days, "segment": choice.segment}
    summary = db.run_query(con, load("risk_complaint_summary"), values).iloc[0].to_dict()
    customers = db.run_query(con, load("risk_complaint_handling"), values,
                             lc_stages=stage_frame[["cidx", "lost_12m"]], lc_start=start_frame[["cidx", "stage"]])
    groups = group_table(customers)
    chi2, dof, p = overall_test(groups)
    pairs = pairwise(groups)
    return HandlingResult(w24, w12, summary, groups, chi2, dof, p, pairs, verdict(groups, pairs))
