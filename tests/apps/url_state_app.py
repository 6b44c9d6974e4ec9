"""A small page for tests/test_ui.py: every kind of value ui.url_state keeps, and ui.tabs."""
from datetime import date

import streamlit as st

from lib import ui

lang = st.query_params.get("lang", "en")
TITLES = {"en": {"a": "Alpha", "b": "Beta", "c": "Gamma"}, "de": {"a": "Alfa", "b": "Bravo", "c": "Gamm"}}
top = date.fromisoformat(st.query_params.get("top", "2025-12-31"))
st.slider("Window", 30, 180, key="win", on_change=ui.url_state("win", 90, bounds=(30, 180)))
st.selectbox("Model", ["x", "y"], key="model", format_func=str.upper,
             on_change=ui.url_state("model", "x", options=["x", "y"]))
st.multiselect("Groups", ["g1", "g2", "g3"], key="groups", on_change=ui.url_state("groups", ["g1"], options=["g1", "g2", "g3"], multi=True))
st.slider("Band", 0.0, 100.0, key="band", on_change=ui.url_state("band", (15.0, 35.0), bounds=(0.0, 100.0)))
st.date_input("From", key="day", max_value=top,
              on_change=ui.url_state("day", date(2025, 1, 1), bounds=(date(2020, 1, 1), top)))
st.checkbox("Flag", key="flag", on_change=ui.url_state("flag", False))
tabs = ui.tabs("tab", ["a", "b", "c"], lambda i: TITLES[lang][i], aliases={"Beta": "b"})
for k, c in tabs.items():
    if c.open:
        with c:
            st.write(f"open:{k}")
