"""Customer value (Kundenwert): historic value, ABC, RFM, predicted CLV, model check, and the
high- vs low-value split with its treatment plan. Only the open tab is computed."""
from datetime import timedelta

import numpy as np
import pandas as pd
import streamlit as st

from lib import stats, ui, value
from lib.charts import value as charts
from lib.i18n import LANGS, fmt_amount, fmt_date, fmt_int, fmt_num, fmt_p, fmt_pct, md_text, t as translate
from lib.loaders import value as load

ctx = ui.context()
lang = ctx.lang
t = ctx.t

with st.spinner(t("msg.loading")):
    values = load.customer_values(ctx.key, ctx.as_of)

st.title(t("value.title"))
if values.empty:
    st.info(t("value.no_customers"))
    st.stop()
st.markdown(t("value.intro", dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang),
              customers=fmt_int(len(values), lang)))


MODEL_NAMES = {"BGNBDFit": "BG/NBD", "ParetoNBDFit": "Pareto/NBD", "GammaGammaFit": "Gamma-Gamma"}


def seg_label(s):
    return t(f"rfm.{s}")


def bound(key, default):
    """A setting whose widget may not be drawn in this run (its tab is closed): the widget's
    state if it has one, else the URL (which its ``ui.url_state`` callback keeps), else the default."""
    return st.session_state.get(key) or st.query_params.get(key) or default


def parse_cuts(text, dimension, default, warn):
    """Four ascending numbers from the text field, or the quintiles (with a warning)."""
    if not text or not text.strip():
        return default
    try:
        numbers = tuple(float(p.strip().replace(",", ".")) for p in text.split(";"))
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or any(b < a for a, b in zip(numbers, numbers[1:])):
        if warn:
            st.warning(t("value.rfm.bad_cuts", value=text, dimension=dimension))
        return default
    return numbers


quintiles = load.default_cuts(ctx.key, ctx.as_of)


def rfm_cuts(warn=False):
    return value.RfmCuts(
        parse_cuts(bound("val_cut_r", ""), t("value.rfm.recency"), quintiles.recency, warn),
        parse_cuts(bound("val_cut_f", ""), t("value.rfm.frequency"), quintiles.frequency, warn),
        parse_cuts(bound("val_cut_m", ""), t("value.rfm.monetary"), quintiles.monetary, warn))


MODELS = ["bgnbd", "pareto_nbd"]
BASES = ["revenue_12m", "revenue_all"]
SPLITS = ["clv_top", "abc", "rfm"]

# --- CLV settings: above the tabs, because the CLV and the split tabs both use them -----------------
with st.expander(t("value.clv.settings")):
    c1, c2, c3 = st.columns(3)
    horizon = c1.number_input(t("value.clv.horizon"), 1, 120, key="val_h",
                              on_change=ui.url_state("val_h", 12, valid=lambda h: 1 <= h <= 120))
    discount = c2.number_input(t("value.clv.discount"), 0.0, 50.0, step=1.0, key="val_dr",
                               on_change=ui.url_state("val_dr", 10.0, valid=lambda d: 0 <= d <= 50))
    model_name = c3.segmented_control(t("value.clv.model"), MODELS, required=True, key="val_model",
                                      format_func=lambda m: t(f"value.clv.model.{m}"),
                                      on_change=ui.url_state("val_model", "bgnbd", options=MODELS))
settings = value.ClvSettings(int(horizon), float(discount) / 100, model_name or "bgnbd")


def with_clv(cuts):
    """Customer values with predicted CLV, RFM segment and ABC class; the CLV models (all three:
    the tab shows their parameters) are fitted once per dataset and as-of date, everything is
    cached."""
    with st.spinner(t("value.clv.fitting")):
        model = load.clv_models(ctx.key, ctx.as_of)
        predictions = load.clv_predictions(ctx.key, ctx.as_of, settings)
        frame = load.with_clv(ctx.key, ctx.as_of, settings, cuts)
    return frame, model, predictions


