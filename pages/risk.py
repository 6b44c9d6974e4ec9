"""Churn risk (Abwanderungsrisiko): early-warning signals, the risk score and its proof, survival,
the watch list with the value x risk quadrant, and one customer's story (also by URL:
``?customer=ID``). Only the open tab is computed."""
from datetime import timedelta

import numpy as np
import pandas as pd
import streamlit as st

from lib import lifecycle as lc
from lib import metrics, risk, stats, ui
from lib.charts import risk as charts
from lib.i18n import LANGS, STRINGS, fmt_amount, fmt_date, fmt_int, fmt_money, fmt_num, fmt_p, fmt_pct, md_text
from lib.i18n import t as text
from lib.loaders import metrics as metrics_load
from lib.loaders import risk as load
from pages.sections import risk_complaints, risk_customer

ctx = ui.context()
lang = ctx.lang
t = ctx.t
DATE_FMT = "%m.%Y" if lang == "de" else "%b %Y"
SHOWN = 500  # rows of a list on screen; the export holds all
PLAIN_DELTA = {"delta_color": "off", "delta_arrow": "off"}  # a metric's note (a share, a band), not a change


def signal_label(s):
    return t(f"risk.signal.{s}")


def rows_height(n: int) -> int:
    """A table height that shows ``n`` rows without scrolling."""
    return 35 * (n + 1) + 3


TABS = ("scores", "watch", "proof", "survival", "story", "complaints")
COMPLAINT_KINDS = risk_complaints.COMPLAINT_KINDS
METHODS = ("auto", "rules")
SURVIVAL_BY = ("value_group", "segment", "stage", "acquisition_channel")
VALUE_BASES = metrics.VALUE_BASES
QUADS = ("all",) + risk.QUADRANTS


def ids_for_labels(key: str, ids, label_key: str) -> None:
    """Links made before the URL held ids name a tab or an option by its label (in either
    language): read such a label as its id."""
    raw = st.query_params.get(key)
    for i in ids:
        if raw in {text(label_key.format(i), lg) for lg in LANGS}:
            st.query_params[key] = i


def open_story(list_key: str, ids):
    """Callback of a selectable list: show the selected customer's story."""
    rows = st.session_state[list_key].selection.rows
    if rows:
        # the story's input is not drawn in this run, so its on_change never fires: the customer
        # goes to the URL here (its pseudonym number in anonymised mode), to be shared at once
        risk_customer.choose(ctx, str(ids[rows[0]]))
        ui.open_tab("risk_tab", "story")


def selectable(frame: pd.DataFrame, ids, key: str, **kwargs):
    """A list whose row selection opens the customer's story (``kwargs``: those of ui.table)."""
    ui.table(frame, key=key, lang=lang, on_select=lambda: open_story(key, list(ids)),
             selection_mode="single-row", **kwargs)


# --- settings (all tabs use them) ---------------------------------------------------------------------
ids_for_labels("risk_tab", TABS, "risk.tab.{}")
ids_for_labels("risk_method", METHODS, "risk.method.{}")
ids_for_labels("risk_quad", QUADS, "risk.quadrant.{}")
ids_for_labels("risk_surv_by", SURVIVAL_BY, "risk.surv.by.{}")
ids_for_labels("risk_cmp_kinds", COMPLAINT_KINDS, "complaints.kinds.{}")

st.title(t("risk.title"))
with st.expander(t("risk.settings")):
    c1, c2, c3 = st.columns(3)
    window = c1.slider(t("risk.window"), 30, 180, step=15, key="risk_window",
                       on_change=ui.url_state("risk_window", 90, valid=lambda w: 30 <= w <= 180),
                       help=t("risk.window.help"))
    method = c2.segmented_control(t("risk.method"), METHODS, required=True, key="risk_method",
                                  on_change=ui.url_state("risk_method", "auto", options=METHODS),
                                  help=t("risk.method.help"), format_func=lambda m: t(f"risk.method.{m}"))
    bands_slot = c3.empty()
    weights_slot = st.container()
settings = risk.Settings(window=int(window), method=method or "auto")

with st.spinner(t("risk.computing")):
    a = load.assessment(ctx.key, ctx.as_of, settings)
weights = risk.Weights()
if a.method == "rules":  # the points matter only then: no twelve idle inputs beside the model
    with weights_slot:
        st.markdown(f"**{t('risk.weights')}**")
        st.caption(t("risk.weights.caption"))
        cols = st.columns(6)
        points = {s: cols[i % 6].number_input(
                      signal_label(s), 0, 100, step=5, key=f"risk_w_{s}", help=t(f"risk.signal.{s}.def"),
                      on_change=ui.url_state(f"risk_w_{s}", int(weights.points[s]), valid=lambda p: 0 <= p <= 100))
                  for i, s in enumerate(risk.SIGNALS)}
    weights = risk.Weights.from_dict(points)
sc = load.scores(ctx.key, ctx.as_of, settings, weights)
band_key = "risk_bands_m" if a.method == "logistic" else "risk_bands_r"
low_cut, high_cut = bands_slot.slider(
    t("risk.bands"), 1, 99, key=band_key, help=t("risk.bands.help"),
    on_change=ui.url_state(band_key, tuple(int(c) for c in risk.default_bands(a.method)), bounds=(1, 99),
                           valid=lambda pair: pair[0] <= pair[1]))
cuts = (float(low_cut), float(high_cut))

st.markdown(t("risk.intro", dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang), scored=fmt_int(len(a.frame), lang),
              sleeping=fmt_int(int(a.frame["sleeping"].sum()) if "sleeping" in a.frame else 0, lang)))
