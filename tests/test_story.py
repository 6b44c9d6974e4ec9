"""The story (lib/story): every step on the demo in both languages, takeaways checked against numbers
computed independently from the raw tables, steps on a dataset without the optional tables, the
watch list in anonymised mode, and snapshots (lib/story/snapshots)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from lib import db, demo, derived, story
from lib.i18n import t
from lib.story import snapshots


@pytest.fixture(scope="module")
def demo_ds(demo_con):
    ds = int(demo_con.execute("SELECT id FROM datasets WHERE name = 'demo'").fetchall()[0][0])
    derived.ensure(demo_con, ds)
    as_of = demo_con.execute("SELECT max(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchall()[0][0]
    return ds, as_of


@pytest.fixture(scope="module")
def slides(demo_con, demo_ds):
    """Every step in both languages, from one source per language (as the deck builds them)."""
    ds, as_of = demo_ds
    out = {}
    for lang in ("en", "de"):
        src = story.Source(demo_con, ds, as_of)
        for step in story.STEPS:
            out[(step.id, lang)] = story.build(demo_con, ds, as_of, step.id, lang, True, source=src)
    return out


def number(text: str, lang: str, nth: int = 0) -> float:
    """The ``nth`` number of a sentence (dates left out), read in ``lang``'s format (German 1.234,5)."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}", " ", text)   # dates are no numbers here
    raw = re.findall(r"\d[\d.,]*\d|\d", text)[nth]
    raw = raw.replace(".", "").replace(",", ".") if lang == "de" else raw.replace(",", "")
    return float(raw)


def test_the_story_follows_the_issue_sequence():
    assert story.step_ids() == ("lifecycle", "stages", "moves", "concentration", "high_low", "signals", "score",
                                "watch", "reasons", "winback", "loyalty", "whatif")
    assert 10 <= len(story.STEPS) <= 14
    for step in story.STEPS:
        assert step.page in {"lifecycle", "value", "risk", "recovery"}
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in step.params)
    with pytest.raises(KeyError):
        story.step_of("nonsense")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_step_is_one_idea_with_a_chart_caption_and_definitions(slides, lang):
    for number_, step in enumerate(story.STEPS, start=1):
        s = slides[(step.id, lang)]
        assert s.ok, (step.id, s.takeaway)
        assert s.step == number_ and s.id == step.id
        assert s.title and s.caption and s.definitions
        # one sentence: it ends with a full stop and holds no second one
        assert s.takeaway.endswith(".") and not re.search(r"[.!?] [A-ZÄÖÜ„“]", s.takeaway[:-1]), s.takeaway
        assert re.search(r"\d", s.takeaway), s.takeaway   # computed from the data
        spec = s.chart.to_dict()
        assert spec.get("layer") or spec.get("mark")
        if lang == "de":   # German numbers: no English thousands separator or decimal point between digits
            assert not re.search(r"\d,\d{3}\b", s.takeaway) and not re.search(r"\d\.\d\b", s.takeaway), s.takeaway
    assert {slides[(s.id, "en")].title for s in story.STEPS}.isdisjoint({slides[(s.id, "de")].title for s in story.STEPS})


def test_concentration_takeaway_equals_the_share_from_the_raw_transactions(demo_con, demo_ds, slides):
    ds, as_of = demo_ds
    tx = demo_con.execute("SELECT customer_id, date, amount::DOUBLE AS amount FROM transactions "
                          "WHERE dataset_id = ? AND date <= ?", [ds, as_of]).df()
    buyers = tx.loc[tx["amount"] > 0, "customer_id"].unique()
    recent = tx.loc[pd.to_datetime(tx["date"]) > pd.Timestamp(as_of) - pd.Timedelta(days=365)]
    revenue = recent.groupby("customer_id")["amount"].sum().reindex(buyers, fill_value=0.0).clip(lower=0)
    top = np.sort(revenue.to_numpy())[::-1]
    share = top[:round(0.2 * len(top))].sum() / top.sum()
    for lang in ("en", "de"):
        s = slides[("concentration", lang)]
        assert number(s.takeaway, lang, 0) == 20
        assert number(s.takeaway, lang, 1) == pytest.approx(100 * share, abs=0.5)


