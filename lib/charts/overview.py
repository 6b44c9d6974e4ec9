"""Chart builders of the overview page."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts.locale import SI_LABELS
from lib.charts.palette import ACCENT, PRIMARY


def monthly_activity(df: pd.DataFrame, *, month: str, revenue: str, buyers: str) -> alt.LayerChart:
    """Revenue bars and a buying-customers line per month, on independent y axes.

    ``df`` has columns month (date), revenue, buyers.

    Examples
    --------
    >>> d = pd.DataFrame({"month": pd.to_datetime(["2025-01-01"]), "revenue": [1.0], "buyers": [2]})
    >>> monthly_activity(d, month="M", revenue="R", buyers="B").to_dict()["layer"][0]["mark"]["type"]
    'bar'
    """
    base = alt.Chart(df).encode(alt.X("yearmonth(month):T").title(month))
    bars = base.mark_bar(color=PRIMARY, opacity=0.75).encode(
        alt.Y("revenue:Q").title(revenue).axis(labelExpr=SI_LABELS, titleColor=PRIMARY),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=month),
                 alt.Tooltip("revenue:Q", title=revenue, format=",.0f"),
                 alt.Tooltip("buyers:Q", title=buyers, format=",")],
    )
    line = base.mark_line(color=ACCENT, strokeWidth=2.5, point=alt.OverlayMarkDef(color=ACCENT)).encode(
        alt.Y("buyers:Q").title(buyers).axis(titleColor=ACCENT, labelExpr=SI_LABELS),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=month),
                 alt.Tooltip("buyers:Q", title=buyers, format=",")],
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=300)
