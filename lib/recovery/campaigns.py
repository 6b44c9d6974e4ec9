"""Steps 3 and 4 of win-back: the win-back contacts, what each measure and campaign achieved and
whether it beat its control group, and the plain-words summary of a period.

A **win-back** is a purchase within N days after a win-back contact (default :data:`DEFAULT_N`);
only contacts whose N days have passed by the as-of date are counted. The **uplift** is the
treatment rate minus the control rate (:func:`lib.stats.uplift`: Newcombe interval, Fisher's exact
test); incremental win-backs are ``uplift x treated contacts`` and incremental revenue is that
times the mean revenue of a won-back treated customer in the 12 months after the return, so the
effect is never read off raw win-backs. Query: ``recovery_contacts``.

**Many tests at once.** A table of campaigns (or measures) runs one Fisher test per row; with
several rows one of them comes out below 0.05 by chance alone far more often than one time in
twenty. Every such table therefore also carries Holm's adjusted p-value (:func:`lib.stats.holm`
over the rows of that table) and the verdict reads that one. The **pooled** effect
(:func:`pooled`) asks the other question - is there an effect across the campaigns at all? - with
the campaigns as strata: the Mantel-Haenszel uplift and the exact stratified test
(:func:`lib.stats.stratified_exact`), which compares treatment and control only within each
campaign and reduces to the rows' Fisher test when there is one campaign. The two answers can
differ (small campaigns each too small to show an effect that shows once they are pooled, or
one strong campaign diluted by the others); :func:`reading` names the combination so the page
says it in words instead of contradicting itself.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from lib import db, lifecycle
from lib.queries import load
from lib.recovery.causes import losses_in
from lib.recovery.losses import Base, as_datetimes, reason_key
from lib.stats import ALPHA, Rate, Uplift, holm, mh_uplift, rate, stratified_exact, uplift, wilson

#: Default number of days after a contact within which a purchase counts as a win-back.
DEFAULT_N = 90
#: A rate from fewer contacts than this is marked "too few contacts" (heatmap cells).
MIN_CELL = 30


def _days(a: pd.Series, b) -> np.ndarray:
    """Whole days from ``b`` to ``a`` (float, nan where missing)."""
    return ((pd.to_datetime(a) - pd.to_datetime(b)).dt.days).to_numpy(dtype=float)


#: The contacts frame of a dataset without a win-back table (the columns :func:`contacts` returns).
EMPTY_CONTACTS = pd.DataFrame({
    "contact_id": pd.Series(dtype="int64"), "customer_id": pd.Series(dtype=object),
    "date": pd.Series(dtype="datetime64[ns]"), "campaign": pd.Series(dtype=object),
    "measure": pd.Series(dtype=object), "grp": pd.Series(dtype=object), "cost": pd.Series(dtype=float),
    "reason": pd.Series(dtype=object), "kind": pd.Series(dtype=object),
    "return_date": pd.Series(dtype="datetime64[ns]"), "revenue_after": pd.Series(dtype=float),
    "after_days": pd.Series(dtype="Int64"), "contact_no": pd.Series(dtype="int32"),
    "is_last": pd.Series(dtype=bool), "cidx": pd.Series(dtype="Int64"),
    "reason_key": pd.Series(dtype=object),
})


def contacts(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """Every win-back contact up to ``as_of`` with what followed it (recovery_contacts.sql) plus
    ``reason_key`` of the loss it is about."""
    df = db.run_query(con, load("recovery_contacts"), {"dataset_id": dataset_id, "as_of": as_of})
    df = as_datetimes(df, "date", "return_date")
    df["reason_key"] = reason_key(df["reason"], df["kind"].fillna("inactive"))
    return df


def outcomes(frame: pd.DataFrame, n_days: int, as_of: date) -> pd.DataFrame:
    """The contacts with ``mature`` (their ``n_days`` ended by ``as_of``), ``won`` (a purchase
    within ``n_days`` after the contact) and ``days_to_return``."""
    out = frame.copy()
    days = _days(out["return_date"], out["date"])
    out["days_to_return"] = days
    out["mature"] = (out["date"] + pd.Timedelta(days=int(n_days))) <= pd.Timestamp(as_of)
    out["won"] = np.nan_to_num(days, nan=np.inf) <= n_days
    return out


def in_period(frame: pd.DataFrame, start: date, end: date, campaigns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Contacts dated in [start, end], of the given campaigns (all when empty)."""
    d = frame["date"]
    keep = (d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))
    if campaigns:
        keep &= frame["campaign"].isin(campaigns)
    return frame[keep]


