"""Lifecycle: every customer's stage at the as-of date, the lifecycle curve with its phases and
14 danger points, the stage trend, moves between stages and cohort retention — one set of
filters for all of them, and the whole view kept in the URL so it can be shared."""
from datetime import date

import pandas as pd
import streamlit as st

from lib import db, ui
from lib import lifecycle as lc
from lib.charts import lifecycle as charts
from lib.i18n import fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct

ctx = ui.context()
lang, t, state = ctx.lang, ctx.t, st.session_state
cur = ui.cursor(ctx.db_path)
DATE_FORMAT = "DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD"
DEFAULT_FROM = max(lc.months_back(ctx.as_of, 12), ctx.first_date)

st.title(t("lifecycle.title"))
st.markdown(t("lifecycle.intro", dataset=ctx.dataset, as_of=fmt_date(ctx.as_of, lang)))

with st.spinner(t("lifecycle.loading")):
    avail = ui.load(db.available, ctx.key)
    dims = ui.load(lc.dimensions, ctx.key)


def show(build, cache_on: tuple, **kwargs):
    """Draw the chart ``build()`` makes, its spec cached per dataset and ``cache_on`` — which must
    name everything the chart shows — and the language; unvalidated (the tests validate every
    builder)."""
    spec = ui.derive(charts.build_spec, ctx.key, (lang,), data=build, cache_on=(lang, *cache_on))
    return st.vega_lite_chart(spec=dict(spec), **kwargs)


def picked_point(chart_key: str, chart: str) -> dict | None:
    """The datum clicked in a chart's selection, if any."""
    clicked = (state.get(chart_key) or {}).get("selection", {}).get(charts.SELECTIONS[chart]) or []
    return clicked[0] if clicked else None


def stage_label(stage: str) -> str:
    return t(f"lifecycle.stage.{stage}")


def dim_label(value: str) -> str:
    return value if value else t("lifecycle.filter.unknown")


def month_label(day: date) -> str:
    return f"{day:%m.%Y}" if lang == "de" else f"{day:%Y-%m}"


def factor(value: float) -> str:
    return fmt_num(value, lang, 2).rstrip("0").rstrip(",.")


def months_text(months: float | None) -> str:
    return t("lifecycle.months", n=fmt_num(months, lang, 1)) if months is not None else t("lifecycle.phases.no_lead")


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
    stages = ui.load(lc.stages, ctx.key, ctx.as_of, thresholds)
    dist = ui.derive(lc.distribution, ctx.key, (ctx.dataset_id, stages, filters), data=cur,
                     cache_on=(ctx.as_of, thresholds, filters))
total = int(dist["customers"].sum())
summary_slot.caption(t("lifecycle.filter.summary", customers=fmt_int(total, lang)))
if total == 0:
    st.info(t("lifecycle.msg.empty"))
    st.stop()
selection = state.get("lc_sel")

# --- stages at the as-of date -------------------------------------------------------------------------------
st.subheader(t("lifecycle.dist.title"))
st.caption(t("lifecycle.dist.caption"))
definitions = thresholds.params() | {"growth": factor(thresholds.growth), "decline": factor(thresholds.decline),
                                     "sleep_factor": factor(thresholds.sleep_factor)}
dist = dist.assign(label=dist["stage"].map(stage_label),
                   definition=[t(f"lifecycle.stage.{s}.def", **definitions) for s in dist["stage"]],
                   revenue_share=dist["revenue_12m"] / max(dist["revenue_12m"].clip(lower=0).sum(), 1e-9))


def pick_stage(chart_key: str) -> None:
    datum = picked_point(chart_key, "stages")
    if datum and datum.get("stage") in lc.STAGES:
        state["lc_sel"] = lc.Selection("stage", datum["stage"])


chosen_stage = selection.a if selection and selection.kind == "stage" else None
tip = [("customers", t("lifecycle.dist.customers"), ","), ("share", t("lifecycle.dist.share"), ".1%"),
       ("revenue_12m", t("lifecycle.dist.revenue"), ",.0f"), ("revenue_share", t("lifecycle.dist.revenue_share"), ".1%"),
       ("definition", t("lifecycle.definition"), "")]
