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


#: The signals in display order. Each has a value and a flag and feeds one or more model
#: features (:data:`FEATURES`); a customer's contribution of a signal is the sum over its features.
SIGNALS = ("frequency_drop", "revenue_drop", "silence", "complaints", "complaint_handling", "disputes",
           "payment_delay", "overdue", "inbound_decline", "competitor", "market_pressure", "negotiation",
           "satisfaction_drop", "manager_change", "cancellation", "open_notice", "p_alive", "new_customer")
#: The input tables each signal needs (transactions: always there).
SIGNAL_INPUTS = {"frequency_drop": ("transactions",), "revenue_drop": ("transactions",), "silence": ("transactions",),
                 "new_customer": ("transactions",), "p_alive": ("transactions",), "complaints": ("events",),
                 "complaint_handling": ("events",), "disputes": ("events",), "payment_delay": ("invoices",),
                 "overdue": ("invoices",), "inbound_decline": ("events",), "competitor": ("events",),
                 "market_pressure": ("events", "customers"), "negotiation": ("events",),
                 "satisfaction_drop": ("surveys",), "manager_change": ("events",), "cancellation": ("events",),
                 "open_notice": ("events",)}
#: One input table per signal, the one beside the transactions (kept for callers naming a single table).
SIGNAL_SOURCE = {s: tables[-1] for s, tables in SIGNAL_INPUTS.items()}
#: The model features in column order, each with the signal it belongs to.
FEATURES = (
    ("frequency_drop_90", "frequency_drop"), ("frequency_drop_30", "frequency_drop"),
    ("frequency_drop_180", "frequency_drop"), ("revenue_drop", "revenue_drop"),
    ("idle_share", "silence"), ("idle_gaps", "silence"),
    ("complaints", "complaints"), ("handled_bad", "complaint_handling"), ("handled_good", "complaint_handling"),
    ("disputes", "disputes"), ("payment_delay", "payment_delay"), ("overdue", "overdue"),
    ("inbound_decline", "inbound_decline"), ("competitor", "competitor"), ("market_pressure", "market_pressure"),
    ("market_pressure_haggler", "market_pressure"), ("negotiation", "negotiation"), ("satisfaction_drop", "satisfaction_drop"),
    ("satisfaction_low", "satisfaction_drop"), ("manager_change", "manager_change"),
    ("cancellation", "cancellation"), ("open_notice", "open_notice"), ("p_alive", "p_alive"),
    ("purchase_rate", "p_alive"), ("new_customer", "new_customer"),
)
#: (features, signals) 0/1 matrix: which signal each feature belongs to.
FEATURE_SIGNAL = np.array([[float(sig == s) for s in SIGNALS] for _, sig in FEATURES])
#: The warning signs of the early-warning list (the risk page's table), each with the signals
#: that watch it; the page names each sign's input (lib/i18n/risk.py, ``risk.sign.<id>.input``).
WARNING_SIGNS = (
    ("buying_less", ("frequency_drop", "revenue_drop")), ("silence", ("silence", "p_alive")),
    ("complaints", ("complaints",)), ("complaint_handling", ("complaint_handling",)), ("disputes", ("disputes",)),
    ("paying_late", ("payment_delay", "overdue")), ("fewer_contacts", ("inbound_decline",)),
    ("competitor", ("competitor",)), ("market_pressure", ("market_pressure",)), ("negotiation", ("negotiation",)),
    ("satisfaction", ("satisfaction_drop",)), ("contact_person", ("manager_change",)),
    ("notice", ("cancellation", "open_notice")), ("start_phase", ("new_customer",)),
)
BASELINE_DAYS = 365
#: A baseline shorter than this many days (a newer customer) is too short to compare against.
MIN_EXPOSURE = 30
#: Flag thresholds (shown in the definitions on the page).
DROP_SHARE = 0.5         # frequency / revenue / inbound contacts at most half of the expected
MIN_EXPECTED = 1.0       # ... and at least one purchase day (contact) expected in the window
COMPLAINT_FACTOR = 2.0   # complaints (negotiations) at least twice the expected number (and at least one)
DELAY_RISE_DAYS = 10.0   # invoices paid at least 10 days later than in the baseline
P_ALIVE_LOW = 0.5        # BG/NBD probability of still being a customer below one half
SILENCE_SHARE = 0.5      # idle for more than half the days after which the customer counts as sleeping
NEW_DAYS = 180           # a new customer: first purchase less than 180 days ago (the start phase)
SLOW_DAYS = 14           # a complaint resolved (or still pending) after more than 14 days is slow
MANAGER_DAYS = 180       # an account-manager change in the last 180 days
PRESSURE_RISE = 1.5      # competitor mentions in the region / segment at least 1.5 x their past rate
PRESSURE_MIN = 3         # ... with at least 3 mentions in the recent window
NPS_DROP = 2.0           # the latest answer at least 2 points (0-10) below the earlier answers' mean


