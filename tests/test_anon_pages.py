"""Anonymised mode on every page: every page and every tab (with a customer list and the customer
story opened by real id) run with ``anon=1`` on the demo data, and nothing the page sends to the
browser - markdown, captions, metrics, widgets and their options, every dataframe cell, every
chart's data values and spec, tooltips and help texts - nor any file its download buttons
produce holds a customer id, a customer name or an account manager of the file's datasets. The
same walk with ``anon=0`` finds them (so the check can fail)."""
from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.descriptor import FieldDescriptor

from lib import anon, db
from lib.importing import contract
from lib.i18n import t
from tests.conftest import open_page
from tests.test_import_page import page_db  # noqa: F401  (the fixture: a database the page may write)

STORY_ID = "K0000042"
#: Every page with the ids of its tabs (ui.tabs' URL key and ids); a page that gets another tab
#: fails test_every_tab_is_walked until it is listed here.
PAGES = {
    "overview": (None, ()),
    "lifecycle": ("lc_tab", ("curve", "trend", "moves", "cohorts")),
    "value": ("val_tab", ("history", "rfm", "clv", "check", "split")),
    "risk": ("risk_tab", ("scores", "watch", "proof", "survival", "story", "complaints")),
    "recovery": ("rec_tab", ("identify", "notices", "causes", "measures", "success", "loyalty", "aftersales", "whatif")),
    "compare": ("cmp_tab", ("curve", "retention", "value", "churn", "winback")),
    "data": ("data_tab", ("import", "datasets", "templates")),
}
#: What each page's URL adds so its customer lists show: the lifecycle page's list of lost
#: customers sorted by customer (ties galore), the story by a real id.
EXTRA = {"lifecycle": {"lc_sel": "stage:lost", "lc_sort": "customer_id", "lc_asc": "1"},
         "risk": {"customer": STORY_ID}}
CASES = [(page, tab) for page, (_, tabs) in PAGES.items() for tab in (tabs or (None,))]


@pytest.fixture(scope="module")
def secrets(demo_con) -> re.Pattern:
    """One pattern matching every customer id, customer name and account manager of the file."""
    con = demo_con
    values = set()
    for table in db.TABLES:
        values |= {r[0] for r in con.execute(f"SELECT DISTINCT customer_id FROM {table}").fetchall()}
    for col in ("name", "account_manager"):
        values |= {r[0] for r in con.execute(f"SELECT DISTINCT {col} FROM customers WHERE {col} IS NOT NULL").fetchall()}
    assert len(values) > 1500
    return re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)))


def _arrow_texts(blob: bytes):
    try:
        table = pa.ipc.open_stream(blob).read_all()
    except (pa.ArrowInvalid, OSError):
        yield blob.decode("utf-8", "replace")
        return
    yield " ".join(table.column_names)
    for column in table.columns:
        yield from (str(v) for v in column.to_pylist() if v is not None)


def _proto_texts(message):
    """Every string of a protobuf message, nested messages and Arrow payloads (dataframes, chart
    data) included."""
    for field, value in message.ListFields():
        items = value if field.is_repeated else [value]
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            for item in items:
                yield from _proto_texts(item)
        elif field.type == FieldDescriptor.TYPE_STRING:
            yield from items
        elif field.type == FieldDescriptor.TYPE_BYTES:
            for blob in items:
                yield from _arrow_texts(blob)


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def shown_texts(at) -> list[str]:
    """Everything the run sent to the browser, as text."""
    return [text for node in _nodes(at._tree) if getattr(node, "proto", None) is not None
            for text in _proto_texts(node.proto)]


