"""Churn risk (Abwanderungsrisiko): early-warning signals per customer, an explainable risk
score fitted and validated on the dataset's own history, the backtest that proves how well and
how early it warns, survival by group, the watch list and one customer's full story.

This module owns

* the **signals** (:data:`SIGNALS`): DuckDB aggregates per customer and snapshot date
  (lib/queries/risk_signals.sql) turned into a value, a flag and a model feature per signal
  (:func:`signal_table`); each compares a recent window (90 days by default) with the
  customer's own baseline (the 365 days before it);
* the **risk score** 0-100: a logistic regression fitted with scipy on signals at a past cutoff
  (as-of date minus the 180-day horizon) against "lost within the next 180 days"
  (:func:`fit_logistic`), or, when the history is too short, a rule-based score with editable
  points per flag (:class:`Weights`); drivers per customer are the contributions;
* the **backtest** at a chosen cutoff: the model fitted one horizon earlier and tested on the
  cutoff's customers (out of time): ROC and AUC, precision and recall per band, gains and lift,
  lead time, and per signal the loss rate with versus without the flag (:func:`backtest`);
* **survival** after a start date by value group, segment, stage or acquisition channel
  (:func:`lifetimes`; the maths is :mod:`lib.survival`);
* the **watch list**, the value x risk quadrant, one customer's **story** and the CLI export.

Definitions shared with other pages. The stage rules are the lifecycle page's (issue 4) with its
default thresholds (:class:`StageRules`); :func:`stages` is this module's own SQL implementation
of them (lib/queries/risk_stages.sql) because lib.lifecycle's per-customer stages are keyed by
its internal customer index and need its derived tables built. P(alive) is the BG/NBD model of
:mod:`lib.clv` fitted exactly as :func:`lib.value.clv_model` fits it (same summary, same
function), so the numbers equal the value page's; CLV comes from :mod:`lib.value` itself.

"Lost within the horizon" (the outcome): a churn record in (s, s + horizon], or no purchase in
that time while the idle days at its end exceed the sleeping threshold
min(lost_days, max(sleep_days, sleep_factor x usual gap)) — the customer became sleeping or lost.
Only customers still active at s (not sleeping, not lost) are scored and modelled; sleeping and
lost customers are the recovery page's.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from lib import clv, db, survival
from lib.queries import load
from lib.stats import wilson  # one Wilson interval for every page

#: The signals in display order. Each has a value, a flag and a model feature (see signal_table).
SIGNALS = ("frequency_drop", "revenue_drop", "silence", "complaints", "disputes", "payment_delay", "overdue",
           "inbound_decline", "competitor", "cancellation", "p_alive", "new_customer")
#: The input table each signal needs (transactions: always there).
SIGNAL_SOURCE = {"frequency_drop": "transactions", "revenue_drop": "transactions", "silence": "transactions",
                 "new_customer": "transactions", "complaints": "events",
                 "disputes": "events", "payment_delay": "invoices", "overdue": "invoices",
                 "inbound_decline": "events", "competitor": "events", "cancellation": "events",
                 "p_alive": "transactions"}
BANDS = ("low", "medium", "high")
BASELINE_DAYS = 365
#: A baseline shorter than this many days (a newer customer) is too short to compare against.
MIN_EXPOSURE = 30
#: Flag thresholds (shown in the definitions on the page).
DROP_SHARE = 0.5         # frequency / revenue / inbound contacts at most half of the expected
MIN_EXPECTED = 1.0       # ... and at least one purchase day (contact) expected in the window
COMPLAINT_FACTOR = 2.0   # complaints at least twice the expected number (and at least one)
DELAY_RISE_DAYS = 10.0   # invoices paid at least 10 days later than in the baseline
P_ALIVE_LOW = 0.5        # BG/NBD probability of still being a customer below one half
SILENCE_SHARE = 0.5      # idle for more than half the days after which the customer counts as sleeping
NEW_DAYS = 180           # a new customer: first purchase less than 180 days ago (the start phase)
#: Minimum sample for fitting the logistic model on history.
MIN_TRAIN_CUSTOMERS = 200
MIN_TRAIN_OUTCOMES = 20
#: At most this many lost customers are followed month by month for the lead time.
LEAD_SAMPLE = 3000
LEAD_STEP_DAYS = 30
LEAD_MONTHS_BEFORE = 12
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


# --- parameters ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class StageRules:
    """The lifecycle stage thresholds (issue 4; the defaults of lib.lifecycle.Thresholds)."""

    new_days: int = 90
    growth: float = 1.2
    decline: float = 0.7
    sleep_days: int = 180
    sleep_factor: float = 3.0
    lost_days: int = 365
    won_back_days: int = 365

    def params(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Settings:
    """How signals and score are computed. Frozen and hashable (a cache key).

    ``window``: days of the recent window; ``horizon``: days of the outcome ("lost within");
    ``method``: 'auto' (the logistic model when the history allows, else the rules) or 'rules';
    ``overdue_days``: an open invoice counts as overdue this many days after its due date;
    ``l2``: ridge penalty on the standardised coefficients.
    """

    window: int = 90
    horizon: int = 180
    method: str = "auto"
    overdue_days: int = 30
    l2: float = 1e-3
    rules: StageRules = StageRules()


@dataclass(frozen=True)
class Weights:
    """Points per flagged signal for the rule-based score (capped at 100).

    Examples
    --------
    >>> Weights().points["cancellation"]
    40.0
    >>> Weights.from_dict({"disputes": 30}).points["disputes"]
    30.0
    """

    values: tuple[tuple[str, float], ...] = (
        ("frequency_drop", 15.0), ("revenue_drop", 10.0), ("silence", 15.0), ("complaints", 15.0),
        ("disputes", 15.0), ("payment_delay", 10.0), ("overdue", 10.0), ("inbound_decline", 5.0),
        ("competitor", 15.0), ("cancellation", 40.0), ("p_alive", 20.0), ("new_customer", 10.0),
    )

    @property
    def points(self) -> dict[str, float]:
        return dict(self.values)

    @classmethod
    def from_dict(cls, points: dict[str, float]) -> "Weights":
        base = dict(cls().values)
        base.update({k: float(v) for k, v in points.items() if k in base})
        return cls(tuple((s, float(base[s])) for s in SIGNALS))

    def vector(self) -> np.ndarray:
        p = self.points
        return np.array([p.get(s, 0.0) for s in SIGNALS], dtype=float)


DEFAULT_BANDS = {"logistic": (15.0, 35.0), "rules": (30.0, 60.0)}
"""Score cut-offs per method: low below the first, high from the second on. The model's score
is a probability in % (a typical half-year loss rate is 5-15 %), the rules' score is points."""