# --- historic value and ABC -------------------------------------------------------------------------
def history_tab():
    c1, c2 = st.columns([2, 1])
    basis = c1.segmented_control(t("value.basis"), BASES, required=True, key="val_basis",
                                 format_func=lambda b: t(f"value.basis.{b}"), help=t("value.basis.help"),
                                 on_change=ui.url_state("val_basis", "revenue_12m", options=BASES))
    top_pct = c2.slider(t("value.top_pct"), 1, 50, format="%d %%", key="val_top",
                        on_change=ui.url_state("val_top", 20, valid=lambda p: 1 <= p <= 50))
    basis = basis or "revenue_12m"
    conc = load.concentration(ctx.key, ctx.as_of, basis)
    st.subheader(t("value.top_sentence", pct=fmt_pct(top_pct / 100, lang, 0),
                   share=fmt_pct(conc.top_share(top_pct / 100), lang)))
    m1, m2, m3 = ui.metric_row(3)
    m1.metric(t("value.total"), fmt_amount(conc.total, lang), border=True)
    m2.metric(t("value.median"), fmt_amount(conc.median, lang), border=True)
    m3.metric(t("value.gini"), fmt_num(conc.gini, lang, 2), help=t("value.gini.help"), border=True)

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('value.lorenz')}**")
        ui.altair_chart(charts.lorenz(conc.lorenz, customer_share=t("value.customer_share"),
                                      revenue_share=t("value.revenue_share"), equality=t("value.equality"),
                                      marker=top_pct / 100), width="stretch",
                        title=t("value.lorenz"), caption=t("value.lorenz.caption"))
        st.caption(t("value.lorenz.caption"))
    with right:
        st.markdown(f"**{t('value.abc')}**")
        abc = conc.abc
        ui.table(pd.DataFrame({
            t("value.class"): abc["abc"],
            t("value.customers"): abc["size"],
            t("value.customers_pct"): abc["size"] / len(values),
            t("value.revenue"): abc["sum"],
            t("value.revenue_pct"): abc["sum"] / (abc["sum"].clip(lower=0).sum() or 1),
            t("value.avg_revenue"): [s / n if n else None for s, n in zip(abc["sum"], abc["size"])],
        }), key="val_abc", lang=lang, stem=f"abc-{ctx.dataset}-{ctx.as_of}", static=True, formats={
            t("value.customers_pct"): "pct", t("value.revenue"): "amount", t("value.revenue_pct"): "pct",
            t("value.avg_revenue"): "amount"})
        st.caption(t("value.abc.caption"))
        st.markdown(f"**{t('value.distribution')}**")
        bands = load.value_bands(ctx.key, ctx.as_of, basis, lang)
        ui.altair_chart(charts.bands(bands, band=t("value.band"), customers=t("value.customers")), width="stretch",
                        title=t("value.distribution"), caption=t("value.distribution.caption"))
        st.caption(t("value.distribution.caption"))


