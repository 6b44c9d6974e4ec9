"""The demo's cancellation management: every cancellation notice gets an outcome, and customers
who gave notice but stayed are added (a pass of :data:`lib.demo.PASSES`).

The base world (:mod:`lib.demo.world`) writes a notice a few weeks before each explicit loss. Here

* those notices **took effect**: effective date = the churn record's date, decided a few days to
  weeks after the notice, reason = the churn record's reason, and a measure was tried;
* notices by customers who **stayed** are added (averted by the offer, or withdrawn), for
  customers who really keep buying: each is placed on a day a few days after one of the
  customer's purchases, only where the customer buys again within 120 days (inside the data) and
  has no churn record from 30 days before to 120 days after it; a save still being negotiated at
  the end of the data is open there;
* the chance that a notice is saved depends on the reason x measure (:data:`SAVE`: a discount
  saves price and competitor notices, a service fix service and billing notices, nothing much
  saves a relocation) and on the customer's value (odds x :data:`HIGH_VALUE_ODDS` for the top
  20 % by yearly revenue). It is built exactly: for each notice that took effect, the number of
  saved notices with the same reason, value group and segment is Poisson with the mean that makes
  P(saved | reason, measure, value) = :data:`SAVE` (adjusted for value); the measures of lost
  and saved notices are drawn from the staff's choice :data:`CHOICE` weighted by 1 - p and p;
* saved customers are more often lost later than others (a save buys time, not always loyalty):
  a customer whose loss is on record 4 to 18 months after the notice is :data:`LATER_WEIGHT`
  times as likely to be the one saved;
* a saved notice with no measure (``none``) is a withdrawal; with a personal call half are;
  otherwise a fifth;
* some saved customers give notice again later (:data:`REPEAT`), with the same chances;
* a few active customers gave notice in the last weeks of the data and are still **open**
  (effective date after the end of the data; some without a measure yet).

Draws come from a generator seeded with (seed, 18), so this pass changes nothing the base
world or other passes draw.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lib.demo.world import DAYS, REASONS

#: The measures offered to keep a customer (the data contract's codes).
MEASURES = ("discount", "contract_change", "personal_call", "service_fix", "none")
#: Which measure the staff offer, per reason (rows: :data:`lib.demo.world.REASONS`).
CHOICE = np.array([
    [0.45, 0.25, 0.15, 0.02, 0.13],   # price
    [0.15, 0.10, 0.30, 0.35, 0.10],   # service
    [0.20, 0.20, 0.20, 0.30, 0.10],   # product quality
    [0.40, 0.25, 0.20, 0.03, 0.12],   # competitor offer
    [0.10, 0.20, 0.20, 0.02, 0.48],   # relocation / no need
    [0.20, 0.15, 0.30, 0.25, 0.10],   # billing dispute
])
#: P(saved) of a customer outside the top 20 % by reason x measure.
SAVE = np.array([
    [0.55, 0.40, 0.25, 0.10, 0.08],
    [0.20, 0.15, 0.40, 0.60, 0.06],
    [0.20, 0.30, 0.25, 0.45, 0.05],
    [0.45, 0.35, 0.25, 0.08, 0.06],
    [0.05, 0.10, 0.05, 0.02, 0.02],
    [0.25, 0.15, 0.35, 0.50, 0.06],
])
#: The odds of a save are this many times higher for the top 20 % by yearly revenue.
HIGH_VALUE_ODDS = 3.0
#: Share of saved customers who give notice again 150-450 days later (while still buying).
REPEAT = 0.18
#: How much likelier a customer whose loss is on record 4-18 months later is to be among the saved.
LATER_WEIGHT = 4.0
#: Share of customers active in the last 60 days with a notice still open at the end.
OPEN_SHARE = 0.012
NONE = MEASURES.index("none")
CALL = MEASURES.index("personal_call")


def save_probability(reason: np.ndarray, measure: np.ndarray, high: np.ndarray) -> np.ndarray:
    """P(saved) of notices with these reason and measure codes and value groups.

    Examples
    --------
    >>> save_probability(np.array([0, 0]), np.array([0, 0]), np.array([False, True])).round(3).tolist()
    [0.55, 0.786]
    """
    p = SAVE[reason, measure]
    odds = p / (1 - p) * np.where(high, HIGH_VALUE_ODDS, 1.0)
    return odds / (1 + odds)


def _rowwise(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    cum = np.cumsum(weights, axis=1)
    u = rng.random(weights.shape[0])[:, None] * cum[:, -1:]
    return np.minimum((u > cum).sum(axis=1), weights.shape[1] - 1).astype(np.int8)


def _measures(rng, reason, high, saved: bool) -> np.ndarray:
    """Measures drawn from the staff's choice weighted by P(saved) (saved) or 1 - P (lost)."""
    all_m = np.arange(len(MEASURES))
    p = save_probability(reason[:, None], all_m[None, :], high[:, None])
    return _rowwise(rng, CHOICE[reason] * (p if saved else 1 - p))


