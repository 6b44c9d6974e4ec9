"""Tables, metric rows and downloads of the pages: the one way a page shows a table
(:func:`table`: every number and date in the reader's language while the cells keep their values,
CSV/XLSX under it), the downloads (:func:`download`, formula-safe through lib/export, pseudonyms in
anonymised mode), and anonymised mode's masking and ordering of customer lists (:func:`masked`,
:func:`ordered`). Part of the UI layer: the pages reach it as ``ui.table``, ``ui.download``, ...
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib import anon, export
from lib.i18n import MISSING, cell_formatter, fmt_int, t
from lib.loaders import anon as anon_loaders

def masked(df: pd.DataFrame, ctx=None) -> pd.DataFrame:
    """``df`` with its customer ids, names and account managers replaced by the dataset's
    pseudonyms (:func:`lib.anon.mask`) when anonymised mode is on; ``df`` itself otherwise
    (and when it is masked already). ``ctx`` defaults to this run's context."""
    ctx = ctx or st.session_state.get("ctx")
    if ctx is None or not ctx.anon or not ctx.dataset_id or df.attrs.get(anon.MASKED_FLAG):
        return df
    return anon.mask(df, anon_loaders.pseudonyms(ctx.key), ctx.lang)


def ordered(df: pd.DataFrame, by, ascending=True, ctx=None, head: int | None = None) -> pd.DataFrame:
    """``df`` (a customer list) sorted by ``by`` (stable), in anonymised mode with the pseudonym
    number as the tie-break (:func:`lib.anon.order`): rows that tie, such as the many customers
    without revenue, must not come in the order of their real ids. ``head``: only the first rows
    are wanted (a million-row frame is cut to the rows that can be among them first)."""
    ctx = ctx or st.session_state.get("ctx")
    by = [by] if isinstance(by, str) else list(by)
    ascending = [ascending] * len(by) if isinstance(ascending, bool) else list(ascending)
    if (head is not None and len(by) == 1 and len(df) > head and pd.api.types.is_numeric_dtype(df[by[0]])
            and df[by[0]].notna().sum() >= head):   # every row tying with the last one kept; NaN sort last
        df = (df.nsmallest if ascending[0] else df.nlargest)(head, by[0], keep="all")
    if ctx is None or not ctx.anon or not ctx.dataset_id or "customer_id" not in df.columns:
        out = df.sort_values(by, ascending=ascending, kind="stable")
    else:
        out = anon.order(df, anon_loaders.pseudonyms(ctx.key), by, ascending)
    return out if head is None else out.head(head)