if a.method == "logistic":
    tr = a.training
    sample = (t("risk.using.sample", share=fmt_pct(tr.share, lang), n=fmt_int(settings.train_customers, lang))
              if tr.share < 1 else "")
    st.info(t("risk.using.model", customers=fmt_int(tr.customers, lang), cutoff=fmt_date(tr.cutoff, lang),
              outcome_end=fmt_date(tr.outcome_end, lang), lost=fmt_int(tr.lost, lang), rate=fmt_pct(tr.rate, lang),
              snapshots=fmt_int(tr.snapshots - 1, lang), rows=fmt_int(tr.rows, lang)) + sample,
            icon=":material/model_training:")
else:
    tr = a.training
    earliest = ctx.first_date + timedelta(days=settings.window + settings.horizon)
    st.warning(t(f"risk.using.rules.{a.reason}", cutoff=fmt_date(ctx.as_of - timedelta(days=settings.horizon), lang),
                 earliest=fmt_date(earliest, lang), window=settings.window,
                 customers=fmt_int(tr.customers if tr else 0, lang), lost=fmt_int(tr.lost if tr else 0, lang),
                 outcome_end=fmt_date(tr.outcome_end if tr else ctx.as_of, lang)),
               icon=":material/rule:")
missing = [s for s in risk.SIGNALS if not a.available.has(*risk.SIGNAL_INPUTS[s])]
if missing:
    tables = sorted({x for s in missing for x in risk.SIGNAL_INPUTS[s] if not a.available.has(x)})
    st.caption(t("risk.missing", signals=", ".join(signal_label(s) for s in missing),
                 tables=", ".join(t(f"risk.table.{x}") for x in tables)))
if a.frame.empty:
    st.info(t("risk.no_customers"))
    st.stop()


# --- signals and score ------------------------------------------------------------------------------------
def scores_tab():
    b = risk.bands(sc.score, cuts)
    revenue = a.frame["revenue_12m"].to_numpy(dtype=float)
    n = len(b)
    m1, m2, m3, m4, m5 = ui.metric_row(5)
    m1.metric(t("risk.kpi.scored"), fmt_int(n, lang), help=t("risk.kpi.scored.help"), border=True)
    m2.metric(t("risk.kpi.high"), fmt_int(int((b == 2).sum()), lang), f"{fmt_pct((b == 2).mean(), lang)}",
              **PLAIN_DELTA, help=t("risk.kpi.high.help", cut=fmt_num(high_cut, lang, 0)), border=True)
    m3.metric(t("risk.kpi.medium"), fmt_int(int((b == 1).sum()), lang), f"{fmt_pct((b == 1).mean(), lang)}",
              **PLAIN_DELTA, help=t("risk.kpi.medium.help", low=fmt_num(low_cut, lang, 0),
                                        high=fmt_num(high_cut, lang, 0)), border=True)
    expected = float(sc.score.astype(float).sum() / 100) if a.method == "logistic" else None
    m4.metric(t("risk.kpi.expected"), fmt_int(expected, lang) if expected is not None else t("kpi.na"),
              help=t("risk.kpi.expected.help"), border=True)
    m5.metric(t("risk.kpi.revenue_high"), fmt_amount(float(revenue[b == 2].clip(0).sum()), lang),
              help=t("risk.kpi.revenue_high.help"), border=True)

    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('risk.distribution')}**")
        hist = load.score_histogram(ctx.key, ctx.as_of, settings, weights, cuts)
        ui.altair_chart(charts.score_histogram(hist, cuts, score=t("risk.score"), customers=t("risk.customers"),
                                               band=t("risk.band"), band_labels={k: t(f"risk.band.{k}") for k in risk.BANDS}),
                        width="stretch", title=t("risk.distribution"), caption=t("risk.distribution.caption"))
        st.caption(t("risk.distribution.caption"))
    with right:
        counts = risk.band_counts(sc.score, revenue, cuts)
        ui.table(pd.DataFrame({
            t("risk.band"): [t(f"risk.band.{k}") for k in counts["band"]],
            t("risk.customers"): counts["customers"],
            t("risk.share"): counts["share"],
            t("risk.revenue_12m"): counts["revenue_12m"],
        }), key="risk_bands", lang=lang, stem=f"risk-bands-{ctx.dataset}", formats={t("risk.customers"): "int", t("risk.share"): "pct", t("risk.revenue_12m"): "money"}, width="stretch")

    st.subheader(t("risk.signals"))
    st.caption(t("risk.signals.caption", window=settings.window))
    summary = load.signal_summary(ctx.key, ctx.as_of, settings, weights)
    rules = a.method == "rules"
    pts = weights.points
    ui.table(pd.DataFrame({
        t("risk.col.signal"): [signal_label(s) for s in summary["signal"]],
        t("risk.col.flagged"): [fmt_int(x, lang) if ok else t("risk.no_data")
                                for x, ok in zip(summary["flagged"], summary["available"])],
        t("risk.col.share"): summary["share"],
        (t("risk.col.points") if rules else t("risk.col.weight")):
            [fmt_num(pts[s], lang, 0) for s in summary["signal"]] if rules
            else [fmt_num(x, lang, 2) if ok and np.isfinite(x) else "—"
                  for x, ok in zip(summary["weight"], summary["available"])],
        t("risk.col.p"): [fmt_p(p, lang) for p in summary["p_value"]] if not rules else ["—"] * len(summary),
        t("risk.col.contribution"): summary["mean_contribution"],
    }), key="risk_signals", lang=lang, stem=f"risk-signals-{ctx.dataset}", formats={t("risk.col.share"): "pct", t("risk.col.contribution"): "num:2"}, height=rows_height(len(summary)))
    st.markdown(f"**{t('risk.signs')}**")
    st.caption(t("risk.signs.caption"))
    judged = dict(zip(summary["signal"], summary["judged"]))
    ok = dict(zip(summary["signal"], summary["available"]))
    ui.table(pd.DataFrame({
        t("risk.col.sign"): [t(f"risk.sign.{k}") for k, _ in risk.WARNING_SIGNS],
        t("risk.col.signals"): [", ".join(signal_label(x) for x in sigs) for _, sigs in risk.WARNING_SIGNS],
        t("risk.col.status"): [t("risk.sign.status.ok", n=fmt_int(max(judged[x] for x in sigs), lang))
                               if any(ok[x] for x in sigs) else t("risk.sign.status.missing")
                               for _, sigs in risk.WARNING_SIGNS],
        t("risk.col.input"): [t(f"risk.sign.{k}.input") for k, _ in risk.WARNING_SIGNS],
    }), key="risk_signs", lang=lang, stem=f"risk-warning-signs-{ctx.dataset}", static=True)
    with st.expander(t("risk.definitions")):
        st.markdown(t("risk.definitions.score"))
        for s in risk.SIGNALS:
            st.markdown(f"**{signal_label(s)}.** {t(f'risk.signal.{s}.def')}")


