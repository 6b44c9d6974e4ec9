"""Importing analysts' exports into a dataset, atomically and without loss.

Owns the import from files to a stored dataset: which input table a file is and which of its
columns feeds which contract column (guessed from English and German headers, overridable),
the validation report (file, line, column, value and what is wrong; the first 50 problems and
the total), strict mode and ``skip_bad_rows``, the atomic write, and the dataset chores of the
data page (list, rename, delete, templates, the admin password check).

How an import runs (:func:`run_import`)
    1. *Fast path*: inside one transaction every file is converted and written in a single pass
       of DuckDB's CSV/Parquet reader; the first bad cell raises (DuckDB's ``error()``), so a
       clean file costs little more than reading it. Duplicate ids and unknown customers are
       checked on the written rows. Clean: :func:`lib.db.swap_in`, COMMIT, CHECKPOINT.
       With ``exclusive`` (the CLI: no other user in the process) the rows may be stored in
       any order (DuckDB's ``preserve_insertion_order = false``): DuckDB then writes them to
       the file in parallel while reading, and the checkpoint has next to nothing left to do.
    2. *Diagnosis* (only when the fast path found anything): the transaction is rolled back,
       every file is staged as text in a temporary table, every check runs as SQL over whole
       columns, and the problems get their line numbers. Strict (the default): nothing is
       written. ``skip_bad_rows``: the valid rows are written in one transaction and the
       rejected rows come back with a reason.

A crash (even ``kill -9``) before COMMIT leaves the previous dataset untouched: DuckDB discards
an uncommitted transaction when it opens the file again.

The derived tables the pages read (:func:`lib.derived.build`) are not part of the import:
with ``prepare`` (the data page) they are built right after the checkpoint, otherwise (the CLI
without ``--prepare``) when the dataset is first opened (:func:`lib.derived.ensure`). Either
way they appear in one transaction of their own, and a crash while building them loses nothing.

Line numbers: the header is line 1 and every record is one line, as a spreadsheet program
shows the file (a quoted value with a line break inside counts once); XLSX rows are the
worksheet's row numbers; Parquet rows are counted from 1.
"""
from __future__ import annotations

import contextlib
import csv
import hmac
import resource
import shutil
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from lib import db, derived, formats, validation
from lib.formats import FileProblem, Settings
from lib.i18n import t
from lib.queries import load
from lib.validation import TABLES

#: At most this many problems are listed (the total is always counted).
MAX_PROBLEMS = 50
#: Input tables whose customer ids must appear in transactions or customers.
REFERENCING = ("events", "invoices", "churn", "winback", "surveys")
#: Words in a file name that hint at its table (normalised, see :func:`validation.normalise`).
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


# --- files, tables and mappings ------------------------------------------------------------------------

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

    def source(self) -> validation.Source:
        return validation.Source(list(self.sample.types), dict(self.mapping), self.settings.decimal,
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
    norm_name = validation.normalise(Path(name).stem) if name else ""
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
            score = validation.header_score(table, col, header)
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
        validation.column(table, col)  # KeyError for an unknown column: the caller's usage error
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
    norm = [validation.normalise(h) for h in headers]
    return norm.index(validation.normalise(header)) if validation.normalise(header) in norm else None


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
            source_sql = "head"
        else:
            source_sql = _source_sql(con, part, 0, src, ("preview_rejects", "preview_scans"))
        head = f"(SELECT row_number() OVER () - 1 AS k, * FROM (SELECT * FROM {source_sql} LIMIT {int(rows)}))"
        params = {k: v for k, v in src.params.items() if k.endswith("_0")}
        fresh = part.source()
        sql = validation.typed_select(part.table, fresh, head, "k")
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
                f"data.problem.{_DUCK_CODES.get(code, 'structure')}", lang, error=code) for line, code in skipped]})
        out = pd.concat([out, lines], ignore_index=True)
    return out


def _preview_detail(part: Part, col: validation.Column) -> dict:
    return {"format": formats.DATE_LABELS[part.settings.date_format],
            "example": "1.234,56" if part.settings.decimal == "," else "1234.56",
            "range": f"{col.lo}–{col.hi}" if col.kind == "int" and col.hi is not None and col.hi < 1000 else "±10^16",
            "allowed": ", ".join(col.values), "first": "?", "error": ""}


# --- problems and outcomes -----------------------------------------------------------------------------

