"""The diagnosis of an import the fast path refused (step 2 of :func:`lib.importing.run_import`):
every file staged as text in a temporary table, every check as SQL over whole columns
(:mod:`lib.importing.checks`), duplicate ids over all files of a table, customer ids no
transaction or customer row knows; then the problems with their line numbers, and the rejected
rows with their reasons.

Line numbers: the header is line 1 and every record is one line, as a spreadsheet program
shows the file (a quoted value with a line break inside counts once); XLSX rows are the
worksheet's row numbers; Parquet rows are counted from 1.
"""
from __future__ import annotations

import csv
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lib import db
from lib.importing import checks, contract, formats
from lib.importing.contract import REFERENCING, TABLES
from lib.importing.mapping import Part, source_sql
from lib.importing.problems import DUCK_CODES, MAX_PROBLEMS, ImportProblem, Outcome, Problem, Progress


@dataclass
class Staged:
    """One part staged for the diagnosis: its number ``index`` in the plan, the temporary tables
    with its cells as text (``stage``) and typed with a problem code per cell (``typed``), and for
    CSV the reader's rejected lines (``rejects``)."""

    part: Part
    index: int
    stage: str
    typed: str
    rejects: str | None = None
    scans: str | None = None


def diagnose(con, parts: list[Part], skip_bad_rows: bool, out: Outcome, progress: Progress, temps: list[str],
             lang: str) -> tuple[list[Staged], str] | None:
    """Stage every part as text, run every check as SQL over whole columns, and fill ``out`` with
    the problems: their total, the first :data:`MAX_PROBLEMS` with line numbers and, with
    ``skip_bad_rows``, every rejected row with its reasons (in ``lang``). The temporary tables'
    names are added to ``temps`` (the caller drops them).

    Returns the staged parts and the name of the problems table (``p`` part, ``k`` row) when the
    valid rows are to be written; None when the import is refused (strict, and a problem found).
    """
    uid = uuid.uuid4().hex[:10]
    staged: list[Staged] = []
    for i, part in enumerate(parts):
        progress.set("check", part.label, i)
        staged.append(_stage(con, part, i, uid, temps))
    problems = f"imp_p_{uid}"
    temps.append(problems)
    con.execute(f"CREATE TEMP TABLE {problems} (p INTEGER, k BIGINT, line BIGINT, col VARCHAR, code VARCHAR, "
                f"value VARCHAR, detail VARCHAR, ref_p INTEGER, ref_k BIGINT)")
    for s in staged:
        con.execute(f"INSERT INTO {problems} SELECT {s.index}, k, NULL, col, code, value, NULL, NULL, NULL "
                    f"FROM ({checks.problems_select(s.part.table, s.typed)})")
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
    lines = _line_numbers(con, staged, problems, all_rows=skip_bad_rows and total > 0)
    out.problems = _first_problems(con, staged, problems, lines)
    if total and not skip_bad_rows:
        out.ok = False
        return None
    if total:
        out.rejected_rows = bad_rows
        out.rejected = _rejected_frame(con, staged, problems, lines, lang)
    return staged, problems


def _stage(con, part: Part, i: int, uid: str, temps: list[str]) -> Staged:
    stage, typed = f"imp_s_{uid}_{i}", f"imp_t_{uid}_{i}"
    temps += [stage, typed]
    rejects = scans = None
    src = part.source()
    if part.kind == "csv":
        rejects, scans = f"imp_r_{uid}_{i}", f"imp_rs_{uid}_{i}"
        temps += [rejects, scans]
        from_sql = source_sql(con, part, i, src, (rejects, scans))
    else:
        from_sql = source_sql(con, part, i, src)
    params = {k: v for k, v in src.params.items() if k.endswith(f"_{i}")}
    try:
        con.execute(f"CREATE TEMP TABLE {stage} AS SELECT * FROM {from_sql}", params)
    except duckdb.Error as exc:
        raise ImportProblem("unreadable", file=part.label, error=str(exc).splitlines()[0][:300]) from None
    if part.kind == "csv" and rejects:
        # DuckDB creates the rejects tables only when asked; make sure both exist for the queries below
        con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {rejects} (line BIGINT, column_name VARCHAR, error_type VARCHAR, "
                    f"csv_line VARCHAR, error_message VARCHAR)")
    src = part.source()
    keep = "k, _line" if part.kind == "xlsx" else "k"
    sql = checks.typed_select(part.table, src, f"(SELECT rowid AS k, * FROM {stage})", keep)
    con.execute(f"CREATE TEMP TABLE {typed} AS {sql}", src.params)
    return Staged(part, i, stage, typed, rejects, scans)


def _duplicates(con, staged: list[Staged], problems: str) -> None:
    """Ids that must be unique within their table (over all its files): every repeat after the
    first is a problem naming the first line."""
    by_table: dict[str, list[Staged]] = defaultdict(list)
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


def _unknown_customers(con, staged: list[Staged], problems: str) -> None:
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


def _line_numbers(con, staged: list[Staged], problems: str, all_rows: bool) -> dict[int, dict[int, int]]:
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


def _detail(code: str, part: Part, col: str | None, detail: str | None, ref: tuple, staged: list[Staged],
            lines: dict[int, dict[int, int]]) -> tuple[tuple[str, str], ...]:
    if code == "bad_date" or code == "impossible_date":
        return (("format", formats.DATE_LABELS[part.settings.date_format]),)
    if code in ("bad_number", "exponent"):
        example = "1.234,56" if part.settings.decimal == "," else "1234.56"
        return (("example", example),)
    if code == "out_of_range" and col:
        c = contract.column(part.table, col)
        lo, hi = (c.lo, c.hi) if c.kind == "int" and c.hi is not None and c.hi < 1000 else (None, None)
        return (("range", f"{lo}–{hi}" if lo is not None else "±10^16"),)
    if code == "bad_value" and col:
        return (("allowed", ", ".join(contract.column(part.table, col).values)),)
    if code == "wrong_type" and col:
        return (("rule", checks.when_rule(contract.column(part.table, col))),)
    if code == "duplicate" and ref[0] is not None:
        p, k = ref
        first = staged[p].part
        line = lines.get(p, {}).get(k)
        where = f"{first.label}, " if first is not part else ""
        return (("first", f"{where}{line if line is not None else '?'}"),)
    if detail is not None and code not in ("missing",):
        return (("error", detail.splitlines()[0][:200]),)
    return ()



def _problem(s: Staged, row, staged, lines) -> Problem:
    _, k, line, col, code, value, detail, ref_p, ref_k = row
    part = s.part
    if k is not None:
        line = lines.get(s.index, {}).get(k)
        header = part.headers[part.mapping[col]] if col in part.mapping else None
        return Problem(part.label, part.table, line, col, header, value, code,
                       _detail(code, part, col, detail, (ref_p, ref_k), staged, lines))
    code = DUCK_CODES.get(code, "structure")
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
