"""Reading analysts' files: what a file really is, its text encoding and CSV dialect, its header,
and the number and date formats of its values.

Owns everything that happens before a file becomes rows in DuckDB: recognising CSV/TSV/TXT, XLSX
and Parquet by their content (not their name), refusing empty, binary and unsupported files with
a plain sentence, decoding the text (:mod:`lib.importing.encodings`), guessing
the delimiter (``,`` ``;`` tab ``|``), the header row, the decimal and thousands separators and the
date format, and turning an XLSX sheet into a typed Arrow table. The detected settings are plain
values a person can override (:class:`Settings`).

File names a person gives are only ever shown, never used as paths: callers hand in the path of
a file they wrote themselves (an upload) or the path given on the command line.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

import pyarrow as pa

from lib.importing.encodings import ENCODINGS, MIXED, _codec, detect_encoding, to_utf8  # noqa: F401  (callers read them here)
from lib.importing.problems import FileProblem  # noqa: F401  (callers catch it as formats.FileProblem)

#: Delimiters a person can choose.
DELIMITERS = (",", ";", "\t", "|")
#: Decimal and thousands separators a person can choose ("" = none).
DECIMALS = (".", ",")
THOUSANDS = ("", ".", ",", " ", "'")
#: Date formats (strptime codes shared by Python and DuckDB), in the order they are tried.
DATE_FORMATS = {
    "iso": "%Y-%m-%d",
    "dmy": "%d.%m.%Y",
    "dmy2": "%d.%m.%y",
    "ymd": "%Y%m%d",
    "dmy_slash": "%d/%m/%Y",
    "mdy_slash": "%m/%d/%Y",
    "ymd_slash": "%Y/%m/%d",
}
#: How each date format is shown to a person.
DATE_LABELS = {"iso": "yyyy-mm-dd", "dmy": "dd.mm.yyyy", "dmy2": "dd.mm.yy", "ymd": "yyyymmdd",
               "dmy_slash": "dd/mm/yyyy", "mdy_slash": "mm/dd/yyyy", "ymd_slash": "yyyy/mm/dd"}
_TIME_SUFFIXES = (" %H:%M", " %H:%M:%S", "T%H:%M", "T%H:%M:%S", " %H:%M:%S.%f", "T%H:%M:%S.%f")
SAMPLE_BYTES = 1 << 20
SAMPLE_ROWS = 1000
_CHUNK = 1 << 24
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Settings:
    """How a file is read: detected, and each value can be overridden.

    ``date_format`` is a key of :data:`DATE_FORMATS`; a time after the date is always allowed.
    """

    encoding: str = "utf-8"
    delimiter: str = ","
    header: bool = True
    decimal: str = "."
    thousands: str = ""
    date_format: str = "iso"
    sheet: str | None = None

    def with_(self, **changes) -> Settings:
        """A copy with ``changes`` applied (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True)
class Probe:
    """What a file is: ``kind`` is ``csv``, ``xlsx`` or ``parquet``; ``encoding`` is detected for
    text files; ``notice`` names a sentence about a mislabelled file (``data.notice.<notice>``)."""

    kind: str
    encoding: str | None = None
    bom: bool = False
    notice: str | None = None
    sheets: tuple[str, ...] = ()


@dataclass
class Sample:
    """The head of a table: its column names and first rows as text (None = empty cell)."""

    headers: list[str]
    rows: list[list[str | None]] = field(default_factory=list)
    #: DuckDB type of each column (``VARCHAR`` for text files)
    types: list[str] = field(default_factory=list)

    def column(self, i: int) -> list[str]:
        """The non-empty values of column ``i`` as text."""
        return [r[i] for r in self.rows if i < len(r) and r[i] not in (None, "")]


# --- what is it? -----------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "pdf"), (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"),
    (b"\x1f\x8b", "gzip"), (b"7z\xbc\xaf", "archive"), (b"Rar!", "archive"), (b"BZh", "archive"),
    (b"SQLite format 3", "database"), (b"\xd0\xcf\x11\xe0", "xls"),
)


