"""Customer win-back (Kundenrückgewinnung) in five steps: identify lost and sleeping customers, analyse
why they left, measure the win-back measures, control their success against control groups, and
follow the second loyalty of those who came back; plus the after-sales view. Only the open tab is
computed; the plain-words summary on top needs the losses and the contacts only."""
import numpy as np
import pandas as pd
import streamlit as st

from lib import metrics, recovery, stats, ui
from lib.charts import recovery as charts
from lib.i18n import LANGS, STRINGS, fmt_date, fmt_int, fmt_money, fmt_num, fmt_p, fmt_pct
from lib.i18n import t as text
from lib.loaders import recovery as load
from pages.sections import recovery_notices as notices_section
from pages.sections import recovery_whatif as whatif_section

ctx = ui.context()
lang = ctx.lang
t = ctx.t
DATE_FORMAT = "DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD"
AXIS_DATE = "%m.%Y" if lang == "de" else "%b %Y"


def pct(x, digits: int = 1) -> str:
    return fmt_pct(x, lang, digits)


def pp(x) -> str:
    """Percentage points with a sign: +12.1 pp / +12,1 Pp."""
    if x is None or not np.isfinite(x):
        return t("kpi.na")
    return t("recovery.pp", value=("+" if x > 0 else "") + fmt_num(100 * x, lang, 1))


def interval(lo, hi, fmt=pct) -> str:
    return t("recovery.interval", lo=fmt(lo), hi=fmt(hi))


def p_text(p) -> str:
    """A p-value after “p”: “= 0.0229” or “< 0.0001”."""
    text = fmt_p(p, lang)
    return text if text.startswith("<") or text == t("kpi.na") else "= " + text


def label(prefix: str, key) -> str:
    """The translation of ``prefix.key`` where there is one, else the value itself (reasons and
    measures of imported data are the company's own words)."""
    if key is None or (isinstance(key, float) and np.isnan(key)) or key == "":
        return t("recovery.unknown")
    full = f"recovery.{prefix}.{key}"
    return t(full) if full in STRINGS else str(key)


BASES = ("revenue", "clv")
PARETO = ("customers", "revenue")
BREAKDOWN = ("segment", "stage_before", "value_group")
VIEWS = ("campaign", "measure")
STAGE_ORDER = ("new", "growing", "mature", "declining", "sleeping", "lost", "won_back")


def reason_label(key) -> str:
    return label("reason", key)


def measure_label(key) -> str:
    return label("measure", key)


def group_label(key) -> str:
    return label("group", key)


# --- data every tab and the summary need -------------------------------------------------------------
with st.spinner(t("msg.loading")):
    avail = load.available(ctx.key)
    load.base(ctx.key, ctx.as_of)  # the losses every tab and the summary build on
    contacts = load.contacts(ctx.key, ctx.as_of) if avail.winback else None

st.title(t("recovery.title"))
st.markdown(t("recovery.intro"))

# --- settings shared by the summary and the tabs (in the URL) -----------------------------------------
default_start, default_end = recovery.default_period(ctx.as_of, ctx.first_date)
c1, c2, c3, c4 = ui.settings_box(ctx, t("present.settings")).columns([1, 1, 3, 1])
start = c1.date_input(t("recovery.from"), min_value=ctx.first_date, max_value=ctx.as_of, key="rec_from",
                      on_change=ui.url_state("rec_from", default_start, bounds=(ctx.first_date, ctx.as_of)),
                      format=DATE_FORMAT, help=t("recovery.period.help"))
end = c2.date_input(t("recovery.to"), min_value=ctx.first_date, max_value=ctx.as_of, key="rec_to",
                    on_change=ui.url_state("rec_to", default_end, bounds=(ctx.first_date, ctx.as_of)),
                    format=DATE_FORMAT, help=t("recovery.period.help"))
campaign_names = sorted(contacts["campaign"].dropna().unique().tolist()) if contacts is not None else []
keep_campaigns = ui.url_state("rec_camp", [], options=campaign_names, multi=True)
if any(c not in campaign_names for c in st.session_state["rec_camp"]):
    # campaigns after an as-of date moved back: the list drops them, and so does the URL
    st.session_state["rec_camp"] = [c for c in st.session_state["rec_camp"] if c in campaign_names]
    keep_campaigns()
campaigns = tuple(c3.multiselect(t("recovery.campaigns"), campaign_names, key="rec_camp", on_change=keep_campaigns,
                                 placeholder=t("recovery.campaigns.all"), help=t("recovery.campaigns.help"),
                                 disabled=not campaign_names))
n_days = int(c4.number_input(t("recovery.n_days"), 7, 365, step=1, key="rec_n",
                             on_change=ui.url_state("rec_n", recovery.DEFAULT_N, valid=lambda n: 7 <= n <= 365),
                             help=t("recovery.n_days.help")))
if start is None or end is None or start > end:
    st.warning(t("recovery.bad_period", start=fmt_date(default_start, lang), end=fmt_date(default_end, lang)))
    start, end = default_start, default_end
