"""Charts as pictures (issue #14, item 6) and readable chart text in both languages (item 7):
every chart builder of lib/charts renders to PNG and SVG at slide size through
lib/charts/image.slide_chart, German pictures write "Tsd."/"Mio." instead of d3's k/M, heatmap
text is black or white by the cell's luminance, and every chart on a page offers its download."""
from __future__ import annotations

import inspect
import re
import xml.dom.minidom

import altair as alt
import numpy as np
import pandas as pd
import pytest

from lib.charts import compare, image, lifecycle, overview, palette, recovery, risk, value, whatif
from lib.charts.locale import SI_LABELS, short_number
from tests.conftest import open_page

MONTHS = pd.date_range("2024-01-31", periods=6, freq="ME")


class _Labels(dict):
    def __missing__(self, key):
        return key.title()


def _km(groups=("A", "B")) -> pd.DataFrame:
    t = np.arange(0, 70, 7.0)
    return pd.concat([pd.DataFrame({"group": g, "time": t, "survival": np.linspace(1, 0.6 - 0.1 * i, t.size),
                                    "lower": np.linspace(1, 0.5 - 0.1 * i, t.size),
                                    "upper": np.linspace(1, 0.7 - 0.1 * i, t.size), "at_risk": 100 - t})
                      for i, g in enumerate(groups)], ignore_index=True)


