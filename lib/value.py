"""Customer value (Kundenwert): historic value, ABC analysis, RFM segments, predicted lifetime
value, and the split into high- and low-value customers with their treatment plan.

Everything here is a pure function of a per-customer frame (:func:`customer_values`) or of the
CLV model (:mod:`lib.clv`); the page caches the results per dataset and as-of date.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from scipy import stats

from lib import clv
from lib.queries import load

# --- historic value --------------------------------------------------------------------------


def customer_values(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """Per customer with a purchase up to ``as_of``: first/last purchase, revenue all time and in
    the last 12 months (returns netted), purchase days, recency and tenure in days, and segment,
    region, acquisition channel and account manager (NULL without a customers table)."""
    return con.execute(load("value_customers"), {"dataset_id": dataset_id, "as_of": as_of}).df()


# --- ABC and concentration -----------------------------------------------------------------------

ABC_LIMITS = (0.80, 0.95)
"""Cumulative revenue shares that close classes A and B (the classic 80/15/5 split)."""


def abc_classes(values: np.ndarray, limits: tuple[float, float] = ABC_LIMITS) -> np.ndarray:
    """'A', 'B' or 'C' per customer: sorted by value, A brings the first ``limits[0]`` of the
    revenue, B up to ``limits[1]``, C the rest. Negative values count as zero.

    The customer whose revenue crosses a limit still belongs to the higher class.

    Examples
    --------
    >>> abc_classes(np.array([50.0, 30, 10, 5, 5])).tolist()
    ['A', 'A', 'B', 'B', 'C']
    """
    v = np.clip(np.asarray(values, dtype=float), 0, None)
    out = np.full(v.shape, "C", dtype=object)
    total = v.sum()
    if total <= 0:
        return out
    order = np.argsort(-v, kind="stable")
    before = (np.cumsum(v[order]) - v[order]) / total  # share reached before this customer
    cls = np.where(before < limits[0], "A", np.where(before < limits[1], "B", "C"))
    out[order] = cls
    return out


def lorenz(values: np.ndarray, points: int = 200) -> pd.DataFrame:
    """The Lorenz curve: customers sorted from the highest value down, cumulative share of
    customers against cumulative share of revenue, at most ``points + 1`` rows.

    Examples
    --------
    >>> lorenz(np.array([1.0, 1, 1, 1]), points=4)["revenue_share"].round(2).tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    v = np.sort(np.clip(np.asarray(values, dtype=float), 0, None))[::-1]
    n = v.size
    if n == 0 or v.sum() <= 0:
        return pd.DataFrame({"customer_share": [0.0, 1.0], "revenue_share": [0.0, 1.0]})
    cum = np.concatenate([[0.0], np.cumsum(v) / v.sum()])
    idx = np.unique(np.linspace(0, n, min(points, n) + 1).round().astype(int))
    return pd.DataFrame({"customer_share": idx / n, "revenue_share": cum[idx]})


