"""Side by side: two datasets, or two segments / regions / channels / cohorts of one dataset, at the
sidebar's as-of date: headline numbers with every difference tested, then the lifecycle curve,
retention, revenue and concentration, churn and stages, and win-back. Only the open tab is drawn."""
import math

import numpy as np
import pandas as pd
import streamlit as st

from lib import compare, recovery, survival, ui
from lib import lifecycle as lc
from lib.charts import compare as charts
from lib.charts import risk as risk_charts
from lib.i18n import fmt_amount, fmt_date, fmt_int, fmt_num, fmt_p, fmt_pct, md_text
from lib.loaders import available
from lib.loaders import compare as load
from lib.loaders import lifecycle as lifecycle_load

ctx = ui.context()
lang = ctx.lang
t = ctx.t

st.title(t("compare.title"))
st.markdown(t("compare.intro", dataset=md_text(ctx.dataset), as_of=fmt_date(ctx.as_of, lang)))

# --- what is compared: kind and the two values, all in the URL ------------------------------------------
catalog = ui.datasets()
names = [str(n) for n, last in zip(catalog["name"], catalog["last_date"]) if pd.notna(last)]
default_kind = "datasets" if len(names) > 1 else "segment"
c1, c2, c3 = ui.settings_box(ctx, t("present.settings")).columns([1.2, 1, 1])
kind = c1.selectbox(t("compare.kind"), compare.KINDS, key="cmp_kind", help=t("compare.kind.help"),
                    format_func=lambda k: t(f"compare.kind.{k}"),
                    on_change=ui.url_state("cmp_kind", default_kind, options=compare.KINDS)) or default_kind

if kind == "datasets":
    options = tuple(names)
    pair = compare.default_pair(options, ctx.dataset)
else:
    options = compare.choices(load.dimensions(ctx.key), kind)
    pair = compare.default_pair(options)


def label(value: str) -> str:
    """A side's value as the page shows it (a dataset's or segment's name as stored)."""
    if kind == "datasets":
        return value
    if kind == "cohort_quarter":
        return t("compare.quarter", year=value[:4], quarter=value[-1])
    return value if value else t("compare.unknown")


if kind == "datasets" and len(options) < 2:
    st.info(t("compare.one_dataset", dataset=md_text(ctx.dataset)))
    st.stop()
if len(options) < 2:
    found = ", ".join(md_text(label(v)) for v in options) or t("compare.none_found")
    st.info(t("compare.few_values", dataset=md_text(ctx.dataset), kind=t(f"compare.kind.{kind}"), found=found))
    st.stop()

picked = []
for col, side, default in ((c2, "a", pair[0]), (c3, "b", pair[1])):
    picked.append(col.selectbox(t(f"compare.side_{side}"), options, key=f"cmp_{side}", format_func=label,
                                help=t("compare.side.help"),
                                on_change=ui.url_state(f"cmp_{side}", default, options=options,
                                                       valid=lambda v: v in options)))
value_a, value_b = (v if v in options else d for v, d in zip(picked, pair))
side_names = [t("compare.side_name", side="A", label=label(value_a)),
              t("compare.side_name", side="B", label=label(value_b))]
if value_a == value_b:
    st.info(t("compare.same", label=md_text(label(value_a))))
    st.stop()

# --- the two sides: dataset keys and filters ------------------------------------------------------------
if kind == "datasets":
    keys = []
    for name in (value_a, value_b):
        key = ctx.key if name == ctx.dataset else ui.dataset_key(name, lang)
        if key is None:
            st.warning(t("compare.no_dataset", name=md_text(name)))
            st.stop()
        keys.append(key)
else:
    keys = [ctx.key, ctx.key]
filters = [compare.filters_for(kind, value_a), compare.filters_for(kind, value_b)]
ranges = [(available(k).first_date, available(k).last_date) for k in keys]
for (first, last), name in zip(ranges, (value_a, value_b)):
    if first is None or ctx.as_of < first:
        st.info(t("compare.before_start", name=md_text(name), first=fmt_date(first, lang), as_of=fmt_date(ctx.as_of, lang)))
        st.stop()
    if kind == "datasets" and ctx.as_of > last:
        st.warning(t("compare.after_end", name=md_text(name), last=fmt_date(last, lang), as_of=fmt_date(ctx.as_of, lang),
                     days=fmt_int((ctx.as_of - last).days, lang)))
first_common = max(first for first, _ in ranges)
starts = [compare.retention_start(kind, v, first_common, ctx.as_of) for v in (value_a, value_b)]
follows = [(ctx.as_of - s).days if s else 0 for s in starts]