period = t("recovery.period", start=fmt_date(start, lang), end=fmt_date(end, lang))

# The contacts of the period and campaigns, judged with the window of n_days (None without a win-back table).
chosen = load.chosen(ctx.key, ctx.as_of, n_days, start, end, campaigns) if contacts is not None else None


# --- the plain-words summary ------------------------------------------------------------------------------
def reading_text(reading: str, by: str, tested: int, significant: int) -> str:
    """The sentence that says how the pooled test and the Holm-corrected rows of ``by``
    (campaign or measure) read together (:func:`lib.recovery.reading`)."""
    return t(f"recovery.reading.{reading}", items=t(f"recovery.items.{by}"), tested=fmt_int(tested, lang),
             significant=fmt_int(significant, lang))


def summary_text() -> str:
    """Up to three paragraphs: the losses and contacts; the effect, its test and how it reads beside
    the campaigns' own tests; the money."""
    s = load.summary(ctx.key, ctx.as_of, n_days, start, end, campaigns)
    paras = [[]]
    parts = paras[0]
    if s.lost:
        parts.append(t("recovery.sum.lost" if avail.churn else "recovery.sum.lost_inactive", period=period,
                       lost=fmt_int(s.lost, lang), cancelled=fmt_int(s.cancellations, lang),
                       revenue=fmt_money(s.lost_revenue, lang)))
    else:
        parts.append(t("recovery.sum.none_lost", period=period))
    e = s.effect
    if contacts is None:
        parts.append(t("recovery.sum.no_winback"))
    elif e is None:
        parts.append(t("recovery.sum.no_contacts", campaigns=t("recovery.sum.these_campaigns") if campaigns else ""))
    else:
        parts.append(t("recovery.sum.contacted", contacted=fmt_int(s.contacted, lang)))
        if e.treated.n == 0:
            parts.append(t("recovery.sum.pending", n=n_days))
        elif (pool := s.pooled) is not None:
            paras.append([t("recovery.sum.effect" if pool.strata > 1 else "recovery.sum.effect_one", n=n_days,
                            mature=fmt_int(pool.treated.n + pool.control.n, lang),
                            campaigns=fmt_int(pool.strata, lang), rate_t=pct(pool.treated.p, 0),
                            rate_c=pct(pool.control.p, 0), uplift=pp(pool.uplift),
                            evidence=t(f"recovery.evidence.{stats.evidence(pool.p_value)}"), p=p_text(pool.p_value))])
            if pool.left_out:
                paras[-1].append(t("recovery.sum.left_out", left_out=fmt_int(pool.left_out, lang), n=n_days))
            if s.reading and s.tested > 1:
                paras[-1].append(reading_text(s.reading, "campaign", s.tested, s.significant))
            paras.append([t("recovery.sum.money", revenue=fmt_money(e.revenue, lang), cost=fmt_money(e.cost, lang),
                            incremental=fmt_money(pool.incremental_revenue, lang),
                            roi=pct(pool.roi, 0) if np.isfinite(pool.roi) else t("kpi.na"))])
        else:
            key = "recovery.sum.control_open" if e.control_contacts else "recovery.sum.no_control"
            paras.append([t(key, n=n_days, mature=fmt_int(e.treated.n, lang), rate_t=pct(e.treated.p, 0),
                            revenue=fmt_money(e.revenue, lang), cost=fmt_money(e.cost, lang))])
        if e.pending and e.treated.n:
            paras[-1].append(t("recovery.sum.open", pending=fmt_int(e.pending, lang), n=n_days))
    return "\n\n".join(" ".join(p) for p in paras if p)


st.info(summary_text(), icon=":material/summarize:")
with st.expander(t("recovery.definitions")):
    st.markdown(t("recovery.definitions.text", n=n_days))


def missing(table: str) -> None:
    st.info(t(f"recovery.missing.{table}"))


