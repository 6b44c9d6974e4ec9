"""The win-back page's cancellation-management step (Kündigungsmanagement), between identifying lost
customers and analysing causes: notices received per month, the save rate overall and by measure,
reason, segment and value group, the time to the outcome, revenue and customer value kept, whether
saved customers stay, and the customers with an open notice. Widgets and layout only; the numbers
come from lib/loaders/recovery.py (lib/recovery/notices.py). pages/recovery.py calls :func:`draw`
for the open tab."""
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from lib import stats, ui
from lib.charts import recovery as charts
from lib.i18n import STRINGS, fmt_int, fmt_money, fmt_num, fmt_p, fmt_pct
from lib.loaders import recovery as load
from lib.recovery import notices as nt

#: What the save rate can be broken down by (ids in the URL).
NOTICE_BY = nt.BY


def draw(ctx: ui.Context, avail, start: date, end: date, period: str) -> None:
    """The step for the sidebar's ``ctx``, what the dataset holds (``avail``) and the page's period
    [start, end] (``period`` says it in words). Everything is drawn by the functions nested here, so
    each run (and each session) has its own language and period."""
    lang = ctx.lang
    t = ctx.t
    AXIS_DATE = "%m.%Y" if lang == "de" else "%b %Y"

    def pct(x, digits: int = 1) -> str:
        return fmt_pct(x, lang, digits)

    def interval(lo, hi) -> str:
        return t("recovery.interval", lo=pct(lo), hi=pct(hi))

    def p_text(p) -> str:
        """A p-value after “p”: “= 0.0229” or “< 0.0001”."""
        text = fmt_p(p, lang)
        return text if text.startswith("<") or text == t("kpi.na") else "= " + text

    def notice_label(by: str, key) -> str:
        """A measure, reason, segment or value group as the reader sees it (own codes as written)."""
        if key == nt.NOT_GIVEN:
            return t("notices.not_given")
        full = {"measure": f"notices.measure.{key}", "value_group": f"notices.value.{key}",
                "reason": f"recovery.reason.{key}"}.get(by, "")
        return t(full) if full in STRINGS else str(key)

    def notices_tab(avail):
        cov = load.notice_coverage(ctx.key, ctx.as_of)
        if not avail.events or cov.notices == 0:
            st.info(t("notices.none"))
            return
        st.caption(t("notices.caption", period=period))
        if cov.with_outcome == 0:
            st.info(t("notices.no_outcomes", n=fmt_int(cov.notices, lang)))
        with st.spinner(t("recovery.clv.fitting")):
            frame = load.notices_in(ctx.key, ctx.as_of, start, end)
        opened = load.open_notices(ctx.key, ctx.as_of)
        overall = load.save_rates(ctx.key, ctx.as_of, start, end)
        timing = load.decision_time(ctx.key, ctx.as_of, start, end)
        m = ui.metric_row(4)
        m[0].metric(t("notices.received"), fmt_int(len(frame), lang), help=t("notices.received.help"), border=True)
        if len(overall):
            r = overall.iloc[0]
            m[1].metric(t("notices.save_rate"), pct(r["rate"]), border=True, help=t(
                "notices.save_rate.help", rate=pct(r["rate"]), lo=pct(r["lo"]), hi=pct(r["hi"]), n=fmt_int(r["decided"], lang)))
            m[2].metric(t("notices.saved"), fmt_int(r["saved"], lang), border=True, help=t(
                "notices.saved.help", averted=fmt_int(r["averted"], lang), withdrawn=fmt_int(r["withdrawn"], lang)))
        else:
            m[1].metric(t("notices.save_rate"), t("kpi.na"), help=t("notices.save_rate.help", rate="—", lo="—", hi="—",
                                                                      n=0), border=True)
            m[2].metric(t("notices.saved"), t("kpi.na"), border=True)
        m[3].metric(t("notices.open_now"), fmt_int(len(opened), lang), help=t("notices.open_now.help"), border=True)
        if frame.empty:
            st.info(t("notices.no_notices_period", period=period))
        else:
            decided = frame[frame["decided"]]
            no_measure = int((decided["measure_key"] == nt.NOT_GIVEN).sum())
            no_reason = int((decided["reason_key"] == nt.NOT_GIVEN).sum())
            if no_measure or no_reason:
                st.caption(t("notices.missing_measure", n=fmt_int(no_measure, lang), m=fmt_int(no_reason, lang),
                             total=fmt_int(len(decided), lang)))
            months = load.notice_months(ctx.key, ctx.as_of, start, end).copy()
            shown = [s for s in nt.STATUSES if s in set(months["status"])]
            months["status"] = months["status"].map(lambda s: t(f"notices.status.{s}"))
            st.markdown(f"**{t('notices.monthly')}**")
            ui.altair_chart(charts.notices_by_month(
                months, month=t("notices.month"), notices=t("notices.count"), status=t("notices.status"),
                order=[t(f"notices.status.{s}") for s in shown], date_format=AXIS_DATE,
                colours=[charts.STATUS_COLOURS[nt.STATUSES.index(s)] for s in shown]), width="stretch",
                title=t("notices.monthly"), caption=t("notices.monthly.caption"))
            st.caption(t("notices.monthly.caption"))
        if len(overall):
            notice_rates(float(overall.iloc[0]["rate"]))
        if len(timing):
            st.subheader(t("notices.timing"))
            ui.table(pd.DataFrame({
                t("notices.col.outcome"): [t(f"notices.status.{s}") for s in timing["status"]],
                t("notices.col.n"): timing["n"],
                t("notices.col.median"): timing["median"],
                t("notices.col.iqr"): [f"{fmt_num(a, lang, 0)} – {fmt_num(b, lang, 0)}"
                                       for a, b in zip(timing["q25"], timing["q75"])],
                t("notices.col.mean"): timing["mean"],
            }), key="rec_notice_timing", lang=lang, stem=f"notice-timing-{ctx.dataset}", formats={t("notices.col.median"): "num:0", t("notices.col.mean"): "num:1"}, column_config={t("notices.col.iqr"): st.column_config.TextColumn(
                help=t("notices.col.iqr.help"))})
            st.caption(t("notices.timing.caption"))
        if cov.decided:
            notice_value()
        notice_open_list(opened)

    def notice_rates(overall: float):
        st.subheader(t("notices.rates"))
        by = st.segmented_control(t("notices.rates"), NOTICE_BY, required=True, key="rec_nby",
                                  on_change=ui.url_state("rec_nby", "measure", options=NOTICE_BY),
                                  format_func=lambda k: t(f"notices.by.{k}"), help=t("notices.by.help"),
                                  label_visibility="collapsed") or "measure"
        rates = load.save_rates(ctx.key, ctx.as_of, start, end, by).copy()
        rates["label"] = [notice_label(by, k) for k in rates["key"]]
        ui.altair_chart(charts.save_rate_bars(rates.rename(columns={"decided": "n"}), label=t(f"notices.by.{by}"),
                                              rate=t("notices.rate_axis"), decided=t("notices.col.decided"),
                                              overall=overall), width="stretch",
                        title=f"{t('notices.rates')}: {t(f'notices.by.{by}')}", caption=t("notices.rates.caption"))
        st.caption(t("notices.rates.caption"))
        ui.table(pd.DataFrame({
            t(f"notices.by.{by}"): rates["label"], t("notices.col.decided"): rates["decided"],
            t("notices.col.saved"): rates["saved"], t("notices.col.averted"): rates["averted"],
            t("notices.col.withdrawn"): rates["withdrawn"],
            t("notices.col.rate"): [f"{pct(r)} {interval(lo, hi)}" for r, lo, hi in zip(rates["rate"], rates["lo"],
                                                                                         rates["hi"])],
        }), key="rec_notice_rates", lang=lang, stem=f"notice-save-rates-{ctx.dataset}", column_config={
            t("notices.col.decided"): st.column_config.NumberColumn(help=t("notices.col.decided.help"), width="small"),
            t("notices.col.saved"): st.column_config.NumberColumn(help=t("notices.col.saved.help"), width="small"),
            t("notices.col.rate"): st.column_config.TextColumn(help=t("notices.col.rate.help"))})

    def notice_value():
        st.subheader(t("notices.kept"))
        kept = load.revenue_kept(ctx.key, ctx.as_of).set_index("group")
        stay = load.notice_staying(ctx.key, ctx.as_of)
        saved_all = load.notices(ctx.key, ctx.as_of)
        saved_all = saved_all[saved_all["saved"]]
        s, lost = kept.loc["saved"], kept.loc["lost"]
        m = ui.metric_row(4)
        if s["notices"] or lost["notices"]:
            m[0].metric(t("notices.kept.revenue"), fmt_money(s["after"], lang), border=True, help=t(
                "notices.kept.revenue.help", n=fmt_int(s["notices"], lang), before=fmt_money(s["before"], lang)))
            m[1].metric(t("notices.kept.ratio"), pct(s["ratio"], 0) if np.isfinite(s["ratio"]) else t("kpi.na"),
                        border=True, help=t("notices.kept.ratio.help",
                                            lost=pct(lost["ratio"], 0) if np.isfinite(lost["ratio"]) else t("kpi.na")))
        else:
            st.info(t("notices.kept.none"))
        m[2].metric(t("notices.kept.clv"), fmt_money(float(saved_all["clv_at_notice"].sum()), lang),
                    help=t("notices.kept.clv.help"), border=True)
        a = stay.again
        m[3].metric(t("notices.again"), pct(a.p) if a.n else t("kpi.na"), border=True, help=t(
            "notices.again.help", n=fmt_int(a.n, lang), lo=pct(a.lo), hi=pct(a.hi), any=fmt_int(stay.again_any, lang),
            saved=fmt_int(stay.saved, lang)))
        left, right = st.columns([3, 2])
        names = {"saved": t("notices.grp.saved"), "lost": t("notices.grp.lost")}
        with left:
            st.markdown(f"**{t('notices.stay.km')}**")
            if stay.curves.empty:
                st.info(t("notices.stay.none"))
            else:
                ui.altair_chart(charts.survival(stay.curves.assign(group=stay.curves["grp"].map(names)),
                                                days=t("notices.stay.days"), share=t("notices.stay.share"),
                                                group=t("recovery.group"), at_risk=t("notices.stay.at_risk"),
                                                groups=[names["saved"], names["lost"]]), width="stretch",
                                title=t("notices.stay.km"))
                st.caption(t("notices.stay.caption", p=p_text(stay.logrank_p),
                             evidence=t(f"recovery.evidence.{stats.evidence(stay.logrank_p)}")))
        with right:
            if s["notices"] and lost["notices"]:
                st.markdown(f"**{t('notices.kept.mean')}**")
                short = {"saved": t("notices.grp.saved"), "lost": t("notices.grp.lost_short")}
                ba = pd.DataFrame({"stat": [short["saved"]] * 2 + [short["lost"]] * 2,
                                   "when": [t("notices.kept.before"), t("notices.kept.after")] * 2,
                                   "amount": [s["mean_before"], s["mean_after"], lost["mean_before"], lost["mean_after"]],
                                   "order": [0, 1, 0, 1]})
                ui.altair_chart(charts.before_after(ba, label=t("notices.kept.when"), amount=t("recovery.amount")),
                                width="stretch", title=t("notices.kept.mean"))
                st.caption(t("notices.kept.caption", saved=fmt_int(s["notices"], lang), lost=fmt_int(lost["notices"], lang)))

    def notice_open_list(opened: pd.DataFrame):
        st.subheader(t("notices.open"))
        if opened.empty:
            st.info(t("notices.open.none"))
            return
        st.caption(t("notices.open.caption", n=fmt_int(len(opened), lang)))
        top = ui.masked(ui.ordered(opened, ["clv"], [False], head=200))   # ties by pseudonym when anonymised
        labels = {
            "measure": [notice_label("measure", k) for k in nt.key_of(top["measure"])],
            "reason": [notice_label("reason", k) for k in nt.key_of(top["reason"])],
            "stage": [t(f"lifecycle.stage.{s}") if isinstance(s, str) else "" for s in top["stage"]],
            "value_group": [notice_label("value_group", g) if isinstance(g, str) else "" for g in top["value_group"]],
        }

        def export() -> pd.DataFrame:
            out = nt.open_export(opened)
            out.insert(out.columns.get_loc("measure") + 1, "measure_label",
                       [notice_label("measure", k) for k in nt.key_of(opened["measure"])])
            out.insert(out.columns.get_loc("reason") + 1, "reason_label",
                       [notice_label("reason", k) for k in nt.key_of(opened["reason"])])
            out.insert(out.columns.get_loc("stage") + 1, "stage_label",
                       [t(f"lifecycle.stage.{s}") if isinstance(s, str) else "" for s in opened["stage"]])
            out.insert(out.columns.get_loc("value_group") + 1, "value_group_label",
                       [notice_label("value_group", g) if isinstance(g, str) else "" for g in opened["value_group"]])
            return out

        ui.table(pd.DataFrame({
            t("notices.col.customer"): top["customer_id"],
            **({} if ctx.anon else {t("notices.col.name"): top["name"].fillna("")}),
            t("notices.col.clv"): top["clv"].round(0), t("notices.col.days_left"): top["days_left"],
            t("notices.col.effective"): top["effective_date"].dt.date,
            t("notices.col.measure"): labels["measure"], t("notices.col.reason"): labels["reason"],
            t("notices.col.stage"): labels["stage"], t("notices.col.value_group"): labels["value_group"],
            t("notices.col.notice_date"): top["notice_date"].dt.date,
            t("notices.col.p_alive"): (100 * top["p_alive"]).round(1),
        }), key="rec_open_notices", lang=lang, stem=f"open-notices-{ctx.dataset}-{ctx.as_of}",
            export=export, rows=len(opened), order=(["clv"], [False]), formats={
                t("notices.col.clv"): "amount", t("notices.col.days_left"): "int", t("notices.col.effective"): "date",
                t("notices.col.notice_date"): "date", t("notices.col.p_alive"): "points"}, column_config={
            t("notices.col.customer"): st.column_config.TextColumn(width="medium" if ctx.anon else "small"),
            t("notices.col.notice_date"): st.column_config.DateColumn(width="small"),
            t("notices.col.effective"): st.column_config.DateColumn(width="small"),
            t("notices.col.stage"): st.column_config.TextColumn(width="small"),
            t("notices.col.days_left"): st.column_config.NumberColumn(help=t("notices.col.days_left.help"),
                                                                      width="small"),
            t("notices.col.clv"): st.column_config.NumberColumn(help=t("notices.col.clv.help")),
            t("notices.col.p_alive"): st.column_config.NumberColumn(help=t("notices.col.p_alive.help")),
        })

    notices_tab(avail)