with st.spinner(t("msg.loading")):
    result = load.comparison(keys[0], filters[0], starts[0], keys[1], filters[1], starts[1], ctx.as_of)
a, b = result.a, result.b
for side, figures, value in (("A", a, value_a), ("B", b, value_b)):
    if figures.customers == 0:
        st.info(t("compare.empty_side", side=side, label=md_text(label(value)), as_of=fmt_date(ctx.as_of, lang)))
        st.stop()


# --- formatting ---------------------------------------------------------------------------------------------
def fmt(value: float, unit: str) -> str:
    if value is None or not math.isfinite(value):
        return t("kpi.na")
    return {"count": lambda: fmt_int(value, lang), "money": lambda: fmt_amount(value, lang),
            "share": lambda: fmt_pct(value, lang), "ratio": lambda: fmt_num(value, lang, 3)}[unit]()


def signed(value: float, unit: str) -> str:
    """A difference with its sign; shares in percentage points."""
    if value is None or not math.isfinite(value):
        return t("kpi.na")
    plus = "+" if value > 0 else ""
    if unit == "share":
        return t("compare.pp", value=plus + fmt_num(value * 100, lang, 1))
    return plus + fmt(value, unit)


def start_text(day) -> str:
    return fmt_date(day, lang) if day else t("compare.ret.open_short")


starts_text = (start_text(starts[0]) if starts[0] == starts[1]
               else t("compare.starts", a=start_text(starts[0]), b=start_text(starts[1])))


def not_observed() -> None:
    """Why a side has no retention after 12 months: its cohort is still open, or too short a follow-up."""
    for i, (name, f, value) in enumerate(zip(side_names, (a, b), (value_a, value_b))):
        if f.retention is not None:
            continue
        if starts[i] is None:
            st.caption(t("compare.ret.open", side=md_text(name),
                         end=fmt_date(compare.cohort_end(kind, value), lang)))
        elif follows[i] < compare.RETENTION_DAYS:
            st.caption(t("compare.not_observed", side=md_text(name), start=fmt_date(starts[i], lang),
                         days=fmt_int(follows[i], lang)))


def p_text(p: float) -> str:
    text = fmt_p(p, lang)
    return text if text.startswith("<") else f"= {text}"


def verdict(d) -> str:
    return t(f"compare.evidence.{d.evidence}")


table = result.table()
tests = result.tests
diff_unit = {m: ("share" if m == "active" else u) for m, u in compare.HEADLINE}
gini_test = tests.get("gini")
definitions = {
    "active": {"share_a": fmt_pct(a.active / a.customers, lang), "share_b": fmt_pct(b.active / b.customers, lang)},
    "churn_rate": {"base_a": fmt_int(a.churn_base, lang), "base_b": fmt_int(b.churn_base, lang)},
    "retention_12m": {"start": starts_text},
    "gini": {"reps": fmt_int(gini_test.reps if gini_test else compare.BOOTSTRAP_REPS, lang),
             "seed": compare.SEED},
    "winback_rate": {"days": recovery.DEFAULT_N},
}

# --- headline numbers -------------------------------------------------------------------------------------
st.subheader(t("compare.headline"))
st.caption(t("compare.headline.caption"))


def interval(row) -> str:
    if not (math.isfinite(row["lo"]) and math.isfinite(row["hi"])):
        return ""
    unit = diff_unit[row["metric"]]
    return f"{signed(row['lo'], unit)} … {signed(row['hi'], unit)}"


