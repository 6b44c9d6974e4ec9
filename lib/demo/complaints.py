"""Demo pass: how complaints and disputes ended, and account-manager changes of B2B accounts.

Applied after the base world (:data:`lib.demo.PASSES`) with its own seeded generator, so it draws
nothing the other passes draw.

* **Complaint handling.** Every complaint and dispute of the base world gets an outcome: resolved
  within a week, resolved slowly (8-60 days), or closed unresolved (after 2-13 weeks), each with
  whether the customer was satisfied with the resolution; one still unresolved at the demo's end
  is ``open`` (no outcome date), and about 4 % carry no outcome at all (not recorded). The base
  world decides who is lost; this pass draws the handling *given* the customer's fate: a customer
  lost within a year after the complaint had it handled well and fast less often (about 3 in 10)
  than one who stayed (about 6 in 10). On the data this reads as "customers whose complaint was
  handled well and fast churn about half as often as those handled badly or slowly", the
  effect size of the complaint-management literature (TARP: 82 % vs 46-54 % repurchase).
* **Account-manager changes** (``manager_change``, outbound). B2B accounts get a new account
  manager now and then (about one change in seven years of an account's life), and half of the B2B
  accounts lost at least five months after their first purchase had one 3-12 months before the
  loss: their loss rate in the year after a change is two to three times that of accounts without one
  (danger point 5, "Wechsel des Ansprechpartners"). The customers table keeps its current account manager; the change events
  carry no note.

Every date lies in the data's three years: a resolution after the last day is ``open``, a
manager change before the account's first purchase (plus two months) or after its last is dropped.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lib.demo import store
from lib.demo.world import DAYS, EVENT_TYPES

#: Offset of this pass's generator from the dataset seed (a pass draws from its own stream).
STREAM = 7_002
COMPLAINT, DISPUTE, MANAGER = (EVENT_TYPES.index(t) for t in ("complaint", "dispute", "manager_change"))
#: Handling classes: good (resolved within 7 days, satisfied), fast but not satisfied, slow
#: (8-60 days), unresolved; probabilities by type and by whether the customer is lost within a
#: year after the event.
HANDLING = {
    (COMPLAINT, False): (0.60, 0.08, 0.22, 0.10),
    (COMPLAINT, True): (0.30, 0.12, 0.33, 0.25),
    (DISPUTE, False): (0.45, 0.10, 0.28, 0.17),
    (DISPUTE, True): (0.20, 0.12, 0.35, 0.33),
}
#: Probability that a slow resolution still leaves the customer satisfied.
SLOW_SATISFIED = 0.45
NOT_RECORDED = 0.04
MANAGER_RATE = 1 / (7 * 365)        # changes per day of an account's life
MANAGER_BEFORE_LOSS = 0.50          # share of lost B2B accounts (old enough) with a change before


def _lost_within(churn_c: np.ndarray, churn_d: np.ndarray, c: np.ndarray, d: np.ndarray, days: int) -> np.ndarray:
    """Whether customer ``c[i]`` has a churn record in ``[d[i], d[i] + days]`` (vectorised)."""
    if churn_c.size == 0:
        return np.zeros(c.size, bool)
    order = np.lexsort((churn_d, churn_c))
    key = churn_c[order].astype(np.int64) * 10_000 + churn_d[order]
    first = np.searchsorted(key, c.astype(np.int64) * 10_000 + d, side="left")
    nxt = np.minimum(first, key.size - 1)
    hit = (first < key.size) & (key[nxt] // 10_000 == c) & (key[nxt] % 10_000 <= d + days)
    return hit


def _column(events: pa.Table, name: str, values: np.ndarray, mask: np.ndarray, kind: pa.DataType) -> pa.Table:
    """``events`` with column ``name`` set to ``values`` where ``mask`` (None in ``values`` = empty),
    keeping what an earlier pass wrote elsewhere."""
    if name in events.column_names:
        old = events.column(name).to_pylist()
        merged = [v if m else o for v, m, o in zip(values.tolist(), mask.tolist(), old)]
        return events.set_column(events.column_names.index(name), name, pa.array(merged, kind))
    return events.append_column(name, pa.array(np.where(mask, values, None).tolist(), kind))


def extend(world: dict[str, pa.Table], n_customers: int, seed: int) -> dict[str, pa.Table]:
    """The world with complaint/dispute outcomes and manager_change events (see the module)."""
    rng = np.random.default_rng([seed, STREAM])
    events = world["events"]
    churn_c = world["churn"].column("c").to_numpy().astype(np.int64)
    churn_d = world["churn"].column("d").to_numpy().astype(np.int64)

    # --- complaint and dispute outcomes, drawn given the customer's fate --------------------------
    t = events.column("t").to_numpy()
    c = events.column("c").to_numpy().astype(np.int64)
    d = events.column("d").to_numpy().astype(np.int64)
    rows = np.flatnonzero(np.isin(t, (COMPLAINT, DISPUTE)))
    lost = _lost_within(churn_c, churn_d, c[rows], d[rows], 365)
    probs = np.array([HANDLING[(int(k), bool(x))] for k, x in zip(t[rows], lost)]).reshape(-1, 4)
    cls = (rng.random(rows.size)[:, None] > np.cumsum(probs, axis=1)).sum(axis=1)
    days = np.select([cls <= 1, cls == 2], [rng.integers(0, 8, rows.size), rng.integers(8, 61, rows.size)],
                     rng.integers(14, 92, rows.size))
    satisfied = np.select([cls == 0, cls == 2], [True, rng.random(rows.size) < SLOW_SATISFIED], False)
    outcome = np.where(cls == 3, "unresolved", "resolved").astype(object)
    odate = d[rows] + days
    still_open = odate >= DAYS
    outcome[still_open] = "open"
    sat = np.where(satisfied, "yes", "no").astype(object)
    sat[still_open] = None
    unknown = rng.random(rows.size) < NOT_RECORDED
    outcome[unknown] = None
    sat[unknown] = None
    odate_v = np.where(still_open | unknown, None, odate).astype(object)

    n = events.num_rows
    mask = np.zeros(n, bool)
    mask[rows] = True
    full = {name: np.full(n, None, object) for name in ("outcome", "odate", "sat")}
    full["outcome"][rows], full["odate"][rows], full["sat"][rows] = outcome, odate_v, sat
    for name in ("outcome", "odate", "sat"):
        events = _column(events, name, full[name], mask, store.EVENT_EXTRAS[name])

    # --- account-manager changes of B2B accounts ----------------------------------------------------
    customers = world["customers"]
    b2b = customers.column("b2b").to_numpy(zero_copy_only=False)
    tx = world["tx"].filter(pc.invert(world["tx"].column("ret")))
    tc = tx.column("c").to_numpy().astype(np.int64)
    td = tx.column("d").to_numpy().astype(np.int64)
    first = np.full(n_customers, DAYS, np.int64)
    last = np.full(n_customers, -1, np.int64)
    np.minimum.at(first, tc, td)
    np.maximum.at(last, tc, td)
    start = first + 60
    accounts = np.flatnonzero(b2b & (last > start))
    span = (last - start)[accounts]
    k = rng.poisson(MANAGER_RATE * span)
    owner = np.repeat(accounts, k)
    day = start[owner] + np.floor(rng.random(owner.size) * np.repeat(span, k)).astype(np.int64)
    # lost B2B accounts old enough for a change before the loss: half had one 3-12 months before it
    lost_b2b = np.flatnonzero(b2b[churn_c] & (churn_d - start[churn_c] >= 90))
    pick = lost_b2b[rng.random(lost_b2b.size) < MANAGER_BEFORE_LOSS]
    room = np.minimum(365, churn_d[pick] - start[churn_c[pick]])
    pc_c, pc_d = churn_c[pick], churn_d[pick] - 90 - np.floor(rng.random(pick.size) * (room - 89)).astype(np.int64)
    ok = pc_d >= start[pc_c]
    owner = np.concatenate([owner, pc_c[ok]])
    day = np.concatenate([day, pc_d[ok]])
    keep = (day >= 0) & (day < DAYS)
    owner, day = owner[keep], day[keep]
    # at most one change per account and day
    uniq = np.unique(owner * 10_000 + day)
    owner, day = uniq // 10_000, uniq % 10_000
    added = {
        "c": pa.array(owner.astype(np.int32)),
        "d": pa.array(day.astype(np.int16)),
        "t": pa.array(np.full(owner.size, MANAGER, np.int8)),
        "dir": pa.array(np.ones(owner.size, np.int8)),
        "ch": pa.array(rng.choice([1, 2, 0], owner.size, p=[0.6, 0.25, 0.15]).astype(np.int8)),
    }
    extra = pa.table({name: added.get(name, pa.nulls(owner.size, events.schema.field(name).type))
                      for name in events.column_names}, schema=events.schema)
    # one chunk: DuckDB then reads the rows in order, and the store's sort keeps ties as drawn
    world["events"] = pa.concat_tables([events, extra]).combine_chunks()
    return world
