"""The colours every chart shares (matching .streamlit/config.toml's theme), the colour ramps of
the heatmaps and the text colour a cell needs (black or white by the cell's luminance)."""
from __future__ import annotations

import numpy as np

PRIMARY = "#1f5f8b"
ACCENT = "#e07a1f"
GOOD = "#2e7d4f"
BAD = "#c0392b"
NEUTRAL = "#8a99a8"
#: An ordered palette for categories (stages, segments, groups), colour-blind safe (Okabe-Ito).
CATEGORICAL = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")

#: Light to dark blue (ColorBrewer's Blues at 0, 1/4, 1/2, 3/4 and 1): the share heatmaps. The stops
#: are interpolated linearly in RGB (Vega's ``interpolate: "rgb"``), so :func:`ramp_colour` knows
#: the exact colour of every cell and :func:`ink` its text colour.
BLUES = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
#: Light to dark green: the win-back heatmap (reason x measure).
GREENS = ("#edf8e9", "#74c476", "#00441b")
#: Text on a light cell, text on a dark cell: black and white, the only pair that keeps WCAG's 4.5 : 1
#: on every fill of a ramp from light to dark (the worst fill, where both are equal, gives 4.58).
INK_DARK, INK_LIGHT = "#000000", "#ffffff"


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def ramp_colour(x: float, ramp: tuple[str, ...]) -> str:
    """The colour at ``x`` (0-1, clamped) of ``ramp``'s stops spaced evenly and interpolated
    linearly in RGB, as Vega draws a scale with ``range=ramp, interpolate="rgb"`` and a domain of
    as many evenly spaced values.

    Examples
    --------
    >>> ramp_colour(0.0, GREENS), ramp_colour(0.5, GREENS), ramp_colour(1.0, GREENS), ramp_colour(2, GREENS)
    ('#edf8e9', '#74c476', '#00441b', '#00441b')
    >>> ramp_colour(0.25, ("#000000", "#ffffff"))
    '#404040'
    """
    x = min(max(float(x), 0.0), 1.0) if x == x else 0.0
    pos = x * (len(ramp) - 1)
    i = min(int(pos), len(ramp) - 2)
    c = _rgb(ramp[i]) + (_rgb(ramp[i + 1]) - _rgb(ramp[i])) * (pos - i)
    return "#" + "".join(f"{int(round(v)):02x}" for v in c)


def ramp_domain(top: float, ramp: tuple[str, ...]) -> list[float]:
    """The scale domain that puts ``ramp``'s stops evenly from 0 to ``top`` (what
    :func:`ramp_colour` assumes).

    Examples
    --------
    >>> ramp_domain(1.0, BLUES)
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    n = len(ramp) - 1
    return [top * i / n for i in range(n + 1)]


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.1).

    Examples
    --------
    >>> luminance("#ffffff"), luminance("#000000")
    (1.0, 0.0)
    """
    c = _rgb(hex_colour) / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(np.dot([0.2126, 0.7152, 0.0722], lin))


def ink(fill: str) -> str:
    """The text colour of higher WCAG contrast on ``fill``: white on dark cells, black on light ones.

    Examples
    --------
    >>> ink("#00441b"), ink("#edf8e9"), ink(GREENS[1]), ink(BLUES[3])
    ('#ffffff', '#000000', '#000000', '#ffffff')
    """
    lf = luminance(fill)
    contrast_light = (luminance(INK_LIGHT) + 0.05) / (lf + 0.05)
    contrast_dark = (lf + 0.05) / (luminance(INK_DARK) + 0.05)
    return INK_LIGHT if contrast_light > contrast_dark else INK_DARK


def cell_inks(values, top: float, ramp: tuple[str, ...]) -> list[str]:
    """The text colour of each cell of a heatmap whose colour scale runs over ``ramp`` from 0 to
    ``top`` (:func:`ramp_domain`); missing values get dark text.

    Examples
    --------
    >>> cell_inks([0.0, 0.9, None], 1.0, BLUES)
    ['#000000', '#ffffff', '#000000']
    """
    out = []
    for v in values:
        if v is None or v != v:
            out.append(INK_DARK)
        else:
            out.append(ink(ramp_colour(float(v) / top if top > 0 else 0.0, ramp)))
    return out
