"""The lifecycle page run headless (AppTest) on the demo data: what it shows (the stage bars, the
danger points, the customer lists, the moves matrix, the trend against the lifecycle functions),
both languages, filters and selections from the link and from the widgets, an empty filter
result, datasets without the optional tables, and the view in the URL: every lc_* parameter read
from a link (in either language), written back by the widgets as language-neutral values, and
bad values falling back to the default with a message."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib import db, derived, lifecycle as lc
from lib.i18n import fmt_int, t
from tests.conftest import DEMO_CUSTOMERS, open_page, table_downloads

AS_OF = date(2025, 12, 31)   # the demo's last date: the page's default as-of date


def run_page(query: dict | None = None) -> AppTest:
    return open_page("lifecycle", query)


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "subheader", "title")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def param(at: AppTest, key: str):
    return at.query_params.get(key)


def as_list(value) -> list[str]:
    return value if isinstance(value, list) else ([] if value is None else [value])


def page_params(at: AppTest) -> dict[str, str | list[str]]:
    """The page's own URL parameters (the sidebar's lang, dataset and as_of left out)."""
    return {k: v for k, v in at.query_params.items() if k.startswith("lc_")}


TABS = ("curve", "trend", "moves", "cohorts")


def open_tabs(at: AppTest) -> list[str]:
    """The tabs drawn (only the open one is)."""
    return [tab.label for tab in at.tabs if tab.children]


def switch_tab(at: AppTest, name: str, lang: str = "en") -> AppTest:
    """Open another tab as a click does (AppTest cannot click a tab): the tabs' state, and the
    URL that their on_change writes (the first tab leaves it)."""
    key = next(k for k in at.session_state if k.startswith("lc_tab__"))
    at.session_state[key] = t(f"lifecycle.tab.{name}", lang)
    if name == "curve":
        at.query_params.pop("lc_tab", None)
    else:
        at.query_params["lc_tab"] = name
    return at.run()


def chart_data(chart) -> pd.DataFrame:
    """The rows a Vega-Lite chart of the page draws (its first dataset)."""
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()


@pytest.fixture(scope="module")
def demo(demo_con):
    """The demo's id and its stages at the as-of date (default thresholds)."""
    ds = db.dataset_id(demo_con, "demo")
    return ds, lc.stages(demo_con, ds, AS_OF, lc.Thresholds())


@pytest.mark.parametrize("lang", ["en", "de"])
def test_page_opens(app_env, lang):
    at = run_page({"lang": lang})
    assert not at.exception and not at.error
    assert at.title[0].value == t("lifecycle.title", lang)
    assert [s.value for s in at.subheader] == [t("lifecycle.dist.title", lang), t("lifecycle.list.title", lang)]
    assert [tab.label for tab in at.tabs] == [t(f"lifecycle.tab.{k}", lang) for k in TABS]
    body = texts(at)
    assert t("lifecycle.filter.summary", lang, customers=fmt_int(DEMO_CUSTOMERS, lang)) in body
    assert t("lifecycle.stage.won_back.def", lang, won_back_days=365) in body
    if lang == "de":
        assert "Kundenlebenszyklus" in body and "Abwanderung" in body and "Gefahrenpunkte" in at.tabs[0].label
    assert len(at.get("vega_lite_chart")) == 3   # stages x2 and the curve: only the open tab is drawn
    assert len(at.table[0].value) == 14          # the danger points at a glance
    assert as_list(param(at, "lang")) == [lang]
    assert page_params(at) == {}   # the defaults leave the URL alone
    assert open_tabs(at) == [t("lifecycle.tab.curve", lang)]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_stage_bars_and_definitions_show_the_distribution(app_env, demo_con, demo, lang):
    ds, stages = demo
    want = lc.distribution(demo_con, ds, stages, lc.Filters()).set_index("stage")
    at = run_page({"lang": lang})
    customers, revenue = (chart_data(c).set_index("stage") for c in at.get("vega_lite_chart")[:2])
    assert list(customers.index) == list(lc.STAGES) and customers["customers"].sum() == DEMO_CUSTOMERS
    assert customers["customers"].to_dict() == want["customers"].to_dict()
    assert revenue["revenue_12m"].to_numpy() == pytest.approx(want["revenue_12m"].to_numpy())
    assert customers["label"].tolist() == [t(f"lifecycle.stage.{s}", lang) for s in lc.STAGES]
    definitions = next(c.value for c in at.caption if c.value.startswith("- **"))
    assert definitions.splitlines() == [f"- **{t(f'lifecycle.stage.{s}', lang)}**: {d}"
                                        for s, d in zip(lc.STAGES, customers["definition"])]
    assert t("lifecycle.stage.sleeping.def", lang, sleep_days=180, sleep_factor="3") in definitions


