"""The story's value steps: how concentrated the value is (ABC, Lorenz; the value page's history
tab with the 12-month revenue and the top 20 %), and high versus low value with their treatment (the
split tab: the top 20 % by predicted CLV, the default CLV settings and treatment plan)."""
from __future__ import annotations

import pandas as pd

from lib import value
from lib.charts import value as charts
from lib.i18n import fmt_amount, fmt_int, fmt_num, fmt_pct, t
from lib.story.core import Slide, Step, builder, empty_slide
from lib.story.source import Source

BASIS = "revenue_12m"
TOP = 0.20


@builder("concentration")
def concentration_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    conc = src.concentration(BASIS)
    if conc.total <= 0:
        return empty_slide(number, step, lang, "story.concentration.none")
    chart = charts.lorenz(conc.lorenz, customer_share=t("value.customer_share", lang),
                          revenue_share=t("value.revenue_share", lang), equality=t("value.equality", lang),
                          marker=TOP).properties(height=420)
    abc = conc.abc.set_index("abc")
    n = int(abc["size"].sum())
    takeaway = t("value.top_sentence", lang, pct=fmt_pct(TOP, lang, 0), share=fmt_pct(conc.top_share(TOP), lang, 0))
    caption = t("story.concentration.caption", lang, a=fmt_int(abc.loc["A", "size"], lang),
                a_share=fmt_pct(abc.loc["A", "size"] / n if n else 0, lang, 0), gini=fmt_num(conc.gini, lang, 2),
                total=fmt_amount(conc.total, lang))
    return Slide(number, step.id, t("story.concentration.title", lang), takeaway, chart, caption,
                 (t("story.concentration.def", lang), t("value.lorenz.caption", lang), t("value.abc.caption", lang),
                  t("value.gini.help", lang)))


SETTINGS = value.ClvSettings()
RULE = value.SplitRule("clv_top", 20.0)


@builder("high_low")
def high_low_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    cuts = src.default_cuts()
    frame = src.with_clv(SETTINGS, cuts)
    high = src.high_value(SETTINGS, cuts, RULE)
    if frame.empty or high.all() or not high.any():
        return empty_slide(number, step, lang, "value.split.one_group")
    rev = frame["revenue_12m"].clip(lower=0).to_numpy(dtype=float)
    clv = frame["clv"].clip(lower=0).to_numpy(dtype=float)
    shares = {"customers": (high.mean(), 1 - high.mean()),
              "revenue": (rev[high].sum() / max(rev.sum(), 1e-9), rev[~high].sum() / max(rev.sum(), 1e-9)),
              "clv": (clv[high].sum() / max(clv.sum(), 1e-9), clv[~high].sum() / max(clv.sum(), 1e-9))}
    groups = {g: t(f"value.group.{g}", lang) for g in ("high", "low")}
    mix = pd.DataFrame([{"category": t(f"story.high_low.{k}", lang), "group": groups[g], "share": v[i]}
                        for k, v in shares.items() for i, g in enumerate(("high", "low"))])
    chart = charts.group_mix(mix, category="", share=t("story.high_low.share", lang),
                             group=t("value.col.group", lang))
    takeaway = t("value.split.summary", lang, high=fmt_int(int(high.sum()), lang),
                 high_pct=fmt_pct(high.mean(), lang, 0), rev_share=fmt_pct(shares["revenue"][0], lang, 0),
                 clv_share=fmt_pct(shares["clv"][0], lang, 0))
    tests = {g.metric: g for g in src.group_tests(SETTINGS, cuts, RULE)}
    orders = tests.get("orders_12m")
    plan = pd.DataFrame({
        t("value.col.group", lang): [groups["high"], groups["low"]],
        t("value.col.treatment", lang): [", ".join(t(f"value.instrument.{i}", lang) for i in value.DEFAULT_PLAN[g])
                                         for g in ("high", "low")]})
    caption = t("story.high_low.caption", lang,
                high_orders=fmt_num(orders.high, lang, 0) if orders and orders.high is not None else "—",
                low_orders=fmt_num(orders.low, lang, 0) if orders and orders.low is not None else "—",
                horizon=SETTINGS.horizon_months)
    return Slide(number, step.id, t("story.high_low.title", lang), takeaway, chart, caption,
                 (t("story.high_low.def", lang, horizon=SETTINGS.horizon_months), t("value.abc.caption", lang)), plan)
