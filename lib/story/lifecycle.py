"""The story's lifecycle steps: the lifecycle curve with its danger points, the stages now, and how
customers moved between stages over the last twelve months (the lifecycle page's curve and moves
tabs, default thresholds, no filters)."""
from __future__ import annotations

import pandas as pd

from lib import lifecycle as lc
from lib.charts import lifecycle as charts
from lib.i18n import fmt_date, fmt_int, fmt_money, fmt_pct, t
from lib.story.core import Slide, Step, builder, empty_slide
from lib.story.source import Source

THRESHOLDS = lc.Thresholds()
FILTERS = lc.Filters()
#: stages of customers still buying (the "active" ones a year ago)
ACTIVE = ("new", "growing", "mature", "declining", "won_back")
#: stages of customers about to be lost or gone
GONE = ("sleeping", "lost")


def stage_label(stage: str, lang: str) -> str:
    """A stage's name (also ``unknown``, a customer not yet known): the story's and the lifecycle
    page's (lib/loaders/lifecycle)."""
    return t(f"lifecycle.stage.{stage}", lang)


def group_label(point: lc.DangerPoint, grp: str, lang: str) -> str:
    """A danger point's comparison group by its label (as the lifecycle page names it)."""
    if point.comparison in ("sale_satisfaction", "aftersales_satisfaction"):
        return t(f"lifecycle.grp.sat.{grp}", lang)
    if point.comparison in ("disputes", "complaints"):
        return t(f"lifecycle.grp.count.{grp}", lang)
    if point.comparison == "followup_channel" and grp != "?":
        return grp
    return t(f"lifecycle.grp.{point.comparison}.{grp}", lang)


def findings(src: Source) -> dict[int, tuple[lc.Finding, pd.DataFrame]]:
    """Every danger point with enough evidence: its test and its groups."""
    frame, avail = src.evidence(THRESHOLDS, FILTERS), src.available()
    out = {}
    for point in lc.DANGER_POINTS:
        status, rows = lc.point_evidence(point, frame, avail)
        if status == "ok":
            out[point.number] = (lc.finding(point, rows), rows.loc[rows["customers"] >= lc.MIN_CUSTOMERS])
    return out


def strongest(src: Source) -> tuple[lc.DangerPoint, lc.Finding, pd.DataFrame] | None:
    """The danger point whose evidence supports the article most clearly (smallest p among those
    that support it), or None."""
    points = {p.number: p for p in lc.DANGER_POINTS}
    supported = [(f.p_value, n) for n, (f, _) in findings(src).items() if f.verdict == "supports"]
    if not supported:
        return None
    number = min(supported)[1]
    finding, rows = findings(src)[number]
    return points[number], finding, rows


def danger_sentence(point: lc.DangerPoint, rows: pd.DataFrame, lang: str) -> str:
    """'Customers with two or more complaints were lost at 2.3x the rate of those with none (41 % vs 18 %).'"""
    worse = rows.loc[rows["grp"] == point.worse].iloc[0]
    better = rows.loc[rows["grp"] == point.better].iloc[0]
    ratio = worse["rate"] / better["rate"] if better["rate"] > 0 else float("nan")
    return t("story.danger.sentence", lang, title=t(f"lifecycle.danger.{point.number}.title", lang),
             worse=group_label(point, worse["grp"], lang), better=group_label(point, better["grp"], lang),
             ratio=f"{ratio:.1f}".replace(".", "," if lang == "de" else "."),
             worse_rate=fmt_pct(worse["rate"], lang, 0), better_rate=fmt_pct(better["rate"], lang, 0))


