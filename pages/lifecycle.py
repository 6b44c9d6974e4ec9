"""Lifecycle: every customer's stage at the as-of date, the lifecycle curve with its phases and
14 danger points, the stage trend, moves between stages and cohort retention — one set of
filters for all of them, and the whole view kept in the URL so it can be shared."""
from datetime import date

import pandas as pd
import streamlit as st

from lib import lifecycle as lc
from lib import ui
from lib.charts import lifecycle as charts
from lib.i18n import fmt_date, fmt_int, fmt_money
from lib.loaders import lifecycle as load

ctx = ui.context()
lang, t, state = ctx.lang, ctx.t, st.session_state
DATE_FORMAT = "DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD"
DEFAULT_FROM = max(lc.months_back(ctx.as_of, 12), ctx.first_date)

st.title(t("lifecycle.title"))
st.markdown(t("lifecycle.intro", dataset=ctx.dataset, as_of=fmt_date(ctx.as_of, lang)))

with st.spinner(t("lifecycle.loading")):
    avail = load.available(ctx.key)
    dims = load.dimensions(ctx.key)


def show(spec: dict, **kwargs):
    """Draw a chart from its spec (a loader caches it per everything the chart shows and the
    language; unvalidated: the tests validate every builder)."""
    return st.vega_lite_chart(spec=dict(spec), **kwargs)


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


# --- the view: read from the link on the first run, then kept in the widgets' state -----------------
THRESHOLD_KEYS = lc.THRESHOLD_PARAMS   # threshold -> widget key (the same as its URL parameter)


def push(view: lc.View) -> None:
    """Put a view into the widgets' state (before they are drawn)."""
    f = view.filters
    state["lc_seg"], state["lc_reg"], state["lc_chan"] = list(f.segments), list(f.regions), list(f.channels)
    state["lc_cohort_req"] = (f.cohort_from, f.cohort_to)
    for name, key in THRESHOLD_KEYS.items():
        state[key] = getattr(view.thresholds, name)
    state["lc_stat"], state["lc_danger"], state["lc_metric"] = view.statistic, view.danger, view.metric
    state["lc_share"], state["lc_sel"], state["lc_sort"] = view.trend_share, view.selection, view.sort
    state["lc_desc"] = view.descending
    state["lc_dates_req"] = (view.move_from, view.move_to)


# Widgets in a closed tab are not drawn, and Streamlit forgets the state of undrawn widgets;
# writing it back each run keeps the view (and its link) intact while another tab is open.
for key in ("lc_stat", "lc_danger", "lc_share", "lc_from", "lc_to", "lc_metric", "lc_sort", "lc_desc"):
    if key in state:
        state[key] = state[key]

if "lc_seg" not in state:
    link, unreadable = lc.View.from_query({k: st.query_params.get_all(k) for k in lc.URL_PARAMS})
    push(link)
    if unreadable:
        st.warning(t("lifecycle.msg.bad_link", what=", ".join(unreadable)))
    state["lc_from_link"] = True

# Filter values must exist in the dataset shown (a link or another dataset may name others).
options = {"lc_seg": list(dims["segment"]), "lc_reg": list(dims["region"]), "lc_chan": list(dims["channel"])}
dropped = [v for key, values in options.items() for v in state.get(key, []) if v not in values]
for key, values in options.items():
    state[key] = [v for v in state.get(key, []) if v in values]
if dropped and state.get("lc_from_link"):
    st.warning(t("lifecycle.filter.dropped", values=", ".join(f"„{v}“" if lang == "de" else f"“{v}”" for v in dropped)))
state["lc_from_link"] = False

cohorts = [c for c in dims["cohort"] if c <= ctx.as_of]
low, high = state.pop("lc_cohort_req", None) or (None, None)
if len(cohorts) < 2:
    state.pop("lc_cohort", None)
