"""Anonymised mode's pseudonyms (lib/anon.py): stable per dataset across connections, restarts and
rebuilds, different per dataset, unique, as wide as the dataset needs, unrelated to the real ids'
order; masking, ordering, look-up; rows going with their dataset; the `score --anon` command."""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from lib import anon, db, derived
from lib.cli import main


def _write(con, name: str, ids, managers=None) -> int:
    """A dataset ``name`` whose customers are ``ids`` (one transaction each), built like the demo."""
    ds = db.new_dataset_id(con)
    con.execute("BEGIN TRANSACTION")
    frame = pd.DataFrame({"dataset_id": ds, "customer_id": list(ids), "date": pd.Timestamp("2025-01-01"),
                          "amount": 10.0})
    con.register("tx", frame)
    con.execute("INSERT INTO transactions (dataset_id, customer_id, date, amount) "
                "SELECT dataset_id, customer_id, date, amount FROM tx")
    con.unregister("tx")
    if managers is not None:
        cu = pd.DataFrame({"dataset_id": ds, "customer_id": list(ids), "name": [f"Name {i}" for i in ids],
                           "account_manager": managers})
        con.register("cu", cu)
        con.execute("INSERT INTO customers (dataset_id, customer_id, name, account_manager) SELECT * FROM cu")
        con.unregister("cu")
    db.swap_in(con, name, ds, "test", "import")
    derived.build(con, ds)
    con.execute("COMMIT")
    return ds


IDS = [f"C{i:05d}" for i in range(1, 10_001)]   # 10,000 ids in ascending order


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("anon") / "anon.duckdb"
    con = db.connect(path)
    first = _write(con, "first", IDS)
    second = _write(con, "second", IDS)      # the same ids in another dataset
    con.close()
    return path, first, second


def test_numbers_are_unique_one_to_n_and_survive_a_restart_and_a_rebuild(store):
    path, first, _ = store
    con = db.connect(path, read_only=True)   # the command line reads them read-only
    before = anon.pseudonyms(con, first).set_index("customer_id")["no"]
    con.close()
    assert len(before) == len(IDS) and set(before.index) == set(IDS)
    assert sorted(before) == list(range(1, len(IDS) + 1))   # unique, 1..n
    con = db.connect(path)
    con.execute("BEGIN TRANSACTION")
    derived.build(con, first)                # the derived tables rebuilt (a new version of the rules)
    con.execute("COMMIT")
    con.close()
    con = db.connect(path, read_only=True)   # another process, after a restart
    after = anon.pseudonyms(con, first).set_index("customer_id")["no"]
    con.close()
    assert after.loc[before.index].tolist() == before.tolist()


def test_another_dataset_numbers_the_same_ids_differently(store):
    path, first, second = store
    con = db.connect(path, read_only=True)
    a = anon.pseudonyms(con, first).set_index("customer_id")["no"]
    b = anon.pseudonyms(con, second).set_index("customer_id")["no"].loc[a.index]
    salts = con.execute("SELECT dataset_id, salt FROM anon_keys ORDER BY dataset_id").fetchall()
    con.close()
    assert (a.to_numpy() == b.to_numpy()).mean() < 0.01   # by chance about 1 in 10,000
    assert len({s for _, s in salts}) == 2 and all(len(s) == 32 for _, s in salts)   # 128-bit random salts


def test_the_numbers_say_nothing_about_the_order_of_the_ids(store):
    path, first, _ = store
    con = db.connect(path, read_only=True)
    p = anon.pseudonyms(con, first)
    con.close()
    real_rank = p["customer_id"].rank().to_numpy()
    rho, _ = stats.spearmanr(real_rank, p["no"].to_numpy())
    # independent of the ids' order: |rho| of a random permutation of 10,000 has sd 1/sqrt(9999) = 0.01
    assert abs(rho) < 0.04
    # and neighbours stay no neighbours: consecutive ids get numbers far apart
    by_id = p.sort_values("customer_id")["no"].to_numpy()
    assert np.median(np.abs(np.diff(by_id))) > 1000
    # no digits of the id in its label: C00042's label is not "... 0042" more often than chance
    labels = anon.customer_labels(p["customer_id"], p, "en")
    same = sum(lab.endswith(cid[-4:]) for lab, cid in zip(labels, p["customer_id"]))
    assert same <= 5


def test_width_is_four_digits_and_more_for_larger_datasets():
    table = pd.DataFrame({"customer_id": ["a", "b"], "no": [1, 2]})
    assert anon.customer_labels(["a", "b"], table, "de").tolist() == ["Kunde 0001", "Kunde 0002"]
    big = pd.DataFrame({"customer_id": [f"x{i}" for i in range(12_345)], "no": np.arange(1, 12_346)})
    assert anon.customer_labels(["x0", "x12344"], big, "en").tolist() == ["Customer 00001", "Customer 12345"]
    assert anon.customer_label(427, "de") == "Kunde 0427" and anon.customer_label(427, "en") == "Customer 0427"
    assert (anon.width(9_999), anon.width(10_000), anon.width(1_000_000)) == (4, 5, 7)


