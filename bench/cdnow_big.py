"""About a million CDNOW customers for the ``clv`` comparison (issue 17, goal 3).

``python -m bench.cdnow_big --db PATH [--copies 424] [--dataset cdnow]`` writes the CDNOW 1/10th
sample of tests/data (2,357 customers, 6,919 transactions, 1997-01-01 .. 1998-06-30) ``copies``
times over with fresh customer ids (``0001`` of copy 7 becomes ``c007-0001``) to a CSV file and
imports it with ``python -m lib import`` - the path a user's own data takes, without
``--prepare``, so the dataset is as it is right after an import (no derived tables). 424 copies
are 999,368 customers and 2,933,656 transactions. Every copy has the sample's histories, so the
fits on it have CDNOW's published estimates. Not a test; ``python -m bench`` uses it.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from lib import db  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "cdnow_sample_transactions.csv"
DATASET = "cdnow"
COPIES = 424
SAMPLE_ROWS = 6919
#: The published calibration period of the sample (Fader, Hardie & Lee 2005).
CALIBRATION_END = "1997-09-30"


def write_csv(path: Path, copies: int = COPIES) -> int:
    """The sample repeated ``copies`` times with fresh ids, as a CSV file; the number of rows."""
    src, dst = (str(p).replace("'", "''") for p in (SAMPLE, path))
    con = duckdb.connect(":memory:")
    try:
        con.execute(
            f"COPY (SELECT 'c' || lpad(CAST(k AS VARCHAR), 3, '0') || '-' || s.customer_id AS customer_id, "
            "s.date, s.amount, s.quantity "
            f"FROM read_csv('{src}', header = true, columns = {{'customer_id': 'VARCHAR', 'date': 'DATE', "
            "'amount': 'DECIMAL(18,2)', 'quantity': 'INTEGER'}) s, range(?) r(k) "
            f"ORDER BY k, s.customer_id, s.date) TO '{dst}' (HEADER)", [copies])
        return int(con.execute(f"SELECT count(*) FROM read_csv('{dst}', header = true)").fetchone()[0])
    finally:
        con.close()


def present(path: Path, copies: int, dataset: str) -> bool:
    """Whether ``path`` holds ``dataset`` with the transactions of ``copies`` copies."""
    if not path.exists():
        return False
    con = db.connect(path, read_only=True)
    try:
        infos = {i.name: i for i in db.datasets(con)}
        return dataset in infos and infos[dataset].counts["transactions"] == copies * SAMPLE_ROWS
    finally:
        con.close()


def ensure(path: Path, copies: int = COPIES, dataset: str = DATASET) -> dict:
    """Import the repeated sample into ``path`` unless it is there; what was done and how long
    the import took (the CLI import of the CSV file, in a process of its own)."""
    if present(path, copies, dataset):
        return {"built": False}
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "cdnow_repeated.csv"
        rows = write_csv(csv, copies)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lib", "import", "--db", str(path), "--dataset", dataset,
                        "--transactions", str(csv), "--no-warm"], cwd=ROOT, check=True, capture_output=True, text=True)
        return {"built": True, "transactions": rows, "import_s": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cdnow_big", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "data" / "bench-cdnow.duckdb"))
    parser.add_argument("--copies", type=int, default=COPIES)
    parser.add_argument("--dataset", default=DATASET)
    args = parser.parse_args(argv)
    out = ensure(Path(args.db), args.copies, args.dataset)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
