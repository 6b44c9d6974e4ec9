"""Customer win-back (Kundenrückgewinnung) in five steps: who was lost or is sleeping and what they
were worth, why they left, what the win-back measures achieved against their control groups,
whether won-back customers stay (second loyalty), and the after-sales view.

It owns the ``recovery_*`` queries and the statistics of the page: Wilson intervals, the Newcombe
interval of an uplift with Fisher's exact test. Kaplan-Meier curves and the log-rank test come from
:mod:`lib.survival` (shared with the risk page).

Stage definitions are the lifecycle page's, used read-only: the rule text of
``lib/queries/lifecycle_stage_rule.sql`` classifies this module's own inputs, the returns are
``lifecycle_returns.sql`` (the lifecycle page's "won back"), and everything reads the lifecycle
derived tables (``lifecycle_days``, ``lifecycle_churn``, ``lifecycle_gaps``, ``lifecycle_customers``,
built by :func:`lib.lifecycle.ensure_derived`). CLV comes from :mod:`lib.value`. The early-warning
signals before a loss are computed here (``recovery_signals.sql``), independently of the risk page.

Definitions (the page shows them beside the numbers):

* a **loss** is a churn record after the last purchase, or more than ``lost_days`` (365) days without
  a purchase (the lifecycle page's rule for *lost*). Its ``loss_date`` is the first record or the
  first day past ``lost_days`` idle days, whichever comes first; ``end_date`` is the last purchase
  before it; ``kind`` is cancellation, silent (a record without cancellation) or inactive (no record);
* **former value**: net revenue of the 365 days up to the last purchase before the loss;
* a **win-back** is a purchase within N days after a win-back contact (default 90); only contacts
  whose N days have passed by the as-of date are counted;
* the **uplift** is the treatment rate minus the control rate; incremental win-backs are
  ``uplift x treated contacts`` and incremental revenue is that times the mean revenue of a won-back
  treated customer in the 12 months after the return, so the effect is never read off raw win-backs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import stats

from lib import db, lifecycle, survival, value
from lib.queries import load
from lib.stats import wilson  # one Wilson interval for every page

#: Default number of days after a contact within which a purchase counts as a win-back.
DEFAULT_N = 90
#: A rate from fewer contacts than this is marked "too few contacts" (heatmap cells).
MIN_CELL = 30
#: Days before a loss in which the early-warning signals are looked for.
SIGNAL_DAYS = 180
#: Weight (in customers) of the broader group when the likelihood of return of a small group
#: is shrunk towards it.
PRIOR_WEIGHT = 20.0
#: At most this many retained customers form the reference row of the signal table.
REFERENCE_SAMPLE = 5000
#: Comparison customers drawn per won-back customer for the second-loyalty curves.
MATCH_RATIO = 3
#: Loss kinds: a cancellation, a silent loss on record, a loss by inactivity without any record.
KINDS = ("cancellation", "silent", "inactive")
#: Groups of the candidate list: the loss kinds and sleeping customers.
GROUPS = (*KINDS, "sleeping")
#: Reason keys for losses without a stated reason.
NO_REASON = "no_reason"      # a cancellation without a reason
SILENT = "silent_loss"       # a silent loss or one by inactivity: nobody said why
#: Reasons of the demo data, in the order the page lists them (other values follow by size).
KNOWN_REASONS = ("price", "service", "product_quality", "competitor_offer", "relocation", "billing_dispute")
#: The early-warning signals looked for before each loss.
SIGNALS = ("complaint", "dispute", "competitor", "fewer_contacts", "late_payment", "purchase_drop")
#: The signals that need the events table (the others need invoices and purchases).
EVENT_SIGNALS = ("complaint", "dispute", "competitor", "fewer_contacts")
#: Days without a purchase that bound the bands the likelihood of return is learnt in.
IDLE_BANDS = (180, 270, 365, 545, 730)
#: Tenure bands (whole months from the month of the first purchase) the comparison customers are
#: matched on: under a year, one to two years, longer.
TENURE_BANDS = (12, 24)
#: The after-sales study: repurchase at the same dealer by (satisfied with the sale, satisfied
#: with after-sales).
STUDY = {(True, True): 0.93, (False, True): 0.45, (True, False): 0.14, (False, False): 0.03}
SATISFIED = 4  # satisfaction 4-5 of 5 counts as satisfied



# --- statistics --------------------------------------------------------------------------------



@dataclass(frozen=True)
class Rate:
    """``k`` of ``n`` with the share ``p`` and its 95 % Wilson interval ``lo``-``hi``."""

    k: int
    n: int
    p: float
    lo: float
    hi: float


def rate(k: int, n: int) -> Rate:
    """The share ``k / n`` with its Wilson interval (nan when ``n`` is 0).

    Examples
    --------
    >>> r = rate(6, 100); (r.p, round(r.lo, 3), round(r.hi, 3))
    (0.06, 0.028, 0.125)
    """
    lo, hi = wilson(k, n)
    return Rate(int(k), int(n), k / n if n else math.nan, lo, hi)


@dataclass(frozen=True)
class Uplift:
    """Treatment against control: the difference of the rates in percentage points (as a
    fraction), its 95 % Newcombe hybrid-score interval and the two-sided Fisher exact p-value."""

    treated: Rate
    control: Rate
    diff: float
    lo: float
    hi: float
    p_value: float


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float, float]:
    """Difference ``k1/n1 - k2/n2`` with Newcombe's hybrid score interval (method 10 of Newcombe
    1998, built from the two Wilson intervals).

    Examples
    --------
    >>> [round(x, 4) for x in newcombe(56, 70, 48, 80)]  # Newcombe (1998), table II: 0.0524 to 0.3339
    [0.2, 0.0524, 0.3339]
    """
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    return (d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def uplift(k_t: int, n_t: int, k_c: int, n_c: int) -> Uplift | None:
    """Uplift of the treatment (``k_t`` of ``n_t`` won back) over the control group (``k_c`` of
    ``n_c``); None when either group is empty (without a control group there is no effect to show).

    Examples
    --------
    >>> u = uplift(18, 100, 6, 100); round(u.diff, 2), round(u.p_value, 4)
    (0.12, 0.0153)
    >>> uplift(18, 100, 0, 0) is None
    True
    """
    if n_t <= 0 or n_c <= 0:
        return None
    d, lo, hi = newcombe(k_t, n_t, k_c, n_c)
    p = stats.fisher_exact([[k_t, n_t - k_t], [k_c, n_c - k_c]], alternative="two-sided").pvalue
    return Uplift(rate(k_t, n_t), rate(k_c, n_c), d, lo, hi, float(p))


def evidence(p_value: float) -> str:
    """Plain-words key for a p-value (the value page's scale: ``value.evidence.*``)."""
    return value.evidence(p_value) if p_value == p_value else "none"


# --- SQL plumbing --------------------------------------------------------------------------------

_run = db.run_query  # lib/db.py: named parameters in, frames registered, DataFrame out


_arrow = db.run_arrow  # lib/db.py: the same, returning an arrow table


def _params(dataset_id: int, as_of: date, **extra) -> dict:
    th = lifecycle.Thresholds()
    return {"dataset_id": dataset_id, "as_of": as_of, **th.params(), **extra}


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Date columns as datetime64[ns] (DuckDB returns seconds or microseconds depending on the
    path; one unit keeps comparisons and merges between frames simple)."""
    for c in columns:
        if c in frame:
            frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ns]")
    return frame


def _days(a: pd.Series, b) -> np.ndarray:
    """Whole days from ``b`` to ``a`` (float, nan where missing)."""
    return ((pd.to_datetime(a) - pd.to_datetime(b)).dt.days).to_numpy(dtype=float)


# --- what the dataset holds ------------------------------------------------------------------------

@dataclass(frozen=True)
class Available:
    """Rows per optional input table of a dataset (0 = the table is missing for it)."""

    churn: int
    winback: int
    surveys: int
    events: int
    invoices: int
    control: int  # win-back contacts in a control group

    def has(self, table: str) -> bool:
        return getattr(self, table) > 0


def available(con: duckdb.DuckDBPyConnection, dataset_id: int) -> Available:
    """Which optional tables dataset ``dataset_id`` holds (and builds the lifecycle derived rows
    if the dataset predates them, so every other loader can rely on them)."""
    row = _run(con, load("recovery_available"), {"dataset_id": dataset_id}).iloc[0]
    return Available(**{k: int(row[k]) for k in ("churn", "winback", "surveys", "events", "invoices", "control")})


# --- step 1: losses, lost and sleeping customers ------------------------------------------------------

@dataclass(frozen=True, eq=False)  # holds frames: identity, not element-wise, equality
class Base:
    """Every loss up to the as-of date, and the customers lost or sleeping at the as-of date
    ('now') and twelve months earlier ('then', :attr:`then`)."""

    as_of: date
    then: date
    losses: pd.DataFrame
    stock: pd.DataFrame


def reason_key(reason: pd.Series, kind: pd.Series) -> np.ndarray:
    """The reason a loss is grouped by: the stated reason, else :data:`NO_REASON` for a
    cancellation and :data:`SILENT` for silent losses and losses by inactivity.

    Examples
    --------
    >>> reason_key(pd.Series(["price", None, " "]), pd.Series(["cancellation", "cancellation", "inactive"])).tolist()
    ['price', 'no_reason', 'silent_loss']
    """
    # A few distinct reasons among many rows: decide once per distinct value.
    codes, uniques = pd.factorize(reason.astype(object), use_na_sentinel=True)
    given_u = np.array([str(u).strip() != "" for u in uniques], dtype=bool)
    given = np.zeros(len(codes), dtype=bool)
    has = codes >= 0
    given[has] = given_u[codes[has]]
    named = np.asarray(uniques, dtype=object)[np.where(has, codes, 0)] if len(uniques) else np.full(len(codes), None)
    fallback = np.where(kind.to_numpy(dtype=object) == "cancellation", NO_REASON, SILENT)
    return np.where(given, named, fallback).astype(object)


def idle_band(days: np.ndarray) -> np.ndarray:
    """Index of the :data:`IDLE_BANDS` band of days without a purchase (0: up to 180 days).

    Examples
    --------
    >>> idle_band(np.array([10, 181, 400, 1000])).tolist()
    [0, 1, 3, 5]
    """
    return np.searchsorted(np.asarray(IDLE_BANDS), np.asarray(days, dtype=float), side="left")


def base(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> Base:
    """Losses and the lost and sleeping customers of dataset ``dataset_id`` at ``as_of``.

    ``losses``: one row per loss up to ``as_of`` (see the module docstring and
    recovery_losses.sql) plus ``reason_key``. ``stock``: one row per customer lost or sleeping at
    'now' or 'then' (column ``at``), by the lifecycle page's stage rules, with ``group`` (the loss
    kind at that date, or 'sleeping'), reason, loss date, idle days and former value; rows of
    'then' say whether the customer bought again by ``as_of`` (``back``).
    """
    th = lifecycle.Thresholds()
    then = lifecycle.months_back(as_of, 12)
    values = _params(dataset_id, as_of, then=then, min_idle=min(th.sleep_days, th.lost_days))
    # Kept as arrow tables: the next two queries read them without a round trip through pandas.
    dates = con.sql(load("recovery_dates"), params={k: values[k] for k in ("dataset_id", "as_of", "then", "min_idle")}
                    ).to_arrow_table()
    records = con.sql(load("recovery_records"), params={"dataset_id": dataset_id, "as_of": as_of}).to_arrow_table()
    losses = _arrow(con, load("recovery_losses"), values, rc_dates=dates, rc_records=records)
    staged = ("WITH lc_features AS (\n" + load("recovery_stock_features") + "\n),\nlc_staged AS (\n"
              + load("lifecycle_stage_rule") + "\n)\n" + load("recovery_stock"))
    stock = _arrow(con, staged, values, rc_dates=dates, rc_records=records)
    # One pass over the purchase days gives the former value of every loss and every customer of
    # the stock (most of them are the same pairs).
    ends = pa.concat_tables([
        losses.select(["cidx", "end_date"]),
        stock.select(["cidx", "last_purchase"]).rename_columns(["cidx", "end_date"]),
    ])
    revenue = _arrow(con, load("recovery_revenue"), values, rc_ends=ends)
    lookup = pd.Index(_pair_key(revenue["cidx"].to_numpy(), revenue["end_date"].to_numpy()))
    amounts = np.append(revenue["revenue_before"].to_numpy(zero_copy_only=False), 0.0)  # -1 looks up the 0
    losses = _dates(losses.to_pandas(), "end_date", "record_date", "loss_date", "return_date", "first_purchase")
    losses["revenue_before"] = amounts[lookup.get_indexer(_pair_key(losses["cidx"], losses["end_date"]))]
    losses["reason_key"] = reason_key(losses["reason"], losses["kind"])
    losses["segment"] = losses["segment"].fillna("")
    stock = _dates(stock.to_pandas(), "first_purchase", "last_purchase", "loss_date")
    stock["revenue_before"] = amounts[lookup.get_indexer(_pair_key(stock["cidx"], stock["last_purchase"]))]
    return Base(as_of, then, losses, _stock(stock))


def _pair_key(cidx, day) -> np.ndarray:
    """One int64 per (customer number, day): a fast lookup key for the former value."""
    days = np.asarray(day).astype("datetime64[D]").astype(np.int64)
    return np.asarray(cidx, dtype=np.int64) * 1_000_000 + days


def _stock(stock: pd.DataFrame) -> pd.DataFrame:
    lost = (stock["stage"] == "lost").to_numpy()
    stock["reason_key"] = np.where(lost, reason_key(stock["reason"], stock["group"]), "sleeping").astype(object)
    stock["band"] = idle_band(stock["idle_days"].to_numpy())
    stock["segment"] = stock["segment"].fillna("")
    return stock


def stock_counts(b: Base) -> dict:
    """The headline numbers of step 1: customers lost now (in all and per kind), sleeping now, and
    the former value of both groups."""
    now = b.stock[b.stock["at"] == "now"]
    lost = now["stage"] == "lost"
    out = {"lost": int(lost.sum()), "sleeping": int((~lost).sum()),
           "former_lost": float(now.loc[lost, "revenue_before"].clip(lower=0).sum()),
           "former_sleeping": float(now.loc[~lost, "revenue_before"].clip(lower=0).sum())}
    out.update({k: int((now.loc[lost, "group"] == k).sum()) for k in KINDS})
    return out


def return_likelihood(stock: pd.DataFrame, weight: float = PRIOR_WEIGHT) -> np.ndarray:
    """Likelihood that each customer lost or sleeping 'now' buys again within twelve months.

    Learnt from what happened to the customers lost or sleeping twelve months earlier ('then'):
    the share of them who bought again by the as-of date, per stage x loss kind x band of idle
    days x reason, each group shrunk towards the broader one (stage x kind x band, then stage,
    then all) with ``weight`` customers of prior weight, so a group of five does not get 0 % or
    100 % and a group never seen gets the broader group's share. nan for every row when there is
    no 'then' to learn from.
    """
    is_now = (stock["at"] == "now").to_numpy()
    past = ~is_now
    if not past.any():
        return np.full(int(is_now.sum()), np.nan)
    back = stock["back"].to_numpy(dtype=bool)
    p_all = float(back[past].mean())
    # One integer code per group and level, over both dates, so the groups line up; each level
    # refines the one before, so a group's broader estimate is the same for all its members.
    key = np.zeros(len(stock), dtype=np.int64)
    estimate = np.full(len(stock), p_all)
    for columns in (("stage",), ("group", "band"), ("reason_key",)):
        for col in columns:
            codes, uniques = pd.factorize(stock[col])
            key = key * (len(uniques) + 1) + codes
            _, key = np.unique(key, return_inverse=True)  # keep the codes dense
        size = int(key.max()) + 1
        wins = np.bincount(key[past], weights=back[past], minlength=size)
        count = np.bincount(key[past], minlength=size)
        prior = np.zeros(size)
        prior[key] = estimate
        estimate = ((wins + weight * prior) / (count + weight))[key]
    return estimate[is_now]


def candidates(data: tuple[Base, pd.DataFrame]) -> pd.DataFrame:
    """The win-back candidates at the as-of date: every customer lost or sleeping 'now' with the
    likelihood of return, the former value, the priority (former value x likelihood) and the last
    win-back contact after their last purchase; sorted by priority.

    ``data`` is (:func:`base`, :func:`contacts`); the CLV at loss is joined by the page when asked.
    """
    b, contacts_frame = data
    now = b.stock[b.stock["at"] == "now"].copy()
    now["p_return"] = return_likelihood(b.stock)
    if not contacts_frame.empty and not now.empty:
        latest = contacts_frame["is_last"] & contacts_frame["cidx"].notna()
        last = contacts_frame.loc[latest, ["cidx", "date", "measure", "grp"]]
        last = last.astype({"cidx": now["cidx"].dtype})
        last = last.rename(columns={"date": "last_contact", "measure": "last_measure", "grp": "last_group"})
        now = now.merge(last, on="cidx", how="left")
        stale = now["last_contact"].notna() & (now["last_contact"] <= now["last_purchase"])
        now.loc[stale, ["last_contact", "last_measure", "last_group"]] = None
    else:
        now["last_contact"] = pd.NaT
        now["last_measure"] = None
        now["last_group"] = None
    now["former_value"] = now["revenue_before"]
    return prioritise(now, "revenue_before")


def prioritise(frame: pd.DataFrame, basis: str) -> pd.DataFrame:
    """``priority`` = max(0, ``basis``) x likelihood of return (the basis alone when no
    likelihood could be learnt), sorted from the highest down (ties by customer id, which is the
    order of ``cidx``)."""
    v = frame[basis].clip(lower=0).fillna(0.0).to_numpy(dtype=float)
    p = frame["p_return"].to_numpy(dtype=float)
    priority = np.where(np.isfinite(p), v * np.nan_to_num(p), v)
    order = np.lexsort((frame["cidx"].to_numpy(), -priority))
    out = frame.iloc[order].reset_index(drop=True)
    out["priority"] = priority[order]
    return out


def clv_at_loss(data: tuple[duckdb.DuckDBPyConnection, int, date, pd.DataFrame, value.ClvModel],
                settings: value.ClvSettings = value.ClvSettings()) -> pd.DataFrame:
    """CLV at the time of loss for ``data`` = (connection, dataset id, as-of date, customers with
    customer_id and last_purchase, the value page's :func:`lib.value.clv_model` at the as-of date).

    The model fitted on all history up to the as-of date is evaluated on each customer's purchase
    history up to their last purchase before the loss, with the value page's default settings
    (12 months, 10 % a year): the value the customer still promised on their last purchase day.
    Columns customer_id, clv_at_loss, p_alive_at_loss.
    """
    con, dataset_id, as_of, customers, model = data
    if customers.empty:
        return pd.DataFrame({"customer_id": pd.Series(dtype=object), "clv_at_loss": pd.Series(dtype=float),
                             "p_alive_at_loss": pd.Series(dtype=float)})
    at = pd.DataFrame({"customer_id": customers["customer_id"].astype(str).to_numpy(),
                       "at_date": pd.to_datetime(customers["last_purchase"]).dt.date.to_numpy()})
    res = _run(con, load("recovery_clv_inputs"), {"dataset_id": dataset_id}, rc_at=at)
    summary = value.clv.CalibrationSummary(
        customer_id=res["customer_id"].to_numpy(dtype=object), x=res["x"].to_numpy(dtype=np.int64),
        t_x=res["t_x"].to_numpy(dtype=float), T=res["T"].to_numpy(dtype=float),
        monetary=res["monetary"].to_numpy(dtype=float), x_holdout=np.zeros(len(res), dtype=np.int64),
        calibration_end=as_of)
    pred = value.clv_predictions(value.ClvModel(summary, model.fits, model.error), settings)
    return pd.DataFrame({"customer_id": pred["customer_id"].to_numpy(), "clv_at_loss": pred["clv"].to_numpy(),
                         "p_alive_at_loss": pred["p_alive"].to_numpy()})


def with_clv(frame: pd.DataFrame, clv: pd.DataFrame) -> pd.DataFrame:
    """The candidates with their CLV at loss (0 where the models had nothing to go on),
    prioritised by CLV at loss x likelihood of return."""
    out = frame.merge(clv, on="customer_id", how="left")
    out["clv_at_loss"] = out["clv_at_loss"].fillna(0.0)
    return prioritise(out, "clv_at_loss")


#: The columns of the candidate export, in order.
EXPORT_COLUMNS = ("customer_id", "priority", "group", "reason_key", "loss_date", "last_purchase", "idle_days",
                  "revenue_before", "clv_at_loss", "p_return", "last_contact", "last_measure", "segment", "n_purchases")


def candidate_export(frame: pd.DataFrame) -> pd.DataFrame:
    """The candidate list as exported: one row per customer, dates as dates, rounded numbers."""
    out = frame[[c for c in EXPORT_COLUMNS if c in frame]].copy()
    for c in ("loss_date", "last_purchase", "last_contact"):
        out[c] = pd.to_datetime(out[c]).dt.date
    for c in ("priority", "revenue_before", "clv_at_loss"):
        if c in out:
            out[c] = out[c].round(2)
    out["p_return"] = out["p_return"].round(4)
    return out.rename(columns={"reason_key": "reason"})


def losses_in(b: Base, start: date, end: date) -> pd.DataFrame:
    """The losses whose loss date lies in [start, end]."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    d = b.losses["loss_date"]
    return b.losses[(d >= lo) & (d <= hi)]


def monthly_losses(losses: pd.DataFrame) -> pd.DataFrame:
    """Losses per calendar month of the loss date and kind: month, kind, customers, revenue_before."""
    if losses.empty:
        return pd.DataFrame(columns=["month", "kind", "customers", "revenue_before"])
    month = losses["loss_date"].dt.to_period("M").dt.to_timestamp()
    return (losses.assign(month=month).groupby(["month", "kind"], observed=True)
            .agg(customers=("cidx", "size"), revenue_before=("revenue_before", "sum")).reset_index())


# --- step 2: causes ------------------------------------------------------------------------------------

def pareto(losses: pd.DataFrame, measure: str = "customers") -> pd.DataFrame:
    """Loss reasons sorted by ``measure`` ('customers' or 'revenue': the former value lost), with
    each reason's share and the cumulative share: reason, customers, revenue, value, share,
    cumulative.

    Examples
    --------
    >>> df = pd.DataFrame({"reason_key": ["a", "b", "a", "c"], "revenue_before": [1.0, 10, 1, 2]})
    >>> pareto(df)["reason"].tolist(), pareto(df, "revenue")["reason"].tolist()
    (['a', 'b', 'c'], ['b', 'a', 'c'])
    """
    cols = ["reason", "customers", "revenue", "value", "share", "cumulative"]
    if losses.empty:
        return pd.DataFrame(columns=cols)
    g = (losses.groupby("reason_key").agg(customers=("reason_key", "size"),
                                          revenue=("revenue_before", lambda s: s.clip(lower=0).sum()))
         .reset_index().rename(columns={"reason_key": "reason"}))
    g["value"] = g["customers"] if measure == "customers" else g["revenue"]
    g = g.sort_values(["value", "reason"], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = g["value"].sum()
    g["share"] = g["value"] / total if total else 0.0
    g["cumulative"] = g["share"].cumsum()
    return g[cols]


def breakdown(losses: pd.DataFrame, by: str) -> pd.DataFrame:
    """Reasons within each value of ``by`` (segment, stage_before or value_group): by, reason,
    customers, row_share (share of the row's losses)."""
    if losses.empty or by not in losses:
        return pd.DataFrame(columns=["by", "reason", "customers", "row_share"])
    g = losses.groupby([by, "reason_key"], observed=True).size().rename("customers").reset_index()
    g = g.rename(columns={by: "by", "reason_key": "reason"})
    g["row_share"] = g["customers"] / g.groupby("by")["customers"].transform("sum")
    return g


def breakdown_of(data: tuple[pd.DataFrame, pd.DataFrame], by: str) -> pd.DataFrame:
    """:func:`breakdown` of ``data`` = (losses, :func:`loss_details`) by segment, stage_before or
    value_group (the ABC class of the former value among these losses)."""
    losses, details = data
    stage = details.set_index("loss_id").reindex(losses.index)["stage_before"].to_numpy()
    frame = losses.assign(stage_before=stage, value_group=value_groups(losses["revenue_before"].to_numpy()))
    return breakdown(frame, by)


def value_groups(revenue: np.ndarray) -> np.ndarray:
    """ABC class of the former value among the losses given (A: the customers who brought the
    first 80 % of the lost revenue, B the next 15 %, C the rest; :func:`lib.value.abc_classes`)."""
    return value.abc_classes(np.asarray(revenue, dtype=float))


def loss_details(data: tuple[duckdb.DuckDBPyConnection, int, pd.DataFrame], as_of: date) -> pd.DataFrame:
    """For each loss of ``data`` = (connection, dataset id, losses): the lifecycle stage just
    before it and the early-warning signals of the :data:`SIGNAL_DAYS` days before it, plus the
    same signals for a reference sample of customers not lost (``reason_key`` 'reference').

    Both are taken at the loss's ``anchor``: the last purchase for a loss by inactivity, else the
    day before the loss date (but not before the last purchase). Columns: loss_id, stage_before
    (NULL for the reference rows) and one boolean per signal of :data:`SIGNALS`.
    """
    con, dataset_id, losses = data
    if losses.empty:
        return pd.DataFrame(columns=["loss_id", "stage_before", *SIGNALS])
    anchor = np.where(losses["kind"] == "inactive", losses["end_date"],
                      np.maximum(losses["end_date"], losses["loss_date"] - pd.Timedelta(days=1)))
    rc = pd.DataFrame({
        "loss_id": losses.index.to_numpy(dtype=np.int64), "cidx": losses["cidx"].to_numpy(dtype=np.int64),
        "customer_id": losses["customer_id"].astype(str).to_numpy(),
        "end_date": losses["end_date"].dt.date.to_numpy(), "anchor": pd.to_datetime(anchor).date,
        "first_purchase": losses["first_purchase"].dt.date.to_numpy(),
    })
    values = _params(dataset_id, as_of, window=SIGNAL_DAYS, sample=REFERENCE_SAMPLE)
    staged = ("WITH lc_features AS (\n" + load("recovery_stage_features") + "\n),\nlc_staged AS (\n"
              + load("lifecycle_stage_rule")
              + "\n)\nSELECT loss_id, stage AS stage_before FROM lc_staged")
    stage = _run(con, staged, values, rc_loss=rc, rc_returns=lifecycle.returns(con, dataset_id, lifecycle.Thresholds()))
    ref = _run(con, load("recovery_reference"), values, rc_loss=rc)
    ref["loss_id"] = -1 - np.arange(len(ref), dtype=np.int64)
    ref = ref[rc.columns.drop("end_date")] if not ref.empty else ref
    both = pd.concat([rc.drop(columns="end_date"), ref], ignore_index=True)
    signals = _run(con, load("recovery_signals"), values, rc_loss=both)
    out = signals.merge(stage, on="loss_id", how="left")
    return out[["loss_id", "stage_before", *SIGNALS]]


def signal_table(losses: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    """Share of losses with each early-warning signal, per reason (and for all losses and the
    reference of retained customers): reason, signal, customers (losses with the signal), n,
    share, lo, hi."""
    if details.empty:
        return pd.DataFrame(columns=["reason", "signal", "customers", "n", "share", "lo", "hi"])
    lost = details[details["loss_id"] >= 0].merge(
        losses[["reason_key"]].rename_axis("loss_id").reset_index(), on="loss_id", how="left")
    ref = details[details["loss_id"] < 0].assign(reason_key="reference")
    rows = []
    for reason, group in [("all", lost), *lost.groupby("reason_key"), ("reference", ref)]:
        n = len(group)
        if n == 0:
            continue
        for s in SIGNALS:
            k = int(group[s].fillna(False).sum())
            r = rate(k, n)
            rows.append({"reason": reason, "signal": s, "customers": k, "n": n, "share": r.p, "lo": r.lo, "hi": r.hi})
    return pd.DataFrame(rows)


# --- steps 3 and 4: measures and success control ----------------------------------------------------

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
    df = _run(con, load("recovery_contacts"), {"dataset_id": dataset_id, "as_of": as_of})
    df = _dates(df, "date", "return_date")
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
    lo_c, hi_c, has_control, uplift, up_lo, up_hi, p_value, cost, cost_per_win, revenue,
    revenue_per_win, incr_wins, incr_revenue, incr_lo, incr_hi, roi, median_days."""
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
            "p_value": u.p_value if u else math.nan,
            "cost": e.cost, "cost_per_win": e.cost_per_win, "revenue": e.revenue, "revenue_per_win": e.revenue_per_win,
            "incr_wins": e.incremental_wins, "incr_revenue": e.incremental_revenue, "incr_lo": lo, "incr_hi": hi,
            "roi": e.roi, "median_days": e.median_days,
        })
    cols = [*by, "contacts", "pending", "control_contacts", "n_t", "k_t", "rate_t", "lo_t", "hi_t", "n_c", "k_c",
            "rate_c", "lo_c",
            "hi_c", "has_control", "uplift", "up_lo", "up_hi", "p_value", "cost", "cost_per_win", "revenue",
            "revenue_per_win", "incr_wins", "incr_revenue", "incr_lo", "incr_hi", "roi", "median_days"]
    return pd.DataFrame(rows, columns=cols)


def reason_measure(frame: pd.DataFrame, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """The loss reason x measure grid over mature contacts: reason, measure, n_t, k_t, rate_t,
    lo_t, hi_t, n_c, k_c, rate_c, uplift, enough (at least ``min_cell`` treated contacts)."""
    mature = frame[frame["mature"]]
    if mature.empty:
        return pd.DataFrame(columns=["reason", "measure", "n_t", "k_t", "rate_t", "lo_t", "hi_t", "n_c", "k_c",
                                     "rate_c", "uplift", "enough"])
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
    ci = [wilson(k, n) for k, n in zip(out["k_t"], out["n_t"])]
    out["rate_t"] = np.where(out["n_t"] > 0, out["k_t"] / out["n_t"].where(out["n_t"] > 0, 1), np.nan)
    out["lo_t"] = [c[0] for c in ci]
    out["hi_t"] = [c[1] for c in ci]
    out["rate_c"] = np.where(out["n_c"] > 0, out["k_c"] / out["n_c"].where(out["n_c"] > 0, 1), np.nan)
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


def summary(b: Base, frame: pd.DataFrame | None, start: date, end: date) -> Summary:
    """Losses in [start, end] and the win-back contacts made in it (``frame`` with
    :func:`outcomes` columns, already limited to the period; None without a win-back table)."""
    lost = losses_in(b, start, end)
    eff = effect(frame) if frame is not None and len(frame) else None
    return Summary(start, end, int(len(lost)), int((lost["kind"] == "cancellation").sum()),
                   float(lost["revenue_before"].clip(lower=0).sum()),
                   int(frame["customer_id"].nunique()) if frame is not None else 0, eff)


# --- step 5: second loyalty -------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Loyalty:
    """Won-back customers (the lifecycle page's returns) against matched never-lost customers.

    ``returns``: one row per return up to the as-of date with value_before, value_after,
    after_days, tenure_days, next_loss, rechurn_12m (NULL when the 12 months have not passed),
    duration and lost (for Kaplan-Meier). ``matched``: the comparison customers with the same
    outcome columns. ``curves``: time, survival, lo, hi, at_risk, grp. ``third``: counts of
    won-back customers, lost again, contacted again, back again.
    """

    returns: pd.DataFrame
    matched: pd.DataFrame
    curves: pd.DataFrame
    logrank_p: float
    third: dict


def tenure_band(days) -> np.ndarray:
    """0: tenure under 12 months, 1: 12 to 23 months, 2: longer (:data:`TENURE_BANDS`).

    Examples
    --------
    >>> tenure_band([0, 11, 12, 30]).tolist()
    [0, 0, 1, 2]
    """
    return np.searchsorted(np.asarray(TENURE_BANDS), np.asarray(days, dtype=float), side="right")


def loyalty(data: tuple[duckdb.DuckDBPyConnection, int, Base, pd.DataFrame], as_of: date) -> Loyalty:
    """Second loyalty from ``data`` = (connection, dataset id, :func:`base`, :func:`contacts`).

    Won back = a purchase after being lost or sleeping (lifecycle_returns.sql, the lifecycle page's
    definition). Comparison: for each month of return and tenure band, up to :data:`MATCH_RATIO`
    customers per won-back customer who bought in that month, had the same tenure band and had
    never been lost before (drawn in a fixed pseudo-random order); their origin is that purchase.
    Lost again = the next loss by the lifecycle rule (churn record or 365 idle days) after the
    origin; Kaplan-Meier runs on the days to it, censored at ``as_of``. Re-churn within 12 months
    follows the lifecycle page's first-year rule: a churn record within 365 days, or no purchase
    in days 183-365 (only for origins at least 365 days before ``as_of``).
    """
    con, dataset_id, b, contact_frame = data
    values = _params(dataset_id, as_of, ratio=MATCH_RATIO)
    first_loss = (b.losses.groupby("cidx", as_index=False)["loss_date"].min()
                  .assign(first_loss=lambda f: f["loss_date"].dt.date)[["cidx", "first_loss"]])
    all_losses = pd.DataFrame({"cidx": b.losses["cidx"].to_numpy(dtype=np.int64),
                               "end_date": b.losses["end_date"].dt.date.to_numpy(),
                               "loss_date": b.losses["loss_date"].dt.date.to_numpy()})
    rets = _run(con, load("recovery_returns"), values,
                rc_returns=lifecycle.returns(con, dataset_id, lifecycle.Thresholds()))
    rets = _dates(rets, "origin", "first_purchase")
    if rets.empty:
        empty = pd.DataFrame(columns=["cidx", "origin", "grp", "next_loss", "next_end", "rechurn_12m", "duration",
                                      "lost"])
        return Loyalty(rets, empty, pd.DataFrame(columns=["time", "survival", "lo", "hi", "at_risk", "grp"]),
                       math.nan, {"won_back": 0, "lost_again": 0, "contacted_again": 0, "back_again": 0})
    rets["tenure_days"] = (rets["origin"] - rets["first_purchase"]).dt.days
    rets["band"] = tenure_band(12 * (rets["origin"].dt.year - rets["first_purchase"].dt.year)
                               + rets["origin"].dt.month - rets["first_purchase"].dt.month)
    rets["month"] = rets["origin"].dt.to_period("M").dt.to_timestamp()
    cells = rets.groupby(["month", "band"]).size().rename("k").reset_index()
    cells["month"] = cells["month"].dt.date
    cells["band"] = cells["band"].astype(int)
    matched = _run(con, load("recovery_matched"), values, rc_cells=cells, rc_first_loss=first_loss)
    origins = pd.concat([
        pd.DataFrame({"oid": np.arange(len(rets)), "cidx": rets["cidx"].to_numpy(dtype=np.int64),
                      "origin": rets["origin"].dt.date.to_numpy(), "grp": "won_back"}),
        pd.DataFrame({"oid": len(rets) + np.arange(len(matched)), "cidx": matched["cidx"].to_numpy(dtype=np.int64),
                      "origin": pd.to_datetime(matched["origin"]).dt.date.to_numpy(), "grp": "never_lost"}),
    ], ignore_index=True)
    follow = _run(con, load("recovery_followup"), values, rc_origins=origins, rc_all_losses=all_losses)
    follow = _dates(follow, "origin", "next_loss", "next_end").sort_values("oid").reset_index(drop=True)
    follow["lost"] = follow["next_loss"].notna()
    end = np.where(follow["lost"], follow["next_loss"], pd.Timestamp(as_of)).astype("datetime64[ns]")
    follow["duration"] = (pd.to_datetime(end) - follow["origin"]).dt.days.astype(float)
    won = follow[follow["grp"] == "won_back"].reset_index(drop=True)
    ctrl = follow[follow["grp"] == "never_lost"].reset_index(drop=True)
    for col in ("next_loss", "next_end", "rechurn_12m", "duration", "lost"):
        rets[col] = won[col].to_numpy()
    curves = []
    for grp, f in (("won_back", won), ("never_lost", ctrl)):
        if len(f):
            km = survival.kaplan_meier(f["duration"], f["lost"])
            curves.append(chart_curve(km).assign(grp=grp))
    both = pd.concat([won, ctrl], ignore_index=True)
    p = (survival.logrank(both["duration"], both["lost"], both["grp"]).p_value
         if len(won) and len(ctrl) and both["lost"].any() else math.nan)
    return Loyalty(rets, ctrl, pd.concat(curves, ignore_index=True), p, third_attempt(rets, contact_frame))


def chart_curve(km: pd.DataFrame, points: int = 300) -> pd.DataFrame:
    """A Kaplan-Meier curve (:func:`lib.survival.kaplan_meier`) read at about ``points`` days
    plus its own steps when there are few, so a chart of a million customers ships a few hundred
    rows: time, survival, lo, hi, at_risk."""
    top = float(km["time"].max())
    grid = np.unique(np.concatenate([np.linspace(0, top, points).round(), km["time"].to_numpy()[: points]]))
    out = survival.survival_at(km, grid)
    return out.rename(columns={"lower": "lo", "upper": "hi"})[["time", "survival", "lo", "hi", "at_risk"]]


def third_attempt(rets: pd.DataFrame, contact_frame: pd.DataFrame) -> dict:
    """Of the customers won back (first return), how many were lost again, how many of those were
    contacted again after that loss (a third attempt), and how many came back again."""
    first = rets[rets["return_no"] == 1]
    lost_again = first[first["lost"]]
    out = {"won_back": int(len(first)), "lost_again": int(len(lost_again)), "contacted_again": 0, "back_again": 0}
    if lost_again.empty:
        return out
    later_returns = rets[rets["return_no"] >= 2][["cidx", "origin"]]
    back = lost_again.merge(later_returns, on="cidx", suffixes=("", "_2"))
    back = back[back["origin_2"] > back["next_end"]]
    out["back_again"] = int(back["cidx"].nunique())
    if not contact_frame.empty:
        c = lost_again[["customer_id", "next_end"]].merge(contact_frame[["customer_id", "date"]], on="customer_id")
        out["contacted_again"] = int(c.loc[c["date"] > c["next_end"], "customer_id"].nunique())
    return out


def value_change(rets: pd.DataFrame) -> dict:
    """Value after the return against value before the loss, for returns followed for a full
    year: n, mean and median of both, and the share whose value after is at least that before."""
    full = rets[rets["after_days"] >= 365]
    if full.empty:
        return {"n": 0}
    before, after = full["value_before"].to_numpy(float), full["value_after"].to_numpy(float)
    return {"n": int(len(full)), "mean_before": float(before.mean()), "mean_after": float(after.mean()),
            "median_before": float(np.median(before)), "median_after": float(np.median(after)),
            "share_kept": float((after >= before).mean())}


def rechurn(frame: pd.DataFrame) -> Rate:
    """Re-churn within 12 months as a :class:`Rate` over the origins followed for 12 months."""
    r = frame["rechurn_12m"].dropna().astype(bool)
    return rate(int(r.sum()), int(r.size))


# --- step 6: after-sales ------------------------------------------------------------------------------

def aftersales(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """Repurchase within 12 months of a customer's first survey, by satisfaction with the sale x
    satisfaction with after-sales (satisfied = 4-5): sale_ok, after_ok, n, k, rate, lo, hi,
    study. Only surveys at least 365 days before ``as_of`` (so the 12 months have passed)."""
    df = _run(con, load("recovery_aftersales"), {"dataset_id": dataset_id, "as_of": as_of, "satisfied": SATISFIED})
    rows = []
    for sale_ok, after_ok in ((True, True), (False, True), (True, False), (False, False)):
        m = df[(df["sale_ok"] == sale_ok) & (df["after_ok"] == after_ok)]
        n, k = (int(m["n"].iloc[0]), int(m["k"].iloc[0])) if len(m) else (0, 0)
        r = rate(k, n)
        rows.append({"sale_ok": sale_ok, "after_ok": after_ok, "n": n, "k": k, "rate": r.p, "lo": r.lo, "hi": r.hi,
                     "study": STUDY[(sale_ok, after_ok)]})
    return pd.DataFrame(rows)


# --- plain defaults for the page -------------------------------------------------------------------------

def default_period(as_of: date, first: date) -> tuple[date, date]:
    """The twelve months up to and including the as-of date (not before the first date).

    Examples
    --------
    >>> default_period(date(2025, 12, 31), date(2023, 1, 1))
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    """
    return max(first, lifecycle.months_back(as_of, 12) + timedelta(days=1)), as_of
