"""Lifecycle: every customer's stage at the as-of date, the lifecycle curve with its phases and
14 danger points, the stage trend, moves between stages and cohort retention — one set of
filters for all of them, and the whole view kept in the URL so it can be shared."""
from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from lib import i18n
from lib import lifecycle as lc
from lib import ui
from lib.charts import lifecycle as charts
from lib.i18n import fmt_date, fmt_int, fmt_money, md_text
from lib.loaders import lifecycle as load

ctx = ui.context()
lang, t, state = ctx.lang, ctx.t, st.session_state
DATE_FORMAT = "DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD"
#: Danger points whose comparison looks only at the customers it concerns (a caption says which).
SCOPED = ("manager_change", "price_surprise", "loyal_price")
DEFAULT_FROM = max(lc.months_back(ctx.as_of, 12), ctx.first_date)

st.title(t("lifecycle.title"))
st.markdown(t("lifecycle.intro", dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang)))

with st.spinner(t("lifecycle.loading")):
    avail = load.available(ctx.key)
    dims = load.dimensions(ctx.key)


def show(spec: dict, title: str, caption: str = "", **kwargs):
    """Draw a chart from its spec (a loader caches it per everything the chart shows and the
    language; unvalidated: the tests validate every builder), sized for a projector in presenter mode,
    with its PNG/SVG download titled ``title`` with ``caption``."""
    return ui.vega_lite_chart(spec, title=title, caption=caption, **kwargs)


def picked_point(chart_key: str, chart: str) -> dict | None:
    """The datum clicked in a chart's selection, if any."""
    clicked = (state.get(chart_key) or {}).get("selection", {}).get(charts.SELECTIONS[chart]) or []
    return clicked[0] if clicked else None


def stage_label(stage: str) -> str:
    return load.stage_label(stage, lang)


def dim_label(value: str) -> str:
    return load.dim_label(value, lang)


def month_label(day: date) -> str:
    return load.month_label(day, lang)


def months_text(months: float | None) -> str:
    return load.months_text(months, lang)


# --- the view in the URL ------------------------------------------------------------------------------
# Every choice has its own lc_* parameter, kept by ui.url_state (the widget key is the parameter,
# the value language-neutral, a value at its default left out). A link is read on the session's
# first run; what it says that cannot be used keeps the default, is named in a message and leaves
# the URL. Two choices are not a widget's value: the cohort range ("2024-01..2024-06"; the slider
# holds the months) and the list order (lc_asc=1; the toggle "lc_desc" says descending).
THRESHOLD_KEYS = {"new_days": "lc_new", "growth": "lc_grow", "decline": "lc_decl", "sleep_days": "lc_sleep",
                  "sleep_factor": "lc_sleepx", "lost_days": "lc_lost", "won_back_days": "lc_back"}
FILTER_KEYS = {"lc_seg": "segment", "lc_reg": "region", "lc_chan": "channel"}
points = {p.number: p for p in lc.DANGER_POINTS}
url: dict[str, Callable[[], None]] = {}   # parameter -> writes its state into the URL (an on_change)
unreadable: list[str] = []                # parameters of the link that could not be read

# Widgets in a closed tab (or below an early stop) are not drawn, and Streamlit forgets the state
# of undrawn widgets; writing it back each run keeps the view while another tab is open.
for key in ("lc_stat", "lc_danger", "lc_share", "lc_from", "lc_to", "lc_metric", "lc_sort", "lc_desc",
            *THRESHOLD_KEYS.values()):
    if key in state:
        state[key] = state[key]


def linked(key: str, default, *, options=None, valid=None) -> None:
    """``ui.url_state`` of one value (its writer goes into ``url``), noting a link's value that
    cannot be used: it is named in the message and taken out of the URL."""
    raw = None if key in state else st.query_params.get(key)
    verdicts = []   # url_state asks ``valid`` about the link's value only once that has converted

    def check(value) -> bool:
        verdicts.append(valid is None or bool(valid(value)))
        return verdicts[-1]

    url[key] = ui.url_state(key, default, options=options, valid=check)
    if raw is not None and verdicts != [True]:
        url[key]()
        if raw != "":
            unreadable.append(key)


