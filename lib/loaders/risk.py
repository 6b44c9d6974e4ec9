"""Loaders of the risk page (lib/risk/). Every result is keyed by the dataset, the as-of date or
cutoff and the page's settings; the ones built on the assessment call its loader."""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import numpy as np
import pandas as pd

from lib import lifecycle as lc
from lib import metrics, risk, stats
from lib.charts import lifecycle as lc_charts
from lib.i18n import fmt_date, fmt_int, fmt_num, fmt_p, fmt_pct, t
from lib.loaders import DatasetKey, cached, con
from lib.loaders import lifecycle as lifecycle_loaders
from lib.loaders import metrics as metrics_loaders
from lib.risk import complaints


@cached
def assessment(key: DatasetKey, as_of: date, settings: risk.Settings) -> risk.Assessment:
    """Signals of every customer not lost at ``as_of`` (active or sleeping) and the model that
    scores them."""
    return risk.assess(con(key), key.dataset_id, as_of, settings)


@cached
def scores(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights) -> risk.Scores:
    """Score, contributions and drivers of every customer of the assessment."""
    return risk.score(assessment(key, as_of, settings), weights)


@cached
def score_histogram(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights,
                    cuts: tuple[float, float]) -> pd.DataFrame:
    """Customers per 5-point score bin with the bin's band."""
    return risk.score_histogram(scores(key, as_of, settings, weights).score, cuts)


@cached
def signal_summary(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights) -> pd.DataFrame:
    """Per signal: customers flagged, mean contribution, model weight and p-value."""
    return risk.signal_summary(assessment(key, as_of, settings), scores(key, as_of, settings, weights))


@cached
def customer_info(key: DatasetKey) -> pd.DataFrame:
    """Name, segment, region, channel, account manager and first contact per customer."""
    return risk.customer_info(con(key), key.dataset_id)


@cached
def watch(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights,
          basis: str = metrics.DEFAULT_VALUE_BASIS) -> pd.DataFrame:
    """Every scored customer with value and value group on ``basis``, probability of loss and
    revenue at risk (the watch list)."""
    groups = metrics_loaders.value_groups(key, as_of, basis)
    return risk.watch_frame(assessment(key, as_of, settings), scores(key, as_of, settings, weights), groups,
                            customer_info(key))


@cached
def watch_summary(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights, basis: str,
                  level: float, n: int) -> risk.WatchSummary:
    """The quadrants, the heat map's cells and the first ``n`` of "high value, high risk" (the
    story's watch step: a few kB to read back instead of the whole list)."""
    return risk.watch_summary(watch(key, as_of, settings, weights, basis), level, n)


@cached
def quadrant_grid(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights,
                  basis: str = metrics.DEFAULT_VALUE_BASIS) -> pd.DataFrame:
    """Customers per cell of value x score, for the quadrant heat map."""
    return risk.quadrant_grid(watch(key, as_of, settings, weights, basis))


@cached
def quadrants(key: DatasetKey, as_of: date, settings: risk.Settings, weights: risk.Weights,
              level: float, basis: str = metrics.DEFAULT_VALUE_BASIS) -> pd.DataFrame:
    """Customers, value, revenue at risk and 12-month revenue per value x risk quadrant."""
    return risk.quadrants(watch(key, as_of, settings, weights, basis), level)


@cached
def backtest(key: DatasetKey, cutoff: date, settings: risk.Settings, weights: risk.Weights) -> risk.Backtest:
    """The out-of-time test at ``cutoff``, with the lead-time sample."""
    return risk.backtest(con(key), key.dataset_id, cutoff, settings, weights)


@cached
def lead_times(key: DatasetKey, cutoff: date, settings: risk.Settings, weights: risk.Weights,
               level: float) -> pd.DataFrame:
    """Per sampled lost customer of the backtest: days from the first flag at ``level`` to the loss."""
    return risk.lead_times(backtest(key, cutoff, settings, weights), level)


@cached
def lifetimes(key: DatasetKey, start: date, as_of: date, rules: lc.Thresholds) -> pd.DataFrame:
    """Customers active at ``start`` followed to their first loss or to ``as_of``."""
    return risk.lifetimes(con(key), key.dataset_id, start, as_of, rules)