def test_stages_takeaway_counts_every_known_customer(demo_con, demo_ds, slides):
    ds, as_of = demo_ds
    known = demo_con.execute(
        "SELECT count(DISTINCT customer_id) FROM (SELECT customer_id FROM transactions WHERE dataset_id = $ds "
        "AND date <= $as_of UNION SELECT customer_id FROM customers WHERE dataset_id = $ds)",
        {"ds": ds, "as_of": as_of}).fetchall()[0][0]
    assert number(slides[("stages", "en")].takeaway, "en", 0) == known
    assert number(slides[("stages", "de")].takeaway, "de", 0) == known


def test_winback_takeaway_equals_the_rates_from_the_raw_win_back_table(demo_con, demo_ds, slides):
    """Contacts of the twelve months up to the as-of date whose 90 days have passed; won back = a day
    with a positive net purchase within 90 days after the contact."""
    ds, as_of = demo_ds
    start = date(as_of.year - 1, as_of.month, as_of.day) + timedelta(days=1)
    contacts = demo_con.execute('SELECT customer_id, date, "group" AS grp FROM winback WHERE dataset_id = ? '
                                "AND date BETWEEN ? AND ?", [ds, start, as_of]).df()
    days = demo_con.execute("SELECT customer_id, date, sum(amount)::DOUBLE AS net FROM transactions "
                            "WHERE dataset_id = ? AND date <= ? GROUP BY ALL HAVING sum(amount) > 0", [ds, as_of]).df()
    buys = days.groupby("customer_id")["date"].apply(lambda s: np.sort(pd.to_datetime(s).to_numpy()))
    contacts["date"] = pd.to_datetime(contacts["date"])
    mature = contacts.loc[contacts["date"] + pd.Timedelta(days=90) <= pd.Timestamp(as_of)]

    def won(row) -> bool:
        b = buys.get(row["customer_id"])
        return b is not None and bool(((b > row["date"].to_datetime64())
                                       & (b <= (row["date"] + pd.Timedelta(days=90)).to_datetime64())).any())

    treated = mature.loc[mature["grp"] == "treatment"]
    control = mature.loc[mature["grp"] == "control"]
    rate_t = np.mean([won(r) for _, r in treated.iterrows()])
    rate_c = np.mean([won(r) for _, r in control.iterrows()])
    for lang in ("en", "de"):
        text = slides[("winback", lang)].takeaway
        assert number(text, lang, 0) == len(treated)
        assert number(text, lang, 1) == pytest.approx(100 * rate_t, abs=0.5)
        assert number(text, lang, 3) == pytest.approx(100 * rate_c, abs=0.5)
        assert number(text, lang, 4) == pytest.approx(100 * (rate_t - rate_c), abs=0.051)


def test_score_takeaway_is_the_share_of_losses_among_the_top_tenth(demo_con, demo_ds, slides):
    """Recounted from the backtest's scores and outcomes: sort by score, take the top 10 %."""
    ds, as_of = demo_ds
    from lib import risk
    bt = risk.backtest(demo_con, ds, as_of - timedelta(days=180), risk.Settings(), risk.Weights())
    order = np.argsort(-bt.score, kind="stable")
    top = order[:round(0.1 * len(order))]
    found = bt.lost[top].sum() / bt.lost.sum()
    rate_top = bt.lost[top].mean() / bt.lost.mean()
    text = slides[("score", "en")].takeaway
    assert number(text, "en", 1) == pytest.approx(100 * found, abs=0.5)
    assert number(text, "en", 3) == pytest.approx(rate_top, abs=0.051)


