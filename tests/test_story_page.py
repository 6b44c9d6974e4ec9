"""The story page in AppTest: every step in both languages, ?story=N links, Next / Previous,
presenter mode (the switches, the projector's chart sizes and type), and snapshots (save, list,
open after a restart, delete, bad names, a replaced dataset)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from lib import demo, story
from lib.i18n import md_text
from tests.conftest import open_page, shown, rendered


def _page_text(at) -> str:
    return "\n".join(rendered(m.value) for m in at.markdown) + "\n" + "\n".join(c.value for c in at.caption)


@pytest.fixture(scope="module")
def demo_slides(demo_db):
    from lib import db, derived
    con = db.connect(demo_db)
    ds = int(con.execute("SELECT id FROM datasets WHERE name = 'demo'").fetchall()[0][0])
    derived.ensure(con, ds)
    as_of = con.execute("SELECT max(date) FROM transactions WHERE dataset_id = ?", [ds]).fetchall()[0][0]
    out = {}
    for lang in ("en", "de"):
        src = story.Source(con, ds, as_of)
        for s in story.STEPS:
            out[(s.id, lang)] = story.build(con, ds, as_of, s.id, lang, False, source=src)
    con.close()
    return out


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_step_shows_its_title_takeaway_and_chart(app_env, demo_slides, lang):
    for n, step in enumerate(story.STEPS, start=1):
        at = open_page("story", {"lang": lang, "story": str(n)})
        assert not at.exception, (step.id, at.exception)
        slide = demo_slides[(step.id, lang)]
        assert [h.value for h in at.header] == [slide.title]
        assert slide.takeaway in _page_text(at), step.id   # the same numbers as the pure build
        assert len(at.get("vega_lite_chart")) == 1
        assert (f"Schritt {n} von {len(story.STEPS)}" if lang == "de" else f"Step {n} of {len(story.STEPS)}") in _page_text(at)


def test_next_and_previous_walk_the_steps_and_keep_the_step_in_the_url(app_env):
    at = open_page("story", {"lang": "en"})
    assert at.button(key="story_prev").disabled and not at.button(key="story_next").disabled
    at.button(key="story_next").click().run()
    assert at.query_params["story"] == "2" and at.header[0].value == "Where your customers stand now"
    at.button(key="story_next").click().run()
    at.button(key="story_prev").click().run()
    assert at.query_params["story"] == "2"
    at.button(key="story_prev").click().run()
    assert "story" not in at.query_params      # the default step is left out of the URL


@pytest.mark.parametrize("raw", ["99", "0", "abc", "-3"])
def test_a_step_outside_the_story_opens_the_first(app_env, raw):
    at = open_page("story", {"lang": "en", "story": raw})
    assert not at.exception
    assert at.header[0].value == "This is your customer lifecycle"


def test_the_details_link_opens_the_steps_page_with_its_settings(app_env):
    at = open_page("story", {"lang": "de", "story": "4"})
    link = next(m.value for m in at.markdown if m.value.startswith("[Details"))
    assert "(value?lang=de&dataset=demo&as_of=" in link and "val_tab=history" in link and "val_top=20" in link


def _chart_spec(at) -> dict:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def test_presenter_mode_collapses_settings_and_sizes_charts_for_a_projector(app_env):
    plain = open_page("story", {"lang": "en", "story": "4"})
    spec = _chart_spec(plain)
    assert spec.get("height") != "container" and "axis" not in spec.get("config", {})
    assert plain.title and plain.title[0].value == "The story of your customers"

    at = open_page("story", {"lang": "en", "story": "4", "present": "1"})
    assert not at.exception
    assert {w.key: w.value for w in at.sidebar.toggle} == {"app_present": True, "app_anon": True}
    spec = _chart_spec(at)
    assert spec["height"] == "container" and spec["width"] == "container"
    assert spec["config"]["axis"]["labelFontSize"] >= 15 and spec["config"]["axis"]["titleFontSize"] >= 17
    assert not at.title   # one idea per screen: no page title or intro above the step
    css = "\n".join(h.proto.body for h in at.get("html"))
    assert "100vh" in css and "calc(100vh - 350px)" in css   # the chart's height from the viewport

    at.sidebar.toggle(key="app_present").set_value(False).run()
    assert _chart_spec(at).get("height") != "container" and at.title


def test_presenter_mode_shortens_a_steps_list_and_leaves_room_for_it(app_env, demo_slides):
    n = story.step_ids().index("watch") + 1
    at = open_page("story", {"lang": "de", "story": str(n), "present": "1"})
    assert len(at.dataframe[0].value) == 5
    css = "\n".join(h.proto.body for h in at.get("html"))
    assert f"calc(100vh - {350 + 40 + 35 * 5}px)" in css
    full = open_page("story", {"lang": "de", "story": str(n), "anon": "1"})
    assert len(full.dataframe[0].value) == len(demo_slides[("watch", "de")].table) > 5


# --- snapshots -----------------------------------------------------------------------------------------

@pytest.fixture
def snap_db(tmp_path, monkeypatch):
    """A database of its own (snapshots and a replaced dataset must not touch the shared demo)."""
    from lib import db
    path = tmp_path / "snap.duckdb"
    con = db.connect(path)
    demo.generate(con, "demo", customers=300, seed=11)
    demo.generate(con, "other", customers=200, seed=12)
    con.close()
    monkeypatch.setenv("LIFECYCLE_DB", str(path))
    from tests.conftest import ROOT
    monkeypatch.chdir(ROOT)
    return path


def _save(at, name: str):
    at.text_input(key="story_snap_name").input(name).run()
    at.button(key="story_snap_save").click().run()
    return at


def test_a_saved_snapshot_opens_with_the_same_numbers_after_a_restart(snap_db):
    at = open_page("story", {"lang": "de", "story": "4", "as_of": "2025-06-30"})
    takeaway = next(m.value for m in at.markdown if m.value.startswith("####"))
    _save(at, "Workshop Juni")
    assert not at.exception and at.success and "Workshop Juni" in rendered(at.success[0].value)
    assert at.query_params["snapshot"] == "Workshop Juni"
    listed = shown(at.dataframe[0])   # what the table shows (its cells keep dates, for sorting)
    assert listed["Name"].tolist() == ["Workshop Juni"] and listed["Stichtag"].tolist() == ["30.06.2025"]
    assert listed["Datensatz jetzt"].tolist() == ["unverändert"]

    # a new AppTest is a new session (the app restarted): the URL alone brings the talk back
    again = open_page("story", {"lang": "en", "snapshot": "Workshop Juni"})
    assert not again.exception
    assert again.session_state["app_as_of"] == date(2025, 6, 30) and again.session_state["app_dataset"] == "demo"
    assert again.header[0].value == "Who brings the revenue"
    german = open_page("story", {"lang": "de", "snapshot": "Workshop Juni"})
    assert next(m.value for m in german.markdown if m.value.startswith("####")) == takeaway


def test_opening_a_snapshot_from_the_list_switches_dataset_date_and_step(snap_db):
    at = open_page("story", {"lang": "en", "dataset": "other", "story": "2", "as_of": "2025-03-31"})
    _save(at, "other-march")
    at = open_page("story", {"lang": "en"})
    assert at.session_state["app_dataset"] == "demo"
    at.selectbox(key="story_snap_pick").set_value("other-march").run()
    at.button(key="story_snap_open").click().run()
    assert not at.exception
    assert at.session_state["app_dataset"] == "other" and at.session_state["app_as_of"] == date(2025, 3, 31)
    assert at.header[0].value == "Where your customers stand now"


def test_deleting_a_snapshot(snap_db):
    at = _save(open_page("story", {"lang": "en"}), "gone soon")
    at.selectbox(key="story_snap_pick").set_value("gone soon").run()
    at.button(key="story_snap_delete").click().run()
    assert "deleted" in rendered(at.success[0].value)
    assert any("No snapshot saved yet" in i.value for i in at.info)
    again = open_page("story", {"lang": "en", "snapshot": "gone soon"})
    assert any("no snapshot called" in rendered(w.value) for w in again.warning)


@pytest.mark.parametrize("name, sentence", [
    ("", "Please give the snapshot a name."),
    ("x" * 61, "The name is too long: at most 60 characters."),
    ("taken", "A snapshot of this name exists already"),
])
def test_bad_snapshot_names_get_a_sentence(snap_db, name, sentence):
    at = _save(open_page("story", {"lang": "en"}), "taken")
    at = _save(at, name)
    assert not at.exception
    assert sentence in at.error[0].value
    assert at.dataframe[0].value["Name"].tolist() == ["taken"]


def test_a_snapshot_of_a_replaced_or_deleted_dataset_says_so_instead_of_other_numbers(snap_db):
    from lib import db, ui
    from lib.loaders import cursor
    name = "[Talk](http://x.y) *demo*"
    _save(open_page("story", {"lang": "de", "story": "3"}), name)
    demo.generate(cursor(str(snap_db)), "demo", customers=300, seed=99)   # imported again while the app runs
    ui._catalog.clear()
    at = open_page("story", {"lang": "de", "snapshot": name})
    assert not at.exception
    assert at.error and "seither ersetzt" in at.error[0].value and md_text(name) in at.error[0].value
    assert not at.header and not at.get("vega_lite_chart")   # no numbers of the new data
    db.drop_dataset(cursor(str(snap_db)), "demo")
    ui._catalog.clear()
    at = open_page("story", {"lang": "en", "snapshot": name})
    assert at.error and "deleted since" in at.error[0].value


def test_presenter_mode_opens_on_the_story_and_collapses_the_sidebar(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params.update({"lang": "de", "present": "1"})
    at.run()
    assert not at.exception
    assert at.header[0].value == "Das ist Ihr Kundenlebenszyklus"   # the story's first step, not the overview
    assert not at.title
    plain = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    plain.query_params.update({"lang": "de"})
    plain.run()
    assert plain.title[0].value == "Überblick"


def test_the_sidebar_starts_collapsed_in_presenter_mode(app_env):
    from streamlit.testing.v1 import AppTest

    script = ("import streamlit as st\nfrom lib import ui\nst.write(ui.initial_sidebar())\n")
    for query, state in (({"present": "1"}, "collapsed"), ({}, "auto"), ({"present": "0"}, "auto")):
        at = AppTest.from_string(script)
        at.query_params.update(query)
        at.run()
        assert at.markdown[0].value == state


def test_the_lifecycle_page_in_presenter_mode_draws_its_charts_for_a_projector(app_env):
    plain = open_page("lifecycle", {"lang": "de"})
    assert all(json.loads(c.proto.spec).get("height") != "container" for c in plain.get("vega_lite_chart"))
    at = open_page("lifecycle", {"lang": "de", "present": "1"})
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert specs and all(s["height"] == "container" and s["config"]["axis"]["labelFontSize"] >= 15 for s in specs)
    assert specs[-1]["config"]["locale"]["number"]["decimal"] == ","   # still German numbers


@pytest.mark.parametrize("page, key", [("lifecycle", "lc_seg"), ("recovery", "rec_from"), ("compare", "cmp_kind")])
def test_presenter_mode_puts_a_pages_settings_into_a_collapsed_expander(app_env, page, key):
    plain = open_page(page, {"lang": "en"})
    assert "Settings and filters" not in [e.label for e in plain.expander]
    at = open_page(page, {"lang": "en", "present": "1"})
    assert not at.exception
    box = next(e for e in at.expander if e.label == "Settings and filters")
    assert not box.proto.expanded
    assert any(w.key == key for w in box.get("selectbox") + box.get("multiselect") + box.get("date_input"))
