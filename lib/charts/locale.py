"""Number and date formats of the charts in the app's language: German charts write 1.234,5
and März (Vega-Lite's ``config.locale``), English ones keep the defaults. Every page draws its
charts through :func:`localized` (the lifecycle page in its spec, the others through
:func:`lib.ui.altair_chart`)."""
from __future__ import annotations

import altair as alt
import pandas as pd  # noqa: F401  (the example below)

#: d3 number and time formats of German (Vega-Lite's config.locale).
_GERMAN = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"], "percent": "\u00a0%"},
    "time": {
        "dateTime": "%A, der %e. %B %Y, %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
        "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                   "November", "Dezember"],
        "shortMonths": ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    },
}


def localized(chart, lang: str):
    """``chart`` with German number and date formats (1.234,5; März) when ``lang`` is 'de'.

    Examples
    --------
    >>> c = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q")
    >>> localized(c, "de").to_dict()["config"]["locale"]["number"]["decimal"]
    ','
    """
    if lang != "de":
        return chart
    if chart.config is alt.Undefined:
        return chart.configure(locale=_GERMAN)
    chart = chart.copy()  # keep what the builder configured
    chart.config.locale = _GERMAN
    return chart
