"""Exported cells can never start a formula; numbers stay numbers."""
from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest

from lib import export

NASTY = ["=1+1", "+49 30 1234", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\",\"y\")", "ok", "K-1"]


@pytest.fixture
def frame():
    return pd.DataFrame({"customer_id": NASTY, "amount": [-5.5, 1, 2, 3, 4, 5, 6, 7, 8],
                         "=evil header": range(9)})


def test_csv_cells_cannot_start_a_formula(frame):
    text = export.to_csv(frame, "en").decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert not any(v.startswith(export.TRIGGERS) for v in back["customer_id"])
    assert back.columns[2] == "'=evil header"
    assert back["amount"].iloc[0] == "-5.5"  # a number, not neutralised
    assert back["customer_id"].iloc[-1] == "K-1"


def test_german_csv_uses_semicolon_and_decimal_comma(frame):
    text = export.to_csv(frame, "de").decode("utf-8-sig")
    assert text.splitlines()[1].split(";")[1] == "-5,5"


def test_xlsx_cells_cannot_start_a_formula(frame):
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, "Kunden")))
    ws = wb["Kunden"]
    texts = [ws.cell(row=r, column=1).value for r in range(2, 11)]
    assert all(isinstance(v, str) and not v.startswith(export.TRIGGERS) for v in texts)
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 11))
    assert ws.cell(row=2, column=2).value == -5.5 and ws.cell(row=2, column=2).data_type == "n"


LINE_BREAK_ATTACKS = ["\r=1+1", "abc\r=1+1", "abc\n=1+1", "x\r\n@SUM(A1)", "\n\n-2+3", "a\r\tb", "ok\rfine"]


def _physical_lines(text: str) -> list[str]:
    return [line for line in re.split(r"\r\n|\r|\n", text)]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_line_of_a_csv_can_start_a_formula_even_inside_a_quoted_cell(lang):
    frame = pd.DataFrame({"customer_id": LINE_BREAK_ATTACKS, "n": range(len(LINE_BREAK_ATTACKS))})
    text = export.to_csv(frame, lang).decode("utf-8-sig")
    sep = ";" if lang == "de" else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    assert len(rows) == len(LINE_BREAK_ATTACKS) + 1  # every CR/LF stayed inside its quoted field
    for row in rows[1:]:
        for part in _physical_lines(row[0]):
            assert not part.startswith(("=", "+", "-", "@", "\t")), row
    # the text survives apart from the apostrophes
    assert [r[0].replace("'", "") for r in rows[1:]] == LINE_BREAK_ATTACKS
    # and no physical line of the file itself starts a formula either
    assert not any(line.startswith(("=", "+", "-", "@")) for line in _physical_lines(text))


def test_write_csv_is_the_same_safe_csv(tmp_path, frame):
    path = tmp_path / "out.csv"
    export.write_csv(frame, path, "de")
    assert path.read_bytes() == export.to_csv(frame, "de")