def default_bands(method: str) -> tuple[float, float]:
    """The default band cut-offs for ``method`` ('logistic' or 'rules')."""
    return DEFAULT_BANDS.get(method, DEFAULT_BANDS["rules"])


# --- SQL plumbing --------------------------------------------------------------------------------

def _run(con: duckdb.DuckDBPyConnection, name: str, values: dict, **frames: pd.DataFrame) -> pd.DataFrame:
    """Run lib/queries/<name>.sql with the named parameters it uses, over registered frames."""
    sql = load(name)
    used = set(_PARAM.findall(sql))
    missing = used - set(values)
    if missing:
        raise KeyError(f"query {name}: parameters not given: {sorted(missing)}")
    for key, frame in frames.items():
        con.register(key, frame)
    try:
        return con.execute(sql, {k: values[k] for k in used}).df()
    finally:
        for key in frames:
            con.unregister(key)


def _who(customers) -> tuple[bool, pd.DataFrame]:
    ids = [] if customers is None else [str(c) for c in customers]
    return customers is None, pd.DataFrame({"customer_id": pd.Series(ids, dtype=object)})


def _days(values) -> np.ndarray:
    """Dates (datetime64, date objects or NaT) as day numbers since 1970 (float, NaN = none).

    Examples
    --------
    >>> _days([date(1970, 1, 11), None]).tolist()
    [10.0, nan]
    """
    arr = pd.to_datetime(pd.Series(values)).to_numpy("datetime64[D]")
    out = arr.astype("int64").astype(float)
    out[np.isnat(arr)] = np.nan
    return out


