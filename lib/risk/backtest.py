"""The proof: the score tested out of time at a cutoff (ROC and AUC, precision and recall per
band, gains and lift, per signal the loss rate with versus without the flag) and the lead time,
how early it warns before a loss."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from scipy import optimize, special

from lib import db
from lib.risk.assess import Training, _prepare, _snapshot, _train, training_share, training_snapshots
from lib.risk.model import BANDS, Scorer, Weights, auc, bands
from lib.risk.signals import SIGNALS, Settings, _col, raw_signals
from lib.stats import wilson  # one Wilson interval for every page

#: At most this many lost customers are followed month by month for the lead time.
LEAD_SAMPLE = 3000
LEAD_STEP_DAYS = 30
LEAD_MONTHS_BEFORE = 12


# --- validation: ROC, bands, gains, evidence ---------------------------------------------------------

def roc_curve(score_values: np.ndarray, labels: np.ndarray, points: int = 200) -> pd.DataFrame:
    """The ROC curve (false positive rate, true positive rate, threshold), thinned to about
    ``points`` thresholds so a chart of a million customers stays small. Starts at (0, 0) and
    ends at (1, 1)."""
    s = np.asarray(score_values, dtype=float)
    y = np.asarray(labels, dtype=bool)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    distinct = np.r_[np.flatnonzero(np.diff(s)), s.size - 1] if s.size else np.array([], dtype=int)
    tp = np.cumsum(y)[distinct]
    fp = (distinct + 1) - tp
    n1, n0 = max(int(y.sum()), 1), max(int((~y).sum()), 1)
    tpr, fpr, thr = tp / n1, fp / n0, s[distinct]
    if tpr.size > points:
        keep = np.unique(np.linspace(0, tpr.size - 1, points).round().astype(int))
        tpr, fpr, thr = tpr[keep], fpr[keep], thr[keep]
    return pd.DataFrame({"fpr": np.r_[0.0, fpr, 1.0], "tpr": np.r_[0.0, tpr, 1.0],
                         "threshold": np.r_[np.inf, thr, -np.inf]}).drop_duplicates(["fpr", "tpr"]).reset_index(drop=True)


def band_table(score_values: np.ndarray, labels: np.ndarray, cuts: tuple[float, float]) -> pd.DataFrame:
    """Per band: customers, lost, precision (lost / customers in the band), recall (the band's
    share of all lost), and the same for the band and every band above it."""
    b = bands(score_values, cuts)
    y = np.asarray(labels, dtype=bool)
    n = np.bincount(b, minlength=3)
    lost = np.bincount(b, weights=y, minlength=3).astype(int)
    total_lost = max(int(y.sum()), 1)
    cum_n = n[::-1].cumsum()[::-1]
    cum_lost = lost[::-1].cumsum()[::-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({"band": BANDS, "customers": n, "lost": lost,
                             "precision": np.where(n > 0, lost / np.maximum(n, 1), np.nan),
                             "recall": lost / total_lost,
                             "precision_at_or_above": np.where(cum_n > 0, cum_lost / np.maximum(cum_n, 1), np.nan),
                             "recall_at_or_above": cum_lost / total_lost})


def gains(score_values: np.ndarray, labels: np.ndarray, steps: int = 20) -> pd.DataFrame:
    """Cumulative gains and lift: customers sorted by score (highest first), per step of
    1/``steps`` of them the share of all lost customers found and the lift over random
    (gain / share contacted). Starts at (0, 0)."""
    s = np.asarray(score_values, dtype=float)
    y = np.asarray(labels, dtype=bool)[np.argsort(-s, kind="stable")]
    n = y.size
    share = np.arange(1, steps + 1) / steps
    idx = np.maximum(np.round(share * n).astype(int), 1)
    found = np.cumsum(y)[idx - 1] / max(int(y.sum()), 1) if n else np.zeros(steps)
    return pd.DataFrame({"share": np.r_[0.0, share], "gain": np.r_[0.0, found],
                         "lift": np.r_[np.nan, found / share]})


def signal_evidence(flags: np.ndarray, labels: np.ndarray, judged: np.ndarray | None = None) -> pd.DataFrame:
    """Per signal: customers with and without the flag, how many of them were lost, the loss
    rates with 95 % Wilson intervals, and the ratio of the two rates. ``judged`` (n, signals)
    limits each comparison to the customers the signal can be judged for (a drop against the
    baseline needs a baseline: new customers, who are lost more often, would otherwise all sit
    on the "without" side)."""
    y = np.asarray(labels, dtype=bool)
    f = np.asarray(flags, dtype=bool)
    j = np.ones_like(f) if judged is None else np.asarray(judged, dtype=bool)
    n_with = (f & j).sum(axis=0)
    lost_with = (f & j & y[:, None]).sum(axis=0)
    n_without = (~f & j).sum(axis=0)
    lost_without = (~f & j & y[:, None]).sum(axis=0)
    lo_w, hi_w = wilson(lost_with, n_with)
    lo_o, hi_o = wilson(lost_without, n_without)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate_w = np.where(n_with > 0, lost_with / np.maximum(n_with, 1), np.nan)
        rate_o = np.where(n_without > 0, lost_without / np.maximum(n_without, 1), np.nan)
        ratio = rate_w / rate_o
    return pd.DataFrame({"signal": SIGNALS, "with_flag": n_with, "lost_with": lost_with, "rate_with": rate_w,
                         "low_with": lo_w, "high_with": hi_w, "without_flag": n_without,
                         "lost_without": lost_without, "rate_without": rate_o, "low_without": lo_o,
                         "high_without": hi_o, "ratio": ratio})


def top_lift(score_values: np.ndarray, labels: np.ndarray, share: float = 0.1) -> float:
    """Lift in the top ``share`` of customers by score: the loss rate among the
    round(share x n) highest scores (ties in their order of appearance) divided by the overall loss
    rate. NaN without customers or losses.

    Examples
    --------
    >>> top_lift(np.array([0.9, 0.8, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.05]),
    ...          np.array([1, 0, 0, 0, 0, 0, 1, 0, 0, 0]))
    5.0
    """
    s = np.asarray(score_values, dtype=float)
    y = np.asarray(labels, dtype=float)
    if y.size == 0 or y.sum() == 0:
        return float("nan")
    k = max(int(round(share * y.size)), 1)
    top = y[np.argsort(-s, kind="stable")[:k]]
    return float(top.mean() / y.mean())


@dataclass(frozen=True, eq=False)
class Calibration:
    """How well predicted probabilities match what happened.

    ``brier``: mean squared difference of probability and outcome (0 = perfect);
    ``brier_reference``: the Brier score of predicting the observed loss rate for everyone (a
    score below it adds information); ``slope`` and ``intercept``: the logistic recalibration
    logit P(lost) = intercept + slope x logit(p), fitted by maximum likelihood (1 and 0 when the
    probabilities are right, a slope below 1 when they are too extreme, above 1 when too
    timid); ``in_the_large``: the intercept with the slope held at 1 (above 0: losses
    under-predicted on average); ``table``: per tenth of the customers by probability, the
    customers, mean probability and observed loss rate with its 95 % Wilson interval."""

    brier: float
    brier_reference: float
    slope: float
    intercept: float
    in_the_large: float
    table: pd.DataFrame


def calibration(prob: np.ndarray, labels: np.ndarray, groups: int = 10) -> Calibration:
    """:class:`Calibration` of the probabilities ``prob`` (0-1) against the outcomes ``labels``."""
    p = np.clip(np.asarray(prob, dtype=float), 1e-9, 1 - 1e-9)
    y = np.asarray(labels, dtype=float)
    rate = y.mean() if y.size else float("nan")
    x = special.logit(p)
    slope = intercept = in_large = float("nan")
    if y.size and 0 < y.sum() < y.size:
        def nll(theta):
            eta = theta[0] + theta[1] * x
            return float(np.sum(np.logaddexp(0.0, eta) - y * eta))
        res = optimize.minimize(nll, np.array([0.0, 1.0]), method="Nelder-Mead",
                                options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 4000})
        intercept, slope = (float(v) for v in res.x)
        in_large = float(optimize.brentq(lambda a: float(np.sum(y - special.expit(a + x))), -20.0, 20.0))
    order = np.argsort(p, kind="stable")
    parts = np.array_split(order, groups) if y.size else []
    rows = []
    for i, idx in enumerate(parts):
        if idx.size == 0:
            continue
        lost = int(y[idx].sum())
        lo, hi = wilson(np.array([lost]), np.array([idx.size]))
        rows.append({"group": i + 1, "customers": int(idx.size), "predicted": float(p[idx].mean()),
                     "observed": lost / idx.size, "low": float(lo[0]), "high": float(hi[0])})
    table = pd.DataFrame(rows, columns=["group", "customers", "predicted", "observed", "low", "high"])
    return Calibration(float(np.mean((p - y) ** 2)) if y.size else float("nan"),
                       float(rate * (1 - rate)), slope, intercept, in_large, table)


# --- backtest ------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Backtest:
    """The score tested on the customers not lost at ``cutoff`` (active or sleeping, the
    population the score is given to) with the outcome by
    ``cutoff + horizon``; the model fitted one horizon earlier (``training``), so the test is
    out of time. ``score`` / ``lost`` are aligned per tested customer; ``lead`` holds the
    month-by-month scores of a sample of the lost customers (see :func:`lead_times`)."""

    cutoff: date
    horizon: int
    method: str
    reason: str | None
    training: Training | None
    score: np.ndarray
    lost: np.ndarray
    auc: float
    roc: pd.DataFrame
    evidence: pd.DataFrame
    lead: pd.DataFrame | None = None
    lead_snapshots: tuple[date, ...] = ()
    lead_sampled: int = 0
    lead_total: int = 0

    @property
    def customers(self) -> int:
        return int(self.score.size)


def earliest_cutoff(first_date: date, settings: Settings = Settings()) -> date:
    """The first cutoff a backtest can use: one horizon of history for the fit before it, and a
    baseline's worth of purchases before that."""
    return first_date + timedelta(days=settings.horizon + settings.window)


