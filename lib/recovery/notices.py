"""Cancellation management (Kündigungsmanagement), the step of win-back between identifying lost
customers and analysing causes: fending off a cancellation, or having it withdrawn, before it
takes effect.

A **notice** is an event of type ``cancellation_notice`` (lib/queries/notice_rows.sql). Its
**status** at the as-of date is its outcome when that is dated on or before the as-of date
(took_effect, averted, withdrawn), ``open`` while it is pending (the one rule,
lib/queries/notice_pending_rule.sql, which :func:`lib.metrics.pending_notices` also applies), and
``unknown`` when the data say nothing (no outcome recorded). **Saved** = averted or withdrawn;
the **save rate** = saved / decided (took effect + saved), with its Wilson interval
(:func:`lib.stats.rate`). Open and unknown notices are in no rate.

The **value group at the notice** places the customer's revenue of the 12 months before the notice
(the default value basis of :mod:`lib.metrics`, measured at the notice) against the cut of the
as-of date's value groups (:func:`lib.metrics.high_value_cut`: the top 20 % by that basis), so
lost and saved customers are judged by the value they had when they gave notice, not by what is
left of it. The **CLV at the notice** (the as-of date's CLV model on the history up to the day
before, as :func:`lib.recovery.clv_at_loss`) is the customer value the saves kept.

**Revenue kept**: for notices whose 12 months after have passed, the net revenue of the 365 days
before the notice day against that of the notice day and the 364 days after it, for saved and for
lost customers; the revenue of the saved customers in those 12 months is what the saves kept.

**Do saved customers stay?** Kaplan-Meier from the notice date to the customer's next loss (the
lifecycle rule for *lost*, :func:`lib.recovery.base`), censored at the as-of date, saved against
lost-after-notice notices, with the log-rank test (:mod:`lib.survival`); and how many saved
customers give notice again (within 12 months, for notices at least 12 months old).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from lib import db, survival, value
from lib.queries import load
from lib.recovery.losses import as_datetimes, clv_at_loss
from lib.recovery.loyalty import chart_curve
from lib.stats import Rate, rate

#: The decided outcomes, and the two that keep the customer.
OUTCOMES = ("took_effect", "averted", "withdrawn")
SAVED = ("averted", "withdrawn")
#: Every status a notice can have at the as-of date, in the order the page shows them.
STATUSES = ("took_effect", "averted", "withdrawn", "open", "unknown")
#: What the save rate can be broken down by.
BY = ("measure", "reason", "segment", "value_group")
#: The key of an empty measure, reason or segment.
NOT_GIVEN = "not_given"
#: Days after the notice in which a new notice counts as "gave notice again".
AGAIN_DAYS = 365


def key_of(values: pd.Series) -> np.ndarray:
    """The value itself, or :data:`NOT_GIVEN` when empty.

    Examples
    --------
    >>> key_of(pd.Series(["discount", None, " "])).tolist()
    ['discount', 'not_given', 'not_given']
    """
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    return np.where(text == "", NOT_GIVEN, text).astype(object)


def notices(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date) -> pd.DataFrame:
    """Every notice up to ``as_of`` (lib/queries/notice_rows.sql) with ``decided``, ``saved`` and
    the group keys ``measure_key``, ``reason_key``, ``segment_key`` (:data:`NOT_GIVEN` when empty)."""
    df = db.run_query(con, load("notice_rows"), {"dataset_id": dataset_id, "as_of": as_of})
    df = as_datetimes(df, "date", "outcome_date", "effective_date", "next_notice")
    df["decided"] = df["status"].isin(OUTCOMES).to_numpy()
    df["saved"] = df["status"].isin(SAVED).to_numpy()
    for col in ("measure", "reason", "segment"):
        df[f"{col}_key"] = key_of(df[col])
    return df


@dataclass(frozen=True)
class Coverage:
    """What the notices of a dataset hold: how many, how many with an outcome recorded (at any
    date), decided by the as-of date, open, unknown, with a measure and with a reason."""

    notices: int
    with_outcome: int
    decided: int
    open: int
    unknown: int
    with_measure: int
    with_reason: int


def coverage(frame: pd.DataFrame) -> Coverage:
    """:class:`Coverage` of :func:`notices` (or a part of it)."""
    return Coverage(int(len(frame)), int(frame["outcome"].notna().sum()), int(frame["decided"].sum()),
                    int((frame["status"] == "open").sum()), int((frame["status"] == "unknown").sum()),
                    int((frame["measure_key"] != NOT_GIVEN).sum()), int((frame["reason_key"] != NOT_GIVEN).sum()))


def clv_at_notice(data: tuple[duckdb.DuckDBPyConnection, int, date, pd.DataFrame, value.ClvModel]) -> pd.DataFrame:
    """notice_id and clv_at_notice for ``data`` = (connection, dataset id, as-of date,
    :func:`notices`, the as-of date's :func:`lib.value.clv_model`): the CLV on the day before
    each notice (:func:`lib.recovery.clv_at_loss` with that day as the last one; 0 for a customer
    without a purchase before the notice)."""
    con, dataset_id, as_of, frame, model = data
    if frame.empty:
        return pd.DataFrame({"notice_id": pd.Series(dtype=np.int64), "clv_at_notice": pd.Series(dtype=float)})
    rank = frame.groupby("customer_id").cumcount().to_numpy()   # a customer's 1st, 2nd ... notice
    parts = []
    for r in np.unique(rank):   # clv_at_loss takes one date per customer
        part = frame[rank == r]
        at = pd.DataFrame({"customer_id": part["customer_id"].to_numpy(),
                           "last_purchase": part["date"] - pd.Timedelta(days=1)})
        clv = clv_at_loss((con, dataset_id, as_of, at, model))
        parts.append(part[["notice_id", "customer_id"]].merge(clv, on="customer_id", how="left"))
    got = pd.concat(parts, ignore_index=True)
    return pd.DataFrame({"notice_id": got["notice_id"].to_numpy(),
                         "clv_at_notice": got["clv_at_loss"].fillna(0.0).to_numpy(dtype=float)})


def with_value_groups(frame: pd.DataFrame, clv: pd.DataFrame, cut: float) -> pd.DataFrame:
    """``frame`` with clv_at_notice and value_group: 'high' when the revenue of the 12 months
    before the notice (``revenue_before``, the default value basis of :mod:`lib.metrics` measured
    at the notice) reaches ``cut`` (:func:`lib.metrics.high_value_cut` of the as-of date) and is
    above 0; 'low' otherwise.

    Examples
    --------
    >>> f = pd.DataFrame({"notice_id": [1, 2, 3], "revenue_before": [50.0, 10.0, 0.0]})
    >>> c = pd.DataFrame({"notice_id": [1, 2, 3], "clv_at_notice": [5.0, 90.0, 1.0]})
    >>> with_value_groups(f, c, 20.0)["value_group"].tolist()
    ['high', 'low', 'low']
    """
    out = frame.merge(clv, on="notice_id", how="left")
    out["clv_at_notice"] = out["clv_at_notice"].fillna(0.0)
    before = out["revenue_before"].to_numpy(dtype=float)
    out["value_group"] = np.where((before >= cut) & (before > 0), "high", "low").astype(object)
    return out


def in_period(frame: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The notices dated in [start, end]."""
    d = frame["date"]
    return frame[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))]


