"""Customer Lifecycle Explorer: the one router. Page config, sidebar context, navigation."""
import streamlit as st

from lib import ui

st.set_page_config(page_title="Customer Lifecycle Explorer", page_icon=":material/autorenew:", layout="wide",
                   initial_sidebar_state=ui.initial_sidebar())
ui.route(st.session_state.get("app_lang") or ui.url_lang())