def test_the_danger_points_table_says_what_each_point_shows(app_env, demo_con, demo):
    ds, stages = demo
    start = lc.stage_codes(demo_con, ds, lc.months_back(AS_OF, 12), lc.Thresholds())
    evidence = lc.evidence(demo_con, ds, AS_OF, lc.Filters(), stages, start, lc.exposures(demo_con, ds, AS_OF))
    held = db.available(demo_con, ds)
    at = run_page()
    table = at.table[0].value.set_index("#")
    assert list(table.index) == [f"#{n}" for n in range(1, 15)]
    assert {"lc_danger_points_dl_csv", "lc_danger_points_dl_xlsx"} <= {b.key for b in at.get("download_button")}
    shown = table[t("lifecycle.danger.evidence", "en")]
    states = {p.number: lc.point_evidence(p, evidence, held)[0] for p in lc.DANGER_POINTS}
    assert {n for n, s in states.items() if s in ("no_format", "no_rows")} == set()   # the demo shows all 14
    for number, state in states.items():
        text = shown[f"#{number}"]
        if state == "ok":   # the groups lost most and least, with their customers, and the test's reading
            point = lc.DANGER_POINTS[number - 1]
            rows = evidence.loc[(evidence["comparison"] == point.comparison)
                                & (evidence["customers"] >= lc.MIN_CUSTOMERS)]
            assert text.count("·") == 1 and fmt_int(rows.loc[rows["rate"].idxmax(), "customers"], "en") in text
            reading = t(f"lifecycle.finding.{lc.finding(point, evidence.loc[evidence['comparison'] == point.comparison]).verdict}", "en")
            assert f" — {reading} (" in text, number
        elif state in ("no_format", "no_rows"):
            assert text == t(f"lifecycle.danger.{state}", "en", needs=t(f"lifecycle.danger.{number}.needs", "en"))
        else:
            assert text == t("lifecycle.danger.too_little", "en", min=lc.MIN_CUSTOMERS), number
    assert sum(s == "ok" for s in states.values()) >= 6   # the demo has evidence for most points


def test_filters_from_the_link_apply_everywhere(app_env, demo_con):
    at = run_page({"lc_seg": "B2B SME", "lc_reg": ["Nord", "Süd"]})
    assert not at.exception and not at.warning
    assert at.multiselect(key="lc_seg").value == ["B2B SME"]
    assert at.multiselect(key="lc_reg").value == ["Nord", "Süd"]
    ds = db.dataset_id(demo_con, "demo")
    frame = lc.stages(demo_con, ds, date(2025, 12, 31), lc.Thresholds())
    n = int(lc.distribution(demo_con, ds, frame, lc.Filters(("B2B SME",), ("Nord", "Süd")))["customers"].sum())
    assert t("lifecycle.filter.summary", "en", customers=f"{n:,}") in texts(at)
    assert as_list(param(at, "lc_reg")) == ["Nord", "Süd"] and param(at, "dataset") in ("demo", ["demo"])


def test_filter_widgets_and_thresholds_write_the_link(app_env):
    at = run_page()
    at.multiselect(key="lc_chan").set_value(["Messe"]).run()
    at.number_input(key="lc_new").set_value(60).run()
    assert not at.exception
    assert as_list(param(at, "lc_chan")) == ["Messe"] and as_list(param(at, "lc_new")) == ["60"]
    at.button(key="lc_reset").click().run()
    assert at.multiselect(key="lc_chan").value == [] and param(at, "lc_chan") is None
    assert at.number_input(key="lc_new").value == 60   # thresholds have their own reset