# --- step 1: identify -----------------------------------------------------------------------------------
def identify_tab():
    st.caption(t("recovery.identify.caption"))
    counts = load.stock_counts(ctx.key, ctx.as_of)
    m = ui.metric_row(5)
    m[0].metric(t("recovery.identify.lost"), fmt_int(counts["lost"], lang), help=t("recovery.identify.lost.help"),
                border=True)
    for col, kind in zip(m[1:4], recovery.KINDS):
        col.metric(t(f"recovery.kind.{kind}"), fmt_int(counts[kind], lang), help=t(f"recovery.kind.{kind}.help"),
                   border=True)
    m[4].metric(t("recovery.identify.sleeping"), fmt_int(counts["sleeping"], lang),
                help=t("recovery.identify.sleeping.help"), border=True)
    v = ui.metric_row(3)
    v[0].metric(t("recovery.identify.former_lost"), fmt_money(counts["former_lost"], lang),
                help=t("recovery.identify.former.help"), border=True)
    v[1].metric(t("recovery.identify.former_sleeping"), fmt_money(counts["former_sleeping"], lang),
                help=t("recovery.identify.former.help"), border=True)
    clv_slot = v[2].empty()

    monthly = load.monthly_losses(ctx.key, ctx.as_of, start, end)
    st.markdown(f"**{t('recovery.identify.monthly', period=period)}**")
    if monthly.empty:
        st.info(t("recovery.identify.no_losses"))
    else:
        monthly = monthly.copy()
        order = [t(f"recovery.kind.{k}") for k in recovery.KINDS]
        monthly["kind"] = monthly["kind"].map(lambda k: t(f"recovery.kind.{k}"))
        ui.altair_chart(charts.losses_by_month(monthly, month=t("recovery.month"), customers=t("recovery.customers"),
                                               kind=t("recovery.kind"), order=order, date_format=AXIS_DATE),
                        width="stretch", title=t("recovery.identify.monthly", period=period),
                        caption=t("recovery.identify.monthly.caption"))
        st.caption(t("recovery.identify.monthly.caption"))

    st.subheader(t("recovery.candidates"))
    a, b = st.columns([2, 3])
    basis = a.segmented_control(t("recovery.basis"), BASES, required=True, key="rec_value",
                                on_change=ui.url_state("rec_value", "revenue", options=BASES),
                                format_func=lambda k: t(f"recovery.basis.{k}"), help=t("recovery.basis.help"))
    # (an empty choice never reaches the URL: a link without any known group is a bad one)
    groups = tuple(b.multiselect(t("recovery.groups"), list(recovery.GROUPS), format_func=group_label,
                                 key="rec_groups",
                                 on_change=ui.url_state("rec_groups", list(recovery.GROUPS), options=recovery.GROUPS,
                                                        multi=True, valid=lambda chosen: len(chosen) > 0)))
    c, d = st.columns([3, 2], vertical_alignment="bottom")
    value_basis = c.segmented_control(
        t("recovery.value_basis"), metrics.VALUE_BASES, required=True, key="rec_value_basis",
        on_change=ui.url_state("rec_value_basis", metrics.DEFAULT_VALUE_BASIS, options=metrics.VALUE_BASES),
        format_func=lambda k: t(f"recovery.value_basis.{k}"),
        help=t("recovery.value_basis.help")) or metrics.DEFAULT_VALUE_BASIS
    only_high = d.toggle(t("recovery.only_high"), key="rec_high", on_change=ui.url_state("rec_high", False),
                         help=t("recovery.only_high.help"))
    with st.spinner(t("recovery.clv.fitting")):
        model = load.clv_model(ctx.key, ctx.as_of)
        cands = load.candidates_valued(ctx.key, ctx.as_of, basis == "clv", value_basis)
    if model.error:
        st.warning(t("recovery.clv.fallback", error=model.error))
    if basis == "clv":
        clv_slot.metric(t("recovery.identify.clv_lost"),
                        fmt_money(float(cands.loc[cands["stage"] == "lost", "clv_at_loss"].sum()), lang),
                        help=t("recovery.identify.clv.help"), border=True)
    else:
        clv_slot.metric(t("recovery.identify.clv_lost"), "—", help=t("recovery.identify.clv.off"), border=True)
    shown = cands[cands["group"].isin(groups)] if groups else cands.iloc[:0]
    if only_high:
        shown = shown[shown["value_group"] == "high"]
    if cands["p_return"].isna().all():
        st.caption(t("recovery.candidates.no_history"))
    st.caption(t("recovery.candidates.caption", shown=fmt_int(min(200, len(shown)), lang),
                 total=fmt_int(len(shown), lang)))
    top = ui.masked(ui.ordered(shown, ["priority"], [False], head=200))   # ties by pseudonym when anonymised
    table = pd.DataFrame({
        t("recovery.col.customer"): top["customer_id"],
        t("recovery.col.group"): top["group"].map(group_label),
        t("recovery.col.reason"): [reason_label(r) if g != "sleeping" else ""
                                   for r, g in zip(top["reason_key"], top["group"])],
        t("recovery.col.last_purchase"): top["last_purchase"].dt.date,
        t("recovery.col.idle_days"): top["idle_days"],
        t("recovery.col.former"): top["revenue_before"].round(0),
        **({t("recovery.col.clv"): top["clv_at_loss"].round(0)} if basis == "clv" else {}),
        t("recovery.col.p_return"): (100 * top["p_return"]).round(1),
        t("recovery.col.priority"): top["priority"].round(0),
        t("recovery.col.value", basis=t(f"recovery.value_basis.{value_basis}")): top["value"].round(0),
        t("recovery.col.value_group"): [t(f"recovery.value_group.{g}") for g in top["value_group"]],
        t("recovery.col.last_contact"): top["last_contact"].dt.date,
        t("recovery.col.segment"): top["segment"].replace("", t("recovery.unknown")),
    })
    def export():
        out = recovery.candidate_export(shown)
        out["value_basis_label"] = t(f"recovery.value_basis.{value_basis}")
        out["value_group_label"] = [t(f"recovery.value_group.{g}") for g in out["value_group"]]
        # every code with its label beside it
        reason = lambda k: group_label(k) if k == "sleeping" else reason_label(k)   # a sleeper has no loss reason
        for code, name in (("group", group_label), ("reason", reason), ("last_measure", measure_label)):
            if code in out:
                out.insert(out.columns.get_loc(code) + 1, f"{code}_label",
                           [name(k) if isinstance(k, str) and k else "" for k in out[code]])
        return out

    ui.table(table, key="rec_candidates", lang=lang, stem=f"winback-candidates-{ctx.dataset}-{ctx.as_of}",
             export=export, rows=len(shown), order=(["priority"], [False]), formats={
                 t("recovery.col.last_purchase"): "date", t("recovery.col.last_contact"): "date",
                 t("recovery.col.idle_days"): "int", t("recovery.col.former"): "amount", t("recovery.col.clv"): "amount",
                 t("recovery.col.p_return"): "points", t("recovery.col.priority"): "num:0",
                 t("recovery.col.value", basis=t(f"recovery.value_basis.{value_basis}")): "amount"}, column_config={
        t("recovery.col.reason"): st.column_config.TextColumn(width="medium"),
        t("recovery.col.p_return"): st.column_config.NumberColumn(help=t("recovery.col.p_return.help")),
        t("recovery.col.priority"): st.column_config.NumberColumn(help=t("recovery.col.priority.help")),
        t("recovery.col.former"): st.column_config.NumberColumn(help=t("recovery.identify.former.help")),
        t("recovery.col.value", basis=t(f"recovery.value_basis.{value_basis}")):
            st.column_config.NumberColumn(help=t("recovery.value_basis.help")),
    })