def test_account_managers_get_their_own_stable_numbers(tmp_path):
    con = db.connect(tmp_path / "m.duckdb")
    ids = [f"K{i}" for i in range(6)]
    ds = _write(con, "m", ids, managers=["Ms Alpha", "Mr Beta", "Ms Alpha", None, "Mr Gamma", "Mr Beta"])
    p = anon.pseudonyms(con, ds)
    numbers = p.dropna(subset=["account_manager"]).groupby("account_manager")["manager_no"].unique()
    assert sorted(int(n[0]) for n in numbers) == [1, 2, 3] and all(len(n) == 1 for n in numbers)
    frame = pd.DataFrame({"customer_id": ids, "name": [f"Name {i}" for i in ids],
                          "account_manager": ["Ms Alpha", "Mr Beta", "Ms Alpha", None, "Mr Gamma", "Nobody"]})
    out = anon.mask(frame, p, "de")
    managers = out["account_manager"].tolist()
    assert managers[0] == managers[2] != managers[1] and managers[0].startswith("Betreuer ")
    assert pd.isna(managers[3]) and managers[5] == "Betreuer (andere)"
    assert not set(out.to_numpy().ravel()) & (set(ids) | set(frame["name"]) | {"Ms Alpha", "Mr Beta", "Mr Gamma"})
    assert out["name"].tolist() == out["customer_id"].tolist()
    assert anon.mask(out, p, "de") is out     # never masked twice
    db.drop_dataset(con, "m")                 # the salt and the numbers go with the dataset
    assert con.execute("SELECT (SELECT count(*) FROM anon_keys) + (SELECT count(*) FROM anon_customers) "
                       "+ (SELECT count(*) FROM anon_managers)").fetchall()[0][0] == 0


def test_order_breaks_ties_by_pseudonym_and_lookup_reads_every_spelling():
    table = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "no": [4, 2, 3, 1]})
    frame = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "revenue": [0.0, 0.0, 9.0, 0.0]})
    assert anon.order(frame, table, ["revenue"], [False])["customer_id"].tolist() == ["C", "D", "B", "A"]
    for text in ("0002", "2", "Kunde 0002", "customer 2", "#2", " Customer 0002 "):
        assert anon.lookup(table, text) == "B", text
    assert anon.lookup(table, "B") is None and anon.lookup(table, "5") is None and anon.lookup(table, "") is None


def test_masking_a_million_rows_is_vectorised():
    # not a timing test: the labels of a million customers come out right and in one piece
    n = 1_000_000
    table = pd.DataFrame({"customer_id": [f"id{i}" for i in range(n)], "no": np.random.default_rng(1).permutation(n) + 1})
    out = anon.customer_labels(table["customer_id"].iloc[[0, -1]], table, "en")
    assert out.tolist() == [f"Customer {table['no'].iloc[0]:07d}", f"Customer {table['no'].iloc[-1]:07d}"]


# --- the command line ------------------------------------------------------------------------------------

def test_score_anon_writes_the_apps_pseudonyms_in_their_order(demo_db, tmp_path):
    plain, masked = tmp_path / "plain.csv", tmp_path / "anon.csv"
    base = ["score", "--db", str(demo_db), "--dataset", "demo", "--as-of", "2025-12-31"]
    assert main([*base, "--out", str(plain)]) == 0
    assert main([*base, "--out", str(masked), "--anon"]) == 0
    real = pd.read_csv(plain, encoding="utf-8-sig")
    anonymous = pd.read_csv(masked, encoding="utf-8-sig")
    con = db.connect(demo_db, read_only=True)
    p = anon.pseudonyms(con, db.dataset_id(con, "demo"))
    names = set(con.execute("SELECT name FROM customers WHERE name IS NOT NULL").fetchall())
    con.close()
    text = masked.read_text(encoding="utf-8-sig")
    assert not any(cid in text for cid in p["customer_id"]), "a real id in the anonymised file"
    assert not any(name in text for (name,) in names)
    expected = dict(zip(p["customer_id"], anon.customer_labels(p["customer_id"], p, "en")))
    assert anonymous["customer_id"].tolist() == sorted(anonymous["customer_id"])   # by pseudonym, not by id
    # the same rows, each under the pseudonym the app shows for it
    real = real.assign(customer_id=real["customer_id"].map(expected)).set_index("customer_id").sort_index()
    pd.testing.assert_frame_equal(anonymous.set_index("customer_id").sort_index(), real)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "customer_id" and rows[1][0].startswith("Customer ")