def _value_high(tx: pa.Table, n: int) -> np.ndarray:
    """Top 20 % of buyers by net revenue per year of their purchase span (at least a year)."""
    c = tx["c"].to_numpy()
    d = tx["d"].to_numpy().astype(float)
    amount = tx["amount"].to_numpy()
    revenue = np.bincount(c, weights=amount, minlength=n)
    first = np.full(n, np.inf)
    last = np.full(n, -np.inf)
    np.minimum.at(first, c, d)
    np.maximum.at(last, c, d)
    buyers = np.isfinite(first)
    per_year = np.where(buyers, revenue / np.maximum((last - first) / 365.0, 1.0), -np.inf)
    k = int(round(buyers.sum() * 0.2))
    high = np.zeros(n, dtype=bool)
    if k:
        high[np.argsort(-per_year, kind="stable")[:k]] = True
    return high & buyers


def _slots(rng, tx: pa.Table, churn: pa.Table, n: int):
    """Candidate notices of customers who stay: (customer, day) a few days after a purchase, where
    the customer buys again within 120 days and has no churn record from 30 days before to 120
    days after, in random order weighted towards customers lost 4-18 months later."""
    sale = pc.greater(tx["amount"], 0)
    c = tx["c"].filter(sale).to_numpy().astype(np.int64)
    d = tx["d"].filter(sale).to_numpy().astype(np.int64)
    order = np.lexsort((d, c))
    c, d = c[order], d[order]
    nxt = np.where(np.append(c[1:] == c[:-1], False), np.append(d[1:], 0), np.iinfo(np.int64).max)
    day = d + rng.integers(1, 15, d.size)
    ok = (nxt > day) & (nxt <= day + 120) & (nxt < DAYS) & (day > 90)
    c, day = c[ok], day[ok]
    # no churn record near the notice
    ch_c = churn["c"].to_numpy().astype(np.int64)
    ch_d = churn["d"].to_numpy().astype(np.int64)
    key = ch_c * 10_000 + ch_d
    key.sort()
    lo = np.searchsorted(key, c * 10_000 + day - 30)
    hi = np.searchsorted(key, c * 10_000 + day + 121)
    c, day = c[lo == hi], day[lo == hi]
    # a save buys time, not always loyalty: customers whose loss is on record 4 to 18 months later
    # are LATER_WEIGHT times as likely to be the ones saved (an exponential race orders the slots)
    later = np.searchsorted(key, c * 10_000 + day + 121) < np.searchsorted(key, c * 10_000 + day + 541)
    race = rng.exponential(1.0, c.size) / np.where(later, LATER_WEIGHT, 1.0)
    order = np.argsort(race, kind="stable")
    return c[order], day[order]


