"""Customer Lifecycle Explorer: the one router. Page config, sidebar context, navigation."""
import streamlit as st

from lib import ui

st.set_page_config(page_icon=":material/autorenew:", layout="wide")  # the tab title: ui.route, per page and language
ui.route(st.session_state.get("app_lang") or ui.url_lang())