# --- RFM -------------------------------------------------------------------------------------------
def rfm_tab():
    st.caption(t("value.rfm.caption"))
    st.markdown(f"**{t('value.rfm.cuts')}**")
    cols = st.columns(3)
    for col, key, label, default in zip(
            cols, ("val_cut_r", "val_cut_f", "val_cut_m"),
            (t("value.rfm.recency"), t("value.rfm.frequency"), t("value.rfm.monetary")),
            (quintiles.recency, quintiles.frequency, quintiles.monetary)):
        placeholder = "; ".join(f"{round(x, 1):g}".replace(".", "," if lang == "de" else ".") for x in default)
        col.text_input(label, key=key, placeholder=placeholder, help=t("value.rfm.cuts.help"),
                       on_change=ui.url_state(key, ""))
    cuts = rfm_cuts(warn=True)
    scores = load.rfm_scores(ctx.key, ctx.as_of, cuts)
    frame = values.assign(segment_rfm=scores["segment"].to_numpy())
    seg = (frame.groupby("segment_rfm").agg(customers=("customer_id", "size"), revenue=("revenue_12m", "sum"),
                                            recency=("recency_days", "median"), orders=("orders_12m", "median"))
           .reindex(list(value.RFM_SEGMENTS), fill_value=0).reset_index(names="segment"))
    seg["revenue_share"] = seg["revenue"].clip(lower=0) / max(seg["revenue"].clip(lower=0).sum(), 1e-9)
    seg["label"] = seg["segment"].map(seg_label)
    seg["order"] = range(len(seg))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('value.rfm.segments')}**")
        ui.altair_chart(charts.segment_bars(seg, segment=t("value.col.rfm_segment"), customers=t("value.customers"),
                                            revenue_share=t("value.revenue_share")), width="stretch",
                        title=t("value.rfm.segments"))
    with right:
        ui.table(pd.DataFrame({
            t("value.col.rfm_segment"): seg["label"], t("value.customers"): seg["customers"],
            t("value.revenue_share"): seg["revenue_share"],
            t("value.col.recency_days"): seg["recency"].round(0), t("value.col.orders_12m"): seg["orders"].round(1),
        }), key="val_rfm_segments", lang=lang, stem=f"rfm-segments-{ctx.dataset}-{ctx.as_of}", static=True, formats={
            t("value.revenue_share"): "pct", t("value.col.recency_days"): "num:0",
            t("value.col.orders_12m"): "num:1"})
        with st.expander(t("value.rfm.definitions")):
            st.markdown(t("value.rfm.definitions.text"))

    st.subheader(t("value.rfm.migration"))
    default_from = max(ctx.first_date, ctx.as_of - timedelta(days=365))
    # Its default and range follow the dataset and as-of date: when they change, start again from
    # the URL (a chosen date that still fits stays, else the default; never a date out of range)
    # and let the URL say what is shown.
    moved = st.session_state.get("val_from_for") != (ctx.dataset_id, ctx.first_date, ctx.as_of)
    if moved:
        st.session_state.pop("val_from", None)
        st.session_state["val_from_for"] = (ctx.dataset_id, ctx.first_date, ctx.as_of)
    keep_from = ui.url_state("val_from", default_from, valid=lambda d: ctx.first_date <= d <= ctx.as_of)
    if moved:
        keep_from()
    from_date = st.date_input(t("value.rfm.from"), min_value=ctx.first_date, max_value=ctx.as_of, key="val_from",
                              help=t("value.rfm.from.help"), format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD",
                              on_change=keep_from)
    if from_date is None or from_date >= ctx.as_of:
        st.info(t("value.rfm.from_after"))
        return
    with st.spinner(t("msg.loading")):
        mig = load.migration(ctx.key, ctx.as_of, from_date, cuts)
    mig = mig.assign(**{"from": mig["segment_from"].map(seg_label), "to": mig["segment_to"].map(seg_label)})
    st.caption(t("value.rfm.migration.caption", from_date=fmt_date(from_date, lang), to_date=fmt_date(ctx.as_of, lang)))
    ui.altair_chart(charts.migration_heatmap(
        mig[["from", "to", "count", "row_share"]], from_label=t("value.rfm.from_label"),
        to_label=t("value.rfm.to_label"), customers=t("value.customers"), share=t("value.customers_pct"),
        order=[seg_label(s) for s in ("not_yet_customer", *value.RFM_SEGMENTS)]), width="stretch",
        title=t("value.rfm.migration"),
        caption=t("value.rfm.migration.caption", from_date=fmt_date(from_date, lang), to_date=fmt_date(ctx.as_of, lang)))


