"""The story's risk steps: the early-warning signals (loss rate with versus without each flag), the
risk score and its proof on history (gains, AUC), and the value x risk watch list (the risk page's
proof and watch tabs with its default settings: 90-day window, the model when the history allows,
the value basis "revenue of 12 months", high risk from twice the average probability of loss)."""
from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from lib import anon, metrics, risk
from lib.charts import risk as charts
from lib.i18n import fmt_amount, fmt_date, fmt_money, fmt_int, fmt_num, fmt_pct, t
from lib.story.core import Slide, Step, builder, empty_slide
from lib.story.source import Source

SETTINGS = risk.Settings()
WEIGHTS = risk.Weights()
BASIS = metrics.DEFAULT_VALUE_BASIS
#: customers with a flag needed before its loss rate is compared
MIN_FLAGGED = 30
#: rows of the watch list on the slide
LISTED = 10


def ratio_text(x: float, lang: str) -> str:
    return fmt_num(x, lang, 1)


def proof(src: Source, step: Step, number: int, lang: str):
    """The backtest the risk page's proof tab shows by default (cutoff one horizon before the as-of
    date), or the slide saying why there is none."""
    first = src.available().first_date
    cutoff = src.as_of - timedelta(days=SETTINGS.horizon)
    if first is None or cutoff < risk.earliest_cutoff(first, SETTINGS):
        return None, empty_slide(number, step, lang, "story.risk.too_short")
    bt = src.backtest(cutoff, SETTINGS, WEIGHTS)
    if bt.customers == 0 or not np.isfinite(bt.auc):
        return None, empty_slide(number, step, lang, "story.risk.too_short")
    return bt, None


def flag_evidence(src: Source, bt: risk.Backtest) -> pd.DataFrame:
    """The signals whose input the dataset holds and that flagged enough customers, by ratio of
    the loss rates with and without the flag, highest first."""
    avail = src.available()
    ev = bt.evidence
    ok = ev.loc[[avail.has(risk.SIGNAL_SOURCE[s]) for s in ev["signal"]]]
    ok = ok.loc[(ok["with_flag"] >= MIN_FLAGGED) & np.isfinite(ok["ratio"]) & (ok["rate_without"] > 0)]
    return ok.sort_values("ratio", ascending=False).reset_index(drop=True)


@builder("signals")
def signals_step(src: Source, number: int, step: Step, lang: str, anon_mode: bool) -> Slide:
    bt, why = proof(src, step, number, lang)
    if bt is None:
        return why
    ok = flag_evidence(src, bt).head(8)
    if ok.empty:
        return empty_slide(number, step, lang, "story.signals.none")
    label = ok["signal"].map(lambda s: t(f"risk.signal.{s}", lang))
    long = pd.concat([
        pd.DataFrame({"label": label, "group": t("risk.with_flag", lang), "rate": ok["rate_with"], "low": ok["low_with"],
                      "high": ok["high_with"], "n": ok["with_flag"], "order": ok.index}),
        pd.DataFrame({"label": label, "group": t("risk.without_flag", lang), "rate": ok["rate_without"],
                      "low": ok["low_without"], "high": ok["high_without"], "n": ok["without_flag"], "order": ok.index}),
    ], ignore_index=True).dropna(subset=["rate"])
    chart = charts.evidence(long, signal=t("risk.col.signal", lang), rate=t("risk.loss_rate", lang), group="")
    top = ok.iloc[0]
    takeaway = t("story.signals.takeaway", lang, signal=label.iloc[0], ratio=ratio_text(top["ratio"], lang),
                 days=SETTINGS.horizon, rate_with=fmt_pct(top["rate_with"], lang, 0),
                 rate_without=fmt_pct(top["rate_without"], lang, 0))
    definitions = (t("risk.evidence.caption", lang),
                   *(f"{t(f'risk.signal.{s}', lang)}: {t(f'risk.signal.{s}.def', lang)}" for s in ok["signal"]))
    return Slide(number, step.id, t("story.signals.title", lang), takeaway, chart,
                 t("story.signals.caption", lang, cutoff=fmt_date(bt.cutoff, lang), n=fmt_int(bt.customers, lang),
                   days=SETTINGS.horizon),
                 definitions)


