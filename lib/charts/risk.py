"""Chart builders of the risk page: pure functions, small aggregates in, ``alt.Chart`` out.

Every text arrives translated. Each builder gets at most a few thousand rows (histograms, ROC
thinned to ~200 points, Kaplan-Meier read on a weekly grid, the quadrant as a binned grid).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts.locale import SI_LABELS
from lib.charts.palette import ACCENT, BAD, CATEGORICAL, GOOD, NEUTRAL, PRIMARY

#: Band colours: calm, amber, red.
BAND_COLORS = {"low": GOOD, "medium": "#E69F00", "high": BAD}
#: Timeline marks per kind (colour), in the order of the timeline's rows.
KIND_COLORS = {
    "purchase": PRIMARY, "return": "#56B4E9", "invoice": NEUTRAL, "contact_in": GOOD, "contact_out": "#8fd1b5",
    "marketing": "#c9d3dc", "survey": "#CC79A7", "complaint": ACCENT, "dispute": BAD,
    "competitor_mention": "#8e44ad", "negotiation": "#b9770e", "manager_change": "#5d6d7e",
    "cancellation_notice": "#000000", "notice_took_effect": "#7b241c",
    "notice_withdrawn": "#7fb48f", "notice_averted": "#2e7d4f", "churn": "#D55E00",
    "winback": "#009E73", "other": "#999999",
}


def _month_axis(title: str, date_format: str) -> alt.Axis:
    """A time axis with at most one label per month (short histories would repeat a month)."""
    return alt.Axis(title=title, format=date_format, tickCount={"interval": "month", "step": 1}, labelOverlap=True)


def _rules(values: list[float], orient: str = "x") -> alt.Chart:
    """Dashed rules at ``values`` (band cut-offs)."""
    enc = {"x": "v:Q"} if orient == "x" else {"y": "v:Q"}
    return alt.Chart(pd.DataFrame({"v": values})).mark_rule(color=NEUTRAL, strokeDash=[4, 3]).encode(**enc)


def score_histogram(df: pd.DataFrame, cuts: tuple[float, float], *, score: str, customers: str, band: str,
                    band_labels: dict[str, str]) -> alt.LayerChart:
    """Customers per score bin coloured by band, with the cut-offs; df: start, end, customers, band."""
    data = df.assign(band_label=df["band"].map(band_labels))
    bars = alt.Chart(data).mark_bar().encode(
        alt.X("start:Q").bin("binned").scale(domain=[0, 100]).title(score),
        alt.X2("end:Q"),
        alt.Y("customers:Q").title(customers).axis(labelExpr=SI_LABELS),
        alt.Color("band_label:N").title(band).scale(domain=[band_labels[b] for b in BAND_COLORS],
                                                    range=list(BAND_COLORS.values())).legend(orient="top"),
        tooltip=[alt.Tooltip("start:Q", title=score), alt.Tooltip("customers:Q", title=customers, format=","),
                 alt.Tooltip("band_label:N", title=band)],
    )
    return alt.layer(bars, _rules(list(cuts))).properties(height=280)


def roc(df: pd.DataFrame, *, fpr: str, tpr: str, chance: str, auc_label: str) -> alt.LayerChart:
    """The ROC curve with the diagonal of chance; df: fpr, tpr, threshold (~200 rows)."""
    curve = alt.Chart(df.assign(label=auc_label)).mark_line(color=PRIMARY, strokeWidth=2.5).encode(
        alt.X("fpr:Q").title(fpr).axis(format="%").scale(domain=[0, 1]),
        alt.Y("tpr:Q").title(tpr).axis(format="%").scale(domain=[0, 1]),
        tooltip=[alt.Tooltip("fpr:Q", title=fpr, format=".1%"), alt.Tooltip("tpr:Q", title=tpr, format=".1%"),
                 alt.Tooltip("label:N", title="")],
    )
    diagonal = alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0], "label": [chance] * 2})).mark_line(
        color=NEUTRAL, strokeDash=[4, 4]).encode(x="x:Q", y="y:Q", tooltip=alt.Tooltip("label:N", title=""))
    return alt.layer(curve, diagonal).properties(height=300)


def gains(df: pd.DataFrame, *, contacted: str, found: str, lift: str, model: str, chance: str) -> alt.LayerChart:
    """Cumulative gains against random contact; df: share, gain, lift (~20 rows)."""
    data = df.assign(series=model)
    line = alt.Chart(data).mark_line(point=True, color=ACCENT, strokeWidth=2.5).encode(
        alt.X("share:Q").title(contacted).axis(format="%").scale(domain=[0, 1]),
        alt.Y("gain:Q").title(found).axis(format="%").scale(domain=[0, 1]),
        tooltip=[alt.Tooltip("share:Q", title=contacted, format=".0%"), alt.Tooltip("gain:Q", title=found, format=".1%"),
                 alt.Tooltip("lift:Q", title=lift, format=".2f")],
    )
    diagonal = alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0], "label": [chance] * 2})).mark_line(
        color=NEUTRAL, strokeDash=[4, 4]).encode(x="x:Q", y="y:Q", tooltip=alt.Tooltip("label:N", title=""))
    return alt.layer(line, diagonal).properties(height=300)


def lead_histogram(df: pd.DataFrame, *, bucket: str, customers: str, missed_label: str) -> alt.Chart:
    """Lost customers per lead-time bucket, the missed ones grey; df: bucket, order, customers."""
    data = df.assign(missed=df["order"] == 0, label=df["bucket"].where(df["order"] != 0, missed_label))
    return alt.Chart(data).mark_bar().encode(
        alt.X("label:N").sort(alt.SortField("order")).title(bucket).axis(labelAngle=-30),
        alt.Y("customers:Q").title(customers).axis(labelExpr=SI_LABELS),
        color=alt.condition(alt.datum.missed, alt.value(NEUTRAL), alt.value(PRIMARY)),
        tooltip=[alt.Tooltip("label:N", title=bucket), alt.Tooltip("customers:Q", title=customers, format=",")],
    ).properties(height=260)


def evidence(df: pd.DataFrame, *, signal: str, rate: str, group: str) -> alt.LayerChart:
    """Loss rate with and without each flag with 95 % intervals; df: label, group (translated),
    rate, low, high, n, order."""
    base = alt.Chart(df).encode(
        alt.Y("label:N").sort(alt.SortField("order")).title(signal).axis(labelLimit=220),
        alt.YOffset("group:N"),
        alt.Color("group:N").title(group).scale(range=[BAD, NEUTRAL]).legend(orient="top"),
    )
    bars = base.mark_rule(strokeWidth=2).encode(alt.X("low:Q").title(rate).axis(format="%"), alt.X2("high:Q"))
    points = base.mark_point(filled=True, size=60).encode(
        alt.X("rate:Q"),
        tooltip=[alt.Tooltip("label:N", title=signal), alt.Tooltip("group:N", title=group),
                 alt.Tooltip("rate:Q", title=rate, format=".1%"), alt.Tooltip("low:Q", format=".1%", title="95 % –"),
                 alt.Tooltip("high:Q", format=".1%", title="95 % +"), alt.Tooltip("n:Q", format=",", title="n")],
    )
    return alt.layer(bars, points).properties(height=alt.Step(16))


def km_curves(df: pd.DataFrame, *, days: str, survival: str, group: str, at_risk: str) -> alt.LayerChart:
    """Kaplan-Meier step curves per group with their 95 % bands; df: group, time, survival,
    lower, upper, at_risk (a weekly grid: a few hundred rows per group)."""
    base = alt.Chart(df).encode(alt.X("time:Q").title(days))
    # the band fills and the lines stroke with the same palette: one merged legend
    band = base.mark_area(opacity=0.12, interpolate="step-after").encode(
        alt.Y("lower:Q"), alt.Y2("upper:Q"),
        alt.Fill("group:N").title(group).scale(range=list(CATEGORICAL)).legend(orient="top", symbolOpacity=1))
    line = base.mark_line(interpolate="step-after", strokeWidth=2).encode(
        alt.Y("survival:Q").title(survival).axis(format="%").scale(zero=False),
        alt.Color("group:N").title(group).scale(range=list(CATEGORICAL)).legend(orient="top"),
        tooltip=[alt.Tooltip("group:N", title=group), alt.Tooltip("time:Q", title=days),
                 alt.Tooltip("survival:Q", title=survival, format=".1%"),
                 alt.Tooltip("at_risk:Q", title=at_risk, format=",")],
    )
    half = alt.Chart(pd.DataFrame({"y": [0.5]})).mark_rule(color=NEUTRAL, strokeDash=[2, 3]).encode(y="y:Q")
    return alt.layer(band, line, half).properties(height=340)


def quadrant_heatmap(df: pd.DataFrame, *, level: float, value_split: float, value: str, score: str,
                     customers: str) -> alt.LayerChart:
    """Customers per value x score cell (log value) with the quadrant lines; df: value_from,
    value_to, score_from, score_to, customers (at most a few hundred cells)."""
    cells = alt.Chart(df).mark_rect().encode(
        alt.X("value_from:Q").scale(type="log").title(value).axis(grid=False), alt.X2("value_to:Q"),
        alt.Y("score_from:Q").scale(domain=[0, 100]).title(score), alt.Y2("score_to:Q"),
        alt.Color("customers:Q").title(customers).scale(type="log", scheme="blues"),
        tooltip=[alt.Tooltip("value_from:Q", title=value, format=",.0f"), alt.Tooltip("score_from:Q", title=score),
                 alt.Tooltip("customers:Q", title=customers, format=",")],
    )
    h = alt.Chart(pd.DataFrame({"y": [level]})).mark_rule(color=BAD, strokeDash=[5, 3]).encode(y="y:Q")
    layers = [cells, h]
    if value_split > 0:
        layers.append(alt.Chart(pd.DataFrame({"x": [value_split]})).mark_rule(color=ACCENT, strokeDash=[5, 3])
                      .encode(x="x:Q"))
    return alt.layer(*layers).properties(height=320)


def contributions(df: pd.DataFrame, *, signal: str, contribution: str) -> alt.Chart:
    """One customer's contribution per signal, positive (risk up) red; df: label, contribution."""
    return alt.Chart(df).mark_bar().encode(
        alt.Y("label:N").sort("-x").title(signal).axis(labelLimit=220, labelOverlap=False),
        alt.X("contribution:Q").title(contribution),
        color=alt.condition(alt.datum.contribution > 0, alt.value(BAD), alt.value(GOOD)),
        tooltip=[alt.Tooltip("label:N", title=signal), alt.Tooltip("contribution:Q", title=contribution, format=".2f")],
    ).properties(height=alt.Step(24))