def extend(world: dict[str, pa.Table], n_customers: int, seed: int) -> dict[str, pa.Table]:
    """The world with outcomes on every notice and the notices of customers who stayed."""
    rng = np.random.default_rng([seed, 18])
    tx, events, churn = world["tx"], world["events"], world["churn"]
    high = _value_high(tx, n_customers)
    notice = 5  # lib.demo.world.EVENT_TYPES
    t = events["t"].to_numpy()
    is_notice = t == notice
    other = events.filter(pa.array(~is_notice))
    nv = events.filter(pa.array(is_notice))
    nc = nv["c"].to_numpy().astype(np.int64)
    nd = nv["d"].to_numpy().astype(np.int64)

    # --- notices that took effect: the next explicit churn record of the customer -------------
    ch_c = churn["c"].to_numpy().astype(np.int64)
    ch_d = churn["d"].to_numpy().astype(np.int64)
    ch_r = churn["reason"].to_numpy().astype(np.int64)
    explicit = churn["explicit"].to_numpy()
    ex = np.flatnonzero(explicit)
    key = ch_c[ex] * 10_000 + ch_d[ex]
    order = np.argsort(key)
    key, ex = key[order], ex[order]
    pos = np.minimum(np.searchsorted(key, nc * 10_000 + nd), max(key.size - 1, 0))
    found = (key[pos] // 10_000 == nc) if key.size else np.zeros(nc.size, dtype=bool)
    row = ex[pos] if key.size else np.zeros(nc.size, dtype=np.int64)
    eff = np.where(found, ch_d[row], np.minimum(nd + rng.integers(20, 60, nd.size), DAYS - 1))
    reason_l = np.where(found, ch_r[row], rng.choice(len(REASONS), nd.size))
    reason_l = np.where(reason_l < 0, 0, reason_l).astype(np.int64)
    high_l = high[nc]
    m_l = _measures(rng, reason_l, high_l, saved=False)
    decided_l = np.minimum(nd + np.round(rng.gamma(2.0, 5.0, nd.size)).astype(np.int64) + 1, eff)

    # --- notices of customers who stayed ------------------------------------------------------
    all_m = np.arange(len(MEASURES))
    p_all = save_probability(reason_l[:, None], all_m[None, :], high_l[:, None])
    w = CHOICE[reason_l]
    ratio = (w * p_all).sum(axis=1) / (w * (1 - p_all)).sum(axis=1)
    k = rng.poisson(ratio)
    s_reason = np.repeat(reason_l, k)
    s_high = np.repeat(high_l, k)
    slot_c, slot_d = _slots(rng, tx, churn, n_customers)
    empty = np.zeros(0, dtype=np.int64)
    chosen_c, chosen_d, chosen_r, chosen_h = [empty], [empty], [empty], [np.zeros(0, dtype=bool)]
    # each saved notice goes to a customer of the same value group and segment as the lost notice
    # it was drawn for, so neither the segment nor the value mix of the savers is an accident
    seg = world["customers"]["seg"].to_numpy().astype(np.int64)
    cell_c = high.astype(np.int64) * 10 + seg
    s_cell = np.repeat(cell_c[nc], k)
    for grp in np.unique(s_cell):
        want = np.flatnonzero(s_cell == grp)
        pool = np.flatnonzero(cell_c[slot_c] == grp)
        _, first = np.unique(slot_c[pool], return_index=True)   # one saved notice per customer
        take = pool[np.sort(first)][: want.size]
        want = want[: take.size]
        chosen_c.append(slot_c[take])
        chosen_d.append(slot_d[take])
        chosen_r.append(s_reason[want])
        chosen_h.append(s_high[want])
    sc = np.concatenate(chosen_c)
    sd = np.concatenate(chosen_d)
    sr = np.concatenate(chosen_r).astype(np.int64)
    sh = np.concatenate(chosen_h)
    # Some saved customers give notice again later, while still buying; the same chances apply,
    # but only those who then stay are added here (the ones who leave gave the base world's notice).
    again = rng.random(sc.size) < REPEAT
    slot_key = slot_c * 10_000 + slot_d
    order = np.argsort(slot_key)
    slot_key_sorted = slot_key[order]
    target = sc[again] * 10_000 + sd[again] + rng.integers(150, 450, int(again.sum()))
    pos = np.searchsorted(slot_key_sorted, target)
    ok = pos < slot_key_sorted.size
    pos = np.minimum(pos, max(slot_key_sorted.size - 1, 0))
    if slot_key_sorted.size:
        ok &= slot_key_sorted[pos] // 10_000 == sc[again]
    else:
        slot_key_sorted = np.zeros(1, dtype=np.int64)   # nothing to look up: every target misses
    rep_c = sc[again][ok]
    rep_d = slot_key_sorted[pos][ok] % 10_000
    rep_r = sr[again][ok]
    rep_h = sh[again][ok]
    stay_p = save_probability(rep_r, _measures(rng, rep_r, rep_h, saved=True), rep_h)
    keep = rng.random(rep_c.size) < stay_p     # the others would have left: not part of this world
    sc = np.concatenate([sc, rep_c[keep]])
    sd = np.concatenate([sd, rep_d[keep]])
    sr = np.concatenate([sr, rep_r[keep]])
    sh = np.concatenate([sh, rep_h[keep]])
    m_s = _measures(rng, sr, sh, saved=True)
    withdrawn = rng.random(sc.size) < np.where(m_s == NONE, 1.0, np.where(m_s == CALL, 0.5, 0.2))
    eff_s = sd + rng.integers(30, 120, sc.size)
    decided_s = np.minimum(sd + np.round(rng.gamma(2.0, 7.0, sc.size)).astype(np.int64) + 1, eff_s - 1)

    # --- notices still open at the end of the data ----------------------------------------------
    last = np.full(n_customers, -1)
    np.maximum.at(last, tx["c"].to_numpy(), tx["d"].to_numpy().astype(np.int64))
    lost_c = set(ch_c[ch_d >= DAYS - 200].tolist())
    active = np.flatnonzero((last >= DAYS - 60) & ~np.isin(np.arange(n_customers), list(lost_c)))
    oc = active[rng.random(active.size) < OPEN_SHARE]
    od = DAYS - 1 - rng.integers(1, 45, oc.size)
    orr = rng.choice(len(REASONS), oc.size, p=np.asarray([0.24, 0.18, 0.16, 0.20, 0.12, 0.10]))
    om = _rowwise(rng, CHOICE[orr]).astype(np.int64)
    no_offer_yet = rng.random(oc.size) < 0.35
    oeff = np.maximum(od + rng.integers(30, 120, oc.size), DAYS)

    def table(c, d, outcome, odate, eff_day, measure, reason) -> pa.Table:
        size = len(c)
        return pa.table({
            "c": pa.array(np.asarray(c, dtype=np.int32)),
            "d": pa.array(np.asarray(d, dtype=np.int16)),
            "t": pa.array(np.full(size, notice, np.int8)),
            "dir": pa.array(np.zeros(size, np.int8)),
            "ch": pa.array(rng.choice(5, size, p=[0.35, 0.35, 0.05, 0.05, 0.20]).astype(np.int8)),
            "outcome": pa.array(list(outcome), pa.string()),
            "odate": pa.array([None if x is None else int(x) for x in odate], pa.int16()),
            "eff": pa.array(np.asarray(eff_day, dtype=np.int16)),
            "measure": pa.array(list(measure), pa.string()),
            "reason": pa.array(list(reason), pa.string()),
        })

    lost_t = table(nc, nd, ["took_effect"] * nc.size, decided_l, eff, [MEASURES[m] for m in m_l],
                   [REASONS[r] for r in reason_l])
    # the base world's notices keep their own channel
    lost_t = lost_t.set_column(lost_t.column_names.index("ch"), "ch", nv["ch"])
    # a save still being negotiated at the end of the data is open there
    late = decided_s > DAYS - 1
    outcome_s = np.where(late, "open", np.where(withdrawn, "withdrawn", "averted"))
    decided_s = [None if x else int(v) for x, v in zip(late, decided_s)]
    saved_t = table(sc, sd, outcome_s.tolist(), decided_s, eff_s,
                    [MEASURES[m] for m in m_s], [REASONS[r] for r in sr])
    open_t = table(oc, od, ["open"] * oc.size, [None] * oc.size, oeff,
                   [None if no else MEASURES[m] for m, no in zip(om, no_offer_yet)], [REASONS[r] for r in orr])
    # other passes may have given the events more columns, or not these yet: the union, empty where missing
    parts = [other, lost_t, saved_t, open_t]
    cols = list(dict.fromkeys(name for part in parts for name in part.column_names))
    types = {f.name: f.type for part in parts for f in part.schema}
    for i, part in enumerate(parts):
        for name in cols:
            if name not in part.column_names:
                part = part.append_column(name, pa.nulls(part.num_rows, types[name]))
        parts[i] = part.select(cols).cast(pa.schema([(name, types[name]) for name in cols]))
    merged = pa.concat_tables(parts)
    out = dict(world)
    out["events"] = merged
    return out