charts_col, definitions_col = st.columns([6, 4])
with charts_col:
    bars = st.columns(2)
    for col, field, title_key, chart_key in ((bars[0], "customers", "lifecycle.dist.customers", "lc_chart_stages"),
                                             (bars[1], "revenue_12m", "lifecycle.dist.revenue", "lc_chart_revenue")):
        with col:
            show(lambda f=field, k=title_key: charts.stage_bars(dist, field=f, title=t(k),
                                                                stage_title=t("lifecycle.stage"), tooltip=tip,
                                                                selected=chosen_stage),
                 ("stages", field, ctx.as_of, thresholds, filters, chosen_stage), width="stretch", key=chart_key,
                 on_select=lambda k=chart_key: pick_stage(k), selection_mode=charts.SELECTIONS["stages"])
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


def move_frames():
    """The stages at the two dates of the moves matrix (None when the dates are the same)."""
    if date_from == date_to:
        return None, None
    frame_from = ui.load(lc.stage_codes, ctx.key, date_from, thresholds)
    frame_to = stages if date_to == ctx.as_of else ui.load(lc.stages, ctx.key, date_to, thresholds)
    return frame_from, frame_to


def group_label(comparison: str, grp: str) -> str:
    if comparison in ("sale_satisfaction", "aftersales_satisfaction"):
        return t(f"lifecycle.grp.sat.{grp}")
    if comparison in ("disputes", "complaints"):
        return t(f"lifecycle.grp.count.{grp}")
    if comparison == "followup_channel" and grp != "?":
        return grp   # a channel name from the data
    return t(f"lifecycle.grp.{comparison}.{grp}")


