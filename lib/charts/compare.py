"""Chart builders of the comparison page: one colour per side (A blue, B orange) in every chart."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts.palette import CATEGORICAL, NEUTRAL

#: The sides' colours, A then B.
SIDE_COLOURS = list(CATEGORICAL[:2])


def _side_colour(sides: list[str], title: str, channel=alt.Color) -> alt.Color:
    return channel("side:N").title(title).scale(domain=sides, range=SIDE_COLOURS).legend(orient="top", labelLimit=400)


def curves(df: pd.DataFrame, *, sides: list[str], side: str, month: str, value: str, customers: str) -> alt.Chart:
    """The lifecycle curve of each side; df: side, age, value, customers."""
    return alt.Chart(df).mark_line(point=True, strokeWidth=2).encode(
        alt.X("age:Q").title(month).axis(tickMinStep=1),
        alt.Y("value:Q").title(value),
        _side_colour(sides, side),
        tooltip=[alt.Tooltip("side:N", title=side), alt.Tooltip("age:Q", title=month),
                 alt.Tooltip("value:Q", title=value, format=",.2f"),
                 alt.Tooltip("customers:Q", title=customers, format=",")],
    ).properties(height=340)


def lorenz(df: pd.DataFrame, *, sides: list[str], side: str, customer_share: str, revenue_share: str,
           equality: str) -> alt.LayerChart:
    """The Lorenz curve of each side with the diagonal of equality; df: side, customer_share, revenue_share."""
    lines = alt.Chart(df).mark_line(strokeWidth=2).encode(
        alt.X("customer_share:Q").title(customer_share).axis(format="%"),
        alt.Y("revenue_share:Q").title(revenue_share).axis(format="%"),
        _side_colour(sides, side),
        tooltip=[alt.Tooltip("side:N", title=side),
                 alt.Tooltip("customer_share:Q", title=customer_share, format=".1%"),
                 alt.Tooltip("revenue_share:Q", title=revenue_share, format=".1%")],
    )
    diagonal = alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0], "label": [equality] * 2})).mark_line(
        color=NEUTRAL, strokeDash=[4, 4]).encode(x="x:Q", y="y:Q", tooltip=alt.Tooltip("label:N", title=""))
    return alt.layer(lines, diagonal).properties(height=320)


def rates(df: pd.DataFrame, *, sides: list[str], side: str, rate: str, low: str, high: str, n: str, k: str
          ) -> alt.LayerChart:
    """A share per side with its 95 % interval; df: side, rate, low, high, n, k."""
    base = alt.Chart(df).encode(alt.Y("side:N").title(None).sort(sides).axis(labelLimit=260))
    tip = [alt.Tooltip("side:N", title=side), alt.Tooltip("rate:Q", title=rate, format=".1%"),
           alt.Tooltip("low:Q", title=low, format=".1%"), alt.Tooltip("high:Q", title=high, format=".1%"),
           alt.Tooltip("k:Q", title=k, format=","), alt.Tooltip("n:Q", title=n, format=",")]
    bars = base.mark_bar(opacity=0.8).encode(alt.X("rate:Q").title(rate).axis(format="%"),
                                             _side_colour(sides, side).legend(None), tooltip=tip)
    whiskers = base.mark_rule(color="black").encode(alt.X("low:Q"), alt.X2("high:Q"), tooltip=tip)
    return alt.layer(bars, whiskers).properties(height=alt.Step(40))


def stage_mix(df: pd.DataFrame, *, sides: list[str], side: str, stage: str, share: str, customers: str,
              definition: str) -> alt.Chart:
    """Share of each side's customers per stage, side by side; df: side, label, order, share,
    customers, definition."""
    return alt.Chart(df).mark_bar().encode(
        alt.X("label:N").title(stage).sort(alt.SortField("order")).axis(labelAngle=0, labelLimit=120),
        alt.XOffset("side:N").sort(sides),
        alt.Y("share:Q").title(share).axis(format="%"),
        _side_colour(sides, side),
        tooltip=[alt.Tooltip("side:N", title=side), alt.Tooltip("label:N", title=stage),
                 alt.Tooltip("share:Q", title=share, format=".1%"),
                 alt.Tooltip("customers:Q", title=customers, format=","),
                 alt.Tooltip("definition:N", title=definition)],
    ).properties(height=300)