# --- watch list and quadrant --------------------------------------------------------------------------------
def value_metrics(day):
    """The per-customer metrics at ``day`` (CLV and value group from the value page's models):
    a spinner while the models are fitted, a note when they cannot be."""
    with st.spinner(t("risk.fitting_clv")):
        m = metrics_load.customer_metrics(ctx.key, day)
    if m.clv_error:
        st.warning(t("risk.clv_fallback", error=m.clv_error))
    return m


def drivers_text(frame):
    names = np.array([signal_label(s) for s in risk.SIGNALS] + [""], dtype=object)
    d = frame[["driver_1", "driver_2", "driver_3"]].to_numpy()
    return [", ".join(x for x in row if x) for row in names[d]]


def watch_tab():
    value_metrics(ctx.as_of)
    c1, c2 = st.columns([5, 4], gap="large")
    basis = c1.segmented_control(t("risk.value_basis"), VALUE_BASES, required=True, key="risk_value",
                                 on_change=ui.url_state("risk_value", metrics.DEFAULT_VALUE_BASIS, options=VALUE_BASES),
                                 format_func=lambda b: t(f"risk.value_basis.{b}"),
                                 help=t("risk.value_basis.help")) or metrics.DEFAULT_VALUE_BASIS
    basis_label = t(f"risk.value_basis.{basis}")
    watch = load.watch(ctx.key, ctx.as_of, settings, weights, basis)
    average = float(np.mean(sc.score)) if len(sc.score) else 0.0
    level = c2.slider(t("risk.level"), 1, 99, key="risk_level", help=t("risk.level.help", avg=fmt_num(average, lang, 1)),
                      on_change=ui.url_state("risk_level", risk.default_level(sc, high_cut), bounds=(1, 99)))
    quad = st.pills(t("risk.quadrant_filter"), QUADS, key="risk_quad",
                    on_change=ui.url_state("risk_quad", "all", options=QUADS),
                    format_func=lambda q: t(f"risk.quadrant.{q}"))
    listed = watch.loc[watch["score"] >= level]
    if quad and quad != "all":
        listed = watch.loc[risk.quadrant_of(watch, level) == quad]
    has_p = a.method == "logistic"
    if listed.empty:
        st.info(t("risk.watch.empty", level=level) if not quad or quad == "all"
                else t("risk.watch.empty_quadrant", quadrant=t(f"risk.quadrant.{quad}")))
    else:
        common = {"n": fmt_int(len(listed), lang), "rar": fmt_amount(float(listed["revenue_at_risk"].sum()), lang),
                  "shown": fmt_int(min(SHOWN, len(listed)), lang)}
        if not has_p:
            st.markdown(t("risk.watch.summary_rules", **common))
        elif quad and quad != "all":
            st.markdown(t("risk.watch.summary_quadrant", quadrant=t(f"risk.quadrant.{quad}"), **common))
        else:
            st.markdown(t("risk.watch.summary", level=level, **common))
        order = (["revenue_at_risk"], [False]) if has_p else (["score", "value"], [False, False])
        top = ui.ordered(listed, *order, head=SHOWN)   # ties by pseudonym in anonymised mode
        ids, top = top["customer_id"].to_numpy(), ui.masked(top)
        # ui.table shows the numbers in the app's language (German 1.234,5); the columns sort as numbers
        cols = {t("risk.col.value_eur"): st.column_config.NumberColumn(help=t("risk.col.value.help", basis=basis_label)),
                t("risk.col.score"): st.column_config.NumberColumn(
                    help=t("risk.col.p_loss.help") if has_p else t("risk.col.score.rules_help")),
                t("risk.col.revenue_at_risk"): st.column_config.NumberColumn(help=t("risk.col.revenue_at_risk.help"))}
        shown = pd.DataFrame({
            t("risk.col.customer"): top["customer_id"], **({} if ctx.anon else {t("risk.col.name"): top["name"]}),
            **({t("risk.col.revenue_at_risk"): top["revenue_at_risk"].round(0)} if has_p else {}),
            t("risk.col.value_eur"): top["value"].round(0),
            t("risk.col.score"): top["score"].round(1),
            t("risk.col.drivers"): drivers_text(top),
            t("risk.col.value_group"): [t(f"risk.value_group.{g}") for g in top["value_group"]],
            t("risk.col.stage"): [t(f"risk.stage.{x}") if x in lc.STAGES else "—" for x in top["stage"]],
            t("risk.band"): [t(f"risk.band.{risk.BANDS[b]}") for b in risk.bands(top["score"].to_numpy(), cuts)],
            t("risk.col.segment"): top["segment"],
            t("risk.col.manager"): top["account_manager"],
            t("risk.col.last_contact"): risk.to_dates(top["last_contact"].to_numpy(dtype=float)),
            t("risk.col.last_purchase"): risk.to_dates(top["last_purchase"].to_numpy(dtype=float)),
        })

        def export():
            out = listed.copy()
            out["band"] = np.asarray(risk.BANDS, dtype=object)[risk.bands(out["score"].to_numpy(), cuts)]
            out["band_label"] = [t(f"risk.band.{b}") for b in out["band"]]
            out["stage_label"] = [t(f"risk.stage.{x}") if x in lc.STAGES else "" for x in out["stage"]]
            out["value_group_label"] = [t(f"risk.value_group.{g}") for g in out["value_group"]]
            out["value_basis"] = basis
            out["value_basis_label"] = basis_label
            out["drivers"] = drivers_text(out)
            names = np.asarray(risk.SIGNALS + ("",), dtype=object)
            for i in (1, 2, 3):
                out[f"driver_{i}"] = names[out[f"driver_{i}"].to_numpy()]
            for col in ("last_contact", "last_purchase"):
                out[col] = risk.to_dates(out[col].to_numpy(dtype=float))
            cols = ["customer_id", "name", "segment", "stage", "stage_label", "score", "band", "band_label", "p_loss",
                    "value_basis", "value_basis_label", "value", "value_group", "value_group_label", "revenue_at_risk",
                    "revenue_12m", "clv", "clv_alive", "driver_1", "driver_2", "driver_3", "drivers",
                    "account_manager", "last_contact", "last_purchase"]
            return out[cols].round({"score": 1, "p_loss": 4, "value": 2, "revenue_at_risk": 2, "revenue_12m": 2,
                                    "clv": 2, "clv_alive": 2})

        # the table shows the first SHOWN rows, the download all of them, codes beside their labels
        selectable(shown, ids, "risk_watch_list", column_config=cols,
                   formats={t("risk.col.revenue_at_risk"): "amount", t("risk.col.value_eur"): "amount",
                            t("risk.col.score"): "num:1", t("risk.col.last_contact"): "date",
                            t("risk.col.last_purchase"): "date"},
                   export=export, rows=len(listed), order=order, stem=f"risk-watchlist-{ctx.dataset}-{ctx.as_of}")

    st.subheader(t("risk.quadrant"))
    st.caption(t("risk.quadrant.caption", level=level, basis=basis_label))
    if not has_p:
        st.caption(t("risk.quadrant.rules"))
    grid = load.quadrant_grid(ctx.key, ctx.as_of, settings, weights, basis)
    high = watch.loc[watch["value_group"] == "high", "value"]
    split = float(high.min()) if len(high) else 0.0
    ui.altair_chart(charts.quadrant_heatmap(grid, level=level, value_split=max(split, 1.0),
                                            value=t("risk.value_axis", basis=basis_label), score=t("risk.score"),
                                            customers=t("risk.customers")), width="stretch", title=t("risk.quadrant"),
                    caption=t("risk.quadrant.caption", level=level, basis=basis_label))
    q = load.quadrants(ctx.key, ctx.as_of, settings, weights, level, basis)
    ui.table(pd.DataFrame({
        t("risk.col.quadrant"): [t(f"risk.quadrant.{x}") for x in q["quadrant"]],
        t("risk.customers"): q["customers"],
        t("risk.col.revenue_at_risk"): q["revenue_at_risk"],
        t("risk.col.value_sum"): q["value"],
        t("risk.revenue_12m"): q["revenue_12m"],
    }), key="risk_quadrants", lang=lang, stem=f"risk-quadrants-{ctx.dataset}", formats={t("risk.customers"): "int", t("risk.col.revenue_at_risk"): "money", t("risk.col.value_sum"): "money", t("risk.revenue_12m"): "money"}, column_config={
        t("risk.col.revenue_at_risk"): st.column_config.TextColumn(help=t("risk.col.revenue_at_risk.help")),
        t("risk.col.value_sum"): st.column_config.TextColumn(help=t("risk.col.value.help", basis=basis_label))})


