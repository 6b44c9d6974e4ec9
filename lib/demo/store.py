"""Writes the simulated world (:mod:`lib.demo.world`) into the input tables of one dataset."""
from __future__ import annotations

import duckdb
import pyarrow as pa

from lib.demo.world import (ACQ_CHANNELS, END, EVENT_CHANNELS, EVENT_TYPES, FIRM, FIRST, FORM, LAST, MANAGERS,
                            MEASURES, PRODUCTS, REASONS, REGIONS, SEGMENTS, START, TX_CHANNELS)

#: Optional columns of the world's events table (outcome, outcome day, effective day, measure,
#: satisfied, reason) that the extensions of the world fill; missing ones are written empty.
EVENT_EXTRAS = {"outcome": pa.string(), "odate": pa.int16(), "eff": pa.int16(), "measure": pa.string(),
                "sat": pa.string(), "reason": pa.string()}


def with_event_extras(events: pa.Table) -> pa.Table:
    """``events`` with every column of :data:`EVENT_EXTRAS`, empty where the world has none."""
    for name, kind in EVENT_EXTRAS.items():
        if name not in events.column_names:
            events = events.append_column(name, pa.nulls(events.num_rows, kind))
    return events


def _list(values: tuple[str, ...]) -> str:
    """A SQL list literal of constant module strings (never user input)."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def write(con: duckdb.DuckDBPyConnection, ds: int, world: dict[str, pa.Table], seed: int,
          manager_suffix: str = "") -> None:
    """Insert the simulated world as dataset id ``ds`` (inside the caller's transaction).

    ``manager_suffix`` is appended to every account manager's name (a chunk of a large demo,
    :func:`lib.demo.generate_chunked`, has managers of its own)."""
    cid = "'K' || lpad(CAST(c + 1 AS VARCHAR), 7, '0')"
    start = f"DATE '{START.isoformat()}'"
    if True:
        con.execute(f"""
            INSERT INTO transactions
            SELECT $ds, {cid}, {start} + CAST(d AS INTEGER), CAST(amount AS DECIMAL(18, 2)),
                   'A' || lpad(CAST(o + 1 AS VARCHAR), 8, '0') || CASE WHEN ret THEN '-R' ELSE '' END,
                   q, {_list(PRODUCTS)}[p + 1], {_list(TX_CHANNELS)}[ch + 1]
            FROM demo_tx ORDER BY c, d, o, ret
        """, {"ds": ds})
        con.execute(f"""
            INSERT INTO customers
            SELECT $ds, {cid},
                   CASE WHEN b2b THEN {_list(LAST)}[1 + CAST(hash(c, $seed, 1) % 16 AS BIGINT)] || ' '
                                      || {_list(FIRM)}[1 + CAST(hash(c, $seed, 2) % 10 AS BIGINT)] || ' '
                                      || {_list(FORM)}[1 + CAST(hash(c, $seed, 3) % 5 AS BIGINT)]
                        ELSE {_list(FIRST)}[1 + CAST(hash(c, $seed, 4) % 16 AS BIGINT)] || ' '
                             || {_list(LAST)}[1 + CAST(hash(c, $seed, 5) % 16 AS BIGINT)] END,
                   {_list(SEGMENTS)}[seg + 1], {_list(REGIONS)}[region + 1], {_list(ACQ_CHANNELS)}[acq + 1],
                   {start} + CAST(fc AS INTEGER),
                   CASE WHEN b2b THEN {_list(MANAGERS)}[1 + CAST(hash(c, $seed, 6) % 12 AS BIGINT)] || $suffix
                        ELSE 'Service-Team' END
            FROM demo_customers ORDER BY c
        """, {"ds": ds, "seed": seed, "suffix": manager_suffix})
        con.execute(f"""
            INSERT INTO events
            SELECT $ds, {cid}, {start} + CAST(d AS INTEGER), {_list(EVENT_TYPES)}[t + 1],
                   CASE WHEN dir = 0 THEN 'inbound' ELSE 'outbound' END,
                   CASE WHEN t = 4 THEN 'email' ELSE {_list(EVENT_CHANNELS)}[ch + 1] END,
                   NULL, outcome, {start} + CAST(odate AS INTEGER), {start} + CAST(eff AS INTEGER), measure, sat,
                   reason
            FROM demo_events ORDER BY ALL  -- every column: rows that tie on customer, day and type stay in one order
        """, {"ds": ds})
        con.execute(f"""
            INSERT INTO churn
            SELECT $ds, {cid}, {start} + CAST(d AS INTEGER),
                   CASE WHEN explicit THEN {_list(REASONS)}[reason + 1] END,
                   CASE WHEN explicit THEN 'cancellation' ELSE 'silent' END
            FROM demo_churn ORDER BY c, d
        """, {"ds": ds})
        con.execute(f"""
            INSERT INTO winback
            SELECT $ds, {cid}, {start} + CAST(d AS INTEGER),
                   'Win-back ' || strftime({start} + CAST(d AS INTEGER), '%Y') || '-Q'
                       || CAST(quarter({start} + CAST(d AS INTEGER)) AS VARCHAR),
                   {_list(MEASURES)}[m + 1], CASE WHEN control THEN 'control' ELSE 'treatment' END,
                   CAST(cost AS DECIMAL(18, 2))
            FROM demo_winback ORDER BY c, d
        """, {"ds": ds})
        con.execute(f"""
            INSERT INTO surveys
            SELECT $ds, {cid}, {start} + CAST(d AS INTEGER), sale, after, nps
            FROM demo_surveys ORDER BY c, d
        """, {"ds": ds})
        # B2B customers are invoiced monthly; payment delay follows their habit and grows in
        # their warning window. Invoices younger than their due date may still be open.
        con.execute(f"""
            INSERT INTO invoices
            WITH monthly AS (
                SELECT c, date_trunc('month', {start} + CAST(d AS INTEGER)) AS month,
                       sum(amount) AS amount, max(d) AS last_d
                FROM demo_tx JOIN demo_customers USING (c)
                WHERE b2b
                GROUP BY c, month
                HAVING sum(amount) > 0
            ), dated AS (
                SELECT m.c, CAST(last_day(m.month) AS DATE) AS invoice_date, m.amount,
                       p.delay, p.ws, p.we,
                       (hash(m.c, m.month, $seed) % 100000) / 100000.0 AS u
                FROM monthly m JOIN demo_pay p USING (c)
            ), paid AS (
                SELECT *, invoice_date - {start} AS inv_d,
                       CAST(CASE WHEN invoice_date - {start} BETWEEN ws AND we
                                 THEN delay + 12 + u * 45 ELSE delay + u * 8 END AS INTEGER) AS late
                FROM dated
            )
            SELECT $ds, {cid}, invoice_date, invoice_date + 30, CAST(amount AS DECIMAL(18, 2)),
                   CASE WHEN (inv_d BETWEEN ws AND we AND u > 0.85)
                          OR invoice_date + 30 + GREATEST(late, -25) > DATE '{END.isoformat()}' THEN NULL
                        ELSE invoice_date + 30 + GREATEST(late, -25) END,
                   'R' || strftime(invoice_date, '%Y%m') || '-' || lpad(CAST(c + 1 AS VARCHAR), 7, '0')
            FROM paid ORDER BY c, invoice_date
        """, {"ds": ds, "seed": seed})