def monthly(frame: pd.DataFrame) -> pd.DataFrame:
    """Notices per calendar month and status at the as-of date: month, status, notices."""
    if frame.empty:
        return pd.DataFrame(columns=["month", "status", "notices"])
    month = frame["date"].dt.to_period("M").dt.to_timestamp()
    return (frame.assign(month=month).groupby(["month", "status"]).size().rename("notices").reset_index())


def save_rates(frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """The save rate of the decided notices, overall (``by`` None: one row, key 'all') or per
    value of ``by`` (measure, reason, segment, value_group): key, decided, saved, averted,
    withdrawn, rate, lo, hi (95 % Wilson), sorted by decided notices.

    Examples
    --------
    >>> f = pd.DataFrame({"status": ["averted", "took_effect", "withdrawn", "open"], "decided": [True, True, True, False],
    ...                   "saved": [True, False, True, False], "measure_key": ["a", "a", "b", "a"]})
    >>> save_rates(f, "measure")[["key", "decided", "saved"]].values.tolist()
    [['a', 2, 1], ['b', 1, 1]]
    """
    cols = ["key", "decided", "saved", "averted", "withdrawn", "rate", "lo", "hi"]
    d = frame[frame["decided"]]
    if d.empty:
        return pd.DataFrame(columns=cols)
    col = {None: None, "value_group": "value_group"}.get(by, f"{by}_key" if by else None)
    keys = d[col] if col else pd.Series("all", index=d.index)
    g = d.assign(key=keys.to_numpy(), averted=d["status"] == "averted", withdrawn=d["status"] == "withdrawn").groupby(
        "key").agg(decided=("saved", "size"), saved=("saved", "sum"), averted=("averted", "sum"),
                   withdrawn=("withdrawn", "sum")).reset_index()
    rates = [rate(int(k), int(n)) for k, n in zip(g["saved"], g["decided"])]
    g["rate"] = [r.p for r in rates]
    g["lo"] = [r.lo for r in rates]
    g["hi"] = [r.hi for r in rates]
    g = g.astype({"decided": int, "saved": int, "averted": int, "withdrawn": int})
    return g.sort_values(["decided", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)[cols]


def decision_time(frame: pd.DataFrame) -> pd.DataFrame:
    """Days from the notice to its outcome, per outcome and for all decided notices with an
    outcome date: status, n, median, q25, q75, mean."""
    d = frame[frame["decided"] & frame["decision_days"].notna()]
    rows = []
    for status, part in [*((s, d[d["status"] == s]) for s in OUTCOMES), ("all", d)]:
        x = part["decision_days"].to_numpy(dtype=float)
        if x.size:
            q25, med, q75 = np.percentile(x, [25, 50, 75])
            rows.append({"status": status, "n": int(x.size), "median": float(med), "q25": float(q25),
                         "q75": float(q75), "mean": float(x.mean())})
    return pd.DataFrame(rows, columns=["status", "n", "median", "q25", "q75", "mean"])


def revenue_kept(frame: pd.DataFrame) -> pd.DataFrame:
    """Revenue before and after the notice, for decided notices whose 12 months after have
    passed by the as-of date, saved against lost: group ('saved', 'lost'), notices, before,
    after (sums of net revenue), ratio (after / before), mean_before, mean_after and clv (the
    sum of the CLV at the notice, when :func:`with_value_groups` added it)."""
    d = frame[frame["decided"] & frame["after_complete"]]
    rows = []
    for grp, part in (("saved", d[d["saved"]]), ("lost", d[~d["saved"]])):
        n = len(part)
        before, after = float(part["revenue_before"].sum()), float(part["revenue_after"].sum())
        rows.append({"group": grp, "notices": n, "before": before, "after": after,
                     "ratio": after / before if before > 0 else math.nan,
                     "mean_before": before / n if n else math.nan, "mean_after": after / n if n else math.nan,
                     "clv": float(part["clv_at_notice"].sum()) if "clv_at_notice" in part else math.nan})
    return pd.DataFrame(rows)


@dataclass(frozen=True, eq=False)
class Staying:
    """Do saved customers stay? ``follow``: one row per decided notice (notice_id, grp 'saved' /
    'lost', duration in days, lost: the next loss was observed); ``curves``: Kaplan-Meier per
    group (time, survival, lo, hi, at_risk, grp); ``logrank_p``; ``again``: saved notices at
    least :data:`AGAIN_DAYS` old followed by another notice within that time (a :class:`Rate`);
    ``again_any``: saved notices followed by another one at any time up to the as-of date."""

    follow: pd.DataFrame
    curves: pd.DataFrame
    logrank_p: float
    again: Rate
    again_any: int
    saved: int


def staying(frame: pd.DataFrame, losses: pd.DataFrame, as_of: date) -> Staying:
    """:class:`Staying` from the decided notices of ``frame`` and the losses of
    :func:`lib.recovery.base` (customer_id, loss_date): the duration runs from the notice date to
    the first loss dated on or after it, censored at ``as_of``."""
    d = frame[frame["decided"]][["notice_id", "customer_id", "date", "saved", "next_notice", "after_complete"]]
    d = d.reset_index(drop=True)
    loss = losses[["customer_id", "loss_date"]].dropna().sort_values("loss_date")
    if len(d) and len(loss):
        m = d.sort_values("date").merge(loss, on="customer_id", how="left")
        m = m[m["loss_date"] >= m["date"]].groupby("notice_id")["loss_date"].min()
        d["next_loss"] = d["notice_id"].map(m)
    else:
        d["next_loss"] = pd.NaT
    d["lost"] = d["next_loss"].notna()
    end = d["next_loss"].where(d["lost"], pd.Timestamp(as_of))
    d["duration"] = (pd.to_datetime(end) - d["date"]).dt.days.astype(float)
    d["grp"] = np.where(d["saved"], "saved", "lost")
    curves = []
    for grp in ("saved", "lost"):
        f = d[d["grp"] == grp]
        if len(f):
            curves.append(chart_curve(survival.kaplan_meier(f["duration"], f["lost"])).assign(grp=grp))
    both = d[d["grp"].isin(("saved", "lost"))]
    p = (survival.logrank(both["duration"], both["lost"], both["grp"]).p_value
         if both["grp"].nunique() == 2 and both["lost"].any() else math.nan)
    saved = d[d["saved"]]
    old = saved[saved["after_complete"]]
    k = int((old["next_notice"].notna() & (old["next_notice"] <= old["date"] + timedelta(days=AGAIN_DAYS))).sum())
    cols = ["time", "survival", "lo", "hi", "at_risk", "grp"]
    return Staying(d[["notice_id", "customer_id", "grp", "date", "next_loss", "duration", "lost"]],
                   pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(columns=cols), p,
                   rate(k, int(len(old))), int(saved["next_notice"].notna().sum()), int(len(saved)))


#: The columns of the open-notice export, in order.
EXPORT_COLUMNS = ("customer_id", "name", "segment", "notice_date", "effective_date", "days_left", "measure",
                  "reason", "stage", "value_group", "clv", "p_alive")


def open_list(pending: pd.DataFrame, metrics_frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The customers with a notice pending at ``as_of`` (:func:`lib.metrics.pending_notices`)
    with their stage, CLV, P(alive) and value group at ``as_of`` (a :attr:`lib.metrics.Metrics.frame`)
    and the days until the notice takes effect (``days_left``; NaN without an effective date),
    sorted by CLV from the highest down (ties by customer id)."""
    cols = ["customer_id", "stage", "clv", "p_alive", "value_group"]
    out = pending.merge(metrics_frame[cols], on="customer_id", how="left")
    out["days_left"] = (out["effective_date"] - pd.Timestamp(as_of)).dt.days
    out["clv"] = out["clv"].astype(float)
    order = np.lexsort((out["customer_id"].astype(str).to_numpy(), -out["clv"].fillna(-np.inf).to_numpy()))
    return out.iloc[order].reset_index(drop=True)


def open_export(frame: pd.DataFrame) -> pd.DataFrame:
    """The open-notice list as exported: dates as dates, rounded numbers, codes as they are
    (the page adds the label columns)."""
    out = frame[[c for c in EXPORT_COLUMNS if c in frame]].copy()
    for c in ("notice_date", "effective_date"):
        out[c] = pd.to_datetime(out[c]).dt.date
    out["clv"] = out["clv"].round(2)
    out["p_alive"] = out["p_alive"].round(4)
    return out
