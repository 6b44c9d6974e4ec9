"""The 14 danger points along the lifecycle: what each compares (:data:`DANGER_POINTS`), the
evidence from the dataset with 95 % Wilson intervals (:func:`evidence`), the state of one point's
evidence (:func:`point_evidence`), the test of its groups and whether the data support or
contradict the article (:func:`finding`), what customers met in their first year
(:func:`first_year`) and in the year before the last (:func:`exposures`), and where the chart puts the
numbered points (:func:`marker_positions`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import db
from lib.lifecycle.curves import MIN_CUSTOMERS, PHASES, Layout
from lib.lifecycle.filters import Filters, picked
from lib.lifecycle.stage import window_starts
from lib.queries import load
from lib.stats import ALPHA, wilson  # one Wilson interval for every page


@dataclass(frozen=True)
class DangerPoint:
    """One danger point: its phase, the comparison that gives evidence for it (None: the data
    format has nothing to show it) and the input tables that comparison needs."""

    number: int
    phase: str
    comparison: str | None
    needs: tuple[str, ...]
    #: 'first_year': customers one year after their first purchase, outcome lost in that year;
    #: 'base_year': customers active a year before, outcome lost within the last 12 months.
    family: str | None = None
    #: the comparison groups in display order
    groups: tuple[str, ...] = ()
    #: the group the article expects to lose most and the one it expects to lose least (None:
    #: the article names no direction, e.g. which channel is the wrong one)
    worse: str | None = None
    better: str | None = None
    #: the comparison rests on records a dataset may hold none of even when it has the table
    #: (account-manager changes, quantities): then 'no_rows' names that input
    optional_input: bool = False


DANGER_POINTS = (
    DangerPoint(1, "acquisition", "followup", ("events",), "first_year", ("d0_14", "d15_30", "d31_90", "none"),
                "none", "d0_14"),
    DangerPoint(2, "acquisition", "followup_channel", ("events",), "first_year"),
    DangerPoint(3, "acquisition", "sale_satisfaction", ("surveys",), "first_year", ("high", "low"), "low", "high"),
    DangerPoint(4, "acquisition", "outbound", ("events",), "base_year", ("o0_5", "o6_11", "o12plus"), "o12plus", "o0_5"),
    DangerPoint(5, "acquisition", "manager_change", ("events",), "base_year", ("no", "yes"), "yes", "no",
                optional_input=True),
    DangerPoint(6, "acquisition", "competitor", ("events",), "base_year", ("no", "yes"), "yes", "no"),
    DangerPoint(7, "start", "contact_30_180", ("events",), "first_year", ("yes", "no"), "no", "yes"),
    DangerPoint(8, "start", "aftersales_satisfaction", ("surveys",), "first_year", ("high", "low"), "low", "high"),
    DangerPoint(9, "start", "marketing_90", ("events",), "first_year", ("m0", "m1_2", "m3plus"), "m3plus", "m0"),
    DangerPoint(10, "start", "contact_90", ("events",), "first_year", ("yes", "no"), "no", "yes"),
    DangerPoint(11, "growth", "disputes", ("events",), "base_year", ("n0", "n1", "n2plus"), "n2plus", "n0"),
    DangerPoint(12, "growth", "complaints", ("events",), "base_year", ("n0", "n1", "n2plus"), "n2plus", "n0"),
    DangerPoint(13, "maturity", "price_surprise", ("invoices", "events"), "base_year", ("no_jump", "quiet", "contested"),
                "contested", "no_jump", optional_input=True),
    DangerPoint(14, "decline", "loyal_price", ("transactions",), "base_year", ("same", "more"), "more", "same",
                optional_input=True),
)


def first_year(con: duckdb.DuckDBPyConnection, dataset_id: int) -> pd.DataFrame:
    """What each customer met in the year after the first purchase (follow-up contact, surveys,
    marketing) and whether they were lost in it: the frame the first-year danger points compare,
    the same at every as-of date (columns: lib/queries/lifecycle_first_year.sql; about 30 bytes a
    customer)."""
    df = db.run_query(con, load("lifecycle_first_year"), {"dataset_id": dataset_id})
    return df.astype({"cidx": "int32", "combo": "int32", "lost_year1": bool})


def evidence(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, filters: Filters,
             stage_frame: pd.DataFrame | None = None, start_frame: pd.DataFrame | None = None,
             exposure_frame: pd.DataFrame | None = None, first_year_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every comparison's groups: comparison, grp, customers, lost, rate, low, high (95 % Wilson
    interval), order (the group's place in its comparison), family.

    ``stage_frame`` holds the stages at ``as_of``, ``start_frame`` those 12 months earlier
    (``months_back(as_of, 12)``) and ``exposure_frame`` :func:`exposures` at ``as_of``; without
    the last two only the first-year comparisons are made. ``first_year_frame``:
    :func:`first_year`, when the caller keeps it (else it is worked out here).
    """
    picked_frame = picked(con, dataset_id, filters)
    if first_year_frame is None:
        first_year_frame = first_year(con, dataset_id)
    first = db.run_query(con, load("lifecycle_evidence_first_year"), {"as_of": as_of},
                         lc_first_year=first_year_frame, lc_picked=picked_frame)
    frames = [first.assign(family="first_year")]
    if stage_frame is not None and exposure_frame is not None and start_frame is not None:
        base = db.run_query(con, load("lifecycle_evidence_base"),
                            lc_stages=stage_frame[["cidx", "combo", "lost_12m"]], lc_start=start_frame[["cidx", "stage"]],
                            lc_exposures=exposure_frame, lc_picked=picked_frame)
        frames.append(base.assign(family="base_year"))
    df = pd.concat(frames, ignore_index=True).astype({"customers": "int64", "lost": "int64"})
    intervals = [wilson(int(k), int(n)) for k, n in zip(df["lost"], df["customers"])]
    df["rate"] = np.where(df["customers"] > 0, df["lost"] / df["customers"].where(df["customers"] > 0, 1), np.nan)
    df["low"] = [lo for lo, _ in intervals]
    df["high"] = [hi for _, hi in intervals]
    orders = {p.comparison: {g: i for i, g in enumerate(p.groups)} for p in DANGER_POINTS if p.comparison}
    df["order"] = [orders.get(c, {}).get(g, 100 if g == "none" else 50) for c, g in zip(df["comparison"], df["grp"])]
    return df.sort_values(["comparison", "order", "grp"]).reset_index(drop=True)


