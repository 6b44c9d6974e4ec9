"""The story's last step: what-if (lib/whatif.py) - today's customers projected over 36 months on the
dataset's own rates, today's course against a facilitator's example (:data:`lib.whatif.STORY_LEVERS`:
5 points less churn, 5 points more won back, 20 % more of the high-value customers kept); the win-back
page's what-if panel with those sliders."""
from __future__ import annotations

from lib import whatif
from lib.i18n import fmt_date, fmt_money, fmt_num, fmt_pct, t
from lib.story.core import Slide, Step, builder, empty_slide
from lib.story.source import Source

LEVERS = whatif.STORY_LEVERS


@builder("whatif")
def whatif_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    b = src.whatif_baseline()
    if b.problem:
        return empty_slide(number, step, lang, f"whatif.problem.{b.problem}", as_of=fmt_date(src.as_of, lang))
    proj = src.whatif_projection(LEVERS)
    h = whatif.horizons(proj).set_index("months")
    high, low = b.groups["high"], b.groups["low"]
    r = whatif.rates(b, LEVERS).set_index("group")
    caption = t("story.whatif.caption", lang, churn=fmt_num(LEVERS.churn_pp, lang, 0),
                winback=fmt_num(LEVERS.winback_pp, lang, 0), keep=fmt_num(LEVERS.keep_high_pct, lang, 0),
                d12=fmt_money(h.loc[12, "delta_revenue"], lang), d24=fmt_money(h.loc[24, "delta_revenue"], lang),
                d36=fmt_money(h.loc[36, "delta_revenue"], lang))
    assumptions = t("story.whatif.assumptions", lang, loss_high=fmt_pct(high.annual_loss, lang),
                    loss_low=fmt_pct(low.annual_loss, lang), s_loss_high=fmt_pct(r.loc["high", "annual_loss"], lang),
                    s_loss_low=fmt_pct(r.loc["low", "annual_loss"], lang), winback=fmt_pct(b.annual_winback, lang),
                    s_winback=fmt_pct(r.loc["high", "annual_winback"], lang))
    return Slide(number, step.id, t("story.whatif.title", lang), whatif.takeaway(b, proj, LEVERS, lang),
                 whatif.chart(proj, lang), caption + " " + assumptions,
                 (t("story.whatif.def", lang), assumptions,
                  t("whatif.model", lang, discount=fmt_pct(b.discount_rate, lang, 0)).replace("**", "")))