elif low is not None or high is not None:   # from the link: snap to the months the data has
    low = min((c for c in cohorts if c >= low), default=cohorts[-1]) if low else cohorts[0]
    high = max((c for c in cohorts if c <= high), default=cohorts[0]) if high else cohorts[-1]
    state["lc_cohort"] = (low, max(low, high))
elif not (isinstance(state.get("lc_cohort"), tuple) and set(state["lc_cohort"]) <= set(cohorts)):
    state["lc_cohort"] = (cohorts[0], cohorts[-1])

dates_req = state.pop("lc_dates_req", None)
if dates_req is not None or state.get("lc_dates_as_of") != ctx.as_of:   # new link or new as-of date
    want_from, want_to = dates_req or (None, None)
    state["lc_from"] = min(max(want_from or DEFAULT_FROM, ctx.first_date), ctx.as_of)
    state["lc_to"] = min(max(want_to or ctx.as_of, ctx.first_date), ctx.as_of)
    state["lc_dates_as_of"] = ctx.as_of


def reset_filters() -> None:
    state["lc_seg"], state["lc_reg"], state["lc_chan"] = [], [], []
    if len(cohorts) >= 2:
        state["lc_cohort"] = (cohorts[0], cohorts[-1])
    state["lc_sel"] = None


def reset_thresholds() -> None:
    for name, key in THRESHOLD_KEYS.items():
        state[key] = getattr(lc.Thresholds(), name)


# --- filters ------------------------------------------------------------------------------------------
with st.container(border=True):
    cols = st.columns([2, 2, 2, 3], vertical_alignment="bottom")
    if avail.customers:
        for col, key, label in ((cols[0], "lc_seg", "lifecycle.filter.segment"),
                                (cols[1], "lc_reg", "lifecycle.filter.region"),
                                (cols[2], "lc_chan", "lifecycle.filter.channel")):
            col.multiselect(t(label), options[key], key=key, format_func=dim_label,
                            placeholder=t("lifecycle.filter.all"), help=t("lifecycle.filter.help"))
    if len(cohorts) >= 2:
        cols[3].select_slider(t("lifecycle.filter.cohort"), options=cohorts, key="lc_cohort",
                              format_func=month_label, help=t("lifecycle.filter.cohort.help"))
    note, reset = st.columns([4, 1], vertical_alignment="center")
    summary_slot = note.empty()   # filled once the filters' result is known
    reset.button(t("lifecycle.filter.reset"), key="lc_reset", on_click=reset_filters, width="stretch",
                 icon=":material/filter_alt_off:", help=t("lifecycle.filter.reset.help"))
    if not avail.customers:
        st.caption(t("lifecycle.filter.no_customers"))

cohort_range = state.get("lc_cohort")
all_cohorts = cohort_range is None or tuple(cohort_range) == (cohorts[0], cohorts[-1])
filters = lc.Filters(tuple(state["lc_seg"]), tuple(state["lc_reg"]), tuple(state["lc_chan"]),
                     None if all_cohorts else cohort_range[0], None if all_cohorts else cohort_range[1])
thresholds = lc.Thresholds(**{name: state.get(key, getattr(lc.Thresholds(), name))
                              for name, key in THRESHOLD_KEYS.items()})
bad_thresholds = bool(thresholds.problems())
if bad_thresholds:
    thresholds = lc.Thresholds()

# The page's own URL parameters mirror the state; lang, dataset and as_of belong to the sidebar.
view = lc.View(filters=filters, thresholds=thresholds, statistic=state.get("lc_stat") or "mean",
               danger=state.get("lc_danger"),
               move_from=None if state["lc_from"] == DEFAULT_FROM else state["lc_from"],
               move_to=None if state["lc_to"] == ctx.as_of else state["lc_to"],
               metric=state.get("lc_metric") or "customers", trend_share=bool(state.get("lc_share")),
               selection=state.get("lc_sel"), sort=state.get("lc_sort") or "revenue_12m",
               descending=bool(state.get("lc_desc", True)))