def _day_number(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def to_dates(days) -> np.ndarray:
    """Day numbers since 1970 (NaN = none) as datetime64[D] (NaT = none), for display."""
    d = np.asarray(days, dtype=float)
    out = np.full(d.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = np.isfinite(d)
    out[ok] = d[ok].astype("int64").astype("datetime64[D]")
    return out


@dataclass(frozen=True)
class Available:
    """Which optional tables the dataset holds rows in, and its transaction date range."""

    customers: bool
    events: bool
    invoices: bool
    churn: bool
    surveys: bool
    winback: bool
    first_date: date | None
    last_date: date | None

    def has(self, table: str) -> bool:
        return table == "transactions" or bool(getattr(self, table, False))

    def signals(self) -> tuple[str, ...]:
        """The signals this dataset can compute."""
        return tuple(s for s in SIGNALS if self.has(SIGNAL_SOURCE[s]))


def available(con: duckdb.DuckDBPyConnection, dataset_id: int) -> Available:
    """Which optional tables ``dataset_id`` has rows in (cheap: one EXISTS per table), and the
    date range of its transactions."""
    present = db.present_tables(con, dataset_id)
    row = _run(con, "risk_available", {"dataset_id": dataset_id}).iloc[0]
    first, last = (None if pd.isna(row[c]) else pd.Timestamp(row[c]).date() for c in ("first_date", "last_date"))
    return Available(*(present[t] for t in ("customers", "events", "invoices", "churn", "surveys", "winback")),
                     first, last)


def raw_signals(con: duckdb.DuckDBPyConnection, dataset_id: int, snaps: list[date], data_end: date,
                settings: Settings = Settings(), customers=None) -> pd.DataFrame:
    """lib/queries/risk_signals.sql for the snapshot dates ``snaps``, reading nothing after
    ``data_end``; one row per customer with a purchase by the snapshot (dates as day numbers
    since 1970, NaN = none). ``customers`` limits it to those ids (None = all)."""
    everyone, who = _who(customers)
    snap_frame = pd.DataFrame({"snap": pd.Series(sorted(set(snaps)), dtype=object)})
    values = {"dataset_id": dataset_id, "all": everyone, "data_end": data_end, "window": settings.window,
              "baseline": BASELINE_DAYS, "horizon": settings.horizon, "overdue_days": settings.overdue_days}
    # rows come in no particular order: every use is per row or an order-free sum
    return _run(con, "risk_signals", values, risk_snaps=snap_frame, risk_who=who)


# --- signals -------------------------------------------------------------------------------------

def _col(raw: pd.DataFrame, name: str) -> np.ndarray:
    return raw[name].to_numpy(dtype=float, na_value=np.nan)


def thresholds(raw: pd.DataFrame, rules: StageRules) -> np.ndarray:
    """Idle days after which each customer counts as sleeping or lost:
    min(lost_days, max(sleep_days, sleep_factor x usual gap))."""
    n = _col(raw, "n_purchases")
    first, last = _col(raw, "first_purchase"), _col(raw, "last_purchase")
    gap = np.where(n > 1, (last - first) / np.maximum(n - 1, 1), 0.0)
    return np.minimum(rules.lost_days, np.maximum(rules.sleep_days, rules.sleep_factor * gap))


def activity(raw: pd.DataFrame, rules: StageRules, horizon: int) -> pd.DataFrame:
    """Per row of :func:`raw_signals`: ``active`` at the snapshot (not sleeping, not lost),
    ``lost`` within the horizon after it and the ``loss_date`` (see the module docstring)."""
    snap = _col(raw, "snap")
    last = _col(raw, "last_purchase")
    last_churn = _col(raw, "last_churn")
    thr = thresholds(raw, rules)
    with np.errstate(invalid="ignore"):
        active = ~(last_churn >= last) & (snap - last <= thr)
    next_churn = _col(raw, "next_churn")
    silent = np.isnan(_col(raw, "next_purchase")) & (snap + horizon - last > thr)
    silent_day = np.where(silent, last + np.floor(thr) + 1, np.nan)
    loss = np.fmin(next_churn, silent_day)
    return pd.DataFrame({"active": active, "lost": np.isfinite(loss), "loss_day": loss})


def bgnbd_inputs(raw: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x, T) in weeks, as lib.clv.summary_from_db computes them."""
    first, last, snap = _col(raw, "first_purchase"), _col(raw, "last_purchase"), _col(raw, "snap")
    return _col(raw, "n_purchases") - 1, (last - first) / 7, (snap - first) / 7


def fit_p_alive(raw: pd.DataFrame) -> tuple[np.ndarray, tuple[float, ...] | None]:
    """BG/NBD P(alive) for every row of one snapshot (all customers with a purchase by then),
    fitted exactly as lib.value.clv_model fits it; NaN and None when the model cannot be fitted."""
    x, t_x, T = bgnbd_inputs(raw)
    try:
        fit = clv.fit_bgnbd(x, t_x, T)
    except clv.FitError:
        return np.full(len(raw), np.nan), None
    return p_alive(fit.params, x, t_x, T), tuple(float(p) for p in fit.params)


def p_alive(params: tuple[float, ...] | None, x, t_x, T) -> np.ndarray:
    """BG/NBD P(alive) with the given (r, alpha, a, b); computed once per distinct history."""
    if params is None:
        return np.full(np.size(x), np.nan)
    fit = clv.BGNBDFit(*params, 0.0, {}, 0, True, "")
    gx, gt, gT, inv = clv._unique_histories(*clv._rfm_arrays(x, t_x, T))
    return np.asarray(clv.p_alive(fit, gx, gt, gT), dtype=float)[inv]


def signal_table(raw: pd.DataFrame, alive: np.ndarray, window: int,
                 rules: StageRules = StageRules()) -> tuple[pd.DataFrame, np.ndarray]:
    """Values, flags and model features of the signals for the rows of :func:`raw_signals`.

    Returns ``(table, features)``: ``table`` has ``<signal>`` (the value; NaN = cannot be
    judged for this customer), ``flag_<signal>`` and the expectations ``expected_days``,
    ``expected_revenue``, ``expected_complaints``, ``expected_inbound`` (what the baseline
    predicts for the recent window); ``features`` is an (n, 12) array in :data:`SIGNALS` order.

    Definitions (W = window days; expected = baseline count x W / baseline exposure days, judged
    only with at least 30 days of baseline):

    ========================  ======================================  =====================================
    signal                    value                                   flag
    ========================  ======================================  =====================================
    frequency_drop            1 - recent purchase days / expected     >= 0.5, with >= 1 day expected
    revenue_drop              1 - recent revenue / expected           >= 0.5, with >= 2 baseline purchase days
    silence                   days since the last purchase            > half the sleeping threshold
                                                                      min(365, max(180, 3 x usual gap))
    complaints                complaints in the window                >= 1 and >= 2 x expected
    disputes                  disputes in the window                  >= 1
    payment_delay             mean days late of invoices due in the   >= 10 days
                              window minus the baseline's (0 = none)
    overdue                   invoices open > 30 days past due        >= 1
    inbound_decline           1 - recent inbound contacts / expected  >= 0.5, with >= 1 contact expected
    competitor                competitor mentions in the window       >= 1
    cancellation              cancellation notices in the window      >= 1
    p_alive                   BG/NBD probability of being alive       < 0.5
    new_customer              days since the first purchase           < 180 (the start phase)
    ========================  ======================================  =====================================

    Features: log((expected + 0.5) / (recent + 0.5)) for purchase days and inbound contacts
    (0 without a baseline), the revenue drop clipped to [-1, 1], idle days / sleeping threshold,
    log((recent + 0.5) / (expected + 0.5)) for complaints, log(1 + count) for disputes, overdue
    invoices and competitor mentions, the delay rise / 30 clipped to [-1, 3], 1 if a cancellation
    notice, 1 - P(alive), exp(-days since the first purchase / 180).
    """
    n = len(raw)
    expo = _col(raw, "base_exposure")
    has_base = expo >= MIN_EXPOSURE
    scale = np.where(has_base, window / np.maximum(expo, 1.0), np.nan)

    recent_days, base_days = _col(raw, "recent_days"), _col(raw, "base_days")
    exp_days = base_days * scale
    judged = has_base & (exp_days >= MIN_EXPECTED)
    with np.errstate(divide="ignore", invalid="ignore"):
        freq = np.where(judged, 1 - recent_days / exp_days, np.nan)
    freq_x = np.where(has_base, np.log((np.nan_to_num(exp_days) + 0.5) / (recent_days + 0.5)), 0.0)

    rev_recent, rev_base = _col(raw, "recent_revenue"), _col(raw, "base_revenue")
    exp_rev = rev_base * scale
    judged_rev = has_base & (base_days >= 2) & (exp_rev > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rev = np.where(judged_rev, 1 - rev_recent / exp_rev, np.nan)
    rev_x = np.where(judged_rev, np.clip(np.nan_to_num(rev), -1, 1), 0.0)

    compl = _col(raw, "complaints_recent")
    exp_compl = np.where(has_base, _col(raw, "complaints_base") * np.nan_to_num(scale), 0.0)
    compl_flag = (compl >= 1) & (compl >= COMPLAINT_FACTOR * exp_compl)
    compl_x = np.log((compl + 0.5) / (exp_compl + 0.5))

    disputes = _col(raw, "disputes_recent")
    late_recent, late_base = _col(raw, "late_recent"), _col(raw, "late_base")
    delay = np.where(_col(raw, "invoices_recent") > 0, late_recent - np.nan_to_num(late_base), np.nan)
    delay_x = np.clip(np.nan_to_num(delay) / 30, -1, 3)
    overdue = _col(raw, "overdue")

    inb = _col(raw, "inbound_recent")
    exp_inb = _col(raw, "inbound_base") * scale
    judged_inb = has_base & (exp_inb >= MIN_EXPECTED)
    with np.errstate(divide="ignore", invalid="ignore"):
        inb_drop = np.where(judged_inb, 1 - inb / exp_inb, np.nan)
    inb_x = np.where(has_base, np.log((np.nan_to_num(exp_inb) + 0.5) / (inb + 0.5)), 0.0)

    comp = _col(raw, "competitor_recent")
    cancel = _col(raw, "cancel_recent")
    alive = np.asarray(alive, dtype=float)
    snap = _col(raw, "snap")
    idle = snap - _col(raw, "last_purchase")
    thr = thresholds(raw, rules)
    tenure = snap - _col(raw, "first_purchase")

    values = {"frequency_drop": freq, "revenue_drop": rev, "silence": idle, "complaints": compl,
              "disputes": disputes, "payment_delay": delay, "overdue": overdue, "inbound_decline": inb_drop,
              "competitor": comp, "cancellation": cancel, "p_alive": alive, "new_customer": tenure}
    with np.errstate(invalid="ignore"):
        flags = {"frequency_drop": freq >= DROP_SHARE, "revenue_drop": rev >= DROP_SHARE,
                 "silence": idle > SILENCE_SHARE * thr, "complaints": compl_flag, "disputes": disputes >= 1,
                 "payment_delay": delay >= DELAY_RISE_DAYS, "overdue": overdue >= 1,
                 "inbound_decline": inb_drop >= DROP_SHARE, "competitor": comp >= 1, "cancellation": cancel >= 1,
                 "p_alive": alive < P_ALIVE_LOW, "new_customer": tenure < NEW_DAYS}
    columns = (freq_x, rev_x, idle / thr, compl_x, np.log1p(disputes), delay_x, np.log1p(overdue), inb_x,
               np.log1p(comp), np.minimum(cancel, 1), np.where(np.isfinite(alive), 1 - alive, 0.0),
               np.exp(-tenure / NEW_DAYS))
    features = np.empty((n, len(columns)))
    for j, col in enumerate(columns):
        features[:, j] = col
    table = pd.DataFrame({**{s: values[s] for s in SIGNALS}, **{f"flag_{s}": flags[s] for s in SIGNALS},
                          "expected_days": exp_days, "expected_revenue": exp_rev,
                          "expected_complaints": exp_compl, "expected_inbound": exp_inb}, index=raw.index)
    assert features.shape == (n, len(SIGNALS))
    return table, features


# --- the logistic model ----------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LogisticFit:
    """A fitted logistic regression on the original feature scale: P(lost) = expit(intercept +
    X @ coef). ``mean`` is the training mean (contributions are measured against it), ``scale``
    the training standard deviation (the ridge penalty acts on ``coef * scale``); ``se`` the
    standard errors of ``coef`` from the penalised Hessian."""

    names: tuple[str, ...]
    intercept: float
    coef: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    se: np.ndarray
    l2: float
    loglik: float
    n: int
    positives: int
    converged: bool
    iterations: int

    def logit(self, X: np.ndarray) -> np.ndarray:
        return self.intercept + np.asarray(X, dtype=float) @ self.coef

    def predict(self, X: np.ndarray) -> np.ndarray:
        return special.expit(self.logit(X))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per row and feature: coef x (x - training mean), in log-odds; their sum plus the
        log-odds of the average training customer is the row's log-odds."""
        return (np.asarray(X, dtype=float) - self.mean) * self.coef

    @property
    def standardised(self) -> np.ndarray:
        """Change in log-odds per standard deviation of each feature (comparable weights)."""
        return self.coef * self.scale


class FitError(Exception):
    """The logistic model cannot be fitted (too few customers or outcomes, no convergence)."""


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, names: tuple[str, ...] | None = None) -> LogisticFit:
    """Maximum (penalised) likelihood logistic regression with an analytic gradient.

    Minimises mean(-y log p - (1 - y) log(1 - p)) + l2 / 2 * |beta_std|^2 over the intercept and
    the coefficients of the standardised features (the intercept is not penalised), with
    ``scipy.optimize.minimize`` (L-BFGS-B). Constant features get coefficient 0.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(4000, 2))
    >>> y = rng.random(4000) < special.expit(-1 + X @ np.array([1.5, -0.5]))
    >>> fit = fit_logistic(X, y, l2=0)
    >>> bool(np.allclose(fit.coef, [1.5, -0.5], atol=0.15)), bool(abs(fit.intercept + 1) < 0.15)
    (True, True)
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, k = X.shape
    if n == 0 or y.min(initial=1) == y.max(initial=0):
        raise FitError("the outcome has only one value")
    mean = X.mean(axis=0)
    sd = X.std(axis=0)
    constant = sd < 1e-12
    scale = np.where(constant, 1.0, sd)
    Z = np.column_stack([np.ones(n), np.where(constant, 0.0, (X - mean) / scale)])
    penalty = np.full(k + 1, l2)
    penalty[0] = 0.0

    def objective(theta):
        eta = Z @ theta
        loss = (np.logaddexp(0.0, eta) - y * eta).mean()  # -log-likelihood: log(1 + e^eta) - y eta
        grad = Z.T @ (special.expit(eta) - y) / n
        return loss + 0.5 * np.sum(penalty * theta ** 2), grad + penalty * theta

    theta0 = np.zeros(k + 1)
    rate = y.mean()
    theta0[0] = math.log(rate / (1 - rate))
    res = optimize.minimize(objective, theta0, jac=True, method="L-BFGS-B",
                            options={"maxiter": 1000, "gtol": 1e-9, "ftol": 1e-14})
    theta = res.x
    theta[1:][constant] = 0.0
    p = special.expit(Z @ theta)
    hessian = (Z * (p * (1 - p))[:, None]).T @ Z / n + np.diag(penalty) + np.diag(np.r_[0, constant.astype(float)])
    try:
        cov = np.linalg.inv(hessian) / n
        se_std = np.sqrt(np.clip(np.diag(cov)[1:], 0, None))
    except np.linalg.LinAlgError:
        se_std = np.full(k, np.nan)
    coef = theta[1:] / scale
    intercept = float(theta[0] - np.sum(coef * mean))
    loglik = float((y * special.log_expit(Z @ theta) + (1 - y) * special.log_expit(-(Z @ theta))).sum())
    return LogisticFit(tuple(names or (f"x{i}" for i in range(k))), intercept, coef, mean, scale,
                       np.where(constant, np.nan, se_std / scale), l2, loglik, n, int(y.sum()),
                       bool(res.success), int(res.nit))


# --- scoring ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scorer:
    """Everything needed to score features: the method, the logistic coefficients (log-odds) and
    training means, or the rule points; and the BG/NBD parameters P(alive) is computed with.
    Small, frozen and hashable, so the story and the exports can be cached on it."""

    method: str                                   # 'logistic' | 'rules'
    intercept: float = 0.0
    coef: tuple[float, ...] = ()
    mean: tuple[float, ...] = ()
    weights: Weights = Weights()
    bgnbd: tuple[float, ...] | None = None

    def score(self, features: np.ndarray, flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(score 0-100, contributions per signal). Logistic: 100 x P(lost within the horizon),
        contributions in log-odds against the average training customer. Rules: the sum of the
        points of the flagged signals, capped at 100; contributions in points."""
        features = np.asarray(features, dtype=float).reshape(-1, len(SIGNALS))
        flags = np.asarray(flags, dtype=bool).reshape(-1, len(SIGNALS))
        if self.method == "logistic":
            coef, mean = np.asarray(self.coef), np.asarray(self.mean)
            contrib = (features - mean) * coef
            score = 100 * special.expit(self.intercept + features @ coef)
            return score, contrib
        contrib = flags * self.weights.vector()
        return np.minimum(contrib.sum(axis=1), 100.0), contrib

    @property
    def min_contribution(self) -> float:
        """A driver must add at least this much (0.1 log-odds, or any points)."""
        return 0.1 if self.method == "logistic" else 1e-9


def top_drivers(contrib: np.ndarray, minimum: float, k: int = 3) -> np.ndarray:
    """Indices into :data:`SIGNALS` of each row's ``k`` largest contributions above ``minimum``,
    largest first; -1 where there are fewer.

    Examples
    --------
    >>> top_drivers(np.array([[0.5, 0.0, 2.0, 0.05]]), 0.1).tolist()
    [[2, 0, -1]]
    """
    c = np.asarray(contrib, dtype=float)
    order = np.argsort(-c, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(c, order, axis=1)
    return np.where(best > minimum, order, -1).astype(np.int8)


def bands(score: np.ndarray, cuts: tuple[float, float] = (30.0, 60.0)) -> np.ndarray:
    """0 low, 1 medium, 2 high: medium from ``cuts[0]``, high from ``cuts[1]`` on.

    Examples
    --------
    >>> bands(np.array([0, 29.9, 30, 59.9, 60, 100])).tolist()
    [0, 0, 1, 1, 2, 2]
    """
    return np.digitize(np.asarray(score, dtype=float), np.asarray(cuts, dtype=float)).astype(np.int8)


# --- the assessment at the as-of date ------------------------------------------------------------

@dataclass(frozen=True)
class Training:
    """The history sample a model is fitted on: signals at ``cutoff``, outcome by ``outcome_end``."""

    cutoff: date
    outcome_end: date
    customers: int
    lost: int

    @property
    def rate(self) -> float:
        return self.lost / self.customers if self.customers else float("nan")


@dataclass(frozen=True, eq=False)
class Assessment:
    """Signals of every active customer at ``as_of`` and the model that scores them.

    ``frame``: customer_id, first_purchase, last_purchase, last_contact, n_purchases,
    revenue_12m, recent_revenue, the signal values and ``flag_<signal>`` columns, expectations;
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
    available: Available
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
    return raw.loc[raw["snap"] == _day_number(day)].reset_index(drop=True)


def _prepare(raw_snap: pd.DataFrame, settings: Settings, params: tuple | None = None, fit_alive: bool = True,
             active_only: bool = False):
    """Rows, signals, activity and P(alive) of one snapshot: (rows, table, features, activity,
    BG/NBD params). P(alive) is fitted on all rows (``fit_alive``: the model needs every
    customer with a purchase) or computed with the given ``params``; with ``active_only`` the
    rest is computed for the active customers only."""
    if fit_alive:
        alive, params = fit_p_alive(raw_snap)
    else:
        alive = p_alive(params, *bgnbd_inputs(raw_snap))
    act = activity(raw_snap, settings.rules, settings.horizon)
    rows = raw_snap
    if active_only:
        keep = act["active"].to_numpy()
        rows, alive, act = raw_snap.loc[keep].reset_index(drop=True), alive[keep], act.loc[keep].reset_index(drop=True)
    table, features = signal_table(rows, alive, settings.window, settings.rules)
    return rows, table, features, act, params


def _train(raw: pd.DataFrame, cutoff: date, data_end: date, settings: Settings, first_date: date | None):
    """Fit the logistic model on signals at ``cutoff`` against the outcome by cutoff + horizon.

    Returns (model or None, reason or None, Training or None, in-sample AUC or None).
    """
    if settings.method == "rules":
        return None, "chosen", None, None
    # signals at the cutoff need at least one recent window of history before it
    if (first_date is None or cutoff < first_date + timedelta(days=settings.window)
            or cutoff + timedelta(days=settings.horizon) > data_end):
        return None, "short_history", None, None
    _, _, X, act, _ = _prepare(_snapshot(raw, cutoff), settings, active_only=True)
    y = act["lost"].to_numpy()
    training = Training(cutoff, cutoff + timedelta(days=settings.horizon), len(y), int(y.sum()))
    if (training.customers < MIN_TRAIN_CUSTOMERS
            or min(training.lost, training.customers - training.lost) < MIN_TRAIN_OUTCOMES):
        return None, "few_outcomes", training, None
    try:
        model = fit_logistic(X, y, settings.l2, SIGNALS)
    except (FitError, np.linalg.LinAlgError, ValueError):
        return None, "fit_failed", training, None
    if not (np.all(np.isfinite(model.coef)) and np.isfinite(model.intercept)):
        return None, "fit_failed", training, None
    return model, None, training, auc(model.predict(X), y)


def assess(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, settings: Settings = Settings()) -> Assessment:
    """Signals at ``as_of`` for every active customer and the model that scores them: the
    logistic regression fitted on the signals at ``as_of - horizon`` against the outcome by
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
    avail = available(con, dataset_id)
    cutoff = as_of - timedelta(days=settings.horizon)
    trainable = (settings.method != "rules" and avail.first_date is not None
                 and cutoff >= avail.first_date + timedelta(days=settings.window))
    snaps = [as_of] + ([cutoff] if trainable else [])
    raw = raw_signals(con, dataset_id, snaps, as_of, settings)
    now = _snapshot(raw, as_of)
    rows, table, features, _, params = _prepare(now, settings, active_only=True)
    model, reason, training, train_auc = _train(raw, cutoff, as_of, settings, avail.first_date)
    cols = ["customer_id", "first_purchase", "last_purchase", "last_contact", "n_purchases", "revenue_12m",
            "recent_revenue", "recent_days", "overdue_amount"]
    frame = pd.concat([rows[cols], table], axis=1)
    return Assessment(as_of, settings, frame, features, "logistic" if model is not None else "rules",
                      reason, model, training, params, avail, len(now), train_auc)


@dataclass(frozen=True, eq=False)
class Scores:
    """Scores of an assessment's customers (aligned with its frame): ``score`` 0-100,
    ``contributions`` (n, 12) and ``drivers`` (n, 3) indices into SIGNALS (-1 = none)."""

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
    """Per signal: customers flagged and their share, the mean contribution among the flagged,
    and the model weight (log-odds per standard deviation; points for the rules), with the
    coefficient's p-value (Wald) for the model."""
    flags = assessment.flags
    n = max(len(assessment.frame), 1)
    rows = []
    for j, s in enumerate(SIGNALS):
        f = flags[:, j]
        weight = p_value = np.nan
        if assessment.model is not None and scores.method == "logistic":
            weight = float(assessment.model.standardised[j])
            se = assessment.model.se[j]
            if np.isfinite(se) and se > 0:
                p_value = float(2 * stats.norm.sf(abs(assessment.model.coef[j] / se)))
        rows.append({"signal": s, "flagged": int(f.sum()), "share": f.sum() / n,
                     "mean_contribution": float(scores.contributions[f, j].mean()) if f.any() else np.nan,
                     "weight": weight, "p_value": p_value,
                     "available": assessment.available.has(SIGNAL_SOURCE[s])})
    return pd.DataFrame(rows)


# --- validation: AUC, ROC, bands, gains --------------------------------------------------------------

def auc(score_values: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve from ranks (ties count one half): the probability that a
    random lost customer scores higher than a random staying one. Equals the Mann-Whitney U
    statistic divided by n_lost x n_stayed. NaN when one of the groups is empty.

    Examples
    --------
    >>> auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))
    0.75
    """
    s = np.asarray(score_values, dtype=float)
    y = np.asarray(labels, dtype=bool)
    n1, n0 = int(y.sum()), int((~y).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = stats.rankdata(s)
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


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


# --- backtest ------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Backtest:
    """The score tested on the customers active at ``cutoff`` with the outcome by
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
    outcome by ``cutoff`` (or use the rules), score the customers active at ``cutoff`` and
    compare with what happened by ``cutoff + horizon``. Reads nothing after that date.

    With ``with_lead``, up to :data:`LEAD_SAMPLE` of the customers lost in the test are scored
    every 30 days over the 12 months before the cutoff and the horizon after it (the model's
    BG/NBD parameters of the cutoff are used for P(alive) at every snapshot).
    """
    avail = available(con, dataset_id)
    data_end = cutoff + timedelta(days=settings.horizon)
    fit_cutoff = cutoff - timedelta(days=settings.horizon)
    snaps = [cutoff] + ([fit_cutoff] if avail.first_date and fit_cutoff > avail.first_date else [])
    raw = raw_signals(con, dataset_id, snaps, data_end, settings)
    model, reason, training, _ = _train(raw, fit_cutoff, cutoff, settings, avail.first_date)
    test = _snapshot(raw, cutoff)
    rows, table, features, act, params = _prepare(test, settings, active_only=True)
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
    lost_ids = rows["customer_id"].to_numpy()[y]
    loss_day = act["loss_day"].to_numpy()[y]
    order = np.argsort(pd.util.hash_array(lost_ids.astype(object)), kind="stable")[:LEAD_SAMPLE]
    sample = pd.DataFrame({"customer_id": lost_ids[order], "loss_day": loss_day[order]})
    lead_snaps = tuple(sorted({cutoff - timedelta(days=LEAD_STEP_DAYS * k) for k in range(LEAD_MONTHS_BEFORE)}
                              | {cutoff + timedelta(days=LEAD_STEP_DAYS * k)
                                 for k in range(1, settings.horizon // LEAD_STEP_DAYS + 1)
                                 if LEAD_STEP_DAYS * k < settings.horizon}))
    lead = _snapshot_scores(con, dataset_id, sample["customer_id"].tolist(), lead_snaps, data_end, settings, scorer)
    lead = lead.merge(sample, on="customer_id")
    return Backtest(**{**out.__dict__, "lead": lead, "lead_snapshots": lead_snaps,
                       "lead_sampled": len(sample), "lead_total": int(y.sum())})


def _snapshot_scores(con, dataset_id: int, customers: list[str], snaps: tuple[date, ...], data_end: date,
                     settings: Settings, scorer: Scorer) -> pd.DataFrame:
    """customer_id, snap, active, score (NaN when not active) for the given customers."""
    raw = raw_signals(con, dataset_id, list(snaps), data_end, settings, customers=customers)
    if raw.empty:
        return pd.DataFrame({"customer_id": [], "snap": [], "active": [], "score": []})
    _, table, features, act, _ = _prepare(raw, settings, scorer.bgnbd, fit_alive=False)
    flags = table[[f"flag_{s}" for s in SIGNALS]].to_numpy(dtype=bool)
    s, _ = scorer.score(features, flags)
    active = act["active"].to_numpy()
    return pd.DataFrame({"customer_id": raw["customer_id"].to_numpy(), "snap": _col(raw, "snap"),
                         "active": active, "score": np.where(active, s, np.nan)})


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
    ``cutoff - horizon``, tested on the customers active at ``cutoff``.

    Examples
    --------
    >>> from lib import db, demo
    >>> con = db.connect(":memory:"); _ = demo.generate(con, "d", 600, 5)
    >>> backtest_auc(con, db.dataset_id(con, "d"), date(2025, 7, 4)) > 0.6
    True
    """
    return backtest(con, dataset_id, cutoff, settings, with_lead=False).auc


# --- stages, customers, CLV-based value groups ------------------------------------------------------

def months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (a month's last day maps to a last day),
    as the lifecycle page counts its 12-month windows.

    Examples
    --------
    >>> months_back(date(2025, 12, 31), 12), months_back(date(2024, 2, 29), 12)
    (datetime.date(2024, 12, 31), datetime.date(2023, 2, 28))
    """
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = (date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1) - timedelta(days=1)).day
    month_end = (date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m + 1, last if day.day == month_end else min(day.day, last))


STAGES = ("prospect", "new", "growing", "mature", "declining", "sleeping", "lost", "won_back")
ACTIVE_STAGES = ("new", "growing", "mature", "declining", "won_back")


def stages(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, rules: StageRules = StageRules(),
           customers=None) -> pd.DataFrame:
    """Lifecycle stage of every customer known at ``as_of`` (lib/queries/risk_stages.sql; the
    lifecycle page's rules, see :class:`StageRules`): customer_id, stage, first_purchase,
    last_purchase, n_purchases, revenue_12m, revenue_prev_12m, last_return."""
    everyone, who = _who(customers)
    values = {"dataset_id": dataset_id, "all": everyone, "as_of": as_of, "w12": months_back(as_of, 12),
              "w24": months_back(as_of, 24), **rules.params()}
    df = _run(con, "risk_stages", values, risk_who=who)
    df["stage"] = pd.Categorical(df["stage"], categories=STAGES)
    return df.sort_values("customer_id", kind="stable").reset_index(drop=True)


def customer_info(con: duckdb.DuckDBPyConnection, dataset_id: int, customers=None) -> pd.DataFrame:
    """Name, segment, region, acquisition channel, account manager and first contact per
    customer of the customers table (empty frame without one)."""
    everyone, who = _who(customers)
    return _run(con, "risk_customers", {"dataset_id": dataset_id, "all": everyone}, risk_who=who)


def value_groups(predictions: pd.DataFrame) -> pd.DataFrame:
    """customer_id, clv, p_alive and value_group ('high' = top 20 % by CLV, the value page's
    default split rule; 'low' otherwise) from lib.value.clv_predictions."""
    from lib import value

    high = value.high_value(predictions[["clv"]], value.SplitRule())
    return pd.DataFrame({"customer_id": predictions["customer_id"].to_numpy(),
                         "clv": predictions["clv"].to_numpy(dtype=float),
                         "p_alive": predictions["p_alive"].to_numpy(dtype=float),
                         "value_group": np.where(high, "high", "low")})


# --- watch list and quadrant -------------------------------------------------------------------------

def watch_frame(assessment: Assessment, scores: Scores, groups: pd.DataFrame, info: pd.DataFrame) -> pd.DataFrame:
    """Every scored customer with CLV, value group, value at risk (CLV x score / 100), revenue at
    risk (12-month revenue x score / 100), top drivers, account manager and last contact; sorted
    by value at risk, highest first."""
    f = assessment.frame
    out = pd.DataFrame({"customer_id": f["customer_id"].to_numpy(), "score": scores.score,
                        "revenue_12m": f["revenue_12m"].to_numpy(dtype=float),
                        "last_purchase": f["last_purchase"].to_numpy(), "last_contact": f["last_contact"].to_numpy()})
    for i in range(3):
        out[f"driver_{i + 1}"] = scores.drivers[:, i]
    out = out.merge(groups[["customer_id", "clv", "value_group"]], on="customer_id", how="left")
    out["clv"] = out["clv"].fillna(0.0)
    out["value_group"] = out["value_group"].fillna("low")
    if not info.empty:
        out = out.merge(info[["customer_id", "name", "segment", "account_manager"]], on="customer_id", how="left")
    else:
        out["name"] = out["segment"] = out["account_manager"] = None
    out["value_at_risk"] = out["clv"] * out["score"] / 100
    out["revenue_at_risk"] = out["revenue_12m"].clip(lower=0) * out["score"] / 100
    return out.sort_values("value_at_risk", ascending=False, kind="stable").reset_index(drop=True)


QUADRANTS = ("high_value_high_risk", "high_value_low_risk", "low_value_high_risk", "low_value_low_risk")


def quadrants(watch: pd.DataFrame, level: float) -> pd.DataFrame:
    """Customers, CLV, 12-month revenue and revenue and value at risk per quadrant (value group
    x risk at or above ``level``), "high value, high risk" first."""
    high_value = (watch["value_group"] == "high").to_numpy()
    high_risk = (watch["score"] >= level).to_numpy()
    names = np.select([high_value & high_risk, high_value & ~high_risk, ~high_value & high_risk],
                      list(QUADRANTS[:3]), QUADRANTS[3])
    g = watch.assign(quadrant=names).groupby("quadrant").agg(
        customers=("customer_id", "size"), clv=("clv", "sum"), revenue_12m=("revenue_12m", "sum"),
        revenue_at_risk=("revenue_at_risk", "sum"), value_at_risk=("value_at_risk", "sum"))
    return g.reindex(list(QUADRANTS), fill_value=0).reset_index()


def quadrant_grid(watch: pd.DataFrame, bins_clv: int = 24, bins_score: int = 20) -> pd.DataFrame:
    """Customers per cell of CLV (log scale) x score, for the quadrant heat map: at most
    ``bins_clv * bins_score`` rows whatever the number of customers."""
    c = np.log10(np.clip(watch["clv"].to_numpy(dtype=float), 1.0, None))
    hi = max(float(c.max()) if c.size else 1.0, 1.0)
    ce = np.linspace(0, hi + 1e-9, bins_clv + 1)
    se = np.linspace(0, 100 + 1e-9, bins_score + 1)
    h, _, _ = np.histogram2d(c, watch["score"].to_numpy(dtype=float), bins=[ce, se])
    ci, si = np.nonzero(h)
    return pd.DataFrame({"clv_from": 10 ** ce[ci], "clv_to": 10 ** ce[ci + 1], "score_from": se[si],
                         "score_to": np.minimum(se[si + 1], 100), "customers": h[ci, si].astype(int)})


# --- survival -----------------------------------------------------------------------------------------

def lifetimes(con: duckdb.DuckDBPyConnection, dataset_id: int, start: date, as_of: date,
              rules: StageRules = StageRules()) -> pd.DataFrame:
    """Customers active at ``start`` followed to their first loss or to ``as_of``: customer_id,
    stage (at ``start``), segment, acquisition_channel, duration (days from ``start``),
    observed (lost by ``as_of``). See lib/queries/risk_lifetimes.sql for the loss."""
    values = {"dataset_id": dataset_id, "start": start, "as_of": as_of, **rules.params()}
    life = _run(con, "risk_lifetimes", values)
    st = stages(con, dataset_id, start, rules)
    st = st.loc[st["stage"].isin(ACTIVE_STAGES), ["customer_id", "stage"]]
    df = st.merge(life, on="customer_id", how="inner")
    loss = _days(df["loss_date"])
    end = _day_number(as_of)
    df["observed"] = np.isfinite(loss)
    df["duration"] = np.where(df["observed"], loss, end) - _day_number(start)
    info = customer_info(con, dataset_id)
    if not info.empty:
        df = df.merge(info[["customer_id", "segment", "acquisition_channel"]], on="customer_id", how="left")
    else:
        df["segment"] = df["acquisition_channel"] = None
    df["stage"] = df["stage"].astype(str)
    return df.drop(columns=["loss_date"])


@dataclass(frozen=True, eq=False)
class SurvivalGroups:
    """Kaplan-Meier per group (read on a grid of days for the chart), the median lifetime per
    group and the log-rank test (None with fewer than two groups)."""

    curves: pd.DataFrame    # group, time, survival, lower, upper, at_risk
    medians: pd.DataFrame   # group, customers, lost, median, lower, upper, survival_end
    test: survival.LogRank | None


def survival_by(frame: pd.DataFrame, column: str, max_groups: int = 8, step: int = 7) -> SurvivalGroups:
    """Kaplan-Meier curves of ``frame`` (from :func:`lifetimes`) by ``column``; the smallest
    groups beyond ``max_groups`` are merged into 'other'; missing values are '—'."""
    g = frame[column].astype(object).where(frame[column].notna(), "—").astype(str)
    counts = g.value_counts()
    if len(counts) > max_groups:
        keep = set(counts.index[: max_groups - 1])
        g = g.where(g.isin(keep), "other")
    t = frame["duration"].to_numpy(dtype=float)
    e = frame["observed"].to_numpy(dtype=bool)
    horizon = float(t.max()) if t.size else 0.0
    grid = np.arange(0, horizon + step, step, dtype=float)
    curves, medians = [], []
    for name in sorted(g.unique()):
        m = (g == name).to_numpy()
        km = survival.kaplan_meier(t[m], e[m])
        c = survival.survival_at(km, grid[grid <= t[m].max()] if m.any() else grid[:1])
        c.insert(0, "group", name)
        curves.append(c)
        med = survival.median_lifetime(t[m], e[m])
        medians.append({"group": name, "customers": int(m.sum()), "lost": int(e[m].sum()),
                        "median": med.estimate, "lower": med.lower, "upper": med.upper,
                        "survival_end": float(km["survival"].iloc[-1])})
    test = survival.logrank(t, e, g.to_numpy()) if g.nunique() >= 2 else None
    return SurvivalGroups(pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(),
                          pd.DataFrame(medians), test)


# --- one customer's story -----------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Story:
    """Everything about one customer up to the as-of date: ``info`` (customers-table
    attributes), ``stage``, ``timeline`` (date, kind, detail, amount, days_late, score),
    ``monthly`` (snap, revenue_recent, expected_revenue, score, active, band inputs) and the
    signals at the as-of date (``signals``: signal, value, flag, contribution; None without a
    purchase), ``score`` (None when not active)."""

    customer_id: str
    found: bool
    info: dict
    stage: str | None
    timeline: pd.DataFrame
    monthly: pd.DataFrame
    signals: pd.DataFrame | None
    score: float | None
    active: bool
    expected: dict = field(default_factory=dict)


def story(con: duckdb.DuckDBPyConnection, dataset_id: int, customer_id: str, as_of: date,
          settings: Settings, scorer: Scorer, months: int = 24) -> Story:
    """One customer's story (a handful of small queries; the tables are read by customer id).

    The month-by-month score applies today's model (``scorer``: coefficients or points and the
    BG/NBD parameters of the as-of date) to the customer's history as it stood at each of the
    last ``months`` month ends and at the as-of date.
    """
    cid = str(customer_id).strip()
    info_df = customer_info(con, dataset_id, [cid])
    info = {} if info_df.empty else {k: (None if pd.isna(v) else v) for k, v in info_df.iloc[0].items()}
    timeline = _run(con, "risk_story_timeline", {"dataset_id": dataset_id, "customer": cid, "as_of": as_of})
    st = stages(con, dataset_id, as_of, settings.rules, [cid])
    stage = str(st["stage"].iloc[0]) if len(st) else None
    found = bool(info) or not timeline.empty
    ends = [as_of]
    month = as_of.replace(day=1)
    for _ in range(months):  # the last day of each of the previous months
        ends.append(month - timedelta(days=1))
        month = ends[-1].replace(day=1)
    ends = sorted(set(ends))
    raw = raw_signals(con, dataset_id, ends, as_of, settings, customers=[cid])
    raw = raw.sort_values("snap").reset_index(drop=True)
    if raw.empty:
        empty = pd.DataFrame({"snap": [], "revenue_recent": [], "expected_revenue": [], "score": [], "active": []})
        return Story(cid, found, info, stage, timeline, empty, None, None, False)
    _, table, features, act, _ = _prepare(raw, settings, scorer.bgnbd, fit_alive=False)
    flags = table[[f"flag_{s}" for s in SIGNALS]].to_numpy(dtype=bool)
    s, contrib = scorer.score(features, flags)
    active = act["active"].to_numpy()
    monthly = pd.DataFrame({"snap": to_dates(_col(raw, "snap")), "revenue_recent": _col(raw, "recent_revenue"),
                            "expected_revenue": table["expected_revenue"].to_numpy(dtype=float),
                            "score": np.where(active, s, np.nan), "active": active})
    last = raw["snap"] == _day_number(as_of)
    signals = score_now = None
    is_active = False
    expected = {}
    if last.any():
        i = int(np.flatnonzero(last.to_numpy())[0])
        is_active = bool(active[i])
        signals = pd.DataFrame({"signal": SIGNALS, "value": [table[sig].iloc[i] for sig in SIGNALS],
                                "flag": flags[i], "contribution": contrib[i]})
        score_now = float(s[i]) if is_active else None
        expected = {k: float(table[k].iloc[i]) for k in ("expected_days", "expected_revenue",
                                                          "expected_complaints", "expected_inbound")}
        expected.update({"recent_days": float(raw["recent_days"].iloc[i]),
                         "recent_revenue": float(raw["recent_revenue"].iloc[i]),
                         "overdue_amount": float(raw["overdue_amount"].iloc[i])})
    return Story(cid, found, info, stage, timeline, monthly, signals, score_now, is_active, expected)


# --- the CLI export ---------------------------------------------------------------------------------

def score_table(con: duckdb.DuckDBPyConnection, dataset_id: int, as_of: date, settings: Settings = Settings(),
                weights: Weights = Weights(), cuts: tuple[float, float] | None = None) -> tuple[pd.DataFrame, Assessment]:
    """One row per customer known at ``as_of`` (``python -m lib score``): customer_id, stage,
    value_group, clv, p_alive, risk_score, band, driver_1..3. Customers not active (prospects,
    sleeping, lost) have no score, band or drivers; customers without a purchase no CLV.
    ``cuts``: band cut-offs (default: :func:`default_bands` of the method in use)."""
    from lib import value

    a = assess(con, dataset_id, as_of, settings)
    sc = score(a, weights)
    cuts = cuts or default_bands(a.method)
    model = value.clv_model(con, dataset_id, as_of)
    groups = value_groups(value.clv_predictions(model, value.ClvSettings()))
    st = stages(con, dataset_id, as_of, settings.rules)[["customer_id", "stage"]]
    scored = pd.DataFrame({"customer_id": a.frame["customer_id"].to_numpy(), "risk_score": np.round(sc.score, 1),
                           "band": np.asarray(BANDS, dtype=object)[bands(sc.score, cuts)]})
    names = np.asarray(SIGNALS + ("",), dtype=object)
    for i in range(3):
        scored[f"driver_{i + 1}"] = names[sc.drivers[:, i]]  # -1 picks the empty name
    out = st.merge(groups, on="customer_id", how="left").merge(scored, on="customer_id", how="left")
    out["stage"] = out["stage"].astype(str)
    out["clv"] = out["clv"].round(2)
    out["p_alive"] = out["p_alive"].round(4)
    cols = ["customer_id", "stage", "value_group", "clv", "p_alive", "risk_score", "band",
            "driver_1", "driver_2", "driver_3"]
    return out[cols].sort_values("customer_id", kind="stable").reset_index(drop=True), a