@cached
def survival(key: DatasetKey, start: date, as_of: date, rules: lc.Thresholds, by: str) -> risk.SurvivalGroups:
    """Kaplan-Meier curves, median lifetimes and the log-rank test of the lifetimes by ``by``
    (a column of the lifetimes, or 'value_group': the value group at ``start``)."""
    life = lifetimes(key, start, as_of, rules)
    if by == "value_group":
        life = risk.with_value_groups(life, metrics_loaders.customer_metrics(key, start).frame)
    return risk.survival_by(life, by)


@cached
def story(key: DatasetKey, customer_id: str, as_of: date, settings: risk.Settings,
          weights: risk.Weights) -> risk.Story:
    """One customer's story, scored with the assessment's model (or the rule ``weights``)."""
    scorer = assessment(key, as_of, settings).scorer(weights)
    return risk.story(con(key), key.dataset_id, customer_id, as_of, settings, scorer,
                      stages=metrics_loaders.stages(key, as_of, settings.rules))


def segments(key: DatasetKey) -> tuple[str, ...]:
    """The dataset's named segments (the complaint tab's choice)."""
    return tuple(x for x in lifecycle_loaders.dimensions(key)["segment"] if x)


@cached
def complaint_handling(key: DatasetKey, as_of: date, rules: lc.Thresholds,
                       choice: complaints.Handling) -> complaints.HandlingResult:
    """Churn by how complaints were handled (none / well and fast / badly or slowly), tested."""
    return complaints.handling(con(key), key.dataset_id, as_of, lifecycle_loaders.stages(key, as_of, rules),
                               lifecycle_loaders.stage_codes(key, lc.months_back(as_of, 12), rules), choice)


# --- the complaint tab's texts (plain functions: the result above is cached) ------------------------------

def p_phrase(p: float, lang: str) -> str:
    """'= 0.0123' or '< 0.0001' (n/a when missing)."""
    text = fmt_p(p, lang)
    return text if text.startswith("<") or not np.isfinite(p) else f"= {text}"


def _span(res: complaints.HandlingResult, lang: str) -> dict:
    return {"start": fmt_date(res.start + timedelta(days=1), lang), "end": fmt_date(res.end, lang)}


def complaint_empty(res: complaints.HandlingResult, choice: complaints.Handling, lang: str) -> str | None:
    """Why there is nothing to compare (no complaint in the window, or none with an outcome: the
    sentence names the fields to import), or None."""
    n, kinds = int(res.summary["complaints"]), t(f"complaints.kinds_text.{choice.kinds}", lang)
    if n == 0:
        return t("complaints.none_in_window", lang, kinds=kinds, **_span(res, lang))
    if int(res.summary["any_outcome"]) == 0:
        return t("complaints.no_outcomes", lang, n=fmt_int(n, lang), kinds=kinds, **_span(res, lang))
    return None


def complaint_metrics(res: complaints.HandlingResult, choice: complaints.Handling,
                      lang: str) -> list[tuple[str, str, str]]:
    """The headline figures of the complaints in the window: (label, value, definition) each."""
    s, n, days = res.summary, int(res.summary["complaints"]), choice.fast_days
    median = s["median_days"]
    return [
        (t("complaints.m.count", lang), fmt_int(n, lang), t("complaints.m.count.help", lang, **_span(res, lang))),
        (t("complaints.m.resolved", lang), fmt_pct(s["resolved"] / n, lang), t("complaints.m.resolved.help", lang)),
        (t("complaints.m.fast", lang, days=days), fmt_pct(s["fast"] / n, lang),
         t("complaints.m.fast.help", lang, days=days)),
        (t("complaints.m.median", lang), fmt_num(median, lang, 1) if median is not None and median == median else "—",
         t("complaints.m.median.help", lang)),
        (t("complaints.m.satisfied", lang), fmt_pct(s["satisfied"] / s["rated"] if s["rated"] else None, lang),
         t("complaints.m.satisfied.help", lang, rated=fmt_int(s["rated"], lang))),
    ]


def complaint_definition(res: complaints.HandlingResult, choice: complaints.Handling, lang: str) -> str:
    """Who is compared, how they are grouped and what lost means."""
    return t("complaints.definition", lang, kinds_dat=t(f"complaints.kinds_dat.{choice.kinds}", lang),
             days=choice.fast_days, **_span(res, lang))