query = view.to_query()
for key in lc.URL_PARAMS:
    wanted = query.get(key)
    if wanted is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (wanted if isinstance(wanted, list) else [wanted]):
        st.query_params[key] = wanted

# --- data: frames cached per dataset, as-of date and thresholds; filters aggregate over them ----------
with st.spinner(t("lifecycle.loading")):
    dist = load.stage_table(ctx.key, ctx.as_of, thresholds, filters, lang)   # with labels and definitions
total = int(dist["customers"].sum())
summary_slot.caption(t("lifecycle.filter.summary", customers=fmt_int(total, lang)))
if total == 0:
    st.info(t("lifecycle.msg.empty"))
    st.stop()
selection = state.get("lc_sel")

# --- stages at the as-of date -------------------------------------------------------------------------------
st.subheader(t("lifecycle.dist.title"))
st.caption(t("lifecycle.dist.caption"))


def pick_stage(chart_key: str) -> None:
    datum = picked_point(chart_key, "stages")
    if datum and datum.get("stage") in lc.STAGES:
        state["lc_sel"] = lc.Selection("stage", datum["stage"])


chosen_stage = selection.a if selection and selection.kind == "stage" else None
charts_col, definitions_col = st.columns([6, 4])
with charts_col:
    bars = st.columns(2)
    for col, field, chart_key in ((bars[0], "customers", "lc_chart_stages"),
                                  (bars[1], "revenue_12m", "lc_chart_revenue")):
        with col:
            show(load.stage_bars_spec(ctx.key, ctx.as_of, thresholds, filters, field, chosen_stage, lang),
                 width="stretch", key=chart_key, on_select=lambda k=chart_key: pick_stage(k),
                 selection_mode=charts.SELECTIONS["stages"])
    st.caption(t("lifecycle.stages.rules"))
    with st.expander(t("lifecycle.thr.title")):
        if bad_thresholds:
            st.warning(t("lifecycle.msg.bad_thresholds"))
        left, right = st.columns(2)
        limits = lc.Thresholds.LIMITS
        left.number_input(t("lifecycle.thr.new_days"), *limits["new_days"], step=1, key="lc_new")
        right.number_input(t("lifecycle.thr.won_back_days"), *limits["won_back_days"], step=1, key="lc_back")
        left.number_input(t("lifecycle.thr.growth"), *limits["growth"], step=0.05, format="%.2f", key="lc_grow")
        right.number_input(t("lifecycle.thr.decline"), *limits["decline"], step=0.05, format="%.2f", key="lc_decl")
        left.number_input(t("lifecycle.thr.sleep_days"), *limits["sleep_days"], step=1, key="lc_sleep")
        right.number_input(t("lifecycle.thr.sleep_factor"), *limits["sleep_factor"], step=0.5, format="%.1f",
                           key="lc_sleepx")
        left.number_input(t("lifecycle.thr.lost_days"), *limits["lost_days"], step=1, key="lc_lost")
        right.button(t("lifecycle.thr.reset"), key="lc_thr_reset", on_click=reset_thresholds)
        st.caption(t("lifecycle.thr.help"))
with definitions_col:
    st.caption("\n".join(f"- **{label}**: {text}" for label, text in zip(dist["label"], dist["definition"])))

# --- the four views below the stages, each in a tab: only the open one is computed and drawn ---------
points = {p.number: p for p in lc.DANGER_POINTS}
date_from, date_to = sorted((state["lc_from"], state["lc_to"]))


def pick_danger() -> None:
    datum = picked_point("lc_chart_curve", "curve")
    if datum and datum.get("number") in points:
        state["lc_danger"] = int(datum["number"])


def pick_move() -> None:
    datum = picked_point("lc_chart_moves", "moves")
    if datum and datum.get("stage_to") in lc.STAGES:
        state["lc_sel"] = lc.Selection("move", datum["stage_from"], datum["stage_to"])