# --- predicted CLV ----------------------------------------------------------------------------------
def clv_tab():
    st.caption(t("value.clv.caption"))
    frame, model, predictions = with_clv(rfm_cuts())
    error = model.error_for(settings.model)
    if error:
        st.warning(t("value.clv.fallback", error=error))
    m1, m2, m3 = ui.metric_row(3)
    m1.metric(t("value.clv.total"), fmt_amount(float(frame["clv"].sum()), lang), border=True)
    m2.metric(t("value.clv.median"), fmt_amount(float(frame["clv"].median()), lang), border=True)
    alive = predictions["p_alive"].sum() if error is None else None
    m3.metric(t("value.clv.alive"), fmt_int(alive, lang) if alive is not None else t("kpi.na"),
              help=t("value.clv.alive.help"), border=True)
    left, right = st.columns([2, 3])
    with left:
        st.markdown(f"**{t('value.clv.distribution')}**")
        ui.altair_chart(charts.bands(charts.value_bands(frame["clv"].to_numpy(), lang=lang), band=t("value.band"),
                                     customers=t("value.customers")), width="stretch",
                        title=t("value.clv.distribution"), caption=t("value.clv.caption"))
        if model.fits is not None:
            with st.expander(t("value.clv.params")):
                rows = [{t("value.clv.model"): MODEL_NAMES.get(type(fit).__name__, type(fit).__name__),
                         t("value.clv.param"): name,
                         t("value.clv.estimate"): round(est, 4), t("value.clv.se"): round(fit.se[name], 4),
                         t("value.clv.loglik"): round(fit.loglik, 2)}
                        for fit in (model.fits.bgnbd, model.fits.pareto_nbd, model.fits.gamma_gamma)
                        if fit is not None
                        for name, est in zip(fit.se, fit.params)]
                ui.table(pd.DataFrame(rows), key="val_clv_params", lang=lang, stem=f"clv-parameters-{ctx.dataset}",
                         formats={t("value.clv.estimate"): "num:4", t("value.clv.se"): "num:4",
                                  t("value.clv.loglik"): "num:2"})
    with right:
        st.markdown(f"**{t('value.clv.top')}**")
        top = ui.masked(ui.ordered(frame, ["clv"], [False], head=20))
        next_date = [fmt_date(ctx.as_of + timedelta(weeks=float(w)), lang) if np.isfinite(w) else t("value.not_expected")
                     for w in top["next_purchase_weeks"].fillna(np.inf)]
        columns = ["customer_id", "clv", "p_alive", "expected_purchases", "expected_spend", "revenue_12m",
                   "revenue_all", "segment", "region", "account_manager"]
        headings = {c: t(f"value.col.{c}") for c in columns}
        # the table shows the top 20, the download every customer (pseudonyms before the headings)
        ui.table(pd.DataFrame({
            t("value.col.customer_id"): top["customer_id"], t("value.col.clv"): top["clv"],
            t("value.col.p_alive"): top["p_alive"],
            t("value.col.expected_purchases"): top["expected_purchases"],
            t("value.col.next_purchase"): next_date, t("value.col.revenue_12m"): top["revenue_12m"],
            t("value.col.segment"): top["segment"],
        }), key="val_clv_top", lang=lang, stem=f"clv-{ctx.dataset}-{ctx.as_of}", formats={
            t("value.col.clv"): "amount", t("value.col.p_alive"): "pct",
            t("value.col.expected_purchases"): "num:1", t("value.col.revenue_12m"): "amount"},
            export=lambda: ui.masked(ui.ordered(frame[columns], ["clv"], [False], ctx=ctx), ctx).round(4)
            .rename(columns=headings),
            rows=len(frame))