# --- proof -------------------------------------------------------------------------------------------------
def proof_tab():
    latest = ctx.as_of - timedelta(days=settings.horizon)
    earliest = risk.earliest_cutoff(ctx.first_date, settings)
    if latest < earliest:
        st.info(t("risk.proof.too_short"))
        return
    cutoff = st.date_input(t("risk.cutoff"), min_value=earliest, max_value=latest, key="risk_cutoff",
                           on_change=ui.url_state("risk_cutoff", latest, bounds=(earliest, latest)), help=t("risk.cutoff.help"),
                           format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD") or latest
    with st.spinner(t("msg.loading")):
        bt = load.backtest(ctx.key, cutoff, settings, weights)
    if bt.customers == 0 or not np.isfinite(bt.auc):
        st.info(t("risk.proof.empty", cutoff=fmt_date(cutoff, lang)))
        return
    end = cutoff + timedelta(days=settings.horizon)
    lost = int(bt.lost.sum())
    rate = fmt_pct(lost / bt.customers, lang)
    if bt.method == "logistic":
        st.markdown(t("risk.proof.summary.model", cutoff=fmt_date(cutoff, lang), train=fmt_int(bt.training.customers, lang),
                      earlier=fmt_int(bt.training.snapshots - 1, lang),
                      fit_cutoff=fmt_date(bt.training.cutoff, lang), customers=fmt_int(bt.customers, lang),
                      lost=fmt_int(lost, lang), rate=rate, end=fmt_date(end, lang)))
    else:
        st.markdown(t("risk.proof.summary.rules", cutoff=fmt_date(cutoff, lang), customers=fmt_int(bt.customers, lang),
                      lost=fmt_int(lost, lang), rate=rate, end=fmt_date(end, lang)))
    g = risk.gains(bt.score, bt.lost, 20)
    verdict = "strong" if bt.auc >= 0.7 else "some" if bt.auc >= 0.6 else "none"
    model = bt.method == "logistic"
    m1, m2, m3 = ui.metric_row(3)
    m4, m5, m6 = ui.metric_row(3)
    m1.metric(t("risk.auc"), fmt_num(bt.auc, lang, 3), t(f"risk.auc.verdict.{verdict}"), **PLAIN_DELTA,
              help=t("risk.auc.help"), border=True)
    m2.metric(t("risk.lost_rate"), rate, border=True)
    m3.metric(t("risk.top_decile"), fmt_pct(float(g.loc[g["share"].round(2) == 0.1, "gain"].iloc[0]), lang),
              help=t("risk.top_decile.help"), border=True)
    m4.metric(t("risk.lift10"), fmt_num(risk.top_lift(bt.score, bt.lost), lang, 1), help=t("risk.lift10.help"),
              border=True)
    cal = risk.calibration(bt.score.astype(float) / 100, bt.lost) if model else None
    m5.metric(t("risk.brier"), fmt_num(cal.brier, lang, 4) if cal else t("kpi.na"), border=True,
              help=t("risk.brier.help", ref=fmt_num(cal.brier_reference, lang, 4) if cal else t("kpi.na")))
    m6.metric(t("risk.cal_slope"), fmt_num(cal.slope, lang, 2) if cal else t("kpi.na"), border=True,
              help=t("risk.cal_slope.help", large=fmt_num(cal.in_the_large, lang, 2) if cal else t("kpi.na")))

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('risk.roc')}**")
        ui.altair_chart(charts.roc(bt.roc, fpr=t("risk.fpr"), tpr=t("risk.tpr"), chance=t("risk.chance"),
                                   auc_label=f"AUC {fmt_num(bt.auc, lang, 3)}"), width="stretch",
                        title=t("risk.roc"), caption=t("risk.roc.caption"))
        st.caption(t("risk.roc.caption"))
    with right:
        st.markdown(f"**{t('risk.gains')}**")
        ui.altair_chart(charts.gains(g, contacted=t("risk.contacted"), found=t("risk.found"), lift=t("risk.lift"),
                                     model=t("risk.model_line"), chance=t("risk.chance")), width="stretch",
                        title=t("risk.gains"), caption=t("risk.gains.caption"))
        st.caption(t("risk.gains.caption"))

    st.markdown(f"**{t('risk.bands_table')}**")
    bt_bands = risk.band_table(bt.score, bt.lost, cuts)
    ui.table(pd.DataFrame({
        t("risk.band"): [t(f"risk.band.{k}") for k in bt_bands["band"]],
        t("risk.customers"): bt_bands["customers"],
        t("risk.col.lost"): bt_bands["lost"],
        t("risk.col.precision"): bt_bands["precision"],
        t("risk.col.recall"): bt_bands["recall"],
        t("risk.col.precision_above"): bt_bands["precision_at_or_above"],
        t("risk.col.recall_above"): bt_bands["recall_at_or_above"],
    }), key="risk_proof_bands", lang=lang, stem=f"risk-proof-bands-{ctx.dataset}", formats={t("risk.customers"): "int", t("risk.col.lost"): "int", t("risk.col.precision"): "pct", t("risk.col.recall"): "pct", t("risk.col.precision_above"): "pct", t("risk.col.recall_above"): "pct"}, width="stretch")
    st.caption(t("risk.bands_table.caption"))
    if cal is not None and not cal.table.empty:
        st.markdown(f"**{t('risk.reliability')}**")
        ui.table(pd.DataFrame({
            t("risk.col.group10"): cal.table["group"],
            t("risk.customers"): cal.table["customers"],
            t("risk.col.predicted"): cal.table["predicted"],
            t("risk.col.observed"): [f"{fmt_pct(o, lang)} ({fmt_pct(lo, lang)}–{fmt_pct(hi, lang)})"
                                     for o, lo, hi in cal.table[["observed", "low", "high"]].to_numpy()],
        }), key="risk_reliability", lang=lang, stem=f"risk-reliability-{ctx.dataset}", formats={t("risk.col.group10"): "int", t("risk.customers"): "int", t("risk.col.predicted"): "pct"}, height=rows_height(len(cal.table)))
        st.caption(t("risk.reliability.caption"))

    st.subheader(t("risk.lead"))
    level = st.slider(t("risk.lead.level"), 1, 99, key="risk_lead_level",
                      on_change=ui.url_state("risk_lead_level", int(low_cut), bounds=(1, 99)))
    leads = load.lead_times(ctx.key, cutoff, settings, weights, float(level))
    d = leads["lead_days"].to_numpy(dtype=float)
    warned = np.isfinite(d)
    c1, c2, c3 = ui.metric_row(3)
    c1.metric(t("risk.lead.warned"), fmt_pct(warned.mean() if d.size else None, lang), border=True)
    c2.metric(t("risk.lead.median"), fmt_int(float(np.median(d[warned])) if warned.any() else None, lang),
              help=t("risk.lead.median.help"), border=True)
    c3.metric(t("risk.lead.early"), fmt_pct((d[warned] >= 90).sum() / d.size if d.size else None, lang), border=True)
    ui.altair_chart(charts.lead_histogram(risk.lead_histogram(leads), bucket=t("risk.lead.bucket"),
                                          customers=t("risk.customers"), missed_label=t("risk.lead.missed")),
                    width="stretch", title=t("risk.lead"),
                    caption=t("risk.lead.caption", sampled=fmt_int(bt.lead_sampled, lang), total=fmt_int(bt.lead_total, lang)))
    st.caption(t("risk.lead.caption", sampled=fmt_int(bt.lead_sampled, lang), total=fmt_int(bt.lead_total, lang)))

    st.subheader(t("risk.evidence"))
    st.caption(t("risk.evidence.caption"))
    ev = bt.evidence
    ok = ev.loc[[a.available.has(risk.SIGNAL_SOURCE[s]) for s in ev["signal"]]].reset_index(drop=True)
    long = pd.concat([
        pd.DataFrame({"label": ok["signal"].map(signal_label), "group": t("risk.with_flag"), "rate": ok["rate_with"],
                      "low": ok["low_with"], "high": ok["high_with"], "n": ok["with_flag"], "order": ok.index}),
        pd.DataFrame({"label": ok["signal"].map(signal_label), "group": t("risk.without_flag"),
                      "rate": ok["rate_without"], "low": ok["low_without"], "high": ok["high_without"],
                      "n": ok["without_flag"], "order": ok.index}),
    ], ignore_index=True).dropna(subset=["rate"])
    ui.altair_chart(charts.evidence(long, signal=t("risk.col.signal"), rate=t("risk.loss_rate"), group=""),
                    width="stretch", title=t("risk.evidence"))
    def ci(r, lo, hi):
        return "—" if not np.isfinite(r) else f"{fmt_pct(r, lang)} ({fmt_pct(lo, lang)}–{fmt_pct(hi, lang)})"

    ui.table(pd.DataFrame({
        t("risk.col.signal"): ok["signal"].map(signal_label),
        t("risk.col.n_with"): ok["with_flag"],
        t("risk.col.rate_with"): [ci(*x) for x in zip(ok["rate_with"], ok["low_with"], ok["high_with"])],
        t("risk.col.n_without"): ok["without_flag"],
        t("risk.col.rate_without"): [ci(*x) for x in zip(ok["rate_without"], ok["low_without"], ok["high_without"])],
        t("risk.col.ratio"): ok["ratio"],
    }), key="risk_churn_by_signal", lang=lang, stem=f"risk-churn-by-signal-{ctx.dataset}", formats={t("risk.col.n_with"): "int", t("risk.col.n_without"): "int", t("risk.col.ratio"): "num:2"}, height=rows_height(len(ok)))


