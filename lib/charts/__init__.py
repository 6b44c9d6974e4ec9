"""Altair chart builders: pure functions, data in, ``alt.Chart`` out. Titles arrive translated.

One module per page (``lib/charts/<page>.py``); the shared colours are in ``palette``, the
German number and date formats in ``locale``. Each builder receives an aggregate of at most a
few thousand rows (Streamlit ships every row of an Altair chart to the browser). Test builders
with ``chart.to_dict()``.
"""
from lib.charts.overview import monthly_activity

__all__ = ["monthly_activity"]