# --- model check ------------------------------------------------------------------------------------
def check_tab():
    st.caption(t("value.check.caption"))
    weeks = int(st.number_input(t("value.check.weeks"), 4, 104, key="val_hold",
                                on_change=ui.url_state("val_hold", 26, valid=lambda w: 4 <= w <= 104)))
    if ctx.as_of - timedelta(weeks=weeks) <= ctx.first_date:
        st.info(t("value.check.too_long"))
        return
    with st.spinner(t("value.clv.fitting")):
        check = load.validation(ctx.key, ctx.as_of, weeks)
    if check.error:
        st.warning(t("value.check.failed", error=check.error))
        return
    rep = check.holdout
    actual = rep.actual_total

    def err(pred):
        return fmt_pct((pred - actual) / actual, lang) if actual else t("kpi.na")

    st.markdown(t("value.check.summary", cal_end=fmt_date(check.calibration_end, lang), weeks=weeks,
                  actual=fmt_int(actual, lang), bgnbd=fmt_int(rep.predicted_total["bgnbd"], lang),
                  bg_err=err(rep.predicted_total["bgnbd"]), pnbd=fmt_int(rep.predicted_total["pareto_nbd"], lang),
                  pn_err=err(rep.predicted_total["pareto_nbd"])))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('value.check.by_frequency')}**")
        bf = rep.by_frequency.melt(id_vars=["x", "customers"], value_vars=["actual", "bgnbd", "pareto_nbd"],
                                   var_name="series", value_name="value")
        bf["series"] = bf["series"].map(lambda s: t(f"value.series.{s}"))
        ui.altair_chart(charts.frequency_check(bf, x=t("value.purchases_calibration"),
                                               y=t("value.purchases_holdout"), series=""), width="stretch",
                        title=t("value.check.by_frequency"))
    with right:
        st.markdown(f"**{t('value.check.tracking')}**")
        tr = check.tracking.copy()
        tr["series"] = tr["series"].map(lambda s: t(f"value.series.{s}"))
        ui.altair_chart(charts.tracking(tr, check.calibration_end, week=t("value.week"), y=t("value.cumulative"),
                                        series="", date_format="%m.%Y" if lang == "de" else "%b %Y"),
                        width="stretch", title=t("value.check.tracking"), caption=t("value.check.tracking.caption"))
        st.caption(t("value.check.tracking.caption"))