def cohort_bounds(text: str) -> tuple[date | None, date | None]:
    """The months of an ``lc_cohort`` value ``YYYY-MM..YYYY-MM`` (either side may be open)."""
    def month(part: str) -> date | None:
        if not part:
            return None
        year, month = part.split("-")[:2]
        return date(int(year), int(month), 1)

    low, high = text.split("..", 1)
    return month(low), month(high)


def readable_cohorts(text: str) -> bool:
    try:
        cohort_bounds(text)
    except ValueError:
        return False
    return True


# filters: a link's values that this dataset does not have are named; another dataset's are dropped
options = {key: list(dims[dim]) for key, dim in FILTER_KEYS.items()}
dropped = []
for key, values in options.items():
    asked = None if key in state else st.query_params.get_all(key)
    url[key] = ui.url_state(key, [], options=values, multi=True)
    if asked:
        dropped += [v for v in asked if v not in values]
    kept = [v for v in state[key] if v in values]
    if kept != state[key] or (asked and asked != kept):
        state[key] = kept
        url[key]()
linked("lc_cohort", "", valid=readable_cohorts)

# thresholds: each within its limits (Thresholds.LIMITS), and the link's decline below its growth
fresh = [key for key in THRESHOLD_KEYS.values() if key not in state and st.query_params.get(key)]
for name, key in THRESHOLD_KEYS.items():
    low, high = lc.Thresholds.LIMITS[name]
    linked(key, getattr(lc.Thresholds(), name), valid=lambda v, low=low, high=high: low <= v <= high)
if fresh and lc.Thresholds(**{name: state[key] for name, key in THRESHOLD_KEYS.items()}).problems():
    for name in ("growth", "decline"):
        key = THRESHOLD_KEYS[name]
        if key in fresh and key not in unreadable:
            state[key] = getattr(lc.Thresholds(), name)
            url[key]()
            unreadable.append(key)

linked("lc_stat", "mean", options=("mean", "median"))
linked("lc_danger", None, options=[str(n) for n in points])   # the URL's text, the selectbox's numbers
if isinstance(state["lc_danger"], str):
    state["lc_danger"] = int(state["lc_danger"])
linked("lc_from", DEFAULT_FROM)
linked("lc_to", ctx.as_of)
linked("lc_metric", "customers", options=("customers", "revenue"))
linked("lc_share", False)
linked("lc_sel", "", valid=lambda text: lc.Selection.decode(text) is not None)
linked("lc_sort", "revenue_12m", options=lc.SORT_KEYS)
linked("lc_asc", False)
if "lc_desc" not in state:
    state["lc_desc"] = not state["lc_asc"]

if unreadable:
    st.warning(t("lifecycle.msg.bad_link", what=", ".join(unreadable)))
if dropped:
    quoted = (f"„{md_text(v)}“" if lang == "de" else f"“{md_text(v)}”" for v in dropped)
    st.warning(t("lifecycle.filter.dropped", values=", ".join(quoted)))

# The cohort slider starts at the link's months, snapped to those the data has. A range slider
# takes its start from value= (without it Streamlit 1.67 reads the range back as one month), so
# its state is never written: to start it again (a reset, or months this as-of date does not have)
# it gets a new key, because the browser keeps the value of a slider it already shows. The URL's
# lc_cohort follows the slider (below, once it is drawn).
def restart_cohorts() -> None:
    state["lc_cohort"] = ""
    state["lc_cohort_slider"] += 1


cohorts = [c for c in dims["cohort"] if c <= ctx.as_of]
state.setdefault("lc_cohort_slider", 0)
if not set(state.get(f"lc_cohort_range{state['lc_cohort_slider']}", ())) <= set(cohorts):
    restart_cohorts()
