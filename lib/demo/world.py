"""The simulated world of the demo: each customer's latent story as numeric arrays.

numpy draws value, lifecycle, churn, warning signals, win-back response and satisfaction; the
result is a dict of Arrow tables of numbers (customer index ``c``, day offset ``d`` from
:data:`START`, codes as small integers) that :mod:`lib.demo.store` turns into the stored rows.
See the package docstring for what is built in.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa


START = date(2023, 1, 1)
END = date(2025, 12, 31)
DAYS = (END - START).days + 1  # 1096: three full calendar years
MONTH = 30.44

SEGMENTS = ("B2B Key Account", "B2B SME", "B2C Premium", "B2C Standard")
SEGMENT_P = (0.06, 0.22, 0.24, 0.48)
SEG_RATE = np.array([3.0, 2.1, 1.6, 1.2])          # mean purchases per month at maturity
SEG_SPEND = np.array([320.0, 150.0, 80.0, 44.0])     # median order value
SEG_HAZARD = np.array([0.06, 0.085, 0.11, 0.13])      # base annual churn hazard
REGIONS = ("Nord", "Süd", "West", "Ost", "Österreich", "Schweiz")
REGION_P = (0.22, 0.26, 0.24, 0.12, 0.09, 0.07)
ACQ_CHANNELS = ("Online-Werbung", "Suchmaschine", "Empfehlung", "Messe", "Außendienst", "Marktplatz")
# B2B customers come through fairs and field sales, B2C through ads, search and marketplaces.
ACQ_P = np.array([
    [0.05, 0.10, 0.20, 0.30, 0.35, 0.00],
    [0.10, 0.20, 0.25, 0.20, 0.20, 0.05],
    [0.25, 0.25, 0.25, 0.00, 0.00, 0.25],
    [0.30, 0.25, 0.10, 0.00, 0.00, 0.35],
])
PRODUCTS = ("Hardware", "Software", "Service", "Verbrauchsmaterial", "Zubehör")
TX_CHANNELS = ("online", "store", "field_sales", "phone")
REASONS = ("price", "service", "product_quality", "competitor_offer", "relocation", "billing_dispute")
REASON_P = (0.24, 0.18, 0.16, 0.20, 0.12, 0.10)
MEASURES = ("discount", "personal_call", "apology_gift", "new_offer")
MEASURE_COST = np.array([30.0, 18.0, 45.0, 12.0])
# Win-back uplift over control by loss reason (rows: REASONS + unknown for silent) x measure.
UPLIFT = np.array([
    [0.24, 0.08, 0.03, 0.12],   # price: a discount works
    [0.04, 0.20, 0.15, 0.04],   # service: a personal call
    [0.03, 0.08, 0.10, 0.20],   # product quality: a new offer
    [0.15, 0.10, 0.02, 0.14],   # competitor offer
    [0.01, 0.01, 0.00, 0.01],   # relocation / no need: nothing helps
    [0.05, 0.13, 0.24, 0.02],   # billing dispute: an apology with a gift
    [0.07, 0.09, 0.04, 0.06],   # silent loss, reason unknown
])
BASE_RETURN = np.array([0.05, 0.05, 0.04, 0.05, 0.01, 0.04, 0.04])
EVENT_TYPES = ("complaint", "contact", "dispute", "competitor_mention", "marketing",
               "cancellation_notice", "other", "manager_change", "negotiation")
EVENT_CHANNELS = ("phone", "email", "visit", "web", "letter")
MANAGERS = ("A. Becker", "B. Schulz", "C. Wagner", "D. Hoffmann", "E. Koch", "F. Richter",
            "G. Klein", "H. Wolf", "I. Neumann", "J. Schröder", "K. Braun", "L. Zimmermann")
FIRST = ("Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas",
         "Karla", "Lukas", "Mia", "Noah", "Paula", "Tim")
LAST = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Krüger")
FIRM = ("Technik", "Logistik", "Bau", "Handel", "Medizintechnik", "Maschinenbau", "Software",
        "Energie", "Druck", "Metall")
FORM = ("GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.")


def _points(rng: np.random.Generator, owner: np.ndarray, start: np.ndarray, end: np.ndarray,
            rate: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Homogeneous Poisson points on [start, end) per owner at ``rate`` per day.

    Returns the owner index of each point and its day (float). Vectorised over owners.
    """
    length = np.clip(end - start, 0, None)
    n = rng.poisson(rate * length)
    idx = np.repeat(np.arange(len(owner)), n)
    day = start[idx] + rng.random(idx.size) * length[idx]
    return owner[idx], day


