"""Charts for a projector (presenter mode): type large enough to read from the back of a room and
the chart filling the height the page gives it (the page sets that from the viewport), whatever
height its builder chose for the desk."""
from __future__ import annotations

import altair as alt

#: Type sizes for a room (Vega-Lite's defaults are 10-13 px).
FONTS = {"axis_label": 15, "axis_title": 17, "legend": 15, "title": 22, "mark": 15}


def projector(chart):
    """``chart`` with large type; a single or layered view fills its container's height
    (``height="container"``), a concatenated one keeps its parts' sizes."""
    sized = chart
    if isinstance(chart, (alt.Chart, alt.LayerChart)):
        sized = chart.properties(height="container", width="container")
    return sized.configure_axis(labelFontSize=FONTS["axis_label"], titleFontSize=FONTS["axis_title"],
                                labelLimit=260) \
        .configure_legend(labelFontSize=FONTS["legend"], titleFontSize=FONTS["legend"], labelLimit=300) \
        .configure_title(fontSize=FONTS["title"]) \
        .configure_text(fontSize=FONTS["mark"])


def projector_spec(spec: dict) -> dict:
    """A Vega-Lite spec (a dict, as the lifecycle page's cached specs) with the type and size of
    :func:`projector`; the spec given is not changed.

    Examples
    --------
    >>> s = projector_spec({"mark": "bar", "height": 200, "config": {"axis": {"grid": False}}})
    >>> s["height"], s["config"]["axis"]["grid"], s["config"]["axis"]["labelFontSize"]
    ('container', False, 15)
    """
    out = dict(spec)
    if "mark" in out or "layer" in out:
        out["height"] = out["width"] = "container"
    config = {k: dict(v) if isinstance(v, dict) else v for k, v in (out.get("config") or {}).items()}
    for part, sizes in (("axis", {"labelFontSize": FONTS["axis_label"], "titleFontSize": FONTS["axis_title"]}),
                        ("legend", {"labelFontSize": FONTS["legend"], "titleFontSize": FONTS["legend"]}),
                        ("title", {"fontSize": FONTS["title"]})):
        config[part] = {**config.get(part, {}), **sizes}
    out["config"] = config
    return out