def download(df, stem: str, key: str, lang: str, rows: int | None = None, order=None, mask: bool = True,
             where=None) -> None:
    """CSV and XLSX download buttons through the safe export (formulas neutralised).

    ``df`` is a DataFrame or a function returning one, called only on a click (for exports of
    a million customers); give ``rows`` then, so an export too large for Excel is refused up
    front. ``stem`` becomes the file name (it never touches the file system); ``key``
    prefixes the widget keys. In anonymised mode the file holds pseudonyms (:func:`masked`;
    ``order`` = (by, ascending) is the list's sort, re-applied with the pseudonym as tie-break;
    ``mask`` False only for files that hold no customer of the dataset, such as a template);
    ``where`` is a container to draw them in (default: the page).
    """
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:80] or "export"
    ctx = st.session_state.get("ctx")
    # in anonymised mode every file holds pseudonyms (masked on the click, like the file itself)
    def frame() -> pd.DataFrame:
        out = df() if callable(df) else df
        if not mask:
            return out
        return masked(ordered(out, *order, ctx=ctx) if order else out, ctx)

    n = len(df) if rows is None and not callable(df) else (rows or 0)
    # side by side at their natural width (two half-width columns cut the labels beside a narrow
    # table); they wrap when even that does not fit
    left = right = (where or st).container(horizontal=True)
    # The files are built only when clicked: a million-row XLSX takes minutes, and most runs
    # never download anything.
    left.download_button(t("export.csv", lang), lambda: export.to_csv(frame(), lang), f"{name}.csv", "text/csv",
                         key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    right.download_button(t("export.xlsx", lang), lambda: export.to_xlsx(frame(), name),
                          f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/download:", on_click="ignore",
                          disabled=n > export.XLSX_MAX_ROWS,
                          help=t("export.xlsx.too_many", lang) if n > export.XLSX_MAX_ROWS else None)


def metric_row(n: int, where=None) -> list:
    """``n`` slots for ``st.metric`` cards side by side that never cut a label or a value: one
    horizontal container whose cards share the width by their content and wrap onto a second
    line when they do not fit (at 1280 px with the sidebar open, five German cards do not).
    Fill the slots in order (``m[0].metric(...)``, ``m[1].metric(...)``): they are the same
    container."""
    return [(where or st).container(horizontal=True)] * n


#: Rows a table shows at most: a pandas Styler formats every cell it is given (about 0.1 s per
#: 500 rows x 10 columns, 2 s per 20,000); the download holds every row.
TABLE_MAX_ROWS = 5000


def cell_kind(series: pd.Series) -> str | None:
    """The cell kind (``i18n.CELL_KINDS``) a column gets when the page names none: whole numbers
    "int", other numbers "num:2", dates "date"; text and switches None (shown as they are)."""
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_numeric_dtype(series):
        return "num:2"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if series.dtype == object:
        first = series.dropna().head(1)
        if len(first) and isinstance(first.iloc[0], date):
            return "date"
    return None


def _label(col, cfg) -> str:
    """The heading a column shows (its column_config label, else its name)."""
    if isinstance(cfg, str):
        return cfg
    if isinstance(cfg, dict) and cfg.get("label"):
        return cfg["label"]
    return str(col)


def table(df: pd.DataFrame, *, key: str, lang: str, formats: dict | None = None, column_config: dict | None = None,
          stem: str | None = None, export=None, rows: int | None = None, where=None, downloadable: bool = True,
          static: bool = False, order=None, mask: bool = True, **kwargs):
    """The one way a page shows a table: ``st.dataframe`` with every number and date in the app's
    language while the cells keep their values (so a click on a heading sorts numerically and
    by date), and the CSV/XLSX downloads under it (:func:`download`, formula-safe).

    ``formats`` maps a column to its cell kind (``i18n.CELL_KINDS``: "int", "num:2", "amount",
    "money", "pct:1", "points", "pp", "p", "date", "month", or "text" to leave it alone); columns it
    does not name get :func:`cell_kind`. A formatted column's ``column_config`` keeps its label,
    help and width; its own number/date format is dropped (Streamlit's "localized" follows the
    browser's language, not the app's). Codes are the page's to translate before: a table shows
    labels. The download holds ``export`` (a frame, or a function returning one with ``rows``
    given), by default all of ``df`` with the shown headings; ``stem`` names its file (default
    ``key``), ``key`` keys the table and its buttons, ``where`` is a container (default ``st``);
    ``downloadable=False`` only for a preview of the reader's own file; ``static`` draws a small
    table of long texts as ``st.table`` (its lines wrap instead of being cut; no sorting).
    In anonymised mode the download holds pseudonyms (:func:`download`: ``order`` is the export's
    sort by its own column names, re-applied with the pseudonym as tie-break); the default export
    is masked before its columns get the shown headings (``mask`` False for a table that holds no
    customer of the dataset, whose ``name`` column names something else). Returns what ``st.dataframe`` returns (the selection of a selectable table).
    """
    where = where or st
    kinds = {col: cell_kind(df[col]) for col in df.columns}
    kinds.update(formats or {})
    kinds = {col: kind for col, kind in kinds.items() if kind and kind != "text" and col in df.columns}
    shown = df.head(TABLE_MAX_ROWS)
    if not shown.index.is_unique:
        shown = shown.reset_index(drop=True)
    config = {}
    for col, cfg in (column_config or {}).items():
        if col in kinds and isinstance(cfg, dict):
            cfg = {k: v for k, v in cfg.items() if k != "type_config"}
        config[col] = cfg
    formatters = {col: cell_formatter(kind, lang) for col, kind in kinds.items()}
    headings = {col: _label(col, (column_config or {}).get(col)) for col in df.columns}
    if static:  # st.table has no column_config: the headings become the columns
        event = where.table(shown.rename(columns=headings).style.format(
            {headings[col]: f for col, f in formatters.items()}).hide(axis="index"))
    else:
        styled = shown.style.format(formatters)
        kwargs.setdefault("hide_index", True)
        kwargs.setdefault("width", "stretch")
        kwargs.setdefault("placeholder", MISSING)  # an empty cell: "—", not Streamlit's English "None"
        event = where.dataframe(styled, key=key, column_config=config or None, **kwargs)
    if len(df) > TABLE_MAX_ROWS:
        where.caption(t("table.capped", lang, shown=fmt_int(TABLE_MAX_ROWS, lang), total=fmt_int(len(df), lang)))
    if not downloadable:
        return event
    if export is None:
        export = masked(df) if mask else df   # before the headings hide which column holds the customer
        export = export.rename(columns=headings) if any(h != c for c, h in headings.items()) else export
    download(export, stem or key, f"{key}_dl", lang, rows=rows, where=where, order=order, mask=mask)
    return event