# --- high vs low value ------------------------------------------------------------------------------
def split_tab():
    c1, c2 = st.columns([3, 2])
    rule_kind = c1.segmented_control(t("value.split.rule"), SPLITS, required=True, key="val_split",
                                     format_func=lambda k: t(f"value.split.{k}"),
                                     on_change=ui.url_state("val_split", "clv_top", options=SPLITS))
    # The multiselects' valid=bool: a URL naming only unknown options starts from the default, not
    # from an empty choice (ui.url_state keeps whatever options are left).
    top_x, segments = 20, value.SplitRule().segments
    if rule_kind == "clv_top":
        top_x = c2.slider(t("value.split.top_pct"), 1, 80, format="%d %%", key="val_x",
                          on_change=ui.url_state("val_x", 20, valid=lambda p: 1 <= p <= 80))
    elif rule_kind == "rfm":
        segments = tuple(c2.multiselect(
            t("value.split.segments"), list(value.RFM_SEGMENTS), format_func=seg_label, key="val_segs",
            on_change=ui.url_state("val_segs", list(segments), options=list(value.RFM_SEGMENTS), multi=True,
                                   valid=bool)))
    rule = value.SplitRule(rule_kind or "clv_top", float(top_x), segments)
    cuts = rfm_cuts()
    frame, _, _ = with_clv(cuts)
    high = load.high_value(ctx.key, ctx.as_of, settings, cuts, rule)
    if high.all() or not high.any():
        st.warning(t("value.split.one_group"))
        return
    rev = frame["revenue_12m"].clip(lower=0)
    st.subheader(t("value.split.summary", high=fmt_int(int(high.sum()), lang), high_pct=fmt_pct(high.mean(), lang),
                   rev_share=fmt_pct(rev[high].sum() / max(rev.sum(), 1e-9), lang),
                   clv_share=fmt_pct(frame["clv"][high].sum() / max(frame["clv"].sum(), 1e-9), lang)))
    st.markdown(f"**{t('value.profile')}**")
    st.caption(t("value.profile.caption"))
    with st.spinner(t("msg.loading")):
        tests = load.group_tests(ctx.key, ctx.as_of, settings, cuts, rule)
    rows = []
    for test in tests:
        if test.kind == "numeric" and test.metric in ("revenue_12m", "clv"):
            high_txt, low_txt = fmt_amount(test.high, lang), fmt_amount(test.low, lang)
        elif test.kind == "numeric":
            high_txt, low_txt = fmt_num(test.high, lang, 0), fmt_num(test.low, lang, 0)
        else:
            high_txt = low_txt = "—"
        rows.append({t("value.profile.metric"): t(f"value.col.{test.metric}"), t("value.group.high"): high_txt,
                     t("value.group.low"): low_txt,
                     t("value.profile.test"): t("value.test.mannwhitney" if test.kind == "numeric" else "value.test.chi2"),
                     t("value.profile.p"): fmt_p(test.p_value, lang),
                     t("value.profile.verdict"): t(f"value.evidence.{stats.evidence(test.p_value)}")})
    ui.table(pd.DataFrame(rows), key="val_profile", lang=lang, stem=f"value-profile-{ctx.dataset}-{ctx.as_of}")
    mixes = [test for test in tests if test.kind == "categorical"]
    for col, test in zip(st.columns(max(len(mixes), 1)), mixes):
        with col:
            label = t(f"value.col.{test.metric}")
            mix = test.mix.melt(id_vars="category", var_name="group", value_name="share")
            mix["group"] = mix["group"].map(lambda g: t(f"value.group.{g}"))
            st.markdown(f"**{t('value.profile.mix', metric=label)}**")
            ui.altair_chart(charts.group_mix(mix, category=label, share=t("value.customers_pct"),
                                             group=t("value.col.group")), width="stretch",
                            title=t("value.profile.mix", metric=label))

    st.subheader(t("value.plan"))
    st.caption(t("value.plan.caption"))
    c1, c2 = st.columns(2)
    plan = {}
    for group, col in (("high", c1), ("low", c2)):
        key = f"val_plan_{group}"
        plan[group] = tuple(col.multiselect(
            t(f"value.plan.{group}"), list(value.INSTRUMENTS), format_func=lambda i: t(f"value.instrument.{i}"),
            key=key, on_change=ui.url_state(key, list(value.DEFAULT_PLAN[group]), options=list(value.INSTRUMENTS),
                                            multi=True, valid=bool)))
    labels = {i: t(f"value.instrument.{i}") for i in value.INSTRUMENTS}
    groups = {g: t(f"value.group.{g}") for g in ("high", "low")}
    top = np.argsort(-frame["clv"].to_numpy())[:200]
    shown = ui.masked(ui.ordered(value.treatment_list(frame.iloc[top], high[top], plan, labels, groups), ["clv"], [False]))
    st.markdown(f"**{t('value.plan.export')}**")
    headings = {"customer_id": t("value.col.customer_id"), "group": t("value.col.group"), "clv": t("value.col.clv"),
                "revenue_12m": t("value.col.revenue_12m"), "treatment": t("value.col.treatment"),
                "segment": t("value.col.segment"), "region": t("value.col.region"),
                "account_manager": t("value.col.account_manager")}
    # the table shows the 200 highest CLVs, the download every customer (pseudonyms before the headings)
    ui.table(shown, key="val_plan", lang=lang, stem=f"treatment-plan-{ctx.dataset}-{ctx.as_of}",
             formats={"clv": "amount", "revenue_12m": "amount"}, column_config=headings,
             export=lambda: ui.masked(ui.ordered(value.treatment_list(frame, high, plan, labels, groups), ["clv"], [False],
                                                 ctx=ctx), ctx).rename(columns=headings),
             rows=len(frame))


# Only the open tab is computed: a first visit does not wait for the CLV fits. The URL keeps the
# tab's id (val_tab=rfm); a link made before that names its English or German title.
TABS = {"history": history_tab, "rfm": rfm_tab, "clv": clv_tab, "check": check_tab, "split": split_tab}
old_title = {translate(f"value.tab.{k}", other): k for k in TABS for other in LANGS}
if st.query_params.get("val_tab") in old_title:
    st.query_params["val_tab"] = old_title[st.query_params["val_tab"]]
for name, container in ui.tabs("val_tab", TABS, lambda k: t(f"value.tab.{k}")).items():
    if container.open:
        with container:
            TABS[name]()