def _builders() -> dict:
    """One small chart per builder of lib/charts, with values large enough for thousands and
    millions on the axes (revenue in the millions, customers in the thousands)."""
    labels = _Labels()
    stages = pd.DataFrame({"stage": ["new", "mature", "lost"], "label": ["New", "Mature", "Lost"],
                           "customers": [1200, 34000, 5000], "revenue_12m": [2.5e5, 4.2e6, 0.0]})
    curve = pd.DataFrame({"x": range(6), "value": [120.0, 340, 2500, 4100, 3000, 900], "customers": 4000,
                          "buyers": 1500, "month": range(6)})
    phases = pd.DataFrame({"phase": ["start", "growth"], "label": ["Start", "Growth"], "x0": [-0.5, 2.5],
                           "x1": [2.5, 5.5], "rule": ["r", "r"], "note": ["", "a note"]})
    markers = pd.DataFrame({"number": [3, 7], "x": [1.0, 4.0], "row": [0, 1], "title": ["t", "u"],
                            "phase_label": ["Start", "Growth"], "summary": ["s", "s"]})
    trend = pd.DataFrame({"month": np.repeat(MONTHS, 2), "stage": ["new", "lost"] * 6, "label": ["New", "Lost"] * 6,
                          "order": [1, 6] * 6, "customers": np.arange(12) * 2500 + 1000, "share": [0.6, 0.4] * 6})
    moves = pd.DataFrame({"stage_from": ["new", "new", "lost"], "stage_to": ["new", "lost", "lost"],
                          "label_from": ["New", "New", "Lost"], "label_to": ["New", "Lost", "Lost"],
                          "customers": [900, 100, 4000], "row_share": [0.9, 0.1, 1.0],
                          "text": ["900\n90 %", "100\n10 %", "4.000\n100 %"]})
    cohorts = pd.DataFrame({"cohort_key": ["2025-01-01"] * 3, "cohort_label": ["2025-01"] * 3, "age": [0, 1, 2],
                            "size": 5000, "buyers": [5000, 2000, 1500], "revenue": [1.2e6, 4e5, 3e5],
                            "customer_share": [1.0, 0.4, 0.3], "revenue_share": [1.0, 0.33, 0.25]})
    rates = pd.DataFrame({"label": ["a", "b"], "customers": [4000, 900], "lost": [400, 300], "rate": [0.1, 0.33],
                          "low": [0.09, 0.3], "high": [0.11, 0.36], "text": ["400 / 4,000", "300 / 900"],
                          "few": [False, False]})
    lorenz = pd.DataFrame({"customer_share": np.linspace(0, 1, 11), "revenue_share": np.linspace(0, 1, 11) ** 0.3})
    grid = pd.DataFrame({"reason": ["r", "s"], "measure": ["m", "m"], "rate_t": [0.2, 0.5], "n_t": [40, 3],
                         "n_c": [10, 0], "enough": [True, False], "text": ["20% (40)", "too few"],
                         "ci_text": ["[11%; 35%]", "[21%; 94%]"], "rate_text": ["20.0%", "50.0%"],
                         "control_text": ["5.0% [1%; 40%]", "n/a"]})
    forest = pd.DataFrame({"label": ["a"], "uplift": [0.1], "lo": [0.02], "hi": [0.2], "p_value": [0.01],
                           "p_holm": [0.03], "n": [9000], "uplift_text": ["+10 pp"], "ci_text": ["[+2; +20]"],
                           "p_text": ["0.01"], "p_holm_text": ["0.03"]})
    surv = pd.DataFrame({"time": [0, 50, 100] * 2, "survival": [1, 0.8, 0.7, 1, 0.9, 0.85], "lo": 0.5, "hi": 1.0,
                         "at_risk": [9000, 8000, 7000] * 2, "group": ["W"] * 3 + ["N"] * 3})
    side = ["shop A", "shop B"]
    return {
        "overview.monthly_activity": lambda lang: overview.monthly_activity(
            pd.DataFrame({"month": MONTHS, "revenue": [1.2e6, 2.4e6, 3.1e6, 2.8e6, 3.9e6, 4.4e6],
                          "buyers": [12000, 15000, 17000, 16000, 19000, 21000]}), month="M", revenue="R", buyers="B"),
        "lifecycle.stage_bars": lambda lang: lifecycle.stage_bars(stages, field="revenue_12m", title="Revenue",
                                                             stage_title="Stage", tooltip=[("customers", "C", ",")]),
        "lifecycle.lifecycle_chart": lambda lang: lifecycle.lifecycle_chart(curve, curve.iloc[0:0], phases, markers,
                                                                       labels=labels, last_age=5),
        "lifecycle.trend_area": lambda lang: lifecycle.trend_area(trend, share=False, labels=labels),
        "lifecycle.transition_matrix": lambda lang: lifecycle.transition_matrix(
            moves, labels=_Labels(rows="New|Lost", cols="New|Lost")),
        "lifecycle.retention_heatmap": lambda lang: lifecycle.retention_heatmap(cohorts, field="customer_share",
                                                                           labels=labels),
        "lifecycle.evidence_bars": lambda lang: lifecycle.evidence_bars(rates, labels=labels),
        "value.bands": lambda lang: value.bands(value.value_bands(np.array([5.0, 50, 5e3, 2e4, 2e5] * 900), lang=lang), band="B",
                                           customers="C"),
        "value.lorenz": lambda lang: value.lorenz(lorenz, customer_share="C", revenue_share="R", equality="E", marker=0.2),
        "value.segment_bars": lambda lang: value.segment_bars(
            pd.DataFrame({"label": ["Champions", "At risk"], "customers": [12000, 48000], "revenue_share": [0.7, 0.3],
                          "order": [0, 1]}), segment="S", customers="C", revenue_share="R"),
        "value.migration_heatmap": lambda lang: value.migration_heatmap(
            pd.DataFrame({"from": ["a", "a", "b"], "to": ["a", "b", "b"], "count": [9000, 1000, 5000],
                          "row_share": [0.9, 0.1, 1.0]}), from_label="F", to_label="T", customers="C", share="S",
            order=["a", "b"]),
        "value.frequency_check": lambda lang: value.frequency_check(
            pd.DataFrame({"x": ["0", "1", "2"] * 2, "series": ["actual"] * 3 + ["model"] * 3,
                          "value": [0.1, 0.5, 1.2, 0.12, 0.55, 1.1]}), x="X", y="Y", series="S"),
        "value.tracking": lambda lang: value.tracking(
            pd.DataFrame({"week_end": np.tile(MONTHS.date, 2), "series": ["actual"] * 6 + ["model"] * 6,  # Python dates
                          "value": np.r_[np.linspace(1e4, 2.5e6, 6), np.linspace(1e4, 2.4e6, 6)]}),
            MONTHS[3], week="W", y="Y", series="S"),
        "value.group_mix": lambda lang: value.group_mix(
            pd.DataFrame({"category": ["B2B", "B2C"] * 2, "group": ["high", "high", "low", "low"],
                          "share": [0.7, 0.3, 0.4, 0.6]}), category="C", share="S", group="G"),
        "recovery.losses_by_month": lambda lang: recovery.losses_by_month(
            pd.DataFrame({"month": MONTHS, "kind": "A", "customers": np.arange(6) * 900 + 1200}), month="M",
            customers="C", kind="K", order=["A"]),
        "recovery.pareto": lambda lang: recovery.pareto(
            pd.DataFrame({"label": ["price", "service"], "value": [3.2e6, 1.1e6], "cumulative": [0.74, 1.0],
                          "order": [0, 1]}), reason="R", value="V", cumulative="C", money=True),
        "recovery.share_heatmap": lambda lang: recovery.share_heatmap(
            pd.DataFrame({"row": ["a", "a", "b"], "col": ["x", "y", "x"], "share": [0.05, 0.5, 0.95],
                          "count": [50, 500, 950]}), row="R", col="C", share="S", count="N"),
        "recovery.rate_bars": lambda lang: recovery.rate_bars(
            pd.DataFrame({"label": ["a", "a"], "group": ["T", "C"], "rate": [0.2, 0.1], "lo": [0.1, 0.05],
                          "hi": [0.3, 0.2], "n": [5000, 1200]}), label="L", rate="R", group="G", contacts="N",
            groups=["T", "C"]),
        "recovery.uplift_forest": lambda lang: recovery.uplift_forest(forest, label="L", uplift="U", p_value="P", p_holm="H",
                                                                 contacts="N", interval="I"),
        "recovery.cell_heatmap": lambda lang: recovery.cell_heatmap(grid, reason="R", measure="M", rate="W", interval="I",
                                                               contacts="N", control="C", control_contacts="CN",
                                                               few="F"),
        "recovery.cumulative_wins": lambda lang: recovery.cumulative_wins(
            pd.DataFrame({"day": [0, 30, 60] * 2, "group": ["T"] * 3 + ["C"] * 3,
                          "share": [0, 0.1, 0.2, 0, 0.05, 0.08]}), day="D", share="S", group="G", groups=["T", "C"]),
        "recovery.survival": lambda lang: recovery.survival(surv, days="D", share="S", group="G", groups=["W", "N"],
                                                       at_risk="R"),
        "recovery.before_after": lambda lang: recovery.before_after(
            pd.DataFrame({"stat": ["mean", "mean", "median", "median"], "when": ["before", "after"] * 2,
                          "amount": [12500.0, 18300.0, 4200.0, 5100.0], "order": [0, 1, 0, 1]}), label="L",
            amount="A"),
        "recovery.aftersales": lambda lang: recovery.aftersales(
            pd.DataFrame({"label": ["a", "b"], "rate": [0.9, 0.4], "lo": [0.8, 0.3], "hi": [0.95, 0.5],
                          "study": [0.93, 0.45], "n": [4000, 1200], "order": [0, 1]}), cell="C", rate="R", study="S",
            customers="N"),
        "recovery.notices_by_month": lambda lang: recovery.notices_by_month(
            pd.DataFrame({"month": MONTHS, "status": "A", "notices": np.arange(6) * 700 + 1500}), month="M",
            notices="N", status="S", order=["A"]),
        "recovery.save_rate_bars": lambda lang: recovery.save_rate_bars(
            pd.DataFrame({"label": ["a", "b"], "rate": [0.2, 0.4], "lo": [0.1, 0.3], "hi": [0.3, 0.5],
                          "n": [5000, 3000]}), label="L", rate="R", decided="N", overall=0.25),
        "risk.score_histogram": lambda lang: risk.score_histogram(
            pd.DataFrame({"start": [0, 40, 80], "end": [40, 80, 100], "customers": [42000, 12000, 3000],
                          "band": ["low", "medium", "high"]}), (40.0, 80.0), score="S", customers="C", band="B",
            band_labels={"low": "Low", "medium": "Medium", "high": "High"}),
        "risk.roc": lambda lang: risk.roc(pd.DataFrame({"fpr": [0, 0.2, 1], "tpr": [0, 0.7, 1], "threshold": [1, .5, 0]}),
                                     fpr="F", tpr="T", chance="C", auc_label="AUC 0.8"),
        "risk.gains": lambda lang: risk.gains(pd.DataFrame({"share": [0, 0.5, 1], "gain": [0, 0.8, 1], "lift": [0, 1.6, 1]}),
                                         contacted="C", found="F", lift="L", model="M", chance="R"),
        "risk.lead_histogram": lambda lang: risk.lead_histogram(
            pd.DataFrame({"bucket": ["none", "0-30", "30-90"], "order": [0, 1, 2], "customers": [1200, 3400, 8800]}),
            bucket="B", customers="C", missed_label="missed"),
        "risk.evidence": lambda lang: risk.evidence(
            pd.DataFrame({"label": ["a", "a"], "group": ["with", "without"], "rate": [0.3, 0.1], "low": [0.25, 0.08],
                          "high": [0.35, 0.12], "n": [4000, 30000], "order": [0, 0]}), signal="S", rate="R", group="G"),
        "risk.km_curves": lambda lang: risk.km_curves(_km(), days="D", survival="S", group="G", at_risk="R"),
        "risk.quadrant_heatmap": lambda lang: risk.quadrant_heatmap(
            pd.DataFrame({"value_from": [10.0, 1e3, 1e5], "value_to": [1e3, 1e5, 1e6], "score_from": [0, 50, 80],
                          "score_to": [50, 80, 100], "customers": [30000, 4000, 200]}), level=60.0, value_split=5e4,
            value="V", score="S", customers="C"),
        "risk.contributions": lambda lang: risk.contributions(pd.DataFrame({"label": ["a", "b"], "contribution": [0.8, -0.3]}),
                                                         signal="S", contribution="C"),
        "risk.monthly_score": lambda lang: risk.monthly_score(pd.DataFrame({"snap": MONTHS, "score": np.linspace(10, 80, 6)}),
                                                         (40.0, 80.0), month="M", score="S"),
        "risk.rolling_revenue": lambda lang: risk.rolling_revenue(
            pd.DataFrame({"snap": np.tile(MONTHS, 2), "series": ["actual"] * 6 + ["expected"] * 6,
                          "value": np.r_[np.linspace(2e4, 9e3, 6), np.full(6, 1.8e4)]}), month="M", revenue="R",
            series="S", actual="actual", expected="expected"),
        "risk.timeline": lambda lang: risk.timeline(
            pd.DataFrame({"date": MONTHS, "kind": ["purchase", "complaint"] * 3, "label": ["Purchase", "Complaint"] * 3,
                          "text": "x"}), date_title="D", kind="K", detail="T", kind_order=["Purchase", "Complaint"]),
        "whatif.revenue_lines": lambda lang: whatif.revenue_lines(
            pd.DataFrame({"month": np.tile(np.arange(1, 37), 2), "label": ["today"] * 36 + ["scenario"] * 36,
                          "revenue": np.r_[np.linspace(5.2e5, 3.1e5, 36), np.linspace(5.2e5, 4.4e5, 36)],
                          "customers": 4000.0}), month="M", revenue="R", customers="C", scenario="S",
            order=["today", "scenario"]),
        "compare.curves": lambda lang: compare.curves(
            pd.DataFrame({"side": np.repeat(side, 3), "age": [0, 1, 2] * 2, "value": [1200.0, 3400, 2100, 900, 2500, 4000],
                          "customers": 5000}), sides=side, side="Side", month="M", value="V", customers="C"),
        "compare.lorenz": lambda lang: compare.lorenz(pd.concat([lorenz.assign(side=s) for s in side]), sides=side,
                                                 side="Side", customer_share="C", revenue_share="R", equality="E"),
        "compare.rates": lambda lang: compare.rates(
            pd.DataFrame({"side": side, "rate": [0.2, 0.3], "low": [0.18, 0.27], "high": [0.22, 0.33], "n": [9000, 4000],
                          "k": [1800, 1200]}), sides=side, side="Side", rate="R", low="L", high="H", n="N", k="K"),
        "compare.stage_mix": lambda lang: compare.stage_mix(
            pd.DataFrame({"side": np.repeat(side, 2), "label": ["New", "Lost"] * 2, "order": [0, 1] * 2,
                          "share": [0.6, 0.4, 0.7, 0.3], "customers": [6000, 4000, 7000, 3000], "definition": "d"}),
            sides=side, side="Side", stage="St", share="Sh", customers="C", definition="D"),
    }


