"""Chart builders of the customer value page."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from lib.charts.locale import SI_LABELS, short_number
from lib.charts.palette import ACCENT, BLUES, CATEGORICAL, NEUTRAL, PRIMARY, cell_inks, ramp_domain


def value_bands(values: np.ndarray, *, edges: tuple[float, ...] = (0, 10, 30, 100, 300, 1_000, 3_000,
                                                                     10_000, 30_000, 100_000),
                lang: str = "en") -> pd.DataFrame:
    """Customers per value band (a few rows, whatever the number of customers), the bands labelled
    in ``lang`` ("10k–30k" / "10 Tsd.–30 Tsd.").

    Examples
    --------
    >>> value_bands(np.array([-5.0, 5, 50, 50, 2e5]))["customers"].tolist()
    [2, 0, 2, 0, 0, 0, 0, 0, 0, 1]
    >>> value_bands(np.array([5.0]), lang="de")["band"].tolist()[-3:]
    ['10 Tsd.–30 Tsd.', '30 Tsd.–100 Tsd.', '≥ 100 Tsd.']
    """
    v = np.asarray(values, dtype=float)
    bounds = np.asarray(edges, dtype=float)
    idx = np.clip(np.searchsorted(bounds, v, side="right") - 1, 0, len(bounds) - 1)
    counts = np.bincount(idx, minlength=len(bounds))
    labels = [f"{short_number(lo, lang)}–{short_number(hi, lang)}" for lo, hi in zip(bounds[:-1], bounds[1:])]
    labels = [f"≤ {short_number(bounds[1], lang)}"] + labels[1:] + [f"≥ {short_number(bounds[-1], lang)}"]
    return pd.DataFrame({"band": labels, "order": range(len(labels)), "customers": counts})


def bands(df: pd.DataFrame, *, band: str, customers: str, color: str = PRIMARY) -> alt.Chart:
    """Bars of customers per value band (from :func:`value_bands`)."""
    return alt.Chart(df).mark_bar(color=color).encode(
        alt.X("band:N").sort(alt.SortField("order")).title(band).axis(labelAngle=0),
        alt.Y("customers:Q").title(customers),
        tooltip=[alt.Tooltip("band:N", title=band), alt.Tooltip("customers:Q", title=customers, format=",")],
    ).properties(height=260)


def lorenz(df: pd.DataFrame, *, customer_share: str, revenue_share: str, equality: str,
           marker: float | None = None) -> alt.LayerChart:
    """The Lorenz curve (customers from the most valuable down) with the diagonal of equality and
    an optional rule at ``marker`` (the top-x % the sentence speaks of)."""
    curve = alt.Chart(df).mark_area(color=PRIMARY, opacity=0.25, line={"color": PRIMARY}).encode(
        alt.X("customer_share:Q").title(customer_share).scale(domain=[0, 1], nice=False).axis(format="%"),
        alt.Y("revenue_share:Q").title(revenue_share).scale(domain=[0, 1], nice=False).axis(format="%"),
        tooltip=[alt.Tooltip("customer_share:Q", title=customer_share, format=".1%"),
                 alt.Tooltip("revenue_share:Q", title=revenue_share, format=".1%")],
    )
    diagonal = alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0], "label": [equality] * 2})).mark_line(
        color=NEUTRAL, strokeDash=[4, 4]).encode(x="x:Q", y="y:Q", tooltip=alt.Tooltip("label:N", title=""))
    layers = [curve, diagonal]
    if marker is not None:
        layers.append(alt.Chart(pd.DataFrame({"x": [marker]})).mark_rule(color=ACCENT, strokeWidth=2).encode(x="x:Q"))
    return alt.layer(*layers).properties(height=320)


def segment_bars(df: pd.DataFrame, *, segment: str, customers: str, revenue_share: str) -> alt.Chart:
    """Customers per RFM segment (bars) coloured by share of revenue; df: label, customers,
    revenue_share, order."""
    return alt.Chart(df).mark_bar().encode(
        alt.Y("label:N").sort(alt.SortField("order")).title(segment),
        alt.X("customers:Q").title(customers),
        alt.Color("revenue_share:Q").title(revenue_share).scale(scheme="blues").legend(format="%"),
        tooltip=[alt.Tooltip("label:N", title=segment), alt.Tooltip("customers:Q", title=customers, format=","),
                 alt.Tooltip("revenue_share:Q", title=revenue_share, format=".1%")],
    ).properties(height=300)


def migration_heatmap(df: pd.DataFrame, *, from_label: str, to_label: str, customers: str, share: str,
                      order: list[str]) -> alt.LayerChart:
    """Rows = earlier segment, columns = later segment; colour = row share, text = the row share,
    black or white by the cell's luminance.
    df: from, to (translated labels), count, row_share."""
    base = alt.Chart(df.assign(ink=cell_inks(df["row_share"], 1.0, BLUES))).encode(
        alt.Y("from:N").sort(order).title(from_label),
        alt.X("to:N").sort(order).title(to_label).axis(labelAngle=-30),
    )
    cells = base.mark_rect().encode(
        alt.Color("row_share:Q").title(share).scale(domain=ramp_domain(1.0, BLUES), range=list(BLUES),
                                                    interpolate="rgb", clamp=True).legend(format="%"),
        tooltip=[alt.Tooltip("from:N", title=from_label), alt.Tooltip("to:N", title=to_label),
                 alt.Tooltip("count:Q", title=customers, format=","), alt.Tooltip("row_share:Q", title=share, format=".1%")],
    )
    # the text black or white by the cell's luminance (its own scale, not the cells')
    text = base.mark_text(fontSize=11).encode(alt.Text("row_share:Q", format=".0%"), alt.Fill("ink:N").scale(None))
    return alt.layer(cells, text).properties(height=360)


def frequency_check(df: pd.DataFrame, *, x: str, y: str, series: str) -> alt.Chart:
    """Mean hold-out purchases per calibration frequency group, actual vs each model;
    df: x (group label), series (translated), value."""
    return alt.Chart(df).mark_line(point=True).encode(
        alt.X("x:O").title(x).sort(None),
        alt.Y("value:Q").title(y),
        alt.Color("series:N").title(series).scale(range=list(CATEGORICAL)).legend(orient="top"),
        alt.StrokeDash("series:N").title(series).legend(orient="top"),
        tooltip=[alt.Tooltip("x:O", title=x), alt.Tooltip("series:N", title=series),
                 alt.Tooltip("value:Q", title=y, format=".2f")],
    ).properties(height=300)


def tracking(df: pd.DataFrame, calibration_end, *, week: str, y: str, series: str,
             date_format: str = "%b %Y") -> alt.LayerChart:
    """Cumulative repeat purchases per week, actual vs models, with the calibration end marked;
    df: week_end, series (translated), value."""
    lines = alt.Chart(df).mark_line().encode(
        alt.X("week_end:T").title(week).axis(format=date_format),
        alt.Y("value:Q").title(y).axis(labelExpr=SI_LABELS),
        alt.Color("series:N").title(series).scale(range=list(CATEGORICAL)).legend(orient="top"),
        alt.StrokeDash("series:N").title(series).legend(orient="top"),
        tooltip=[alt.Tooltip("week_end:T", title=week), alt.Tooltip("series:N", title=series),
                 alt.Tooltip("value:Q", title=y, format=",.0f")],
    )
    rule = alt.Chart(pd.DataFrame({"d": [pd.Timestamp(calibration_end)]})).mark_rule(
        color=NEUTRAL, strokeDash=[6, 4]).encode(x="d:T")
    return alt.layer(lines, rule).properties(height=320)


def group_mix(df: pd.DataFrame, *, category: str, share: str, group: str) -> alt.Chart:
    """Share of each category within each group, side by side; df: category, group, share."""
    return alt.Chart(df).mark_bar().encode(
        alt.Y("category:N").title(category),
        alt.X("share:Q").title(share).axis(format="%"),
        alt.YOffset("group:N"),
        alt.Color("group:N").title(group).scale(range=[PRIMARY, ACCENT]),
        tooltip=[alt.Tooltip("category:N", title=category), alt.Tooltip("group:N", title=group),
                 alt.Tooltip("share:Q", title=share, format=".1%")],
    ).properties(height=alt.Step(12))