# --- cancellation notices (between steps 1 and 2): its own module, pages/sections/recovery_notices.py ---
def notices_tab():
    notices_section.draw(ctx, avail, start, end, period)

# --- step 2: causes -----------------------------------------------------------------------------------
def causes_tab():
    st.caption(t("recovery.causes.caption", period=period))
    lost = load.losses_in(ctx.key, ctx.as_of, start, end)
    if lost.empty:
        st.info(t("recovery.identify.no_losses"))
        return
    par = recovery.pareto(lost, "customers")
    if not avail.churn:
        missing("churn")  # no reasons to rank or break down: only the signals below say something
    else:
        a, b = st.columns([2, 3])
        measure = a.segmented_control(t("recovery.pareto.by"), PARETO, required=True, key="rec_pareto",
                                      on_change=ui.url_state("rec_pareto", "customers", options=PARETO),
                                      format_func=lambda k: t(f"recovery.pareto.{k}"))
        par = recovery.pareto(lost, measure or "customers")
        par["label"] = par["reason"].map(reason_label)
        par["order"] = range(len(par))
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{t('recovery.pareto.title')}**")
            ui.altair_chart(charts.pareto(par, reason=t("recovery.reason"), value=t(f"recovery.pareto.{measure}"),
                                          cumulative=t("recovery.pareto.cumulative"), money=measure == "revenue"),
                            width="stretch", title=t("recovery.pareto.title"))
        with right:
            ui.table(pd.DataFrame({
                t("recovery.reason"): par["label"], t("recovery.customers"): par["customers"],
                t("recovery.pareto.revenue"): par["revenue"].round(0),
                t("recovery.pareto.share"): par["share"],
                t("recovery.pareto.cumulative"): par["cumulative"],
            }), key="rec_pareto", lang=lang, stem=f"loss-reasons-{ctx.dataset}", formats={
                t("recovery.pareto.revenue"): "amount", t("recovery.pareto.share"): "pct",
                t("recovery.pareto.cumulative"): "pct"})
            st.caption(t("recovery.pareto.caption"))

    with st.spinner(t("msg.loading")):
        load.loss_details(ctx.key, ctx.as_of, start, end)  # the slow part, under the spinner
    if avail.churn:
        st.subheader(t("recovery.breakdown"))
        by = b.segmented_control(t("recovery.breakdown.by"), BREAKDOWN, required=True, key="rec_by",
                                 on_change=ui.url_state("rec_by", "segment", options=BREAKDOWN),
                                 format_func=lambda k: t(f"recovery.breakdown.{k}"))
        bd = load.breakdown(ctx.key, ctx.as_of, start, end, by or "segment").copy()
        rows = None
        if by == "stage_before":
            bd["row"] = bd["by"].map(lambda s: label("stage", s))
            rows = [label("stage", s) for s in STAGE_ORDER]
        elif by == "value_group":
            bd["row"] = bd["by"].map(lambda g: t(f"recovery.value_group.{g}"))
        else:
            bd["row"] = bd["by"].map(lambda s: s or t("recovery.unknown"))
        bd["col"] = bd["reason"].map(reason_label)
        ui.altair_chart(charts.share_heatmap(bd.rename(columns={"row_share": "share", "customers": "count"}),
                                             row=t(f"recovery.breakdown.{by}"), col=t("recovery.reason"),
                                             share=t("recovery.breakdown.share"), count=t("recovery.customers"),
                                             rows=rows, cols=[reason_label(r) for r in par["reason"]]), width="stretch",
                        title=t("recovery.breakdown"), caption=t(f"recovery.breakdown.{by}.caption"))
        st.caption(t(f"recovery.breakdown.{by}.caption"))

    st.subheader(t("recovery.signals"))
    if not avail.events and not avail.invoices:
        st.caption(t("recovery.signals.no_events_invoices"))
    elif not avail.events:
        st.caption(t("recovery.signals.no_events"))
    elif not avail.invoices:
        st.caption(t("recovery.signals.no_invoices"))
    shown = [s for s in recovery.SIGNALS if (avail.events or s not in recovery.EVENT_SIGNALS)
             and (avail.invoices or s != "late_payment")]
    sig = load.signal_table(ctx.key, ctx.as_of, start, end).copy()
    sig = sig[sig["signal"].isin(shown)]
    reasons = ["all"] + (list(par["reason"]) if avail.churn else []) + ["reference"]
    sig = sig[sig["reason"].isin(reasons)]
    names = {"all": t("recovery.signals.all"), "reference": t("recovery.signals.reference")}
    sig["row"] = sig["reason"].map(lambda r: names.get(r) or reason_label(r))
    sig["col"] = sig["signal"].map(lambda s: t(f"recovery.signal.{s}"))
    ui.altair_chart(charts.share_heatmap(sig.rename(columns={"customers": "count"}), row=t("recovery.reason"),
                                         col=t("recovery.signal"), share=t("recovery.signals.share"),
                                         count=t("recovery.customers"),
                                         rows=[names.get(r) or reason_label(r) for r in reasons],
                                         cols=[t(f"recovery.signal.{s}") for s in shown]), width="stretch",
                    title=t("recovery.signals"), caption=t("recovery.signals.caption", days=recovery.SIGNAL_DAYS))
    st.caption(t("recovery.signals.caption", days=recovery.SIGNAL_DAYS))


