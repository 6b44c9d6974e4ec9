"""The lifecycle page's chart builders, validated by Altair (``chart.to_dict()``) on real
aggregates of the demo data: marks, selections, titles, and that no chart gets many rows."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib import db, lifecycle as lc
from lib.charts import lifecycle as charts

AS_OF = date(2025, 12, 31)
MAX_ROWS = 3000


def rows(spec: dict) -> int:
    return sum(len(v) for v in spec.get("datasets", {}).values())


@pytest.fixture(scope="module")
def demo(demo_con):
    ds = db.dataset_id(demo_con, "demo")
    return demo_con, ds, lc.stages(demo_con, ds, AS_OF, lc.Thresholds())


def test_stage_bars(demo):
    con, ds, stages = demo
    dist = lc.distribution(con, ds, stages, lc.Filters()).assign(label=lambda d: d["stage"].str.title(),
                                                                 definition="d")
    spec = charts.stage_bars(dist, field="customers", title="Kunden", stage_title="Stufe", selected="lost",
                             tooltip=[("share", "Anteil", ".1%"), ("definition", "Definition", "")]).to_dict()
    assert spec["mark"]["type"] == "bar" and spec["params"][0]["name"] == charts.SELECTIONS["stages"]
    assert spec["encoding"]["x"]["title"] == "Kunden" and spec["encoding"]["x"]["field"] == "customers"
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Stufe", "Anteil", "Definition"]
    assert rows(spec) == len(lc.STAGES)


def test_lifecycle_chart(demo):
    con, ds, _ = demo
    curve = lc.reliable(lc.curve(con, ds, AS_OF, lc.Filters()))
    revival, idle = lc.revival(con, ds, AS_OF, lc.Filters(), lc.Thresholds())
    lay = lc.layout(curve, lead_days=30, idle_days=idle, revival_months=len(revival))
    phases = [{"phase": p.name, "label": p.name.title(), "x0": p.start, "x1": p.end, "rule": "r",
               "note": "n" if p.name == "loss" else ""} for p in lay.phases]
    markers = lc.marker_positions(lay).assign(title="t", phase_label="p", summary="s")
    labels = {k: k.upper() for k in ("x", "y", "month", "customers", "buyers", "value", "revival_month", "phase",
                                      "rule", "danger", "evidence")}
    spec = charts.lifecycle_chart(curve.assign(x=curve["age"], month=curve["age"]),
                                  revival.assign(x=lay.revival_start + revival["age"], month=revival["age"]),
                                  pd.DataFrame(phases), markers, labels=labels, last_age=int(curve["age"].max()),
                                  selected=4).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text", "text", "line", "line", "circle", "text"]
    assert [p["name"] for p in spec["params"]] == [charts.SELECTIONS["curve"]]
    assert spec["layer"][3]["encoding"]["y"]["title"] == "Y"
    assert rows(spec) < 200 and len(markers) == 14
    assert spec["layer"][4]["mark"]["strokeDash"] == [6, 4]   # the revitalisation curve is dashed


def test_trend_area(demo):
    con, ds, stages = demo
    trend = lc.trend(con, ds, lc.trend_cube(con, ds, lc.Thresholds()), lc.Filters(), AS_OF, stages)
    trend = trend.assign(label=trend["stage"])
    for share in (False, True):
        spec = charts.trend_area(trend, share=share, labels={"month": "M", "customers": "C", "share": "S",
                                                             "stage": "St"}).to_dict()
        assert spec["mark"]["type"] == "area" and spec["encoding"]["y"]["field"] == ("share" if share else "customers")
        assert rows(spec) == len(trend) <= MAX_ROWS


def test_transition_matrix(demo):
    con, ds, stages = demo
    earlier = lc.stages(con, ds, date(2024, 12, 31), lc.Thresholds())
    moves = lc.transitions(con, ds, earlier, stages, lc.Filters())
    moves = moves.assign(label_from=moves["stage_from"], label_to=moves["stage_to"], text="x")
    spec = charts.transition_matrix(moves, selected=("new", "lost"), labels={
        "from": "F", "to": "T", "customers": "C", "row_share": "R",
        "rows": "|".join((lc.UNKNOWN, *lc.STAGES)), "cols": "|".join(lc.STAGES)}).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    assert spec["params"][0]["name"] == charts.SELECTIONS["moves"]
    assert rows(spec) == len(moves) <= 81


def test_retention_heatmap(demo):
    con, ds, _ = demo
    cells = lc.retention(con, ds, AS_OF, lc.Filters())
    cells = cells.assign(cohort_key=cells["cohort"].dt.strftime("%Y-%m-%d"), cohort_label=cells["cohort"].dt.strftime("%m.%Y"))
    labels = {k: k for k in ("cohort", "age", "size", "buyers", "revenue", "customer_share", "revenue_share")}
    spec = charts.retention_heatmap(cells, field="revenue_share", labels=labels).to_dict()
    assert spec["encoding"]["color"]["field"] == "revenue_share"
    assert spec["encoding"]["y"]["sort"][:2] == ["01.2023", "02.2023"]   # by date, not by label text
    assert rows(spec) == len(cells) <= 36 * 37 // 2


def test_evidence_bars(demo):
    con, ds, stages = demo
    ev = lc.evidence(con, ds, AS_OF, lc.Filters())
    follow = ev.loc[ev["comparison"] == "followup"].assign(label=lambda d: d["grp"], text="k / n",
                                                          few=lambda d: d["customers"] < lc.MIN_CUSTOMERS)
    spec = charts.evidence_bars(follow, labels={k: k for k in ("group", "rate", "customers", "lost", "low", "high")}).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule", "text"]
    assert spec["layer"][1]["encoding"]["x"]["field"] == "low" and spec["layer"][1]["encoding"]["x2"]["field"] == "high"
    assert rows(spec) == 4


def test_german_number_format_and_unvalidated_spec(demo):
    con, ds, stages = demo
    dist = lc.distribution(con, ds, stages, lc.Filters()).assign(label=lambda d: d["stage"])
    chart = charts.stage_bars(dist, field="customers", title="Kunden", stage_title="Stufe", tooltip=[])
    assert charts.spec(chart, "de")["config"]["locale"]["number"]["thousands"] == "."
    assert "locale" not in charts.spec(chart, "en").get("config", {})
    assert charts.localized(chart, "de").to_dict()["config"]["locale"]["time"]["months"][2] == "März"