shown = pd.DataFrame({
    "metric": [t(f"compare.metric.{m}") for m in table["metric"]],
    "a": [fmt(v, u) for v, u in zip(table["a"], table["unit"])],
    "b": [fmt(v, u) for v, u in zip(table["b"], table["unit"])],
    "diff": [signed(v, diff_unit[m]) for v, m in zip(table["diff"], table["metric"])],
    "interval": [interval(r) for _, r in table.iterrows()],
    "test": [t(f"compare.test.{x or 'none'}") for x in table["test"]],
    "p": [fmt_p(p, lang) if x else "" for p, x in zip(table["p_value"], table["test"])],
    "verdict": [t(f"compare.evidence.{e}") if e else "" for e in table["evidence"]],
})
# one row per figure: its name (definition and test on hover), A, B, the difference with its interval,
# and the test's reading with its p-value
WIDTHS = [2.4, 1.3, 1.3, 2.0, 2.3]
with st.container(border=True):
    head = st.columns(WIDTHS, vertical_alignment="bottom")
    head[0].markdown(f"**{t('compare.col.metric')}**")
    head[1].markdown(f"**{md_text(side_names[0])}**")
    head[2].markdown(f"**{md_text(side_names[1])}**")
    head[3].markdown(f"**{t('compare.col.diff')}**", help=t("compare.col.diff.help") + " " + t("compare.col.interval.help"))
    head[4].markdown(f"**{t('compare.col.verdict')}**", help=t("compare.col.verdict.help") + " " + t("compare.col.p.help"))
    for (_, row), (_, text) in zip(table.iterrows(), shown.iterrows()):
        cells = st.columns(WIDTHS, vertical_alignment="center")
        cells[0].markdown(text["metric"], help=t(f"compare.def.{row['metric']}", **definitions.get(row["metric"], {})))
        cells[1].markdown(f"**{text['a']}**")
        cells[2].markdown(f"**{text['b']}**")
        cells[3].markdown(t("compare.cell.diff", diff=text["diff"], interval=text["interval"]) if text["interval"]
                          else text["diff"])
        cells[4].markdown(t("compare.cell.reading", verdict=text["verdict"], test=text["test"], p=p_text(row["p_value"]))
                          if row["test"] else t("compare.cell.untested", test=text["test"]))
not_observed()
no_winback = [name for name, f in zip((value_a, value_b), (a, b)) if f.winback is None]
if no_winback and kind == "datasets":
    st.caption(t("compare.no_winback_headline", names=", ".join(md_text(n) for n in no_winback)))
elif no_winback:
    st.caption(t("compare.no_winback_headline", names=md_text(ctx.dataset)))
export = pd.DataFrame({
    t("compare.col.metric"): shown["metric"], t("compare.col.unit"): [t(f"compare.unit.{u}") for u in table["unit"]],
    side_names[0]: table["a"].round(4), side_names[1]: table["b"].round(4),
    t("compare.col.diff_unit"): [t(f"compare.unit.{diff_unit[m]}") for m in table["metric"]],
    t("compare.col.diff"): table["diff"].round(4), t("compare.col.diff_lo"): table["lo"].round(4),
    t("compare.col.diff_hi"): table["hi"].round(4), t("compare.col.test"): shown["test"],
    t("compare.col.p"): table["p_value"].round(6), t("compare.col.verdict"): shown["verdict"],
})
st.caption(t("compare.download"))
ui.download(export, f"{t('compare.file')}-{value_a}-{value_b}-{ctx.as_of:%Y-%m-%d}", "cmp_dl", lang)

# --- the details, one tab at a time ---------------------------------------------------------------------------
TABS = ("curve", "retention", "value", "churn", "winback")
tabs = ui.tabs("cmp_tab", TABS, lambda x: t(f"compare.tab.{x}"))
sides = list(zip(("A", "B"), (value_a, value_b), keys, filters, (a, b)))


def curve_tab():
    frames = []
    for side, value, key, flt, _ in sides:
        c = load.curve(key, ctx.as_of, flt)
        if c.empty:
            st.info(t("compare.curve.empty", side=side, label=md_text(label(value))))
            continue
        frames.append(c.assign(side=side_names[0 if side == "A" else 1]))
        peak = c.loc[c["value"].idxmax()]
        st.caption(t("compare.curve.peak", side=md_text(side_names[0 if side == "A" else 1]), month=int(peak["age"]),
                     value=fmt_amount(peak["value"], lang), months=fmt_int(len(c), lang)))
    if frames:
        ui.altair_chart(charts.curves(pd.concat(frames, ignore_index=True), sides=side_names, side=t("compare.col.side"),
                                      month=t("compare.curve.x"), value=t("compare.curve.y"),
                                      customers=t("compare.curve.customers")), width="stretch",
                        title=f"{t('compare.tab.curve')}: {' / '.join(side_names)}", caption=t("compare.curve.caption"))
    st.caption(t("compare.curve.caption"))