cohort_start = None
if len(cohorts) >= 2:
    low, high = cohort_bounds(state["lc_cohort"]) if state["lc_cohort"] else (None, None)
    low = min((c for c in cohorts if c >= low), default=cohorts[-1]) if low else cohorts[0]
    high = max((c for c in cohorts if c <= high), default=cohorts[0]) if high else cohorts[-1]
    cohort_start = (low, max(low, high))

if state.get("lc_dates_as_of") != ctx.as_of:   # the link's dates (the first run) or a new as-of date
    if "lc_dates_as_of" in state:
        state["lc_from"], state["lc_to"] = DEFAULT_FROM, ctx.as_of
    state["lc_from"] = min(max(state["lc_from"], ctx.first_date), ctx.as_of)
    state["lc_to"] = min(max(state["lc_to"], ctx.first_date), ctx.as_of)
    state["lc_dates_as_of"] = ctx.as_of
    url["lc_from"]()
    url["lc_to"]()


def write_url(*keys: str) -> None:
    for key in keys:
        url[key]()


def select(selection: lc.Selection | None) -> None:
    """List the customers of ``selection`` (None: nobody)."""
    state["lc_sel"] = selection.encode() if selection else ""
    url["lc_sel"]()


def reset_filters() -> None:
    state["lc_seg"], state["lc_reg"], state["lc_chan"] = [], [], []
    restart_cohorts()
    write_url(*FILTER_KEYS)
    select(None)


def reset_thresholds() -> None:
    for name, key in THRESHOLD_KEYS.items():
        state[key] = getattr(lc.Thresholds(), name)
    write_url(*THRESHOLD_KEYS.values())


def set_order() -> None:
    state["lc_asc"] = not state["lc_desc"]
    url["lc_asc"]()


# --- filters ------------------------------------------------------------------------------------------
with ui.settings_box(ctx, t("present.settings")):
    cols = st.columns([2, 2, 2, 3], vertical_alignment="bottom")
    if avail.customers:
        for col, key, label in ((cols[0], "lc_seg", "lifecycle.filter.segment"),
                                (cols[1], "lc_reg", "lifecycle.filter.region"),
                                (cols[2], "lc_chan", "lifecycle.filter.channel")):
            col.multiselect(t(label), options[key], key=key, format_func=dim_label, on_change=url[key],
                            placeholder=t("lifecycle.filter.all"), help=t("lifecycle.filter.help"))
    cohort_range = None if len(cohorts) < 2 else cols[3].select_slider(
        t("lifecycle.filter.cohort"), options=cohorts, value=cohort_start, format_func=month_label,
        key=f"lc_cohort_range{state['lc_cohort_slider']}", help=t("lifecycle.filter.cohort.help"))
    note, reset = st.columns([4, 1], vertical_alignment="center")
    summary_slot = note.empty()   # filled once the filters' result is known
    reset.button(t("lifecycle.filter.reset"), key="lc_reset", on_click=reset_filters, width="stretch",
                 icon=":material/filter_alt_off:", help=t("lifecycle.filter.reset.help"))
    if not avail.customers:
        st.caption(t("lifecycle.filter.no_customers"))

all_cohorts = cohort_range is None or tuple(cohort_range) == (cohorts[0], cohorts[-1])
cohort_text = "" if all_cohorts else f"{cohort_range[0]:%Y-%m}..{cohort_range[1]:%Y-%m}"
state["lc_cohort"] = cohort_text   # the slider moved, started again or snapped to the data's months
if st.query_params.get("lc_cohort", "") != cohort_text:
    url["lc_cohort"]()
filters = lc.Filters(tuple(state["lc_seg"]), tuple(state["lc_reg"]), tuple(state["lc_chan"]),
                     None if all_cohorts else cohort_range[0], None if all_cohorts else cohort_range[1])
