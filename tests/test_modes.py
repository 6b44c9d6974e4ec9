"""Presenter and anonymised mode: the two sidebar switches, started from the URL and written back
(lib/ui.modes), and the charts-as-pictures renderer the slides use (lib/charts/image)."""
from __future__ import annotations

import xml.dom.minidom

import altair as alt
import pandas as pd
import pytest

from lib.charts import image
from tests.conftest import open_page


def _toggles(at) -> dict[str, bool]:
    return {w.key: w.value for w in at.sidebar.toggle}


@pytest.mark.parametrize("query, present, anon", [
    ({}, False, False),
    ({"present": "1"}, True, True),            # presenter mode brings pseudonyms with it
    ({"present": "1", "anon": "0"}, True, False),  # unless the link says otherwise
    ({"anon": "1"}, False, True),
    ({"present": "yes", "anon": "maybe"}, False, False),  # values that are no switch: the defaults
])
def test_modes_start_from_the_url(app_env, query, present, anon):
    at = open_page("overview", {"lang": "de", **query})
    assert not at.exception
    assert _toggles(at) == {"app_present": present, "app_anon": anon}
    labels = [w.label for w in at.sidebar.toggle]
    assert labels == ["Präsentationsmodus", "Anonymisiert"]


def test_switching_presenter_mode_on_switches_pseudonyms_on_and_writes_the_url(app_env):
    at = open_page("overview", {"lang": "en"})
    at.sidebar.toggle(key="app_present").set_value(True).run()
    assert _toggles(at) == {"app_present": True, "app_anon": True}
    assert at.query_params["present"] == "1" and "anon" not in at.query_params
    at.sidebar.toggle(key="app_anon").set_value(False).run()
    assert at.query_params["anon"] == "0"
    at.sidebar.toggle(key="app_present").set_value(False).run()
    assert "present" not in at.query_params and "anon" not in at.query_params


def _bars() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"k": ["a", "b"], "n": [1234.5, 20809]})).mark_bar().encode(x="k:N", y="n:Q")


def test_slide_chart_has_title_caption_size_and_german_numbers():
    spec = image.slide_chart(_bars(), title="Titel", caption="Eine Aussage " * 20, lang="de").to_dict()
    assert spec["title"]["text"] == "Titel"
    assert all(len(line) <= 110 for line in spec["title"]["subtitle"]) and len(spec["title"]["subtitle"]) == 3
    assert (spec["width"], spec["height"]) == (image.WIDTH, image.HEIGHT)
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert "locale" not in image.slide_chart(_bars(), title="T", lang="en").to_dict().get("config", {})


def test_png_and_svg_are_real_pictures_of_the_slide_size():
    chart = image.slide_chart(_bars(), title="Umsatz je Kunde", caption="Stand 31.12.2025", lang="de")
    png = image.to_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= image.WIDTH * image.SCALE and height >= image.HEIGHT * image.SCALE
    svg = image.to_svg(chart).decode("utf-8")
    doc = xml.dom.minidom.parseString(svg)  # well-formed
    assert doc.documentElement.tagName == "svg"
    assert "Umsatz je Kunde" in svg and "Stand 31.12.2025" in svg
    assert "20.809" in svg or "20.000" in svg  # an axis label in German format