class ImportProblem(Exception):
    """A problem with the import as a whole (not with a cell); ``code`` names the sentence
    ``data.error.<code>``."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "en") -> str:
        return t(f"data.error.{self.code}", lang, **self.params)


@dataclass(frozen=True)
class Problem:
    """One problem of one cell or row: where it is and what is wrong (``code`` names the
    sentence ``data.problem.<code>``; ``detail`` fills it in)."""

    file: str
    table: str
    line: int | None
    column: str | None
    header: str | None
    value: str | None
    code: str
    detail: tuple[tuple[str, str], ...] = ()

    def reason(self, lang: str = "en") -> str:
        return t(f"data.problem.{self.code}", lang, **dict(self.detail))

    def message(self, lang: str = "en") -> str:
        """One line: where, which value, what is wrong."""
        where = t("data.report.where", lang, file=self.file, line=self.line if self.line is not None else "?")
        if self.column:
            col = f"{self.table}.{self.column}" + (f" ({self.header})" if self.header and self.header != self.column else "")
            where += ", " + col
        value = f" “{_short(self.value)}”" if self.value not in (None, "") else ""
        return f"{where}:{value} {self.reason(lang)}"

    def as_row(self, lang: str = "en") -> dict:
        return {"file": self.file, "line": self.line, "column": self.header or self.column or "",
                "value": self.value, "problem": self.reason(lang)}


def _short(value: str | None, limit: int = 60) -> str:
    text = (value or "").replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Outcome:
    """What an import did. ``ok`` False: nothing was written (see ``problems``/``error``)."""

    ok: bool
    dataset: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    rejected_rows: int = 0
    rejected: pd.DataFrame | None = None
    error: ImportProblem | None = None
    notices: list[tuple[str, dict]] = field(default_factory=list)
    seconds: float = 0.0
    path: str = ""        # "fast" or "diagnosed"
    checkpointed: bool = False
    prepared: bool = False  # the pages' derived tables were built too (``prepare``)
    dataset_id: int | None = None
    phases: dict[str, float] = field(default_factory=dict)  # seconds per stage (prepare, write, check, save, derive)

    def report(self, lang: str = "en") -> str:
        """The validation report as text (the CLI prints it)."""
        lines = []
        if self.error is not None:
            lines.append(self.error.message(lang))
        if self.problems:
            lines.append(t("data.report.head.one", lang) if self.total_problems == 1 else
                         t("data.report.head", lang, shown=min(len(self.problems), MAX_PROBLEMS),
                           total=f"{self.total_problems:,}"))
            lines += ["  " + p.message(lang) for p in self.problems]
        return "\n".join(lines)


class Progress:
    """Where a running import is, for a progress bar: ``stage`` (``data.stage.<stage>``),
    ``step`` of ``steps``, the file, and DuckDB's progress of the running statement."""

    def __init__(self) -> None:
        self.stage, self.file, self.step, self.steps = "prepare", "", 0, 1
        self.con: duckdb.DuckDBPyConnection | None = None
        self.seconds: dict[str, float] = defaultdict(float)  # time spent per stage
        self._since = time.perf_counter()

    def set(self, stage: str, file: str = "", step: int | None = None) -> None:
        now = time.perf_counter()
        self.seconds[self.stage] += now - self._since
        self._since = now
        self.stage, self.file = stage, file
        if step is not None:
            self.step = step

    def fraction(self) -> float:
        inner = 0.0
        if self.con is not None:
            try:
                p = self.con.query_progress()
                inner = max(0.0, min(p, 100.0)) / 100 if p is not None else 0.0
            except Exception:  # no statement running
                inner = 0.0
        return max(0.0, min(1.0, (self.step + inner) / max(self.steps, 1)))


# --- the import ----------------------------------------------------------------------------------------

@dataclass
class Plan:
    """What to import: ``parts`` (several may feed one table; they are appended) into dataset
    ``dataset``. ``mode``: ``any`` creates or replaces, ``new`` refuses an existing name,
    ``replace`` refuses a missing one."""

    dataset: str
    parts: list[Part]
    skip_bad_rows: bool = False
    mode: str = "any"


