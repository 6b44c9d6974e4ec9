"""Overview: the headline numbers of the dataset at the as-of date and what data it holds."""
import streamlit as st

from lib import charts, ui
from lib.loaders import overview as load
from lib.i18n import fmt_date, fmt_int, fmt_money, fmt_pct, md_text, source_label
from lib.overview import ENABLES

ctx = ui.context()
lang = ctx.lang

st.title(ctx.t("overview.title"))
st.markdown(ctx.t("overview.intro", dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang)))

with st.spinner(ctx.t("msg.loading")):
    now, before = load.kpis(ctx.key, ctx.as_of)
    monthly = load.monthly_activity(ctx.key, ctx.as_of)
    coverage = load.coverage(ctx.key)


def delta(current, previous, fmt):
    """The change against a year earlier, or None when there was nothing a year earlier."""
    if previous is None or current is None or before.customers == 0:
        return None
    return fmt(current - previous)


cols = ui.metric_row(5)
cols[0].metric(ctx.t("kpi.customers"), fmt_int(now.customers, lang),
               delta(now.customers, before.customers, lambda d: f"{d:+,}".replace(",", "." if lang == "de" else ",")),
               help=ctx.t("kpi.customers.help"), border=True)
cols[1].metric(ctx.t("kpi.active"), fmt_int(now.active_customers, lang),
               delta(now.active_customers, before.active_customers,
                     lambda d: f"{d:+,}".replace(",", "." if lang == "de" else ",")),
               help=ctx.t("kpi.active.help"), border=True)
cols[2].metric(ctx.t("kpi.revenue"), fmt_money(now.revenue_12m, lang, currency=""),
               delta(now.revenue_12m, before.revenue_12m, lambda d: ("+" if d >= 0 else "") + fmt_money(d, lang, currency="")),
               help=ctx.t("kpi.revenue.help"), border=True)
cols[3].metric(ctx.t("kpi.churn"), fmt_pct(now.churn_rate, lang),
               delta(now.churn_rate, before.churn_rate,
                     lambda d: ("+" if d >= 0 else "") + fmt_pct(d, lang).replace("%", " pp").replace("  ", " ")),
               delta_color="inverse", help=ctx.t("kpi.churn.help", base=fmt_int(now.churn_base, lang)), border=True)
cols[4].metric(ctx.t("kpi.won_back"), fmt_int(now.won_back, lang),
               delta(now.won_back, before.won_back, lambda d: f"{d:+,}".replace(",", "." if lang == "de" else ",")),
               help=ctx.t("kpi.won_back.help"), border=True)

st.subheader(ctx.t("overview.activity"))
st.caption(ctx.t("overview.activity.caption"))
ui.altair_chart(
    charts.monthly_activity(monthly, month=ctx.t("chart.month"), revenue=ctx.t("chart.revenue"),
                            buyers=ctx.t("chart.buyers")),
    width="stretch", title=ctx.t("overview.activity"), caption=ctx.t("overview.activity.caption"),
)

st.subheader(ctx.t("overview.coverage"))
st.caption(ctx.t("overview.coverage.caption"))
table = coverage.assign(
    table=coverage["table"].map(lambda n: ctx.t(f"table.{n}")),
    present=coverage["present"].map(lambda p: ctx.t("yes") if p else ctx.t("no")),
    enables=[ctx.t(ENABLES[n]) for n in coverage["table"]],
)[["table", "present", "rows", "customers", "first_date", "last_date", "enables"]]
ui.table(
    table, key="ov_coverage", lang=lang, stem=f"coverage-{ctx.dataset}", static=True,
    formats={"rows": "int", "customers": "int", "first_date": "date", "last_date": "date"},
    column_config={
        "table": ctx.t("coverage.table"), "present": ctx.t("coverage.present"),
        "rows": st.column_config.NumberColumn(ctx.t("coverage.rows")),
        "customers": st.column_config.NumberColumn(ctx.t("coverage.customers")),
        "first_date": ctx.t("coverage.first"), "last_date": ctx.t("coverage.last"),
        "enables": st.column_config.TextColumn(ctx.t("coverage.enables"), width="large"),
    },
)
st.caption(ctx.t("overview.source", source=md_text(source_label(ctx.source, lang)),
                 created=f"{fmt_date(ctx.created_at.date(), lang)} {ctx.created_at:%H:%M}"))
