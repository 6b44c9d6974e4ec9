"""The win-back page's what-if panel: four sliders (churn rate − points, win-back rate + points, keep more
of the high-value customers, order value ± %), kept in the URL; revenue and customer value of today's
customers over 12, 24 and 36 months, today's course against the scenario, as a chart and a table,
with the assumptions (this dataset's own rates) and the model beside the chart, and the seed figures
for the conversation. Widgets and layout only: the numbers come from lib/loaders/whatif.py
(lib/whatif.py). pages/recovery.py calls :func:`draw` for the open tab."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from lib import ui, whatif
from lib.i18n import fmt_date, fmt_int, fmt_money, fmt_pct
from lib.loaders import whatif as load

#: The sliders: URL key, lever field, range (lo, hi), step; values are whole numbers.
SLIDERS = (("wi_churn", "churn_pp", (0, 20), 1), ("wi_winback", "winback_pp", (0, 20), 1),
           ("wi_high", "keep_high_pct", (0, 100), 5), ("wi_order", "order_value_pct", (-30, 30), 1))
LABELS = {"churn_pp": "churn", "winback_pp": "winback", "keep_high_pct": "high", "order_value_pct": "order"}


def levers_from_state() -> whatif.Levers:
    """The levers the sliders hold (their session state, started from the URL)."""
    return whatif.Levers(**{field: float(st.session_state.get(key, 0)) for key, field, _, _ in SLIDERS})


def draw(ctx: ui.Context, effect=None, n_days: int | None = None, has_winback: bool = True) -> None:
    """The panel for the sidebar's ``ctx``. ``effect`` (:class:`lib.recovery.Effect` of the page's
    chosen contacts judged with ``n_days``, or None) is shown beside the win-back rate for
    comparison; ``has_winback`` False: the dataset has no win-back table."""
    lang = ctx.lang
    t = ctx.t

    def pct(x, digits: int = 1) -> str:
        return fmt_pct(x, lang, digits)

    st.caption(t("whatif.caption"))
    with st.spinner(t("msg.loading")):
        b = load.baseline(ctx.key, ctx.as_of)
    if b.problem:
        st.info(t(f"whatif.problem.{b.problem}", as_of=fmt_date(ctx.as_of, lang)))
        return
    high, low = b.groups["high"], b.groups["low"]

    # --- seed figures for the facilitator -------------------------------------------------------------
    with st.container(border=True):
        st.markdown(f"**{t('whatif.seed.title')}**")
        st.markdown(t("whatif.seed.loss", rate=pct(b.annual_loss), lost=fmt_int(b.lost_in_year, lang),
                      at_risk=fmt_int(b.at_risk, lang), then=fmt_date(b.then, lang),
                      as_of=fmt_date(b.as_of, lang)), help=t("whatif.seed.loss.help"))
        st.markdown(t("whatif.seed.cost", lost=fmt_int(b.lost_in_year, lang),
                      equiv=fmt_int(b.lost_in_year * whatif.SEED_COST_RATIO, lang)))

    # --- the levers (in the URL by language-neutral keys) ---------------------------------------------
    helps = {"churn_pp": t("whatif.lever.churn.help", rate=pct(b.annual_loss)),
             "winback_pp": t("whatif.lever.winback.help", rate=pct(b.annual_winback)),
             "keep_high_pct": t("whatif.lever.high.help", rate=pct(high.annual_loss)),
             "order_value_pct": t("whatif.lever.order.help", high=fmt_money(high.order_value, lang),
                                  low=fmt_money(low.order_value, lang))}
    cols = st.columns(4)
    for col, (key, field, (lo, hi), step) in zip(cols, SLIDERS):
        col.slider(t(f"whatif.lever.{LABELS[field]}"), lo, hi, step=step, key=key,
                   on_change=ui.url_state(key, 0, bounds=(lo, hi)), help=helps[field],
                   format="%+d" if field == "order_value_pct" else "%d")
    levers = levers_from_state()
    with st.spinner(t("msg.loading")):
        proj = load.projection(ctx.key, ctx.as_of, levers)
    st.markdown(f"**{whatif.takeaway(b, proj, levers, lang)}**")

    # --- chart with the assumptions beside it ---------------------------------------------------------
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('whatif.chart.title')}**")
        ui.altair_chart(whatif.chart(proj, lang), width="stretch", title=t("whatif.chart.title"),
                        caption=whatif.takeaway(b, proj, levers, lang))
    with right:
        st.markdown(f"**{t('whatif.assumptions')}**")
        model_text, assumptions = whatif.definitions(b, levers, lang)
        st.markdown(assumptions)
        notes = []
        if b.lost_in_year == 0:
            notes.append(t("whatif.note.no_losses"))
        if b.lost_then == 0:
            notes.append(t("whatif.note.no_lost_then"))
        if not has_winback:
            notes.append(t("whatif.note.no_winback"))
        elif effect is not None and effect.treated.n:
            control = effect.control.p if effect.control is not None and effect.control.n else float("nan")
            notes.append(t("whatif.campaigns", rate_t=pct(effect.treated.p), n=n_days,
                           rate_c=pct(control) if np.isfinite(control) else t("kpi.na"),
                           contacts=fmt_int(effect.treated.n + (effect.control.n if effect.control else 0), lang)))
        for note in notes:
            st.caption(note)

    # --- the table over 12, 24 and 36 months ----------------------------------------------------------
    st.markdown(f"**{t('whatif.table.title')}**")
    h = whatif.horizons(proj)
    helps = {"revenue": t("whatif.col.revenue.help"), "value": t("whatif.col.value.help", rate=pct(b.discount_rate, 0)),
             "customers": t("whatif.col.customers.help")}
    rows = [f"{what}_{kind}" for what in ("revenue", "value") for kind in ("baseline", "scenario", "delta")]
    rows += ["customers_baseline", "customers_scenario"]
    with st.spinner(t("recovery.clv.fitting")):
        clv = load.clv_check(ctx.key, ctx.as_of)
    rows.insert(rows.index("value_scenario"), "value_clv")

    def cell(name: str, v: float) -> str:
        if name.startswith("customers"):
            return fmt_int(v, lang)
        return ("+" if name.endswith("delta") and v > 0 else "") + fmt_money(v, lang)

    source = {name: (f"delta_{name.split('_')[0]}" if name.endswith("_delta") else name) for name in rows}
    table = {t("whatif.col.figure"): [t(f"whatif.col.{name}") for name in rows]}
    for i, months in enumerate(h["months"]):
        table[t("whatif.col.horizon.value", n=months)] = [
            cell(name, clv[int(months)] if name == "value_clv" else h[source[name]].iloc[i]) for name in rows]
    helps["clv"] = t("whatif.col.value_clv.help" if clv["method"] == "model" else "whatif.col.value_clv.fallback")

    def export() -> pd.DataFrame:
        out = proj.copy()
        out["scenario_label"] = out["scenario"].map(lambda s: t(f"whatif.scenario.{s}"))
        return out.round(4)

    # the cells are text already (money and counts in one column per horizon); the download holds the
    # projection month by month
    ui.table(pd.DataFrame(table), key="wi_table", lang=lang, stem=f"whatif-{ctx.dataset}-{ctx.as_of}",
             export=export, rows=len(proj),
             column_config={t("whatif.col.figure"): st.column_config.TextColumn(width="large")})
    st.caption(" ".join(helps.values()))
    st.caption(model_text)