@builder("lifecycle")
def lifecycle_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    revival_frame, idle_days = src.revival(FILTERS, THRESHOLDS)
    lead_days, _ = src.lead_time(FILTERS)
    revival_shown = revival_frame.loc[revival_frame["customers"] >= lc.MIN_CUSTOMERS]
    mean_curve = src.curve(FILTERS, "mean")
    shown = lc.reliable(mean_curve)
    if shown.empty:
        return empty_slide(number, step, lang, "story.too_little")
    layout = lc.layout(mean_curve, new_days=THRESHOLDS.new_days, lead_days=lead_days, idle_days=idle_days,
                       revival_months=len(revival_shown))
    found = findings(src)
    points = {p.number: p for p in lc.DANGER_POINTS}
    phases = pd.DataFrame([{"phase": p.name, "label": t(f"lifecycle.phase.{p.name}", lang), "x0": p.start,
                            "x1": p.end, "rule": t(f"lifecycle.phase.{p.name}.rule", lang), "note": ""}
                           for p in layout.phases])
    markers = lc.marker_positions(layout)
    markers = markers.assign(
        title=[t(f"lifecycle.danger.{n}.title", lang) for n in markers["number"]],
        phase_label=[t(f"lifecycle.phase.{points[n].phase}", lang) for n in markers["number"]],
        summary=[t(f"lifecycle.finding.{found[n][0].verdict}", lang) if n in found else t("story.no_evidence", lang)
                 for n in markers["number"]])
    labels = {"x": t("lifecycle.curve.x", lang), "y": t("lifecycle.curve.y.mean", lang),
              "month": t("lifecycle.curve.month", lang), "customers": t("lifecycle.curve.customers", lang),
              "buyers": t("lifecycle.curve.buyers", lang), "value": t("lifecycle.curve.value", lang),
              "revival_month": t("lifecycle.curve.revival_month", lang), "phase": t("lifecycle.phase", lang),
              "rule": t("lifecycle.definition", lang), "danger": t("lifecycle.danger.title", lang),
              "evidence": t("lifecycle.danger.evidence", lang)}
    chart = charts.lifecycle_chart(
        shown.assign(x=shown["age"], month=shown["age"]),
        revival_shown.assign(x=layout.revival_start + revival_shown["age"], month=revival_shown["age"]),
        phases, markers, labels=labels, last_age=int(shown["age"].max()))
    first = float(shown["value"].iloc[0])
    peak = shown.loc[shown["value"].idxmax()]
    last = shown.iloc[-1]
    # the peak in the last month shown (a young dataset, an early as-of date): no "and still ..." after it
    key = "story.lifecycle.takeaway_rising" if int(peak["age"]) == int(last["age"]) else "story.lifecycle.takeaway"
    takeaway = t(key, lang, first=fmt_money(first, lang), peak=fmt_money(peak["value"], lang),
                 peak_month=int(peak["age"]), last_month=int(last["age"]), last=fmt_money(last["value"], lang))
    top = strongest(src)
    definitions = [t("story.lifecycle.def", lang), t("lifecycle.curve.caption.mean", lang)]
    definitions += [f"{t(f'lifecycle.phase.{p.name}', lang)}: {t(f'lifecycle.phase.{p.name}.rule', lang)}"
                    for p in layout.phases]
    caption = t("story.lifecycle.caption", lang, supported=sum(f.verdict == "supports" for f, _ in found.values()),
                tested=len(found))
    if top is not None:
        caption += " " + danger_sentence(top[0], top[2], lang)
    return Slide(number, step.id, t("story.lifecycle.title", lang), takeaway, chart, caption, tuple(definitions))