# --- parameters ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """How signals and score are computed. Frozen and hashable (a cache key).

    ``window``: days of the recent window; ``horizon``: days of the outcome ("lost within");
    ``method``: 'auto' (the logistic model when the history allows, else the rules) or 'rules';
    ``overdue_days``: an open invoice counts as overdue this many days after its due date;
    ``l2``: ridge penalty on the standardised coefficients (negative: chosen on time order,
    see lib.risk.assess); ``train_snapshots`` / ``train_step``: the model learns from this many
    snapshot dates, this many days apart, ending one horizon before the date it scores, reading
    a fixed random sample of about ``train_customers`` customers at each (all of a smaller dataset);
    ``rules``: the thresholds of the
    stage rules (lib.lifecycle's), which say who is sleeping or lost.
    """

    window: int = 90
    horizon: int = 180
    method: str = "auto"
    overdue_days: int = 30
    l2: float = -1.0
    train_snapshots: int = 4
    train_step: int = 60
    train_customers: int = 50_000
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
    return tuple(s for s in SIGNALS if avail.has(*SIGNAL_INPUTS[s]))


def raw_signals(con: duckdb.DuckDBPyConnection, dataset_id: int, snaps: list[date], data_end: date,
                settings: Settings = Settings(), customers=None, shares: dict | None = None) -> pd.DataFrame:
    """lib/queries/risk_signals.sql for the snapshot dates ``snaps``, reading nothing after
    ``data_end``; one row per customer with a purchase by the snapshot (dates as day numbers
    since 1970, NaN = none). ``customers`` limits it to those ids (None = all); ``shares`` maps
    a snapshot date to the share of customers read at it (a fixed sample by a hash of the id,
    1 = all, the default).

    The snapshots of one share are read together, in one query; a sampled group's rows are
    narrowed to its sample before they meet the snapshots, so four training snapshots of a 5 %
    sample cost a fifth of one full snapshot."""
    everyone, who = _who(customers)
    groups: dict[float, list[date]] = {}
    for d in sorted(set(snaps)):
        groups.setdefault(min(1.0, float((shares or {}).get(d, 1.0))), []).append(d)
    values = {"dataset_id": dataset_id, "all": everyone, "data_end": data_end, "window": settings.window,
              "baseline": BASELINE_DAYS, "horizon": settings.horizon, "overdue_days": settings.overdue_days,
              "slow_days": SLOW_DAYS, "manager_days": MANAGER_DAYS, **settings.rules.params()}
    parts = []
    for share, days in sorted(groups.items(), reverse=True) or [(1.0, [])]:
        parts.append(db.run_query(con, load("risk_signals"), {**values, "share": share},
                                  risk_snaps=pd.DataFrame({"snap": pd.Series(days, dtype=object)}), risk_who=who))
    # rows come in no particular order: every use is per row or an order-free sum
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


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


def _drop_feature(recent, base, exposure, window):
    """log((expected + 0.5) / (recent + 0.5)) with expected = base x window / exposure (0 with a
    baseline shorter than :data:`MIN_EXPOSURE`): positive when fewer than expected."""
    ok = exposure >= MIN_EXPOSURE
    expected = np.where(ok, base * window / np.maximum(exposure, 1.0), 0.0)
    return np.where(ok, np.log((expected + 0.5) / (recent + 0.5)), 0.0)


def _exposure(snap, first, window):
    """Days of the 365 days before the last ``window`` days on or after the first purchase."""
    end = snap - window
    return np.clip(end - np.maximum(first, end - BASELINE_DAYS + 1) + 1, 0, BASELINE_DAYS)


def signal_table(raw: pd.DataFrame, alive: np.ndarray, window: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Values, flags and model features of the signals for the rows of :func:`raw_signals`.

    Returns ``(table, features)``: ``table`` has ``<signal>`` (the value; NaN = cannot be
    judged for this customer), ``flag_<signal>`` and the expectations ``expected_days``,
    ``expected_revenue``, ``expected_complaints``, ``expected_inbound`` (what the baseline
    predicts for the recent window); ``features`` is an (n, len(FEATURES)) array in
    :data:`FEATURES` order.

    Definitions (W = window days; expected = baseline count x W / baseline exposure days, judged
    only with at least 30 days of baseline):

    ==================  ==========================================  ===================================
    signal              value                                       flag
    ==================  ==========================================  ===================================
    frequency_drop      1 - recent purchase days / expected         >= 0.5, with >= 1 day expected
    revenue_drop        1 - recent revenue / expected               >= 0.5, with >= 2 baseline days
    silence             days since the last purchase                > half the idle limit of the stage
                                                                    rules (``idle_limit``)
    complaints          complaints in the window                    >= 1 and >= 2 x expected
    complaint_handling  complaints / disputes of the last 365 days  >= 1 (NaN when the dataset records
                        handled badly at s: unresolved, customer    no complaint outcome at all)
                        not satisfied, or resolved / still pending
                        after more than 14 days
    disputes            disputes in the window                      >= 1
    payment_delay       mean days late of invoices due in the       >= 10 days
                        window minus the baseline's (0 = none)
    overdue             invoices open > 30 days past due            >= 1
    inbound_decline     1 - recent inbound contacts / expected      >= 0.5, with >= 1 contact expected
    competitor          competitor mentions in the window           >= 1
    market_pressure     competitor mentions of all customers of     >= 1.5 with >= 3 recent mentions
                        the region (segment) per day in the window
                        / per day in the baseline; the larger of
                        region and segment
    negotiation         negotiations in the window                  >= 1 and >= 2 x expected
    satisfaction_drop   mean of the earlier survey answers - the    >= 2 points (NPS scale 0-10)
                        latest (within 365 days), NaN with one
    manager_change      account-manager changes in 180 days         >= 1
    cancellation        cancellation notices in the window          >= 1
    open_notice         cancellation notices open at s              >= 1
    p_alive             BG/NBD probability of being alive           < 0.5
    new_customer        days since the first purchase               < 180 (the start phase)
    ==================  ==========================================  ===================================

    Features (see :data:`FEATURES`): log((expected + 0.5) / (recent + 0.5)) for purchase days
    in the last 30, 90 (W) and 180 days (each against the 365 days before it), for inbound
    contacts, and the reverse for complaints and negotiations; the revenue drop clipped to
    [-1, 1]; idle days / idle limit and log(1 + idle days / usual gap); log(1 + count) for badly
    and well handled complaints, disputes, overdue invoices and competitor mentions; the larger
    log((recent + 1) / (expected + 1)) of the region's and segment's competitor mentions; the
    satisfaction drop / 5 clipped to [-1, 2] and (7 - latest answer) / 7 clipped to [0, 1]
    (detractors); the delay rise / 30 clipped to [-1, 3]; 1 if a manager change, a notice in the
    window, an open notice; 1 - P(alive) and log(purchase days per year); exp(-days since the
    first purchase / 180). A value that cannot be judged gives 0.
    """
    n = len(raw)
    expo = _col(raw, "base_exposure")
    has_base = expo >= MIN_EXPOSURE
    scale = np.where(has_base, window / np.maximum(expo, 1.0), np.nan)
    snap = _col(raw, "snap")
    first = _col(raw, "first_purchase")

    recent_days, base_days = _col(raw, "recent_days"), _col(raw, "base_days")
    exp_days = base_days * scale
    judged = has_base & (exp_days >= MIN_EXPECTED)
    with np.errstate(divide="ignore", invalid="ignore"):
        freq = np.where(judged, 1 - recent_days / exp_days, np.nan)
    freq_x = _drop_feature(recent_days, base_days, expo, window)
    freq30_x = _drop_feature(_col(raw, "days_30"), _col(raw, "base_30"), _exposure(snap, first, 30), 30)
    freq180_x = _drop_feature(_col(raw, "days_180"), _col(raw, "base_180"), _exposure(snap, first, 180), 180)

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
    bad, good = _col(raw, "handled_bad"), _col(raw, "handled_good")

    neg = _col(raw, "negotiation_recent")
    exp_neg = np.where(has_base, _col(raw, "negotiation_base") * np.nan_to_num(scale), 0.0)
    neg_flag = (neg >= 1) & (neg >= COMPLAINT_FACTOR * exp_neg)
    neg_x = np.nan_to_num(np.log((neg + 0.5) / (exp_neg + 0.5)))

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

    # market pressure: the region's and the segment's competitor mentions against their own past
    base_scale = window / BASELINE_DAYS
    rises, logs, counts = [], [], []
    for group in ("region", "segment"):
        recent, base = _col(raw, f"{group}_recent"), _col(raw, f"{group}_base")
        with np.errstate(divide="ignore", invalid="ignore"):
            rises.append(np.where(base > 0, recent / (base * base_scale), np.where(recent > 0, np.inf, np.nan)))
        logs.append(np.log((recent + 1) / (base * base_scale + 1)))
        counts.append(recent)
    # the value is the rise of the group whose mentions rose more; a group without any mention in
    # either period has no rise to show
    judged_logs = [np.where(np.isnan(r), -np.inf, np.nan_to_num(lg, nan=-np.inf)) for r, lg in zip(rises, logs)]
    pick_segment = judged_logs[1] > judged_logs[0]
    pressure = np.where(pick_segment, rises[1], rises[0])
    pressure_n = np.where(pick_segment, counts[1], counts[0])
    pressure_x = np.nan_to_num(np.fmax(logs[0], logs[1]), nan=0.0)

    latest, earlier = _col(raw, "nps_latest"), _col(raw, "nps_earlier")
    nps_drop = earlier - latest
    nps_x = np.clip(np.nan_to_num(nps_drop) / 5, -1, 2)
    nps_low = np.where(np.isfinite(latest), np.clip((7 - latest) / 7, 0, 1), 0.0)

    comp = _col(raw, "competitor_recent")
    cancel = _col(raw, "cancel_recent")
    notices = _col(raw, "open_notices")
    manager = _col(raw, "manager_recent")
    alive = np.asarray(alive, dtype=float)
    idle = snap - _col(raw, "last_purchase")
    limit = _col(raw, "idle_limit")
    tenure = snap - first
    n_days = _col(raw, "n_purchases")
    gap = np.where(n_days > 1, (_col(raw, "last_purchase") - first) / np.maximum(n_days - 1, 1), limit / 3)
    rate = np.log(n_days * 365.0 / np.maximum(tenure, 30.0))

    values = {"frequency_drop": freq, "revenue_drop": rev, "silence": idle, "complaints": compl,
              "complaint_handling": bad, "disputes": disputes, "payment_delay": delay, "overdue": overdue,
              "inbound_decline": inb_drop, "competitor": comp, "market_pressure": pressure, "negotiation": neg,
              "satisfaction_drop": nps_drop, "manager_change": manager, "cancellation": cancel,
              "open_notice": notices, "p_alive": alive, "new_customer": tenure}
    with np.errstate(invalid="ignore"):
        flags = {"frequency_drop": freq >= DROP_SHARE, "revenue_drop": rev >= DROP_SHARE,
                 "silence": idle > SILENCE_SHARE * limit, "complaints": compl_flag, "complaint_handling": bad >= 1,
                 "disputes": disputes >= 1, "payment_delay": delay >= DELAY_RISE_DAYS, "overdue": overdue >= 1,
                 "inbound_decline": inb_drop >= DROP_SHARE, "competitor": comp >= 1,
                 "market_pressure": (pressure >= PRESSURE_RISE) & (pressure_n >= PRESSURE_MIN),
                 "negotiation": neg_flag, "satisfaction_drop": nps_drop >= NPS_DROP, "manager_change": manager >= 1,
                 "cancellation": cancel >= 1, "open_notice": notices >= 1, "p_alive": alive < P_ALIVE_LOW,
                 "new_customer": tenure < NEW_DAYS}
    columns = {
        "frequency_drop_90": freq_x, "frequency_drop_30": freq30_x, "frequency_drop_180": freq180_x,
        "revenue_drop": rev_x, "idle_share": idle / limit, "idle_gaps": np.log1p(idle / np.maximum(gap, 1.0)),
        "complaints": compl_x, "handled_bad": np.log1p(np.nan_to_num(bad)),
        "handled_good": np.log1p(np.nan_to_num(good)), "disputes": np.log1p(disputes), "payment_delay": delay_x,
        "overdue": np.log1p(overdue), "inbound_decline": inb_x, "competitor": np.log1p(comp),
        "market_pressure": pressure_x,
        "market_pressure_haggler": pressure_x * (np.nan_to_num(neg + _col(raw, "negotiation_base")) > 0),
        "negotiation": neg_x, "satisfaction_drop": nps_x,
        "satisfaction_low": nps_low, "manager_change": np.nan_to_num(np.minimum(manager, 1)),
        "cancellation": np.minimum(cancel, 1), "open_notice": np.nan_to_num(np.minimum(notices, 1)), "p_alive": np.where(np.isfinite(alive), 1 - alive, 0.0),
        "purchase_rate": rate, "new_customer": np.exp(-tenure / NEW_DAYS),
    }
    features = np.empty((n, len(FEATURES)))
    for j, (name, _) in enumerate(FEATURES):
        features[:, j] = columns[name]
    table = pd.DataFrame({**{s: values[s] for s in SIGNALS}, **{f"flag_{s}": flags[s] for s in SIGNALS},
                          "expected_days": exp_days, "expected_revenue": exp_rev,
                          "expected_complaints": exp_compl, "expected_inbound": exp_inb,
                          "expected_negotiations": exp_neg}, index=raw.index)
    return table, features
