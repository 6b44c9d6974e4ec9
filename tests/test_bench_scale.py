"""The cost-curve bench's helpers (bench/scale.py, bench/scale_report.py) and the chunked demo
build it uses (lib.demo.generate_chunked); no timing is asserted."""
from __future__ import annotations

import sys

import pytest

from bench import scale, scale_report
from lib import db, demo

TABLES = ("transactions", "customers", "events", "invoices", "churn", "winback", "surveys")


def _page(cold, warm, peak=900, load=2.5):
    return {"cold_s": cold, "warm_s": warm, "exception": False, "peak_mb": peak, "process_s": cold + warm + 3,
            "load_1m": load}


def _cmd(wall, peak, load=2.5):
    return {"wall_s": wall, "peak_mb": peak, "rc": 0, "load_1m": load}


FAKE = {
    "commit": "abc1234",
    "machine": {"cpus": 2, "ram_gb": 24.0},
    "sizes": {
        "100000": {"build": {**_cmd(6.2, 888), "rows": {"transactions": 1_898_086}},
                   "import": _cmd(4.8, 405), "prepare": _cmd(3.0, 700), "warm": _cmd(20.0, 1500),
                   "clv": _cmd(2.0, 400), "score": _cmd(5.0, 900),
                   "pages": {"pages/overview.py": _page(0.5, 0.05), "pages/risk.py": _page(1.0, 0.2)},
                   "first": {"pages/risk.py": _page(4.0, 0.2)}},
        "1000000": {"build": {**_cmd(60.0, 4100), "rows": {"transactions": 18_789_934}},
                    "import": _cmd(30.0, 900), "prepare": _cmd(25.0, 3000), "warm": _cmd(120.0, 5000),
                    "clv": _cmd(6.0, 1500), "score": _cmd(40.0, 4000), "session": _cmd(80.0, 5000),
                    "pages": {"pages/overview.py": _page(1.1, 0.1), "pages/risk.py": _page(2.9, 0.4, 3100)}},
        "5000000": {"build": {**_cmd(400.0, 4500), "rows": {"transactions": 94_000_000}},
                    "import": _cmd(150.0, 1200), "prepare": {"wall_s": 90.0, "peak_mb": 14500, "rc": -9,
                                                             "killed": "memory above 14 GB"},
                    "pages": {"pages/overview.py": _page(2.0, 0.3),
                              "pages/risk.py": _page(7.5, 1.9, 19_000),
                              "pages/value.py": {"wall_s": 50.0, "peak_mb": 9000, "rc": 1, "error": "boom"},
                              "pages/story.py": {**_page(1.0, 0.1), "exception": True}}},
    },
}


def test_table_has_a_row_per_measurement_and_a_column_per_size():
    text = scale_report.table(FAKE)
    lines = text.splitlines()
    assert lines[0] == "| measurement | 100,000 customers | 1,000,000 customers | 5,000,000 customers |"
    rows = {line.split(" | ")[0].lstrip("| "): line for line in lines[2:]}
    assert "| 1,898,086 | 18,789,934 | 94,000,000 |" in rows["transactions"]
    assert "| 6.20 s · 0.9 GB | 60.0 s · 4.0 GB | 400 s · 4.4 GB |" in rows["demo build (generation)"]
    assert rows["prepare (derived tables)"].endswith("| stopped: memory above 14 GB |")
    assert rows["`python -m lib clv`"].endswith("| – |")       # not measured at 5M
    assert "| 2.90 s / 0.40 s · 3.0 GB |" in rows["page risk: cold / warm"]
    assert rows["page value: cold / warm"] == "| page value: cold / warm | – | – | failed |"
    assert rows["page story: cold / warm"] == "| page story: cold / warm | – | – | exception shown |"
    assert rows["page risk: first ever (nothing stored)"] == \
        "| page risk: first ever (nothing stored) | 4.00 s · 0.9 GB | – | – |"
    assert rows["machine load while the pages were measured (1-min average, median; 2 CPUs)"] \
        .endswith("| 2.5 | 2.5 | 2.5 |")
    assert rows["app: every view in turn in one process"] == \
        "| app: every view in turn in one process | – | 80.0 s · 4.9 GB | – |"
    # 2 header lines, transactions, 7 commands, load, 4 pages, 1 first-ever row
    assert len(lines) == 2 + 1 + 7 + 1 + 4 + 1


def test_verdict_names_what_is_not_interactive():
    v = scale_report.verdict(FAKE)
    assert v[100_000] == [] and v[1_000_000] == []
    why = v[5_000_000]
    assert "risk cold 7.50 s > 3 s" in why
    assert "risk warm 1.90 s > 1.5 s" in why
    assert "value: failed" in why and "story: exception shown" in why
    assert "prepare: memory above 14 GB" in why
    assert "page risk peak 18.6 GB > 75% of 24.0 GB" in why
    assert not any("overview" in w for w in why)
    assert scale_report.limit(FAKE) == (1_000_000, 5_000_000)
    # a size whose pages were not measured gets no verdict
    partial = {**FAKE, "sizes": {k: v for k, v in FAKE["sizes"].items() if k != "1000000"}
               | {"1000000": {"build": FAKE["sizes"]["1000000"]["build"]}}}
    assert 1_000_000 not in scale_report.verdict(partial)
    assert scale_report.limit(partial) == (100_000, 5_000_000)


