"""The comparison page with AppTest on the demo file (datasets demo and shop-2025): the two sides'
numbers as the overview and lib.compare compute them, every tab in both languages, the choices in
the URL (language-neutral, bad values falling back), and the empty cases as sentences."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import compare, db, demo, overview, ui
from lib import lifecycle as lc
from lib.i18n import STRINGS, fmt_int, fmt_p, fmt_pct, t
from tests.conftest import open_page, rendered, table_downloads
from tests.test_compare import side_of

ROOT = Path(__file__).resolve().parent.parent
TABS = ("curve", "retention", "value", "churn", "winback")


def run_page(query: dict) -> AppTest:
    return open_page("compare", query)


def texts(at: AppTest) -> str:
    return rendered(" ".join([m.value for m in at.markdown] + [i.value for i in at.info]
                             + [w.value for w in at.warning] + [c.value for c in at.caption]))


def headline(at: AppTest, lang: str) -> dict[str, tuple[str, str, str]]:
    """The headline grid as the page shows it: per figure id, the A and B cells (bold) and the
    figure's hover text (its definition)."""
    cells = list(at.markdown)
    labels = {t(f"compare.metric.{m}", lang): m for m, _ in compare.HEADLINE}
    out = {}
    for i, cell in enumerate(cells):
        if cell.value in labels:
            out[labels[cell.value]] = (cells[i + 1].value.strip("*"), cells[i + 2].value.strip("*"), cell.proto.help)
    return out


def pair(at: AppTest, lang: str, name: str) -> str:
    a, b, _ = headline(at, lang)[name]
    return f"A {a} · B {b}"


@pytest.fixture(scope="module")
def demo_numbers(demo_db):
    con = db.connect(demo_db)
    out = {}
    for name in ("demo", "shop-2025"):
        ds = db.dataset_id(con, name)
        out[name] = ds
    as_of = db.last_transaction_date(con, out["demo"])
    kpis = {name: overview.kpis(con, ds, as_of) for name, ds in out.items()}
    segments = lc.dimensions(con, out["demo"])["segment"]
    seg_sides = [side_of(con, out["demo"], compare.filters_for("segment", s), as_of) for s in segments[1:3]]
    con.close()
    return as_of, kpis, segments, seg_sides


@pytest.mark.parametrize("lang", ["en", "de"])
def test_two_datasets_side_by_side(app_env, demo_numbers, lang):
    as_of, kpis, _, _ = demo_numbers
    at = run_page({"lang": lang})
    assert not at.exception, at.exception
    assert not at.error
    assert at.selectbox(key="cmp_kind").value == "datasets"
    assert (at.selectbox(key="cmp_a").value, at.selectbox(key="cmp_b").value) == ("demo", "shop-2025")
    a, b = kpis["demo"], kpis["shop-2025"]
    assert pair(at, lang, "customers") == f"A {fmt_int(a.customers, lang)} · B {fmt_int(b.customers, lang)}"
    assert pair(at, lang, "active") == f"A {fmt_int(a.active_customers, lang)} · B {fmt_int(b.active_customers, lang)}"
    assert pair(at, lang, "churn_rate") == f"A {fmt_pct(a.churn_rate, lang)} · B {fmt_pct(b.churn_rate, lang)}"
    grid = headline(at, lang)
    assert list(grid) == [m for m, _ in compare.HEADLINE]
    assert all(help_text for _, _, help_text in grid.values())   # every definition one hover away
    assert grid["churn_rate"][2] == t("compare.def.churn_rate", lang, base_a=fmt_int(a.churn_base, lang),
                                      base_b=fmt_int(b.churn_base, lang))
    body = texts(at)
    assert all(t(f"compare.test.{x}", lang) in body for x in ("fisher", "welch", "logrank", "bootstrap"))
    assert len(table_downloads(at)) == 2   # CSV and XLSX of the headline table
    assert t("compare.curve.caption", lang) in texts(at)   # the first tab drawn


def test_two_segments_show_the_libs_numbers(app_env, demo_numbers):
    _, _, segments, (sa, sb) = demo_numbers
    at = run_page({"cmp_kind": "segment", "cmp_a": segments[1], "cmp_b": segments[2]})
    assert not at.exception, at.exception
    assert (at.selectbox(key="cmp_a").value, at.selectbox(key="cmp_b").value) == segments[1:3]
    assert pair(at, "en", "customers") == f"A {fmt_int(sa.customers, 'en')} · B {fmt_int(sb.customers, 'en')}"
    assert pair(at, "en", "gini") == f"A {sa.concentration.gini:.3f} · B {sb.concentration.gini:.3f}"
    c = compare.compare(sa, sb)
    d = c.tests["churn_rate"]
    p = fmt_p(d.p_value, "en")
    expected = (f"{t(f'compare.evidence.{d.evidence}', 'en')}  \n:gray[{t('compare.test.fisher', 'en')}, "
                f"p {p if p.startswith('<') else '= ' + p}]")
    assert expected in [m.value for m in at.markdown]


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("tab", TABS)
def test_every_tab_in_both_languages(app_env, lang, tab):
    at = run_page({"lang": lang, "cmp_kind": "channel", "cmp_tab": tab})
    assert not at.exception, at.exception
    assert not at.error
    body = texts(at)
    expected = {"curve": "compare.curve.caption", "retention": "compare.ret.caption", "value": "compare.value.lorenz.caption",
                "churn": "compare.stages.caption", "winback": "compare.wb.caption"}[tab]
    # the caption's longest literal part (its dates and numbers aside)
    longest = max(re.split(r"\{[a-z_]+\}", STRINGS[expected][lang]), key=len)
    assert longest in body
    marker = {"curve": None, "retention": "χ²", "value": "Bootstrap", "churn": "χ²", "winback": "Fisher"}[tab]
    if marker:
        assert marker.lower() in body.lower()