def test_reasons_takeaway_counts_the_stated_reasons_of_the_churn_table(demo_con, demo_ds, slides):
    """The leading reason given is the most frequent non-silent reason of the churn records dated in
    the twelve months (every such record is a loss of that period)."""
    ds, as_of = demo_ds
    start = date(as_of.year - 1, as_of.month, as_of.day) + timedelta(days=1)
    churn = demo_con.execute("SELECT reason, count(DISTINCT customer_id) AS n FROM churn WHERE dataset_id = ? "
                             "AND date BETWEEN ? AND ? AND kind = 'cancellation' GROUP BY reason ORDER BY n DESC",
                             [ds, start, as_of]).df()
    top = churn["reason"].iloc[0]
    assert churn["n"].iloc[0] > churn["n"].iloc[1]   # a clear leader, or the test would not decide
    assert slides[("reasons", "en")].takeaway.startswith(f"“{t(f'recovery.reason.{top}', 'en')}”")
    assert slides[("reasons", "de")].takeaway.startswith(f"„{t(f'recovery.reason.{top}', 'de')}“")


def test_steps_without_the_optional_tables_say_what_is_missing(tmp_path):
    con = db.connect(tmp_path / "bare.duckdb")
    demo.generate(con, "full", customers=300, seed=3)
    full = int(con.execute("SELECT id FROM datasets WHERE name = 'full'").fetchall()[0][0])
    con.execute("INSERT INTO datasets VALUES (99, 'bare', now(), 'test', 'import')")
    con.execute("INSERT INTO transactions SELECT 99, customer_id, date, amount, order_id, quantity, product, channel "
                "FROM transactions WHERE dataset_id = ?", [full])
    derived.ensure(con, 99)
    as_of = con.execute("SELECT max(date) FROM transactions WHERE dataset_id = 99").fetchall()[0][0]
    for lang in ("en", "de"):
        src = story.Source(con, 99, as_of)
        built = {s.id: story.build(con, 99, as_of, s.id, lang, True, source=src) for s in story.STEPS}
        for sid in ("reasons", "winback"):
            assert not built[sid].ok and built[sid].chart is None
        assert "churn" in built["reasons"].takeaway.lower() or "Abwanderung" in built["reasons"].takeaway
        assert "Win-back" in built["winback"].takeaway or "Rückgewinnung" in built["winback"].takeaway
        for sid in ("lifecycle", "stages", "concentration"):
            assert built[sid].ok, built[sid].takeaway
        for s in built.values():   # every other step builds or says in one sentence why not
            assert s.title and s.takeaway


def test_watch_list_shows_pseudonyms_only_in_anonymised_mode(demo_con, demo_ds, slides):
    ds, as_of = demo_ds
    real = demo_con.execute("SELECT customer_id, name FROM customers WHERE dataset_id = ?", [ds]).df()
    ids, names = set(real["customer_id"]), set(real["name"].dropna())
    table = slides[("watch", "de")].table
    assert len(table) > 0
    cells = set(table.astype(str).to_numpy().ravel())
    assert not cells & ids and not cells & names
    assert all(c.startswith("Kunde ") for c in table["Kunde"])
    plain = story.build(demo_con, ds, as_of, "watch", "en", False)
    assert set(plain.table["Customer"]) <= ids and "Name" in plain.table.columns


# --- snapshots -----------------------------------------------------------------------------------------

@pytest.fixture
def snap_con(tmp_path):
    con = db.connect(tmp_path / "snap.duckdb")
    demo.generate(con, "demo", customers=200, seed=5)
    return con


def _dataset(con, name="demo"):
    return con.execute("SELECT id, created_at FROM datasets WHERE name = ?", [name]).fetchone()


