"""Safe exports: every download of the app goes through here (CSV and XLSX).

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (CSV/formula injection). As OWASP recommends, such text cells get a leading
apostrophe; numbers stay numbers, so a negative amount is still a number. A cell holding a line
break is neutralised after every break too (``"abc\r=1+1"`` -> ``"abc\r'=1+1"``), and CSV lines end
in CR LF (RFC 4180), so a field with a bare CR or LF is always quoted and a reader never starts a
new row inside it.

Every CSV and XLSX the project writes (downloads, ``python -m lib score``, the rejected rows of an
import) goes through :func:`to_csv` / :func:`write_csv` or :func:`to_xlsx`.
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575
"""Excel's sheet holds 1,048,576 rows including the header; larger exports are CSV only."""


_AFTER_BREAK = re.compile(r"([\r\n])(?=[=+\-@\t\r])")


def neutralise_text(value: object) -> object:
    """Prefix a formula-like string with an apostrophe, also after every line break inside it;
    leave everything else alone.

    Examples
    --------
    >>> neutralise_text("=HYPERLINK(\\"x\\")"), neutralise_text(-5), neutralise_text("K-1")
    ('\\'=HYPERLINK("x")', -5, 'K-1')
    >>> neutralise_text("abc\\r=1+1"), neutralise_text("\\r=1+1")
    ("abc\\r'=1+1", "'\\r'=1+1")
    """
    if not isinstance(value, str):
        return value
    if "\r" in value or "\n" in value:
        value = _AFTER_BREAK.sub(r"\1'", value)
    return "'" + value if value.startswith(TRIGGERS) else value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) cannot start a formula."""
    out = df.copy()
    out.columns = [neutralise_text(str(c)) for c in out.columns]
    for col in out.columns:
        series = out[col]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
                or pd.api.types.is_bool_dtype(series)):
            out[col] = series.map(neutralise_text)
    return out


def to_csv(df: pd.DataFrame, lang: str = "en") -> bytes:
    """CSV as spreadsheet programs in the language's locale open it directly.

    German: ``;`` and decimal comma; English: ``,`` and decimal point. UTF-8 with BOM so Excel
    detects the encoding (umlauts survive).
    """
    sep, decimal = (";", ",") if lang == "de" else (",", ".")
    return neutralise(df).to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n").encode("utf-8-sig")


def write_csv(df: pd.DataFrame, path: str | os.PathLike, lang: str = "en") -> None:
    """:func:`to_csv` written to ``path`` (the commands' output files)."""
    Path(path).write_bytes(to_csv(df, lang))


def to_xlsx(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """An XLSX workbook with one sheet; text cells neutralised, numbers and dates typed."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        neutralise(df).to_excel(writer, sheet_name=sheet[:31] or "data", index=False)
    return buf.getvalue()