# --- step 3: measures ----------------------------------------------------------------------------------
def effect_rows(by: str) -> pd.DataFrame:
    eff = load.effects(ctx.key, ctx.as_of, n_days, start, end, campaigns, by).copy()
    eff["label"] = eff[by].map(measure_label if by == "measure" else str)
    return eff


def measures_tab():
    if contacts is None:
        missing("winback")
        return
    st.caption(t("recovery.measures.caption", n=n_days, period=period))
    if chosen.empty:
        st.info(t("recovery.no_contacts"))
        return
    view = st.segmented_control(t("recovery.view"), VIEWS, required=True, key="rec_view",
                                on_change=ui.url_state("rec_view", "measure", options=VIEWS),
                                format_func=lambda k: t(f"recovery.view.{k}"))
    by = view or "measure"
    eff = effect_rows(by)
    rows = []
    for _, r in eff.iterrows():
        rows.append({
            t(f"recovery.view.{by}"): r["label"],
            t("recovery.col.contacts"): int(r["contacts"]),
            t("recovery.col.pending"): int(r["pending"]),
            t("recovery.col.won"): int(r["k_t"]),
            t("recovery.col.rate"): f"{pct(r['rate_t'])} {interval(r['lo_t'], r['hi_t'])}" if r["n_t"] else t("kpi.na"),
            t("recovery.col.cost"): r["cost"],
            t("recovery.col.cost_per_win"): r["cost_per_win"],
            t("recovery.col.revenue"): r["revenue"],
            t("recovery.col.revenue_per_win"): r["revenue_per_win"],
            t("recovery.col.days"): r["median_days"],
        })
    ui.table(pd.DataFrame(rows), key=f"rec_measures_{by}", lang=lang, stem=f"winback-{by}-{ctx.dataset}",
             formats={t("recovery.col.cost"): "eur", t("recovery.col.cost_per_win"): "eur",
                      t("recovery.col.revenue"): "eur", t("recovery.col.revenue_per_win"): "eur",
                      t("recovery.col.days"): "num:0"})
    st.caption(t("recovery.measures.table.caption", n=n_days))
    bars = pd.concat([
        pd.DataFrame({"label": eff["label"], "group": group_label("treatment"), "rate": eff["rate_t"],
                      "lo": eff["lo_t"], "hi": eff["hi_t"], "n": eff["n_t"]}),
        pd.DataFrame({"label": eff["label"], "group": group_label("control"), "rate": eff["rate_c"],
                      "lo": eff["lo_c"], "hi": eff["hi_c"], "n": eff["n_c"]}),
    ], ignore_index=True).dropna(subset=["rate"])
    st.markdown(f"**{t('recovery.measures.rates')}**")
    ui.altair_chart(charts.rate_bars(bars, label=t(f"recovery.view.{by}"), rate=t("recovery.col.rate"),
                                     group=t("recovery.group"), contacts=t("recovery.col.contacts"),
                                     groups=[group_label("treatment"), group_label("control")]), width="stretch",
                    title=t("recovery.measures.rates"))

    st.subheader(t("recovery.grid"))
    grid = load.reason_measure(ctx.key, ctx.as_of, n_days, start, end, campaigns).copy()
    if grid.empty:
        st.info(t("recovery.no_mature", n=n_days))
        return
    grid["reason"] = grid["reason"].map(reason_label)
    grid["measure"] = grid["measure"].map(measure_label)
    grid["text"] = [f"{pct(r, 0)} ({fmt_int(n, lang)})" if ok else t("recovery.grid.few", n=fmt_int(n, lang))
                    for r, n, ok in zip(grid["rate_t"], grid["n_t"], grid["enough"])]
    grid["ci_text"] = [interval(lo, hi, lambda x: pct(x, 0)) for lo, hi in zip(grid["lo_t"], grid["hi_t"])]
    grid["rate_text"] = [pct(r) for r in grid["rate_t"]]
    grid["control_text"] = [f"{pct(r)} {interval(lo, hi, lambda x: pct(x, 0))}" if n else t("kpi.na")
                            for r, lo, hi, n in zip(grid["rate_c"], grid["lo_c"], grid["hi_c"], grid["n_c"])]
    ui.altair_chart(charts.cell_heatmap(grid, reason=t("recovery.reason"), measure=t("recovery.measure"),
                                        rate=t("recovery.col.rate"), interval=t("recovery.grid.interval"),
                                        contacts=t("recovery.col.contacts"), control=t("recovery.grid.control"),
                                        control_contacts=t("recovery.grid.control_contacts"),
                                        few=t("recovery.grid.few_title")),
                    width="stretch", title=t("recovery.grid"),
                    caption=t("recovery.grid.caption", min=recovery.MIN_CELL, n=n_days))
    st.caption(t("recovery.grid.caption", min=recovery.MIN_CELL, n=n_days))


