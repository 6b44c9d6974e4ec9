"""Loaders of the lifecycle page (lib/lifecycle/): the frames, and the chart specs drawn from them.

The per-customer frames are cached per dataset, as-of date and thresholds (:func:`stages`, about
50 bytes a customer); everything the filters change aggregates over them (:func:`distribution`,
:func:`trend`, ...) in milliseconds. A chart's spec is cached per everything it shows, the
language included: building the chart (Altair) costs more than the aggregate behind it.

The page's texts that both the page and the charts show (stage, group and month labels) are the
plain functions at the end.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib import lifecycle as lc
from lib import metrics
from lib.charts import lifecycle as charts
from lib.i18n import fmt_int, fmt_num, fmt_p, fmt_pct, t
from lib.loaders import DatasetKey, available, cached, con  # noqa: F401  (available: the page reads it here)
from lib.loaders.metrics import pending_notices
from lib.story.lifecycle import moves_chart, stage_label  # noqa: F401  (stage_label: the page reads it here)


# --- what the dataset offers -------------------------------------------------------------------------

@cached
def dimensions(key: DatasetKey) -> dict[str, tuple]:
    """The values each filter offers: segments, regions, channels and cohorts."""
    return lc.dimensions(con(key), key.dataset_id)


# --- stages --------------------------------------------------------------------------------------------

@cached
def stages(key: DatasetKey, as_of: date, thresholds: lc.Thresholds) -> pd.DataFrame:
    """Every customer's stage at ``as_of`` and the numbers behind it."""
    return lc.stages(con(key), key.dataset_id, as_of, thresholds)


@cached
def stage_codes(key: DatasetKey, as_of: date, thresholds: lc.Thresholds) -> pd.DataFrame:
    """Only cidx and stage of every customer at ``as_of`` (an earlier date of a comparison)."""
    return lc.stage_codes(con(key), key.dataset_id, as_of, thresholds)