@builder("score")
def score_step(src: Source, number: int, step: Step, lang: str, anon_mode: bool) -> Slide:
    bt, why = proof(src, step, number, lang)
    if bt is None:
        return why
    g = risk.gains(bt.score, bt.lost, 20)
    gain = float(g.loc[g["share"].round(2) == 0.1, "gain"].iloc[0])
    lift = risk.top_lift(bt.score, bt.lost)
    chart = charts.gains(g, contacted=t("risk.contacted", lang), found=t("risk.found", lang),
                         lift=t("risk.lift", lang), model=t("risk.model_line", lang), chance=t("risk.chance", lang))
    takeaway = t("story.score.takeaway", lang, gain=fmt_pct(gain, lang, 0), days=SETTINGS.horizon,
                 lift=ratio_text(lift, lang), cutoff=fmt_date(bt.cutoff, lang))
    lost = int(bt.lost.sum())
    caption = t("story.score.caption", lang, auc=fmt_num(bt.auc, lang, 2), n=fmt_int(bt.customers, lang),
                lost=fmt_int(lost, lang), cutoff=fmt_date(bt.cutoff, lang),
                method=t(f"story.score.method.{'model' if bt.method == 'logistic' else 'rules'}", lang))
    return Slide(number, step.id, t("story.score.title", lang), takeaway, chart, caption,
                 (t("story.score.def", lang), t("risk.gains.caption", lang), t("risk.auc.help", lang),
                  t("risk.top_decile.help", lang)))


@builder("watch")
def watch_step(src: Source, number: int, step: Step, lang: str, anon_mode: bool) -> Slide:
    sc = src.scores(SETTINGS, WEIGHTS)   # not the assessment: the scores say all this step needs, in a tenth of the bytes
    if not len(sc.score):
        return empty_slide(number, step, lang, "story.too_little")
    level = risk.default_level(sc, risk.default_bands(sc.method)[1])
    summary = src.watch_summary(SETTINGS, WEIGHTS, BASIS, level, LISTED)
    q = summary.quadrants.set_index("quadrant").loc["high_value_high_risk"]
    split = summary.value_split
    basis_label = t(f"risk.value_basis.{BASIS}", lang)
    chart = charts.quadrant_heatmap(summary.grid, level=level, value_split=max(split, 1.0),
                                    value=t("risk.value_axis", lang, basis=basis_label), score=t("risk.score", lang),
                                    customers=t("risk.customers", lang))
    model = sc.method == "logistic"
    listed = summary.top
    if model:
        takeaway = t("story.watch.takeaway", lang, n=fmt_int(q["customers"], lang),
                     rar=fmt_money(float(q["revenue_at_risk"]) if np.isfinite(q["revenue_at_risk"]) else 0.0, lang),
                     value=fmt_money(float(q["value"]), lang))
    else:
        takeaway = t("story.watch.takeaway_rules", lang, n=fmt_int(q["customers"], lang),
                     value=fmt_money(float(q["value"]), lang), level=level)
    table = watch_table(src, listed, lang, anon_mode, model)
    caption = t("story.watch.caption", lang, level=level, avg=fmt_num(float(np.mean(sc.score)), lang, 1),
                split=fmt_money(split, lang), shown=fmt_int(len(listed), lang))
    return Slide(number, step.id, t("story.watch.title", lang), takeaway, chart, caption,
                 (t("story.watch.def", lang), t("risk.col.revenue_at_risk.help", lang),
                  t("risk.value_basis.help", lang)), table)


def watch_table(src: Source, listed: pd.DataFrame, lang: str, anon_mode: bool, model: bool) -> pd.DataFrame:
    """The first customers of the "high value, high risk" quadrant, by revenue at risk: who they
    are (pseudonyms in anonymised mode), their value, probability of loss and top drivers."""
    names = np.array([t(f"risk.signal.{s}", lang) for s in risk.SIGNALS] + [""], dtype=object)
    drivers = [", ".join(x for x in row if x) for row in names[listed[["driver_1", "driver_2", "driver_3"]].to_numpy()]]
    frame = pd.DataFrame({"customer_id": listed["customer_id"].to_numpy(), "name": listed["name"].to_numpy()})
    if anon_mode:
        frame = anon.mask(frame, src.pseudonyms(), lang)
        frame = frame[["customer_id"]]
    out = pd.DataFrame({t("risk.col.customer", lang): frame["customer_id"].to_numpy()})
    if not anon_mode:
        out[t("risk.col.name", lang)] = frame["name"].fillna("").to_numpy()
    out[t("risk.col.value_eur", lang)] = [fmt_amount(x, lang) for x in listed["value"]]
    if model:
        out[t("story.watch.col.p_loss", lang)] = [fmt_pct(x, lang, 0) for x in listed["p_loss"]]
        out[t("story.watch.col.rar", lang)] = [fmt_amount(x, lang) for x in listed["revenue_at_risk"]]
    else:
        out[t("risk.col.score", lang)] = [fmt_num(x, lang, 0) for x in listed["score"]]
    out[t("risk.col.drivers", lang)] = drivers
    return out
