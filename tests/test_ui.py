"""The one URL-state mechanism (lib/ui/url.py url_state, tabs): language-neutral values in the URL,
typed and checked on the way in, written back on change, defaults left out."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent / "apps" / "url_state_app.py")


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def shown(at) -> dict:
    return {"win": at.slider(key="win").value, "model": at.selectbox(key="model").value,
            "groups": at.multiselect(key="groups").value, "band": at.slider(key="band").value,
            "day": at.date_input(key="day").value, "flag": at.checkbox(key="flag").value,
            "tab": [m.value for m in at.markdown if m.value.startswith("open:")]}


def test_values_from_the_url_in_either_language():
    params = dict(win="120", model="y", groups=["g2", "g3"], band=["10.0", "40.0"], day="2024-03-01", flag="1", tab="b")
    for lang in ("en", "de"):
        at = run(lang=lang, **params)
        assert not at.exception
        assert shown(at) == {"win": 120, "model": "y", "groups": ["g2", "g3"], "band": (10.0, 40.0),
                             "day": date(2024, 3, 1), "flag": True, "tab": ["open:b"]}


def test_bad_values_fall_back_to_the_defaults():
    at = run(win="abc", model="z", groups=["nope"], band=["1", "2", "3"], day="31.12.2024", flag="maybe", tab="zz")
    assert not at.exception
    assert shown(at) == {"win": 90, "model": "x", "groups": ["g1"], "band": (15.0, 35.0),
                         "day": date(2025, 1, 1), "flag": False, "tab": ["open:a"]}
    at = run(win="500", band=["-5", "40"], day="2019-01-01")  # out of bounds
    assert (shown(at)["win"], shown(at)["band"], shown(at)["day"]) == (90, (15.0, 35.0), date(2025, 1, 1))


def test_changes_write_language_neutral_values_and_defaults_leave_the_url():
    at = run(lang="de")
    at.slider(key="win").set_value(150).run()
    at.selectbox(key="model").set_value("y").run()
    at.multiselect(key="groups").select("g3").run()
    at.slider(key="band").set_value((20.0, 50.0)).run()
    at.date_input(key="day").set_value(date(2023, 5, 6)).run()
    at.checkbox(key="flag").check().run()
    q = at.query_params
    assert (q["win"], q["model"], q["groups"], q["band"], q["day"], q["flag"]) == (
        "150", "y", ["g1", "g3"], ["20.0", "50.0"], "2023-05-06", "1")
    at.slider(key="win").set_value(90).run()
    at.selectbox(key="model").set_value("x").run()
    assert "win" not in at.query_params and "model" not in at.query_params


def test_a_held_value_outside_moved_bounds_goes_back_to_the_default():
    at = run(day="2025-12-01")
    assert shown(at)["day"] == date(2025, 12, 1)
    at.query_params["top"] = "2025-06-30"  # the as-of date moved before the chosen day
    at.run()
    assert not at.exception and shown(at)["day"] == date(2025, 1, 1)
    assert "day" not in at.query_params


def test_tabs_keep_their_id_across_languages_and_old_titles_still_open_them():
    at = run(lang="en", tab="c")
    assert shown(at)["tab"] == ["open:c"] and [t.label for t in at.tabs] == ["Alpha", "Beta", "Gamma"]
    at.query_params["lang"] = "de"
    at.run()
    assert shown(at)["tab"] == ["open:c"] and [t.label for t in at.tabs] == ["Alfa", "Bravo", "Gamm"]
    assert shown(run(tab="Beta"))["tab"] == ["open:b"]