thresholds = lc.Thresholds(**{name: state[key] for name, key in THRESHOLD_KEYS.items()})
bad_thresholds = bool(thresholds.problems())
if bad_thresholds:
    thresholds = lc.Thresholds()

# --- data: frames cached per dataset, as-of date and thresholds; filters aggregate over them ----------
with st.spinner(t("lifecycle.loading")):
    dist = load.stage_table(ctx.key, ctx.as_of, thresholds, filters, lang)   # with labels and definitions
total = int(dist["customers"].sum())
summary_slot.caption(t("lifecycle.filter.summary", customers=fmt_int(total, lang)))
if total == 0:
    st.info(t("lifecycle.msg.empty"))
    st.stop()
selection = lc.Selection.decode(state["lc_sel"])

# --- stages at the as-of date -------------------------------------------------------------------------------
st.subheader(t("lifecycle.dist.title"))
st.caption(t("lifecycle.dist.caption"))


def pick_stage(chart_key: str) -> None:
    datum = picked_point(chart_key, "stages")
    if datum and datum.get("stage") in lc.STAGES:
        select(lc.Selection("stage", datum["stage"]))


chosen_stage = selection.a if selection and selection.kind == "stage" else None
charts_col, definitions_col = st.columns([6, 4])
DIST_TITLES = {"customers": "lifecycle.dist.customers", "revenue_12m": "lifecycle.dist.revenue"}
with charts_col:
    bars = st.columns(2)
    for col, field, chart_key in ((bars[0], "customers", "lc_chart_stages"),
                                  (bars[1], "revenue_12m", "lc_chart_revenue")):
        with col:
            show(load.stage_bars_spec(ctx.key, ctx.as_of, thresholds, filters, field, chosen_stage, lang),
                 t("lifecycle.dist.title") + ": " + t(DIST_TITLES[field]), t("lifecycle.dist.caption"),
                 width="stretch", key=chart_key, on_select=lambda k=chart_key: pick_stage(k),
                 selection_mode=charts.SELECTIONS["stages"])
    st.caption(t("lifecycle.stages.rules"))
    pending = load.pending_by_stage(ctx.key, ctx.as_of, thresholds, filters)
    if pending.sum():
        st.caption(t("notices.lifecycle.pending", n=fmt_int(int(pending.sum()), lang), stages=", ".join(
            f"{stage_label(s)} {fmt_int(int(n), lang)}" for s, n in pending.items())))
    with st.expander(t("lifecycle.thr.title")):
        if bad_thresholds:
            st.warning(t("lifecycle.msg.bad_thresholds"))
        left, right = st.columns(2)
        limits = lc.Thresholds.LIMITS
        for col, name, step, number_format in (
                (left, "new_days", 1, None), (right, "won_back_days", 1, None), (left, "growth", 0.05, "%.2f"),
                (right, "decline", 0.05, "%.2f"), (left, "sleep_days", 1, None), (right, "sleep_factor", 0.5, "%.1f"),
                (left, "lost_days", 1, None)):
            key = THRESHOLD_KEYS[name]
            col.number_input(t(f"lifecycle.thr.{name}"), *limits[name], step=step, format=number_format, key=key,
                             on_change=url[key])
        right.button(t("lifecycle.thr.reset"), key="lc_thr_reset", on_click=reset_thresholds)
        st.caption(t("lifecycle.thr.help"))
with definitions_col:
    st.caption("\n".join(f"- **{label}**: {text}" for label, text in zip(dist["label"], dist["definition"])))

# --- the four views below the stages, each in a tab: only the open one is computed and drawn ---------
date_from, date_to = sorted((state["lc_from"], state["lc_to"]))


def pick_danger() -> None:
    datum = picked_point("lc_chart_curve", "curve")
    if datum and datum.get("number") in points:
        state["lc_danger"] = int(datum["number"])
        url["lc_danger"]()


def pick_move() -> None:
    datum = picked_point("lc_chart_moves", "moves")
    if datum and datum.get("stage_to") in lc.STAGES:
        select(lc.Selection("move", datum["stage_from"], datum["stage_to"]))


