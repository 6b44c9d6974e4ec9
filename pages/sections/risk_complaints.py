"""The risk page's complaint-handling tab ("are complaints a chance?"): churn without a complaint,
with one handled well and fast, or badly or slowly, with intervals and tests. Widgets and layout
only; the numbers and texts come from lib/loaders/risk.py (lib/risk/complaints.py). pages/risk.py
calls :func:`draw` for the open tab."""
import streamlit as st

from lib import ui
from lib.loaders import risk as load
from lib.risk import complaints

#: Which events count as complaints (ids in the URL).
COMPLAINT_KINDS = tuple(complaints.KINDS)


def draw(ctx: ui.Context, a, settings) -> None:
    """The tab for the sidebar's ``ctx``, the page's assessment ``a`` (what the dataset holds) and
    its ``settings`` (the stage rules that say who is lost)."""
    lang, t = ctx.lang, ctx.t
    st.markdown(t("complaints.intro"))
    if not a.available.has("events"):
        st.info(t("complaints.no_events"))
        return
    c1, c2, c3 = st.columns([3, 2, 2])
    kinds = c1.segmented_control(t("complaints.kinds"), COMPLAINT_KINDS, required=True, key="risk_cmp_kinds",
                                 on_change=ui.url_state("risk_cmp_kinds", "complaint", options=COMPLAINT_KINDS),
                                 help=t("complaints.kinds.help"), format_func=lambda k: t(f"complaints.kinds.{k}"))
    segments = ("", *load.segments(ctx.key))   # "": all (no segment has an empty name)
    segment = c2.selectbox(t("complaints.segment"), segments, key="risk_cmp_seg", help=t("complaints.segment.help"),
                           on_change=ui.url_state("risk_cmp_seg", "", options=segments),
                           format_func=lambda x: x or t("complaints.segment.all"))
    fast = c3.number_input(t("complaints.fast_days"), 0, 90, step=1, key="risk_cmp_fast", help=t("complaints.fast_days.help"),
                           on_change=ui.url_state("risk_cmp_fast", 7, valid=lambda d: 0 <= d <= 90))
    choice = complaints.Handling(kinds or "complaint", int(fast if fast is not None else 7), segment or None)
    with st.spinner(t("msg.loading")):
        res = load.complaint_handling(ctx.key, ctx.as_of, settings.rules, choice)
    empty = load.complaint_empty(res, choice, lang)
    if empty:
        st.info(empty)
        return
    for col, (label, value, hover) in zip(ui.metric_row(5), load.complaint_metrics(res, choice, lang)):
        col.metric(label, value, help=hover, border=True)
    verdict = load.complaint_verdict(res, lang)
    st.markdown(verdict)
    chart, groups, pairs = load.complaint_tables(res, lang)
    ui.altair_chart(chart, width="stretch", title=t("risk.tab.complaints"), caption=verdict)
    ui.table(groups, key="risk_cmp_groups", lang=lang, stem=f"complaint-handling-{ctx.dataset}",
             column_config={t("complaints.col.rate"): st.column_config.TextColumn(help=t("complaints.col.rate.help"))})
    st.caption(load.complaint_definition(res, choice, lang))
    st.markdown(load.complaint_test(res, lang))
    st.markdown(f"**{t('complaints.pairs')}**")
    ui.table(pairs, key="risk_cmp_pairs", lang=lang, stem=f"complaint-handling-tests-{ctx.dataset}")
    st.caption(t("complaints.pairs.caption") + " " + t("complaints.caveat"))
