"""What an import reports: a refusal of the import as a whole (:class:`ImportProblem`), a problem
of one cell or row with where it is (:class:`Problem`), the :class:`Outcome` at the end, and the
:class:`Progress` while it runs. Every sentence a person reads comes from lib.i18n
(``data.error.<code>``, ``data.problem.<code>``, ``data.stage.<stage>``).
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from lib.i18n import t


class FileProblem(Exception):
    """A file that cannot be read as a table; ``code`` names the sentence (``data.file.<code>``)
    shown to the person, ``params`` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

#: At most this many problems are listed (the total is always counted).
MAX_PROBLEMS = 50


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


#: DuckDB's CSV reader errors (its rejects table) -> our problem codes (``data.problem.<code>``).
DUCK_CODES = {"MISSING COLUMNS": "missing_columns", "TOO MANY COLUMNS": "too_many_columns",
              "INVALID ENCODING": "bad_encoding", "INVALID UNICODE": "bad_encoding",
              "UNQUOTED VALUE": "unquoted", "LINE SIZE OVER MAXIMUM": "line_too_long", "CAST": "structure"}