@pytest.mark.parametrize("lang", ["en", "de"])
def test_empty_filter_result_says_what_to_do(app_env, lang):
    # B2B key accounts never come through a marketplace in the demo
    at = run_page({"lang": lang, "lc_seg": "B2B Key Account", "lc_chan": "Marktplatz"})
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [t("lifecycle.msg.empty", lang)]
    assert not at.get("vega_lite_chart")
    at.button(key="lc_reset").click().run()
    assert not at.info and len(at.get("vega_lite_chart")) == 3


def test_selection_lists_its_customers(app_env, demo):
    _, stages = demo
    lost = int((stages["stage"] == "lost").sum())
    at = run_page({"lc_sel": "stage:lost", "lc_sort": "last_purchase"})
    assert not at.exception
    table = at.dataframe[-1].value
    assert 0 < lost < lc.LIST_LIMIT and len(table) == lost and set(table["stage"]) == {t("lifecycle.stage.lost", "en")}
    assert t("lifecycle.list.count", "en", total=fmt_int(lost, "en")) in texts(at)
    assert list(table["last_purchase"]) == sorted(table["last_purchase"], reverse=True)
    assert {"lc_list_dl_csv", "lc_list_dl_xlsx"} <= {b.key for b in at.get("download_button")}
    at.button(key="lc_clear").click().run()
    assert param(at, "lc_sel") is None and t("lifecycle.list.none", "en") in texts(at)


def test_a_move_and_a_cohort_cell_from_the_link(app_env, demo_con, demo):
    ds, stages = demo
    moves = lc.transitions(demo_con, ds, lc.stages(demo_con, ds, date(2024, 6, 30), lc.Thresholds()), stages,
                           lc.Filters()).set_index(["stage_from", "stage_to"])
    at = run_page({"lc_sel": "move:growing>lost", "lc_from": "2024-06-30", "lc_tab": "moves"})
    assert not at.exception
    table = at.dataframe[-1].value
    assert set(table["stage_from"]) == {"Growing"} and set(table["stage"]) == {"Lost"}
    assert len(table) == moves.loc[("growing", "lost"), "customers"]
    assert at.date_input(key="lc_from").value == date(2024, 6, 30)
    assert len(at.get("vega_lite_chart")) == 3   # stages x2 and the moves matrix
    matrix = chart_data(at.get("vega_lite_chart")[2]).set_index(["stage_from", "stage_to"])
    assert matrix["customers"].sum() == DEMO_CUSTOMERS   # everyone known at the later date, once
    assert matrix["customers"].to_dict() == moves["customers"].to_dict()
    at = run_page({"lc_sel": "cell:2024-03-01@5", "lc_metric": "revenue", "lc_tab": "cohorts"})
    table = at.dataframe[-1].value
    assert not at.exception and len(table) > 0
    assert {(d.year, d.month) for d in table["first_purchase"]} == {(2024, 3)}   # the March 2024 cohort
    assert t("lifecycle.list.count", "en", total=fmt_int(len(table), "en")) in texts(at)
    assert at.segmented_control(key="lc_metric").value == "revenue"
    cells = chart_data(at.get("vega_lite_chart")[2])
    assert {"2024-03-01", "2025-01-01"} <= set(cells["cohort_key"]) and cells["revenue_share"].notna().all()
    # the list of a move needs no open moves tab
    at = run_page({"lc_sel": "move:growing>lost"})
    assert not at.exception and len(at.dataframe[-1].value) > 0


