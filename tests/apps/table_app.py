"""A page that shows one table through ui.table, for tests/test_locale.py: the language comes
from the URL (lang), the table's rows are chosen so that text order and number order differ."""
from datetime import date

import pandas as pd
import streamlit as st

from lib import ui

lang = st.query_params.get("lang", "en")
frame = pd.DataFrame({
    "code": ["a", "b", "c", "d"],
    "amount": [1234.56, 99.5, 123456.0, 5.0],
    "customers": [2181, 42, 1377, 20809],
    "share": [0.806, 0.1, 0.02, float("nan")],
    "day": [date(2025, 12, 31), date(2024, 1, 2), date(2025, 3, 4), None],
})
ui.table(frame, key="t", lang=lang, stem="numbers", formats={"amount": "num:2", "share": "pct"},
         column_config={"amount": st.column_config.NumberColumn("Amount", format="localized", help="h"),
                        "day": st.column_config.DateColumn("Day", format="YYYY-MM-DD")},
         static=st.query_params.get("static") == "1")