BUILDERS = _builders()
#: Public functions of the chart modules that build no chart (data helpers, colours, specs).
NOT_BUILDERS = {"value.value_bands", "lifecycle.fit_label", "lifecycle.spec", "recovery.cell_fill"}
#: d3's SI suffixes after a number ("12k", "1.5M", "3G", "250m", also inside "10k–30k"): English in
#: a German picture ("12 Tsd.", "1,5 Mio." do not match).
SI_SUFFIX = re.compile(r"(?<![\w.,])[−-]?\d[\d.,]*\s?[kMGTmµ](?![\w.])")


def _texts(svg: str) -> list[str]:
    """Every line of text in the picture (a multi-line text is one <tspan> per line)."""
    out = []
    for node in xml.dom.minidom.parseString(svg).getElementsByTagName("text"):
        lines = node.getElementsByTagName("tspan") or [node]
        out += ["".join(c.data for c in line.childNodes if c.nodeType == c.TEXT_NODE).strip() for line in lines]
    return [x for x in out if x]


def test_every_builder_of_lib_charts_is_in_the_picture_test():
    found = set()
    for module in (compare, lifecycle, overview, recovery, risk, value, whatif):
        short = module.__name__.rsplit(".", 1)[1]
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{short}.{name}")
    assert found - NOT_BUILDERS == set(BUILDERS)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_renders_as_png_and_svg_at_slide_size(name, lang):
    chart = image.slide_chart(BUILDERS[name](lang), title=f"Titel {name}", caption="Stand 31.12.2025", lang=lang)
    png = image.to_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 0.8 * image.WIDTH * image.SCALE and height >= 0.8 * image.HEIGHT * image.SCALE, (width, height)
    texts = _texts(image.to_svg(chart).decode("utf-8"))
    assert f"Titel {name}" in texts and "Stand 31.12.2025" in texts
    si = [x for x in texts if SI_SUFFIX.search(x)]
    if lang == "de":
        assert not si, f"{name}: English SI suffixes in a German chart: {si}"
        assert not [x for x in texts if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", x)], "English thousands"


def test_german_axes_say_tsd_and_mio_english_ones_k_and_m():
    chart = BUILDERS["overview.monthly_activity"]("de")
    de = _texts(image.to_svg(image.slide_chart(chart, title="Umsatz", lang="de")).decode())
    en = _texts(image.to_svg(image.slide_chart(chart, title="Revenue", lang="en")).decode())
    assert {"1 Mio.", "2 Mio.", "4 Mio."} <= set(de) and "0" in de
    assert {"1M", "2M", "4M"} <= set(en)
    tsd = _texts(image.to_svg(image.slide_chart(BUILDERS["lifecycle.trend_area"]("de"), title="T", lang="de")).decode())
    assert "10 Tsd." in tsd or "5 Tsd." in tsd


def test_si_labels_and_python_labels_agree():
    """The axis expression (rendered by Vega) and :func:`short_number` (value bands, made in Python)
    write the same text for the same number."""
    numbers = [0, 250, 1000, 2500, 12_500, 1_500_000, 2e9]
    df = pd.DataFrame({"k": [str(i) for i in range(len(numbers))], "v": numbers})
    for lang in ("de", "en"):
        chart = alt.Chart(df).mark_text().encode(alt.Y("k:N"), alt.X("v:Q").scale(type="symlog"), text="v:Q") \
            .encode(alt.X("v:Q").axis(values=numbers, labelExpr=SI_LABELS))
        texts = _texts(image.to_svg(image.slide_chart(chart, title="T", lang=lang)).decode())
        assert [short_number(n, lang) for n in numbers] == [x for x in texts if x in
                                                            {short_number(n, lang) for n in numbers}][:len(numbers)]
    assert short_number(2e9, "de") == "2 Mrd." and short_number(12_500, "de") == "12,5 Tsd."


def test_value_bands_are_labelled_in_the_language():
    de = value.value_bands(np.array([5.0]), lang="de")["band"].tolist()
    en = value.value_bands(np.array([5.0]), lang="en")["band"].tolist()
    assert de[0] == "≤ 10" and de[6] == "3 Tsd.–10 Tsd." and de[-1] == "≥ 100 Tsd."
    assert en[6] == "3k–10k" and en[-1] == "≥ 100k"


# --- heatmap text by the cell's luminance ------------------------------------------------------------------

HEATMAPS = {
    "lifecycle.transition_matrix": ("row_share", 1.0),
    "value.migration_heatmap": ("row_share", 1.0),
    "recovery.share_heatmap": ("share", None),   # scale up to the largest share
}


@pytest.mark.parametrize("name", sorted(HEATMAPS))
def test_heatmap_text_is_black_or_white_by_the_cells_luminance(name):
    spec = BUILDERS[name]("en").to_dict()
    cells, text = spec["layer"][0], spec["layer"][-1]
    field, top = HEATMAPS[name]
    (rows,) = spec["datasets"].values()
    top = top or max(r[field] for r in rows)
    # the cells' colours are the ramp the text colour is computed from, spread evenly to the top
    scale = cells["encoding"]["color"]["scale"]
    assert scale["range"] == list(palette.BLUES) and scale["interpolate"] == "rgb"
    assert scale["domain"] == pytest.approx(palette.ramp_domain(top, palette.BLUES))
    assert text["encoding"]["fill"] == {"field": "ink", "type": "nominal", "scale": None}
    for row in rows:
        fill = palette.ramp_colour(row[field] / top, palette.BLUES)
        lo, hi = sorted([palette.luminance(fill), palette.luminance(row["ink"])])
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (row, fill)   # WCAG AA for the text on its cell
    inks = {round(r[field], 2): r["ink"] for r in rows}
    assert inks[min(inks)] == palette.INK_DARK and inks[max(inks)] == palette.INK_LIGHT


def test_blue_ramp_text_colour_switches_once_and_keeps_contrast():
    """Along the whole ramp, dark text on the light part and white on the dark part, each at
    4.5 : 1 or more (a hand check of the WCAG formula: #6baed6 = (107, 174, 214))."""
    inks = [palette.ink(palette.ramp_colour(x, palette.BLUES)) for x in np.linspace(0, 1, 101)]
    switches = sum(a != b for a, b in zip(inks, inks[1:]))
    assert inks[0] == palette.INK_DARK and inks[-1] == palette.INK_LIGHT and switches == 1
    lin = [((c / 255 + 0.055) / 1.055) ** 2.4 for c in (107, 174, 214)]
    assert palette.luminance("#6baed6") == pytest.approx(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])
    for x in np.linspace(0, 1, 101):
        fill = palette.ramp_colour(x, palette.BLUES)
        lo, hi = sorted([palette.luminance(fill), palette.luminance(palette.ink(fill))])
        assert (hi + 0.05) / (lo + 0.05) >= 4.5