def source_text(parts: list[Part]) -> str:
    """What the catalogue stores as the dataset's source: table -> file names."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for part in parts:
        by_table[part.table].append(part.label)
    return "; ".join(f"{table}: {', '.join(names)}" for table, names in by_table.items())


def check_plan(plan: Plan) -> None:
    """Refuse a plan that cannot work before touching the database."""
    if not db.valid_name(plan.dataset):
        raise ImportProblem("bad_name", name=plan.dataset)
    if not any(p.table == "transactions" for p in plan.parts):
        raise ImportProblem("no_transactions")
    for part in plan.parts:
        if part.table not in TABLES:
            raise ImportProblem("no_table", file=part.label)
        missing = part.missing_required()
        if missing:
            raise ImportProblem("missing_column", file=part.label, table=part.table,
                                columns=", ".join(missing), headers=", ".join(part.headers))


def run_import(con: duckdb.DuckDBPyConnection, plan: Plan, workdir: str | Path,
               progress: Progress | None = None, lang: str = "en", *, prepare: bool = True,
               exclusive: bool = False) -> Outcome:
    """Import ``plan`` into the database of ``con`` (see the module docstring).

    Never raises for bad data or a refused import: the :class:`Outcome` says what happened.
    ``lang`` is the language of the reasons in the rejected rows. ``prepare``: build the pages'
    derived tables right after the import. ``exclusive``: nobody else uses this process's
    database (the CLI), so the fast path may store rows in any order.
    """
    t0 = time.perf_counter()
    progress = progress or Progress()
    progress.con = con
    progress.steps = len(plan.parts) + 2 + prepare
    out = Outcome(False, plan.dataset, notices=[(p.notice, {"file": p.name}) for p in plan.parts if p.notice])
    temps: list[str] = []
    try:
        check_plan(plan)
        _track_progress(con, True)
        _load_sheets(plan.parts)
        _check_target(con, plan)
        with _any_order(con, exclusive):
            fast = _fast(con, plan, out, progress)
        if fast:
            out.path = "fast"
        else:
            out.path = "diagnosed"
            _diagnose(con, plan, out, progress, workdir, temps, lang)
        if out.ok:
            out.checkpointed = _checkpoint(con, progress)
            if prepare:
                out.prepared = _prepare(con, out, progress)
    except ImportProblem as exc:
        out.ok, out.error = False, exc
    except FileProblem as exc:
        out.ok, out.error = False, ImportProblem("file", message=t(f"data.file.{exc.code}", lang, **_file_params(exc)))
    except duckdb.Error as exc:  # the disk is full, memory ran out ...: nothing was written
        _rollback(con)
        out.ok, out.error = False, ImportProblem("failed", error=str(exc).splitlines()[0][:300])
    finally:
        for name in temps:
            try:
                con.execute(f"DROP TABLE IF EXISTS {name}")  # our own generated names
            except duckdb.Error:
                pass
        _track_progress(con, False)
        progress.con = None
    progress.set("done")
    out.seconds = time.perf_counter() - t0
    out.phases = {k: round(v, 3) for k, v in progress.seconds.items()}
    return out


def _file_params(exc: FileProblem) -> dict:
    params = dict(exc.params)
    params.setdefault("file", "")
    return params


def _track_progress(con, on: bool) -> None:
    try:
        con.execute(f"SET enable_progress_bar = {'true' if on else 'false'}")
        if on:
            con.execute("SET enable_progress_bar_print = false")
    except duckdb.Error:
        pass


def _load_sheets(parts: list[Part]) -> None:
    for part in parts:
        if part.kind == "xlsx" and part.arrow is None:
            _, part.arrow = formats.read_xlsx(part.path, part.settings.sheet, part.settings.header)


def _check_target(con, plan: Plan) -> None:
    exists = db.scalar(con, "SELECT count(*) FROM datasets WHERE name = ?", [plan.dataset])
    if plan.mode == "new" and exists:
        raise ImportProblem("exists", name=plan.dataset)
    if plan.mode == "replace" and not exists:
        raise ImportProblem("not_exists", name=plan.dataset)


def _source_sql(con, part: Part, i: int, src: validation.Source, rejects: tuple[str, str] | None = None) -> str:
    """The FROM clause reading ``part`` as columns ``c1 .. cN`` (values are bound parameters);
    text columns the source types as ``DATE`` (:func:`_typed_dates`) are parsed by the reader."""
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


def _fast(con, plan: Plan, out: Outcome, progress: Progress) -> bool:
    """Write everything in one pass per file; False (and nothing written) at the first problem."""
    con.execute("BEGIN TRANSACTION")
    try:
        ds = db.new_dataset_id(con)
        counts: dict[str, int] = defaultdict(int)
        for i, part in enumerate(plan.parts):
            progress.set("write", part.label, i)
            src = part.source()
            for j in _typed_dates(part):
                src.types[j] = "DATE"
            source_sql = _source_sql(con, part, i, src)
            sql = (f"INSERT INTO {part.table} (dataset_id, {validation.insert_columns(part.table)}) "
                   f"SELECT $ds, * FROM ({validation.fast_select(part.table, src, source_sql)})")
            counts[part.table] += int(con.execute(sql, {**src.params, "ds": ds}).fetchall()[0][0])
        progress.set("check", "", len(plan.parts))
        tables = {p.table for p in plan.parts}
        if _fast_set_problems(con, ds, tables):
            con.execute("ROLLBACK")
            return False
        if counts["transactions"] == 0:
            con.execute("ROLLBACK")
            raise ImportProblem("no_valid_rows")
        _swap(con, plan, ds)
        out.ok, out.counts, out.dataset_id = True, dict(counts), ds
        return True
    except ImportProblem:
        raise
    except duckdb.TransactionException as exc:
        _rollback(con)
        raise ImportProblem("conflict", name=plan.dataset) from exc
    except duckdb.ConstraintException as exc:
        _rollback(con)
        raise ImportProblem("conflict", name=plan.dataset) from exc
    except duckdb.Error:
        # a bad cell (our error()), a ragged row, an invalid byte ...: the diagnosis says which
        _rollback(con)
        return False
    except BaseException:
        _rollback(con)
        raise


@contextlib.contextmanager
def _any_order(con, on: bool):
    """Let DuckDB store the rows written inside in any order (a database-wide setting: only
    for a caller that is alone in its process, see ``exclusive``; the diagnosis needs the
    file's order for its line numbers and runs outside)."""
    if not on:
        yield
        return
    con.execute("SET preserve_insertion_order = false")
    try:
        yield
    finally:
        _rollback(con)  # nothing to roll back unless the block failed half-way
        con.execute("RESET preserve_insertion_order")


def _typed_dates(part: Part) -> list[int]:
    """Date columns of a text file whose sampled cells all have the detected date format and no
    time: the fast path lets DuckDB's CSV reader parse those itself, which is quicker than
    reading text and converting it. The value is the same either way; a later cell the reader
    cannot parse (a time, another format) fails the fast path, and the diagnosis, which reads
    text, converts it as usual. Two-digit years need the century rule, so they stay text."""
    if part.kind != "csv" or part.table not in TABLES or part.settings.date_format not in formats.DATE_FORMATS \
            or part.settings.date_format == "dmy2":
        return []
    fmt = formats.DATE_FORMATS[part.settings.date_format]
    out = []
    for col in TABLES[part.table]:
        i = part.mapping.get(col.name)
        if col.kind != "date" or i is None:
            continue
        values = part.sample.column(i)
        try:
            if values and all(datetime.strptime(v, fmt) for v in values):
                out.append(i)
        except ValueError:
            pass
    return out


def _rollback(con) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def _fast_set_problems(con, ds: int, tables: set[str]) -> bool:
    """Whether the rows written under ``ds`` may hold a duplicate id or an unknown customer.

    Ids are compared by their 64-bit hash, which is quicker than comparing the texts: equal ids
    always have equal hashes, so no duplicate is missed, and the rare false alarm only sends the
    import to the diagnosis, which compares the ids themselves."""
    for table in tables:
        for col in TABLES[table]:
            if col.unique:
                n = db.scalar(con, load("import_duplicates_count").replace("{table}", table).replace("{column}", col.name),
                              {"ds": ds})
                if n:
                    return True
    for table in tables & set(REFERENCING):
        n = db.scalar(con, load("import_unknown_count").replace("{table}", table), {"ds": ds})
        if n:
            return True
    return False


def _swap(con, plan: Plan, ds: int) -> None:
    """Register the written rows as the dataset (replacing the old one) and COMMIT."""
    _check_target(con, plan)
    db.swap_in(con, plan.dataset, ds, source_text(plan.parts), "import")
    con.execute("COMMIT")


def _checkpoint(con, progress: Progress) -> bool:
    progress.set("save", "", progress.step + 1)
    try:
        con.execute("CHECKPOINT")
        return True
    except duckdb.Error:
        # another connection of this process is inside a transaction; DuckDB checkpoints the
        # committed data on its own later, and it is safe in the write-ahead log meanwhile
        return False


def _prepare(con, out: Outcome, progress: Progress) -> bool:
    """Build the pages' derived tables of the imported dataset; the import stands either way
    (the pages build them on first use when this fails, e.g. for lack of memory)."""
    progress.set("derive", "", progress.step + 1)
    try:
        derived.ensure(con, out.dataset_id)
        return True
    except duckdb.Error:
        out.notices.append(("not_prepared", {"file": ""}))
        return False


# --- the diagnosis -------------------------------------------------------------------------------------

@dataclass
class _Staged:
    part: Part
    index: int
    stage: str
    typed: str
    rejects: str | None = None
    scans: str | None = None


def _diagnose(con, plan: Plan, out: Outcome, progress: Progress, workdir, temps: list[str], lang: str) -> None:
    uid = uuid.uuid4().hex[:10]
    staged: list[_Staged] = []
    for i, part in enumerate(plan.parts):
        progress.set("check", part.label, i)
        staged.append(_stage(con, part, i, uid, temps))
    problems = f"imp_p_{uid}"
    temps.append(problems)
    con.execute(f"CREATE TEMP TABLE {problems} (p INTEGER, k BIGINT, line BIGINT, col VARCHAR, code VARCHAR, "
                f"value VARCHAR, detail VARCHAR, ref_p INTEGER, ref_k BIGINT)")
    for s in staged:
        con.execute(f"INSERT INTO {problems} SELECT {s.index}, k, NULL, col, code, value, NULL, NULL, NULL "
                    f"FROM ({validation.problems_select(s.part.table, s.typed)})")
        if s.rejects:
            # one problem per rejected line (DuckDB may report each missing column)
            con.execute(
                f"INSERT INTO {problems} SELECT {s.index}, NULL, line, NULL, first(error_type), first(csv_line), "
                f"first(error_message), NULL, NULL FROM {s.rejects} GROUP BY line")
    _duplicates(con, staged, problems)
    _unknown_customers(con, staged, problems)
    total = int(db.scalar(con, f"SELECT count(*) FROM {problems}"))
    bad_rows = int(db.scalar(con, f"SELECT count(*) FROM (SELECT DISTINCT p, coalesce(k, -line) FROM {problems})"))
    out.total_problems = total
    lines = _line_numbers(con, staged, problems, all_rows=plan.skip_bad_rows and total > 0)
    out.problems = _first_problems(con, staged, problems, lines)
    if total and not plan.skip_bad_rows:
        out.ok = False
        return
    if total:
        out.rejected_rows = bad_rows
        out.rejected = _rejected_frame(con, staged, problems, lines, lang)
    progress.set("write", "", len(plan.parts))
    con.execute("BEGIN TRANSACTION")
    try:
        ds = db.new_dataset_id(con)
        counts: dict[str, int] = defaultdict(int)
        for s in staged:
            progress.set("write", s.part.label)
            values = ", ".join(f"v_{c.name}" for c in TABLES[s.part.table])
            n = con.execute(
                f"INSERT INTO {s.part.table} (dataset_id, {validation.insert_columns(s.part.table)}) "
                f"SELECT $ds, {values} FROM {s.typed} WHERE k NOT IN "
                f"(SELECT k FROM {problems} WHERE p = {s.index} AND k IS NOT NULL) ORDER BY k",
                {"ds": ds}).fetchall()[0][0]
            counts[s.part.table] += int(n)
        if counts["transactions"] == 0:
            con.execute("ROLLBACK")
            raise ImportProblem("no_valid_rows")
        _swap(con, plan, ds)
    except ImportProblem:
        raise
    except (duckdb.TransactionException, duckdb.ConstraintException) as exc:
        _rollback(con)
        raise ImportProblem("conflict", name=plan.dataset) from exc
    except BaseException:
        _rollback(con)
        raise
    out.ok, out.counts, out.dataset_id = True, dict(counts), ds


def _stage(con, part: Part, i: int, uid: str, temps: list[str]) -> _Staged:
    stage, typed = f"imp_s_{uid}_{i}", f"imp_t_{uid}_{i}"
    temps += [stage, typed]
    rejects = scans = None
    src = part.source()
    if part.kind == "csv":
        rejects, scans = f"imp_r_{uid}_{i}", f"imp_rs_{uid}_{i}"
        temps += [rejects, scans]
        source_sql = _source_sql(con, part, i, src, (rejects, scans))
    else:
        source_sql = _source_sql(con, part, i, src)
    params = {k: v for k, v in src.params.items() if k.endswith(f"_{i}")}
    try:
        con.execute(f"CREATE TEMP TABLE {stage} AS SELECT * FROM {source_sql}", params)
    except duckdb.Error as exc:
        raise ImportProblem("unreadable", file=part.label, error=str(exc).splitlines()[0][:300]) from None
    if part.kind == "csv" and rejects:
        # DuckDB creates the rejects tables only when asked; make sure both exist for the queries below
        con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {rejects} (line BIGINT, column_name VARCHAR, error_type VARCHAR, "
                    f"csv_line VARCHAR, error_message VARCHAR)")
    src = part.source()
    keep = "k, _line" if part.kind == "xlsx" else "k"
    sql = validation.typed_select(part.table, src, f"(SELECT rowid AS k, * FROM {stage})", keep)
    con.execute(f"CREATE TEMP TABLE {typed} AS {sql}", src.params)
    return _Staged(part, i, stage, typed, rejects, scans)


def _duplicates(con, staged: list[_Staged], problems: str) -> None:
    """Ids that must be unique within their table (over all its files): every repeat after the
    first is a problem naming the first line."""
    by_table: dict[str, list[_Staged]] = defaultdict(list)
    for s in staged:
        by_table[s.part.table].append(s)
    for table, group in by_table.items():
        for col in TABLES[table]:
            if not col.unique:
                continue
            union = " UNION ALL ".join(
                f"SELECT {s.index} AS p, k, v_{col.name} AS v FROM {s.typed} WHERE v_{col.name} IS NOT NULL "
                f"AND k NOT IN (SELECT k FROM {problems} WHERE p = {s.index} AND k IS NOT NULL)" for s in group)
            con.execute(
                f"INSERT INTO {problems} SELECT p, k, NULL, '{col.name}', 'duplicate', v, NULL, first_p, first_k FROM ("
                f"SELECT *, first_value(p) OVER w AS first_p, first_value(k) OVER w AS first_k "
                f"FROM ({union}) WINDOW w AS (PARTITION BY v ORDER BY p, k)) WHERE (p, k) <> (first_p, first_k)")


def _unknown_customers(con, staged: list[_Staged], problems: str) -> None:
    """Customer ids of the optional tables that appear in neither transactions nor customers."""
    known = [s for s in staged if s.part.table in ("transactions", "customers")]
    referencing = [s for s in staged if s.part.table in REFERENCING]
    if not referencing:
        return
    ids = " UNION ".join(
        f"SELECT v_customer_id FROM {s.typed} WHERE k NOT IN "
        f"(SELECT k FROM {problems} WHERE p = {s.index} AND k IS NOT NULL)" for s in known) or \
        "SELECT CAST(NULL AS VARCHAR) WHERE false"
    for s in referencing:
        con.execute(
            f"INSERT INTO {problems} SELECT {s.index}, k, NULL, 'customer_id', 'unknown_customer', v_customer_id, "
            f"NULL, NULL, NULL "
            f"FROM {s.typed} WHERE v_customer_id IS NOT NULL "
            f"AND k NOT IN (SELECT k FROM {problems} WHERE p = {s.index} AND k IS NOT NULL) "
            f"AND v_customer_id NOT IN ({ids})")


def _line_numbers(con, staged: list[_Staged], problems: str, all_rows: bool) -> dict[int, dict[int, int]]:
    """Line numbers of the problem rows, per part: ``{part: {k: line}}``. For CSV the file is
    read once more (by Python's csv module, only as far as needed) to count the lines DuckDB
    does not hand back; XLSX rows carry their row number; Parquet rows are numbered from 1."""
    out: dict[int, dict[int, int]] = {}
    for s in staged:
        limit = "" if all_rows else f"LIMIT {MAX_PROBLEMS}"
        ks = [r[0] for r in con.execute(
            f"SELECT DISTINCT k FROM {problems} WHERE p = {s.index} AND k IS NOT NULL ORDER BY k {limit}").fetchall()]
        # the first occurrences that repeated ids point to
        ks = sorted(set(ks) | {r[0] for r in con.execute(
            f"SELECT DISTINCT ref_k FROM {problems} WHERE ref_p = {s.index} AND ref_k IS NOT NULL").fetchall()})
        if not ks:
            out[s.index] = {}
        elif s.part.kind == "xlsx":
            rows = con.execute(f"SELECT rowid, _line FROM {s.stage} WHERE rowid IN (SELECT UNNEST($ks))",
                               {"ks": ks}).fetchall()
            out[s.index] = {int(k): int(line) for k, line in rows}
        elif s.part.kind == "parquet":
            out[s.index] = {k: k + 1 for k in ks}
        else:
            rejected = {r[0] for r in con.execute(f"SELECT DISTINCT line FROM {s.rejects}").fetchall()}
            out[s.index] = csv_lines(s.part.path, s.part.settings.delimiter, s.part.settings.header, ks, rejected)
    return out


def csv_lines(path: str | Path, delimiter: str, header: bool, ks: list[int], rejected: set[int]) -> dict[int, int]:
    """Line numbers (DuckDB's counting: header = 1, one per record, blank lines count) of the
    accepted records number ``ks`` (0-based, in file order), skipping ``rejected`` lines."""
    wanted = set(ks)
    last = max(ks)
    found: dict[int, int] = {}
    k = -1
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
        for line, record in enumerate(reader, start=1):
            if (header and line == 1) or not record or line in rejected:
                continue
            k += 1
            if k in wanted:
                found[k] = line
                if k >= last:
                    break
    return found


def _detail(code: str, part: Part, col: str | None, detail: str | None, ref: tuple, staged: list[_Staged],
            lines: dict[int, dict[int, int]]) -> tuple[tuple[str, str], ...]:
    if code == "bad_date" or code == "impossible_date":
        return (("format", formats.DATE_LABELS[part.settings.date_format]),)
    if code == "bad_number":
        example = "1.234,56" if part.settings.decimal == "," else "1234.56"
        return (("example", example),)
    if code == "out_of_range" and col:
        c = validation.column(part.table, col)
        lo, hi = (c.lo, c.hi) if c.kind == "int" and c.hi is not None and c.hi < 1000 else (None, None)
        return (("range", f"{lo}–{hi}" if lo is not None else "±10^16"),)
    if code == "bad_value" and col:
        return (("allowed", ", ".join(validation.column(part.table, col).values)),)
    if code == "duplicate" and ref[0] is not None:
        p, k = ref
        first = staged[p].part
        line = lines.get(p, {}).get(k)
        where = f"{first.label}, " if first is not part else ""
        return (("first", f"{where}{line if line is not None else '?'}"),)
    if detail is not None and code not in ("missing",):
        return (("error", detail.splitlines()[0][:200]),)
    return ()


_DUCK_CODES = {"MISSING COLUMNS": "missing_columns", "TOO MANY COLUMNS": "too_many_columns",
               "INVALID ENCODING": "bad_encoding", "INVALID UNICODE": "bad_encoding",
               "UNQUOTED VALUE": "unquoted", "LINE SIZE OVER MAXIMUM": "line_too_long", "CAST": "structure"}


def _problem(s: _Staged, row, staged, lines) -> Problem:
    _, k, line, col, code, value, detail, ref_p, ref_k = row
    part = s.part
    if k is not None:
        line = lines.get(s.index, {}).get(k)
        header = part.headers[part.mapping[col]] if col in part.mapping else None
        return Problem(part.label, part.table, line, col, header, value, code,
                       _detail(code, part, col, detail, (ref_p, ref_k), staged, lines))
    code = _DUCK_CODES.get(code, "structure")
    d = (("error", (detail or "").splitlines()[0][:200]),) if code == "structure" else ()
    return Problem(part.label, part.table, int(line) if line is not None else None, None, None, value, code, d)


def _first_problems(con, staged, problems: str, lines) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems in file order (then line, then column)."""
    found: list[tuple[int, int, int, Problem]] = []
    for s in staged:
        order = {c.name: j for j, c in enumerate(TABLES[s.part.table])}
        rows = con.execute(
            f"SELECT * FROM {problems} WHERE p = {s.index} AND k IN (SELECT DISTINCT k FROM {problems} "
            f"WHERE p = {s.index} AND k IS NOT NULL ORDER BY k LIMIT {MAX_PROBLEMS})").fetchall()
        rows += con.execute(
            f"SELECT * FROM {problems} WHERE p = {s.index} AND k IS NULL ORDER BY line LIMIT {MAX_PROBLEMS}").fetchall()
        for row in rows:
            prob = _problem(s, row, staged, lines)
            found.append((s.index, prob.line if prob.line is not None else 1 << 62, order.get(row[3], -1), prob))
    found.sort(key=lambda x: x[:3])
    return [f[3] for f in found[:MAX_PROBLEMS]]


def _rejected_frame(con, staged, problems: str, lines, lang: str) -> pd.DataFrame:
    """Every rejected row with its file, line and reasons, then its cells as in the file."""
    frames = []
    for s in staged:
        part = s.part
        names = [f"c{j + 1}" for j in range(len(part.headers))]
        rows = con.execute(
            f"SELECT s.rowid AS k, {', '.join('s.' + n for n in names)} FROM {s.stage} s "
            f"WHERE s.rowid IN (SELECT k FROM {problems} WHERE p = {s.index}) ORDER BY s.rowid").df()
        probs = con.execute(f"SELECT * FROM {problems} WHERE p = {s.index} ORDER BY coalesce(k, -1), line").fetchall()
        reasons: dict = defaultdict(list)
        structural = []
        for row in probs:
            prob = _problem(s, row, staged, lines)
            text = (f"{prob.header or prob.column}: " if prob.column else "") + prob.reason(lang)
            if row[1] is not None:
                reasons[row[1]].append(text)
            else:
                structural.append((prob.line, text, row[5]))
        frame = rows.rename(columns=dict(zip(names, part.headers)))
        frame.insert(0, "reason", [" | ".join(reasons[k]) for k in frame["k"]])
        frame.insert(0, "line", [lines.get(s.index, {}).get(k) for k in frame["k"]])
        frame.insert(0, "file", part.label)
        frame = frame.drop(columns="k")
        if structural:
            extra = []
            for line, text, raw in structural:
                cells = next(csv.reader([raw or ""], delimiter=part.settings.delimiter), [])
                rec = {"file": part.label, "line": line, "reason": text}
                rec.update({h: (cells[j] if j < len(cells) else None) for j, h in enumerate(part.headers)})
                extra.append(rec)
            frame = pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)
        frames.append(frame.astype({"line": "Int64"}))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return out.sort_values(["file", "line"], kind="stable", ignore_index=True) if len(out) else out


# --- datasets: list, rename, delete ------------------------------------------------------------------

def datasets_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per dataset: name, kind, import time, source files, rows per table, date range."""
    infos = db.datasets(con)
    rows = []
    for i in infos:
        row = {"name": i.name, "kind": i.kind, "created_at": i.created_at, "source": i.source,
               "first_date": i.first_date, "last_date": i.last_date}
        row.update({table: i.counts[table] for table in db.TABLES})
        rows.append(row)
    cols = ["name", "kind", "created_at", "source", "first_date", "last_date", *db.TABLES]
    return pd.DataFrame(rows, columns=cols)


def rename(con: duckdb.DuckDBPyConnection, old: str, new: str) -> None:
    """Rename dataset ``old`` to ``new`` (one catalogue row; the data stays)."""
    if not db.valid_name(new):
        raise ImportProblem("bad_name", name=new)
    try:
        db.rename_dataset(con, old, new)
    except db.UnknownDataset:
        raise ImportProblem("not_exists", name=old) from None
    except db.StoreError:
        raise ImportProblem("exists", name=new) from None


def delete(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Delete dataset ``name`` and all its rows (one transaction), then checkpoint."""
    try:
        db.drop_dataset(con, name)
    except db.UnknownDataset:
        raise ImportProblem("not_exists", name=name) from None
    except (duckdb.TransactionException, duckdb.ConstraintException):
        raise ImportProblem("conflict", name=name) from None


def template(table: str) -> pd.DataFrame:
    """A one-row example of ``table`` with the contract's column names (the template download)."""
    row = {}
    for col in TABLES[table]:
        value = col.example
        if col.kind == "date" and isinstance(value, str):
            value = date.fromisoformat(value)
        row[col.name] = value
    return pd.DataFrame([row])


def check_password(given: str | None, expected: str | None) -> bool:
    """Whether ``given`` is the admin password, compared in constant time.

    Examples
    --------
    >>> check_password("s3cret", "s3cret"), check_password("guess", "s3cret"), check_password("", None)
    (True, False, False)
    """
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# --- benchmark ---------------------------------------------------------------------------------------

def bench_import(csv_path: str | Path, workdir: str | Path, memory_limit: str = "3GB", runs: int = 3) -> dict:
    """Time the CLI import of a transactions CSV (``python -m lib import``: detection,
    validation, writing, commit and checkpoint) against DuckDB's bare ``CREATE TABLE t AS
    SELECT * FROM read_csv(file)`` on the same file, each in a fresh child process and a fresh
    database under ``workdir``, ``runs`` times in turns; report the medians, their ratio and the
    import's peak memory. Then, apart from the import, the time the app needs to build the
    dataset's derived tables on first opening it (:func:`lib.derived.ensure`; ``--prepare``
    would add it to the import). For ``make bench``.
    """
    import json
    import statistics
    import subprocess
    import sys

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    bare_db, import_db = workdir / "bench-bare.duckdb", workdir / "bench-import.duckdb"

    def clean() -> None:
        for p in (bare_db, import_db):
            for suffix in ("", ".wal"):
                Path(str(p) + suffix).unlink(missing_ok=True)

    bare_code = ("import duckdb, json, resource, sys, time; con = duckdb.connect(sys.argv[1]); "
                 "con.execute('SET enable_progress_bar = false'); t = time.perf_counter(); "
                 "con.execute('CREATE TABLE t AS SELECT * FROM read_csv(?)', [sys.argv[2]]); "
                 "s = time.perf_counter() - t; t = time.perf_counter(); con.execute('CHECKPOINT'); "
                 "c = time.perf_counter() - t; n = con.execute('SELECT count(*) FROM t').fetchall()[0][0]; "
                 "print(json.dumps({'seconds': s, 'checkpoint': c, 'rows': n, "
                 "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    prepare_code = ("import json, resource, sys, time; sys.path.insert(0, '.'); from lib import db, derived; "
                    "con = db.connect(sys.argv[1]); ds = db.dataset_id(con, 'bench-import'); "
                    "t = time.perf_counter(); built = derived.ensure(con, ds); s = time.perf_counter() - t; "
                    "print(json.dumps({'seconds': s, 'built': built, "
                    "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    root = Path(__file__).resolve().parent.parent
    bares, imports, walls = [], [], []
    try:
        for run in range(runs):
            clean()
            bare = subprocess.run([sys.executable, "-c", bare_code, str(bare_db), str(csv_path)], capture_output=True,
                                  text=True, cwd=root, check=True)
            bares.append(json.loads(bare.stdout.strip().splitlines()[-1]))
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "lib", "import", "--db", str(import_db), "--dataset",
                                   "bench-import", "--transactions", str(csv_path), "--memory-limit", memory_limit,
                                   "--json"], capture_output=True, text=True, cwd=root)
            walls.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise RuntimeError(f"import failed: {proc.stderr.strip()[-500:]}")
            imports.append(json.loads(proc.stdout))
        prep = subprocess.run([sys.executable, "-c", prepare_code, str(import_db)], capture_output=True, text=True,
                              cwd=root, check=True)
        prep_info = json.loads(prep.stdout.strip().splitlines()[-1])
    finally:
        clean()
    bare_s = statistics.median(b["seconds"] for b in bares)
    bare_cp = statistics.median(b["checkpoint"] for b in bares)
    import_s = statistics.median(i["total_seconds"] for i in imports)
    middle = sorted(imports, key=lambda i: i["total_seconds"])[len(imports) // 2]
    return {
        "rows": bares[0]["rows"],
        "runs": runs,
        "bare_ctas_s": round(bare_s, 2),
        "import_s": round(import_s, 2),
        "ratio": round(import_s / bare_s, 2),
        "import_peak_mb": round(max(i["peak_mb"] for i in imports)),
        "phases_s": middle["phases"],
        "path": middle["path"],
        "bare_runs_s": [round(b["seconds"], 2) for b in bares],
        "import_runs_s": [round(i["total_seconds"], 2) for i in imports],
        # context, not part of the target: the bare table's own checkpoint (the import's is in
        # import_s), the import process's wall time, and the derived tables built on first opening
        "bare_checkpoint_s": round(bare_cp, 2),
        "ratio_with_bare_checkpoint": round(import_s / (bare_s + bare_cp), 2),
        "import_process_wall_s": round(statistics.median(walls), 2),
        "bare_peak_mb": round(max(b["peak_mb"] for b in bares)),
        "first_open_derived_s": round(prep_info["seconds"], 2),
        "first_open_peak_mb": round(prep_info["peak_mb"]),
    }


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def new_workdir() -> Path:
    """A private temporary folder for converted files (the caller removes it)."""
    return Path(tempfile.mkdtemp(prefix="lcx-import-"))


def remove_workdir(path: str | Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


__all__ = ["Part", "Plan", "Outcome", "Problem", "Progress", "ImportProblem", "open_part", "run_import",
           "guess_table", "guess_mapping", "apply_map", "datasets_frame", "rename", "delete", "template",
           "check_password", "bench_import", "csv_lines", "source_text", "check_plan", "MAX_PROBLEMS"]