def pick_cell() -> None:
    datum = picked_point("lc_chart_cohorts", "retention")
    if datum and datum.get("cohort_key"):
        state["lc_sel"] = lc.Selection("cell", datum["cohort_key"], str(int(datum["age"])))


def curve_tab() -> None:
    """The lifecycle curve with its phases and danger points, and the chosen point's evidence."""
    statistic = state.get("lc_stat") or "mean"
    with st.spinner(t("lifecycle.loading")):
        drawn = load.curve_view(ctx.key, ctx.as_of, thresholds, filters, statistic)
        evidence = load.evidence(ctx.key, ctx.as_of, thresholds, filters)
        summaries = load.danger_summaries(ctx.key, ctx.as_of, thresholds, filters, lang)   # markers and table
    controls = st.columns([2, 5], vertical_alignment="bottom")
    controls[0].segmented_control(t("lifecycle.curve.stat"), ("mean", "median"), key="lc_stat", required=True,
                                  format_func=lambda s: t(f"lifecycle.curve.stat.{s}"))
    controls[1].selectbox(t("lifecycle.danger.pick"), list(points), key="lc_danger", index=None,
                          placeholder=t("lifecycle.danger.placeholder"), help=t("lifecycle.danger.pick.help"),
                          format_func=lambda n: t("lifecycle.danger.option", n=n,
                                                  title=t(f"lifecycle.danger.{n}.title")))
    st.caption(t(f"lifecycle.curve.caption.{statistic}"))

    layout, revival_shown = drawn.layout, drawn.revival   # the phases are those of the mean curve
    if drawn.shown.empty:
        st.info(t("lifecycle.msg.no_buyers"))
    else:
        show(load.curve_spec(ctx.key, ctx.as_of, thresholds, filters, statistic, state.get("lc_danger"), lang),
             width="stretch", key="lc_chart_curve", on_select=pick_danger, selection_mode=charts.SELECTIONS["curve"])
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
        st.table(pd.DataFrame({
            t("lifecycle.phase"): [t(f"lifecycle.phase.{p.phase}") for p in points.values()],
            t("lifecycle.danger.title"): [t(f"lifecycle.danger.{n}.title") for n in points],
            t("lifecycle.danger.evidence"): list(summaries.values()),
        }, index=pd.Index([f"#{n}" for n in points])))
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
        show(load.evidence_spec(ctx.key, ctx.as_of, thresholds, filters, number, lang), width="stretch")
        st.caption(t(f"lifecycle.danger.outcome.{point.family}"))
        st.caption(t("lifecycle.danger.ci_note"))


def trend_tab() -> None:
    """Customers per stage at every month end."""
    st.caption(t("lifecycle.trend.caption"))
    st.toggle(t("lifecycle.trend.share"), key="lc_share")
    with st.spinner(t("lifecycle.loading")):
        trend = load.trend(ctx.key, ctx.as_of, thresholds, filters)
    if trend.empty:
        return
    show(load.trend_spec(ctx.key, ctx.as_of, thresholds, filters, bool(state.get("lc_share")), lang), width="stretch")


def moves_tab() -> None:
    """Stage at one date against stage at another, as a matrix."""
    st.caption(t("lifecycle.moves.caption"))
    first, second, _ = st.columns([1, 1, 3])
    first.date_input(t("lifecycle.moves.from"), key="lc_from", min_value=ctx.first_date, max_value=ctx.as_of,
                     format=DATE_FORMAT)
    second.date_input(t("lifecycle.moves.to"), key="lc_to", min_value=ctx.first_date, max_value=ctx.as_of,
                      format=DATE_FORMAT)
    if state["lc_from"] > state["lc_to"]:
        st.caption(t("lifecycle.moves.order"))
    if date_from == date_to:
        st.info(t("lifecycle.moves.same"))
        return
    chosen_move = (selection.a, selection.b) if selection and selection.kind == "move" else None
    with st.spinner(t("lifecycle.loading")):
        spec = load.moves_spec(ctx.key, date_from, date_to, thresholds, filters, chosen_move, lang)
    show(spec, width="stretch", key="lc_chart_moves", on_select=pick_move, selection_mode=charts.SELECTIONS["moves"])