def pick_cell() -> None:
    datum = picked_point("lc_chart_cohorts", "retention")
    if datum and datum.get("cohort_key"):
        select(lc.Selection("cell", datum["cohort_key"], str(int(datum["age"]))))


def curve_tab() -> None:
    """The lifecycle curve with its phases and danger points, and the chosen point's evidence."""
    statistic = state.get("lc_stat") or "mean"
    with st.spinner(t("lifecycle.loading")):
        drawn = load.curve_view(ctx.key, ctx.as_of, thresholds, filters, statistic)
        evidence = load.evidence(ctx.key, ctx.as_of, thresholds, filters)
        summaries = load.danger_summaries(ctx.key, ctx.as_of, thresholds, filters, lang)   # markers and table
    controls = st.columns([2, 5], vertical_alignment="bottom")
    controls[0].segmented_control(t("lifecycle.curve.stat"), ("mean", "median"), key="lc_stat", required=True,
                                  format_func=lambda s: t(f"lifecycle.curve.stat.{s}"), on_change=url["lc_stat"])
    controls[1].selectbox(t("lifecycle.danger.pick"), list(points), key="lc_danger", index=None,
                          on_change=url["lc_danger"],
                          placeholder=t("lifecycle.danger.placeholder"), help=t("lifecycle.danger.pick.help"),
                          format_func=lambda n: t("lifecycle.danger.option", n=n,
                                                  title=t(f"lifecycle.danger.{n}.title")))
    st.caption(t(f"lifecycle.curve.caption.{statistic}"))

    layout, revival_shown = drawn.layout, drawn.revival   # the phases are those of the mean curve
    if drawn.shown.empty:
        st.info(t("lifecycle.msg.no_buyers"))
    else:
        show(load.curve_spec(ctx.key, ctx.as_of, thresholds, filters, statistic, state.get("lc_danger"), lang),
             t("lifecycle.tab.curve"), t(f"lifecycle.curve.caption.{statistic}"), width="stretch", key="lc_chart_curve", on_select=pick_danger, selection_mode=charts.SELECTIONS["curve"])
        if len(revival_shown):
            st.caption(t("lifecycle.curve.revival_note", idle=months_text(layout.idle_months),
                         returns=fmt_int(int(revival_shown["customers"].iloc[0]), lang)))
        else:
            st.caption(t("lifecycle.curve.no_revival"))
        with st.expander(t("lifecycle.phases.title")):
            peak = (t("lifecycle.phases.peak", value=fmt_money(layout.peak_value, lang), month=layout.peak_month)
                    if layout.peak_month is not None else t("kpi.na"))
            st.markdown(t("lifecycle.phases.rules", lead=months_text(layout.lead_months), peak=peak))

    number = state.get("lc_danger")
    if number not in points:   # all fourteen at a glance (a static table wraps the long evidence lines)
        overview = pd.DataFrame({
            t("lifecycle.phase"): [t(f"lifecycle.phase.{p.phase}") for p in points.values()],
            t("lifecycle.danger.title"): [t(f"lifecycle.danger.{n}.title") for n in points],
            t("lifecycle.danger.evidence"): list(summaries.values()),
        }, index=pd.Index([f"#{n}" for n in points]))
        ui.table(overview.reset_index(names="#"), key="lc_danger_points", lang=lang,
                 stem=f"danger-points-{ctx.dataset}-{ctx.as_of}", static=True)
        return
    point = points[number]   # the chosen danger point with its evidence
    status, rows = lc.point_evidence(point, evidence, avail)
    with st.container(border=True):
        st.markdown(t("lifecycle.danger.heading", n=number, title=t(f"lifecycle.danger.{number}.title")))
        st.caption(t("lifecycle.danger.in_phase", phase=t(f"lifecycle.phase.{point.phase}")))
        st.markdown(t(f"lifecycle.danger.{number}.text"))
        if status != "ok":
            st.info(summaries[number])
            return
        st.markdown(t("lifecycle.danger.evidence_line", what=t(f"lifecycle.danger.{number}.evidence")))
        show(load.evidence_spec(ctx.key, ctx.as_of, thresholds, filters, number, lang),
             f"#{number} {t(f'lifecycle.danger.{number}.title')}", t(f"lifecycle.danger.{number}.evidence"),
             width="stretch")
        found = load.danger_findings(ctx.key, ctx.as_of, thresholds, filters)[number]
        st.markdown(load.finding_text(point, found, lang, long=True), help=t(f"lifecycle.test.{found.test}.help"))
        if point.comparison in SCOPED:
            st.caption(t(f"lifecycle.danger.{number}.scope"))
        st.caption(t(f"lifecycle.danger.outcome.{point.family}"))
        st.caption(t("lifecycle.danger.ci_note"))