def backtest(con: duckdb.DuckDBPyConnection, dataset_id: int, cutoff: date, settings: Settings = Settings(),
             weights: Weights = Weights(), with_lead: bool = True) -> Backtest:
    """Out-of-time test at ``cutoff``: fit on signals at ``cutoff - horizon`` against the
    outcome by ``cutoff`` (or use the rules), score the customers not lost at ``cutoff`` (active
    or sleeping) and compare with what happened by ``cutoff + horizon``. Reads nothing after
    that date.

    With ``with_lead``, up to :data:`LEAD_SAMPLE` of the customers active at the cutoff and lost
    in the test (a sleeping customer's loss began before the cutoff) are scored
    every 30 days over the 12 months before the cutoff and the horizon after it (the model's
    BG/NBD parameters of the cutoff are used for P(alive) at every snapshot).
    """
    avail = db.available(con, dataset_id)
    data_end = cutoff + timedelta(days=settings.horizon)
    fit_cutoff = cutoff - timedelta(days=settings.horizon)
    train = training_snapshots(fit_cutoff, settings, avail.first_date) if settings.method != "rules" else []
    share = training_share(con, dataset_id, fit_cutoff, settings) if train else 1.0
    raw = raw_signals(con, dataset_id, [cutoff] + train, data_end, settings, shares={d: share for d in train})
    model, reason, training, _ = _train(raw, fit_cutoff, cutoff, settings, avail.first_date, share)
    test = _snapshot(raw, cutoff)
    rows, table, features, act, params = _prepare(test, settings, scored_only=True)
    flags = table[[f"flag_{s}" for s in SIGNALS]].to_numpy(dtype=bool)
    if model is not None:
        scorer = Scorer("logistic", model.intercept, tuple(map(float, model.coef)), tuple(map(float, model.mean)),
                        weights, params)
    else:
        scorer = Scorer("rules", weights=weights, bgnbd=params)
    s, _ = scorer.score(features, flags)
    y = act["lost"].to_numpy()
    judged = np.isfinite(table[list(SIGNALS)].to_numpy(dtype=float))
    out = Backtest(cutoff, settings.horizon, scorer.method, reason, training, s.astype(np.float32), y,
                   auc(s, y), roc_curve(s, y), signal_evidence(flags, y, judged))
    if not with_lead or not y.any():
        return out
    warnable = y & act["active"].to_numpy()
    if not warnable.any():
        return out
    lost_ids = rows["customer_id"].to_numpy()[warnable]
    loss_day = act["loss_day"].to_numpy()[warnable]
    order = np.argsort(pd.util.hash_array(lost_ids.astype(object)), kind="stable")[:LEAD_SAMPLE]
    sample = pd.DataFrame({"customer_id": lost_ids[order], "loss_day": loss_day[order]})
    lead_snaps = tuple(sorted({cutoff - timedelta(days=LEAD_STEP_DAYS * k) for k in range(LEAD_MONTHS_BEFORE)}
                              | {cutoff + timedelta(days=LEAD_STEP_DAYS * k)
                                 for k in range(1, settings.horizon // LEAD_STEP_DAYS + 1)
                                 if LEAD_STEP_DAYS * k < settings.horizon}))
    lead = _snapshot_scores(con, dataset_id, sample["customer_id"].tolist(), lead_snaps, data_end, settings, scorer)
    lead = lead.merge(sample, on="customer_id")
    return Backtest(**{**out.__dict__, "lead": lead, "lead_snapshots": lead_snaps,
                       "lead_sampled": len(sample), "lead_total": int(warnable.sum())})


def _snapshot_scores(con, dataset_id: int, customers: list[str], snaps: tuple[date, ...], data_end: date,
                     settings: Settings, scorer: Scorer) -> pd.DataFrame:
    """customer_id, snap, active, score (NaN when not scored: lost) for the given customers."""
    raw = raw_signals(con, dataset_id, list(snaps), data_end, settings, customers=customers)
    if raw.empty:
        return pd.DataFrame({"customer_id": [], "snap": [], "active": [], "score": []})
    _, table, features, act, _ = _prepare(raw, settings, scorer.bgnbd, fit_alive=False)
    flags = table[[f"flag_{s}" for s in SIGNALS]].to_numpy(dtype=bool)
    s, _ = scorer.score(features, flags)
    active = act["active"].to_numpy()
    return pd.DataFrame({"customer_id": raw["customer_id"].to_numpy(), "snap": _col(raw, "snap"),
                         "active": active, "score": np.where(act["scored"].to_numpy(), s, np.nan)})


def lead_times(bt: Backtest, level: float) -> pd.DataFrame:
    """Per sampled lost customer: the days from the first flag to the loss, where "flagged"
    means a score of at least ``level`` at every monthly snapshot from that one up to the last
    snapshot before the loss (flagged without interruption since). ``lead_days`` is NaN when the
    customer was not flagged at the last snapshot before the loss (missed)."""
    if bt.lead is None or bt.lead.empty:
        return pd.DataFrame({"customer_id": [], "loss_day": [], "lead_days": []})
    df = bt.lead.loc[bt.lead["snap"] < bt.lead["loss_day"]].sort_values(["customer_id", "snap"])
    flagged = (df["score"].to_numpy() >= level)
    df = df.assign(flagged=flagged)
    rows = []
    for cid, group in df.groupby("customer_id", sort=False):
        f = group["flagged"].to_numpy()
        snaps = group["snap"].to_numpy()
        loss = float(group["loss_day"].iloc[0])
        if f.size == 0 or not f[-1]:
            rows.append((cid, loss, np.nan))
            continue
        breaks = np.flatnonzero(~f)
        start = breaks[-1] + 1 if breaks.size else 0
        rows.append((cid, loss, loss - snaps[start]))
    missing = set(bt.lead["customer_id"]) - set(df["customer_id"])
    rows += [(cid, float(bt.lead.loc[bt.lead["customer_id"] == cid, "loss_day"].iloc[0]), np.nan) for cid in missing]
    return pd.DataFrame(rows, columns=["customer_id", "loss_day", "lead_days"])


def lead_histogram(leads: pd.DataFrame, step: int = 30, until: int = 360) -> pd.DataFrame:
    """Lost customers per lead-time bucket: 'missed' (not flagged before the loss), then
    0-29, 30-59, ... days, and the last bucket open-ended."""
    d = leads["lead_days"].to_numpy(dtype=float)
    edges = list(range(0, until + step, step))
    labels = ["missed"] + [f"{a}–{b - 1}" for a, b in zip(edges[:-1], edges[1:])] + [f"≥ {until}"]
    idx = np.where(np.isnan(d), 0, 1 + np.clip(np.floor(np.nan_to_num(d) / step).astype(int), 0, len(edges) - 1))
    counts = np.bincount(idx, minlength=len(labels))
    return pd.DataFrame({"bucket": labels, "order": range(len(labels)), "customers": counts})


def backtest_auc(con: duckdb.DuckDBPyConnection, dataset_id: int, cutoff: date, settings: Settings = Settings()) -> float:
    """The out-of-time AUC at ``cutoff`` (for ``make bench``): the model fitted on signals at
    ``cutoff - horizon``, tested on the customers not lost at ``cutoff``.

    Examples
    --------
    >>> from lib import db, demo
    >>> con = db.connect(":memory:"); _ = demo.generate(con, "d", 600, 5)
    >>> backtest_auc(con, db.dataset_id(con, "d"), date(2025, 7, 4)) > 0.6
    True
    """
    return backtest(con, dataset_id, cutoff, settings, with_lead=False).auc
