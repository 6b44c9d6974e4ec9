"""The assessment at the as-of date: signals of every customer who is not lost (active or
sleeping) and the model that scores them (fitted one horizon earlier), the scores, and their summaries per band, score bin and
signal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from lib import db
from lib.queries import load
from lib.risk.model import (BANDS, GRID_ROWS, L2_DEFAULT, L2_GRID, MIN_TRAIN_CUSTOMERS, MIN_TRAIN_OUTCOMES, FitError,
                            LogisticFit, Scorer, Weights, auc, bands, fit_logistic, top_drivers)
from lib.risk.signals import (FEATURE_SIGNAL, FEATURES, SIGNAL_INPUTS, SIGNALS, Settings, _day_number, activity, bgnbd_inputs,
                              fit_p_alive, p_alive, raw_signals, signal_table)


@dataclass(frozen=True)
class Training:
    """The history sample a model is fitted on: signals at ``cutoff``, outcome by ``outcome_end``."""

    cutoff: date
    outcome_end: date
    customers: int
    lost: int
    snapshots: int = 1   # snapshot dates pooled for the fit (the cutoff and earlier ones)
    share: float = 1.0   # share of the customers read at each snapshot (a fixed random sample)
    rows: int = 0        # customer-snapshots in the fit, and how many of them were lost
    rows_lost: int = 0

    @property
    def rate(self) -> float:
        return self.lost / self.customers if self.customers else float("nan")


@dataclass(frozen=True, eq=False)
class Assessment:
    """Signals of every customer not lost at ``as_of`` (active or sleeping: the stages
    :data:`lib.metrics.SCORED_STAGES`) and the model that scores them.

    ``frame``: customer_id, first_purchase, last_purchase, last_contact, n_purchases,
    revenue_12m, recent_revenue, ``sleeping`` (idle beyond the stage rules' idle limit), the
    signal values and ``flag_<signal>`` columns, expectations;
    ``features``: the model inputs aligned with ``frame``. ``method`` is 'logistic' or 'rules';
    ``reason`` says why the rules are used ('chosen', 'short_history', 'few_outcomes',
    'fit_failed'), None for the model. ``known`` counts customers with a purchase by ``as_of``.
    """

    as_of: date
    settings: Settings
    frame: pd.DataFrame
    features: np.ndarray
    method: str
    reason: str | None
    model: LogisticFit | None
    training: Training | None
    bgnbd: tuple[float, ...] | None
    available: db.Available
    known: int
    train_auc: float | None = None

    def scorer(self, weights: Weights = Weights()) -> Scorer:
        if self.method == "logistic" and self.model is not None:
            return Scorer("logistic", self.model.intercept, tuple(map(float, self.model.coef)),
                          tuple(map(float, self.model.mean)), weights, self.bgnbd)
        return Scorer("rules", weights=weights, bgnbd=self.bgnbd)

    @property
    def flags(self) -> np.ndarray:
        return self.frame[[f"flag_{s}" for s in SIGNALS]].to_numpy(dtype=bool)


def _snapshot(raw: pd.DataFrame, day: date) -> pd.DataFrame:
    """The rows of snapshot ``day`` (``raw`` itself when it holds no other: no copy of a million rows)."""
    at = (raw["snap"] == _day_number(day)).to_numpy()
    if at.all():
        return raw if isinstance(raw.index, pd.RangeIndex) and raw.index.start == 0 else raw.reset_index(drop=True)
    return raw.loc[at].reset_index(drop=True)


def _prepare(raw_snap: pd.DataFrame, settings: Settings, params: tuple | None = None, fit_alive: bool = True,
             scored_only: bool = False):
    """Rows, signals, activity and P(alive) of one snapshot: (rows, table, features, activity,
    BG/NBD params). P(alive) is fitted on all rows (``fit_alive``: the model needs every
    customer with a purchase) or computed with the given ``params``; with ``scored_only`` the
    rest is computed for the customers who are scored only (not lost: active or sleeping,
    :func:`lib.risk.signals.activity`)."""
    if fit_alive:
        alive, params = fit_p_alive(raw_snap)
    else:
        alive = p_alive(params, *bgnbd_inputs(raw_snap))
    act = activity(raw_snap, settings.horizon, settings.rules.lost_days)
    rows = raw_snap
    if scored_only:
        keep = act["scored"].to_numpy()
        rows, alive, act = raw_snap.loc[keep].reset_index(drop=True), alive[keep], act.loc[keep].reset_index(drop=True)
    table, features = signal_table(rows, alive, settings.window)
    return rows, table, features, act, params


def training_snapshots(cutoff: date, settings: Settings, first_date: date | None) -> list[date]:
    """The snapshot dates the model learns from, latest first: ``cutoff`` and up to
    ``settings.train_snapshots - 1`` earlier ones ``settings.train_step`` days apart, each with at
    least one recent window of history before it. Every outcome ends by cutoff + horizon."""
    if first_date is None:
        return []
    days = [cutoff - timedelta(days=settings.train_step * k) for k in range(max(settings.train_snapshots, 1))]
    return [d for d in days if d >= first_date + timedelta(days=settings.window)]


def training_share(con: duckdb.DuckDBPyConnection, dataset_id: int, day: date, settings: Settings) -> float:
    """The share of customers the training snapshots read: ``settings.train_customers`` out of
    those with a purchase by ``day`` (at most all of them)."""
    known = int(db.run_query(con, load("risk_known"), {"dataset_id": dataset_id, "as_of": day})["customers"].iloc[0])
    return min(1.0, settings.train_customers / max(known, 1))


def _subsample(X: np.ndarray, y: np.ndarray, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``rows`` rows of (X, y), the same ones in every run (evenly spaced)."""
    if len(y) <= rows:
        return X, y
    keep = np.linspace(0, len(y) - 1, rows).round().astype(int)
    return X[keep], y[keep]


def _penalty(Xs: list[np.ndarray], ys: list[np.ndarray], settings: Settings) -> float:
    """The ridge penalty: ``settings.l2``, or with ``settings.l2 < 0`` the one of :data:`L2_GRID`
    whose fit on the earlier snapshots predicts the latest one best (log-loss): a choice made on
    time order, like the test. Falls back to :data:`L2_DEFAULT` with a single snapshot."""
    if settings.l2 >= 0:
        return settings.l2
    if len(Xs) < 2 or ys[0].min(initial=1) == ys[0].max(initial=0):
        return L2_DEFAULT
    X_old, y_old = _subsample(np.vstack(Xs[1:]), np.concatenate(ys[1:]), GRID_ROWS)
    X_new, y_new = _subsample(Xs[0], ys[0], GRID_ROWS)
    best, best_loss = L2_DEFAULT, np.inf
    for l2 in L2_GRID:
        try:
            fit = fit_logistic(X_old, y_old, l2)
        except (FitError, np.linalg.LinAlgError, ValueError):
            continue
        eta = fit.logit(X_new)
        loss = float(np.mean(np.logaddexp(0.0, eta) - y_new * eta))
        if loss < best_loss - 1e-9:
            best, best_loss = l2, loss
    return best


def _train(raw: pd.DataFrame, cutoff: date, data_end: date, settings: Settings, first_date: date | None,
           share: float = 1.0):
    """Fit the logistic model on signals at the training snapshots (:func:`training_snapshots`
    of ``cutoff``) against the outcome within the horizon after each (all known by
    cutoff + horizon), pooled.

    Returns (model or None, reason or None, Training or None, in-sample AUC or None).
    """
    if settings.method == "rules":
        return None, "chosen", None, None
    snaps = training_snapshots(cutoff, settings, first_date)
    # signals at the cutoff need at least one recent window of history before it
    if not snaps or snaps[0] != cutoff or cutoff + timedelta(days=settings.horizon) > data_end:
        return None, "short_history", None, None
    Xs, ys = [], []
    for day in snaps:
        _, _, X, act, _ = _prepare(_snapshot(raw, day), settings, scored_only=True)
        Xs.append(X)
        ys.append(act["lost"].to_numpy())
    X, y = np.vstack(Xs), np.concatenate(ys)
    training = Training(cutoff, cutoff + timedelta(days=settings.horizon), len(ys[0]), int(ys[0].sum()),
                        snapshots=len(snaps), share=share, rows=len(y), rows_lost=int(y.sum()))
    if (training.customers < MIN_TRAIN_CUSTOMERS
            or min(training.lost, training.customers - training.lost) < MIN_TRAIN_OUTCOMES):
        return None, "few_outcomes", training, None
    try:
        model = fit_logistic(X, y, _penalty(Xs, ys, settings), tuple(name for name, _ in FEATURES))
    except (FitError, np.linalg.LinAlgError, ValueError):
        return None, "fit_failed", training, None
    if not (np.all(np.isfinite(model.coef)) and np.isfinite(model.intercept)):
        return None, "fit_failed", training, None
    return model, None, training, auc(model.predict(X), y)


def assess(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, settings: Settings = Settings()) -> Assessment:
    """Signals at ``as_of`` for every customer not lost (active or sleeping) and the model that
    scores them: the logistic regression fitted on the signals at ``as_of - horizon`` of the
    customers not lost then against the outcome by
    ``as_of`` (nothing after ``as_of`` is read), or the rules when the history is too short or
    they are chosen. One SQL pass per table for both dates together.

    Examples
    --------
    >>> from lib import db, demo
    >>> con = db.connect(":memory:"); _ = demo.generate(con, "d", 400, 3)
    >>> a = assess(con, db.dataset_id(con, "d"), date(2025, 12, 31))
    >>> a.method, len(a.frame) > 100
    ('logistic', True)
    """
    avail = db.available(con, dataset_id)
    cutoff = as_of - timedelta(days=settings.horizon)
    train = training_snapshots(cutoff, settings, avail.first_date) if settings.method != "rules" else []
    share = training_share(con, dataset_id, cutoff, settings) if train else 1.0
    # the scored date and the (sampled) training snapshots apart: the million rows of the first are
    # never copied out of a frame that holds both
    now = raw_signals(con, dataset_id, [as_of], as_of, settings)
    raw = raw_signals(con, dataset_id, train, as_of, settings, shares={d: share for d in train}) if train else now
    rows, table, features, act, params = _prepare(now, settings, scored_only=True)
    model, reason, training, train_auc = _train(raw, cutoff, as_of, settings, avail.first_date, share)
    cols = ["customer_id", "first_purchase", "last_purchase", "last_contact", "n_purchases", "revenue_12m",
            "recent_revenue", "recent_days", "overdue_amount"]
    frame = pd.concat([rows[cols], pd.DataFrame({"sleeping": ~act["active"].to_numpy()}), table], axis=1)
    return Assessment(as_of, settings, frame, features, "logistic" if model is not None else "rules",
                      reason, model, training, params, avail, len(now), train_auc)


@dataclass(frozen=True, eq=False)
class Scores:
    """Scores of an assessment's customers (aligned with its frame): ``score`` 0-100,
    ``contributions`` (n, signals) and ``drivers`` (n, 3) indices into SIGNALS (-1 = none)."""

    score: np.ndarray
    contributions: np.ndarray
    drivers: np.ndarray
    method: str


def score(assessment: Assessment, weights: Weights = Weights()) -> Scores:
    """Score every customer of ``assessment`` (the rule points matter only for the rules)."""
    scorer = assessment.scorer(weights)
    s, contrib = scorer.score(assessment.features, assessment.flags)
    return Scores(s.astype(np.float32), contrib.astype(np.float32),
                  top_drivers(contrib, scorer.min_contribution), scorer.method)


def band_counts(score_values: np.ndarray, revenue: np.ndarray, cuts: tuple[float, float]) -> pd.DataFrame:
    """Customers, share and 12-month revenue per band."""
    b = bands(score_values, cuts)
    n = np.bincount(b, minlength=3)
    rev = np.bincount(b, weights=np.asarray(revenue, dtype=float), minlength=3)
    total = max(int(n.sum()), 1)
    return pd.DataFrame({"band": BANDS, "customers": n, "share": n / total, "revenue_12m": rev})


def score_histogram(score_values: np.ndarray, cuts: tuple[float, float], width: float = 5.0) -> pd.DataFrame:
    """Customers per score bin of ``width`` points with the bin's band (for the chart: 20 rows)."""
    edges = np.arange(0, 100 + width, width)
    counts, _ = np.histogram(np.clip(score_values, 0, 100), bins=edges)
    start = edges[:-1]
    return pd.DataFrame({"start": start, "end": edges[1:], "customers": counts,
                         "band": [BANDS[b] for b in bands(start + width / 2, cuts)]})


def signal_summary(assessment: Assessment, scores: Scores) -> pd.DataFrame:
    """Per signal: customers flagged and their share, customers the signal can be judged for,
    the mean contribution among the flagged, and the model weight: the spread of the signal's
    contribution over the training customers (standard deviation, log-odds) with the Wald test of
    its coefficients (:meth:`LogisticFit.group_weight`); the points for the rules."""
    flags = assessment.flags
    n = max(len(assessment.frame), 1)
    rows = []
    for j, s in enumerate(SIGNALS):
        f = flags[:, j]
        weight = p_value = np.nan
        if assessment.model is not None and scores.method == "logistic":
            weight, p_value = assessment.model.group_weight(FEATURE_SIGNAL[:, j] > 0)
        judged = int(np.isfinite(assessment.frame[s].to_numpy(dtype=float)).sum())
        rows.append({"signal": s, "flagged": int(f.sum()), "share": f.sum() / n, "judged": judged,
                     "mean_contribution": float(scores.contributions[f, j].mean()) if f.any() else np.nan,
                     "weight": weight, "p_value": p_value,
                     "available": assessment.available.has(*SIGNAL_INPUTS[s]) and judged > 0})
    return pd.DataFrame(rows)