@cached
def distribution(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
    """Customers, share and 12-month revenue per stage at ``as_of``."""
    return lc.distribution(con(key), key.dataset_id, stages(key, as_of, thresholds), filters)


@cached
def pending_by_stage(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.Series:
    """Customers of the filters with a cancellation notice pending at ``as_of``, per stage (the stage
    stays the one the purchases give: :func:`lib.metrics.pending_notices`)."""
    return metrics.pending_by_stage(con(key), key.dataset_id, stages(key, as_of, thresholds),
                                    lc.picked(con(key), key.dataset_id, filters)["combo"],
                                    pending_notices(key, as_of))


@cached
def transitions(key: DatasetKey, date_from: date, date_to: date, thresholds: lc.Thresholds,
                filters: lc.Filters) -> pd.DataFrame:
    """Stage at ``date_from`` against stage at ``date_to``."""
    return lc.transitions(con(key), key.dataset_id, stage_codes(key, date_from, thresholds),
                          stages(key, date_to, thresholds), filters)


@cached
def trend_cube(key: DatasetKey, thresholds: lc.Thresholds) -> pd.DataFrame:
    """Customers per month end, stage and filter combination."""
    return lc.trend_cube(con(key), key.dataset_id, thresholds)


@cached
def trend(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
    """Customers per stage at each month end up to ``as_of`` (and at ``as_of`` itself)."""
    return lc.trend(con(key), key.dataset_id, trend_cube(key, thresholds), filters, as_of,
                    stages(key, as_of, thresholds))


# --- the curve, its phases and the danger points --------------------------------------------------------

@cached
def curve(key: DatasetKey, as_of: date, filters: lc.Filters, statistic: str) -> pd.DataFrame:
    """The lifecycle curve: mean or median revenue per customer by month of life."""
    return lc.curve(con(key), key.dataset_id, as_of, filters, statistic)


@cached
def revival(key: DatasetKey, as_of: date, filters: lc.Filters,
            thresholds: lc.Thresholds) -> tuple[pd.DataFrame, float | None]:
    """The revitalisation curve and the median days without a purchase before a return."""
    return lc.revival(con(key), key.dataset_id, as_of, filters, thresholds)


@cached
def lead_time(key: DatasetKey, filters: lc.Filters) -> tuple[float | None, int]:
    """Median days from first contact to first purchase, and over how many customers."""
    return lc.lead_time(con(key), key.dataset_id, filters)


@cached
def retention(key: DatasetKey, as_of: date, filters: lc.Filters) -> pd.DataFrame:
    """Cohort retention cells by customers and by revenue."""
    return lc.retention(con(key), key.dataset_id, as_of, filters)


@dataclass(frozen=True)
class CurveView:
    """What the lifecycle chart draws: the reliable points of the curve of the chosen statistic,
    the revitalisation points with enough returns behind them, and the phases, which are those
    of the mean curve whichever statistic is drawn."""

    shown: pd.DataFrame
    revival: pd.DataFrame
    layout: lc.Layout


@cached
def curve_view(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters,
               statistic: str) -> CurveView:
    """The curve, revitalisation points and phases of the lifecycle chart."""
    revival_frame, idle_days = revival(key, as_of, filters, thresholds)
    lead_days, _ = lead_time(key, filters)
    revival_shown = revival_frame.loc[revival_frame["customers"] >= lc.MIN_CUSTOMERS]
    layout = lc.layout(curve(key, as_of, filters, "mean"), new_days=thresholds.new_days, lead_days=lead_days,
                       idle_days=idle_days, revival_months=len(revival_shown))
    return CurveView(lc.reliable(curve(key, as_of, filters, statistic)), revival_shown, layout)


@cached
def exposures(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """What each customer met in the 12 months before the last 12."""
    return lc.exposures(con(key), key.dataset_id, as_of)


@cached
def first_year(key: DatasetKey) -> pd.DataFrame:
    """What each customer met in the year after the first purchase (any as-of date)."""
    return lc.first_year(con(key), key.dataset_id)


@cached
def evidence(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters) -> pd.DataFrame:
    """Every danger point's comparison groups (those of points whose tables the dataset lacks are
    all in one group; :func:`lib.lifecycle.point_evidence` says so)."""
    return lc.evidence(con(key), key.dataset_id, as_of, filters, stages(key, as_of, thresholds),
                       stage_codes(key, lc.months_back(as_of, 12), thresholds), exposures(key, as_of),
                       first_year(key))


@cached
def danger_findings(key: DatasetKey, as_of: date, thresholds: lc.Thresholds,
                    filters: lc.Filters) -> dict[int, lc.Finding]:
    """The test of each danger point with evidence, and whether it supports or contradicts the article."""
    frame, avail = evidence(key, as_of, thresholds, filters), available(key)
    out = {}
    for point in lc.DANGER_POINTS:
        status, rows = lc.point_evidence(point, frame, avail)
        if status == "ok":
            out[point.number] = lc.finding(point, rows)
    return out


def p_text(p: float, lang: str) -> str:
    """'p = 0.0123' or 'p < 0.0001'."""
    text = fmt_p(p, lang)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def finding_text(point: lc.DangerPoint, f: lc.Finding, lang: str, long: bool = False) -> str:
    """What the test of a danger point says, short (the table of all fourteen) or as the sentence
    under its chart (``long``)."""
    test = t(f"lifecycle.test.{f.test}", lang, chi2=fmt_num(f.statistic, lang, 1), df=f.df, p=p_text(f.p_value, lang))
    if not long:
        return t(f"lifecycle.finding.{f.verdict}", lang) + ("" if f.verdict == "none" else f" ({test})")
    ends = {}
    for side, grp, rate in (("worse", point.worse, f.worse_rate), ("better", point.better, f.better_rate)):
        ends[side] = group_label(point.comparison, grp, lang) if grp else "—"
        ends[f"{side}_rate"] = fmt_pct(rate, lang) if rate is not None else "—"
    ends["worse_first"] = ends["worse"][:1].upper() + ends["worse"][1:]   # it opens a sentence
    return t(f"lifecycle.finding.{f.verdict}.long", lang, test=test, **ends)


@cached
def danger_summaries(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters,
                     lang: str) -> dict[int, str]:
    """One line per danger point on its evidence: the groups lost most and least, or why there is
    none (the chart's markers and the table of all fourteen)."""
    frame, avail = evidence(key, as_of, thresholds, filters), available(key)
    findings = danger_findings(key, as_of, thresholds, filters)
    out = {}
    for point in lc.DANGER_POINTS:
        status, rows = lc.point_evidence(point, frame, avail)
        if status in ("no_format", "no_rows"):
            out[point.number] = t(f"lifecycle.danger.{status}", lang,
                                  needs=t(f"lifecycle.danger.{point.number}.needs", lang))
        elif status == "missing":
            out[point.number] = t("lifecycle.danger.missing", lang,
                                  tables=", ".join(t(f"table.{x}", lang) for x in point.needs))
        elif status == "too_little":
            out[point.number] = t("lifecycle.danger.too_little", lang, min=lc.MIN_CUSTOMERS)
        else:
            rows = rows.loc[rows["customers"] >= lc.MIN_CUSTOMERS]
            ends = [rows.loc[rows["rate"].idxmax()], rows.loc[rows["rate"].idxmin()]]
            out[point.number] = " · ".join(
                t("lifecycle.danger.summary", lang, group=group_label(point.comparison, r["grp"], lang),
                  rate=fmt_pct(r["rate"], lang), n=fmt_int(r["customers"], lang)) for r in ends) \
                + " — " + finding_text(point, findings[point.number], lang)
    return out


# --- the customers of a selection -------------------------------------------------------------------------

@cached
def customer_list(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters,
                  selection: lc.Selection, date_from: date, date_to: date, sort: str,
                  descending: bool, anon: bool = False) -> tuple[pd.DataFrame, int]:
    """The customers of a stage at ``as_of``, of a move from ``date_from`` to ``date_to``, or of a
    cohort cell, sorted and capped; and how many there are (``anon``: ties by pseudonym)."""
    frame_from = frame_to = None
    if selection.kind == "move":
        frame_from, frame_to = stage_codes(key, date_from, thresholds), stages(key, date_to, thresholds)
    return lc.customer_list(con(key), key.dataset_id, selection, filters, stages(key, as_of, thresholds),
                            frame_from, frame_to, sort, descending, anon=anon)


# --- chart specs, cached per everything the chart shows ------------------------------------------------

@cached
def stage_table(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters,
                lang: str) -> pd.DataFrame:
    """:func:`distribution` with each stage's label, definition (with the thresholds filled in)
    and share of the revenue: the stage bars and the definitions beside them."""
    dist = distribution(key, as_of, thresholds, filters)
    definitions = thresholds.params() | {"growth": factor_text(thresholds.growth, lang),
                                         "decline": factor_text(thresholds.decline, lang),
                                         "sleep_factor": factor_text(thresholds.sleep_factor, lang)}
    return dist.assign(label=[stage_label(s, lang) for s in dist["stage"]],
                       definition=[t(f"lifecycle.stage.{s}.def", lang, **definitions) for s in dist["stage"]],
                       revenue_share=dist["revenue_12m"] / max(dist["revenue_12m"].clip(lower=0).sum(), 1e-9))


@cached
def stage_bars_spec(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters, field: str,
                    selected: str | None, lang: str) -> dict:
    """Bars of customers (``field`` 'customers') or revenue ('revenue_12m') per stage."""
    title = {"customers": "lifecycle.dist.customers", "revenue_12m": "lifecycle.dist.revenue"}[field]
    tip = [("customers", t("lifecycle.dist.customers", lang), ","), ("share", t("lifecycle.dist.share", lang), ".1%"),
           ("revenue_12m", t("lifecycle.dist.revenue", lang), ",.0f"),
           ("revenue_share", t("lifecycle.dist.revenue_share", lang), ".1%"),
           ("definition", t("lifecycle.definition", lang), "")]
    return charts.spec(charts.stage_bars(stage_table(key, as_of, thresholds, filters, lang), field=field,
                                         title=t(title, lang), stage_title=t("lifecycle.stage", lang), tooltip=tip,
                                         selected=selected), lang)


@cached
def curve_spec(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters, statistic: str,
               danger: int | None, lang: str) -> dict:
    """The lifecycle chart: curve, phases, revitalisation and the numbered danger points."""
    view, summaries = curve_view(key, as_of, thresholds, filters, statistic), \
        danger_summaries(key, as_of, thresholds, filters, lang)
    layout, shown, revival_shown = view.layout, view.shown, view.revival
    points = {p.number: p for p in lc.DANGER_POINTS}
    phases = pd.DataFrame([{
        "phase": p.name, "label": t(f"lifecycle.phase.{p.name}", lang), "x0": p.start, "x1": p.end,
        "rule": t(f"lifecycle.phase.{p.name}.rule", lang),
        "note": (t("lifecycle.phase.loss.note", lang, idle=months_text(layout.idle_months, lang))
                 if p.name == "loss" and p.month is None and layout.idle_months is not None else ""),
    } for p in layout.phases])
    markers = lc.marker_positions(layout)
    markers = markers.assign(
        title=[t(f"lifecycle.danger.{n}.title", lang) + " — " + t(f"lifecycle.danger.{n}.text", lang)
               for n in markers["number"]],
        phase_label=[t(f"lifecycle.phase.{points[n].phase}", lang) for n in markers["number"]],
        summary=[summaries[n] for n in markers["number"]],
    )
    labels = {"x": t("lifecycle.curve.x", lang), "y": t(f"lifecycle.curve.y.{statistic}", lang),
              "month": t("lifecycle.curve.month", lang), "customers": t("lifecycle.curve.customers", lang),
              "buyers": t("lifecycle.curve.buyers", lang), "value": t("lifecycle.curve.value", lang),
              "revival_month": t("lifecycle.curve.revival_month", lang), "phase": t("lifecycle.phase", lang),
              "rule": t("lifecycle.definition", lang), "danger": t("lifecycle.danger.title", lang),
              "evidence": t("lifecycle.danger.evidence", lang)}
    return charts.spec(charts.lifecycle_chart(
        shown.assign(x=shown["age"], month=shown["age"]),
        revival_shown.assign(x=layout.revival_start + revival_shown["age"], month=revival_shown["age"]),
        phases, markers, labels=labels, last_age=int(shown["age"].max()), selected=danger), lang)


@cached
def evidence_spec(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters, number: int,
                  lang: str) -> dict:
    """The lost share per comparison group of danger point ``number``, with 95 % intervals."""
    point = next(p for p in lc.DANGER_POINTS if p.number == number)
    _, rows = lc.point_evidence(point, evidence(key, as_of, thresholds, filters), available(key))
    groups = rows.assign(
        label=[group_label(point.comparison, g, lang) for g in rows["grp"]],
        text=[f"{fmt_int(k, lang)} / {fmt_int(n, lang)}" for k, n in zip(rows["lost"], rows["customers"])],
        few=rows["customers"] < lc.MIN_CUSTOMERS)
    return charts.spec(charts.evidence_bars(groups, labels={
        "group": t("lifecycle.danger.group", lang), "rate": t("lifecycle.danger.rate", lang),
        "customers": t("lifecycle.danger.customers", lang), "lost": t("lifecycle.danger.lost", lang),
        "low": t("lifecycle.danger.low", lang), "high": t("lifecycle.danger.high", lang)}), lang)


@cached
def trend_spec(key: DatasetKey, as_of: date, thresholds: lc.Thresholds, filters: lc.Filters, share: bool,
               lang: str) -> dict:
    """Customers (or their share, ``share``) per stage at every month end, stacked."""
    frame = trend(key, as_of, thresholds, filters)
    return charts.spec(charts.trend_area(
        frame.assign(label=[stage_label(s, lang) for s in frame["stage"]]), share=share,
        labels={"month": t("lifecycle.trend.month", lang), "customers": t("lifecycle.dist.customers", lang),
                "share": t("lifecycle.dist.share", lang), "stage": t("lifecycle.stage", lang)}), lang)


@cached
def moves_spec(key: DatasetKey, date_from: date, date_to: date, thresholds: lc.Thresholds, filters: lc.Filters,
               selected: tuple[str, str] | None, lang: str) -> dict:
    """The matrix of stage at ``date_from`` against stage at ``date_to``."""
    moves = transitions(key, date_from, date_to, thresholds, filters)
    return charts.spec(moves_chart(moves, date_from, date_to, lang, selected=selected), lang)


@cached
def retention_spec(key: DatasetKey, as_of: date, filters: lc.Filters, metric: str, lang: str) -> dict:
    """Cohort retention by customers or by revenue (``metric``), one row per cohort."""
    cells = retention(key, as_of, filters)
    cells = cells.assign(cohort_key=[f"{c:%Y-%m-%d}" for c in cells["cohort"]],
                         cohort_label=[month_label(c, lang) for c in cells["cohort"]])
    return charts.spec(charts.retention_heatmap(
        cells, field="customer_share" if metric == "customers" else "revenue_share",
        labels={"cohort": t("lifecycle.retention.cohort", lang), "age": t("lifecycle.curve.x", lang),
                "size": t("lifecycle.retention.size", lang), "buyers": t("lifecycle.curve.buyers", lang),
                "revenue": t("lifecycle.retention.revenue", lang),
                "customer_share": t("lifecycle.retention.customer_share", lang),
                "revenue_share": t("lifecycle.retention.revenue_share", lang)},
        height=max(160, min(560, 14 * cells["cohort"].nunique()))), lang)


# --- texts the page and the charts share ------------------------------------------------------------------

def dim_label(value: str, lang: str) -> str:
    """A segment, region or channel; an empty one is "(unknown)"."""
    return value if value else t("lifecycle.filter.unknown", lang)


def month_label(day: date, lang: str) -> str:
    """A month: 03.2024 / 2024-03."""
    return f"{day:%m.%Y}" if lang == "de" else f"{day:%Y-%m}"


def factor_text(value: float, lang: str) -> str:
    """A threshold factor without trailing zeros: 1.2 / 1,2."""
    return fmt_num(value, lang, 2).rstrip("0").rstrip(",.")


def months_text(months: float | None, lang: str) -> str:
    """A span in months with one decimal, or the text for "no lead time known"."""
    if months is None:
        return t("lifecycle.phases.no_lead", lang)
    return t("lifecycle.months", lang, n=fmt_num(months, lang, 1))


def group_label(comparison: str, grp: str, lang: str) -> str:
    """The name of a danger point's comparison group."""
    if comparison in ("sale_satisfaction", "aftersales_satisfaction"):
        return t(f"lifecycle.grp.sat.{grp}", lang)
    if comparison in ("disputes", "complaints"):
        return t(f"lifecycle.grp.count.{grp}", lang)
    if comparison == "followup_channel" and grp != "?":
        return grp   # a channel name from the data
    return t(f"lifecycle.grp.{comparison}.{grp}", lang)