def retention_tab():
    for (side, value, _, _, f), name, day in zip(sides, side_names, starts):
        if day is None:
            st.info(t("compare.ret.open", side=md_text(name), end=fmt_date(compare.cohort_end(kind, value), lang)))
            return
        if f.lifetimes.empty:
            st.info(t("compare.ret.none", side=side, label=md_text(label(value)), start=start_text(day)))
            return
    curves = []
    for (_, _, _, _, f), name, follow in zip(sides, side_names, follows):
        grid = np.arange(0, follow + 7, 7, dtype=float)
        curves.append(survival.survival_at(f.km, grid[grid <= follow]).assign(group=name))
    ui.altair_chart(risk_charts.km_curves(pd.concat(curves, ignore_index=True), days=t("compare.ret.days"),
                                          survival=t("compare.ret.survival"), group=t("compare.col.side"),
                                          at_risk=t("compare.ret.at_risk")), width="stretch",
                    title=f"{t('compare.tab.retention')}: {' / '.join(side_names)}",
                    caption=t("compare.ret.caption", start=starts_text))
    st.caption(t("compare.ret.caption", start=starts_text))

    def at_12(f):
        if f.retention is None:
            return t("kpi.na")
        s, lo, hi = f.retention
        return f"{fmt_pct(s, lang)} ({fmt_pct(lo, lang)}–{fmt_pct(hi, lang)})"

    ui.table(pd.DataFrame({
        t("compare.col.side"): side_names,
        t("compare.ret.start"): [start_text(s) for s in starts],
        t("compare.ret.followed"): [len(f.lifetimes) for f in (a, b)],
        t("compare.ret.lost"): [int(f.lifetimes["observed"].sum()) for f in (a, b)],
        t("compare.ret.at_12"): [at_12(f) for f in (a, b)],
    }), key="cmp_retention", lang=lang, stem=f"compare-retention-{ctx.dataset}")
    not_observed()
    for name, f, day in zip(side_names, (a, b), starts):
        if len(f.lifetimes) < lc.MIN_CUSTOMERS:
            st.caption(t("compare.ret.few", side=md_text(name), n=fmt_int(len(f.lifetimes), lang),
                         start=start_text(day), min=lc.MIN_CUSTOMERS))
    d = tests["retention_12m"]
    if d is not None:
        st.markdown(t("compare.logrank", chi2=fmt_num(d.statistic, lang, 2), p=p_text(d.p_value), verdict=verdict(d)))


def value_tab():
    lorenz = pd.concat([f.concentration.lorenz.assign(side=name) for f, name in zip((a, b), side_names)],
                       ignore_index=True)
    ui.table(pd.DataFrame({
        "side": side_names,
        "gini": [f.concentration.gini for f in (a, b)],
        "top20": [f.concentration.top_share(0.2) for f in (a, b)],
        "median": [float(np.median(f.revenue_active)) if f.revenue_active.size else math.nan for f in (a, b)],
    }), key="cmp_value", lang=lang, stem=f"compare-value-{ctx.dataset}",
        formats={"gini": "num:3", "top20": "pct", "median": "money"}, column_config={
        "side": t("compare.col.side"),
        "gini": st.column_config.TextColumn(t("compare.metric.gini"), help=t("compare.def.gini", **definitions["gini"])),
        "top20": st.column_config.TextColumn(t("compare.value.top20"), help=t("compare.def.top20_share")),
        "median": st.column_config.TextColumn(t("compare.value.median"), help=t("compare.value.median.help")),
    })
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('compare.value.lorenz')}**")
        ui.altair_chart(charts.lorenz(lorenz, sides=side_names, side=t("compare.col.side"),
                                      customer_share=t("compare.value.customer_share"),
                                      revenue_share=t("compare.value.revenue_share"),
                                      equality=t("compare.value.equality")), width="stretch",
                        title=f"{t('compare.value.lorenz')}: {' / '.join(side_names)}",
                        caption=t("compare.value.lorenz.caption"))
        st.caption(t("compare.value.lorenz.caption"))
    with right:
        value_tests()


def value_tests():
    """The sentences of the Gini bootstrap, the Welch test and the Mann-Whitney test."""
    g, w, mw = tests["gini"], tests["revenue_per_customer"], tests["revenue_distribution"]
    if g is not None:
        st.markdown(t("compare.value.gini_test", diff=signed(g.diff, "ratio"), lo=signed(g.lo, "ratio"),
                      hi=signed(g.hi, "ratio"), reps=fmt_int(g.reps, lang), seed=compare.SEED, p=p_text(g.p_value),
                      verdict=verdict(g)))
    if w is not None:
        st.markdown(t("compare.value.welch", diff=signed(w.diff, "money"), lo=signed(w.lo, "money"),
                      hi=signed(w.hi, "money"), stat=fmt_num(w.statistic, lang, 2), p=p_text(w.p_value),
                      verdict=verdict(w)))
    if mw is not None:
        st.markdown(t("compare.value.mw", a=fmt_amount(float(np.median(a.revenue_active)), lang),
                      b=fmt_amount(float(np.median(b.revenue_active)), lang), stat=fmt_num(mw.statistic, lang, 0),
                      p=p_text(mw.p_value), verdict=verdict(mw)))
    if w is None or mw is None:
        st.caption(t("compare.value.untested"))