@builder("stages")
def stages_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    dist = src.distribution(THRESHOLDS, FILTERS)
    total = int(dist["customers"].sum())
    if total == 0:
        return empty_slide(number, step, lang, "story.too_little")
    by = dist.set_index("stage")["customers"]
    at_risk = int(by[["declining", "sleeping"]].sum())
    lost = int(by["lost"])
    table = dist.assign(label=[stage_label(s, lang) for s in dist["stage"]])
    tip = [("customers", t("lifecycle.dist.customers", lang), ","), ("share", t("lifecycle.dist.share", lang), ".1%")]
    chart = charts.stage_bars(table, field="customers", title=t("lifecycle.dist.customers", lang),
                              stage_title=t("lifecycle.stage", lang), tooltip=tip, height=360)
    takeaway = t("story.stages.takeaway", lang, total=fmt_int(total, lang), at_risk=fmt_int(at_risk, lang),
                 at_risk_share=fmt_pct(at_risk / total, lang, 0), lost=fmt_int(lost, lang),
                 lost_share=fmt_pct(lost / total, lang, 0))
    params = THRESHOLDS.params() | {"growth": _factor(THRESHOLDS.growth, lang), "decline": _factor(THRESHOLDS.decline, lang),
                                    "sleep_factor": _factor(THRESHOLDS.sleep_factor, lang)}
    definitions = tuple(f"{stage_label(s, lang)}: {t(f'lifecycle.stage.{s}.def', lang, **params)}" for s in lc.STAGES)
    return Slide(number, step.id, t("story.stages.title", lang), takeaway, chart,
                 t("story.stages.caption", lang, as_of=fmt_date(src.as_of, lang)), definitions)


def moves_chart(moves, date_from, date_to, lang: str, *, selected=None, row_px: int = 42):
    """The matrix of stage at ``date_from`` against stage at ``date_to`` (the frame of
    ``lifecycle.transitions``), labelled in ``lang``: the story's step and the lifecycle page's
    moves tab (lib/loaders/lifecycle) draw it alike."""
    rows_present = [s for s in (lc.UNKNOWN, *lc.STAGES) if s in set(moves["stage_from"])]
    cols_present = [s for s in lc.STAGES if s in set(moves["stage_to"])]
    moves = moves.assign(
        label_from=[stage_label(s, lang) for s in moves["stage_from"]],
        label_to=[stage_label(s, lang) for s in moves["stage_to"]],
        text=[f"{fmt_int(n, lang)}\n{fmt_pct(r, lang, 0)}" for n, r in zip(moves["customers"], moves["row_share"])])
    return charts.transition_matrix(moves, selected=selected, row_px=row_px, labels={
        "from": t("lifecycle.moves.from_stage", lang) + f" ({fmt_date(date_from, lang)})",
        "to": t("lifecycle.moves.to_stage", lang) + f" ({fmt_date(date_to, lang)})",
        "customers": t("lifecycle.dist.customers", lang), "row_share": t("lifecycle.moves.row_share", lang),
        "rows": "|".join(stage_label(s, lang) for s in rows_present),
        "cols": "|".join(stage_label(s, lang) for s in cols_present)})


@builder("moves")
def moves_step(src: Source, number: int, step: Step, lang: str, anon: bool) -> Slide:
    date_from = lc.months_back(src.as_of, 12)
    moves = src.transitions(date_from, THRESHOLDS, FILTERS)
    active = moves.loc[moves["stage_from"].isin(ACTIVE)]
    n_active = int(active["customers"].sum())
    if n_active == 0:
        return empty_slide(number, step, lang, "story.too_little")
    gone = int(active.loc[active["stage_to"].isin(GONE), "customers"].sum())
    # the customers still in play a year ago (buying or sleeping): the ones the talk is about, and
    # few enough rows to read on a projector
    moves = moves.loc[moves["stage_from"].isin(ACTIVE + ("sleeping",))]
    chart = moves_chart(moves, date_from, src.as_of, lang, row_px=52)
    takeaway = t("story.moves.takeaway", lang, active=fmt_int(n_active, lang), date_from=fmt_date(date_from, lang),
                 gone=fmt_int(gone, lang), share=fmt_pct(gone / n_active, lang, 0))
    return Slide(number, step.id, t("story.moves.title", lang), takeaway, chart,
                 t("story.moves.caption", lang), (t("story.moves.def", lang),
                                                 t("story.moves.active", lang, stages=", ".join(
                                                     stage_label(s, lang) for s in ACTIVE))))


def _factor(value: float, lang: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text
