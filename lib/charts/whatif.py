"""Chart builder of the what-if panel (win-back page) and the story's last step: the monthly revenue
of today's customers as they are (baseline) against the scenario. Labels arrive translated."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts.locale import SI_LABELS
from lib.charts.palette import NEUTRAL, PRIMARY


def revenue_lines(df: pd.DataFrame, *, month: str, revenue: str, customers: str, scenario: str,
                  order: list[str]) -> alt.Chart:
    """One line per scenario of the revenue per month; the baseline (``order[0]``) grey and dashed,
    the scenario blue. ``df``: month (1..36), label (the scenario's translated name), revenue,
    customers (not lost at the month's end).

    Examples
    --------
    >>> d = pd.DataFrame({"month": [1, 1], "label": ["B", "S"], "revenue": [10.0, 12.0], "customers": [5.0, 6.0]})
    >>> spec = revenue_lines(d, month="M", revenue="R", customers="C", scenario="S", order=["B", "S"]).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["strokeDash"]["scale"]["range"]
    ('line', [[6, 4], [1, 0]])
    """
    return alt.Chart(df[["month", "label", "revenue", "customers"]]).mark_line(strokeWidth=3).encode(
        alt.X("month:Q").title(month).scale(domain=[1, int(df["month"].max()) if len(df) else 36], nice=False)
        .axis(values=[1, 6, 12, 18, 24, 30, 36], format="d"),
        alt.Y("revenue:Q").title(revenue).axis(labelExpr=SI_LABELS).scale(zero=True),
        alt.Color("label:N").title(scenario).scale(domain=order, range=[NEUTRAL, PRIMARY]).legend(orient="top"),
        alt.StrokeDash("label:N").scale(domain=order, range=[[6, 4], [1, 0]]).legend(None),
        tooltip=[alt.Tooltip("label:N", title=scenario), alt.Tooltip("month:Q", title=month, format="d"),
                 alt.Tooltip("revenue:Q", title=revenue, format=",.0f"),
                 alt.Tooltip("customers:Q", title=customers, format=",.0f")],
    ).properties(height=340)