def test_url_values_are_ids_and_bad_ones_fall_back(app_env):
    at = run_page({"lang": "de", "cmp_kind": "cohort_quarter", "cmp_a": "2024-Q1", "cmp_b": "2025-Q1"})
    assert not at.exception
    assert at.selectbox(key="cmp_a").value == "2024-Q1"
    assert "A: Q1 2024" in texts(at) and "B: Q1 2025" in texts(at)   # the label, the id in the URL
    at = run_page({"cmp_kind": "nonsense", "cmp_a": "no such dataset"})
    assert not at.exception
    assert at.selectbox(key="cmp_kind").value == "datasets" and at.selectbox(key="cmp_a").value == "demo"
    # a change is written back to the URL as an id
    at.selectbox(key="cmp_kind").set_value("cohort_year").run()
    assert at.query_params["cmp_kind"] == "cohort_year"
    at.selectbox(key="cmp_b").set_value("2025").run()
    assert at.query_params["cmp_b"] == "2025" and not at.exception


def test_the_same_value_twice_is_a_sentence(app_env):
    at = run_page({"cmp_kind": "region", "cmp_a": "Nord", "cmp_b": "Nord"})
    assert not at.exception
    assert t("compare.same", "en", label="Nord") in texts(at)
    assert not headline(at, "en")


def test_one_dataset_and_a_bare_dataset(tmp_path, monkeypatch):
    path = tmp_path / "one.duckdb"
    con = db.connect(path)
    demo.generate(con, "solo", customers=300, seed=3)
    con.execute("BEGIN TRANSACTION")   # a second dataset with transactions only
    ds = db.new_dataset_id(con)
    con.execute("INSERT INTO transactions SELECT ? AS dataset_id, * EXCLUDE (dataset_id) FROM transactions "
                "WHERE dataset_id = ?", [ds, db.dataset_id(con, "solo")])
    db.swap_in(con, "bare", ds, "test", "import")
    con.execute("COMMIT")
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    monkeypatch.chdir(ROOT)
    # the bare dataset has no segments and no win-back table
    at = run_page({"dataset": "bare", "cmp_kind": "segment"})
    assert not at.exception, at.exception
    assert "fewer than two values" in texts(at) and not headline(at, "en")
    at = run_page({"dataset": "bare", "cmp_kind": "cohort_year", "cmp_tab": "winback"})
    assert not at.exception, at.exception
    assert t("compare.wb.none", "en", names="bare").split("(")[0] in texts(at)
    assert pair(at, "en", "winback_rate") == "A n/a · B n/a"
    # two datasets, one of them without a win-back table
    at = run_page({"dataset": "solo", "cmp_tab": "winback"})
    assert not at.exception, at.exception
    assert "bare has no win-back table" in texts(at)
    # drop the bare one: one dataset left, a sentence instead of a comparison
    con = db.connect(path)
    db.drop_dataset(con, "bare")
    con.close()
    ui._catalog.clear()   # as the data page does after deleting a dataset
    at = run_page({"dataset": "solo", "cmp_kind": "datasets"})
    assert not at.exception
    assert t("compare.one_dataset", "en", dataset="solo") in texts(at) and not headline(at, "en")
    at = run_page({"dataset": "solo"})   # with one dataset the page opens on two segments
    assert not at.exception and at.selectbox(key="cmp_kind").value == "segment"
    assert len(headline(at, "en")) == len(compare.HEADLINE)


def test_cohorts_are_followed_from_their_last_day(app_env):
    at = run_page({"cmp_kind": "cohort_year", "cmp_a": "2023", "cmp_b": "2024", "cmp_tab": "retention"})
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, 1]) == ["2023-12-31", "2024-12-31"]   # followed from the cohort's last day
    assert all(int(n) >= 30 for n in table.iloc[:, 2])   # a number (shown as 1,234 / 1.234)
    assert "χ²" in texts(at)
    # a cohort still open at the as-of date has no retention curve yet, and the page says why
    at = run_page({"lang": "de", "cmp_kind": "cohort_year", "cmp_a": "2024", "cmp_b": "2025", "cmp_tab": "retention"})
    assert not at.exception, at.exception
    assert t("compare.ret.open", "de", side="B: 2025", end="31.12.2025") in texts(at)
    assert headline(at, "de")["retention_12m"][1] == "k. A."