@dataclass(frozen=True)
class Effect:
    """What a campaign, measure or cell achieved; see :func:`effects` for the columns."""

    contacts: int
    pending: int
    control_contacts: int  # all control contacts, also those whose window is still open
    treated: Rate
    control: Rate | None
    uplift: Uplift | None
    cost: float
    revenue: float
    median_days: float

    @property
    def cost_per_win(self) -> float:
        return self.cost / self.treated.k if self.treated.k else math.nan

    @property
    def revenue_per_win(self) -> float:
        return self.revenue / self.treated.k if self.treated.k else math.nan

    @property
    def incremental_wins(self) -> float:
        return self.uplift.diff * self.treated.n if self.uplift else math.nan

    @property
    def incremental_revenue(self) -> float:
        """Uplift x treated contacts x mean 12-month revenue of a won-back treated customer."""
        if not self.uplift:
            return math.nan
        per_win = self.revenue_per_win
        return self.incremental_wins * per_win if per_win == per_win else 0.0

    def incremental_interval(self) -> tuple[float, float]:
        """The uplift interval carried through to incremental revenue (the mean revenue per
        win-back taken as known)."""
        if not self.uplift or not self.treated.k:
            return (math.nan, math.nan)
        scale = self.treated.n * self.revenue_per_win
        return (self.uplift.lo * scale, self.uplift.hi * scale)

    @property
    def roi(self) -> float:
        """(incremental revenue - cost) / cost, on revenue (no margin data)."""
        if not self.uplift or self.cost <= 0:
            return math.nan
        return (self.incremental_revenue - self.cost) / self.cost


def effect(frame: pd.DataFrame) -> Effect:
    """The :class:`Effect` of the contacts in ``frame`` (with :func:`outcomes` columns): rates over
    the mature contacts, cost and revenue of the mature treated contacts."""
    mature = frame[frame["mature"]]
    t = mature[mature["grp"] == "treatment"]
    c = mature[mature["grp"] == "control"]
    won_t = t[t["won"]]
    treated = rate(int(won_t.shape[0]), int(t.shape[0]))
    control = rate(int(c["won"].sum()), int(c.shape[0])) if len(c) else None
    up = uplift(treated.k, treated.n, control.k, control.n) if control is not None else None
    days = won_t["days_to_return"].to_numpy(dtype=float)
    return Effect(int(len(frame)), int((~frame["mature"]).sum()), int((frame["grp"] == "control").sum()),
                  treated, control, up,
                  float(t["cost"].sum()), float(won_t["revenue_after"].sum()),
                  float(np.median(days)) if days.size else math.nan)


