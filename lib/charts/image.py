"""Charts as pictures for slides: PNG and SVG at presentation size, drawn without a browser by
vl-convert (the Vega-Lite compiler and renderer as a Python package), with the title and a
caption in the chosen language and the chart's numbers and dates in that language's format.

The page's download buttons and the deck (``python -m lib deck``) both go through
:func:`slide_chart` and :func:`to_png` / :func:`to_svg`, so a picture on a slide and a download
look the same.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
import unicodedata

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

    ``chart`` may also be a Vega-Lite spec (a dict, as the lifecycle page draws its charts).
    """
    chart = as_chart(chart)
    title, caption = plain(title), plain(caption)
    subtitle = _wrap(caption, max(40, width * 110 // WIDTH)) if caption else alt.Undefined   # 110 characters at 1280 px
    sized = chart.properties(
        title=alt.TitleParams(text=title or " ", subtitle=subtitle, anchor="start", fontSize=FONTS["title"],
                              subtitleFontSize=FONTS["subtitle"], subtitleColor="#333333", offset=14),
    ) if title or caption else chart
    if _single_view(sized):
        sized = sized.properties(width=width, height=height)
    sized = sized.configure_axis(labelFontSize=FONTS["axis_label"], titleFontSize=FONTS["axis_title"],
                                 labelLimit=320) \
        .configure_legend(labelFontSize=FONTS["legend"], titleFontSize=FONTS["legend"], labelLimit=360) \
        .configure_view(strokeWidth=0) \
        .properties(background="white", padding=24)
    return localized(sized, lang)


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain(text: str | None) -> str:
    r"""``text`` (a heading or caption as the page shows it, possibly Markdown) as plain text for a
    picture: emphasis, code marks, links, escapes and list bullets removed, lines joined.

    Examples
    --------
    >>> plain("**Top 20 %** bring *76 %* of [revenue](https://x.org) \\(net\\)\n- `a`")
    'Top 20 % bring 76 % of revenue (net) a'
    """
    if not text:
        return ""
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"(\*\*|__|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))", "", text)
    text = re.sub(r"^\s*[-*] ", "", text, flags=re.M).replace("\u2060", "")
    return " ".join(text.split())


def to_png(chart, scale: float = SCALE) -> bytes:
    """The chart (an Altair chart, ideally from :func:`slide_chart`) as PNG bytes."""
    return vlc.vegalite_to_png(_spec(chart), scale=scale)


def to_svg(chart) -> bytes:
    """The chart as SVG (UTF-8 bytes): sharp at any size, editable in PowerPoint or Inkscape."""
    return vlc.vegalite_to_svg(_spec(chart)).encode("utf-8")


def as_chart(chart):
    """An Altair chart of ``chart`` (returned as is) or of a Vega-Lite spec (a dict): a plain,
    layered or composed chart as its keys say.

    Examples
    --------
    >>> type(as_chart({"layer": [{"mark": "bar"}]})).__name__, type(as_chart({"mark": "bar"})).__name__
    ('LayerChart', 'Chart')
    """
    if not isinstance(chart, dict):
        return chart
    kinds = (("layer", alt.LayerChart), ("hconcat", alt.HConcatChart), ("vconcat", alt.VConcatChart),
             ("concat", alt.ConcatChart), ("facet", alt.FacetChart), ("repeat", alt.RepeatChart))
    cls = next((c for key, c in kinds if key in chart), alt.Chart)
    spec = {k: v for k, v in chart.items() if k != "$schema"}
    return cls.from_dict(spec, validate=False)


def file_stem(title: str, fallback: str = "chart") -> str:
    """A file name (without extension) from a chart's title: ASCII letters, digits and dashes,
    umlauts spelt out, at most 80 characters.

    Examples
    --------
    >>> file_stem("Kunden je Stufe: Rückläufig / Verloren (31.12.2025)")
    'kunden-je-stufe-ruecklaeufig-verloren-31-12-2025'
    >>> file_stem("  ?? "), file_stem("Ärger & Größe")
    ('chart', 'aerger-groesse')
    """
    text = (title or "").strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80].rstrip("-") or fallback


def _spec(chart) -> str:
    return json.dumps(chart.to_dict() if hasattr(chart, "to_dict") else chart, default=_json_value)


def _json_value(value):
    """What JSON cannot hold as such, as Vega-Lite reads it: dates and times as ISO text (a frame's
    column of Python dates stays objects in Altair's data), numpy numbers as numbers.

    Examples
    --------
    >>> import datetime, numpy as np
    >>> json.dumps({"d": datetime.date(2025, 1, 7), "n": np.int64(3)}, default=_json_value)
    '{"d": "2025-01-07", "n": 3}'
    """
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} cannot be drawn in a chart")


def _single_view(chart) -> bool:
    """Whether ``chart`` takes a width and height itself (a plain or layered chart; concatenated
    and faceted ones size their parts)."""
    return isinstance(chart, (alt.Chart, alt.LayerChart))


#: Words that stay on the line of the number before them.
_UNITS = frozenset({"%", "€", "pp", "Tsd.", "Mio.", "Mrd.", "Tsd", "Mio", "Mrd", "Tage", "days"})


def _wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters at spaces (a subtitle does not
    wrap by itself).

    Examples
    --------
    >>> _wrap("one two three", 7)
    ['one two', 'three']
    >>> _wrap("Quote 5,7 % und 1,2 Mio. €", 8)   # a number keeps its unit
    ['Quote', '5,7 %', 'und', '1,2 Mio. €']
    """
    words: list[str] = []
    for word in text.split():
        if words and word in _UNITS:
            words[-1] += " " + word
        else:
            words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
