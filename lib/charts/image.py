"""Charts as pictures for slides: PNG and SVG at presentation size, drawn without a browser by
vl-convert (the Vega-Lite compiler and renderer as a Python package), with the title and a
caption in the chosen language and the chart's numbers and dates in that language's format.

The page's download buttons and the deck (``python -m lib deck``) both go through
:func:`slide_chart` and :func:`to_png` / :func:`to_svg`, so a picture on a slide and a download
look the same.
"""
from __future__ import annotations

import json

import altair as alt
import vl_convert as vlc

from lib.charts.locale import localized

#: Presentation size in CSS pixels (16:9 at 1280 wide); PNGs are drawn at twice that.
WIDTH, HEIGHT, SCALE = 1280, 620, 2
#: Type sizes a projector needs (Vega-Lite's defaults are 10-13 px).
FONTS = {"title": 30, "subtitle": 18, "axis_label": 16, "axis_title": 18, "legend": 16}


def slide_chart(chart, *, title: str, caption: str = "", lang: str = "en",
                width: int = WIDTH, height: int = HEIGHT):
    """``chart`` sized for a slide, with ``title`` above and ``caption`` (a sentence or two) as
    its subtitle, large type, and numbers and dates in ``lang``'s format.

    A chart whose builder fixed a pixel height keeps its proportions inside the slide's frame:
    the size is given to the whole view (``autosize: fit``), so layered charts fit too.

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q")
    >>> spec = slide_chart(c, title="Umsatz", caption="Die oberen 20 %", lang="de").to_dict()
    >>> spec["title"]["text"], spec["config"]["locale"]["number"]["decimal"]
    ('Umsatz', ',')
    """
    subtitle = [line for line in _wrap(caption, 110)] if caption else alt.Undefined
    sized = chart.properties(
        title=alt.TitleParams(text=title, subtitle=subtitle, anchor="start", fontSize=FONTS["title"],
                              subtitleFontSize=FONTS["subtitle"], subtitleColor="#333333", offset=14),
    )
    if _single_view(sized):
        sized = sized.properties(width=width, height=height)
    sized = sized.configure_axis(labelFontSize=FONTS["axis_label"], titleFontSize=FONTS["axis_title"],
                                 labelLimit=320) \
        .configure_legend(labelFontSize=FONTS["legend"], titleFontSize=FONTS["legend"], labelLimit=360) \
        .configure_view(strokeWidth=0) \
        .properties(background="white", padding=24)
    return localized(sized, lang)


def to_png(chart, scale: float = SCALE) -> bytes:
    """The chart (an Altair chart, ideally from :func:`slide_chart`) as PNG bytes."""
    return vlc.vegalite_to_png(_spec(chart), scale=scale)


def to_svg(chart) -> bytes:
    """The chart as SVG (UTF-8 bytes): sharp at any size, editable in PowerPoint or Inkscape."""
    return vlc.vegalite_to_svg(_spec(chart)).encode("utf-8")


def _spec(chart) -> str:
    return json.dumps(chart.to_dict() if hasattr(chart, "to_dict") else chart)


def _single_view(chart) -> bool:
    """Whether ``chart`` takes a width and height itself (a plain or layered chart; concatenated
    and faceted ones size their parts)."""
    return isinstance(chart, (alt.Chart, alt.LayerChart))


def _wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters at spaces (a subtitle does not
    wrap by itself).

    Examples
    --------
    >>> _wrap("one two three", 7)
    ['one two', 'three']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