# --- survival ----------------------------------------------------------------------------------------------
def survival_tab():
    default_start = max(ctx.first_date + timedelta(days=365), ctx.as_of - timedelta(days=730))
    if default_start >= ctx.as_of:
        default_start = ctx.first_date + (ctx.as_of - ctx.first_date) // 2
    c1, c2 = st.columns([1, 2])
    last_start = ctx.as_of - timedelta(days=1)
    start = c1.date_input(t("risk.surv.start"), min_value=ctx.first_date, max_value=last_start, key="risk_surv_start",
                          on_change=ui.url_state("risk_surv_start", default_start, bounds=(ctx.first_date, last_start)),
                          help=t("risk.surv.start.help"), format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD")
    by = c2.segmented_control(t("risk.surv.by"), SURVIVAL_BY, required=True, key="risk_surv_by",
                              on_change=ui.url_state("risk_surv_by", "segment", options=SURVIVAL_BY),
                              format_func=lambda b: t(f"risk.surv.by.{b}")) or "segment"
    if start is None or not ctx.first_date <= start < ctx.as_of:
        st.info(t("risk.surv.bad_start"))
        return
    with st.spinner(t("msg.loading")):
        life = load.lifetimes(ctx.key, start, ctx.as_of, settings.rules)
    if life.empty:
        st.info(t("risk.surv.empty", start=fmt_date(start, lang)))
        return
    if by in ("segment", "acquisition_channel") and life[by].isna().all():
        st.info(t("risk.surv.no_segments"))
        return
    if by == "value_group":
        value_metrics(start)
    result = load.survival(ctx.key, start, ctx.as_of, settings.rules, by)
    label = {"value_group": lambda g: t(f"risk.value_group.{g}") if g in ("high", "low") else g,
             "stage": lambda g: t(f"risk.stage.{g}") if g in lc.STAGES else g}.get(by, lambda g: g)
    missing_label = t("risk.missing_value")

    def name(g):
        return missing_label if g == "—" else label(g)

    curves = result.curves.assign(group=result.curves["group"].map(name))
    st.markdown(f"**{t('risk.surv.chart')}**")
    ui.altair_chart(charts.km_curves(curves, days=t("risk.surv.days"), survival=t("risk.surv.survival"),
                                     group=t("risk.surv.group"), at_risk=t("risk.surv.at_risk")), width="stretch",
                    title=t("risk.surv.chart"), caption=t("risk.surv.caption", start=fmt_date(start, lang)))
    st.caption(t("risk.surv.caption", start=fmt_date(start, lang)))
    follow = int(life["duration"].max())

    def med(row):
        if row["median"] is None or not np.isfinite(row["median"]):
            return t("risk.median.not_reached", days=fmt_int(follow, lang))
        lo = fmt_int(row["lower"], lang) if row["lower"] is not None and np.isfinite(row["lower"]) else "—"
        hi = fmt_int(row["upper"], lang) if row["upper"] is not None and np.isfinite(row["upper"]) else "—"
        return f"{fmt_int(row['median'], lang)} ({lo}–{hi})"

    m = result.medians.astype({"median": float, "lower": float, "upper": float})
    ui.table(pd.DataFrame({
        t("risk.col.group"): m["group"].map(name), t("risk.customers"): m["customers"],
        t("risk.col.lost"): m["lost"], t("risk.col.median"): [med(r) for _, r in m.iterrows()],
        t("risk.col.survival_end"): m["survival_end"],
    }), key="risk_survival_groups", lang=lang, stem=f"risk-survival-{ctx.dataset}-{ctx.as_of}",
        formats={t("risk.customers"): "int", t("risk.col.lost"): "int", t("risk.col.survival_end"): "pct"})
    st.caption(t("risk.surv.median.caption"))
    if result.test is None:
        st.caption(t("risk.logrank.one_group"))
    else:
        lr = result.test
        p_text = fmt_p(lr.p_value, lang)
        p_text = p_text if p_text.startswith("<") else f"= {p_text}"
        st.markdown(t("risk.logrank", k=len(m), chi2=fmt_num(lr.statistic, lang, 1), df=lr.df, p=p_text,
                      verdict=t(f"risk.evidence.{stats.evidence(lr.p_value)}")))


# --- one customer's story -------------------------------------------------------------------------------------
def story_tab():
    typed, cid, shown_id = risk_customer.pick(ctx, str(a.frame["customer_id"].iloc[0]))
    if not typed:
        st.info(t("risk.story.pick"))
        return
    s = load.story(ctx.key, cid, ctx.as_of, settings, weights) if cid else None
    if s is None or not s.found:
        st.warning(t("risk.story.not_found", customer=md_text(typed), dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang)))
        return
    info = ui.masked(pd.DataFrame([{**s.info, "customer_id": cid}])).iloc[0].to_dict() if s.info else {}
    st.subheader(md_text(shown_id) if ctx.anon else t("risk.story.header", customer=md_text(cid), name=md_text(info.get("name") or "—")))
    if info:
        st.caption(t("risk.story.facts", **{k: md_text(info.get(c) or "—") for k, c in (
            ("segment", "segment"), ("region", "region"), ("channel", "acquisition_channel"),
            ("manager", "account_manager"))}))
    m1, m2, m3, m4 = ui.metric_row(4)
    pending = metrics_load.pending_notices(ctx.key, ctx.as_of)
    notice = pending["customer_id"].eq(cid).any()   # a pending notice leaves the stage as the purchases give it
    m1.metric(t("risk.story.stage"), t(f"risk.stage.{s.stage}") if s.stage else "—", border=True,
              delta=t("notices.pending_flag") if notice else None, **PLAIN_DELTA, help=t("notices.pending_flag.help") if notice else None)
    if s.score is not None:
        band = risk.BANDS[int(risk.bands(np.array([s.score]), cuts)[0])]
        m2.metric(t("risk.story.score"), fmt_num(s.score, lang, 1), t(f"risk.band.{band}"), **PLAIN_DELTA,
                  border=True)
    else:
        m2.metric(t("risk.story.score"), t("risk.story.not_scored"), help=t("risk.story.not_scored.help"), border=True)
    e = s.expected
    if e:
        exp_rev = e.get("expected_revenue")
        delta = None if exp_rev is None or not np.isfinite(exp_rev) else fmt_amount(e["recent_revenue"] - exp_rev, lang)
        m3.metric(t("risk.story.revenue"), fmt_amount(e["recent_revenue"], lang), delta,
                  help=t("risk.story.revenue.help", window=settings.window), border=True)
        exp_days = e.get("expected_days")
        m4.metric(t("risk.story.purchases"), fmt_int(e["recent_days"], lang),
                  None if exp_days is None or not np.isfinite(exp_days) else fmt_num(e["recent_days"] - exp_days, lang, 1),
                  border=True)

    if s.signals is not None:
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{t('risk.story.signals')}**")
            sig = s.signals
            ui.table(pd.DataFrame({
                t("risk.col.signal"): sig["signal"].map(signal_label),
                t("risk.col.value"): [signal_value(x, v) for x, v in zip(sig["signal"], sig["value"])],
                t("risk.col.flag"): [t("risk.yes") if f else "" for f in sig["flag"]],
                t("risk.col.contrib"): sig["contribution"],
            }), key="risk_story_drivers", lang=lang, stem=f"risk-story-drivers-{ctx.dataset}", formats={t("risk.col.contrib"): "num:2"}, height=rows_height(len(sig)))
        with right:
            ui.altair_chart(charts.contributions(
                pd.DataFrame({"label": s.signals["signal"].map(signal_label),
                              "contribution": s.signals["contribution"].astype(float)}),
                signal=t("risk.col.signal"), contribution=t("risk.col.contrib")), width="stretch",
                title=t("risk.story.signals"), caption=t("risk.story.signals.caption"))
        st.caption(t("risk.story.signals.caption"))

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('risk.story.monthly')}**")
        ui.altair_chart(charts.monthly_score(s.monthly[["snap", "score"]], cuts, month=t("risk.story.month"),
                                             score=t("risk.score"), date_format=DATE_FMT), width="stretch",
                        title=t("risk.story.monthly"), caption=t("risk.story.monthly.caption"))
        st.caption(t("risk.story.monthly.caption"))
    with right:
        st.markdown(f"**{t('risk.story.rolling')}**")
        mo = s.monthly
        roll = pd.concat([
            pd.DataFrame({"snap": mo["snap"], "series": t("risk.story.actual"), "value": mo["revenue_recent"]}),
            pd.DataFrame({"snap": mo["snap"], "series": t("risk.story.expected"), "value": mo["expected_revenue"]}),
        ], ignore_index=True).dropna(subset=["value"])
        ui.altair_chart(charts.rolling_revenue(roll, month=t("risk.story.month"), revenue=t("risk.story.revenue"),
                                               series="", actual=t("risk.story.actual"),
                                               expected=t("risk.story.expected"), date_format=DATE_FMT),
                        width="stretch", title=t("risk.story.rolling"),
                        caption=t("risk.story.rolling.caption", window=settings.window))
        st.caption(t("risk.story.rolling.caption", window=settings.window))

    st.markdown(f"**{t('risk.story.timeline')}**")
    tl = s.timeline
    if tl.empty:
        st.caption(t("risk.story.no_timeline"))
        return
    kinds = list(charts.KIND_COLORS)
    marks = pd.DataFrame({"date": pd.to_datetime(tl["date"]), "kind": tl["kind"],
                          "label": tl["kind"].map(lambda k: t(f"risk.kind.{k}")),
                          "text": [timeline_text(r) for r in tl.itertuples()]})
    ui.altair_chart(charts.timeline(marks, date_title=t("risk.col.date"), kind=t("risk.col.kind"),
                                    detail=t("risk.col.detail"), kind_order=[t(f"risk.kind.{k}") for k in kinds],
                                    date_format=DATE_FMT), width="stretch",
                    title=t("risk.story.timeline"), caption=t("risk.story.timeline.caption"))
    st.caption(t("risk.story.timeline.caption"))
    newest = tl.iloc[::-1]
    ui.table(pd.DataFrame({
        t("risk.col.date"): [fmt_date(pd.Timestamp(d).date(), lang) for d in newest["date"]],
        t("risk.col.kind"): newest["kind"].map(lambda k: t(f"risk.kind.{k}")),
        t("risk.col.detail"): [detail_text(r) for r in newest.itertuples()],
        t("risk.col.amount"): newest["amount"],
        t("risk.col.days_late"): [str(int(x)) if pd.notna(x) else "" for x in newest["days_late"]],
        t("risk.col.nps"): [str(int(x)) if pd.notna(x) else "" for x in newest["score"]],
    }), key="risk_story_events", lang=lang, stem=f"risk-story-events-{ctx.dataset}", formats={t("risk.col.amount"): "num:2"}, height=min(rows_height(len(newest)), 420))