def probe(path: str | Path, name: str = "") -> Probe:
    """Recognise a file by its content; ``name`` (as the person gave it) only adds a notice when
    its ending says something else.

    Raises :class:`FileProblem` for an empty, binary or unsupported file.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x"); _ = open(p, "wb").write("a;b\\n1;Müller\\n".encode("cp1252"))
    >>> probe(p, "x.csv").encoding
    'cp1252'
    """
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(SAMPLE_BYTES)
        tail = b""
        if size > SAMPLE_BYTES:
            f.seek(max(size - 4, 0))
            tail = f.read(4)
    suffix = Path(name).suffix.lower() if name else ""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FileProblem("empty", file=name)
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        if kind != "xlsx":
            raise FileProblem(kind, file=name)
        notice = "mislabelled_xlsx" if suffix and suffix not in (".xlsx", ".xlsm") else None
        return Probe("xlsx", notice=notice, sheets=tuple(xlsx_sheets(path)))
    if head.startswith(b"PAR1") and (tail or head[-4:]) == b"PAR1":
        notice = "mislabelled_parquet" if suffix and suffix not in (".parquet", ".pq") else None
        return Probe("parquet", notice=notice)
    for magic, code in _MAGIC:
        if head.startswith(magic):
            raise FileProblem(code, file=name)
    encoding, bom = detect_encoding(head)
    if encoding is None:
        raise FileProblem("binary", file=name)
    notice = "mislabelled_text" if suffix in (".xlsx", ".xlsm", ".xls", ".parquet", ".pq") else None
    return Probe("csv", encoding=encoding, bom=bom, notice=notice)


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and b"opendocument.spreadsheet" in z.read("mimetype"):
                return "ods"
            if any(n.startswith("word/") for n in names):
                return "docx"
    except (zipfile.BadZipFile, OSError, KeyError):
        return "binary"
    return "archive"


def safe_path(path: str | Path, workdir: str | Path) -> Path:
    """An absolute path DuckDB reads literally: a link in ``workdir`` when the name holds
    characters DuckDB would take as a glob pattern (``*?[]{}``)."""
    path = Path(path).resolve()
    if not any(ch in str(path) for ch in "*?[]{}"):
        return path
    link = Path(workdir) / f"{uuid.uuid4().hex}.data"
    link.symlink_to(path)
    return link


# --- CSV dialect and header -----------------------------------------------------------------------

def read_text_head(path: str | Path, encoding: str, limit: int = SAMPLE_BYTES) -> tuple[str, bool]:
    """The first ``limit`` bytes of a text file, decoded; the flag says the file is longer."""
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    more = len(data) > limit
    data = data[:limit]
    if encoding in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    decoder = codecs.getincrementaldecoder(_codec(path, encoding))("replace")
    return decoder.decode(data, final=not more), more


# A cell may be as long as the whole sample (a 1 MB note is data, not an error); Python's csv
# module stops at 128 KB by default and would silently end the sample there.
csv.field_size_limit(max(csv.field_size_limit(), 4 * SAMPLE_BYTES))


def _records(text: str, delimiter: str, truncated: bool, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=False)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > limit:
                break
    except csv.Error:
        pass
    if truncated and rows and len(rows) <= limit:
        rows.pop()  # the last record may be cut off by the sample's end
    return rows


def detect_delimiter(text: str, truncated: bool = False) -> str:
    """The delimiter giving the most consistent number (> 1) of fields over the first lines.

    Examples
    --------
    >>> detect_delimiter("Kunde;Datum;Betrag\\nK1;01.02.2024;1.234,56\\n")
    ';'
    >>> detect_delimiter('id,name\\n1,"Weber; Söhne"\\n2,x\\n')
    ','
    """
    best, best_score = ",", (-1.0, 0)
    for delim in DELIMITERS:
        rows = [r for r in _records(text, delim, truncated, 200) if r]
        if not rows:
            continue
        widths = [len(r) for r in rows]
        width = max(set(widths), key=lambda w: (widths.count(w), w))
        if width < 2:
            continue
        consistency = widths.count(width) / len(widths)
        score = (round(consistency, 2), width)
        if score > best_score:
            best, best_score = delim, score
    return best