# --- step 4: success control ------------------------------------------------------------------------------
def success_tab():
    if contacts is None:
        missing("winback")
        return
    st.caption(t("recovery.success.caption", n=n_days, period=period))
    if chosen.empty:
        st.info(t("recovery.no_contacts"))
        return
    if not avail.control:
        st.warning(t("recovery.success.no_control_at_all"))
    pool = load.pooled(ctx.key, ctx.as_of, n_days, start, end, campaigns)
    for by in ("campaign", "measure"):
        st.subheader(t(f"recovery.success.by_{by}"))
        eff = effect_rows(by)
        tested = int(eff["p_holm"].notna().sum())
        if pool is not None:
            read = recovery.reading(pool.p_value, eff["p_holm"])
            lines = [t("recovery.success.pooled" if pool.strata > 1 else "recovery.success.pooled_one",
                       campaigns=fmt_int(pool.strata, lang), uplift=pp(pool.uplift), p=p_text(pool.p_value),
                       evidence=t(f"recovery.evidence.{stats.evidence(pool.p_value)}"))]
            if read and tested > 1:
                lines.append(reading_text(read, by, tested, int((eff["p_holm"] < stats.ALPHA).sum())))
            st.markdown(" ".join(lines), help=t("recovery.success.pooled.help"))
        rows = []
        for _, r in eff.iterrows():
            if not r["has_control"]:
                why = ("recovery.success.open" if r["n_t"] == 0 or r["control_contacts"] else "recovery.success.no_control")
                rows.append({t(f"recovery.view.{by}"): r["label"], t("recovery.col.treated"): t(
                    "recovery.rate_of", rate=pct(r["rate_t"]), n=fmt_int(r["n_t"], lang)) if r["n_t"] else t("kpi.na"),
                    t("recovery.col.control"): t(why, n=n_days),
                    t("recovery.col.uplift"): "—", t("recovery.col.verdict"): "—", t("recovery.col.p_holm"): "—",
                    t("recovery.col.p"): "—",
                    t("recovery.col.incr_wins"): "—", t("recovery.col.incr_revenue"): "—",
                    t("recovery.col.cost"): fmt_money(r["cost"], lang), t("recovery.col.roi"): "—"})
                continue
            rows.append({
                t(f"recovery.view.{by}"): r["label"],
                t("recovery.col.treated"): t("recovery.rate_of", rate=pct(r["rate_t"]), n=fmt_int(r["n_t"], lang)),
                t("recovery.col.control"): t("recovery.rate_of", rate=pct(r["rate_c"]), n=fmt_int(r["n_c"], lang)),
                t("recovery.col.uplift"): f"{pp(r['uplift'])} {interval(r['up_lo'], r['up_hi'], pp)}",
                t("recovery.col.verdict"): t(f"recovery.evidence.{stats.evidence(r['p_holm'])}"),
                t("recovery.col.p_holm"): fmt_p(r["p_holm"], lang),
                t("recovery.col.p"): fmt_p(r["p_value"], lang),
                t("recovery.col.incr_wins"): fmt_num(r["incr_wins"], lang, 1),
                t("recovery.col.incr_revenue"): fmt_money(r["incr_revenue"], lang) + " " + interval(
                    r["incr_lo"], r["incr_hi"], lambda x: fmt_money(x, lang)),
                t("recovery.col.cost"): fmt_money(r["cost"], lang),
                t("recovery.col.roi"): pct(r["roi"], 0) if np.isfinite(r["roi"]) else t("kpi.na"),
            })
        ui.table(pd.DataFrame(rows), key=f"rec_uplift_{by}", lang=lang, stem=f"winback-uplift-{by}-{ctx.dataset}-{ctx.as_of}", column_config={
            t("recovery.col.uplift"): st.column_config.TextColumn(help=t("recovery.col.uplift.help")),
            t("recovery.col.p"): st.column_config.TextColumn(help=t("recovery.col.p.help")),
            t("recovery.col.p_holm"): st.column_config.TextColumn(help=t("recovery.col.p_holm.help",
                                                                         tested=fmt_int(tested, lang))),
            t("recovery.col.verdict"): st.column_config.TextColumn(help=t("recovery.col.verdict.help")),
        })
        forest = eff[eff["has_control"]].rename(columns={"up_lo": "lo", "up_hi": "hi", "n_t": "n"})
        if not forest.empty:
            forest = forest.assign(uplift_text=forest["uplift"].map(pp),
                                   ci_text=[interval(lo, hi, pp) for lo, hi in zip(forest["lo"], forest["hi"])],
                                   p_text=forest["p_value"].map(lambda p: fmt_p(p, lang)),
                                   p_holm_text=forest["p_holm"].map(lambda p: fmt_p(p, lang)))
            ui.altair_chart(charts.uplift_forest(
                forest[["label", "uplift", "lo", "hi", "p_value", "p_holm", "n", "uplift_text", "ci_text", "p_text",
                        "p_holm_text"]],
                label=t(f"recovery.view.{by}"), uplift=t("recovery.col.uplift"), p_value=t("recovery.col.p"),
                p_holm=t("recovery.col.p_holm"), contacts=t("recovery.col.treated"),
                interval=t("recovery.grid.interval")), width="stretch", title=t(f"recovery.success.by_{by}"))
            st.caption(t("recovery.success.forest.caption"))
        if (~eff["has_control"] & (eff["control_contacts"] == 0) & (eff["n_t"] > 0)).any():
            st.caption(t("recovery.success.some_without_control"))

    st.subheader(t("recovery.timing"))
    cum = load.cumulative_wins(ctx.key, ctx.as_of, n_days, start, end, campaigns).copy()
    total = load.effect(ctx.key, ctx.as_of, n_days, start, end, campaigns)
    if cum.empty:
        st.info(t("recovery.no_mature", n=n_days))
    else:
        cum["group"] = cum["grp"].map(group_label)
        left, right = st.columns([3, 2])
        ui.altair_chart(charts.cumulative_wins(cum, day=t("recovery.timing.day"), share=t("recovery.timing.share"),
                                               group=t("recovery.group"),
                                               groups=[group_label("treatment"), group_label("control")]),
                        where=left, width="stretch", title=t("recovery.timing"))
        right.metric(t("recovery.timing.median"), t("recovery.days", n=fmt_num(total.median_days, lang, 0))
                     if np.isfinite(total.median_days) else t("kpi.na"), help=t("recovery.timing.median.help"),
                     border=True)
        right.caption(t("recovery.timing.caption", n=n_days))
    with st.expander(t("recovery.method")):
        st.markdown(t("recovery.method.text"))