def point_evidence(point: DangerPoint, evidence_frame: pd.DataFrame,
                   avail: db.Available) -> tuple[str, pd.DataFrame]:
    """The state of one danger point's evidence (:func:`evidence`) and its groups, given what the
    dataset holds (:func:`lib.db.available`).

    State: 'no_format' (the data format cannot show it), 'missing' (an input table it needs is
    empty), 'no_rows' (a point with ``optional_input``: the tables are there, but no customer has
    what the comparison looks at, e.g. no manager_change events or no quantities: the point's
    ``needs`` text names the input), 'too_little' (fewer than :data:`MIN_CUSTOMERS` customers in
    every group but one, or none at all: narrow filters or an early as-of date), or 'ok'.
    """
    empty = evidence_frame.iloc[0:0]
    if point.comparison is None:
        return "no_format", empty
    if not avail.has(*point.needs):
        return "missing", empty
    rows = evidence_frame.loc[evidence_frame["comparison"] == point.comparison]
    if rows["customers"].sum() == 0 and point.optional_input:
        return "no_rows", rows
    if (rows["customers"] >= MIN_CUSTOMERS).sum() < 2:
        return "too_little", rows
    return "ok", rows


@dataclass(frozen=True)
class Finding:
    """The test of one danger point's groups and what it says about the article's claim.

    ``test`` is 'fisher' (two groups: Fisher's exact test) or 'chi2' (more: chi-square test of
    independence of group and loss, ``scipy.stats.chi2_contingency`` without continuity
    correction), over the groups with at least :data:`MIN_CUSTOMERS` customers; ``verdict`` is
    'supports' or 'contradicts' (the groups differ, p < :data:`lib.stats.ALPHA`, and the group the
    article expects to lose most lost more, or less, than the one it expects to lose least),
    'differs' (they differ, the article names no direction), 'unclear' (could be chance) or
    'none' (no test: fewer than two groups, or nobody or everybody lost).
    """

    test: str
    statistic: float
    df: int
    p_value: float
    verdict: str
    #: the loss rates of the groups the article expects to lose most and least (None: not tested)
    worse_rate: float | None = None
    better_rate: float | None = None