def csv_sample(path: str | Path, settings: Settings, limit: int = SAMPLE_ROWS) -> Sample:
    """Header and first rows of a UTF-8 CSV file read with ``settings``; columns without a name are
    called ``column_<n>``, repeated names get `` (2)``, `` (3)`` ...

    Raises :class:`FileProblem` ``header_only`` when the file has a header but no rows.
    """
    text, more = read_text_head(path, "utf-8")
    records = _records(text, settings.delimiter, more, limit + 1)
    if more and len(records) <= (1 if settings.header else 0):
        # not even one row fits into the sample: a line longer than it, not an empty file
        line, size = _long_line(path, len(records) + 1)
        raise FileProblem("long_line", line=line, size=_size_text(size), limit=_size_text(SAMPLE_BYTES))
    _refuse_control_characters(records, settings)
    rows = [r for r in records if any(c.strip() for c in r)]
    if not rows:
        raise FileProblem("empty")
    widths = [len(r) for r in rows]
    # the header says how many columns there are; without one, the most common width
    width = widths[0] if settings.header else max(set(widths), key=lambda w: (widths.count(w), w))
    if settings.header:
        headers, data = unique_headers(rows[0], width), rows[1:]
    else:
        headers, data = [f"column_{i + 1}" for i in range(width)], rows
    if not data and not more:
        raise FileProblem("header_only")
    return Sample(headers, [[c if c != "" else None for c in r] for r in data[:limit]], ["VARCHAR"] * len(headers))


def _refuse_control_characters(records: list[list[str]], settings: Settings) -> None:
    """Raise ``control_char`` naming the line, column and character of the first control
    character in a cell of the sample (tab, line breaks and form feed are fine)."""
    for r, record in enumerate(records):
        for c, cell in enumerate(record):
            m = _CONTROL.search(cell)
            if m:
                header = records[0][c] if settings.header and r > 0 and c < len(records[0]) else f"column_{c + 1}"
                shown = _CONTROL.sub("\ufffd", cell)
                raise FileProblem("control_char", line=r + 1, column=header, char=f"U+{ord(m.group()):04X}",
                                  value=shown[:40] + ("…" if len(shown) > 40 else ""))


def _long_line(path: str | Path, line: int) -> tuple[int, int]:
    """(``line``, its length in bytes): the length of the ``line``-th line of the file, found by
    reading on to its end in blocks (constant memory)."""
    seen, length = 1, 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            start = 0
            while seen < line:
                nl = chunk.find(b"\n", start)
                if nl < 0:
                    start = len(chunk)
                    break
                seen, start = seen + 1, nl + 1
            if seen < line:
                continue
            nl = chunk.find(b"\n", start)
            if nl >= 0:
                return line, length + nl - start
            length += len(chunk) - start
    return line, length


def _size_text(n: int) -> str:
    """Bytes as the file manager shows them: 1.0 MB, 50.0 MB, 512 KB."""
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{max(n, 1) / 1024:.0f} KB"


def unique_headers(cells: list, width: int) -> list[str]:
    """Column names from a header row: trimmed, blanks named by position, repeats numbered.

    Examples
    --------
    >>> unique_headers([" Betrag ", "", "Betrag"], 4)
    ['Betrag', 'column_2', 'Betrag (2)', 'column_4']
    """
    out: list[str] = []
    for i in range(width):
        raw = cells[i] if i < len(cells) else None
        name = str(raw).strip() if raw is not None else ""
        name = name or f"column_{i + 1}"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


_NUMBERISH = re.compile(r"^[+-]?[\d.,' ]*\d[\d.,' ]*-?$")


def looks_like_header(first: list[str | None], rest: list[list[str | None]]) -> bool:
    """Whether the first row names the columns: no cell of it looks like a number or a date
    while the rows below look alike.

    Examples
    --------
    >>> looks_like_header(["Kundennummer", "Datum"], [["K1", "01.02.2024"]])
    True
    >>> looks_like_header(["K1", "01.02.2024", "12,50"], [["K2", "02.02.2024", "3,10"]])
    False
    """
    for i, cell in enumerate(first):
        if cell and (_NUMBERISH.match(cell.strip()) or date_format_of([cell.strip()])):
            below = [r[i] for r in rest[:20] if i < len(r) and r[i]]
            if below and all(_NUMBERISH.match(v.strip()) or date_format_of([v.strip()]) for v in below):
                return False
    return True


# --- values: numbers and dates ----------------------------------------------------------------------

