"""Chart builders of the lifecycle page: pure functions, small aggregates in, ``alt.Chart`` out.

Every text arrives translated (``labels``); the selections a page reacts to have fixed names
(:data:`SELECTIONS`) so Streamlit can report them.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts.locale import SI_LABELS, localized
from lib.charts.palette import ACCENT, BAD, BLUES, NEUTRAL, PRIMARY, cell_inks, ink, ramp_domain

#: Stage colours: cool for healthy, warm for at risk, grey for not (yet) a customer.
STAGE_COLORS = {
    "unknown": "#cfd6dd",
    "prospect": "#a7b4c2",
    "new": "#56B4E9",
    "growing": "#009E73",
    "mature": "#0072B2",
    "declining": "#E69F00",
    "sleeping": "#F0C442",
    "lost": "#D55E00",
    "won_back": "#CC79A7",
}
#: Light band colours of the phases, left to right.
PHASE_COLORS = {
    "acquisition": "#e8eef5",
    "start": "#dcecf7",
    "growth": "#ddf1e8",
    "maturity": "#e3e9f5",
    "decline": "#fbeedb",
    "loss": "#f8e1d6",
    "revitalisation": "#f3e3ef",
}
#: The names of the selections each chart offers (chart -> selection parameter).
SELECTIONS = {"stages": "stage_pick", "curve": "danger_pick", "moves": "move_pick", "retention": "cell_pick"}


def _stage_scale(stages: list[str], labels: list[str]) -> alt.Scale:
    return alt.Scale(domain=labels, range=[STAGE_COLORS[s] for s in stages])


def stage_bars(df: pd.DataFrame, *, field: str, title: str, stage_title: str, tooltip: list[tuple[str, str, str]],
               number_format: str = ",.0f", selected: str | None = None, height: int = 260) -> alt.Chart:
    """Horizontal bars per stage; clicking one selects it (``stage_pick`` on field ``stage``).

    ``df`` has one row per stage: stage (key), label (translated) and the columns named in
    ``field`` and ``tooltip`` ((column, title, format) triples; format '' for text).

    Examples
    --------
    >>> d = pd.DataFrame({"stage": ["new", "lost"], "label": ["New", "Lost"], "customers": [3, 1]})
    >>> s = stage_bars(d, field="customers", title="Customers", stage_title="Stage", tooltip=[]).to_dict()
    >>> s["mark"]["type"], s["params"][0]["name"]
    ('bar', 'stage_pick')
    """
    pick = alt.selection_point(name=SELECTIONS["stages"], fields=["stage"], on="click", clear=False)
    order = df["label"].tolist()
    opacity = (alt.condition(alt.datum.stage == selected, alt.value(1.0), alt.value(0.55))
               if selected else alt.value(0.9))
    return (
        alt.Chart(df)
        .mark_bar(cornerRadiusEnd=3, cursor="pointer")
        .encode(
            alt.Y("label:N").title(None).sort(order).axis(labelLimit=160),
            alt.X(f"{field}:Q").title(title).axis(labelExpr=SI_LABELS),
            alt.Color("label:N").scale(_stage_scale(df["stage"].tolist(), order)).legend(None).title(stage_title),
            opacity=opacity,
            tooltip=[alt.Tooltip("label:N", title=stage_title)]
            + [alt.Tooltip(f"{c}:{'N' if not f else 'Q'}", title=t, **({"format": f} if f else {})) for c, t, f in tooltip],
        )
        .add_params(pick)
        .properties(height=height)
    )


def fit_label(text: str, width_px: float, char_px: float = 7.2) -> str:
    """``text`` shortened with an ellipsis to fit ``width_px`` (at least its first letter).

    Examples
    --------
    >>> fit_label("Revitalisation", 200), fit_label("Revitalisation", 50)
    ('Revitalisation', 'Revit…')
    """
    fits = int(width_px // char_px)
    if len(text) <= fits:
        return text
    return text[:max(1, fits - 1)] + "…"


def lifecycle_chart(curve: pd.DataFrame, revival: pd.DataFrame, phases: pd.DataFrame, markers: pd.DataFrame, *,
                    labels: dict[str, str], last_age: int, selected: int | None = None,
                    height: int = 430, width_px: int = 1100) -> alt.LayerChart:
    """The lifecycle chart: phase bands, the curve, the revitalisation curve and the danger points.

    * ``curve``: x, value, customers, buyers (one row per month of life shown);
    * ``revival``: x, value, customers, buyers, month (months since the return);
    * ``phases``: phase, label, x0, x1, rule (how the band was placed, for the tooltip) and
      optionally note (a short text drawn inside the band);
    * ``markers``: number, x, row (0 or 1: two rows when markers crowd), title, phase_label, summary.

    ``labels`` holds the translated titles: x, y, month, customers, buyers, value, revival_month,
    phase, rule, danger, evidence. Clicking a marker selects it (``danger_pick`` on ``number``).
    Band labels are shortened to fit an assumed plot width of ``width_px``.

    Examples
    --------
    >>> c = pd.DataFrame({"x": [0, 1], "value": [5.0, 6.0], "customers": [40, 40], "buyers": [40, 20], "month": [0, 1]})
    >>> p = pd.DataFrame({"phase": ["start"], "label": ["Start"], "x0": [-0.5], "x1": [1.5], "rule": ["r"]})
    >>> m = pd.DataFrame({"number": [7], "x": [0.5], "row": [0], "title": ["t"], "phase_label": ["Start"],
    ...                   "summary": ["s"]})
    >>> spec = lifecycle_chart(c, c.iloc[0:0], p, m, labels={k: k for k in ("x", "y", "month", "customers",
    ...     "buyers", "value", "revival_month", "phase", "rule", "danger", "evidence")}, last_age=1).to_dict()
    >>> [l["mark"]["type"] for l in spec["layer"]], [p["name"] for p in spec["params"]]
    (['rect', 'text', 'text', 'line', 'line', 'circle', 'text'], ['danger_pick'])
    """
    top = float(pd.concat([curve["value"], revival["value"]]).max()) if len(curve) or len(revival) else 1.0
    top = top if top > 0 else 1.0
    y_max = top * 1.46
    band_y, row_y = (top * 1.41, top * 1.34), (top * 1.11, top * 1.22)
    x_min = float(phases["x0"].min()) if len(phases) else -4.5
    x_max = float(phases["x1"].max()) if len(phases) else float(last_age) + 0.5
    x = alt.X("x:Q").scale(domain=[x_min, x_max], nice=False, zero=False)
    ticks = [t for t in range(0, last_age + 1, 3 if last_age <= 36 else 6)]
    y = alt.Y("value:Q").scale(domain=[0, y_max], nice=False).axis(labelExpr=SI_LABELS, tickCount=6)

    bands = (
        alt.Chart(phases)
        .mark_rect(opacity=1.0)
        .encode(
            alt.X("x0:Q").scale(domain=[x_min, x_max], nice=False, zero=False)
            .axis(values=ticks, title=labels["x"], grid=False, labelExpr="datum.value"),
            alt.X2("x1:Q"),
            alt.Color("phase:N").scale(domain=list(PHASE_COLORS), range=list(PHASE_COLORS.values())).legend(None),
            tooltip=[alt.Tooltip("label:N", title=labels["phase"]), alt.Tooltip("rule:N", title=labels["rule"])],
        )
    )
    # A label too wide for its band drops to a second row, where it may overhang the band (its
    # neighbours keep the first row); shortened only if it is too wide even for twice the band.
    per_month = width_px / max(x_max - x_min, 1.0)
    widths = [(b - a) * per_month - 4 for a, b in zip(phases["x0"], phases["x1"])]
    fits = [len(text) * 7.2 <= w for text, w in zip(phases["label"], widths)]
    shorts = [text if ok else fit_label(text, 2 * w + 8) for text, w, ok in zip(phases["label"], widths, fits)]
    band_text = (
        alt.Chart(phases.assign(xm=(phases["x0"] + phases["x1"]) / 2, short=shorts,
                                y=[band_y[0] if ok else band_y[1] for ok in fits]))
        .mark_text(fontSize=12, fontWeight="bold", color="#3b4a5a", baseline="middle")
        .encode(alt.X("xm:Q").scale(domain=[x_min, x_max], nice=False, zero=False), alt.Y("y:Q").scale(domain=[0, y_max]),
                text="short:N")
    )
    notes = phases.loc[phases.get("note", pd.Series("", index=phases.index)).fillna("") != ""] if len(phases) else phases
    note_text = (
        alt.Chart(notes.assign(xm=(notes["x0"] + notes["x1"]) / 2, y=top * 0.55))
        .mark_text(fontSize=11, color="#6b7785", baseline="middle", lineBreak="\n")
        .encode(alt.X("xm:Q").scale(domain=[x_min, x_max], nice=False, zero=False), alt.Y("y:Q").scale(domain=[0, y_max]),
                text="note:N")
    )
    curve_tooltip = [alt.Tooltip("month:O", title=labels["month"]), alt.Tooltip("value:Q", title=labels["value"], format=",.2f"),
                     alt.Tooltip("customers:Q", title=labels["customers"], format=","),
                     alt.Tooltip("buyers:Q", title=labels["buyers"], format=",")]
    line = (
        alt.Chart(curve)
        .mark_line(color=PRIMARY, strokeWidth=2.5, point=alt.OverlayMarkDef(color=PRIMARY, size=28))
        .encode(x, y.title(labels["y"]), tooltip=curve_tooltip)
    )
    revival_line = (
        alt.Chart(revival)
        .mark_line(color=STAGE_COLORS["won_back"], strokeWidth=2.5, strokeDash=[6, 4],
                   point=alt.OverlayMarkDef(color=STAGE_COLORS["won_back"], size=28))
        .encode(x, y, tooltip=[alt.Tooltip("month:O", title=labels["revival_month"]), *curve_tooltip[1:]])
    )
    pick = alt.selection_point(name=SELECTIONS["curve"], fields=["number"], on="click", clear=False)
    m = markers.assign(y=[row_y[int(r)] for r in markers["row"]]) if len(markers) else markers.assign(y=[])
    is_selected = alt.datum.number == (selected if selected is not None else -1)
    dots = (
        alt.Chart(m)
        .mark_circle(size=430, opacity=1.0, stroke="white", strokeWidth=1.5, cursor="pointer")
        .encode(
            x, alt.Y("y:Q").scale(domain=[0, y_max]),
            color=alt.condition(is_selected, alt.value(ACCENT), alt.value(BAD)),
            tooltip=[alt.Tooltip("number:O", title=labels["danger"]), alt.Tooltip("title:N", title=" "),
                     alt.Tooltip("phase_label:N", title=labels["phase"]),
                     alt.Tooltip("summary:N", title=labels["evidence"])],
        )
        .add_params(pick)
    )
    numbers = (
        alt.Chart(m)
        .mark_text(fontSize=11, fontWeight="bold", baseline="middle")
        .encode(x, alt.Y("y:Q").scale(domain=[0, y_max]), text="number:O",
                # black or white by the dot's luminance (white on red, black on the chosen orange one)
                color=alt.condition(is_selected, alt.value(ink(ACCENT)), alt.value(ink(BAD))),
                tooltip=[alt.Tooltip("number:O", title=labels["danger"]), alt.Tooltip("title:N", title=" "),
                         alt.Tooltip("summary:N", title=labels["evidence"])])
    )
    return alt.layer(bands, band_text, note_text, line, revival_line, dots, numbers).properties(height=height)


def trend_area(df: pd.DataFrame, *, share: bool, labels: dict[str, str], height: int = 300) -> alt.Chart:
    """Stacked areas of customers (or their share) per stage at each month end.

    ``df``: month, stage, label, order, customers, share.

    Examples
    --------
    >>> d = pd.DataFrame({"month": pd.to_datetime(["2025-01-31"] * 2), "stage": ["new", "lost"],
    ...                   "label": ["New", "Lost"], "order": [1, 6], "customers": [3, 1], "share": [.75, .25]})
    >>> trend_area(d, share=True, labels={"month": "M", "customers": "C", "share": "S", "stage": "St"}).to_dict()["mark"]["type"]
    'area'
    """
    stages = df.drop_duplicates("stage").sort_values("order")
    field, fmt = ("share", ".0%") if share else ("customers", None)
    return (
        alt.Chart(df)
        .mark_area(opacity=0.9)
        .encode(
            alt.X("month:T").title(labels["month"]).axis(format="%b %Y", labelOverlap=True),
            alt.Y(f"{field}:Q").title(labels[field]).stack("zero").axis(
                **({"format": fmt} if share else {"labelExpr": SI_LABELS})),
            alt.Color("label:N").scale(_stage_scale(stages["stage"].tolist(), stages["label"].tolist()))
            .sort(stages["label"].tolist()).title(labels["stage"]).legend(orient="bottom", columns=8),
            alt.Order("order:Q"),
            tooltip=[alt.Tooltip("month:T", title=labels["month"]), alt.Tooltip("label:N", title=labels["stage"]),
                     alt.Tooltip("customers:Q", title=labels["customers"], format=","),
                     alt.Tooltip("share:Q", title=labels["share"], format=".1%")],
        )
        .properties(height=height)
    )


def transition_matrix(df: pd.DataFrame, *, labels: dict[str, str], selected: tuple[str, str] | None = None,
                      row_px: int = 42) -> alt.LayerChart:
    """A heatmap of moves: rows stage_from, columns stage_to, colour = share of the row; each cell
    shows the customers and the row share, black or white by the cell's luminance. Clicking a cell selects it (``move_pick``).

    ``df``: stage_from, stage_to, label_from, label_to, customers, row_share, text;
    ``labels``: from, to, customers, row_share, and the order lists ``rows`` and ``cols`` joined by '|'.
    """
    pick = alt.selection_point(name=SELECTIONS["moves"], fields=["stage_from", "stage_to"], on="click", clear=False)
    rows, cols = labels["rows"].split("|"), labels["cols"].split("|")
    base = alt.Chart(df.assign(ink=cell_inks(df["row_share"], 1.0, BLUES))).encode(
        alt.X("label_to:N").title(labels["to"]).sort(cols).axis(labelAngle=-30, labelLimit=120, orient="top"),
        alt.Y("label_from:N").title(labels["from"]).sort(rows).axis(labelLimit=140),
    )
    stroke = (alt.condition((alt.datum.stage_from == selected[0]) & (alt.datum.stage_to == selected[1]),
                            alt.value("#1b2733"), alt.value("white")) if selected else alt.value("white"))
    cells = base.mark_rect(cursor="pointer", strokeWidth=2).encode(
        alt.Color("row_share:Q").scale(domain=ramp_domain(1.0, BLUES), range=list(BLUES), interpolate="rgb", clamp=True)
        .legend(format=".0%", title=labels["row_share"]),
        stroke=stroke,
        tooltip=[alt.Tooltip("label_from:N", title=labels["from"]), alt.Tooltip("label_to:N", title=labels["to"]),
                 alt.Tooltip("customers:Q", title=labels["customers"], format=","),
                 alt.Tooltip("row_share:Q", title=labels["row_share"], format=".1%")],
    ).add_params(pick)
    # the text black or white by the cell's luminance (its own scale, not the cells')
    text = base.mark_text(fontSize=11, lineBreak="\n").encode(text="text:N", fill=alt.Fill("ink:N").scale(None))
    # the height includes the stage labels on top (Streamlit fits the whole chart into it)
    return alt.layer(cells, text).properties(height=row_px * max(1, len(rows)) + 110)


def retention_heatmap(df: pd.DataFrame, *, field: str, labels: dict[str, str], height: int = 460) -> alt.Chart:
    """Cohort (rows) by month since the first purchase (columns), colour = ``field`` (a share).
    Clicking a cell selects it (``cell_pick`` on cohort_key and age).

    ``df``: cohort_key (YYYY-MM-DD), cohort_label, age, size, buyers, revenue, customer_share,
    revenue_share.

    Examples
    --------
    >>> d = pd.DataFrame({"cohort_key": ["2025-01-01"], "cohort_label": ["2025-01"], "age": [0], "size": [5],
    ...                   "buyers": [5], "revenue": [9.0], "customer_share": [1.0], "revenue_share": [1.0]})
    >>> s = retention_heatmap(d, field="customer_share", labels={k: k for k in
    ...     ("cohort", "age", "size", "buyers", "revenue", "customer_share", "revenue_share")}).to_dict()
    >>> s["mark"]["type"], s["params"][0]["name"]
    ('rect', 'cell_pick')
    """
    pick = alt.selection_point(name=SELECTIONS["retention"], fields=["cohort_key", "age"], on="click", clear=False)
    order = df.sort_values("cohort_key")["cohort_label"].unique().tolist()  # by date, not by label text
    return (
        alt.Chart(df)
        .mark_rect(cursor="pointer")
        .encode(
            alt.X("age:O").title(labels["age"]).axis(labelAngle=0, labelOverlap=True),
            alt.Y("cohort_label:O").title(labels["cohort"]).sort(order).axis(labelOverlap=True),
            alt.Color(f"{field}:Q").scale(scheme="viridis", domain=[0, 1.5 if field == "revenue_share" else 1],
                                           clamp=True).legend(format=".0%", title=labels[field]),
            tooltip=[alt.Tooltip("cohort_label:O", title=labels["cohort"]), alt.Tooltip("age:O", title=labels["age"]),
                     alt.Tooltip("size:Q", title=labels["size"], format=","),
                     alt.Tooltip("buyers:Q", title=labels["buyers"], format=","),
                     alt.Tooltip("customer_share:Q", title=labels["customer_share"], format=".1%"),
                     alt.Tooltip("revenue:Q", title=labels["revenue"], format=",.0f"),
                     alt.Tooltip("revenue_share:Q", title=labels["revenue_share"], format=".0%")],
        )
        .add_params(pick)
        .properties(height=height)
    )


def evidence_bars(df: pd.DataFrame, *, labels: dict[str, str]) -> alt.LayerChart:
    """The share lost per comparison group with its 95 % interval and counts.

    ``df``: label, customers, lost, rate, low, high, text (e.g. "412 / 1,727"), few (bool).

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["a", "b"], "customers": [10, 20], "lost": [1, 5], "rate": [.1, .25],
    ...                   "low": [.02, .1], "high": [.4, .47], "text": ["1 / 10", "5 / 20"], "few": [True, True]})
    >>> [l["mark"]["type"] for l in evidence_bars(d, labels={k: k for k in
    ...     ("group", "rate", "customers", "lost", "low", "high")}).to_dict()["layer"]]
    ['bar', 'rule', 'text']
    """
    order = df["label"].tolist()
    top = max(float(df["high"].max()) if len(df) else 0.0, 0.05) * 1.25
    base = alt.Chart(df).encode(alt.Y("label:N").title(None).sort(order).axis(labelLimit=220)
                                .scale(paddingInner=0.35))
    tooltip = [alt.Tooltip("label:N", title=labels["group"]), alt.Tooltip("customers:Q", title=labels["customers"], format=","),
               alt.Tooltip("lost:Q", title=labels["lost"], format=","), alt.Tooltip("rate:Q", title=labels["rate"], format=".1%"),
               alt.Tooltip("low:Q", title=labels["low"], format=".1%"), alt.Tooltip("high:Q", title=labels["high"], format=".1%")]
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        alt.X("rate:Q").title(labels["rate"]).axis(format=".0%").scale(domain=[0, min(1.0, top)]),
        color=alt.condition(alt.datum.few, alt.value(NEUTRAL), alt.value(PRIMARY)),
        tooltip=tooltip,
    )
    whiskers = base.mark_rule(color="#1b2733", strokeWidth=1.5).encode(alt.X("low:Q"), alt.X2("high:Q"), tooltip=tooltip)
    text = base.mark_text(align="left", dx=6, fontSize=11, color="#3b4a5a").encode(alt.X("high:Q"), text="text:N")
    # the height includes the axis below (Streamlit fits the whole chart into it)
    return alt.layer(bars, whiskers, text).properties(height=60 + 38 * len(df))


def spec(chart, lang: str) -> dict:
    """The Vega-Lite spec of ``chart`` in ``lang``'s number format, for ``st.vega_lite_chart``.

    Skips Altair's JSON-schema validation, which costs more than building the chart; the tests
    validate every builder (``chart.to_dict()``), so a page run need not do it again.
    """
    return localized(chart, lang).to_dict(validate=False)