def summary(point: lc.DangerPoint, evidence) -> str:
    """One line on a danger point's evidence: the groups lost most and least, or why there is none."""
    status, rows = lc.point_evidence(point, evidence, avail)
    if status == "no_format":
        return t("lifecycle.danger.no_format", needs=t(f"lifecycle.danger.{point.number}.needs"))
    if status == "missing":
        return t("lifecycle.danger.missing", tables=", ".join(t(f"table.{x}") for x in point.needs))
    if status == "too_little":
        return t("lifecycle.danger.too_little", min=lc.MIN_CUSTOMERS)
    rows = rows.loc[rows["customers"] >= lc.MIN_CUSTOMERS]
    ends = [rows.loc[rows["rate"].idxmax()], rows.loc[rows["rate"].idxmin()]]
    return " · ".join(t("lifecycle.danger.summary", group=group_label(point.comparison, r["grp"]),
                        rate=fmt_pct(r["rate"], lang), n=fmt_int(r["customers"], lang)) for r in ends)


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
        curve = ui.load(lc.curve, ctx.key, ctx.as_of, filters, statistic)
        mean_curve = curve if statistic == "mean" else ui.load(lc.curve, ctx.key, ctx.as_of, filters, "mean")
        revival, idle_days = ui.load(lc.revival, ctx.key, ctx.as_of, filters, thresholds)
        lead_days, _ = ui.load(lc.lead_time, ctx.key, filters)
        start_stages = ui.load(lc.stage_codes, ctx.key, lc.months_back(ctx.as_of, 12), thresholds)
        exposures = ui.load(lc.exposures, ctx.key, ctx.as_of) if avail.events else None
        evidence = ui.derive(lc.evidence, ctx.key,
                             (ctx.dataset_id, ctx.as_of, filters, stages, start_stages, exposures),
                             data=cur, cache_on=(ctx.as_of, thresholds, filters, exposures is None))
    controls = st.columns([2, 5], vertical_alignment="bottom")
    controls[0].segmented_control(t("lifecycle.curve.stat"), ("mean", "median"), key="lc_stat", required=True,
                                  format_func=lambda s: t(f"lifecycle.curve.stat.{s}"))
    controls[1].selectbox(t("lifecycle.danger.pick"), list(points), key="lc_danger", index=None,
                          placeholder=t("lifecycle.danger.placeholder"), help=t("lifecycle.danger.pick.help"),
                          format_func=lambda n: t("lifecycle.danger.option", n=n,
                                                  title=t(f"lifecycle.danger.{n}.title")))
    st.caption(t(f"lifecycle.curve.caption.{statistic}"))

    summaries = {n: summary(p, evidence) for n, p in points.items()}   # for the markers and the table
    shown = lc.reliable(curve)
    revival_shown = revival.loc[revival["customers"] >= lc.MIN_CUSTOMERS]
    # The phases are those of the average curve, whichever statistic is drawn.
    layout = lc.layout(mean_curve, new_days=thresholds.new_days, lead_days=lead_days, idle_days=idle_days,
                       revival_months=len(revival_shown))
    if shown.empty:
        st.info(t("lifecycle.msg.no_buyers"))
    else:
        phases = pd.DataFrame([{
            "phase": p.name, "label": t(f"lifecycle.phase.{p.name}"), "x0": p.start, "x1": p.end,
            "rule": t(f"lifecycle.phase.{p.name}.rule"),
            "note": (t("lifecycle.phase.loss.note", idle=months_text(layout.idle_months))
                     if p.name == "loss" and p.month is None and layout.idle_months is not None else ""),
        } for p in layout.phases])
        markers = lc.marker_positions(layout)
        markers = markers.assign(
            title=[t(f"lifecycle.danger.{n}.title") + " — " + t(f"lifecycle.danger.{n}.text") for n in markers["number"]],
            phase_label=[t(f"lifecycle.phase.{points[n].phase}") for n in markers["number"]],
            summary=[summaries[n] for n in markers["number"]],
        )
        labels = {"x": t("lifecycle.curve.x"), "y": t(f"lifecycle.curve.y.{statistic}"),
                  "month": t("lifecycle.curve.month"), "customers": t("lifecycle.curve.customers"),
                  "buyers": t("lifecycle.curve.buyers"), "value": t("lifecycle.curve.value"),
                  "revival_month": t("lifecycle.curve.revival_month"), "phase": t("lifecycle.phase"),
                  "rule": t("lifecycle.definition"), "danger": t("lifecycle.danger.title"),
                  "evidence": t("lifecycle.danger.evidence")}
        show(lambda: charts.lifecycle_chart(
                 shown.assign(x=shown["age"], month=shown["age"]),
                 revival_shown.assign(x=layout.revival_start + revival_shown["age"], month=revival_shown["age"]),
                 phases, markers, labels=labels, last_age=int(shown["age"].max()), selected=state.get("lc_danger")),
             ("curve", ctx.as_of, thresholds, filters, statistic, state.get("lc_danger")), width="stretch",
             key="lc_chart_curve", on_select=pick_danger, selection_mode=charts.SELECTIONS["curve"])
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
        groups = rows.assign(
            label=[group_label(point.comparison, g) for g in rows["grp"]],
            text=[f"{fmt_int(k, lang)} / {fmt_int(n, lang)}" for k, n in zip(rows["lost"], rows["customers"])],
            few=rows["customers"] < lc.MIN_CUSTOMERS)
        show(lambda: charts.evidence_bars(groups, labels={
                 "group": t("lifecycle.danger.group"), "rate": t("lifecycle.danger.rate"),
                 "customers": t("lifecycle.danger.customers"), "lost": t("lifecycle.danger.lost"),
                 "low": t("lifecycle.danger.low"), "high": t("lifecycle.danger.high")}),
             ("evidence", ctx.as_of, thresholds, filters, number), width="stretch")
        st.caption(t(f"lifecycle.danger.outcome.{point.family}"))
        st.caption(t("lifecycle.danger.ci_note"))