def finding(point: DangerPoint, rows: pd.DataFrame) -> Finding:
    """Test ``rows`` (the point's groups from :func:`evidence`) and read the article's claim off
    them (see :class:`Finding`).

    Examples
    --------
    >>> p = next(q for q in DANGER_POINTS if q.number == 6)
    >>> rows = pd.DataFrame({"grp": ["no", "yes"], "customers": [500, 100], "lost": [50, 30]})
    >>> f = finding(p, rows); f.test, f.verdict, f.worse_rate
    ('fisher', 'supports', 0.3)
    """
    from scipy import stats as sps  # here, not on import: lib.derived imports this module

    ok = rows.loc[rows["customers"] >= MIN_CUSTOMERS].set_index("grp")
    k, n = ok["lost"].to_numpy(dtype=int), ok["customers"].to_numpy(dtype=int)
    if len(ok) < 2 or k.sum() == 0 or k.sum() == n.sum():
        return Finding("none", float("nan"), 0, float("nan"), "none")
    if len(ok) == 2:
        test, stat, dof = "fisher", float("nan"), 1
        p = float(sps.fisher_exact([[k[0], n[0] - k[0]], [k[1], n[1] - k[1]]]).pvalue)
    else:
        res = sps.chi2_contingency(np.vstack([k, n - k]), correction=False)
        test, stat, dof, p = "chi2", float(res.statistic), int(res.dof), float(res.pvalue)
    rates = ok["lost"] / ok["customers"]
    worse = float(rates[point.worse]) if point.worse in ok.index else None
    better = float(rates[point.better]) if point.better in ok.index else None
    if not p < ALPHA:
        verdict = "unclear"
    elif worse is None or better is None:
        verdict = "differs"
    else:
        verdict = "supports" if worse > better else "contradicts"
    return Finding(test, stat, dof, p, verdict, worse, better)


# --- exposures ------------------------------------------------------------------------------------

def exposures(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """What each customer met in the 12 months before the last 12: cidx, competitor, disputes,
    complaints, outbound, manager_changes, invoices_judged, invoice_jumps, jumps_contested,
    price_index (see lib/queries/lifecycle_exposures.sql)."""
    w12, w24 = window_starts(as_of)
    df = db.run_query(con, load("lifecycle_exposures"), {"dataset_id": dataset_id, "w12": w12, "w24": w24})
    return df.astype({"cidx": "int32"})


# --- the numbered points on the lifecycle chart ----------------------------------------------------

def marker_positions(lay: Layout, width_px: int = 1100) -> pd.DataFrame:
    """Where the numbered danger points sit: number, phase (the band they are drawn in), x, row.

    Evenly spaced inside their phase's band; a point whose phase has no band (a short history)
    goes to the nearest later band, else the nearest earlier one. Where neighbours would be
    closer than about 26 pixels, they alternate between two rows.

    Examples
    --------
    >>> from lib.lifecycle.curves import layout
    >>> c = pd.DataFrame({"age": range(12), "customers": 100,
    ...                   "value": [9, 4, 5, 6, 8, 10, 10, 10, 9.5, 8, 7, 6]})
    >>> m = marker_positions(layout(c))
    >>> m.loc[m["number"] == 1, "x"].item() < 0 < m.loc[m["number"] == 7, "x"].item()
    True
    """
    bands = {p.name: p for p in lay.phases}
    x_min, x_max = min(p.start for p in lay.phases), max(p.end for p in lay.phases)
    per_month = width_px / max(x_max - x_min, 1.0)
    placed: dict[str, list[int]] = {}
    for point in DANGER_POINTS:
        i = PHASES.index(point.phase)
        candidates = [q for q in PHASES[i:] if q in bands] or [q for q in reversed(PHASES[:i]) if q in bands]
        placed.setdefault(candidates[0], []).append(point.number)
    rows = []
    for name, members in placed.items():
        band = bands[name]
        step = (band.end - band.start) / (len(members) + 1)
        crowded = step * per_month < 26
        for k, number in enumerate(members):
            rows.append({"number": number, "phase": name, "x": band.start + step * (k + 1),
                         "row": (k % 2) if crowded else 0})
    return pd.DataFrame(rows).sort_values("number", ignore_index=True)
