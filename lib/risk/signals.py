"""The early-warning signals (see :func:`signal_table` for the definitions).

What is read per customer and snapshot date (lib/queries/risk_signals.sql, :func:`raw_signals`)
becomes a value, a flag and a model feature per signal; :func:`activity` says who is active at
a snapshot and who is lost within the horizon after it; P(alive) at a snapshot is the BG/NBD
model of :mod:`lib.clv`. :class:`Settings` holds the parameters every part of the risk subject
shares.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib import clv, db
from lib import lifecycle as lc
from lib.queries import load


#: The signals in display order. Each has a value, a flag and a model feature (see signal_table).
SIGNALS = ("frequency_drop", "revenue_drop", "silence", "complaints", "disputes", "payment_delay", "overdue",
           "inbound_decline", "competitor", "cancellation", "p_alive", "new_customer")
#: The input table each signal needs (transactions: always there).
SIGNAL_SOURCE = {"frequency_drop": "transactions", "revenue_drop": "transactions", "silence": "transactions",
                 "new_customer": "transactions", "complaints": "events",
                 "disputes": "events", "payment_delay": "invoices", "overdue": "invoices",
                 "inbound_decline": "events", "competitor": "events", "cancellation": "events",
                 "p_alive": "transactions"}
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


# --- parameters ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """How signals and score are computed. Frozen and hashable (a cache key).

    ``window``: days of the recent window; ``horizon``: days of the outcome ("lost within");
    ``method``: 'auto' (the logistic model when the history allows, else the rules) or 'rules';
    ``overdue_days``: an open invoice counts as overdue this many days after its due date;
    ``l2``: ridge penalty on the standardised coefficients; ``rules``: the thresholds of the
    stage rules (lib.lifecycle's), which say who is sleeping or lost.
    """

    window: int = 90
    horizon: int = 180
    method: str = "auto"
    overdue_days: int = 30
    l2: float = 1e-3
    rules: lc.Thresholds = lc.Thresholds()


# --- reading -------------------------------------------------------------------------------------

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


def available_signals(avail: db.Available) -> tuple[str, ...]:
    """The signals a dataset can compute, given what it holds (:func:`lib.db.available`).

    Examples
    --------
    >>> avail = db.Available(transactions=True, customers=True, events=False, invoices=False, churn=True,
    ...                      winback=False, surveys=False, control=False, first_date=None, last_date=None)
    >>> available_signals(avail)
    ('frequency_drop', 'revenue_drop', 'silence', 'p_alive', 'new_customer')
    """
    return tuple(s for s in SIGNALS if avail.has(SIGNAL_SOURCE[s]))


def raw_signals(con: duckdb.DuckDBPyConnection, dataset_id: int, snaps: list[date], data_end: date,
                settings: Settings = Settings(), customers=None) -> pd.DataFrame:
    """lib/queries/risk_signals.sql for the snapshot dates ``snaps``, reading nothing after
    ``data_end``; one row per customer with a purchase by the snapshot (dates as day numbers
    since 1970, NaN = none). ``customers`` limits it to those ids (None = all)."""
    everyone, who = _who(customers)
    snap_frame = pd.DataFrame({"snap": pd.Series(sorted(set(snaps)), dtype=object)})
    values = {"dataset_id": dataset_id, "all": everyone, "data_end": data_end, "window": settings.window,
              "baseline": BASELINE_DAYS, "horizon": settings.horizon, "overdue_days": settings.overdue_days,
              **settings.rules.params()}
    # rows come in no particular order: every use is per row or an order-free sum
    return db.run_query(con, load("risk_signals"), values, risk_snaps=snap_frame, risk_who=who)


def customer_info(con: duckdb.DuckDBPyConnection, dataset_id: int, customers=None) -> pd.DataFrame:
    """Name, segment, region, acquisition channel, account manager and first contact per
    customer of the customers table (empty frame without one)."""
    everyone, who = _who(customers)
    return db.run_query(con, load("risk_customers"), {"dataset_id": dataset_id, "all": everyone}, risk_who=who)


# --- signals -------------------------------------------------------------------------------------

def _col(raw: pd.DataFrame, name: str) -> np.ndarray:
    return raw[name].to_numpy(dtype=float, na_value=np.nan)


def activity(raw: pd.DataFrame, horizon: int, lost_days: int = lc.Thresholds().lost_days) -> pd.DataFrame:
    """Per row of :func:`raw_signals`: ``active`` and ``scored`` at the snapshot, ``lost``
    within the horizon after it and the ``loss_day``.

    Active: neither lost nor sleeping by the stage rules at the snapshot, i.e. no churn record on
    or after the last purchase and no more idle days than the rules' idle limit (the column
    ``idle_limit``, lib/queries/lifecycle_idle_limit.sql). Scored: not lost at the snapshot (no
    such churn record and at most ``lost_days`` idle days, the rules' lost limit), so active or
    sleeping: everyone the risk score is fitted on and given to (:data:`lib.metrics.SCORED_STAGES`).
    Lost within the horizon: a churn record in (s, s + horizon], or no purchase in that time
    while the idle days at its end exceed the idle limit; an active customer then becomes
    sleeping on the last purchase day + the limit (rounded down) + 1 (the ``loss_day``); a
    sleeping one has not come back (its ``loss_day``: the snapshot's next day, or the churn
    record's).
    """
    snap = _col(raw, "snap")
    last = _col(raw, "last_purchase")
    last_churn = _col(raw, "last_churn")
    limit = _col(raw, "idle_limit")
    with np.errstate(invalid="ignore"):
        not_lost = ~(last_churn >= last) & (snap - last <= lost_days)
        active = not_lost & (snap - last <= limit)
    next_churn = _col(raw, "next_churn")
    silent = np.isnan(_col(raw, "next_purchase")) & (snap + horizon - last > limit)
    silent_day = np.where(silent, np.maximum(last + np.floor(limit) + 1, snap + 1), np.nan)
    loss = np.fmin(next_churn, silent_day)
    return pd.DataFrame({"active": active, "scored": not_lost, "lost": np.isfinite(loss), "loss_day": loss})


def bgnbd_inputs(raw: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x, T) in weeks, as lib.clv.summary_from_db computes them."""
    first, last, snap = _col(raw, "first_purchase"), _col(raw, "last_purchase"), _col(raw, "snap")
    return _col(raw, "n_purchases") - 1, (last - first) / 7, (snap - first) / 7


def fit_p_alive(raw: pd.DataFrame) -> tuple[np.ndarray, tuple[float, ...] | None]:
    """BG/NBD P(alive) for every row of one snapshot (all customers with a purchase by then):
    :func:`lib.clv.fit_bgnbd` on the snapshot's (x, t_x, T), the fit lib.value.clv_model makes
    at its as-of date; NaN and None when the model cannot be fitted."""
    x, t_x, T = bgnbd_inputs(raw)
    try:
        fit = clv.fit_bgnbd(x, t_x, T)
    except clv.FitError:
        return np.full(len(raw), np.nan), None
    return p_alive(fit.params, x, t_x, T), tuple(float(p) for p in fit.params)


def p_alive(params: tuple[float, ...] | None, x, t_x, T) -> np.ndarray:
    """BG/NBD P(alive) with the given (r, alpha, a, b) (:func:`lib.clv.p_alive`); NaN without."""
    if params is None:
        return np.full(np.size(x), np.nan)
    return np.asarray(clv.p_alive(clv.BGNBDFit.from_params(*params), x, t_x, T), dtype=float)


def signal_table(raw: pd.DataFrame, alive: np.ndarray, window: int) -> tuple[pd.DataFrame, np.ndarray]:
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
    silence                   days since the last purchase            > half the idle limit of the
                                                                      stage rules (``idle_limit``):
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
    (0 without a baseline), the revenue drop clipped to [-1, 1], idle days / idle limit,
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
    limit = _col(raw, "idle_limit")
    tenure = snap - _col(raw, "first_purchase")

    values = {"frequency_drop": freq, "revenue_drop": rev, "silence": idle, "complaints": compl,
              "disputes": disputes, "payment_delay": delay, "overdue": overdue, "inbound_decline": inb_drop,
              "competitor": comp, "cancellation": cancel, "p_alive": alive, "new_customer": tenure}
    with np.errstate(invalid="ignore"):
        flags = {"frequency_drop": freq >= DROP_SHARE, "revenue_drop": rev >= DROP_SHARE,
                 "silence": idle > SILENCE_SHARE * limit, "complaints": compl_flag, "disputes": disputes >= 1,
                 "payment_delay": delay >= DELAY_RISE_DAYS, "overdue": overdue >= 1,
                 "inbound_decline": inb_drop >= DROP_SHARE, "competitor": comp >= 1, "cancellation": cancel >= 1,
                 "p_alive": alive < P_ALIVE_LOW, "new_customer": tenure < NEW_DAYS}
    columns = (freq_x, rev_x, idle / limit, compl_x, np.log1p(disputes), delay_x, np.log1p(overdue), inb_x,
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