# --- the download control on the pages (fixture `deferred`: tests/conftest.py) ----------------------------

def _chart_buttons(at) -> list:
    return [b for b in at.get("download_button") if str(b.key or "").startswith("chart_dl_")]


def test_a_chart_on_a_page_downloads_as_png_and_svg_with_the_pages_title_in_german(app_env, deferred):
    at = open_page("overview", {"lang": "de"})
    assert not at.exception
    (pop,) = at.get("popover")
    assert pop.proto.popover.label == "Grafik herunterladen" and "1280 × 620" in pop.proto.popover.help
    buttons = _chart_buttons(at)
    assert [b.label for b in buttons] == ["PNG (Präsentationsgröße)", "SVG (Vektorgrafik)"]
    assert {"aktivitaet-je-monat.png", "aktivitaet-je-monat.svg"} <= set(deferred)
    svg = deferred["aktivitaet-je-monat.svg"]()
    texts = _texts(svg.decode("utf-8"))
    assert "Aktivität je Monat" in texts                       # the page's subheader as the title
    assert any(x.startswith("Nettoumsatz je Monat (Balken)") for x in texts)  # its caption beneath, in German
    assert any(x.endswith("Tsd.") or x.endswith("Mio.") for x in texts)
    assert not [x for x in texts if SI_SUFFIX.search(x)]
    png = deferred["aktivitaet-je-monat.png"]()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") >= image.WIDTH * image.SCALE


