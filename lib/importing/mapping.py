"""From a file to a :class:`Part` ready to import: which input table it is and which of its
columns feeds which contract column (guessed from English and German headers and the file name,
overridable), how it is read (encoding, dialect, header, sheet, number and date formats: detected
by :mod:`lib.importing.formats`, overridable), the preview of its first rows exactly as they would
be stored, and the FROM clause that reads it in DuckDB.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lib.i18n import t
from lib.importing import checks, contract, formats
from lib.importing.contract import TABLES
from lib.importing.formats import FileProblem, Settings
from lib.importing.problems import DUCK_CODES, ImportProblem

#: Words in a file name that hint at its table (normalised, see :func:`contract.normalise`).
NAME_HINTS = {
    "transactions": ("transaction", "transaktion", "umsatz", "umsaetze", "sales", "orders", "auftraege",
                     "bestellung", "verkauf", "belege", "buchungen"),
    "customers": ("customer", "kunden", "kundenstamm", "stammdaten", "clients", "accounts"),
    "events": ("event", "ereignis", "kontakt", "contact", "interaktion", "interaction", "aktivitaet"),
    "invoices": ("invoice", "rechnung", "offeneposten", "debitorenbuchhaltung", "faktur"),
    "churn": ("churn", "kuendigung", "abwanderung", "verlust", "cancellation"),
    "winback": ("winback", "rueckgewinnung", "wiedergewinnung", "reactivation", "reaktivierung"),
    "surveys": ("survey", "umfrage", "befragung", "zufriedenheit", "nps", "feedback"),
}


@dataclass
class Part:
    """One file (or one XLSX sheet) prepared for import as ``table``.

    ``name`` is what the person called the file (shown, never used as a path); ``path`` is
    where the bytes are (for CSV: the UTF-8 version). ``mapping`` maps contract columns to
    source column indexes.
    """

    name: str
    path: Path
    kind: str
    settings: Settings
    sample: formats.Sample
    table: str | None
    mapping: dict[str, int]
    detected: Settings
    notice: str | None = None
    sheets: tuple[str, ...] = ()
    table_guessed: bool = True
    arrow: object = None  # the full XLSX sheet, read when importing

    @property
    def label(self) -> str:
        """The file name, with the sheet for a workbook."""
        return f"{self.name} [{self.settings.sheet}]" if self.kind == "xlsx" and self.settings.sheet else self.name

    @property
    def headers(self) -> list[str]:
        return self.sample.headers

    def missing_required(self) -> list[str]:
        """Required contract columns the mapping leaves out."""
        if self.table is None:
            return []
        return [c.name for c in TABLES[self.table] if c.required and not c.default and c.name not in self.mapping]

    def source(self) -> checks.Source:
        return checks.Source(list(self.sample.types), dict(self.mapping), self.settings.decimal,
                                 self.settings.thousands, self.settings.date_format)


def guess_table(headers: list[str], name: str = "") -> str:
    """The input table a file most likely is, from its headers (and its file name as a hint).

    Examples
    --------
    >>> guess_table(["Kundennummer", "Belegdatum", "Umsatz"])
    'transactions'
    >>> guess_table(["Kunde", "Datum", "Grund", "Art"])
    'churn'
    >>> guess_table(["Debitor", "Rechnungsdatum", "Fälligkeit", "Betrag", "Bezahlt am"])
    'invoices'
    """
    norm_name = contract.normalise(Path(name).stem) if name else ""
    mappings = {table: guess_mapping(table, headers) for table in TABLES}
    # a header only one table knows (Grund, Fälligkeit, NPS ...) says more than a shared one
    owners = [{tb for tb, m in mappings.items() if i in m.values()} for i in range(len(headers))]
    best, best_score = "transactions", float("-inf")
    for table in TABLES:
        mapping = mappings[table]
        score = 0.0
        for col in TABLES[table]:
            if col.name in mapping:
                score += 3 if col.required else 1
                score += 2 if owners[mapping[col.name]] == {table} else 0
            elif col.required and not col.default:
                score -= 4
        score -= 0.1 * (len(headers) - len(mapping))
        if norm_name and any(h in norm_name for h in NAME_HINTS[table]):
            score += 2.5
        if score > best_score:
            best, best_score = table, score
    return best


def guess_mapping(table: str, headers: list[str]) -> dict[str, int]:
    """Which header feeds each contract column of ``table``: exact names (English, German, the
    contract's own) first, then headers containing a known name; each header is used once.

    Examples
    --------
    >>> guess_mapping("transactions", ["Kunden-Nr.", "Rechnungsdatum", "Netto", "Beleg-Nr."])
    {'customer_id': 0, 'date': 1, 'amount': 2, 'order_id': 3}
    """
    candidates = []
    cols = TABLES[table]
    for ci, col in enumerate(cols):
        for hi, header in enumerate(headers):
            score = contract.header_score(table, col, header)
            if score:
                candidates.append((-score, 0 if col.required else 1, ci, hi))
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _, _, ci, hi in sorted(candidates):
        name = cols[ci].name
        if name not in mapping and hi not in used:
            mapping[name] = hi
            used.add(hi)
    return {c.name: mapping[c.name] for c in cols if c.name in mapping}


def apply_map(table: str, headers: list[str], overrides: dict[str, str | None]) -> dict[str, int]:
    """The guessed mapping with ``overrides`` (contract column -> header, None = not imported).

    Raises :class:`ImportProblem` ``unknown_header`` naming the headers that exist.
    """
    mapping = guess_mapping(table, headers)
    for col, header in overrides.items():
        contract.column(table, col)  # KeyError for an unknown column: the caller's usage error
        if header is None:
            mapping.pop(col, None)
            continue
        idx = _header_index(headers, header)
        if idx is None:
            raise ImportProblem("unknown_header", header=header, headers=", ".join(headers))
        for other, i in list(mapping.items()):
            if i == idx and other != col:
                del mapping[other]
        mapping[col] = idx
    return {c.name: mapping[c.name] for c in TABLES[table] if c.name in mapping}


def _header_index(headers: list[str], header: str) -> int | None:
    if header in headers:
        return headers.index(header)
    folded = [h.casefold().strip() for h in headers]
    if header.casefold().strip() in folded:
        return folded.index(header.casefold().strip())
    norm = [contract.normalise(h) for h in headers]
    return norm.index(contract.normalise(header)) if contract.normalise(header) in norm else None


def _value_formats(sample: formats.Sample, table: str | None, mapping: dict[str, int], delimiter: str,
                   kind: str) -> tuple[str, str, str]:
    numeric, dates = [], []
    cols = TABLES[table] if table else ()
    for col in cols:
        i = mapping.get(col.name)
        if i is None or sample.types[i] != "VARCHAR":
            continue
        if col.kind in ("decimal", "int"):
            numeric += sample.column(i)
        elif col.kind == "date":
            dates += sample.column(i)
    if not cols:  # no table yet: look at everything
        for i in range(len(sample.headers)):
            values = sample.column(i)
            (dates if formats.date_format_of(values[:20]) else numeric).extend(values)
    decimal, thousands = formats.number_format(numeric, delimiter if kind == "csv" else ",")
    return decimal, thousands, formats.date_format_of(dates) or "iso"


def open_part(path: str | Path, name: str, workdir: str | Path, *, table: str | None = None,
              settings: dict | None = None, mapping: dict[str, str | None] | None = None) -> Part:
    """Look at a file and prepare it for import: kind, encoding, dialect, header, table,
    mapping and value formats, each detected unless given.

    ``settings`` overrides fields of :class:`formats.Settings` (e.g. ``{"delimiter": ";"}``);
    ``mapping`` overrides contract column -> header. Raises :class:`formats.FileProblem` for
    a file that cannot be read as a table (with ``file`` filled in).
    """
    given = dict(settings or {})
    try:
        return _open_part(Path(path), name, Path(workdir), table, given, mapping or {})
    except FileProblem as exc:
        exc.params.setdefault("file", name)
        exc.params["file"] = exc.params["file"] or name
        raise


def _open_part(path: Path, name: str, workdir: Path, table: str | None, given: dict,
               mapping: dict[str, str | None]) -> Part:
    p = formats.probe(path, name)
    read_path, arrow = path, None
    if p.kind == "csv":
        encoding = given.get("encoding") or p.encoding
        read_path = formats.to_utf8(path, encoding, workdir)
        text, more = formats.read_text_head(read_path, "utf-8")
        delimiter = formats.detect_delimiter(text, more)
        base = Settings(encoding=encoding, delimiter=given.get("delimiter") or delimiter)
        sample = formats.csv_sample(read_path, base.with_(header=True))
        header = True
        if sample.rows and not formats.looks_like_header(sample.headers, sample.rows):
            header = False
        if given.get("header") is not None:
            header = bool(given["header"])
        if not header:
            sample = formats.csv_sample(read_path, base.with_(header=False))
        detected = base.with_(header=header, delimiter=delimiter, encoding=p.encoding)
        base = base.with_(header=header)
    elif p.kind == "xlsx":
        sheet = given.get("sheet")
        header = given.get("header") if given.get("header") is not None else True
        if sheet is None:
            sheet = _best_sheet(path, p.sheets, table, header, name)
        sample, _ = formats.read_xlsx(path, sheet, header, limit=formats.SAMPLE_ROWS)
        base = Settings(encoding="utf-8", delimiter=",", header=header, sheet=sheet)
        detected = base.with_(header=True, sheet=_best_sheet(path, p.sheets, table, True, name)
                              if given.get("sheet") else sheet)
    else:
        con = duckdb.connect()
        try:
            sample = formats.parquet_sample(con, path)
        finally:
            con.close()
        base = detected = Settings()
    guessed = table is None
    table = table or guess_table(sample.headers, name)
    cols = apply_map(table, sample.headers, mapping)
    decimal, thousands, date_format = _value_formats(sample, table, cols, base.delimiter, p.kind)
    detected = detected.with_(decimal=decimal, thousands=thousands, date_format=date_format)
    effective = base.with_(decimal=given.get("decimal") or decimal,
                           thousands=given["thousands"] if given.get("thousands") is not None else thousands,
                           date_format=given.get("date_format") or date_format)
    return Part(name, read_path, p.kind, effective, sample, table, cols, detected, p.notice, p.sheets, guessed, arrow)


def _best_sheet(path: Path, sheets: tuple[str, ...], table: str | None, header: bool, name: str) -> str:
    """The sheet whose headers fit ``table`` best (or fit any table best), else the first."""
    best, best_score = sheets[0], float("-inf")
    for sheet in sheets:
        try:
            sample, _ = formats.read_xlsx(path, sheet, header, limit=5)
        except FileProblem:
            continue
        target = table or guess_table(sample.headers, name)
        mapping = guess_mapping(target, sample.headers)
        score = sum(3 if c.required else 1 for c in TABLES[target] if c.name in mapping)
        score -= sum(4 for c in TABLES[target] if c.required and not c.default and c.name not in mapping)
        if score > best_score:
            best, best_score = sheet, score
    return best


def preview(part: Part, rows: int = 10, lang: str = "en") -> pd.DataFrame:
    """The first ``rows`` rows of ``part`` exactly as they would be stored (same SQL as the
    import), with a ``problems`` column saying what is wrong with a row (empty when fine)."""
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        src = part.source()
        if part.kind == "xlsx":
            arrow = part.arrow
            if arrow is None:
                _, arrow = formats.read_xlsx(part.path, part.settings.sheet, part.settings.header, limit=rows)
            con.register("head", arrow.slice(0, rows))
            from_sql = "head"
        else:
            from_sql = source_sql(con, part, 0, src, ("preview_rejects", "preview_scans"))
        head = f"(SELECT row_number() OVER () - 1 AS k, * FROM (SELECT * FROM {from_sql} LIMIT {int(rows)}))"
        params = {k: v for k, v in src.params.items() if k.endswith("_0")}
        fresh = part.source()
        sql = checks.typed_select(part.table, fresh, head, "k")
        cols = TABLES[part.table]
        values = ", ".join(f'v_{c.name} AS "{c.name}"' for c in cols)
        codes = ", ".join(f"e_{c.name}" for c in cols)
        frame = con.execute(f"SELECT {values}, {codes} FROM ({sql}) ORDER BY k", {**params, **fresh.params}).df()
        skipped = []
        if part.kind == "csv":  # lines the reader could not split into the header's columns
            found = con.execute("SELECT line, first(error_type) FROM preview_rejects GROUP BY line ORDER BY line").fetchall()
            skipped = [(line, code) for i, (line, code) in enumerate(found) if line <= rows + 2 + i]
    except duckdb.Error as exc:
        raise ImportProblem("unreadable", file=part.label, error=str(exc).splitlines()[0][:300]) from None
    finally:
        con.close()
    reasons = []
    for _, row in frame.iterrows():
        found = [c.name + ": " + t("data.problem." + row["e_" + c.name], lang, **_preview_detail(part, c))
                 for c in cols if isinstance(row["e_" + c.name], str)]
        reasons.append(" | ".join(found))
    out = frame[[c.name for c in cols if c.name in part.mapping or c.default]].copy()
    for c in cols:
        if c.kind == "date" and c.name in out:  # a DATE, not a timestamp at midnight
            out[c.name] = [d.date() if isinstance(d, pd.Timestamp) else None for d in out[c.name]]
    out["problems"] = reasons
    if skipped:
        lines = pd.DataFrame({"problems": [
            t("data.report.where", lang, file=part.label, line=line) + ": " + t(
                f"data.problem.{DUCK_CODES.get(code, 'structure')}", lang, error=code) for line, code in skipped]})
        out = pd.concat([out, lines], ignore_index=True)
    return out


def _preview_detail(part: Part, col: contract.Column) -> dict:
    return {"format": formats.DATE_LABELS[part.settings.date_format],
            "example": "1.234,56" if part.settings.decimal == "," else "1234.56",
            "range": f"{col.lo}–{col.hi}" if col.kind == "int" and col.hi is not None and col.hi < 1000 else "±10^16",
            "allowed": ", ".join(col.values), "first": "?", "error": ""}


def source_sql(con, part: Part, i: int, src: checks.Source, rejects: tuple[str, str] | None = None) -> str:
    """The FROM clause reading ``part`` as columns ``c1 .. cN`` (values are bound parameters);
    text columns the source types as ``DATE`` (the fast path's typed dates) are parsed by the reader."""
    if part.kind == "csv":
        src.params[f"path_{i}"] = str(part.path)
        src.params[f"delim_{i}"] = part.settings.delimiter
        src.params[f"header_{i}"] = part.settings.header
        src.params[f"columns_{i}"] = {f"c{j + 1}": "DATE" if src.types[j] == "DATE" else "VARCHAR"
                                      for j in range(len(part.headers))}
        extra = ""
        if "DATE" in src.types:
            src.params[f"datefmt_{i}"] = formats.DATE_FORMATS[part.settings.date_format]
            extra = f", dateformat = $datefmt_{i}"
        if rejects:
            src.params[f"rt_{i}"], src.params[f"rs_{i}"] = rejects
            extra += f", store_rejects = true, rejects_table = $rt_{i}, rejects_scan = $rs_{i}, rejects_limit = 0"
        return (f"read_csv($path_{i}, header = $header_{i}, auto_detect = false, delim = $delim_{i}, quote = '\"', "
                f"escape = '\"', columns = $columns_{i}, encoding = 'utf-8'{extra})")
    if part.kind == "parquet":
        src.params[f"path_{i}"] = str(part.path)
        names = ", ".join(f"c{j + 1}" for j in range(len(part.headers)))
        return f"(SELECT * FROM read_parquet($path_{i})) AS src_{i}({names})"
    view = f"imp_x_{uuid.uuid4().hex[:12]}"
    con.register(view, part.arrow)
    return view
