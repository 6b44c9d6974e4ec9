"""The story's value steps: how concentrated the value is (ABC, Lorenz; the value page's history
tab with the 12-month revenue and the top 20 %)."""
from __future__ import annotations

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