def effects(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """One row per value of ``by`` (e.g. ('campaign',), ('measure',); () for the total) with the
    :class:`Effect` flattened: contacts, pending, control_contacts, n_t, k_t, rate_t, lo_t, hi_t, n_c, k_c, rate_c,
    lo_c, hi_c, has_control, uplift, up_lo, up_hi, p_value, p_holm, cost, cost_per_win, revenue,
    revenue_per_win, incr_wins, incr_revenue, incr_lo, incr_hi, roi, median_days.

    ``p_holm`` is Holm's adjustment of ``p_value`` over the rows of this table that have a test
    (the rows are read side by side, so they are one family of tests)."""
    groups = [((), frame)] if not by else list(frame.groupby(list(by), observed=True, sort=True))
    rows = []
    for keys, group in groups:
        e = effect(group)
        keys = keys if isinstance(keys, tuple) else (keys,)
        lo, hi = e.incremental_interval()
        u, c = e.uplift, e.control
        rows.append({
            **dict(zip(by, keys)), "contacts": e.contacts, "pending": e.pending, "control_contacts": e.control_contacts,
            "n_t": e.treated.n, "k_t": e.treated.k, "rate_t": e.treated.p, "lo_t": e.treated.lo, "hi_t": e.treated.hi,
            "n_c": c.n if c else 0, "k_c": c.k if c else 0, "rate_c": c.p if c else math.nan,
            "lo_c": c.lo if c else math.nan, "hi_c": c.hi if c else math.nan,
            "has_control": u is not None,
            "uplift": u.diff if u else math.nan, "up_lo": u.lo if u else math.nan, "up_hi": u.hi if u else math.nan,
            "p_value": u.p_value if u else math.nan, "p_holm": math.nan,
            "cost": e.cost, "cost_per_win": e.cost_per_win, "revenue": e.revenue, "revenue_per_win": e.revenue_per_win,
            "incr_wins": e.incremental_wins, "incr_revenue": e.incremental_revenue, "incr_lo": lo, "incr_hi": hi,
            "roi": e.roi, "median_days": e.median_days,
        })
    cols = [*by, "contacts", "pending", "control_contacts", "n_t", "k_t", "rate_t", "lo_t", "hi_t", "n_c", "k_c",
            "rate_c", "lo_c",
            "hi_c", "has_control", "uplift", "up_lo", "up_hi", "p_value", "p_holm", "cost", "cost_per_win", "revenue",
            "revenue_per_win", "incr_wins", "incr_revenue", "incr_lo", "incr_hi", "roi", "median_days"]
    out = pd.DataFrame(rows, columns=cols)
    out["p_holm"] = holm(out["p_value"].to_numpy(dtype=float))
    return out


@dataclass(frozen=True)
class Pooled:
    """The effect over several campaigns at once, each campaign a stratum: ``strata`` campaigns
    with mature contacts in both groups (``left_out`` campaigns without such a control group do
    not take part), their ``treated`` and ``control`` rates added up, the Mantel-Haenszel
    ``uplift`` (each campaign's uplift weighted by n_t n_c / (n_t + n_c)) and the two-sided
    ``p_value`` of the exact stratified test (:func:`lib.stats.stratified_exact`)."""

    strata: int
    left_out: int
    treated: Rate
    control: Rate
    uplift: float
    p_value: float
    cost: float = 0.0  # of the mature treated contacts in these campaigns
    revenue: float = 0.0  # 12 months after the return, of their win-backs

    @property
    def incremental_revenue(self) -> float:
        """Uplift x treated contacts x mean 12-month revenue of a won-back treated customer, as
        :attr:`Effect.incremental_revenue` but with the pooled uplift."""
        per_win = self.revenue / self.treated.k if self.treated.k else 0.0
        return self.uplift * self.treated.n * per_win

    @property
    def roi(self) -> float:
        """(incremental revenue - cost) / cost, on revenue (NaN without cost)."""
        return (self.incremental_revenue - self.cost) / self.cost if self.cost > 0 else math.nan


def pooled(frame: pd.DataFrame, by: str = "campaign") -> Pooled | None:
    """The :class:`Pooled` effect of the mature contacts in ``frame`` (with :func:`outcomes`
    columns) with the values of ``by`` as strata; None when no stratum has both groups."""
    mature = frame[frame["mature"]]
    if mature.empty:
        return None
    g = (mature.groupby([by, "grp"], observed=True)["won"].agg(["sum", "count"]).unstack("grp", fill_value=0))
    cols = {(stat, grp): g[(stat, grp)] if (stat, grp) in g.columns else 0
            for stat in ("sum", "count") for grp in ("treatment", "control")}
    tables = pd.DataFrame({"k_t": cols[("sum", "treatment")], "n_t": cols[("count", "treatment")],
                           "k_c": cols[("sum", "control")], "n_c": cols[("count", "control")]},
                          index=g.index).astype(int)
    both = tables[(tables["n_t"] > 0) & (tables["n_c"] > 0)]
    if both.empty:
        return None
    left_out = int(frame[by].nunique()) - len(both)  # no control group, or its window still open
    arr = both[["k_t", "n_t", "k_c", "n_c"]].to_numpy()
    treated = mature[(mature["grp"] == "treatment") & mature[by].isin(both.index)]
    return Pooled(len(both), max(left_out, 0), rate(int(both["k_t"].sum()), int(both["n_t"].sum())),
                  rate(int(both["k_c"].sum()), int(both["n_c"].sum())), mh_uplift(arr), stratified_exact(arr),
                  float(treated["cost"].sum()), float(treated.loc[treated["won"], "revenue_after"].sum()))


#: How the pooled test and the corrected per-row tests read together (see :func:`reading`).
READINGS = ("both", "pooled_only", "rows_only", "neither")


def reading(pooled_p: float, row_p_holm) -> str | None:
    """Which of :data:`READINGS` the pooled p-value and the rows' Holm-adjusted p-values make,
    each judged at :data:`lib.stats.ALPHA`: ``both`` (pooled and at least one row), ``pooled_only``
    (the effect shows only when pooled), ``rows_only`` (a row shows one the pooled test does not)
    or ``neither``; None without a pooled test or without a row with a test.

    Examples
    --------
    >>> reading(0.005, [0.59, 0.28, 0.07]), reading(0.005, [0.01, 0.3]), reading(0.2, [0.04, 0.9])
    ('pooled_only', 'both', 'rows_only')
    >>> reading(0.2, [0.5]), reading(float("nan"), [0.01]), reading(0.01, [float("nan")])
    ('neither', None, None)
    """
    rows = np.asarray(row_p_holm, dtype=float)
    rows = rows[np.isfinite(rows)]
    if not np.isfinite(pooled_p) or rows.size == 0:
        return None
    pooled_sig, row_sig = pooled_p < ALPHA, bool((rows < ALPHA).any())
    if pooled_sig:
        return "both" if row_sig else "pooled_only"
    return "rows_only" if row_sig else "neither"


def reason_measure(frame: pd.DataFrame, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """The loss reason x measure grid over mature contacts: reason, measure, n_t, k_t, rate_t,
    lo_t, hi_t (95 % Wilson interval), n_c, k_c, rate_c, lo_c, hi_c, uplift, enough (at least
    ``min_cell`` treated contacts)."""
    mature = frame[frame["mature"]]
    if mature.empty:
        return pd.DataFrame(columns=["reason", "measure", "n_t", "k_t", "rate_t", "lo_t", "hi_t", "n_c", "k_c",
                                     "rate_c", "lo_c", "hi_c", "uplift", "enough"])
    g = mature.groupby(["reason_key", "measure", "grp"], observed=True)["won"].agg(["sum", "count"]).unstack("grp")
    g.columns = [f"{a}_{b}" for a, b in g.columns]
    g = g.reset_index().rename(columns={"reason_key": "reason"})
    for col in ("sum_treatment", "count_treatment", "sum_control", "count_control"):
        if col not in g:
            g[col] = 0
    g = g.fillna(0)
    out = pd.DataFrame({"reason": g["reason"], "measure": g["measure"],
                        "n_t": g["count_treatment"].astype(int), "k_t": g["sum_treatment"].astype(int),
                        "n_c": g["count_control"].astype(int), "k_c": g["sum_control"].astype(int)})
    out["rate_t"] = np.where(out["n_t"] > 0, out["k_t"] / out["n_t"].where(out["n_t"] > 0, 1), np.nan)
    out["lo_t"], out["hi_t"] = wilson(out["k_t"].to_numpy(), out["n_t"].to_numpy())
    out["rate_c"] = np.where(out["n_c"] > 0, out["k_c"] / out["n_c"].where(out["n_c"] > 0, 1), np.nan)
    out["lo_c"], out["hi_c"] = wilson(out["k_c"].to_numpy(), out["n_c"].to_numpy())
    out["uplift"] = out["rate_t"] - out["rate_c"]
    out["enough"] = out["n_t"] >= min_cell
    return out[out["n_t"] > 0].reset_index(drop=True)


def cumulative_wins(frame: pd.DataFrame, n_days: int) -> pd.DataFrame:
    """Share of mature contacts won back by each day 0..``n_days`` after the contact, per group:
    day, grp, share (at most 2 x (n_days + 1) rows)."""
    mature = frame[frame["mature"]]
    rows = []
    for grp, g in mature.groupby("grp"):
        d = g["days_to_return"].to_numpy(dtype=float)
        d = np.sort(d[np.isfinite(d) & (d <= n_days)])
        days = np.arange(n_days + 1)
        rows.append(pd.DataFrame({"day": days, "grp": grp, "share": np.searchsorted(d, days, side="right") / len(g)}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["day", "grp", "share"])


@dataclass(frozen=True)
class Summary:
    """The numbers of the plain-words summary at the top of the page."""

    start: date
    end: date
    lost: int
    cancellations: int
    lost_revenue: float
    contacted: int
    effect: Effect | None
    pooled: Pooled | None = None  # over the campaigns with a control group, campaigns as strata
    tested: int = 0  # campaigns with a test of their own (a mature control group)
    significant: int = 0  # of those, campaigns with a Holm-adjusted p-value below ALPHA
    reading: str | None = None  # :func:`reading` of the pooled test and the campaigns' tests


def summary(b: Base, frame: pd.DataFrame | None, start: date, end: date) -> Summary:
    """Losses in [start, end] and the win-back contacts made in it (``frame`` with
    :func:`outcomes` columns, already limited to the period; None without a win-back table),
    with the pooled test over the campaigns and how it reads beside the campaigns' own tests
    (the success control's per-campaign table, Holm-adjusted)."""
    lost = losses_in(b, start, end)
    eff = effect(frame) if frame is not None and len(frame) else None
    pool, tested, significant, read = None, 0, 0, None
    if eff is not None:
        pool = pooled(frame)
        rows = effects(frame, ("campaign",))
        adjusted = rows["p_holm"].to_numpy(dtype=float)
        tested, significant = int(np.isfinite(adjusted).sum()), int((adjusted < ALPHA).sum())
        read = reading(pool.p_value, adjusted) if pool is not None else None
    return Summary(start, end, int(len(lost)), int((lost["kind"] == "cancellation").sum()),
                   float(lost["revenue_before"].clip(lower=0).sum()),
                   int(frame["customer_id"].nunique()) if frame is not None else 0, eff, pool, tested, significant,
                   read)


def default_period(as_of: date, first: date) -> tuple[date, date]:
    """The twelve months up to and including the as-of date (not before the first date).

    Examples
    --------
    >>> default_period(date(2025, 12, 31), date(2023, 1, 1))
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    """
    return max(first, lifecycle.months_back(as_of, 12) + timedelta(days=1)), as_of