def test_the_view_survives_switching_tabs(app_env, demo):
    _, stages = demo
    at = run_page({"lc_danger": "7", "lc_stat": "median", "lc_tab": "trend"})
    assert not at.exception and as_list(param(at, "lc_danger")) == ["7"]
    assert open_tabs(at) == [t("lifecycle.tab.trend", "en")]
    trend = chart_data(at.get("vega_lite_chart")[2])
    last = trend.loc[pd.to_datetime(trend["month"]) == pd.Timestamp(AS_OF)].set_index("stage")["customers"]
    assert last.to_dict() == stages["stage"].value_counts().reindex(list(lc.STAGES), fill_value=0).to_dict()
    at.toggle(key="lc_share").set_value(True).run()
    assert as_list(param(at, "lc_share")) == ["1"] and as_list(param(at, "lc_stat")) == ["median"]
    shares = chart_data(at.get("vega_lite_chart")[2]).groupby("month")["share"].sum()
    assert shares.to_numpy() == pytest.approx(1)
    switch_tab(at, "moves")
    at.date_input(key="lc_from").set_value(date(2024, 6, 30)).run()
    switch_tab(at, "curve")   # the curve's choices were kept while it was closed
    assert not at.exception and open_tabs(at) == [t("lifecycle.tab.curve", "en")]
    assert at.selectbox(key="lc_danger").value == 7 and at.segmented_control(key="lc_stat").value == "median"
    assert t("lifecycle.danger.heading", "en", n=7, title=t("lifecycle.danger.7.title", "en")) in texts(at)
    switch_tab(at, "trend")
    assert at.toggle(key="lc_share").value is True
    switch_tab(at, "moves")
    assert at.date_input(key="lc_from").value == date(2024, 6, 30)
    assert page_params(at) == {"lc_danger": "7", "lc_stat": "median", "lc_tab": "moves", "lc_share": "1",
                               "lc_from": "2024-06-30"}


def test_danger_points_with_and_without_evidence(app_env):
    at = run_page({"lc_danger": "1"})
    assert not at.exception
    assert t("lifecycle.danger.heading", "en", n=1, title=t("lifecycle.danger.1.title", "en")) in texts(at)
    assert t("lifecycle.danger.ci_note", "en") in texts(at)
    at.selectbox(key="lc_danger").set_value(5).run()
    assert as_list(param(at, "lc_danger")) == ["5"]
    # the small demo has too few accounts with a change of account manager (fewer than 30) to compare
    assert any(t("lifecycle.danger.too_little", "en", min=lc.MIN_CUSTOMERS) in i.value for i in at.info)
    at = run_page({"lang": "de", "lc_danger": "8", "lc_stat": "median"})
    assert not at.exception and "Zweifel nach dem Kauf" in texts(at)


# --- the view in the URL ----------------------------------------------------------------------------------