def file_texts(data) -> list[str]:
    """The cells of a downloaded CSV or XLSX file, the texts of a chart's SVG."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.lstrip()[:4] == b"<svg" or data[:5] == b"<?xml":
        import xml.dom.minidom

        def texts(node):
            for child in node.childNodes:
                if child.nodeType == child.TEXT_NODE:
                    yield child.data
                yield from texts(child)
        return list(texts(xml.dom.minidom.parseString(data)))
    if data[:2] == b"PK":
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
                if c is not None]
    return [data.decode("utf-8-sig")]


@pytest.fixture
def downloads(deferred) -> dict:
    """The files of every download button a run draws, by file name (tests/conftest.py ``deferred``)."""
    return deferred


def run(page: str, tab: str | None, anon_flag: str, lang: str = "de"):
    key, _ = PAGES[page]
    query = {"lang": lang, "anon": anon_flag, **EXTRA.get(page, {})}
    if tab:
        query[key] = tab
    at = open_page(page, query)
    assert not at.exception, at.exception
    return at


def leaks(at, downloads: dict, secrets: re.Pattern) -> set[str]:
    found = {m.group(0) for text in shown_texts(at) for m in secrets.finditer(text)}
    for name, make in downloads.items():
        if name.endswith(".png"):   # a chart's picture: drawn from the same spec as its SVG, read below
            continue
        found |= {f"{name}: {m.group(0)}" for text in file_texts(make()) for m in secrets.finditer(text)}
    return found


@pytest.mark.parametrize("page, tab", CASES)
def test_no_customer_id_name_or_manager_reaches_the_page_or_its_files(app_env, downloads, secrets, page, tab):
    at = run(page, tab, "1")
    found = leaks(at, downloads, secrets)
    if tab == "templates":   # the templates' made-up example rows happen to use the demo's id format
        examples = {str(v) for table in contract.TABLES for v in contract.template(table).to_numpy().ravel()}
        found = {f for f in found if f.split(": ")[-1] not in examples}
    assert not found
    assert t("anon.badge", "de") in " ".join(m.value for m in at.markdown)   # the presenter sees it is on


@pytest.mark.parametrize("page, tab", [("lifecycle", "curve"), ("value", "clv"), ("risk", "watch"),
                                       ("risk", "story"), ("recovery", "notices")])
def test_the_same_walk_finds_them_without_anonymised_mode(app_env, downloads, secrets, page, tab):
    at = run(page, tab, "0")
    found = leaks(at, downloads, secrets)
    assert found
    if page != "risk" or tab != "story":   # the story has no download
        assert any(": " in f for f in found), found   # its files hold them too


@pytest.mark.parametrize("page", [p for p, (key, _) in PAGES.items() if key])
def test_every_tab_is_walked(app_env, page):
    at = run(page, None, "1")
    assert len(at.tabs) == len(PAGES[page][1])


def _pseudonyms(con):
    return anon.pseudonyms(con, db.dataset_id(con, "demo"))


def test_a_story_opened_by_real_id_shows_the_pseudonym_and_the_link_its_number(app_env, demo_con):
    p = _pseudonyms(demo_con)
    label = anon.customer_labels([STORY_ID], p, "de")[0]
    at = run("risk", "story", "1")
    assert [s.value for s in at.subheader] == [label]
    assert "customer" not in at.query_params and at.query_params["customer_no"] == label.split()[-1]
    assert at.text_input(key="customer_no").value == label.split()[-1]
    # the same number opens the same customer, in either spelling, and without pseudonyms the real id
    for typed in (label, str(int(label.split()[-1]))):
        at.text_input(key="customer_no").set_value(typed).run()
        assert [s.value for s in at.subheader] == [label]
    plain = open_page("risk", {"lang": "de", "customer_no": label.split()[-1]})
    assert plain.subheader[0].value.startswith(STORY_ID)
    assert plain.query_params["customer"] == STORY_ID and "customer_no" not in plain.query_params


def test_a_real_id_typed_in_anonymised_mode_becomes_its_number(app_env, demo_con):
    p = _pseudonyms(demo_con)
    number = anon.customer_labels([STORY_ID], p, "en")[0].split()[-1]
    at = run("risk", "story", "1", lang="en")
    at.text_input(key="customer_no").set_value(STORY_ID).run()
    assert at.text_input(key="customer_no").value == number and at.query_params["customer_no"] == number
    assert STORY_ID not in " ".join(shown_texts(at))


def test_the_lifecycle_list_sorted_by_customer_follows_the_pseudonyms(app_env, demo_con):
    p = _pseudonyms(demo_con)
    at = run("lifecycle", "curve", "1")
    (table,) = [d.value for d in at.dataframe if "customer_id" in d.value.columns]   # labelled by column_config
    labels = table["customer_id"].tolist()
    assert labels == sorted(labels) and len(labels) > 100
    assert set(labels) <= set(anon.customer_labels(p["customer_id"], p, "de"))
    assert "name" not in table.columns   # the name would only repeat the pseudonym


def test_the_watch_list_file_holds_the_listed_customers_under_their_pseudonyms(app_env, demo_con, downloads):
    p = _pseudonyms(demo_con)
    real = run("risk", "watch", "0", lang="en")
    real_rows = pd.read_csv(io.BytesIO(downloads[next(n for n in downloads if n.endswith(".csv"))]()),
                            encoding="utf-8-sig")
    downloads.clear()
    at = run("risk", "watch", "1", lang="en")
    csv_name = next(n for n in downloads if n.endswith(".csv"))
    xlsx_name = next(n for n in downloads if n.endswith(".xlsx"))
    rows = pd.read_csv(io.BytesIO(downloads[csv_name]()), encoding="utf-8-sig")
    sheet = pd.read_excel(io.BytesIO(downloads[xlsx_name]()))
    expected = dict(zip(p["customer_id"], anon.customer_labels(p["customer_id"], p, "en")))
    assert sorted(rows["customer_id"]) == sorted(real_rows["customer_id"].map(expected))
    assert (rows["name"] == rows["customer_id"]).all()
    assert rows["account_manager"].dropna().str.match(r"Account manager \d+$").all()
    assert sheet["customer_id"].tolist() == rows["customer_id"].tolist()
    # sorted by revenue at risk; where that ties, by pseudonym (never by the real ids' order)
    for _, group in rows.groupby("revenue_at_risk"):
        assert group["customer_id"].tolist() == sorted(group["customer_id"])
    assert real.dataframe[0].value.iloc[0, 0] in expected and at.dataframe[0].value.iloc[0, 0] in expected.values()


def test_the_data_page_hides_file_rows_and_problem_values(page_db):
    from tests.test_import_page import page, upload

    at = upload(page({"lang": "de", "anon": "1"}), "non_numeric.csv")
    assert not at.dataframe   # no preview of the file's rows
    assert t("anon.data.preview", "de") in [i.value for i in at.info]
    at.text_input(key="data_name").set_value("kaputt").run()
    at.button(key="data_go").click().run()
    assert at.error[0].value == "Es wurde nichts importiert: Die Dateien haben ein Problem."
    assert not at.dataframe and t("anon.data.problems", "de") in [i.value for i in at.info]
    at.checkbox(key="data_skip").check().run()
    at.button(key="data_go").click().run()
    assert "2 Zeilen" in at.success[0].value
    assert not at.get("download_button") and not at.dataframe   # the rejected rows neither
    assert "12,3x" not in " ".join(shown_texts(at))   # the bad value of line 3


def test_an_unknown_id_in_an_anonymised_link_gets_a_sentence(app_env):
    at = open_page("risk", {"lang": "en", "anon": "1", "customer": "NOPE-1"})
    assert not at.exception and not at.subheader
    assert "no customer “NOPE-1”" in at.warning[0].value


def test_the_datasets_list_keeps_the_datasets_names_in_anonymised_mode(app_env, downloads):
    # its `name` column names datasets, not customers: anonymised mode has nothing to hide there
    run("data", "datasets", "1")
    csv = downloads["datasets.csv"]().decode("utf-8-sig")
    assert "demo" in csv and "shop-2025" in csv
    assert t("anon.hidden", "de") not in csv