def cohorts_tab() -> None:
    """Cohort retention by customers or by revenue."""
    metric = state.get("lc_metric") or "customers"
    st.segmented_control(t("lifecycle.retention.metric"), ("customers", "revenue"), key="lc_metric", required=True,
                         format_func=lambda m: t(f"lifecycle.retention.metric.{m}"))
    st.caption(t(f"lifecycle.retention.caption.{metric}"))
    if load.retention(ctx.key, ctx.as_of, filters).empty:
        return
    show(load.retention_spec(ctx.key, ctx.as_of, filters, metric, lang), width="stretch", key="lc_chart_cohorts",
         on_select=pick_cell, selection_mode=charts.SELECTIONS["retention"])


TABS = {"curve": curve_tab, "trend": trend_tab, "moves": moves_tab, "cohorts": cohorts_tab}
tabs = st.tabs([t(f"lifecycle.tab.{name}") for name in TABS], key="lc_tab", bind="query-params", on_change="rerun")
for draw, container in zip(TABS.values(), tabs):
    if container.open:
        with container:
            draw()

# --- customers of the selection -------------------------------------------------------------------------------
st.subheader(t("lifecycle.list.title"))
selection = state.get("lc_sel")
if selection is None or (selection.kind == "move" and date_from == date_to):
    st.caption(t("lifecycle.list.none"))
    st.stop()
if selection.kind == "stage":
    st.markdown(t("lifecycle.list.stage", stage=stage_label(selection.a), as_of=fmt_date(ctx.as_of, lang)))
elif selection.kind == "move":
    st.markdown(t("lifecycle.list.move", a=stage_label(selection.a), b=stage_label(selection.b),
                  date_a=fmt_date(date_from, lang), date_b=fmt_date(date_to, lang)))
else:
    st.markdown(t("lifecycle.list.cell", cohort=month_label(date.fromisoformat(selection.a)), age=selection.b))
sort_col, order_col, clear_col = st.columns([2, 1, 1], vertical_alignment="bottom")
sort_col.selectbox(t("lifecycle.list.sort"), lc.SORT_KEYS, key="lc_sort",
                   format_func=lambda k: t(f"lifecycle.list.sort.{k}"))
order_col.toggle(t("lifecycle.list.descending"), key="lc_desc")
clear_col.button(t("lifecycle.list.clear"), key="lc_clear", on_click=lambda: state.update(lc_sel=None))
order = (state["lc_sort"], bool(state["lc_desc"]))
found_rows, found = load.customer_list(ctx.key, ctx.as_of, thresholds, filters, selection, date_from, date_to, *order)
if found == 0:
    st.info(t("lifecycle.list.empty"))
    st.stop()
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
st.dataframe(table, hide_index=True, width="stretch", height=360, column_config={
    **{col: t(f"lifecycle.col.{col}") for col in table.columns},
    "revenue_12m": st.column_config.NumberColumn(t("lifecycle.col.revenue_12m"), format="localized"),
    "revenue_prev_12m": st.column_config.NumberColumn(t("lifecycle.col.revenue_prev_12m"), format="localized"),
    "n_purchases": st.column_config.NumberColumn(t("lifecycle.col.n_purchases"), format="localized",
                                                 help=t("lifecycle.col.n_purchases.help")),
    "first_purchase": st.column_config.DateColumn(t("lifecycle.col.first_purchase"), format=DATE_FORMAT),
    "last_purchase": st.column_config.DateColumn(t("lifecycle.col.last_purchase"), format=DATE_FORMAT),
})
ui.download(table.rename(columns={col: t(f"lifecycle.col.{col}") for col in table.columns}),
            f"lifecycle-{ctx.dataset}-{selection.encode()}", "lc_download", lang)