def monthly_score(df: pd.DataFrame, cuts: tuple[float, float], *, month: str, score: str,
                  date_format: str = "%b %Y") -> alt.LayerChart:
    """The score at each month end (gaps where the customer was not active); df: snap, score."""
    line = alt.Chart(df).mark_line(point=True, color=BAD).encode(
        alt.X("snap:T").axis(_month_axis(month, date_format)),
        alt.Y("score:Q").title(score).scale(domain=[0, 100]),
        tooltip=[alt.Tooltip("snap:T", title=month), alt.Tooltip("score:Q", title=score, format=".1f")],
    )
    return alt.layer(line, _rules(list(cuts), "y")).properties(height=240)


def rolling_revenue(df: pd.DataFrame, *, month: str, revenue: str, series: str, actual: str, expected: str,
                    date_format: str = "%b %Y") -> alt.Chart:
    """Revenue of the recent window (``actual``, solid) against the baseline's expectation
    (``expected``, dashed) at each month end; df: snap, series (one of the two labels), value."""
    domain = [actual, expected]
    return alt.Chart(df).mark_line(point=True).encode(
        alt.X("snap:T").axis(_month_axis(month, date_format)),
        alt.Y("value:Q").title(revenue),
        alt.Color("series:N").title(series).scale(domain=domain, range=[PRIMARY, NEUTRAL]).legend(orient="top"),
        alt.StrokeDash("series:N").title(series).scale(domain=domain, range=[[1, 0], [5, 4]]).legend(None),
        tooltip=[alt.Tooltip("snap:T", title=month), alt.Tooltip("series:N", title=series),
                 alt.Tooltip("value:Q", title=revenue, format=",.0f")],
    ).properties(height=240)


def timeline(df: pd.DataFrame, *, date_title: str, kind: str, detail: str, kind_order: list[str],
             date_format: str = "%b %Y") -> alt.Chart:
    """One mark per recorded item on a time axis, one row per kind; df: date, kind (code),
    label (translated kind), text (detail for the tooltip). A customer has at most a few
    hundred items."""
    order = [k for k in KIND_COLORS if k in set(df["kind"])]
    return alt.Chart(df).mark_tick(thickness=2, size=14).encode(
        alt.X("date:T").axis(_month_axis(date_title, date_format)),
        alt.Y("label:N").sort(kind_order).title(kind).axis(labelLimit=220),
        alt.Color("kind:N").scale(domain=order, range=[KIND_COLORS[k] for k in order]).legend(None),
        tooltip=[alt.Tooltip("date:T", title=date_title), alt.Tooltip("label:N", title=kind),
                 alt.Tooltip("text:N", title=detail)],
    ).properties(height=alt.Step(22))