def trend_tab() -> None:
    """Customers per stage at every month end."""
    st.caption(t("lifecycle.trend.caption"))
    st.toggle(t("lifecycle.trend.share"), key="lc_share", on_change=url["lc_share"])
    with st.spinner(t("lifecycle.loading")):
        trend = load.trend(ctx.key, ctx.as_of, thresholds, filters)
    if trend.empty:
        return
    show(load.trend_spec(ctx.key, ctx.as_of, thresholds, filters, bool(state.get("lc_share")), lang),
         t("lifecycle.tab.trend"), t("lifecycle.trend.caption"), width="stretch")


def moves_tab() -> None:
    """Stage at one date against stage at another, as a matrix."""
    st.caption(t("lifecycle.moves.caption"))
    first, second, _ = st.columns([1, 1, 3])
    first.date_input(t("lifecycle.moves.from"), key="lc_from", min_value=ctx.first_date, max_value=ctx.as_of,
                     format=DATE_FORMAT, on_change=url["lc_from"])
    second.date_input(t("lifecycle.moves.to"), key="lc_to", min_value=ctx.first_date, max_value=ctx.as_of,
                      format=DATE_FORMAT, on_change=url["lc_to"])
    if state["lc_from"] > state["lc_to"]:
        st.caption(t("lifecycle.moves.order"))
    if date_from == date_to:
        st.info(t("lifecycle.moves.same"))
        return
    chosen_move = (selection.a, selection.b) if selection and selection.kind == "move" else None
    with st.spinner(t("lifecycle.loading")):
        spec = load.moves_spec(ctx.key, date_from, date_to, thresholds, filters, chosen_move, lang)
    show(spec, t("lifecycle.tab.moves"), t("lifecycle.moves.caption"), width="stretch", key="lc_chart_moves", on_select=pick_move, selection_mode=charts.SELECTIONS["moves"])


def cohorts_tab() -> None:
    """Cohort retention by customers or by revenue."""
    metric = state.get("lc_metric") or "customers"
    st.segmented_control(t("lifecycle.retention.metric"), ("customers", "revenue"), key="lc_metric", required=True,
                         format_func=lambda m: t(f"lifecycle.retention.metric.{m}"), on_change=url["lc_metric"])
    st.caption(t(f"lifecycle.retention.caption.{metric}"))
    if load.retention(ctx.key, ctx.as_of, filters).empty:
        return
    show(load.retention_spec(ctx.key, ctx.as_of, filters, metric, lang), t("lifecycle.tab.cohorts"),
         t(f"lifecycle.retention.caption.{metric}"), width="stretch", key="lc_chart_cohorts",
         on_select=pick_cell, selection_mode=charts.SELECTIONS["retention"])


TABS = {"curve": curve_tab, "trend": trend_tab, "moves": moves_tab, "cohorts": cohorts_tab}
asked_tab = st.query_params.get("lc_tab")
if asked_tab is not None and asked_tab not in TABS:   # a link from before: the tab's title (or nonsense)
    titles = {i18n.t(f"lifecycle.tab.{name}", language): name for name in TABS for language in i18n.LANGS}
    if titles.get(asked_tab, "curve") == "curve":
        del st.query_params["lc_tab"]
    else:
        st.query_params["lc_tab"] = titles[asked_tab]