def churn_tab():
    empty = [(side, value) for side, value, _, _, f in sides if f.churn_base == 0]
    for side, value in empty:
        st.info(t("compare.churn.none", side=side, label=md_text(label(value))))
    if not empty:
        rows = []
        for name, f in zip(side_names, (a, b)):
            r = f.churn
            rows.append({"side": name, "rate": r.p, "low": r.lo, "high": r.hi, "n": r.n, "k": r.k})
        ui.altair_chart(charts.rates(pd.DataFrame(rows), sides=side_names, side=t("compare.col.side"),
                                     rate=t("compare.churn.rate"), low=t("compare.churn.low"),
                                     high=t("compare.churn.high"), n=t("compare.churn.base"),
                                     k=t("compare.churn.lost")), width="stretch",
                        title=f"{t('compare.tab.churn')}: {' / '.join(side_names)}", caption=t("compare.churn.caption"))
        st.caption(t("compare.churn.caption"))
        d = tests["churn_rate"]
        st.markdown(t("compare.churn.test", diff=signed(d.diff, "share"), lo=signed(d.lo, "share"),
                      hi=signed(d.hi, "share"), p=p_text(d.p_value), verdict=verdict(d)))
    st.markdown(f"**{t('compare.stages')}**")
    mix = []
    for (_, _, key, flt, _), name in zip(sides, side_names):
        table_ = lifecycle_load.stage_table(key, ctx.as_of, load.RULES, flt, lang)
        mix.append(table_.assign(side=name, order=range(len(table_))))
    ui.altair_chart(charts.stage_mix(pd.concat(mix, ignore_index=True), sides=side_names, side=t("compare.col.side"),
                                     stage=t("compare.stages.stage"), share=t("compare.stages.share"),
                                     customers=t("compare.stages.customers"),
                                     definition=t("compare.stages.definition")), width="stretch",
                    title=f"{t('compare.stages')}: {' / '.join(side_names)}", caption=t("compare.stages.caption"))
    st.caption(t("compare.stages.caption"))
    d = tests["stages"]
    if d is not None:
        st.markdown(t("compare.stages.test", chi2=fmt_num(d.statistic, lang, 1), df=d.df, p=p_text(d.p_value),
                      verdict=verdict(d)))


def winback_tab():
    missing = [value if kind == "datasets" else ctx.dataset for _, value, _, _, f in sides if f.winback is None]
    if missing:
        st.info(t("compare.wb.none", names=", ".join(md_text(n) for n in dict.fromkeys(missing))))
        return
    period = recovery.default_period(ctx.as_of, max(first for first, _ in ranges))
    st.caption(t("compare.wb.caption", start=fmt_date(period[0], lang), end=fmt_date(period[1], lang),
                 days=recovery.DEFAULT_N))
    rows = []
    for (side, value, _, _, f), name in zip(sides, side_names):
        e = f.winback
        if e.treated.n == 0:
            st.info(t("compare.wb.no_contacts", side=side, label=md_text(label(value)), start=fmt_date(period[0], lang),
                      end=fmt_date(period[1], lang), days=recovery.DEFAULT_N))
        rows.append({
            t("compare.col.side"): name, t("compare.wb.contacts"): e.treated.n,
            t("compare.wb.won"): e.treated.k,
            t("compare.wb.rate"): (f"{fmt_pct(e.treated.p, lang)} ({fmt_pct(e.treated.lo, lang)}–"
                                   f"{fmt_pct(e.treated.hi, lang)})" if e.treated.n else t("kpi.na")),
            t("compare.wb.control"): fmt_pct(e.control.p, lang) if e.control else t("compare.wb.no_control"),
            t("compare.wb.uplift"): signed(e.uplift.diff, "share") if e.uplift else t("compare.wb.no_control"),
        })
    ui.table(pd.DataFrame(rows), key="cmp_winback", lang=lang, stem=f"compare-winback-{ctx.dataset}")
    d = tests["winback_rate"]
    if d is not None:
        st.markdown(t("compare.wb.test", diff=signed(d.diff, "share"), lo=signed(d.lo, "share"),
                      hi=signed(d.hi, "share"), p=p_text(d.p_value), verdict=verdict(d)))


for tab_id, draw in (("curve", curve_tab), ("retention", retention_tab), ("value", value_tab),
                     ("churn", churn_tab), ("winback", winback_tab)):
    with tabs[tab_id]:
        if tabs[tab_id].open:
            draw()
