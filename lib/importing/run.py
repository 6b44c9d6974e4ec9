"""The import run: a :class:`Plan` (parts into a dataset) written atomically, or refused with the
problems (:func:`run_import`).

How an import runs
    1. *Fast path*: inside one transaction every file is converted and written in a single pass
       of DuckDB's CSV/Parquet reader; the first bad cell raises (DuckDB's ``error()``), so a
       clean file costs little more than reading it. Duplicate ids and unknown customers are
       checked on the written rows. Clean: :func:`lib.db.swap_in`, COMMIT, CHECKPOINT.
       With ``exclusive`` (the CLI: no other user in the process) the rows may be stored in
       any order (DuckDB's ``preserve_insertion_order = false``): DuckDB then writes them to
       the file in parallel while reading, and the checkpoint has next to nothing left to do.
    2. *Diagnosis* (only when the fast path found anything, :mod:`lib.importing.diagnosis`): the
       transaction is rolled back, every file is staged as text in a temporary table, every
       check runs as SQL over whole columns, and the problems get their line numbers. Strict
       (the default): nothing is written. ``skip_bad_rows``: the valid rows are written in one
       transaction and the rejected rows come back with a reason.

A crash (even ``kill -9``) before COMMIT leaves the previous dataset untouched: DuckDB discards
an uncommitted transaction when it opens the file again.

The derived tables the pages read (:func:`lib.derived.build`) are not part of the import:
with ``prepare`` (the data page) they are built right after the checkpoint, otherwise (the CLI
without ``--prepare``) when the dataset is first opened (:func:`lib.derived.ensure`). Either
way they appear in one transaction of their own, and a crash while building them loses nothing.
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from lib import db, derived, results
from lib.i18n import t
from lib.importing import checks, diagnosis, formats
from lib.importing.contract import REFERENCING, TABLES
from lib.importing.formats import FileProblem
from lib.importing.mapping import Part, source_sql
from lib.importing.problems import ImportProblem, Outcome, Progress
from lib.queries import load


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
        with results.writes_held():   # replacing a dataset deletes its stored results at the commit
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
    exists = db.find_id(con, plan.dataset) is not None  # regardless of case, like every lookup
    if plan.mode == "new" and exists:
        raise ImportProblem("exists", name=plan.dataset)
    if plan.mode == "replace" and not exists:
        raise ImportProblem("not_exists", name=plan.dataset)


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
            from_sql = source_sql(con, part, i, src)
            sql = (f"INSERT INTO {part.table} (dataset_id, {checks.insert_columns(part.table)}) "
                   f"SELECT $ds, * FROM ({checks.fast_select(part.table, src, from_sql)})")
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


def _diagnose(con, plan: Plan, out: Outcome, progress: Progress, workdir, temps: list[str], lang: str) -> None:
    """Step 2: find every problem (:func:`lib.importing.diagnosis.diagnose`); unless the import
    is refused, write the valid rows in one transaction and register them as the dataset."""
    found = diagnosis.diagnose(con, plan.parts, plan.skip_bad_rows, out, progress, temps, lang)
    if found is None:
        return
    staged, problems = found
    progress.set("write", "", len(plan.parts))
    con.execute("BEGIN TRANSACTION")
    try:
        ds = db.new_dataset_id(con)
        counts: dict[str, int] = defaultdict(int)
        for s in staged:
            progress.set("write", s.part.label)
            values = ", ".join(f"v_{c.name}" for c in TABLES[s.part.table])
            n = con.execute(
                f"INSERT INTO {s.part.table} (dataset_id, {checks.insert_columns(s.part.table)}) "
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



def new_workdir() -> Path:
    """A private temporary folder for converted files (the caller removes it)."""
    return Path(tempfile.mkdtemp(prefix="lcx-import-"))


def remove_workdir(path: str | Path) -> None:
    shutil.rmtree(path, ignore_errors=True)