def gini(values: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Gini coefficient of the (non-negative) values: 0 = everyone equal, 1 = one has all.

    ``weights`` (whole numbers, one per value) count each value that many times, as if it were
    repeated: ``gini(v, w) == gini(np.repeat(v, w))`` without building the repeated array (the
    comparison page's bootstrap draws such counts).

    Examples
    --------
    >>> round(gini(np.array([0.0, 0, 0, 10])), 3), gini(np.array([2.0, 2, 2]))
    (0.75, 0.0)
    >>> round(gini(np.array([0.0, 10]), np.array([3, 1])), 3)
    0.75
    """
    v = np.clip(np.asarray(values, dtype=float), 0, None)
    if weights is None:
        v = np.sort(v)
        n = v.size
        if n == 0 or v.sum() <= 0:
            return 0.0
        ranks = np.arange(1, n + 1)
        return float((2 * np.sum(ranks * v) / (n * v.sum())) - (n + 1) / n)
    order = np.argsort(v, kind="stable")
    v, w = v[order], np.asarray(weights, dtype=float)[order]
    n, total = w.sum(), np.sum(v * w)
    if n == 0 or total <= 0:
        return 0.0
    # the ranks a value repeated w times takes in the sorted whole: end - w + 1 .. end, mean end - (w - 1) / 2
    end = np.cumsum(w)
    return float(2 * np.sum(v * w * (end - (w - 1) / 2)) / (n * total) - (n + 1) / n)


def top_share(values: np.ndarray, fraction: float) -> float:
    """Share of revenue brought by the top ``fraction`` of customers (by value).

    Examples
    --------
    >>> top_share(np.array([70.0, 10, 10, 5, 5]), 0.2)
    0.7
    """
    v = np.sort(np.clip(np.asarray(values, dtype=float), 0, None))[::-1]
    if v.size == 0 or v.sum() <= 0:
        return 0.0
    k = max(1, int(round(fraction * v.size)))
    return float(v[:k].sum() / v.sum())


@dataclass(frozen=True)
class Concentration:
    """Everything the historic-value view shows for one value basis, computed once."""

    total: float
    median: float
    gini: float
    lorenz: pd.DataFrame
    abc: pd.DataFrame            # class, customers, revenue
    cumulative: np.ndarray       # revenue share of the top k customers, k = 0..n (non-negative values)

    def top_share(self, fraction: float) -> float:
        """Share of revenue of the top ``fraction`` of customers (as :func:`top_share`)."""
        n = self.cumulative.size - 1
        return float(self.cumulative[max(1, int(round(fraction * n)))]) if n else 0.0


def concentration(values: pd.DataFrame, basis: str) -> Concentration:
    """:class:`Concentration` of column ``basis`` (revenue_12m or revenue_all) of the values."""
    v = values[basis].to_numpy(dtype=float)
    classes = abc_classes(v)
    abc = (pd.DataFrame({"abc": classes, "v": v}).groupby("abc")["v"].agg(["size", "sum"])
           .reindex(["A", "B", "C"], fill_value=0).reset_index())
    pos = np.sort(np.clip(v, 0, None))[::-1]
    cumulative = np.concatenate([[0.0], np.cumsum(pos) / pos.sum()]) if pos.sum() > 0 else np.zeros(v.size + 1)
    return Concentration(float(v.sum()), float(np.median(v)) if v.size else 0.0, gini(v), lorenz(v), abc, cumulative)


# --- RFM ---------------------------------------------------------------------------------------

RFM_SEGMENTS = ("champions", "loyal", "potential_loyalists", "new", "need_attention", "at_risk",
                "cant_lose", "hibernating", "lost")


@dataclass(frozen=True)
class RfmCuts:
    """Four ascending cut points per dimension; values at or below the first cut score 1
    (recency is reversed: the most recent customers score 5)."""

    recency: tuple[float, float, float, float]
    frequency: tuple[float, float, float, float]
    monetary: tuple[float, float, float, float]


def default_cuts(values: pd.DataFrame) -> RfmCuts:
    """Quintile cut points (20/40/60/80 %) of recency days, purchase days and revenue (12 months
    for frequency and monetary, so old history does not dominate)."""
    q = [0.2, 0.4, 0.6, 0.8]

    def cuts(series: pd.Series) -> tuple[float, ...]:
        if series.empty:
            return (0.0, 0.0, 0.0, 0.0)
        return tuple(float(x) for x in np.quantile(series.to_numpy(dtype=float), q))

    return RfmCuts(cuts(values["recency_days"]), cuts(values["orders_12m"]), cuts(values["revenue_12m"]))


def _score(values: np.ndarray, cuts: tuple[float, ...]) -> np.ndarray:
    return (1 + np.searchsorted(np.asarray(cuts, dtype=float), values, side="left")).astype(np.int8)


def rfm_scores(values: pd.DataFrame, cuts: RfmCuts) -> pd.DataFrame:
    """Scores r, f, m (1-5) and the named segment per customer.

    Segments, first match wins (FM = the rounded mean of f and m):
    champions R>=4 & FM>=4; new R>=4 & F=1; loyal R>=3 & FM>=3; potential loyalists R>=4;
    need attention R=3; can't lose them R<=2 & FM>=4; at risk R<=2 & FM=3; hibernating R=2;
    lost R=1.
    """
    r = (6 - _score(values["recency_days"].to_numpy(dtype=float), cuts.recency)).astype(np.int8)
    f = _score(values["orders_12m"].to_numpy(dtype=float), cuts.frequency)
    m = _score(values["revenue_12m"].to_numpy(dtype=float), cuts.monetary)
    return pd.DataFrame({"customer_id": values["customer_id"].to_numpy(), "r": r, "f": f, "m": m,
                         "segment": rfm_segment(r, f, m)})


def rfm_segment(r: np.ndarray, f: np.ndarray, m: np.ndarray) -> np.ndarray:
    """The named segment for score arrays (see :func:`rfm_scores`).

    Examples
    --------
    >>> rfm_segment(np.array([5, 5, 3, 1]), np.array([5, 1, 2, 1]), np.array([5, 3, 2, 1])).tolist()
    ['champions', 'new', 'need_attention', 'lost']
    """
    r, f, m = (np.asarray(a, dtype=int) for a in (r, f, m))
    fm = np.floor((f + m) / 2 + 0.5).astype(int)
    conditions = [
        (r >= 4) & (fm >= 4), (r >= 4) & (f == 1), (r >= 3) & (fm >= 3), r >= 4, r == 3,
        (r <= 2) & (fm >= 4), (r <= 2) & (fm == 3), r == 2,
    ]
    choices = ["champions", "new", "loyal", "potential_loyalists", "need_attention", "cant_lose",
               "at_risk", "hibernating"]
    return np.select(conditions, choices, default="lost").astype(object)


def migration(before: pd.DataFrame, after: pd.DataFrame, order: tuple[str, ...] = RFM_SEGMENTS,
              new_label: str = "not_yet_customer") -> pd.DataFrame:
    """Segment migration: rows = segment at the earlier date (``new_label`` for customers who
    did not exist yet), columns = segment at the later date; long format with ``count`` and the
    row percentage ``row_share``."""
    merged = after[["customer_id", "segment"]].merge(
        before[["customer_id", "segment"]], on="customer_id", how="left", suffixes=("_to", "_from"))
    merged["segment_from"] = merged["segment_from"].fillna(new_label)
    counts = merged.groupby(["segment_from", "segment_to"]).size().rename("count").reset_index()
    counts["row_share"] = counts["count"] / counts.groupby("segment_from")["count"].transform("sum")
    rank = {s: i for i, s in enumerate((new_label, *order))}
    return counts.sort_values(["segment_from", "segment_to"], key=lambda s: s.map(rank)).reset_index(drop=True)


def migration_from(data: tuple[pd.DataFrame, pd.DataFrame], cuts: RfmCuts) -> pd.DataFrame:
    """:func:`migration` from the customer values at the earlier date and the scores at the
    later one, both scored with ``cuts``."""
    before_values, after_scores = data
    before = rfm_scores(before_values, cuts) if not before_values.empty else \
        pd.DataFrame({"customer_id": pd.Series(dtype=str), "segment": pd.Series(dtype=object)})
    return migration(before, after_scores)


# --- predicted lifetime value --------------------------------------------------------------------


@dataclass(frozen=True)
class ClvSettings:
    """How CLV is computed: horizon in months, annual discount rate, repeat-purchase model."""

    horizon_months: int = 12
    discount_rate: float = 0.10
    model: str = "bgnbd"


@dataclass(frozen=True)
class ClvModel:
    """The calibration summary up to the as-of date and the fits, or why there are none.

    ``fits`` None: BG/NBD or Gamma-Gamma could not be fitted, ``error`` says why. The
    Pareto/NBD is fitted only by :func:`with_pareto_nbd`; ``pareto_error`` says why it failed.
    """

    summary: clv.CalibrationSummary
    fits: clv.ClvFits | None
    error: str | None = None
    pareto_error: str | None = None

    def error_for(self, model: str) -> str | None:
        """Why CLV with ``model`` ('bgnbd' or 'pareto_nbd') falls back to the naive estimate
        (None: it does not)."""
        if self.fits is None:
            return self.error
        if model not in self.fits.transaction_models:
            return self.pareto_error or "The Pareto/NBD model was not fitted."
        return None


def clv_model(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> ClvModel:
    """Fit BG/NBD and Gamma-Gamma on all history up to ``as_of``: what P(alive) and CLV need
    with the default settings (the value page's default model, the per-customer metrics, the
    score, win-back). :func:`with_pareto_nbd` adds the Pareto/NBD.

    A fit that fails leaves ``fits`` None and says why in ``error``; the predictions then fall
    back to :func:`lib.clv.naive_clv`.
    """
    summary = clv.summary_from_db(con, dataset_id, as_of)
    try:
        return ClvModel(summary, clv.fit_all(summary, pareto_nbd=False))
    except clv.FitError as exc:
        return ClvModel(summary, None, str(exc))


def with_pareto_nbd(model: ClvModel) -> ClvModel:
    """``model`` (of :func:`clv_model`) with the Pareto/NBD fitted too (the value page shows
    all three models). If it fails, the other fits stay and ``pareto_error`` says why."""
    if model.fits is None or model.fits.pareto_nbd is not None or model.pareto_error is not None:
        return model
    try:
        return replace(model, fits=clv.with_pareto_nbd(model.fits, model.summary))
    except clv.FitError as exc:
        return replace(model, pareto_error=str(exc))


def clv_predictions(model: ClvModel, settings: ClvSettings) -> pd.DataFrame:
    """One row per customer: customer_id, p_alive, expected_purchases (over the horizon),
    expected_spend, clv, clv_alive (the CLV if the customer stays: :func:`lib.clv.customer_lifetime_value`
    with ``given_alive``), next_purchase_weeks; ``method`` says 'model' or 'fallback'. The
    fallback's naive CLV ignores churn, so it is its own CLV if the customer stays."""
    s = model.summary
    if model.fits is not None and model.error_for(settings.model) is None:
        table = clv.clv_table(model.fits, s, model=settings.model, horizon=settings.horizon_months,
                              period="month", annual_discount_rate=settings.discount_rate)
        table["method"] = "model"
        return table
    fallback = clv.naive_clv(s.x, s.T, s.monetary, horizon=settings.horizon_months, period="month",
                             annual_discount_rate=settings.discount_rate)
    return pd.DataFrame({
        "customer_id": s.customer_id, "x": s.x, "t_x": s.t_x, "T": s.T, "monetary": s.monetary,
        "p_alive": np.nan, "expected_purchases": np.nan, "expected_spend": s.monetary,
        "clv": fallback, "clv_alive": fallback, "next_purchase_weeks": np.nan, "method": "fallback",
    })


@dataclass(frozen=True)
class Validation:
    """Calibration up to ``calibration_end``, hold-out up to the as-of date."""

    calibration_end: date
    holdout: clv.HoldoutReport | None
    tracking: pd.DataFrame | None
    error: str | None = None


def validation(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, holdout_weeks: int) -> Validation:
    """Fit on the history before the last ``holdout_weeks`` weeks and compare with what happened.

    ``tracking`` has one row per week and series (actual and each model): week_end, series,
    cumulative repeat purchases.
    """
    cal_end = as_of - timedelta(weeks=holdout_weeks)
    summary = clv.summary_from_db(con, dataset_id, cal_end, as_of)
    try:
        fits = clv.fit_all(summary)
    except clv.FitError as exc:
        return Validation(cal_end, None, None, str(exc))
    report = clv.holdout_validation(summary, fits)
    start = con.execute("SELECT min(date) FROM transactions WHERE dataset_id = ?", [dataset_id]).fetchall()[0][0]
    weekly = clv.weekly_repeats_from_db(con, dataset_id, start, cal_end, as_of)
    first = clv.first_purchase_days(summary, start)
    track = clv.cumulative_tracking(fits, first, len(weekly), weekly)
    week_end = [start + timedelta(days=7 * int(w) - 1) for w in track.week]
    frames = [pd.DataFrame({"week_end": week_end, "series": "actual", "value": track.actual})]
    frames += [pd.DataFrame({"week_end": week_end, "series": name, "value": v}) for name, v in track.predicted.items()]
    return Validation(cal_end, report, pd.concat(frames, ignore_index=True))


def enrich(values: pd.DataFrame, predictions: pd.DataFrame, cuts: RfmCuts) -> pd.DataFrame:
    """The customer values with predicted CLV (0 where there is none), RFM segment
    (``segment_rfm``) and ABC class on 12-month revenue: everything the split needs."""
    out = values.merge(predictions[["customer_id", "clv", "p_alive", "expected_purchases", "expected_spend",
                                    "next_purchase_weeks"]], on="customer_id", how="left")
    out["clv"] = out["clv"].fillna(0.0)
    out["segment_rfm"] = rfm_scores(out, cuts)["segment"].to_numpy()
    out["abc"] = abc_classes(out["revenue_12m"].to_numpy(dtype=float))
    return out


# --- high versus low value ---------------------------------------------------------------------

INSTRUMENTS = ("club", "knowhow", "extra_services", "newsletter", "surveys", "beyond_business")
"""The action-plan instruments: customer club with benefits, know-how pool, extra services,
continuous contact (newsletter), regular satisfaction surveys, contact beyond business."""
DEFAULT_PLAN = {
    "high": INSTRUMENTS,
    "low": ("knowhow", "newsletter", "surveys"),
}


@dataclass(frozen=True)
class SplitRule:
    """How customers are split: ``kind`` 'clv_top' (top ``top_pct`` % by CLV), 'abc' (class A)
    or 'rfm' (the RFM ``segments`` listed)."""

    kind: str = "clv_top"
    top_pct: float = 20.0
    segments: tuple[str, ...] = ("champions", "loyal", "cant_lose")


def high_value(frame: pd.DataFrame, rule: SplitRule) -> np.ndarray:
    """Boolean per row of ``frame`` (columns clv, abc, segment): True = high-value group.

    Examples
    --------
    >>> f = pd.DataFrame({"clv": [5.0, 1, 3, 2, 4], "abc": list("ACBCA"), "segment": ["lost"] * 5})
    >>> high_value(f, SplitRule("clv_top", 40)).tolist()
    [True, False, False, False, True]
    """
    if rule.kind == "abc":
        return (frame["abc"] == "A").to_numpy()
    if rule.kind == "rfm":
        return frame["segment"].isin(rule.segments).to_numpy()
    k = int(round(len(frame) * rule.top_pct / 100))
    out = np.zeros(len(frame), dtype=bool)
    if k > 0:
        out[np.argsort(-frame["clv"].to_numpy(dtype=float), kind="stable")[:k]] = True
    return out


@dataclass(frozen=True)
class GroupTest:
    """One profile line: the two groups' figures and the test of their difference."""

    metric: str
    kind: str                # 'numeric' (medians, Mann-Whitney U) or 'categorical' (chi-square)
    high: float | None       # median for numeric metrics
    low: float | None
    statistic: float
    p_value: float
    mix: pd.DataFrame | None = field(default=None, compare=False)  # category shares per group


NUMERIC_METRICS = ("revenue_12m", "orders_12m", "tenure_days", "recency_days", "clv")
CATEGORICAL_METRICS = ("segment", "region", "acquisition_channel")


def compare_groups(frame: pd.DataFrame, high: np.ndarray) -> list[GroupTest]:
    """Test every profile metric between the high- and the low-value group.

    Numeric metrics: two-sided Mann-Whitney U (``scipy.stats.mannwhitneyu``) on the raw values,
    reported with the medians. Categorical metrics: chi-square test of independence
    (``scipy.stats.chi2_contingency``) on the group x category table, with the shares. Metrics
    that are missing or constant, or a group that is empty, are left out.
    """
    high = np.asarray(high, dtype=bool)
    out: list[GroupTest] = []
    if high.all() or not high.any():
        return out
    for metric in NUMERIC_METRICS:
        if metric not in frame:
            continue
        values = frame[metric].to_numpy(dtype=float)
        a, b = values[high], values[~high]
        a, b = a[np.isfinite(a)], b[np.isfinite(b)]
        if a.size == 0 or b.size == 0 or np.ptp(np.concatenate([a, b])) == 0:
            continue
        res = stats.mannwhitneyu(a, b, alternative="two-sided")
        out.append(GroupTest(metric, "numeric", float(np.median(a)), float(np.median(b)),
                             float(res.statistic), float(res.pvalue)))
    for metric in CATEGORICAL_METRICS:
        if metric not in frame or frame[metric].isna().all():
            continue
        cats = frame[metric].fillna("—").astype(str)
        table = pd.crosstab(np.where(high, "high", "low"), cats)
        if table.shape[1] < 2:
            continue
        chi2, p, _, _ = stats.chi2_contingency(table.to_numpy())
        mix = (table.T / table.sum(axis=1)).reset_index(names="category")
        out.append(GroupTest(metric, "categorical", None, None, float(chi2), float(p), mix))
    return out


def treatment_list(frame: pd.DataFrame, high: np.ndarray, plan: dict[str, tuple[str, ...]],
                   labels: dict[str, str], group_labels: dict[str, str]) -> pd.DataFrame:
    """The export: one row per customer with group and recommended instruments (translated)."""
    high = pd.Series(np.asarray(high, dtype=bool), index=frame.index)
    recommended = {g: ", ".join(labels[i] for i in plan.get(g, ())) for g in ("high", "low")}
    cols = ["customer_id", "clv", "revenue_12m"] + [c for c in ("segment", "region", "account_manager") if c in frame]
    out = frame[cols].copy()
    out["clv"] = out["clv"].round(2)
    out["revenue_12m"] = out["revenue_12m"].round(2)
    out.insert(1, "group", high.map({True: group_labels["high"], False: group_labels["low"]}))
    out.insert(4, "treatment", high.map({True: recommended["high"], False: recommended["low"]}))
    return out.sort_values("clv", ascending=False, kind="stable").reset_index(drop=True)
