"""The command line as a user runs it: exit codes 0/1/2, one-line errors, no traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    if env_db:
        env["LIFECYCLE_DB"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def assert_one_line_error(result, code: int, *fragments: str):
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_demo_then_datasets(tmp_path):
    db = tmp_path / "x.duckdb"
    r = cli("demo", "--db", str(db), "--customers", "200", "--seed", "5", "--dataset", "shop-2025")
    assert r.returncode == 0, r.stderr
    assert "shop-2025" in r.stdout and "transactions" in r.stdout
    r = cli("datasets", "--json", env_db=db)  # LIFECYCLE_DB instead of --db
    data = json.loads(r.stdout)
    assert [d["name"] for d in data] == ["shop-2025"]
    assert data[0]["counts"]["customers"] == 200 and data[0]["counts"]["transactions"] > 0
    assert data[0]["first_date"].startswith("2023-01") and data[0]["last_date"].startswith("2025-12")
    r = cli("datasets", "--db", str(db))
    assert r.returncode == 0 and r.stdout.startswith("shop-2025")


def test_demo_if_missing_keeps_existing_data(tmp_path):
    db = tmp_path / "x.duckdb"
    assert cli("demo", "--db", str(db), "--customers", "100", "--dataset", "mine").returncode == 0
    r = cli("demo", "--db", str(db), "--if-missing")
    assert r.returncode == 0 and "already holds" in r.stdout
    data = json.loads(cli("datasets", "--json", "--db", str(db)).stdout)
    assert [d["name"] for d in data] == ["mine"]


@pytest.mark.parametrize("args,fragment", [
    ((), "COMMAND"),
    (("frobnicate",), "frobnicate"),
    (("demo", "--customers", "ten"), "'ten' is not a whole number"),
    (("demo", "--customers", "0"), "at least 1"),
    (("demo", "--dataset", "bad;name"), "not a valid dataset name"),
    (("datasets", "--bogus"), "--bogus"),
])
def test_usage_errors_exit_2(args, fragment, tmp_path):
    assert_one_line_error(cli(*args, env_db=tmp_path / "x.duckdb"), 2, fragment)


def test_not_a_duckdb_file_exits_1(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("hello\n" * 100)
    assert_one_line_error(cli("datasets", "--db", str(bad)), 1, "not a DuckDB database")
    assert bad.read_text() == "hello\n" * 100


def test_missing_database_exits_1(tmp_path):
    assert_one_line_error(cli("datasets", "--db", str(tmp_path / "none.duckdb")), 1, "no database")


def test_locked_database_exits_1(tmp_path):
    db = tmp_path / "x.duckdb"
    assert cli("demo", "--db", str(db), "--customers", "50").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert_one_line_error(cli("demo", "--db", str(db), "--customers", "50"), 1, "in use by another process")
        # the reading commands are refused too, and the sentence says why and what to do instead
        r = cli("datasets", "--db", str(db))
        assert_one_line_error(r, 1, "not even to read it")
        assert "the data page lists, imports, renames and deletes datasets" in r.stderr
    finally:
        holder.kill()
        holder.wait()


def test_clv_json_reproduces_cdnow(tmp_path):
    import pandas as pd

    from lib import db as store

    path = tmp_path / "cd.duckdb"
    con = store.connect(path)
    df = pd.read_csv(ROOT / "tests" / "data" / "cdnow_sample_transactions.csv", dtype={"customer_id": str})
    con.execute("BEGIN TRANSACTION")
    ds = store.new_dataset_id(con)
    con.register("cd", df)
    con.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) "
                "SELECT ?, customer_id, CAST(date AS DATE), amount FROM cd", [ds])
    store.swap_in(con, "cdnow", ds, "CDNOW sample", "import")
    con.execute("COMMIT")
    con.close()
    r = cli("clv", "--db", str(path), "--dataset", "cdnow", "--calibration-end", "1997-09-30",
            "--holdout-end", "1998-06-30", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["time_unit"] == "weeks" and out["customers"] == 2357
    assert out["bgnbd"]["r"] == pytest.approx(0.2426, rel=1e-3) and out["bgnbd"]["loglik"] == pytest.approx(-9582.43, rel=1e-3)
    assert out["pareto_nbd"]["loglik"] == pytest.approx(-9594.98, rel=1e-3)
    assert out["gamma_gamma"]["v"] == pytest.approx(15.44, abs=0.005)
    assert out["holdout"]["actual"] == 1882 and 1500 < out["holdout"]["predicted_bgnbd"] < 1900
    # Right after an import the command builds nothing (issue 17: building every summary table
    # took most of its time); it reads the transactions, and once the derived tables are built
    # it reads customer_days, with the same output to the last digit.
    from lib import derived

    con = store.connect(path)
    assert not derived.is_built(con, ds)
    assert store.scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'customer_days'") == 0
    derived.ensure(con, ds)
    con.close()
    again = cli("clv", "--db", str(path), "--dataset", "cdnow", "--calibration-end", "1997-09-30",
                "--holdout-end", "1998-06-30", "--json")
    assert again.returncode == 0, again.stderr
    assert again.stdout == r.stdout
    assert_one_line_error(cli("clv", "--db", str(path), "--dataset", "nope", "--calibration-end", "1997-09-30"),
                          1, "no dataset named 'nope'")
    assert_one_line_error(cli("clv", "--db", str(path), "--dataset", "cdnow", "--calibration-end", "30.09.1997"),
                          2, "not a date")


def test_score_does_not_fit_the_pareto_nbd(demo_db, tmp_path, monkeypatch):
    # `score` reports the BG/NBD's P(alive) and CLV with Gamma-Gamma spend; the Pareto/NBD fit,
    # which took minutes on heavy buyers (issue 17), is not one of its models.
    import pandas as pd

    from lib.cli import main
    from lib.clv import pareto_nbd, predict

    def refuse(*args, **kwargs):
        raise AssertionError("score fitted the Pareto/NBD")

    for module, name in ((pareto_nbd, "_fit_pareto_nbd"), (pareto_nbd, "fit_pareto_nbd"),
                         (pareto_nbd, "_pnbd_objective"), (predict, "_fit_pareto_nbd")):
        monkeypatch.setattr(module, name, refuse)
    import shutil

    path = tmp_path / "copy.duckdb"  # the session's demo database may be open in this process
    shutil.copy(demo_db, path)
    out = tmp_path / "scores.csv"
    assert main(["score", "--db", str(path), "--dataset", "demo", "--as-of", "2025-12-31", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table["p_alive"].notna().sum() > 1000  # the BG/NBD fitted: no naive fallback