def test_the_lifecycle_pages_charts_download_too_each_with_its_own_title(app_env, deferred):
    at = open_page("lifecycle", {"lang": "en", "lc_tab": "moves"})
    assert not at.exception
    keys = [b.key for b in _chart_buttons(at)]
    assert len(keys) == len(set(keys)) >= 6   # two stage charts and the moves matrix, PNG and SVG each
    name = "stages-at-the-as-of-date-customers"
    assert {f"{name}.png", f"{name}.svg", "moves-between-stages.svg"} <= set(deferred)
    texts = _texts(deferred["moves-between-stages.svg"]().decode("utf-8"))
    assert "Moves between stages" in texts and "Lost" in texts


def test_the_story_page_offers_the_deck_built_on_the_click_in_its_language_and_anonymised(app_env, deferred, demo_con):
    """Presenter mode in German (pseudonyms on by default): the story page's deck button, whose
    file is built only when clicked: the PowerPoint of every step in German, no customer in it."""
    import io
    import zipfile

    from pptx import Presentation

    from lib import db, story

    at = open_page("story", {"lang": "de", "present": "1", "story": "8"})
    assert not at.exception
    (button,) = [b for b in at.get("download_button") if b.key == "story_deck"]
    assert button.label == "Story als Folien herunterladen (PowerPoint)"
    assert "anonymisiert" in button.proto.help and f"Alle {len(story.STEPS)} Schritte" in button.proto.help
    assert [b for b in _chart_buttons(at)]   # the step's own chart downloads too
    names = [n for n in deferred if n.endswith(".pptx")]
    assert names == [f"story-demo-{at.session_state['app_as_of'].isoformat()}-de.pptx"]
    data = deferred[names[0]]()
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(story.STEPS) + 1
    assert "Anonymisiert" in prs.slides[0].placeholders[1].text_frame.text
    ds = db.dataset_id(demo_con, "demo")
    ids = [r[0] for r in demo_con.execute("SELECT customer_id FROM customers WHERE dataset_id = ?", [ds]).fetchall()]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert "Kunde " in xml and not [x for x in ids if x in xml]