for name, container in ui.tabs(key="lc_tab", ids=TABS, label=lambda name: t(f"lifecycle.tab.{name}")).items():
    if container.open:
        with container:
            TABS[name]()


# --- customers of the selection -------------------------------------------------------------------------------
def selection_list(selection: lc.Selection | None) -> None:
    """The customers of the selection, sorted, with their export. (It returns where it has nothing
    to list: after a run ended by st.stop() the browser keeps the state of tabs it no longer shows,
    and ui.tabs would meet that state again.)"""
    if selection is None or (selection.kind == "move" and date_from == date_to):
        st.caption(t("lifecycle.list.none"))
        return
    if selection.kind == "stage":
        st.markdown(t("lifecycle.list.stage", stage=stage_label(selection.a), as_of=fmt_date(ctx.as_of, lang)))
    elif selection.kind == "move":
        st.markdown(t("lifecycle.list.move", a=stage_label(selection.a), b=stage_label(selection.b),
                      date_a=fmt_date(date_from, lang), date_b=fmt_date(date_to, lang)))
    else:
        st.markdown(t("lifecycle.list.cell", cohort=month_label(date.fromisoformat(selection.a)), age=selection.b))
    sort_col, order_col, clear_col = st.columns([2, 1, 1], vertical_alignment="bottom")
    sort_col.selectbox(t("lifecycle.list.sort"), lc.SORT_KEYS, key="lc_sort", on_change=url["lc_sort"],
                       format_func=lambda k: t(f"lifecycle.list.sort.{k}"))
    order_col.toggle(t("lifecycle.list.descending"), key="lc_desc", on_change=set_order)
    clear_col.button(t("lifecycle.list.clear"), key="lc_clear", on_click=select, args=(None,))
    order = (state["lc_sort"], bool(state["lc_desc"]))
    found_rows, found = load.customer_list(ctx.key, ctx.as_of, thresholds, filters, selection, date_from, date_to,
                                           *order, ctx.anon)
    found_rows = ui.masked(found_rows).drop(columns=["name"] if ctx.anon else [])   # the name is the pseudonym too
    if found == 0:
        st.info(t("lifecycle.list.empty"))
        return
    st.caption(t("lifecycle.list.capped", total=fmt_int(found, lang), limit=fmt_int(lc.LIST_LIMIT, lang))
               if found > lc.LIST_LIMIT else t("lifecycle.list.count", total=fmt_int(found, lang)))
    table = found_rows.assign(
        stage=found_rows["stage"].map(stage_label),
        stage_from=found_rows["stage_from"].map(lambda s: stage_label(s) if s else None),
        segment=found_rows["segment"].map(dim_label), region=found_rows["region"].map(dim_label),
        channel=found_rows["channel"].map(dim_label),
        first_purchase=pd.to_datetime(found_rows["first_purchase"]).dt.date,
        last_purchase=pd.to_datetime(found_rows["last_purchase"]).dt.date)
    if selection.kind != "move":
        table = table.drop(columns="stage_from")
    ui.table(table, key="lc_list", lang=lang, stem=f"lifecycle-{ctx.dataset}-{selection.encode()}", height=360,
             formats={"revenue_12m": "amount", "revenue_prev_12m": "amount", "n_purchases": "int",
                      "first_purchase": "date", "last_purchase": "date"}, column_config={
        **{col: t(f"lifecycle.col.{col}") for col in table.columns},
        "n_purchases": st.column_config.NumberColumn(t("lifecycle.col.n_purchases"),
                                                     help=t("lifecycle.col.n_purchases.help")),
    })


st.subheader(t("lifecycle.list.title"))
selection_list(lc.Selection.decode(state["lc_sel"]))
