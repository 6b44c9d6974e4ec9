"""Number and date formats of the charts in the app's language: German charts write 1.234,5
and März (Vega-Lite's ``config.locale``), English ones keep the defaults. Every page draws its
charts through :func:`localized` (the lifecycle page in its spec, the others through
:func:`lib.ui.altair_chart`, slides through :func:`lib.charts.image.slide_chart`).

Short axis labels of large numbers (:data:`SI_LABELS`) say "12 Tsd." and "1,5 Mio." in German and
"12k" and "1.5M" in English: d3's SI formats ("~s", ",.2s") would print k and M in both.
"""
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


def _short_number(k: str, m: str, bn: str) -> str:
    """A Vega expression: ``datum.value`` shortened with the suffixes ``k`` (thousands), ``m``
    (millions) and ``bn`` (billions), at most four significant digits, in the chart's number format."""
    def part(scale: str, suffix: str) -> str:
        return f"format(datum.value / {scale}, ',.4~r') + '{suffix}'"
    return (f"abs(datum.value) >= 1e9 ? {part('1e9', bn)} : abs(datum.value) >= 1e6 ? {part('1e6', m)} : "
            f"abs(datum.value) >= 1e3 ? {part('1e3', k)} : format(datum.value, ',.4~r')")


#: ``labelExpr`` of an axis (or legend) with large numbers: 0, 500, 12 Tsd., 1,5 Mio. in German and
#: 0, 500, 12k, 1.5M in English. The chart's number locale decides (German formats 1000 as
#: "1.000"), so one expression serves both languages and :func:`localized` needs to change nothing.
#: Use it instead of d3's SI formats ("~s", ",.2s"), whose suffixes are English.
SI_LABELS = (f"format(1000, ',') == '1.000' ? ({_short_number(' Tsd.', ' Mio.', ' Mrd.')}) : "
             f"({_short_number('k', 'M', 'bn')})")


def short_number(value: float, lang: str) -> str:
    """``value`` as :data:`SI_LABELS` writes it, for labels made in Python (value bands).

    Examples
    --------
    >>> short_number(30_000, "de"), short_number(1_500_000, "de"), short_number(2_500, "en"), short_number(300, "de")
    ('30 Tsd.', '1,5 Mio.', '2.5k', '300')
    """
    sign, rest = ("-" if value < 0 else ""), abs(float(value))
    suffixes = ((1e9, " Mrd.", "bn"), (1e6, " Mio.", "M"), (1e3, " Tsd.", "k"))
    scale, suffix = next(((s, de if lang == "de" else en) for s, de, en in suffixes if rest >= s), (1.0, ""))
    text = f"{float(f'{rest / scale:.4g}'):,.10g}"
    if lang == "de":
        text = text.translate(str.maketrans(",.", ".,"))
    return f"{sign}{text}{suffix}"


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