def number_format(values: list[str], delimiter: str = ",") -> tuple[str, str]:
    """``(decimal, thousands)`` separators that read all ``values`` as numbers.

    Unambiguous values decide (``1.234,56``, ``3,5``, ``12.99``); when none is (only whole
    numbers or ``1,234``-like values), a ``;``-separated file is taken as German.

    Examples
    --------
    >>> number_format(["1.234,56", "-12,5", "3"])
    (',', '.')
    >>> number_format(["1,234.56", "12.5"])
    ('.', ',')
    >>> number_format(["12.99", "3"])
    ('.', '')
    >>> number_format(["12", "7"], ";")
    (',', '')
    """
    votes = {".": 0, ",": 0}
    thousands = {".": False, ",": False, " ": False, "'": False}
    for raw in values:
        v = raw.strip().rstrip("-").lstrip("+-")
        if not v or not _NUMBERISH.match(v):
            continue
        if "." in v and "," in v:
            dec = "," if v.rfind(",") > v.rfind(".") else "."
            votes[dec] += 3
            thousands["." if dec == "," else ","] = True
            continue
        for sep in ".,":
            if sep in v:
                parts = v.split(sep)
                if len(parts) > 2:  # 1.234.567: a thousands separator
                    thousands[sep] = True
                    votes["," if sep == "." else "."] += 1
                elif len(parts[1]) != 3 or parts[0] in ("", "0", "-0"):
                    votes[sep] += 1
        if " " in v and re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", v):
            thousands[" "] = True
        if "'" in v and re.fullmatch(r"\d{1,3}('\d{3})+([.,]\d+)?", v):
            thousands["'"] = True
    if votes[","] > votes["."]:
        decimal = ","
    elif votes["."] > votes[","]:
        decimal = "."
    else:
        decimal = "," if delimiter == ";" else "."
    sep = next((s for s in (".", ",", " ", "'") if thousands[s] and s != decimal), "")
    if not sep:  # ambiguous 1.234 / 1,234 with the other decimal separator: grouping
        other = "." if decimal == "," else ","
        if any(re.fullmatch(r"[+-]?\d{1,3}(" + re.escape(other) + r"\d{3})+-?", v.strip()) for v in values):
            sep = other
    return decimal, sep


_TIME_RE = re.compile(r"^(\S+?)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _date_part(value: str) -> str:
    m = _TIME_RE.match(value.strip())
    return m.group(1) if m else value.strip()


def date_format_of(values: list[str]) -> str | None:
    """The key of :data:`DATE_FORMATS` that reads the most ``values`` (all, ideally); None when
    none reads any. Day-first wins over month-first when both read everything.

    Examples
    --------
    >>> date_format_of(["31.12.2024", "01.02.2025 14:30"])
    'dmy'
    >>> date_format_of(["2024-12-31T08:00:00"]), date_format_of(["20241231"]), date_format_of(["31.12.24"])
    ('iso', 'ymd', 'dmy2')
    >>> date_format_of(["12/31/2024", "01/02/2025"])
    'mdy_slash'
    """
    parts = [_date_part(v) for v in values if v and v.strip()]
    if not parts:
        return None
    best, best_n = None, 0
    for key, fmt in DATE_FORMATS.items():
        n = 0
        for p in parts:
            try:
                datetime.strptime(p, fmt)
                n += 1
            except ValueError:
                pass
        if n > best_n:
            best, best_n = key, n
    return best


def duckdb_date_formats(key: str) -> list[str]:
    """The strptime formats DuckDB tries for a date column in format ``key``: the date, the date
    with a time, and ISO as a fallback (for XLSX cells that hold real dates).

    Examples
    --------
    >>> duckdb_date_formats("dmy")[:2]
    ['%d.%m.%Y', '%d.%m.%Y %H:%M']
    """
    formats = []
    for k in (key, "iso"):
        base = DATE_FORMATS[k]
        formats += [base] + [base + s for s in _TIME_SUFFIXES]
    return list(dict.fromkeys(formats))


# --- XLSX ------------------------------------------------------------------------------------------

def xlsx_sheets(path: str | Path) -> list[str]:
    """The names of a workbook's worksheets, in order."""
    wb = _workbook(path)
    try:
        return [ws.title for ws in wb.worksheets]
    finally:
        wb.close()


def _workbook(path: str | Path):
    """Open a workbook read-only from a file object (openpyxl refuses a path not ending in .xlsx,
    and a mislabelled workbook is read all the same)."""
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise FileProblem("bad_xlsx") from None


def _check_formula_results(path: str | Path, sheet: str, last_row: int) -> None:
    """Raise ``xlsx_formulas`` when cells read as empty are formulas whose results the file never
    stored (a workbook written by a program; Excel and LibreOffice store them on saving).
    Costs a second pass only for a workbook that holds formulas at all."""
    import zipfile

    from openpyxl.utils import get_column_letter

    try:
        with zipfile.ZipFile(path) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            if not any(b"<f>" in xml or b"<f " in xml for xml in map(z.read, sheets)):
                return
    except (zipfile.BadZipFile, OSError, KeyError):
        return
    import openpyxl

    values = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()), read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()), read_only=True, data_only=False)
    cells, example = [], None
    count = 0
    try:
        for n, (vrow, frow) in enumerate(zip(values[sheet].iter_rows(max_row=last_row, values_only=True),
                                             formulas[sheet].iter_rows(max_row=last_row, values_only=True)), start=1):
            for i, (v, f) in enumerate(zip(vrow, frow), start=1):
                if v is None and isinstance(f, str) and f.startswith("="):
                    count += 1
                    example = example or f
                    if len(cells) < 5:
                        cells.append(f"{get_column_letter(i)}{n}")
    finally:
        values.close()
        formulas.close()
    if count:
        raise FileProblem("xlsx_formulas", sheet=sheet, cells=", ".join(cells), count=f"{count:,}",
                          example=example[:60])