def complaint_verdict(res: complaints.HandlingResult, lang: str) -> str:
    """The sentence on "complaints are a chance" (:func:`lib.risk.complaints.verdict`) with the numbers."""
    g = res.groups.set_index("grp")
    gb = res.pairs.set_index(["a", "b"]).loc[("good", "bad")]
    return t(f"complaints.verdict.{res.verdict}", lang, good=fmt_pct(g.at["good", "rate"], lang),
             bad=fmt_pct(g.at["bad", "rate"], lang), none=fmt_pct(g.at["none", "rate"], lang),
             diff=fmt_num(100 * gb["diff"], lang, 1), p=p_phrase(gb["p_holm"], lang), min=complaints.MIN_GROUP,
             n_good=fmt_int(g.at["good", "customers"], lang), n_bad=fmt_int(g.at["bad", "customers"], lang))


def complaint_test(res: complaints.HandlingResult, lang: str) -> str:
    """The chi-square test of the three groups in words."""
    if not np.isfinite(res.p_value):
        return t("complaints.test.none", lang)
    return t("complaints.test", lang, chi2=fmt_num(res.chi2, lang, 1), df=res.df, p=p_phrase(res.p_value, lang),
             verdict=t(f"risk.evidence.{stats.evidence(res.p_value)}", lang))


def complaint_tables(res: complaints.HandlingResult, lang: str) -> tuple[alt.LayerChart, pd.DataFrame, pd.DataFrame]:
    """The chart of the groups' loss rates (the danger points' bars), the groups table and the
    pairwise table, labelled and formatted in ``lang``."""
    shown = res.groups.loc[res.groups["customers"] > 0].reset_index(drop=True)
    shown = shown.assign(label=shown["grp"].map(lambda k: t(f"complaints.grp.{k}", lang)),
                         text=[f"{fmt_int(k, lang)} / {fmt_int(n, lang)}" for k, n in zip(shown["lost"], shown["customers"])],
                         few=shown["customers"] < lc.MIN_CUSTOMERS)
    groups = pd.DataFrame({
        t("complaints.col.group", lang): shown["label"],
        t("complaints.col.customers", lang): [fmt_int(x, lang) for x in shown["customers"]],
        t("complaints.col.lost", lang): [fmt_int(x, lang) for x in shown["lost"]],
        t("complaints.col.rate", lang): [f"{fmt_pct(r, lang)} ({fmt_pct(lo, lang)}–{fmt_pct(hi, lang)})"
                                         for r, lo, hi in zip(shown["rate"], shown["low"], shown["high"])],
    })
    pairs = res.pairs.dropna(subset=["p"])

    def pp(d, lo, hi):
        return t("complaints.pp", lang, value=f"{fmt_num(100 * d, lang, 1)} ({fmt_num(100 * lo, lang, 1)} – "
                                               f"{fmt_num(100 * hi, lang, 1)})")

    table = pd.DataFrame({
        t("complaints.col.pair", lang): [t("complaints.pair", lang, a=t(f"complaints.grp.{x}", lang),
                                           b=t(f"complaints.grp.{y}", lang)) for x, y in zip(pairs["a"], pairs["b"])],
        t("complaints.col.diff", lang): [pp(*x) for x in zip(pairs["diff"], pairs["low"], pairs["high"])],
        t("complaints.col.p", lang): [fmt_p(x, lang) for x in pairs["p"]],
        t("complaints.col.p_holm", lang): [fmt_p(x, lang) for x in pairs["p_holm"]],
        t("complaints.col.reading", lang): [t("complaints.reading." + ("yes" if x < stats.ALPHA else "no"), lang)
                                            for x in pairs["p_holm"]],
    })
    chart = lc_charts.evidence_bars(shown, labels={
        "group": t("complaints.col.group", lang), "rate": t("complaints.lost12", lang),
        "customers": t("complaints.col.customers", lang), "lost": t("complaints.col.lost", lang),
        "low": t("lifecycle.danger.low", lang), "high": t("lifecycle.danger.high", lang)})
    return chart, groups, table