#: A link naming every choice of the page, none at its default.
FULL_LINK = {"lc_seg": ["B2B SME", "B2C Premium"], "lc_reg": "Süd", "lc_cohort": "2024-01..2024-06", "lc_new": "60",
             "lc_grow": "1.5", "lc_stat": "median", "lc_danger": "11", "lc_from": "2024-03-31", "lc_to": "2025-09-30",
             "lc_metric": "revenue", "lc_share": "1", "lc_sel": "cell:2024-03-01@4", "lc_sort": "last_purchase",
             "lc_asc": "1"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_link_restores_every_choice(app_env, lang):
    at = run_page({"lang": lang, **FULL_LINK})
    assert not at.exception and not at.error and not at.warning
    assert at.multiselect(key="lc_seg").value == ["B2B SME", "B2C Premium"]
    assert at.multiselect(key="lc_reg").value == ["Süd"]
    assert at.select_slider[0].value == (date(2024, 1, 1), date(2024, 6, 1))
    assert at.number_input(key="lc_new").value == 60 and at.number_input(key="lc_grow").value == 1.5
    assert at.number_input(key="lc_decl").value == 0.7   # not in the link: the default
    assert at.segmented_control(key="lc_stat").value == "median" and at.selectbox(key="lc_danger").value == 11
    assert at.selectbox(key="lc_sort").value == "last_purchase" and at.toggle(key="lc_desc").value is False
    first_purchase = at.dataframe[-1].value["first_purchase"]
    assert {(d.year, d.month) for d in first_purchase} == {(2024, 3)}
    assert list(at.dataframe[-1].value["last_purchase"]) == sorted(at.dataframe[-1].value["last_purchase"])
    switch_tab(at, "trend", lang)
    assert at.toggle(key="lc_share").value is True
    switch_tab(at, "moves", lang)
    assert at.date_input(key="lc_from").value == date(2024, 3, 31)
    assert at.date_input(key="lc_to").value == date(2025, 9, 30)
    switch_tab(at, "cohorts", lang)
    assert at.segmented_control(key="lc_metric").value == "revenue"
    assert page_params(at) == {**FULL_LINK, "lc_tab": "cohorts"}   # read, drawn and left as it was; the tab clicked


@pytest.mark.parametrize(("made_in", "opened_in"), [("en", "de"), ("de", "en")])
def test_a_link_opens_the_same_tab_and_choices_in_the_other_language(app_env, made_in, opened_in):
    at = run_page({"lang": made_in, "lc_tab": "cohorts", "lc_sel": "stage:lost"})
    at.segmented_control(key="lc_metric").set_value("revenue").run()
    at.multiselect(key="lc_chan").set_value(["Messe", "Online-Werbung"]).run()
    at.number_input(key="lc_lost").set_value(400).run()
    at.selectbox(key="lc_sort").set_value("n_purchases").run()
    made = page_params(at)
    assert made == {"lc_tab": "cohorts", "lc_sel": "stage:lost", "lc_metric": "revenue",
                    "lc_chan": ["Messe", "Online-Werbung"], "lc_lost": "400", "lc_sort": "n_purchases"}
    shown = at.dataframe[-1].value
    at = run_page({"lang": opened_in, **made})
    assert not at.exception and not at.warning
    assert open_tabs(at) == [t("lifecycle.tab.cohorts", opened_in)]
    assert at.segmented_control(key="lc_metric").value == "revenue"
    assert at.multiselect(key="lc_chan").value == ["Messe", "Online-Werbung"]
    assert at.number_input(key="lc_lost").value == 400 and at.selectbox(key="lc_sort").value == "n_purchases"
    assert list(at.dataframe[-1].value["customer_id"]) == list(shown["customer_id"])   # the same customers, same order
    assert t("lifecycle.retention.caption.revenue", opened_in) in texts(at)
    assert page_params(at) == made


@pytest.mark.parametrize("lang", ["en", "de"])
def test_old_links_name_the_tab_by_its_title(app_env, lang):
    # before, the tabs kept their (translated) title in the URL
    at = run_page({"lang": lang, "lc_tab": t("lifecycle.tab.moves", lang)})
    assert not at.exception and open_tabs(at) == [t("lifecycle.tab.moves", lang)]
    assert param(at, "lc_tab") == "moves"
    at = run_page({"lang": "de" if lang == "en" else "en", "lc_tab": t("lifecycle.tab.cohorts", lang)})
    assert param(at, "lc_tab") == "cohorts" and at.segmented_control(key="lc_metric").value == "customers"
    at = run_page({"lang": lang, "lc_tab": t("lifecycle.tab.curve", lang)})
    assert "lc_tab" not in at.query_params and open_tabs(at) == [t("lifecycle.tab.curve", lang)]


def test_widgets_write_language_neutral_values(app_env):
    at = run_page({"lang": "de", "lc_sel": "stage:lost"})
    at.multiselect(key="lc_reg").set_value(["Österreich", "Süd"]).run()
    at.select_slider[0].set_range(date(2024, 1, 1), date(2024, 6, 1)).run()
    at.number_input(key="lc_grow").set_value(1.5).run()
    at.number_input(key="lc_sleepx").set_value(4.5).run()
    at.number_input(key="lc_back").set_value(200).run()
    at.segmented_control(key="lc_stat").set_value("median").run()
    at.selectbox(key="lc_danger").set_value(5).run()
    at.selectbox(key="lc_sort").set_value("customer_id").run()
    at.toggle(key="lc_desc").set_value(False).run()
    switch_tab(at, "moves", "de")
    at.date_input(key="lc_to").set_value(date(2025, 6, 30)).run()
    switch_tab(at, "cohorts", "de")
    at.segmented_control(key="lc_metric").set_value("revenue").run()
    switch_tab(at, "trend", "de")
    at.toggle(key="lc_share").set_value(True).run()
    assert not at.exception and not at.warning
    assert page_params(at) == {
        "lc_sel": "stage:lost", "lc_reg": ["Österreich", "Süd"], "lc_cohort": "2024-01..2024-06", "lc_grow": "1.5",
        "lc_sleepx": "4.5", "lc_back": "200", "lc_stat": "median", "lc_danger": "5", "lc_sort": "customer_id",
        "lc_asc": "1", "lc_to": "2025-06-30", "lc_metric": "revenue", "lc_share": "1", "lc_tab": "trend"}
    # back at the default, a choice leaves the URL
    at.toggle(key="lc_share").set_value(False).run()
    at.selectbox(key="lc_sort").set_value("revenue_12m").run()
    at.toggle(key="lc_desc").set_value(True).run()
    at.button(key="lc_thr_reset").click().run()
    assert not {"lc_share", "lc_sort", "lc_asc", "lc_grow", "lc_sleepx", "lc_back"} & set(page_params(at))
    at.button(key="lc_reset").click().run()   # filters, cohorts and the selection
    assert at.select_slider[0].value == (date(2023, 1, 1), date(2025, 12, 1))
    assert page_params(at) == {"lc_stat": "median", "lc_danger": "5", "lc_to": "2025-06-30", "lc_metric": "revenue",
                               "lc_tab": "trend"}


def test_a_new_as_of_date_starts_the_dates_again(app_env):
    at = run_page({"lc_tab": "moves", "lc_from": "2024-03-31", "lc_cohort": "2025-01..2025-06"})
    at.date_input(key="app_as_of").set_value(date(2024, 12, 31)).run()
    assert not at.exception and not at.warning
    # the moves matrix: twelve months back to the new date; the cohort range had months after it
    assert at.date_input(key="lc_from").value == date(2023, 12, 31)
    assert at.date_input(key="lc_to").value == date(2024, 12, 31)
    assert at.select_slider[0].value == (date(2023, 1, 1), date(2024, 12, 1))
    assert page_params(at) == {"lc_tab": "moves"}
    # a link's dates outside the data are moved inside it
    at = run_page({"lc_tab": "moves", "lc_from": "2020-01-01", "lc_to": "2030-01-01"})
    assert not at.warning and at.date_input(key="lc_from").value == date(2023, 1, 1)
    assert at.date_input(key="lc_to").value == AS_OF and page_params(at) == {"lc_tab": "moves", "lc_from": "2023-01-01"}


#: A bad value for each parameter (an unknown option, a label instead of an id, text for a number,
#: a number outside its limits, a malformed date, selection or cohort range) and its default.
BAD_VALUES = [
    ("lc_danger", "99", None), ("lc_danger", "x", None), ("lc_stat", "Median", "mean"), ("lc_stat", "mode", "mean"),
    ("lc_metric", "Umsatz", "customers"), ("lc_sort", "Umsatz (12 Monate)", "revenue_12m"),
    ("lc_from", "31.02.2025", date(2024, 12, 31)), ("lc_to", "tomorrow", AS_OF), ("lc_new", "abc", 90),
    ("lc_new", "60.5", 90), ("lc_new", "5", 90), ("lc_grow", "0.3", 1.2), ("lc_decl", "1.5", 0.7),
    ("lc_sleepx", "nan", 3.0), ("lc_lost", "2000", 365), ("lc_share", "yes", False), ("lc_asc", "maybe", False),
    ("lc_sel", "stage:x", ""), ("lc_sel", "move:new", ""), ("lc_sel", "cell:2024-13-01@2", ""),
    ("lc_cohort", "x", ""), ("lc_cohort", "2024-13..", ""),
]


@pytest.mark.parametrize(("key", "value", "default"), BAD_VALUES)
def test_a_bad_link_value_falls_back_to_the_default(app_env, key, value, default):
    at = run_page({key: value, "lc_stat": "median"} if key != "lc_stat" else {key: value})
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [t("lifecycle.msg.bad_link", "en", what=key)]
    assert at.session_state[key] == default
    assert key not in at.query_params   # taken out of the link
    if key != "lc_stat":
        assert at.session_state["lc_stat"] == "median"   # the rest of the link still applies


def test_bad_link_values_get_a_message(app_env):
    at = run_page({"lang": "de", "lc_danger": "99", "lc_seg": ["Nope", "B2C Premium"], "lc_grow": "0.3",
                   "lc_sel": "stage:x", "lc_tab": "nope", "lc_metric": ""})
    assert not at.exception and not at.error
    warnings = [w.value for w in at.warning]
    assert warnings == [t("lifecycle.msg.bad_link", "de", what="lc_grow, lc_danger, lc_sel"),
                        t("lifecycle.filter.dropped", "de", values="„Nope“")]
    assert at.multiselect(key="lc_seg").value == ["B2C Premium"] and at.number_input(key="lc_grow").value == 1.2
    assert open_tabs(at) == [t("lifecycle.tab.curve", "de")]
    assert page_params(at) == {"lc_seg": "B2C Premium"}
    at.run()   # said once
    assert not at.warning


def test_thresholds_of_a_link_must_fit_together(app_env):
    # each within its limits, but the decline factor not below the growth factor
    at = run_page({"lc_grow": "1", "lc_decl": "1", "lc_new": "60"})
    assert not at.exception
    assert [w.value for w in at.warning] == [t("lifecycle.msg.bad_link", "en", what="lc_grow, lc_decl")]
    assert (at.number_input(key="lc_grow").value, at.number_input(key="lc_decl").value) == (1.2, 0.7)
    assert at.number_input(key="lc_new").value == 60 and page_params(at) == {"lc_new": "60"}
    # set in the widgets, they are kept there (and in the URL) while the default thresholds are used
    at.number_input(key="lc_grow").set_value(1.0).run()
    at.number_input(key="lc_decl").set_value(1.0).run()
    assert t("lifecycle.msg.bad_thresholds", "en") in texts(at)
    assert page_params(at) == {"lc_new": "60", "lc_grow": "1.0", "lc_decl": "1.0"}


def make_bare(path: Path) -> None:
    con = db.connect(path)
    con.execute("BEGIN TRANSACTION")
    ds = db.new_dataset_id(con)
    rows = [(ds, f"K{i}", date(2024, 1 + i % 12, 1 + i % 27), 10.0 + i) for i in range(60)]
    rows += [(ds, f"K{i}", date(2025, 1 + i % 12, 1 + i % 27), 5.0 + i) for i in range(0, 60, 2)]
    con.executemany("INSERT INTO transactions (dataset_id, customer_id, date, amount) VALUES (?, ?, ?, ?)", rows)
    db.swap_in(con, "bare", ds, "test", "import")
    con.execute("COMMIT")
    con.close()


def test_dataset_without_events_or_customers(tmp_path, monkeypatch):
    path = tmp_path / "bare.duckdb"
    make_bare(path)
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    at = run_page({"lang": "de"})
    assert not at.exception and not at.error
    body = texts(at)
    assert t("lifecycle.filter.no_customers", "de") in body
    assert not at.multiselect   # no segment, region or channel to filter by
    table = at.table[0].value.to_string()
    assert t("lifecycle.danger.missing", "de", tables=t("table.events", "de")) in table
    at = run_page({"lc_danger": "3"})
    assert any(t("table.surveys", "en") in i.value for i in at.info)


def test_database_from_before_the_lifecycle_tables(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    make_bare(path)   # written as an import writes it: no derived table in the file yet
    con = db.connect(path)
    assert not set(derived.TABLES) & set(db.dataset_tables(con))
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    at = run_page()
    assert not at.exception and not at.error and len(at.get("vega_lite_chart")) == 3
    con = db.connect(path)   # the sidebar built them
    assert derived.is_built(con, db.dataset_id(con, "bare"))
    con.close()


@pytest.mark.parametrize("query", [
    {"as_of": "2023-03-31"},                                   # three months of data: most points have no rows
    {"lc_seg": "B2B Key Account", "lc_cohort": "2025-12..2025-12"},   # a handful of customers
])
def test_danger_points_without_rows_say_so_instead_of_failing(app_env, query):
    at = run_page({"lang": "de", **query})
    assert not at.exception and not at.error


def test_a_filter_value_from_the_link_is_shown_as_text(app_env):
    at = run_page({"lang": "en", "lc_seg": "**bold**[click](http://evil.example)"})
    [w] = [w.value for w in at.warning]
    assert "](" not in w.replace("\\](", "") and "\\*\\*bold\\*\\*" in w