def test_chart_has_one_line_per_measurement_on_log_axes():
    df = scale_report.long_frame(FAKE)
    cmds = df[df.panel == "commands: wall seconds"]
    assert set(cmds.measurement) == {"demo build (generation)", "import (python -m lib import)",
                                     "prepare (derived tables)", "warm-up (python -m lib warm)",
                                     "python -m lib clv", "python -m lib score",
                                     "app: every view in turn in one process"}
    # the stopped prepare at 5M is no point on the line
    assert sorted(cmds[cmds.measurement == "prepare (derived tables)"].customers) == [100_000, 1_000_000]
    cold = df[df.panel.str.startswith("pages cold")]
    assert sorted(cold[cold.measurement == "risk"].value) == [1.0, 2.9, 7.5]
    spec = scale_report.chart(FAKE).to_dict()
    text = str(spec)
    assert "'type': 'log'" in text and "pages warm (second run): seconds" in text


def test_readme_table_is_replaced_between_the_markers():
    text = f"intro\n{scale_report.BEGIN}\nold table\n{scale_report.END}\nrest\n"
    out = scale_report.replace_table(text, "| new |")
    assert out == f"intro\n{scale_report.BEGIN}\n| new |\n{scale_report.END}\nrest\n"
    with pytest.raises(ValueError):
        scale_report.replace_table("no markers", "x")


def test_chunked_demo_appends_independent_chunks_with_unique_ids():
    con = db.connect(":memory:")
    r = demo.generate_chunked(con, "big", customers=250, chunk=100, seed=7)
    assert r.counts["customers"] == 250
    # each chunk is the world of its own seed: the row counts are the sums of the chunks'
    sums = dict.fromkeys(TABLES, 0)
    for k, size in enumerate((100, 100, 50)):
        part = db.connect(":memory:")
        counts = demo.generate_chunked(part, "p", customers=size, chunk=size, seed=7 + k).counts
        for t in TABLES:
            sums[t] += counts[t]
    assert {t: r.counts[t] for t in TABLES} == sums
    one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    assert one("SELECT count(*), count(DISTINCT customer_id), min(customer_id), max(customer_id) FROM customers") \
        == (250, 250, "K0000001", "K0000250")
    assert one("SELECT count(*) = count(DISTINCT order_id) FROM transactions WHERE amount > 0") == (True,)
    assert one("SELECT count(*) FROM transactions t ANTI JOIN customers c USING (customer_id)") == (0,)
    managers = {m for (m,) in con.execute("SELECT DISTINCT account_manager FROM customers").fetchall()}
    assert any(m.endswith(" (2)") for m in managers) and any(m.endswith(" (3)") for m in managers)
    assert not any(m.endswith(" (2)") for m in managers & set(demo.MANAGERS))


def test_one_chunk_is_the_ordinary_demo():
    a, b = db.connect(":memory:"), db.connect(":memory:")
    demo.generate(a, "demo", customers=120, seed=5)
    demo.generate_chunked(b, "demo", customers=120, chunk=1000, seed=5)
    for t in TABLES:
        q = f"SELECT * EXCLUDE (dataset_id) FROM {t} ORDER BY ALL"
        assert a.execute(q).fetchall() == b.execute(q).fetchall(), t
    with pytest.raises(ValueError):
        demo.generate_chunked(b, "demo", customers=demo.MAX_CUSTOMERS + 1)


def test_child_process_peak_memory_and_watchdog():
    grow = "import time; x = bytearray(300 * 2**20); x[::4096] = b'1' * len(x[::4096]); time.sleep(1.5)"
    r = scale.run_child([sys.executable, "-c", grow], max_gb=4)
    assert r["rc"] == 0 and r["peak_mb"] >= 300 and "killed" not in r
    r = scale.run_child([sys.executable, "-c", grow], max_gb=0.1)
    assert r["killed"] == "memory above 0.1 GB" and r["rc"] != 0


def test_a_dataset_read_from_parquet_views_opens_and_prepares(tmp_path):
    """bench.parquet's setup: the input tables as views over Parquet files (docs/scaling.md);
    lib.db opens the file writable (schema applied, views left alone), the derived tables build
    from the views, and a page's query gives what it gives on the native tables."""
    from bench import parquet
    from lib import derived, overview

    native = tmp_path / "app.duckdb"
    con = db.connect(native)
    demo.generate_chunked(con, "demo", customers=150, chunk=1000, seed=2)
    ds = db.dataset_id(con, "demo")
    files = tmp_path / "files"
    files.mkdir()
    for t in TABLES:
        con.execute(f"COPY (SELECT * EXCLUDE (dataset_id) FROM {t} WHERE dataset_id = {ds}) "
                    f"TO '{files / (t + '.parquet')}' (FORMAT parquet)")
    as_of = db.last_transaction_date(con, ds)
    want = overview.kpis(con, ds, as_of)
    con.close()
    views = tmp_path / "views.duckdb"
    assert parquet.make_views_db(native, files, views) == ds
    con = db.connect(views)   # writable: apply_schema must leave the views alone
    kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    assert {kinds[t] for t in TABLES} == {"VIEW"}
    assert derived.ensure(con, ds)
    assert overview.kpis(con, ds, as_of) == want
    assert {d.name: d for d in db.datasets(con)}["demo"].counts["transactions"] > 0