def label_of(prefix: str, code) -> str:
    """The label of a code of the data contract (``prefix`` + code), or the value as recorded when
    it is the user's own (an own reason or measure is shown as written)."""
    if not isinstance(code, str) or not code:
        return ""
    return t(prefix + code) if prefix + code in STRINGS else code


def detail_text(row) -> str:
    """A timeline row's detail as the reader sees it: free text as recorded (channel and note, the
    campaign), codes by their labels (a notice's measure, an invoice's status, a loss's kind and
    reason, a win-back contact's measure and group), a win-back contact's cost."""
    kind, free = row.kind, row.detail if isinstance(row.detail, str) else ""
    if kind in ("notice_took_effect", "notice_withdrawn", "notice_averted"):
        measure = label_of("notices.measure.", row.code)
        return t("notices.col.measure") + ": " + measure if measure else ""
    if kind == "invoice":
        return label_of("risk.story.invoice.", row.code)
    if kind == "churn":
        return ": ".join(x for x in (label_of("recovery.kind.", row.code), label_of("recovery.reason.", row.code2)) if x)
    if kind == "winback":
        parts = [free, label_of("recovery.measure.", row.code), label_of("recovery.group.", row.code2)]
        if row.cost is not None and pd.notna(row.cost):
            parts.append(t("risk.story.cost", amount=fmt_money(float(row.cost), lang)))
        return " · ".join(x for x in parts if x)
    if free and ctx.anon and kind != "survey":   # an event's note may name people: not in anonymised mode
        free = t("anon.notes_hidden")
    return " · ".join(x for x in (row.code2 if isinstance(row.code2, str) else "", free) if x)


