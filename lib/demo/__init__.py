"""Deterministic demo data: all seven input tables, with behaviour worth analysing.

The generator is vectorised: numpy draws each customer's latent story (value, lifecycle, churn,
warning signals, win-back response, satisfaction) and the point events along it; DuckDB turns the
numeric arrays into the stored rows (ids, dates, names, invoices). No Python loop runs per
customer, so a million customers take a couple of minutes.

What is built in, so that the analyses have something true to find:

* heavy-tailed value: lognormal spend times gamma purchase rates, so the top 20 % of customers
  bring roughly three quarters of revenue;
* a lifecycle: purchase rate ramps up over the first months, plateaus, and for churners declines
  in a warning window before the loss;
* churn of about a quarter of active customers a year, explicit (with a reason) or silent; the
  hazard rises with poor after-sales satisfaction (much more than with poor satisfaction with the
  sale), late or no follow-up after the first purchase, heavy marketing and disputes;
* warning signals inside the window for about two thirds of churners (fewer purchases, more
  complaints, disputes, competitor mentions, fewer inbound contacts, later payments), and the same
  signals as noise for some loyal customers;
* price negotiations (``negotiation`` events, :mod:`lib.demo.negotiation`) that rise before a
  loss, above all before one over price or a competitor's offer;
* win-back campaigns with four measures and a random 20 % control group, whose effect depends on
  measure and loss reason; won-back customers churn again faster, some get a third attempt;
* cancellation management (:mod:`lib.demo.notices`): every notice before an explicit loss took
  effect (effective date = the churn record, with the measure tried and the reason); customers
  who gave notice and stayed (averted by an offer or withdrawn) keep buying, with save rates that
  depend on reason x measure (a discount saves price and competitor notices, a service fix
  service and billing notices, nothing saves a relocation) and on value (the top 20 % by yearly
  revenue are saved more often); some saved customers give notice again later, and some
  notices are still open at the end of the data.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from lib import db, derived
from lib.demo import complaints, negotiation, notices, store
from lib.demo import world as base
from lib.demo.world import (  # noqa: F401  the constants, for callers of lib.demo
    ACQ_CHANNELS, DAYS, END, EVENT_CHANNELS, EVENT_TYPES, MANAGERS, MEASURES, PRODUCTS, REASONS, REGIONS, SEGMENTS,
    START, TX_CHANNELS)

@dataclass(frozen=True)
class DemoResult:
    """What :func:`generate` wrote."""

    dataset: str
    customers: int
    counts: dict[str, int]
    seconds: float


#: Extensions of the simulated world, applied in order after :func:`lib.demo.world.simulate`:
#: each takes (world, n_customers, seed) and returns the world with more tables or columns
#: (e.g. the outcome of cancellation notices). Each draws from its own seeded generator, so adding
#: one does not change what the others draw.
PASSES: tuple = (notices.extend, complaints.extend, negotiation.extend)


def simulate(n_customers: int, seed: int) -> dict[str, pa.Table]:
    """The whole simulated world: the base story plus every pass of :data:`PASSES`."""
    world = base.simulate(n_customers, seed)
    for extend in PASSES:
        world = extend(world, n_customers, seed)
    # one chunk each: DuckDB reads a chunked table in parallel, and rows tied on the store's sort
    # keys would then come out in either order (the same seed must write the same rows in order)
    return {name: table.combine_chunks() for name, table in world.items()}


def write(con: duckdb.DuckDBPyConnection, ds: int, world: dict[str, pa.Table], seed: int,
          manager_suffix: str = "") -> None:
    store.write(con, ds, world, seed, manager_suffix)


def save(con: duckdb.DuckDBPyConnection, dataset: str, world: dict[str, pa.Table], seed: int,
         source: str) -> dict[str, int]:
    """Write a simulated ``world`` (:func:`simulate`, or a world of the same shape) as dataset
    ``dataset``, replacing it atomically, with its derived tables built in the same transaction
    (the dataset opens ready); the rows per input table."""
    world = {**world, "events": store.with_event_extras(world["events"])}
    for name, table in world.items():
        con.register(f"demo_{name}", table)
    con.execute("BEGIN TRANSACTION")
    try:
        ds = db.new_dataset_id(con)
        write(con, ds, world, seed)
        db.swap_in(con, dataset, ds, source, "demo")
        derived.build(con, ds)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in world:
            con.unregister(f"demo_{name}")
    con.execute("CHECKPOINT")
    return {d.name: d for d in db.datasets(con)}[dataset].counts


def generate(con: duckdb.DuckDBPyConnection, dataset: str = "demo", customers: int = 5000,
             seed: int = 42) -> DemoResult:
    """Create (or atomically replace) the demo dataset ``dataset``.

    Examples
    --------
    >>> con = db.connect(":memory:")
    >>> generate(con, "demo", customers=200, seed=1).counts["transactions"] > 0
    True
    """
    if customers < 10:
        raise ValueError("the demo needs at least 10 customers")
    if not db.valid_name(dataset):
        raise ValueError(f"{dataset!r} is not a valid dataset name (letters, digits, space, _ . -; up to 63)")
    t0 = time.perf_counter()
    counts = save(con, dataset, simulate(customers, seed), seed, f"demo (seed {seed}, {customers} customers)")
    return DemoResult(dataset, customers, counts, time.perf_counter() - t0)


#: Customer ids are ``K`` and seven digits, so a demo holds at most this many customers.
MAX_CUSTOMERS = 9_999_999


def shifted(world: dict[str, pa.Table], customer_offset: int, order_offset: int) -> dict[str, pa.Table]:
    """``world`` with every customer index ``c`` moved up by ``customer_offset`` and every order
    number ``o`` by ``order_offset`` (a chunk of :func:`generate_chunked` after the first)."""
    out = {}
    for name, table in world.items():
        for col, offset in (("c", customer_offset), ("o", order_offset)):
            if offset and col in table.column_names:
                i = table.column_names.index(col)
                table = table.set_column(i, col, pc.add(table[col], pa.scalar(offset, table[col].type)))
        out[name] = table
    return out


def generate_chunked(con: duckdb.DuckDBPyConnection, dataset: str, customers: int, chunk: int = 1_000_000,
                     seed: int = 42, prepare: bool = True) -> DemoResult:
    """A demo too large to simulate in one piece (5M customers would take about 17 GB): independent
    worlds of at most ``chunk`` customers, chunk ``k`` simulated with seed ``seed + k``, appended
    into one dataset ``dataset`` in one transaction (replacing it atomically). Each chunk's customer
    ids and order numbers continue after the previous chunk's, and its account managers carry the
    suffix `` (k+1)`` from the second chunk on (every chunk has its own team). One chunk
    (``customers <= chunk``) writes exactly what :func:`generate` writes. ``prepare=False`` leaves
    the derived tables to be built later (:func:`lib.derived.ensure`).

    Examples
    --------
    >>> con = db.connect(":memory:")
    >>> generate_chunked(con, "big", customers=300, chunk=100, seed=1).counts["customers"]
    300
    """
    if customers < 10 or chunk < 10:
        raise ValueError("the demo needs at least 10 customers per chunk")
    if customers > MAX_CUSTOMERS:
        raise ValueError(f"the demo holds at most {MAX_CUSTOMERS:,} customers")
    if not db.valid_name(dataset):
        raise ValueError(f"{dataset!r} is not a valid dataset name (letters, digits, space, _ . -; up to 63)")
    t0 = time.perf_counter()
    sizes = [min(chunk, customers - start) for start in range(0, customers, chunk)]
    if len(sizes) > 1 and sizes[-1] < 10:   # a tiny remainder joins the chunk before it
        sizes[-2:] = [sizes[-2] + sizes[-1]]
    con.execute("BEGIN TRANSACTION")
    try:
        ds = db.new_dataset_id(con)
        offset = orders = 0
        for k, size in enumerate(sizes):
            world = simulate(size, seed + k)
            world = shifted({**world, "events": store.with_event_extras(world["events"])}, offset, orders)
            for name, table in world.items():
                con.register(f"demo_{name}", table)
            try:
                write(con, ds, world, seed + k, "" if k == 0 else f" ({k + 1})")
            finally:
                for name in world:
                    con.unregister(f"demo_{name}")
            offset += size
            orders = int(pc.max(world["tx"]["o"]).as_py()) + 1
            if orders > 99_999_999:
                raise ValueError("the demo's order numbers have eight digits: use fewer customers")
            del world
        source = (f"demo (seed {seed}, {customers} customers)" if len(sizes) == 1 else
                  f"demo ({len(sizes)} chunks of up to {chunk} customers, seeds {seed}-{seed + len(sizes) - 1})")
        db.swap_in(con, dataset, ds, source, "demo")
        if prepare:
            derived.build(con, ds)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("CHECKPOINT")
    counts = {d.name: d for d in db.datasets(con)}[dataset].counts
    return DemoResult(dataset, customers, counts, time.perf_counter() - t0)
