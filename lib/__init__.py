"""Customer Lifecycle Explorer: all logic behind the Streamlit pages.

Pages import from here; nothing in ``lib`` imports Streamlit except ``lib.ui``.
"""
