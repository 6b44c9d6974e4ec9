"""Demo pass: price negotiations (``negotiation`` events: the customer pushes prices down or talks
the supplier down), so the risk page's "talking the price down" signal has something true to find.

Applied after the base world (:data:`lib.demo.PASSES`) with its own seeded generator, so it draws
nothing the other passes draw.

* Every customer negotiates now and then while buying: B2B accounts about once a year, B2C
  customers about once in eight years (inbound, by phone, e-mail or visit).
* Inside the base world's warning window before a loss (and in the loyal customers' noise windows,
  :mod:`lib.demo.world`) negotiations become more frequent: ten times the base rate for customers
  later lost over price or a competitor's offer, three times for the others (for B2C customers
  counted from four times their base rate, so that their warning shows at all). So a rise in
  negotiations against the customer's own past warns of a loss, mostly of a price-driven one,
  and sometimes wrongly.

Every date lies between the customer's first and last purchase day of the base world; a customer
negotiates at most once a day.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from lib.demo.world import DAYS, EVENT_TYPES, MONTH, REASONS

#: Offset of this pass's generator from the dataset seed (a pass draws from its own stream).
STREAM = 7_003
NEGOTIATION = EVENT_TYPES.index("negotiation")
BASE_RATE = {True: 1.0 / 12 / MONTH, False: 1.0 / 96 / MONTH}   # per day, B2B / B2C
WARN_FACTOR_PRICE = 10.0    # in the warning window of a loss over price or a competitor's offer
WARN_FACTOR_OTHER = 3.0     # in any other warning (or noise) window
PRICE_REASONS = (REASONS.index("price"), REASONS.index("competitor_offer"))
CHANNELS = (0, 1, 2)        # phone, email, visit (lib.demo.world.EVENT_CHANNELS)


def _points(rng: np.random.Generator, start: np.ndarray, end: np.ndarray, rate: np.ndarray):
    """Poisson points per row on [start, end) at ``rate`` per day: (row index, day)."""
    length = np.clip(end - start, 0, None)
    n = rng.poisson(rate * length)
    idx = np.repeat(np.arange(start.size), n)
    return idx, start[idx] + rng.random(idx.size) * length[idx]


def extend(world: dict[str, pa.Table], n_customers: int, seed: int) -> dict[str, pa.Table]:
    """The world with ``negotiation`` events added to its events table (see the module)."""
    rng = np.random.default_rng([seed, STREAM])
    tx_c = world["tx"].column("c").to_numpy().astype(np.int64)
    tx_d = world["tx"].column("d").to_numpy().astype(float)
    first = np.full(n_customers, np.inf)
    last = np.full(n_customers, -np.inf)
    np.minimum.at(first, tx_c, tx_d)
    np.maximum.at(last, tx_c, tx_d)
    buyer = np.isfinite(first)
    b2b = world["customers"].column("b2b").to_numpy(zero_copy_only=False).astype(bool)
    ws = world["pay"].column("ws").to_numpy().astype(float)
    we = world["pay"].column("we").to_numpy().astype(float)
    churn = world["churn"]
    price = np.zeros(n_customers, bool)
    if churn.num_rows:
        reason = churn.column("reason").to_numpy()
        hit = churn.column("c").to_numpy()[np.isin(reason, PRICE_REASONS)]
        price[hit] = True

    cust = np.flatnonzero(buyer)
    rate = np.where(b2b[cust], BASE_RATE[True], BASE_RATE[False])
    idx, day = _points(rng, first[cust], last[cust] + 1, rate)
    owners, days = [cust[idx]], [day]
    # the extra negotiations inside the warning window (within the purchase span)
    warn = cust[(ws[cust] < we[cust])]
    lo = np.maximum(ws[warn], first[warn])
    hi = np.minimum(we[warn], last[warn] + 1)
    factor = np.where(price[warn], WARN_FACTOR_PRICE, WARN_FACTOR_OTHER)
    idx, day = _points(rng, lo, hi, np.where(b2b[warn], BASE_RATE[True], BASE_RATE[False] * 4) * (factor - 1))
    owners.append(warn[idx])
    days.append(day)
    c = np.concatenate(owners)
    d = np.floor(np.concatenate(days))
    ok = (d >= 0) & (d < DAYS)
    # at most one negotiation per customer and day (the stored rows are ordered by customer, day
    # and type, so two on one day would make the row order, and the dataset, depend on the sort)
    key = np.unique(c[ok].astype(np.int64) * DAYS + d[ok].astype(np.int64))
    c, d = key // DAYS, (key % DAYS).astype(float)
    added = pa.table({
        "c": c.astype(np.int32), "d": d.astype(np.int16), "t": np.full(c.size, NEGOTIATION, np.int8),
        "dir": np.zeros(c.size, np.int8), "ch": rng.choice(CHANNELS, c.size).astype(np.int8),
    })
    events = world["events"]
    for name in events.column_names:            # columns an earlier pass added stay, empty here
        if name not in added.column_names:
            added = added.append_column(name, pa.nulls(added.num_rows, events.schema.field(name).type))
    return {**world, "events": pa.concat_tables([events, added.select(events.column_names)])}