def _choice(rng: np.random.Generator, p, size: int) -> np.ndarray:
    return rng.choice(len(p), size=size, p=np.asarray(p) / np.sum(p)).astype(np.int8)


def _rowwise_choice(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category per row of a (n, k) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(probs.shape[0])[:, None] * cum[:, -1:]
    return (u > cum).sum(axis=1).astype(np.int8)


def simulate(n_customers: int, seed: int) -> dict[str, pa.Table]:
    """Draw the demo world as numeric arrow tables (customer index, day offsets, codes).

    Day offsets count from :data:`START`; codes index the tuples of this module.
    """
    rng = np.random.default_rng(seed)
    n = n_customers
    cust = np.arange(n, dtype=np.int32)

    seg = _choice(rng, SEGMENT_P, n)
    region = _choice(rng, REGION_P, n)
    acq_channel = _rowwise_choice(rng, ACQ_P[seg])
    b2b = seg <= 1

    # Prospects: known, never bought. Their first contact lies in the last year mostly.
    prospect = rng.random(n) < 0.06
    # Acquisition grows a little over the three years (more first purchases later).
    acq = (DAYS * np.sqrt(rng.random(n) * 0.55 + 0.45) - DAYS * np.sqrt(0.45)) / (1 - np.sqrt(0.45))
    acq = np.floor(np.clip(acq, 0, DAYS - 1))
    lead = rng.gamma(1.5, np.where(b2b, 40.0, 8.0))
    first_contact = acq - np.round(lead)
    first_contact[prospect] = DAYS - 1 - np.floor(rng.random(prospect.sum()) * 420)

    # Latent value: purchase rate and order value.
    rate = SEG_RATE[seg] / MONTH * rng.gamma(2.0, 1 / 2.0, n)
    spend = SEG_SPEND[seg] * rng.lognormal(0.0, 0.4, n)

    # Satisfaction (observed only through surveys). The after-sales moment a few weeks after the
    # first purchase decides much of what follows: a customer unhappy with after-sales mostly
    # leaves, one unhappy only with the sale mostly stays (the after-sales study's pattern).
    s_sale = (1 + _choice(rng, (0.02, 0.04, 0.09, 0.40, 0.45), n)).astype(np.int8)
    s_after = np.clip(np.round(rng.normal(4.5, 0.85, n) + 0.3 * (s_sale - 4)), 1, 5).astype(np.int8)
    moment = acq + rng.uniform(20, 110, n)
    p_early = np.array([[0.95, 0.5], [0.85, 0.04]])[(s_sale >= 4).astype(int), (s_after >= 4).astype(int)]
    h_after = np.array([0, 1.6, 1.4, 1.15, 0.9, 0.8])[s_after]
    h_sale = np.array([0, 1.1, 1.05, 1.0, 1.0, 0.95])[s_sale]

    # Danger points at the start: days to the first follow-up contact (inf = none).
    u = rng.random(n)
    followup = np.where(u < 0.55, rng.integers(1, 15, n), np.where(u < 0.8, rng.integers(15, 91, n), np.inf))
    h_follow = np.where(followup <= 14, 0.85, np.where(np.isfinite(followup), 1.1, 1.6))
    mkt_level = _choice(rng, (0.3, 0.5, 0.2), n)          # low / normal / flooded
    mkt_rate = np.array([0.1, 0.3, 1.2])[mkt_level] / MONTH
    h_mkt = np.array([0.95, 1.0, 1.35])[mkt_level]
    quarrelsome = rng.random(n) < 0.08                     # disputes and claims, churn more
    h_quarrel = np.where(quarrelsome, 1.5, 1.0)

    hazard = SEG_HAZARD[seg] * h_after * h_sale * h_follow * h_mkt * h_quarrel / 365.0
    early = rng.random(n) < p_early
    life = np.where(early, moment - acq + rng.uniform(3, 12, n), rng.exponential(1.0 / hazard))
    churn1 = acq + np.round(life)
    lost1 = (churn1 < DAYS) & ~prospect

    # Spell 1 runs from acquisition to churn (or the end of data).
    spells = {
        "cust": cust[~prospect],
        "start": acq[~prospect],
        "end": np.minimum(churn1, DAYS)[~prospect],
        "lost": lost1[~prospect],
        "rate": rate[~prospect],
        "ramp": np.full((~prospect).sum(), 150.0),
    }

    # Loss details for spell 1.
    signal = rng.random(n) < 0.68                           # churners who show warning signs
    warn_len = rng.uniform(75, 270, n)
    reason = _choice(rng, REASON_P, n)
    # Quarrelsome customers who leave mostly do so over service, claims or billing.
    reason = np.where(quarrelsome & (rng.random(n) < 0.6), rng.choice([1, 2, 5], n), reason).astype(np.int8)
    explicit = rng.random(n) < np.where(b2b, 0.72, 0.5)
    reason_or_unknown = np.where(explicit, reason, 6)

    # Win-back of spell-1 losses: campaign contact, random control group, response by reason x measure.
    detect = np.where(explicit, churn1 + rng.uniform(5, 40, n), churn1 + rng.uniform(90, 180, n))
    value_rank = (rate * spend).argsort().argsort() / n
    contacted = lost1 & (rng.random(n) < 0.45 + 0.35 * value_rank) & (detect + 30 < DAYS) & (detect > 180)
    measure = _choice(rng, (0.3, 0.25, 0.2, 0.25), n)
    control = rng.random(n) < 0.2
    p_back = BASE_RETURN[reason_or_unknown] + np.where(control, 0, UPLIFT[reason_or_unknown, measure])
    back = contacted & (rng.random(n) < p_back)
    back_day = np.where(control, detect + rng.uniform(10, 200, n), detect + rng.gamma(2.0, 14.0, n))
    back = back & (back_day < DAYS - 1)
    # A few lost customers come back unasked.
    natural = lost1 & ~contacted & (rng.random(n) < 0.03)
    nat_day = churn1 + rng.uniform(60, 400, n)
    natural &= nat_day < DAYS - 1
    ret1 = np.where(back, back_day, np.where(natural, nat_day, np.inf))
    returned = np.isfinite(ret1)

    # Spell 2: second loyalty is fragile; hazard rises by half.
    life2 = rng.exponential(1.0 / (hazard * 1.5))
    churn2 = np.round(ret1 + life2)
    lost2 = returned & (churn2 < DAYS)
    r2 = np.flatnonzero(returned)
    # Third attempt: a later campaign reaches some re-churned customers; it rarely works.
    reason2 = _choice(rng, REASON_P, n)
    explicit2 = rng.random(n) < 0.5
    detect2 = churn2 + rng.uniform(20, 120, n)
    contacted2 = lost2 & (detect2 + 20 < DAYS) & (rng.random(n) < 0.5)
    measure2 = _choice(rng, (0.25, 0.25, 0.25, 0.25), n)
    control2 = rng.random(n) < 0.2
    back2 = contacted2 & ~control2 & (rng.random(n) < 0.05)
    ret2 = detect2 + rng.gamma(2.0, 14.0, n)
    back2 &= ret2 < DAYS - 1
    r3 = np.flatnonzero(back2)

    for key, values in (
        ("cust", (cust[r2], cust[r3])),
        ("start", (ret1[r2], ret2[r3])),
        ("end", (np.minimum(churn2, DAYS)[r2], np.full(r3.size, float(DAYS)))),
        ("lost", (lost2[r2], np.zeros(r3.size, bool))),
        ("rate", (rate[r2] * 0.85, rate[r3] * 0.7)),
        ("ramp", (np.full(r2.size, 45.0), np.full(r3.size, 45.0))),
    ):
        spells[key] = np.concatenate([spells[key], *values])

    sp_c = spells["cust"]
    sp_start, sp_end, sp_lost = spells["start"], spells["end"], spells["lost"]
    # Warning window before each loss: only for signal churners; loyal noise elsewhere.
    sp_signal = sp_lost & signal[sp_c]
    warn_start = np.where(sp_signal, np.maximum(sp_end - warn_len[sp_c], sp_start + 30), np.inf)
    noise = ~sp_lost & (rng.random(sp_c.size) < 0.12) & (sp_end - sp_start > 200)
    noise_start = sp_start + rng.uniform(0, 1, sp_c.size) * np.clip(sp_end - sp_start - 150, 0, None)
    noise_end = noise_start + rng.uniform(60, 150, sp_c.size)
    warn_start = np.where(noise, noise_start, warn_start)
    warn_end = np.where(noise, noise_end, np.where(sp_signal, sp_end, -np.inf))

    # Purchases: thinning of a Poisson process at the spell's peak rate.
    rmax = spells["rate"]
    owner, day = _points(rng, np.arange(sp_c.size), sp_start, sp_end, rmax)
    age = day - sp_start[owner]
    ramp = 0.35 + 0.65 * np.minimum(1.0, age / spells["ramp"][owner])
    in_warn = (day >= warn_start[owner]) & (day < warn_end[owner])
    span = np.maximum(warn_end[owner] - warn_start[owner], 1.0)
    decline = np.where(in_warn, 1.0 - 0.75 * (day - warn_start[owner]) / span, 1.0)
    keep = rng.random(day.size) < ramp * decline
    owner, day = owner[keep], np.floor(day[keep])
    # Every spell opens with a purchase on its first day (the acquisition or the return).
    owner = np.concatenate([np.arange(sp_c.size), owner])
    day = np.concatenate([np.floor(sp_start), day])
    tc = sp_c[owner]
    amount = np.round(spend[tc] * rng.lognormal(-0.06, 0.35, tc.size), 2)
    product = _rowwise_choice(rng, np.where(b2b[tc, None], [[0.3, 0.25, 0.25, 0.15, 0.05]],
                                            [[0.35, 0.1, 0.05, 0.3, 0.2]]))
    quantity = (1 + rng.poisson(np.where(b2b[tc], 4.0, 0.6))).astype(np.int32)
    channel = np.where(b2b[tc], _choice(rng, (0.3, 0.05, 0.45, 0.2), tc.size),
                       _choice(rng, (0.65, 0.3, 0.0, 0.05), tc.size)).astype(np.int8)
    # Returns and credit notes: about 4 % of orders, a few days to weeks later.
    ret_mask = rng.random(tc.size) < 0.04
    ret_day = day[ret_mask] + rng.integers(3, 30, ret_mask.sum())
    ok = ret_day < DAYS
    order_no = np.arange(tc.size, dtype=np.int64)
    tx = pa.table({
        "c": np.concatenate([tc, tc[ret_mask][ok]]).astype(np.int32),
        "d": np.concatenate([day, ret_day[ok]]).astype(np.int16),
        "amount": np.concatenate([amount, -np.round(amount[ret_mask][ok] * rng.uniform(0.2, 1.0, ok.sum()), 2)]),
        "o": np.concatenate([order_no, order_no[ret_mask][ok]]),
        "ret": np.concatenate([np.zeros(tc.size, bool), np.ones(ok.sum(), bool)]),
        "q": np.concatenate([quantity, -np.minimum(quantity[ret_mask][ok], 1 + rng.poisson(0.3, ok.sum()))]).astype(np.int32),
        "p": np.concatenate([product, product[ret_mask][ok]]),
        "ch": np.concatenate([channel, channel[ret_mask][ok]]),
    })

    # Events along each spell. Rates are per day; the warning window multiplies some of them.
    ev_parts = []

    def add_events(kind: int, base: np.ndarray, warn_mult: np.ndarray | float, direction: int,
                   start=sp_start, end=sp_end, noise_only_signal: bool = False) -> None:
        o, d = _points(rng, np.arange(sp_c.size), start, end, base)
        ev_parts.append((o, d, kind, direction))
        # Extra events inside the warning window (on top of the base rate).
        ws = np.maximum(warn_start, start)
        we = np.minimum(warn_end, end)
        extra = base * (np.asarray(warn_mult) - 1.0)
        o, d = _points(rng, np.arange(sp_c.size), np.where(np.isfinite(ws), ws, 0), np.where(np.isfinite(we), we, 0),
                       np.clip(extra, 0, None))
        ev_parts.append((o, d, kind, direction))

    b2b_sp = b2b[sp_c]
    quarrel_sp = quarrelsome[sp_c]
    reason_sp = np.where(np.arange(sp_c.size) < (~prospect).sum(), reason_or_unknown[sp_c], reason2[sp_c])
    add_events(0, np.where(quarrel_sp, 0.12, 0.03) / MONTH, 5.0, 0)                         # complaint
    inbound = np.where(b2b_sp, 0.5, 0.15) / MONTH
    o, d = _points(rng, np.arange(sp_c.size), sp_start, sp_end, inbound)                      # contact in
    in_w = (d >= warn_start[o]) & (d < warn_end[o])
    keep = ~in_w | (rng.random(d.size) < 0.3)                                                  # fewer inbound
    ev_parts.append((o[keep], d[keep], 1, 0))
    add_events(1, np.where(b2b_sp, 0.4, 0.08) / MONTH, 1.0, 1)                                # contact out
    dispute_mult = np.where(np.isin(reason_sp, (1, 5)), 12.0, 4.0)
    add_events(2, np.where(quarrel_sp, 0.05, 0.006) / MONTH, dispute_mult, 0)                 # dispute
    comp_mult = np.where(np.isin(reason_sp, (0, 3)), 14.0, 3.0)
    add_events(3, np.where(b2b_sp, 0.015, 0.006) / MONTH, comp_mult, 0)                       # competitor
    o, d = _points(rng, np.arange(sp_c.size), sp_start, sp_end, mkt_rate[sp_c])               # marketing
    ev_parts.append((o, d, 4, 1))
    add_events(6, np.full(sp_c.size, 0.02 / MONTH), 1.0, 0)                                    # other
    # The follow-up contact after the first purchase (danger points 1 and 7).
    first_sp = np.arange((~prospect).sum())
    has_fu = np.isfinite(followup[sp_c[first_sp]])
    fu_day = sp_start[first_sp] + np.where(has_fu, followup[sp_c[first_sp]], 0)
    fu_ok = has_fu & (fu_day < sp_end[first_sp])
    ev_parts.append((first_sp[fu_ok], fu_day[fu_ok], 1, 1))
    # Cancellation notices a few weeks before explicit losses, usually with a complaint.
    sp_explicit = sp_lost & np.where(np.arange(sp_c.size) < (~prospect).sum(), explicit[sp_c], explicit2[sp_c])
    ci = np.flatnonzero(sp_explicit)
    cd = np.maximum(sp_end[ci] - rng.uniform(7, 60, ci.size), sp_start[ci])
    ev_parts.append((ci, cd, 5, 0))
    with_complaint = rng.random(ci.size) < 0.7
    ev_parts.append((ci[with_complaint], cd[with_complaint], 0, 0))

    e_owner = np.concatenate([p[0] for p in ev_parts])
    e_day = np.concatenate([p[1] for p in ev_parts])
    e_type = np.concatenate([np.full(p[0].size, p[2], np.int8) for p in ev_parts])
    e_dir = np.concatenate([np.full(p[0].size, p[3], np.int8) for p in ev_parts])
    ok = (e_day >= 0) & (e_day < DAYS)
    e_owner, e_day, e_type, e_dir = e_owner[ok], e_day[ok], e_type[ok], e_dir[ok]
    events = pa.table({
        "c": sp_c[e_owner].astype(np.int32),
        "d": np.floor(e_day).astype(np.int16),
        "t": e_type,
        "dir": e_dir,
        "ch": _choice(rng, (0.4, 0.35, 0.1, 0.1, 0.05), e_day.size),
    })

    # Churn records: explicit cancellations at once; silent losses once the CRM flags them.
    ch_sp = np.flatnonzero(sp_lost)
    ch_explicit = sp_explicit[ch_sp]
    silent_seen = ~ch_explicit & (sp_end[ch_sp] + 120 < DAYS)
    keep = ch_explicit | silent_seen
    ch_sp = ch_sp[keep]
    churn = pa.table({
        "c": sp_c[ch_sp].astype(np.int32),
        "d": sp_end[ch_sp].astype(np.int16),
        "reason": np.where(sp_explicit[ch_sp], np.where(reason_sp[ch_sp] == 6, 0, reason_sp[ch_sp]), -1).astype(np.int8),
        "explicit": sp_explicit[ch_sp],
    })

    # Win-back contacts (first and third attempts).
    w1 = np.flatnonzero(contacted)
    w3 = np.flatnonzero(contacted2)
    wb_c = np.concatenate([w1, w3]).astype(np.int32)
    wb_d = np.concatenate([detect[w1], detect2[w3]])
    wb_m = np.concatenate([measure[w1], measure2[w3]]).astype(np.int8)
    wb_ctrl = np.concatenate([control[w1], control2[w3]])
    winback = pa.table({
        "c": wb_c,
        "d": np.floor(wb_d).astype(np.int16),
        "m": wb_m,
        "control": wb_ctrl,
        "cost": np.where(wb_ctrl, 0.0, MEASURE_COST[wb_m] * rng.uniform(0.8, 1.2, wb_c.size)).round(2),
    })

    # Surveys: a third of customers answer once, some twice, after a purchase.
    buyers = np.flatnonzero(~prospect)
    sv = buyers[rng.random(buyers.size) < 0.35]
    sv2 = sv[rng.random(sv.size) < 0.3]
    sv_c = np.concatenate([sv, sv2])
    sv_d = np.concatenate([moment[sv] + rng.uniform(0, 2, sv.size), acq[sv2] + rng.uniform(200, 500, sv2.size)])
    sv_end = np.minimum(churn1[sv_c], DAYS)
    ok = sv_d < sv_end
    sv_c, sv_d = sv_c[ok], sv_d[ok]
    jitter = rng.random(sv_c.size) < 0.15
    sale = np.where(jitter, np.clip(s_sale[sv_c] + rng.integers(-1, 2, sv_c.size), 1, 5), s_sale[sv_c])
    after = np.where(jitter, np.clip(s_after[sv_c] + rng.integers(-1, 2, sv_c.size), 1, 5), s_after[sv_c])
    nps = np.clip(np.round(1.6 * after + 0.6 * sale - 1.5 + rng.normal(0, 1.2, sv_c.size)), 0, 10)
    surveys = pa.table({
        "c": sv_c.astype(np.int32), "d": np.floor(sv_d).astype(np.int16),
        "sale": sale.astype(np.int8), "after": after.astype(np.int8), "nps": nps.astype(np.int8),
    })

    # Payment habit per customer; the warning window of the first spell makes payments late.
    pay = pa.table({
        "c": cust,
        "delay": np.clip(rng.normal(-2, 6, n), -12, 30).round(),
        "ws": np.full(n, np.inf),
        "we": np.full(n, -np.inf),
    })
    ws_c = np.full(n, np.inf)
    we_c = np.full(n, -np.inf)
    np.minimum.at(ws_c, sp_c, warn_start)
    np.maximum.at(we_c, sp_c, warn_end)
    pay = pay.set_column(2, "ws", pa.array(np.where(np.isfinite(ws_c), ws_c, 99999)))
    pay = pay.set_column(3, "we", pa.array(np.where(np.isfinite(we_c), we_c, -1)))

    customers = pa.table({
        "c": cust, "seg": seg, "region": region, "acq": acq_channel,
        "fc": first_contact.astype(np.int16), "b2b": b2b,
    })
    return {"tx": tx, "events": events, "churn": churn, "winback": winback, "surveys": surveys,
            "customers": customers, "pay": pay}