# --- step 5: second loyalty ----------------------------------------------------------------------------------
def loyalty_tab():
    st.caption(t("recovery.loyalty.caption"))
    with st.spinner(t("msg.loading")):
        loy = load.loyalty(ctx.key, ctx.as_of)
    if loy.returns.empty:
        st.info(t("recovery.loyalty.none"))
        return
    won, ctrl = recovery.rechurn(loy.returns), recovery.rechurn(loy.matched)
    m = ui.metric_row(4)
    m[0].metric(t("recovery.loyalty.won_back"), fmt_int(loy.third["won_back"], lang),
                help=t("recovery.loyalty.won_back.help"), border=True)
    m[1].metric(t("recovery.loyalty.rechurn"), pct(won.p) if won.n else t("kpi.na"),
                delta=pp(won.p - ctrl.p) if won.n and ctrl.n else None, delta_color="inverse",
                help=t("recovery.loyalty.rechurn.help", won=t("recovery.rate_ci", rate=pct(won.p), lo=pct(won.lo),
                                                             hi=pct(won.hi), n=fmt_int(won.n, lang)),
                       ctrl=t("recovery.rate_ci", rate=pct(ctrl.p), lo=pct(ctrl.lo), hi=pct(ctrl.hi),
                              n=fmt_int(ctrl.n, lang))), border=True)
    change = recovery.value_change(loy.returns)
    m[2].metric(t("recovery.loyalty.kept"), pct(change["share_kept"]) if change["n"] else t("kpi.na"),
                help=t("recovery.loyalty.kept.help"), border=True)
    m[3].metric(t("recovery.loyalty.third"), fmt_int(loy.third["contacted_again"], lang),
                help=t("recovery.loyalty.third.help"), border=True)
    st.markdown(t("recovery.loyalty.third.text", **{k: fmt_int(v, lang) for k, v in loy.third.items()}))

    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('recovery.loyalty.km')}**")
        names = {"won_back": t("recovery.loyalty.won_back_group"), "never_lost": t("recovery.loyalty.never_lost")}
        curves = loy.curves.assign(group=loy.curves["grp"].map(names))
        ui.altair_chart(charts.survival(curves, days=t("recovery.loyalty.days"), share=t("recovery.loyalty.share"),
                                        group=t("recovery.group"), at_risk=t("recovery.loyalty.at_risk"),
                                        groups=[t("recovery.loyalty.won_back_group"), t("recovery.loyalty.never_lost")]),
                        width="stretch", title=t("recovery.loyalty.km"))
        st.caption(t("recovery.loyalty.km.caption", p=p_text(loy.logrank_p), matched=fmt_int(len(loy.matched), lang),
                     ratio=recovery.MATCH_RATIO,
                     evidence=t(f"recovery.evidence.{stats.evidence(loy.logrank_p)}")))
    with right:
        st.markdown(f"**{t('recovery.loyalty.value')}**")
        if change["n"]:
            ba = pd.DataFrame({
                "stat": [t("recovery.loyalty.mean")] * 2 + [t("recovery.loyalty.median")] * 2,
                "when": [t("recovery.loyalty.before"), t("recovery.loyalty.after")] * 2,
                "amount": [change["mean_before"], change["mean_after"], change["median_before"], change["median_after"]],
                "order": [0, 1, 0, 1],
            })
            ui.altair_chart(charts.before_after(ba, label=t("recovery.loyalty.value"), amount=t("recovery.amount")),
                            width="stretch", title=t("recovery.loyalty.value"),
                            caption=t("recovery.loyalty.value.caption", n=fmt_int(change["n"], lang)))
            st.caption(t("recovery.loyalty.value.caption", n=fmt_int(change["n"], lang)))
        else:
            st.info(t("recovery.loyalty.value.none"))


