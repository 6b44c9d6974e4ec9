"""The story's win-back steps: why customers left (the loss reasons' Pareto), what win-back achieved
against control groups, and second loyalty (do won-back customers stay?). The win-back page's
causes, success and loyalty tabs with its default settings: the twelve months up to the as-of date,
all campaigns, a contact counts as won back with a purchase within 90 days."""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib import recovery
from lib.charts import recovery as charts
from lib.i18n import STRINGS, fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct, t
from lib.story.core import Slide, Step, builder, empty_slide
from lib.story.source import Source

N_DAYS = recovery.DEFAULT_N
#: reasons that are none: a loss without a stated reason
UNSTATED = ("silent_loss", "no_reason", "")


def label(prefix: str, key, lang: str) -> str:
    """A reason's or measure's label where there is one, else the value as recorded (the
    company's own words), as the win-back page names them."""
    if key is None or (isinstance(key, float) and np.isnan(key)) or key == "":
        return t("recovery.unknown", lang)
    full = f"recovery.{prefix}.{key}"
    return t(full, lang) if full in STRINGS else str(key)


def period(src: Source):
    first = src.available().first_date or src.as_of
    return recovery.default_period(src.as_of, first)


def points(x: float, lang: str) -> str:
    """A difference of two rates in percentage points: '+12.3'."""
    return ("+" if x > 0 else "") + fmt_num(100 * x, lang, 1)


@builder("reasons")
def reasons_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    start, end = period(src)
    lost = src.losses_in(start, end)
    if lost.empty:
        return empty_slide(number, step, lang, "story.reasons.none", start=fmt_date(start, lang), end=fmt_date(end, lang))
    par = recovery.pareto(lost, "customers")
    par["label"] = [label("reason", r, lang) for r in par["reason"]]
    chart = charts.pareto(par, reason=t("recovery.reason", lang), value=t("recovery.pareto.customers", lang),
                          cumulative=t("recovery.pareto.cumulative", lang))
    total = int(par["customers"].sum())
    stated = par.loc[~par["reason"].isin(UNSTATED) & par["reason"].notna()]
    silent = float(par.loc[par["reason"].isin(UNSTATED) | par["reason"].isna(), "share"].sum())
    values = dict(n=fmt_int(total, lang), start=fmt_date(start, lang), end=fmt_date(end, lang),
                  silent=fmt_pct(silent, lang, 0))
    if stated.empty:
        takeaway = t("story.reasons.takeaway_silent", lang, **values)
    else:
        top = stated.iloc[0]
        takeaway = t("story.reasons.takeaway", lang, reason=top["label"], share=fmt_pct(top["share"], lang, 0), **values)
    by_revenue = recovery.pareto(lost, "revenue")
    caption = t("story.reasons.caption", lang, reason=label("reason", by_revenue["reason"].iloc[0], lang),
                share=fmt_pct(by_revenue["share"].iloc[0], lang, 0),
                revenue=fmt_money(float(par["revenue"].sum()), lang))
    return Slide(number, step.id, t("story.reasons.title", lang), takeaway, chart, caption,
                 (t("story.reasons.def", lang), t("recovery.pareto.caption", lang)))


@builder("winback")
def winback_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    start, end = period(src)
    chosen = src.chosen(N_DAYS, start, end)
    if chosen.empty:
        return empty_slide(number, step, lang, "story.winback.none", start=fmt_date(start, lang), end=fmt_date(end, lang))
    total = src.effect(N_DAYS, start, end)
    eff = src.effects(N_DAYS, start, end, "measure").copy()
    eff["label"] = [label("measure", m, lang) for m in eff["measure"]]
    groups = [t("recovery.group.treatment", lang), t("recovery.group.control", lang)]
    bars = pd.concat([
        pd.DataFrame({"label": eff["label"], "group": groups[0], "rate": eff["rate_t"], "lo": eff["lo_t"],
                      "hi": eff["hi_t"], "n": eff["n_t"]}),
        pd.DataFrame({"label": eff["label"], "group": groups[1], "rate": eff["rate_c"], "lo": eff["lo_c"],
                      "hi": eff["hi_c"], "n": eff["n_c"]}),
    ], ignore_index=True).dropna(subset=["rate"])
    chart = charts.rate_bars(bars, label=t("recovery.view.measure", lang), rate=t("recovery.col.rate", lang),
                             group=t("recovery.group", lang), contacts=t("recovery.col.contacts", lang), groups=groups)
    if total.uplift is not None:
        takeaway = t("story.winback.takeaway", lang, rate_t=fmt_pct(total.treated.p, lang, 0),
                     rate_c=fmt_pct(total.control.p, lang, 0), n=fmt_int(total.treated.n, lang), days=N_DAYS,
                     uplift=points(total.uplift.diff, lang), wins=fmt_num(total.incremental_wins, lang, 0))
    else:
        takeaway = t("story.winback.takeaway_no_control", lang, rate_t=fmt_pct(total.treated.p, lang, 0),
                     n=fmt_int(total.treated.n, lang), days=N_DAYS)
    caption = t("story.winback.caption", lang, start=fmt_date(start, lang), end=fmt_date(end, lang), days=N_DAYS,
                lo=points(total.uplift.lo, lang) if total.uplift else "—",
                hi=points(total.uplift.hi, lang) if total.uplift else "—")
    return Slide(number, step.id, t("story.winback.title", lang), takeaway, chart, caption,
                 (t("story.winback.def", lang), t("recovery.col.uplift.help", lang)))


@builder("loyalty")
def loyalty_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    loy = src.loyalty()
    if loy.returns.empty or loy.curves.empty:
        return empty_slide(number, step, lang, "story.loyalty.none")
    won, ctrl = recovery.rechurn(loy.returns), recovery.rechurn(loy.matched)
    names = {"won_back": t("recovery.loyalty.won_back_group", lang), "never_lost": t("recovery.loyalty.never_lost", lang)}
    curves = loy.curves.assign(group=loy.curves["grp"].map(names))
    chart = charts.survival(curves, days=t("recovery.loyalty.days", lang), share=t("recovery.loyalty.share", lang),
                            group=t("recovery.group", lang), at_risk=t("recovery.loyalty.at_risk", lang),
                            groups=[names["won_back"], names["never_lost"]])
    if won.n and ctrl.n:
        takeaway = t("story.loyalty.takeaway", lang, won=fmt_pct(won.p, lang, 0), ctrl=fmt_pct(ctrl.p, lang, 0),
                     n=fmt_int(won.n, lang))
    else:
        takeaway = t("story.loyalty.takeaway_short", lang, n=fmt_int(len(loy.returns), lang))
    change = recovery.value_change(loy.returns)
    caption = t("story.loyalty.caption", lang, matched=fmt_int(len(loy.matched), lang),
                kept=fmt_pct(change["share_kept"], lang, 0) if change["n"] else "—")
    return Slide(number, step.id, t("story.loyalty.title", lang), takeaway, chart, caption,
                 (t("story.loyalty.def", lang), t("recovery.loyalty.rechurn.help", lang)))