def trend_tab() -> None:
    """Customers per stage at every month end."""
    st.caption(t("lifecycle.trend.caption"))
    st.toggle(t("lifecycle.trend.share"), key="lc_share")
    with st.spinner(t("lifecycle.loading")):
        cube = ui.load(lc.trend_cube, ctx.key, thresholds)
        trend = ui.derive(lc.trend, ctx.key, (ctx.dataset_id, cube, filters, ctx.as_of, stages), data=cur,
                          cache_on=(ctx.as_of, thresholds, filters))
    if trend.empty:
        return
    share = bool(state.get("lc_share"))
    show(lambda: charts.trend_area(trend.assign(label=trend["stage"].map(stage_label)), share=share,
                                   labels={"month": t("lifecycle.trend.month"), "customers": t("lifecycle.dist.customers"),
                                           "share": t("lifecycle.dist.share"), "stage": t("lifecycle.stage")}),
         ("trend", ctx.as_of, thresholds, filters, share), width="stretch")


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
    with st.spinner(t("lifecycle.loading")):
        frame_from, frame_to = move_frames()
        moves = ui.derive(lc.transitions, ctx.key, (ctx.dataset_id, frame_from, frame_to, filters), data=cur,
                          cache_on=(date_from, date_to, thresholds, filters))
    rows_present = [s for s in (lc.UNKNOWN, *lc.STAGES) if s in set(moves["stage_from"])]
    cols_present = [s for s in lc.STAGES if s in set(moves["stage_to"])]
    moves = moves.assign(
        label_from=moves["stage_from"].map(stage_label), label_to=moves["stage_to"].map(stage_label),
        text=[f"{fmt_int(n, lang)}\n{fmt_pct(r, lang, 0)}" for n, r in zip(moves["customers"], moves["row_share"])])
    chosen_move = (selection.a, selection.b) if selection and selection.kind == "move" else None
    show(lambda: charts.transition_matrix(moves, selected=chosen_move, labels={
             "from": t("lifecycle.moves.from_stage") + f" ({fmt_date(date_from, lang)})",
             "to": t("lifecycle.moves.to_stage") + f" ({fmt_date(date_to, lang)})",
             "customers": t("lifecycle.dist.customers"), "row_share": t("lifecycle.moves.row_share"),
             "rows": "|".join(map(stage_label, rows_present)), "cols": "|".join(map(stage_label, cols_present))}),
         ("moves", date_from, date_to, thresholds, filters, chosen_move), width="stretch", key="lc_chart_moves",
         on_select=pick_move, selection_mode=charts.SELECTIONS["moves"])


def cohorts_tab() -> None:
    """Cohort retention by customers or by revenue."""
    metric = state.get("lc_metric") or "customers"
    st.segmented_control(t("lifecycle.retention.metric"), ("customers", "revenue"), key="lc_metric", required=True,
                         format_func=lambda m: t(f"lifecycle.retention.metric.{m}"))
    st.caption(t(f"lifecycle.retention.caption.{metric}"))
    cells = ui.load(lc.retention, ctx.key, ctx.as_of, filters)
    if cells.empty:
        return
    cells = cells.assign(cohort_key=[f"{c:%Y-%m-%d}" for c in cells["cohort"]],
                         cohort_label=[month_label(c) for c in cells["cohort"]])
    show(lambda: charts.retention_heatmap(
             cells, field="customer_share" if metric == "customers" else "revenue_share",
             labels={"cohort": t("lifecycle.retention.cohort"), "age": t("lifecycle.curve.x"),
                     "size": t("lifecycle.retention.size"), "buyers": t("lifecycle.curve.buyers"),
                     "revenue": t("lifecycle.retention.revenue"),
                     "customer_share": t("lifecycle.retention.customer_share"),
                     "revenue_share": t("lifecycle.retention.revenue_share")},
             height=max(160, min(560, 14 * cells["cohort"].nunique()))),
         ("cohorts", ctx.as_of, filters, metric), width="stretch", key="lc_chart_cohorts", on_select=pick_cell,
         selection_mode=charts.SELECTIONS["retention"])


TABS = {"curve": curve_tab, "trend": trend_tab, "moves": moves_tab, "cohorts": cohorts_tab}
tabs = st.tabs([t(f"lifecycle.tab.{name}") for name in TABS], key="lc_tab", bind="query-params", on_change="rerun")
for draw, container in zip(TABS.values(), tabs):
    if container.open:
        with container:
            draw()

# --- customers of the selection -------------------------------------------------------------------------------
st.subheader(t("lifecycle.list.title"))
selection = state.get("lc_sel")
frame_from, frame_to = move_frames() if selection and selection.kind == "move" else (None, None)
if selection is None or (selection.kind == "move" and frame_from is None):
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
found_rows, found = ui.derive(lc.customer_list, ctx.key,
                              (ctx.dataset_id, selection, filters, stages, frame_from, frame_to, *order), data=cur,
                              cache_on=(selection, filters, order, ctx.as_of, thresholds, date_from, date_to))
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
