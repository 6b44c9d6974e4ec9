"""Chart builders of the recovery page (Kundenrückgewinnung). Every builder gets a small aggregate
with translated labels already in it; titles arrive translated."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts.locale import SI_LABELS
from lib.charts.palette import (ACCENT, BAD, BLUES, GOOD, GREENS, INK_DARK, INK_LIGHT, NEUTRAL, PRIMARY,  # noqa: F401
                                 cell_inks, ink, luminance, ramp_colour, ramp_domain)

#: Colours of the loss kinds and sleeping customers (cancellation, silent, inactive, sleeping).
KIND_COLOURS = (BAD, ACCENT, NEUTRAL, PRIMARY)
#: Colours of treatment and control.
GROUP_COLOURS = (PRIMARY, NEUTRAL)


def losses_by_month(df: pd.DataFrame, *, month: str, customers: str, kind: str, order: list[str],
                    date_format: str = "%b %Y") -> alt.Chart:
    """Stacked bars of losses per month by kind; df: month (date), kind (translated), customers.

    Examples
    --------
    >>> d = pd.DataFrame({"month": pd.to_datetime(["2025-01-01"]), "kind": ["A"], "customers": [3]})
    >>> losses_by_month(d, month="M", customers="C", kind="K", order=["A"]).to_dict()["mark"]["type"]
    'bar'
    """
    return alt.Chart(df).mark_bar().encode(
        alt.X("yearmonth(month):T").title(month).axis(format=date_format),
        alt.Y("sum(customers):Q").title(customers).axis(labelExpr=SI_LABELS),
        alt.Color("kind:N").title(kind).scale(domain=order, range=list(KIND_COLOURS[:len(order)])).legend(orient="top"),
        alt.Order("order:Q"),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=month), alt.Tooltip("kind:N", title=kind),
                 alt.Tooltip("customers:Q", title=customers, format=",")],
    ).transform_calculate(order=f"indexof({order!r}, datum.kind)").properties(height=260)


def pareto(df: pd.DataFrame, *, reason: str, value: str, cumulative: str, money: bool = False) -> alt.LayerChart:
    """Pareto chart: bars of ``value`` per reason (sorted as given) and the cumulative share as a
    line on its own axis; df: label, value, cumulative, order.

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["a", "b"], "value": [3, 1], "cumulative": [0.75, 1.0], "order": [0, 1]})
    >>> [l["mark"]["type"] for l in pareto(d, reason="R", value="V", cumulative="C").to_dict()["layer"]]
    ['bar', 'line']
    """
    fmt = ",.0f" if money else ","
    base = alt.Chart(df).encode(alt.X("label:N").sort(alt.SortField("order")).title(reason)
                                .axis(labelAngle=-30, labelLimit=180, labelOverlap=False))
    bars = base.mark_bar(color=PRIMARY).encode(
        alt.Y("value:Q").title(value).axis(labelExpr=SI_LABELS, titleColor=PRIMARY),
        tooltip=[alt.Tooltip("label:N", title=reason), alt.Tooltip("value:Q", title=value, format=fmt),
                 alt.Tooltip("cumulative:Q", title=cumulative, format=".1%")],
    )
    line = base.mark_line(color=ACCENT, strokeWidth=2.5, point=alt.OverlayMarkDef(color=ACCENT)).encode(
        alt.Y("cumulative:Q").title(cumulative).axis(format="%", titleColor=ACCENT).scale(domain=[0, 1]),
        tooltip=[alt.Tooltip("label:N", title=reason), alt.Tooltip("cumulative:Q", title=cumulative, format=".1%")],
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=300)


def share_heatmap(df: pd.DataFrame, *, row: str, col: str, share: str, count: str,
                  rows: list[str] | None = None, cols: list[str] | None = None, step: int = 30) -> alt.LayerChart:
    """Heatmap of shares with the share printed in each cell, black or white by the cell's
    luminance (:func:`lib.charts.palette.ink`); df: row, col (translated labels), share (0-1),
    count, and optionally n (the row's total).

    Examples
    --------
    >>> d = pd.DataFrame({"row": ["a"], "col": ["x"], "share": [0.5], "count": [2]})
    >>> share_heatmap(d, row="R", col="C", share="S", count="N").to_dict()["layer"][0]["mark"]["type"]
    'rect'
    """
    top = float(df["share"].max()) if len(df) and df["share"].notna().any() else 1.0
    top = top if top > 0 else 1.0
    base = alt.Chart(df.assign(ink=cell_inks(df["share"], top, BLUES))).encode(
        alt.Y("row:N").sort(rows).title(row).axis(labelLimit=220),
        alt.X("col:N").sort(cols).title(col).axis(labelAngle=-30, labelLimit=180, labelOverlap=False),
    )
    cells = base.mark_rect().encode(
        alt.Color("share:Q").title(share).scale(domain=ramp_domain(top, BLUES), range=list(BLUES), interpolate="rgb",
                                                clamp=True).legend(format="%"),
        tooltip=[alt.Tooltip("row:N", title=row), alt.Tooltip("col:N", title=col),
                 alt.Tooltip("share:Q", title=share, format=".1%"), alt.Tooltip("count:Q", title=count, format=",")],
    )
    # the text black or white by the cell's luminance (its own scale, not the cells')
    text = base.mark_text(fontSize=11).encode(alt.Text("share:Q", format=".0%"), alt.Fill("ink:N").scale(None))
    return alt.layer(cells, text).properties(height=alt.Step(step))


def rate_bars(df: pd.DataFrame, *, label: str, rate: str, group: str, contacts: str, groups: list[str]) -> alt.LayerChart:
    """Win-back rate per campaign or measure and group (treatment, control) with 95 % interval
    bars; df: label, group (translated), rate, lo, hi, n.

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["a"], "group": ["T"], "rate": [0.2], "lo": [0.1], "hi": [0.3], "n": [50]})
    >>> len(rate_bars(d, label="L", rate="R", group="G", contacts="N", groups=["T"]).to_dict()["layer"])
    2
    """
    base = alt.Chart(df).encode(
        alt.Y("label:N").title(label).sort(None),
        alt.YOffset("group:N").sort(groups),
        alt.Color("group:N").title(group).scale(domain=groups, range=list(GROUP_COLOURS)).legend(orient="top"),
    )
    tip = [alt.Tooltip("label:N", title=label), alt.Tooltip("group:N", title=group),
           alt.Tooltip("rate:Q", title=rate, format=".1%"), alt.Tooltip("lo:Q", format=".1%"),
           alt.Tooltip("hi:Q", format=".1%"), alt.Tooltip("n:Q", title=contacts, format=",")]
    bars = base.mark_bar(opacity=0.85).encode(alt.X("rate:Q").title(rate).axis(format="%"), tooltip=tip)
    errs = base.mark_rule(strokeWidth=1.5).encode(alt.X("lo:Q"), alt.X2("hi:Q"), color=alt.value("#1b2733"),
                                                   tooltip=tip)
    return alt.layer(bars, errs).properties(height=alt.Step(14))


def uplift_forest(df: pd.DataFrame, *, label: str, uplift: str, p_value: str, p_holm: str, contacts: str,
                  interval: str) -> alt.LayerChart:
    """Uplift in percentage points with its 95 % interval per campaign or measure, a rule at 0; the
    point is green where the Holm-adjusted p-value is below 0.05 (an effect also when all rows are
    tested at once), grey otherwise. df: label, uplift, lo, hi (fractions), p_value, p_holm, n, and
    the texts uplift_text, ci_text, p_text, p_holm_text (formatted in the reader's language; rows
    without a control group are left out by the caller).

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["a"], "uplift": [0.1], "lo": [0.02], "hi": [0.2], "p_value": [0.01],
    ...                   "p_holm": [0.03], "n": [90], "uplift_text": ["+10 pp"], "ci_text": ["[+2; +20]"],
    ...                   "p_text": ["0.01"], "p_holm_text": ["0.03"]})
    >>> spec = uplift_forest(d, label="L", uplift="U", p_value="P", p_holm="H", contacts="N", interval="I").to_dict()
    >>> len(spec["layer"])
    3
    """
    tip = [alt.Tooltip("label:N", title=label), alt.Tooltip("uplift_text:N", title=uplift),
           alt.Tooltip("ci_text:N", title=interval), alt.Tooltip("p_text:N", title=p_value),
           alt.Tooltip("p_holm_text:N", title=p_holm), alt.Tooltip("n:Q", title=contacts, format=",")]
    base = alt.Chart(df).encode(alt.Y("label:N").title(label).sort(None))
    ci = base.mark_rule(color=PRIMARY, strokeWidth=2).encode(alt.X("lo:Q").title(uplift).axis(format="+%"),
                                                               alt.X2("hi:Q"), tooltip=tip)
    point = base.mark_point(filled=True, size=80).encode(
        alt.X("uplift:Q"),
        color=alt.condition(alt.datum.p_holm < 0.05, alt.value(GOOD), alt.value(NEUTRAL)),
        tooltip=tip,
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=BAD, strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(ci, point, zero).properties(height=alt.Step(26))


def cell_fill(rate: float, top: float) -> str:
    """The fill of a cell with win-back ``rate`` on the scale ``[0, top / 2, top]`` ->
    :data:`GREENS` (values outside clamped), as Vega draws it.

    Examples
    --------
    >>> cell_fill(0.0, 0.4), cell_fill(0.2, 0.4), cell_fill(0.4, 0.4)
    ('#edf8e9', '#74c476', '#00441b')
    """
    return ramp_colour(rate / top if top > 0 else 0.0, GREENS)


#: The fill of cells with too few contacts.
THIN = "#e3e7eb"


def cell_heatmap(df: pd.DataFrame, *, reason: str, measure: str, rate: str, interval: str, contacts: str,
                 control: str, control_contacts: str, few: str, rows: list[str] | None = None) -> alt.LayerChart:
    """Loss reason x measure: colour = win-back rate of the treatment, text = rate and contacts
    and, on a second line, its 95 % Wilson interval (cells with enough contacts), in the colour of higher contrast on the
    cell (:func:`ink`); cells with too few contacts are grey, dashed and say so. The tooltip holds
    both groups' rates with their intervals. df: reason, measure (translated), rate_t, n_t, n_c,
    enough, and the texts text (first line), ci_text (second line), rate_text, control_text (the
    control group's rate and interval).

    Examples
    --------
    >>> d = pd.DataFrame({"reason": ["r"], "measure": ["m"], "rate_t": [0.2], "n_t": [40], "n_c": [10],
    ...                   "enough": [True], "text": ["20% (40)"], "ci_text": ["[11%; 35%]"],
    ...                   "rate_text": ["20.0%"], "control_text": ["5.0% [1%; 30%]"]})
    >>> spec = cell_heatmap(d, reason="R", measure="M", rate="W", interval="I", contacts="N", control="C",
    ...                     control_contacts="CN", few="F").to_dict()
    >>> len(spec["layer"])
    3
    """
    top = float(df.loc[df["enough"], "rate_t"].max()) if df["enough"].any() else 0.0
    top = max(top, 0.05)
    df = df.assign(ink=[ink(cell_fill(r, top)) if ok else INK_DARK for r, ok in zip(df["rate_t"], df["enough"])],
                   label=[f"{a}\n{b}" if ok else a for a, b, ok in zip(df["text"], df["ci_text"], df["enough"])])
    base = alt.Chart(df).encode(alt.Y("reason:N").sort(rows).title(reason).axis(labelLimit=220),
                                alt.X("measure:N").title(measure).axis(labelAngle=-30, labelLimit=180, labelOverlap=False))
    tip = [alt.Tooltip("reason:N", title=reason), alt.Tooltip("measure:N", title=measure),
           alt.Tooltip("rate_text:N", title=rate), alt.Tooltip("ci_text:N", title=interval),
           alt.Tooltip("n_t:Q", title=contacts, format=","),
           alt.Tooltip("control_text:N", title=control), alt.Tooltip("n_c:Q", title=control_contacts, format=",")]
    good = base.transform_filter(alt.datum.enough).mark_rect().encode(
        alt.Color("rate_t:Q").title(rate)
        .scale(domain=[0, top / 2, top], range=list(GREENS), interpolate="rgb", clamp=True).legend(format="%"),
        tooltip=tip)
    thin = base.transform_filter(~alt.datum.enough).mark_rect(color=THIN, stroke="#b8c0c8",
                                                              strokeDash=[3, 3]).encode(
        tooltip=tip + [alt.Tooltip("text:N", title=few)])
    text = base.mark_text(fontSize=11, lineBreak="\n", lineHeight=14).encode(
        alt.Text("label:N"), alt.Fill("ink:N").scale(None), tooltip=tip)  # fill: its own scale, not the cells'
    return alt.layer(good, thin, text).properties(height=alt.Step(42))


def cumulative_wins(df: pd.DataFrame, *, day: str, share: str, group: str, groups: list[str]) -> alt.Chart:
    """Share of contacts won back by each day after the contact, per group; df: day, group
    (translated), share.

    Examples
    --------
    >>> d = pd.DataFrame({"day": [0, 1], "group": ["T", "T"], "share": [0.0, 0.1]})
    >>> cumulative_wins(d, day="D", share="S", group="G", groups=["T"]).to_dict()["mark"]["type"]
    'line'
    """
    return alt.Chart(df).mark_line(interpolate="step-after", strokeWidth=2.5).encode(
        alt.X("day:Q").title(day),
        alt.Y("share:Q").title(share).axis(format="%"),
        alt.Color("group:N").title(group).scale(domain=groups, range=list(GROUP_COLOURS)).legend(orient="top"),
        tooltip=[alt.Tooltip("group:N", title=group), alt.Tooltip("day:Q", title=day),
                 alt.Tooltip("share:Q", title=share, format=".1%")],
    ).properties(height=260)


def survival(df: pd.DataFrame, *, days: str, share: str, group: str, groups: list[str],
             at_risk: str) -> alt.LayerChart:
    """Kaplan-Meier curves with their 95 % bands; df: time, survival, lo, hi, at_risk, group
    (translated).

    Examples
    --------
    >>> d = pd.DataFrame({"time": [0, 5], "survival": [1.0, 0.8], "lo": [1.0, 0.6], "hi": [1.0, 0.9],
    ...                   "at_risk": [10, 8], "group": ["W", "W"]})
    >>> spec = survival(d, days="D", share="S", group="G", groups=["W"], at_risk="R").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['area', 'line']
    """
    colours = alt.Color("group:N").title(group).scale(domain=groups, range=[ACCENT, PRIMARY]).legend(
        orient="top", symbolType="stroke", symbolOpacity=1, symbolStrokeWidth=3, labelLimit=260)
    base = alt.Chart(df).encode(alt.X("time:Q").title(days))
    band = base.mark_area(opacity=0.18, interpolate="step-after").encode(
        alt.Y("lo:Q").title(share).axis(format="%").scale(domain=[0, 1]), alt.Y2("hi:Q"), colours)
    line = base.mark_line(interpolate="step-after", strokeWidth=2.5).encode(
        alt.Y("survival:Q"), colours,
        tooltip=[alt.Tooltip("group:N", title=group), alt.Tooltip("time:Q", title=days, format=",.0f"),
                 alt.Tooltip("survival:Q", title=share, format=".1%"),
                 alt.Tooltip("at_risk:Q", title=at_risk, format=",")],
    )
    return alt.layer(band, line).properties(height=320)


def before_after(df: pd.DataFrame, *, label: str, amount: str) -> alt.Chart:
    """Mean and median value before the loss and after the return; df: stat, when (translated),
    amount, order.

    Examples
    --------
    >>> d = pd.DataFrame({"stat": ["m", "m"], "when": ["b", "a"], "amount": [1.0, 2.0], "order": [0, 1]})
    >>> before_after(d, label="L", amount="A").to_dict()["mark"]["type"]
    'bar'
    """
    return alt.Chart(df).mark_bar().encode(
        alt.X("stat:N").title(None).axis(labelAngle=0),
        alt.XOffset("when:N").sort(alt.SortField("order")),
        alt.Y("amount:Q").title(amount).axis(labelExpr=SI_LABELS),
        alt.Color("when:N").title(None).sort(alt.SortField("order")).scale(range=[NEUTRAL, GOOD]).legend(
            orient="top", labelLimit=260, columns=1),
        tooltip=[alt.Tooltip("stat:N", title=label), alt.Tooltip("when:N"),
                 alt.Tooltip("amount:Q", title=amount, format=",.0f")],
    ).properties(height=260)


def aftersales(df: pd.DataFrame, *, cell: str, rate: str, study: str, customers: str) -> alt.LayerChart:
    """Repurchase rate per satisfaction cell with its 95 % interval, beside the study's value as
    a tick; df: label, rate, lo, hi, study, n, order.

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["a"], "rate": [0.9], "lo": [0.8], "hi": [0.95], "study": [0.93], "n": [100],
    ...                   "order": [0]})
    >>> [l["mark"]["type"] for l in aftersales(d, cell="C", rate="R", study="S", customers="N").to_dict()["layer"]]
    ['bar', 'rule', 'tick']
    """
    base = alt.Chart(df).encode(alt.X("label:N").sort(alt.SortField("order")).title(cell)
                                .axis(labelAngle=0, labelLimit=260, labelOverlap=False))
    tip = [alt.Tooltip("label:N", title=cell), alt.Tooltip("rate:Q", title=rate, format=".1%"),
           alt.Tooltip("lo:Q", format=".1%"), alt.Tooltip("hi:Q", format=".1%"),
           alt.Tooltip("n:Q", title=customers, format=","), alt.Tooltip("study:Q", title=study, format=".0%")]
    bars = base.mark_bar(color=PRIMARY, opacity=0.8, size=60).encode(
        alt.Y("rate:Q").title(rate).axis(format="%").scale(domain=[0, 1]), tooltip=tip)
    errs = base.mark_rule(color="#1b2733", strokeWidth=2).encode(alt.Y("lo:Q"), alt.Y2("hi:Q"), tooltip=tip)
    ticks = base.mark_tick(color=ACCENT, thickness=4, size=80).encode(alt.Y("study:Q"), tooltip=tip)
    return alt.layer(bars, errs, ticks).properties(height=300)




#: Colours of a notice's status at the as-of date (took effect, averted, withdrawn, open, unknown).
STATUS_COLOURS = (BAD, GOOD, "#7fb48f", ACCENT, NEUTRAL)


def notices_by_month(df: pd.DataFrame, *, month: str, notices: str, status: str, order: list[str],
                     colours: list[str] | None = None, date_format: str = "%b %Y") -> alt.Chart:
    """Stacked bars of cancellation notices per month by status; df: month (date), status
    (translated, one of ``order``), notices. ``colours``: one per label of ``order`` (default: the
    first of :data:`STATUS_COLOURS`; give them when a status is missing, so each keeps its colour).

    Examples
    --------
    >>> d = pd.DataFrame({"month": pd.to_datetime(["2025-01-01"]), "status": ["A"], "notices": [3]})
    >>> notices_by_month(d, month="M", notices="N", status="S", order=["A"]).to_dict()["mark"]["type"]
    'bar'
    """
    colours = list(colours or STATUS_COLOURS[:len(order)])
    return alt.Chart(df).mark_bar().encode(
        alt.X("yearmonth(month):T").title(month).axis(format=date_format),
        alt.Y("sum(notices):Q").title(notices).axis(labelExpr=SI_LABELS),
        alt.Color("status:N").title(status).scale(domain=order, range=colours)
        .legend(orient="top", labelLimit=240),
        alt.Order("order:Q"),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=month), alt.Tooltip("status:N", title=status),
                 alt.Tooltip("notices:Q", title=notices, format=",")],
    ).transform_calculate(order=f"indexof({order!r}, datum.status)").properties(height=260)


def save_rate_bars(df: pd.DataFrame, *, label: str, rate: str, decided: str, overall: float) -> alt.LayerChart:
    """Save rate per group with its 95 % interval and a dashed rule at the ``overall`` rate; df:
    label (translated, in the order to show), rate, lo, hi, n.

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["a"], "rate": [0.2], "lo": [0.1], "hi": [0.3], "n": [50]})
    >>> [layer["mark"]["type"] for layer in save_rate_bars(d, label="L", rate="R", decided="N", overall=0.25)
    ...  .to_dict()["layer"]]
    ['bar', 'rule', 'rule']
    """
    base = alt.Chart(df).encode(alt.Y("label:N").title(label).sort(None).axis(labelLimit=220))
    tip = [alt.Tooltip("label:N", title=label), alt.Tooltip("rate:Q", title=rate, format=".1%"),
           alt.Tooltip("lo:Q", format=".1%"), alt.Tooltip("hi:Q", format=".1%"),
           alt.Tooltip("n:Q", title=decided, format=",")]
    bars = base.mark_bar(color=PRIMARY, opacity=0.85).encode(
        alt.X("rate:Q").title(rate).axis(format="%").scale(domain=[0, 1]), tooltip=tip)
    errs = base.mark_rule(strokeWidth=1.5, color="#1b2733").encode(alt.X("lo:Q"), alt.X2("hi:Q"), tooltip=tip)
    line = alt.Chart(pd.DataFrame({"overall": [overall]})).mark_rule(color=ACCENT, strokeDash=[5, 4],
                                                                       strokeWidth=2).encode(alt.X("overall:Q"))
    return alt.layer(bars, errs, line).properties(height=alt.Step(26))