def test_snapshots_save_list_open_delete(snap_con):
    ds, created = _dataset(snap_con)
    assert snapshots.save(snap_con, "  Workshop März  ", dataset_name="demo", dataset_id=ds, created_at=created,
                          as_of=date(2025, 6, 30), settings={"story": 3}) is None
    listing = snapshots.listing(snap_con)
    assert listing["name"].tolist() == ["Workshop März"] and listing["status"].tolist() == ["ok"]
    snap = snapshots.get(snap_con, "Workshop März")
    assert (snap.dataset_name, snap.source_id, snap.as_of, snap.step, snap.status) == ("demo", ds, date(2025, 6, 30), 3, "ok")
    assert snapshots.get(snap_con, "other") is None
    assert snapshots.delete(snap_con, "Workshop März") and not snapshots.delete(snap_con, "Workshop März")
    assert snapshots.listing(snap_con).empty


@pytest.mark.parametrize("name, problem", [
    ("", "empty"), ("   ", "empty"), (None, "empty"), ("x" * 61, "too_long"), ("a\nb", "control"), ("tab\there", "control"),
    ("taken", "duplicate"), (" taken ", "duplicate"),
])
def test_bad_snapshot_names_are_refused_with_a_reason(snap_con, name, problem):
    ds, created = _dataset(snap_con)
    kw = dict(dataset_name="demo", dataset_id=ds, created_at=created, as_of=date(2025, 1, 1), settings={})
    assert snapshots.save(snap_con, "taken", **kw) is None
    assert snapshots.save(snap_con, name, **kw) == problem
    assert snapshots.listing(snap_con)["name"].tolist() == ["taken"]


def test_names_are_user_data_kept_as_typed(snap_con):
    ds, created = _dataset(snap_con)
    name = "[x](javascript:alert(1)) <b>'; DROP TABLE datasets; --"
    assert snapshots.save(snap_con, name, dataset_name="demo", dataset_id=ds, created_at=created,
                          as_of=date(2025, 1, 1), settings={}) is None
    assert snapshots.get(snap_con, name).name == name
    assert _dataset(snap_con) is not None


def test_a_snapshot_outlives_its_dataset_and_says_it_was_replaced_or_deleted(snap_con):
    ds, created = _dataset(snap_con)
    snapshots.save(snap_con, "before", dataset_name="demo", dataset_id=ds, created_at=created,
                   as_of=date(2025, 6, 30), settings={"story": 2})
    demo.generate(snap_con, "demo", customers=200, seed=6)          # imported again: a new dataset
    assert snapshots.get(snap_con, "before").status == "replaced"
    db.drop_dataset(snap_con, "demo")
    assert snapshots.get(snap_con, "before").status == "deleted"
    assert snapshots.listing(snap_con)["status"].tolist() == ["deleted"]


def test_snapshot_rows_survive_reopening_the_file(tmp_path):
    path = tmp_path / "reopen.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=200, seed=5)
    ds, created = _dataset(con)
    snapshots.save(con, "kept", dataset_name="demo", dataset_id=ds, created_at=created, as_of=date(2025, 3, 31),
                   settings={"story": 4}, now=datetime(2026, 1, 2, 3, 4))
    con.close()
    con = db.connect(path)
    snap = snapshots.get(con, "kept")
    assert (snap.status, snap.as_of, snap.step, snap.saved_at) == ("ok", date(2025, 3, 31), 4, datetime(2026, 1, 2, 3, 4))
    con.close()


def test_lifecycle_takeaway_never_names_one_month_twice(tmp_path):
    # the 5,000-customer demo at 30.06.2025 has its highest month last: the sentence must not read
    # "at the peak (month 28) 169 € and in month 28 still 169 €"
    from datetime import date

    from lib import db, demo

    con = db.connect(tmp_path / "d.duckdb")
    demo.generate(con, "demo", customers=5000, seed=42)
    ds = db.dataset_id(con, "demo")
    derived.ensure(con, ds)
    for lang, word in (("de", "Monat"), ("en", "month")):
        slide = story.build(con, ds, date(2025, 6, 30), "lifecycle", lang, True)
        months = re.findall(rf"{word} (\d+)", slide.takeaway)
        assert months and len(months) == len(set(months)), slide.takeaway
    con.close()