def test_every_chart_call_on_the_pages_names_its_title():
    """Every chart a page draws goes through ui.altair_chart (or the lifecycle page's show) with the
    title its download carries; a chart drawn by st.altair_chart directly would have no download."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "pages"
    calls, untitled = 0, []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            owner = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else ""
            if name in ("altair_chart", "vega_lite_chart") and owner != "ui" and not (
                    path.name == "lifecycle.py" and name == "vega_lite_chart"):   # inside its show()
                untitled.append(f"{path.name}:{node.lineno} {owner}.{name} (not through ui.altair_chart)")
            elif name in ("altair_chart", "vega_lite_chart") and owner == "ui" or (
                    path.name == "lifecycle.py" and name == "show"):
                calls += 1
                if "title" not in {k.arg for k in node.keywords} and not (name == "show" and len(node.args) >= 2):
                    untitled.append(f"{path.name}:{node.lineno}")
    assert calls >= 40 and not untitled, untitled


def test_danger_point_numbers_are_readable_on_their_dots():
    """White on the red dots, black on the chosen (orange) one: each of WCAG's 4.5 : 1 or more."""
    spec = BUILDERS["lifecycle.lifecycle_chart"]("en").to_dict()
    dots, numbers = spec["layer"][-2], spec["layer"][-1]
    colour = numbers["encoding"]["color"]
    fills = {True: dots["encoding"]["color"]["condition"]["value"], False: dots["encoding"]["color"]["value"]}
    inks = {True: colour["condition"]["value"], False: colour["value"]}
    for chosen in (True, False):
        lo, hi = sorted([palette.luminance(fills[chosen]), palette.luminance(inks[chosen])])
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (chosen, fills[chosen], inks[chosen])