# --- after-sales -----------------------------------------------------------------------------------------
def aftersales_tab():
    st.caption(t("recovery.aftersales.caption"))
    if not avail.surveys:
        missing("surveys")
        return
    with st.spinner(t("msg.loading")):
        cells = load.aftersales(ctx.key, ctx.as_of).copy()
    if cells["n"].sum() == 0:
        st.info(t("recovery.aftersales.none"))
        return
    cells["label"] = [t("recovery.aftersales.cell", sale=t(f"recovery.yes_no.{s}"), after=t(f"recovery.yes_no.{a}"))
                      for s, a in zip(cells["sale_ok"], cells["after_ok"])]
    cells["order"] = range(len(cells))
    ui.altair_chart(charts.aftersales(cells, cell=t("recovery.aftersales.cell_title"), rate=t("recovery.aftersales.rate"),
                                      study=t("recovery.aftersales.study"), customers=t("recovery.customers")),
                    width="stretch", title=t("recovery.tab.aftersales"), caption=t("recovery.aftersales.caption"))
    ui.table(pd.DataFrame({
        t("recovery.aftersales.sale"): [t(f"recovery.yes_no.{s}") for s in cells["sale_ok"]],
        t("recovery.aftersales.after"): [t(f"recovery.yes_no.{a}") for a in cells["after_ok"]],
        t("recovery.customers"): cells["n"],
        t("recovery.aftersales.bought"): cells["k"],
        t("recovery.aftersales.rate"): [f"{pct(r)} {interval(lo, hi)}" if n else t("kpi.na")
                                        for r, lo, hi, n in zip(cells["rate"], cells["lo"], cells["hi"], cells["n"])],
        t("recovery.aftersales.study"): [pct(s, 0) for s in cells["study"]],
    }), key="rec_aftersales", lang=lang, stem=f"repurchase-by-satisfaction-{ctx.dataset}")
    st.caption(t("recovery.aftersales.note"))


# --- what-if: its own module, pages/sections/recovery_whatif.py ------------------------------------------
def whatif_tab():
    effect = load.effect(ctx.key, ctx.as_of, n_days, start, end, campaigns) if contacts is not None else None
    whatif_section.draw(ctx, effect, n_days, has_winback=contacts is not None)


# Only the open tab is computed: a first visit needs the losses and the contacts only.
TABS = {"identify": identify_tab, "notices": notices_tab, "causes": causes_tab, "measures": measures_tab, "success": success_tab,
        "loyalty": loyalty_tab, "aftersales": aftersales_tab, "whatif": whatif_tab}
# Links made before the URL held the tab's id name it by its label (in either language).
old = {text(f"recovery.tab.{k}", lg): k for k in TABS for lg in LANGS}
if st.query_params.get("rec_tab") in old:
    st.query_params["rec_tab"] = old[st.query_params["rec_tab"]]
tabs = ui.tabs("rec_tab", TABS, lambda k: t(f"recovery.tab.{k}"))
for name, container in tabs.items():
    if container.open:
        with container:
            TABS[name]()