def _cell_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    text = str(v)
    return text if text.strip() else None


def read_xlsx(path: str | Path, sheet: str | None, header: bool = True, limit: int | None = None) -> tuple[Sample, pa.Table]:
    """One worksheet as a typed Arrow table with columns ``c1 .. cN`` and ``_line`` (the Excel
    row number), plus its :class:`Sample`.

    A column whose cells are all numbers becomes ``DOUBLE``, all dates ``TIMESTAMP``, anything
    else text (numbers and dates written out). Empty rows are skipped; the header is the first
    row with a value. Raises :class:`FileProblem` for a missing sheet, an empty sheet or a
    header without rows.
    """
    wb = _workbook(path)
    try:
        names = [ws.title for ws in wb.worksheets]
        if sheet is not None and sheet not in names:
            raise FileProblem("no_sheet", sheet=sheet, sheets=", ".join(names))
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        head: list | None = None
        lines: list[int] = []
        cols: list[list] = []
        for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if not any(_cell_text(v) is not None for v in row):
                continue
            if head is None and header:
                head = list(row)
                continue
            if head is None:
                head = []
            while len(cols) < len(row):
                cols.append([None] * len(lines))
            for i, col in enumerate(cols):
                col.append(row[i] if i < len(row) else None)
            lines.append(n)
            if limit is not None and len(lines) >= limit:
                break
    finally:
        wb.close()
    if head is None:
        raise FileProblem("empty_sheet", sheet=ws.title)
    if not lines:
        raise FileProblem("header_only")
    if any(v is None for col in cols for v in col):
        _check_formula_results(path, ws.title, lines[-1])
    width = max(len(cols), len(head))
    while len(cols) < width:
        cols.append([None] * len(lines))
    headers = unique_headers(head, width) if header else [f"column_{i + 1}" for i in range(width)]
    arrays, types = [], []
    for col in cols:
        present = [v for v in col if v is not None and _cell_text(v) is not None]
        if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
            arrays.append(pa.array([float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
                                    for v in col], pa.float64()))
            types.append("DOUBLE")
        elif present and all(isinstance(v, (datetime, date)) for v in present):
            arrays.append(pa.array([v if isinstance(v, datetime) else datetime.combine(v, time(0)) if isinstance(v, date)
                                    else None for v in col], pa.timestamp("us")))
            types.append("TIMESTAMP")
        else:
            arrays.append(pa.array([_cell_text(v) for v in col], pa.string()))
            types.append("VARCHAR")
    arrays.append(pa.array(lines, pa.int64()))
    table = pa.Table.from_arrays(arrays, names=[f"c{i + 1}" for i in range(width)] + ["_line"])
    rows = [[_cell_text(c[j]) for c in cols] for j in range(min(len(lines), SAMPLE_ROWS))]
    return Sample(headers, rows, types), table


# --- Parquet ---------------------------------------------------------------------------------------

def parquet_sample(con, path: str | Path, limit: int = SAMPLE_ROWS) -> Sample:
    """Column names, DuckDB types and first rows (as text) of a Parquet file."""
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet($path)", {"path": str(path)}).fetchall()
        rows = con.execute("SELECT * FROM read_parquet($path) LIMIT $n", {"path": str(path), "n": limit}).fetchall()
    except Exception:
        raise FileProblem("bad_parquet") from None
    if not rows:
        raise FileProblem("header_only")
    headers = unique_headers([d[0] for d in described], len(described))
    return Sample(headers, [[_cell_text(v) for v in r] for r in rows], [d[1] for d in described])