def signal_value(signal, v):
    """A signal's value in its unit."""
    if v is None or not np.isfinite(v):
        return "—"
    if signal in ("frequency_drop", "revenue_drop", "inbound_decline", "p_alive"):
        return fmt_pct(v, lang)
    if signal in ("silence", "new_customer", "payment_delay"):
        return t("risk.unit.days", n=fmt_num(v, lang, 0))
    if signal == "market_pressure":
        return t("risk.unit.times", n=fmt_num(v, lang, 1))
    if signal == "satisfaction_drop":
        return t("risk.unit.points", n=fmt_num(v, lang, 1))
    return fmt_int(v, lang)


def timeline_text(row):
    parts = [detail_text(row)] if detail_text(row) else []
    if row.amount is not None and np.isfinite(row.amount):
        parts.append(fmt_amount(row.amount, lang))
    if row.days_late is not None and not pd.isna(row.days_late):
        parts.append(f"{t('risk.col.days_late')}: {int(row.days_late)}")
    if row.score is not None and np.isfinite(row.score):
        parts.append(f"{t('risk.col.nps')}: {int(row.score)}")
    return " · ".join(parts)


risk_customer.sync(ctx)   # the story's customer by real id or, in anonymised mode, by pseudonym number
DRAW = {"scores": scores_tab, "watch": watch_tab, "proof": proof_tab, "survival": survival_tab,
        "complaints": lambda: risk_complaints.draw(ctx, a, settings), "story": story_tab}
# A link with ?customer=ID opens the story unless it names another tab: the session's first run
# writes the story into the URL, and from then on the URL names the open tab whenever it holds a
# customer (ui.tabs leaves the first tab out of the URL, so the page names that one itself).
if "_risk_link_read" not in st.session_state:
    st.session_state["_risk_link_read"] = True
    if risk_customer.linked() and "risk_tab" not in st.query_params:
        st.query_params["risk_tab"] = "story"
tabs = ui.tabs("risk_tab", TABS, lambda k: t(f"risk.tab.{k}"))
if tabs["scores"].open and risk_customer.linked():
    st.query_params["risk_tab"] = "scores"  # named: without it, the customer's link would open the story
for name, container in tabs.items():
    if container.open:
        with container:
            DRAW[name]()
