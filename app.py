"""Customer Lifecycle Explorer: the one router. Page config, sidebar context, navigation."""
import streamlit as st

from lib import ui
from lib.i18n import t

st.set_page_config(page_title="Customer Lifecycle Explorer", page_icon=":material/autorenew:", layout="wide")

lang = st.session_state.get("app_lang") or ui.url_lang()
page = st.navigation(ui.navigation_pages(lang))
ctx = ui.sidebar()
st.session_state["ctx"] = ctx
with st.sidebar:
    st.caption(t("app.tagline", ctx.lang))
page.run()
