"""The SQL that checks and converts imported cells against the data contract
(:mod:`lib.importing.contract`).

Owns the DuckDB expressions that turn a source column (text, number or date) into the stored
value plus a problem code: the fast path's single pass that stops at the first bad cell, the
diagnosis's typed table with a code per cell, and the list of problem cells. All checking runs
in DuckDB over whole columns; nothing is checked row by row in Python.

The expressions depend on which columns a file maps, so they are composed here from fixed
templates: identifiers are generated (``c1``, ``r_amount``, ...) or come from the contract,
never from a file; every value a person can influence (date formats, separators) is a bound
parameter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lib.importing import formats
from lib.importing.contract import DECIMAL_LIMIT, INT_LIMIT, TABLES, Column, stored_type

#: Problem codes (``data.problem.<code>`` in lib.i18n) a cell can have.
ROW_CODES = ("missing", "bad_date", "impossible_date", "date_too_early", "date_future", "bad_number",
             "exponent", "not_finite", "too_many_decimals", "out_of_range", "not_whole", "bad_value",
             "wrong_type")

_DATE_SHAPE = {
    "iso": r"\d{4}-\d{1,2}-\d{1,2}", "dmy": r"\d{1,2}\.\d{1,2}\.\d{4}", "dmy2": r"\d{1,2}\.\d{1,2}\.\d{2}",
    "ymd": r"\d{8}", "dmy_slash": r"\d{1,2}/\d{1,2}/\d{4}", "mdy_slash": r"\d{1,2}/\d{1,2}/\d{4}",
    "ymd_slash": r"\d{4}/\d{1,2}/\d{1,2}",
}
_EXPONENT = r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)[eE][+-]?[0-9]+"
_INF = ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "+nan", "-nan", "#num!", "#div/0!")


def number_pattern(decimal: str, thousands: str, places: int | None = None) -> str:
    """The regular expression a number written with these separators must match in full: a
    sign in front or a trailing minus (as SAP writes it), thousands only in groups of three, and
    with ``places`` at most that many decimals (more only as trailing zeros).

    Examples
    --------
    >>> bool(re.fullmatch(number_pattern(",", "."), "-1.234.567,891"))
    True
    >>> bool(re.fullmatch(number_pattern(",", "."), "1.23,4")), bool(re.fullmatch(number_pattern(".", ""), "1e5"))
    (False, False)
    >>> bool(re.fullmatch(number_pattern(".", "", 2), "12.340")), bool(re.fullmatch(number_pattern(".", "", 2), "12.345"))
    (True, False)
    >>> bool(re.fullmatch(number_pattern(",", "", 0), "7,00")), bool(re.fullmatch(number_pattern(",", "", 0), "7,5"))
    (True, False)
    """
    d, t = re.escape(decimal), re.escape(thousands)
    whole = rf"(\d{{1,3}}({t}\d{{3}})+|\d+)" if thousands else r"\d+"
    frac = r"\d*" if places is None else (rf"\d{{0,{places}}}0*" if places else "0*")
    lead = "" if places == 0 else rf"|{d}\d{{0,{places}}}0*" if places else rf"|{d}\d+"
    return rf"\s*[+-]?({whole}({d}{frac})?{lead})-?\s*"


def value_key(text: str) -> str:
    """An enumerated value reduced for matching (as the SQL reduces cells).

    Examples
    --------
    >>> value_key(" Kündigung "), value_key("competitor_mention")
    ('kuendigung', 'competitor mention')
    """
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Source:
    """How the SQL sees one file: ``mapping`` says which source column (``c<i+1>``) feeds each
    contract column, ``types[i]`` is that source column's DuckDB type, and the separators and
    date format say how text is read. ``params`` collects the bound parameters the generated SQL
    uses."""

    types: list[str]
    mapping: dict[str, int]
    decimal: str = "."
    thousands: str = ""
    date_format: str = "iso"
    params: dict = field(default_factory=dict)

    def param(self, name: str, value) -> str:
        self.params[name] = value
        return f"${name}"

    def source_class(self, col: Column) -> str | None:
        i = self.mapping.get(col.name)
        return _class(self.types[i]) if i is not None else None


def _class(duck_type: str) -> str:
    t = duck_type.upper()
    if t.startswith(("DECIMAL", "NUMERIC")) or t in (
            "DOUBLE", "FLOAT", "REAL", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT"):
        return "number"
    if t == "DATE" or t.startswith("TIMESTAMP"):
        return "temporal"
    if t == "VARCHAR":
        return "text"
    return "other"


def _text(r: str, cls: str | None) -> str:
    """The cell as trimmed text, NULL when blank (numbers and dates written out)."""
    if cls is None:
        return "CAST(NULL AS VARCHAR)"
    if cls == "text":
        return f"NULLIF(trim({r}), '')"
    if cls == "number":
        d = f"CAST({r} AS DOUBLE)"
        return (f"CASE WHEN isfinite({d}) AND {d} = trunc({d}) AND abs({d}) < 1e15 "
                f"THEN CAST(CAST({d} AS BIGINT) AS VARCHAR) ELSE CAST({r} AS VARCHAR) END")
    if cls == "temporal":
        return (f"CASE WHEN CAST({r} AS TIMESTAMP) = CAST(CAST({r} AS DATE) AS TIMESTAMP) "
                f"THEN CAST(CAST({r} AS DATE) AS VARCHAR) ELSE CAST({r} AS VARCHAR) END")
    return f"NULLIF(trim(CAST({r} AS VARCHAR)), '')"


def _key(t: str) -> str:
    low = f"lower({t})"
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        low = f"replace({low}, '{a}', '{b}')"
    return f"trim(regexp_replace(strip_accents({low}), '[^a-z0-9]+', ' ', 'g'))"


def _normalised_number(x: str, src: Source) -> str:
    """A written number as DuckDB casts it: trailing minus moved to the front, separators
    normalised."""
    out = f"CASE WHEN rtrim({x}) LIKE '%-' THEN '-' || rtrim(rtrim({x}), '-') ELSE {x} END"
    if src.thousands:
        out = f"replace({out}, {src.param('thousands', src.thousands)}, '')"
    if src.decimal != ".":
        out = f"replace({out}, {src.param('decimal', src.decimal)}, '.')"
    return out


def _value(col: Column, src: Source, x: str, fast: bool) -> str:
    """The stored value of ``col`` from ``x``: the raw cell (fast path) or the trimmed text
    (diagnosis) for text sources, the raw typed cell otherwise. Both paths use the same
    conversion, so a row converts to the same value whichever path writes it (a cell with spaces
    around it misses in the fast path and sends the file to the diagnosis, which trims)."""
    cls = src.source_class(col)
    if cls is None:
        return f"'{col.default}'" if col.default else f"CAST(NULL AS {stored_type(col)})"
    if cls in ("other",):
        x, cls = f"CAST({x} AS VARCHAR)", "text"
    if col.kind == "text":
        if cls == "text":
            # not blank; a first character that is printable ASCII other than the space settles
            # it without trim(), which on four text columns of 20 million rows cost 1.3 s
            return f"CASE WHEN ascii({x}) BETWEEN 33 AND 126 THEN {x} WHEN trim({x}) <> '' THEN {x} END"
        return _text(x, cls)
    if col.kind == "date":
        if cls == "temporal":
            return f"CAST({x} AS DATE)"
        if cls == "number":
            x = _text(x, cls)
        fmts = src.param("date_formats", formats.duckdb_date_formats(src.date_format))
        d = f"CAST(try_strptime({x}, {fmts}) AS DATE)"
        if src.date_format == "dmy2":  # two digits: a year in the future is last century
            d = f"(CASE WHEN {d} > current_date THEN CAST({d} - INTERVAL 100 YEAR AS DATE) ELSE {d} END)"
        return d
    if col.kind in ("decimal", "int"):
        if cls == "number":
            w = f"CAST({x} AS DOUBLE)"
            ok = f"isfinite({w}) AND abs({w}) < {DECIMAL_LIMIT}"
            if col.kind == "decimal":
                return f"CASE WHEN {ok} AND abs({w} * 100 - round({w} * 100)) < 1e-6 THEN CAST({w} AS DECIMAL(18, 2)) END"
            lo, hi = _bounds(col)
            return f"CASE WHEN {ok} AND {w} = trunc({w}) AND {w} BETWEEN {lo} AND {hi} THEN CAST({w} AS {stored_type(col)}) END"
        if cls == "temporal":
            return f"CAST(NULL AS {stored_type(col)})"
        places = 2 if col.kind == "decimal" else 0
        pattern = src.param(f"strict_{places}", number_pattern(src.decimal, src.thousands, places))
        d = f"WHEN regexp_full_match({x}, {pattern}) THEN TRY_CAST({_normalised_number(x, src)} AS DECIMAL(18, 2))"
        if src.decimal == "." and not src.thousands:
            # The usual cell first: one DuckDB writes back unchanged is a plain number the pattern
            # accepts with the same value, so the regular expression (the costly part on 20
            # million rows) only sees the rest. The result is the same either way.
            plain = "DECIMAL(18, 2)" if col.kind == "decimal" else "BIGINT"
            d = f"WHEN CAST(TRY_CAST({x} AS {plain}) AS VARCHAR) = {x} THEN TRY_CAST({x} AS DECIMAL(18, 2)) {d}"
        d = f"CASE {d} END"
        if col.kind == "decimal":
            return d
        lo, hi = _bounds(col)
        out = f"CASE WHEN {d} BETWEEN {lo} AND {hi} THEN CAST({d} AS {stored_type(col)}) END"
        if src.decimal == "." and not src.thousands:  # a plain whole number in range: directly
            n = f"TRY_CAST({x} AS BIGINT)"
            out = (f"CASE WHEN CAST({n} AS VARCHAR) = {x} THEN CASE WHEN {n} BETWEEN {lo} AND {hi} "
                   f"THEN CAST({n} AS {stored_type(col)}) END ELSE {out} END")
        return f"({out})"
    if col.kind in ("enum", "code"):
        text = x if cls == "text" else _text(x, cls)
        pairs = dict((value_key(k), v) for k, v in col.synonyms)
        keys = src.param(f"keys_{col.name}", list(pairs))
        vals = src.param(f"vals_{col.name}", list(pairs.values()))
        hit = f"{vals}[list_position({keys}, {_key(text)})]"
        if col.kind == "code":
            return f"CASE WHEN trim({text}) <> '' THEN coalesce({hit}, {text}) END"
        if col.default:
            return f"CASE WHEN {text} IS NULL OR trim({text}) = '' THEN '{col.default}' ELSE {hit} END"
        return hit
    raise ValueError(col.kind)


def _bounds(col: Column) -> tuple[int, int]:
    return (col.lo if col.lo is not None else -INT_LIMIT, col.hi if col.hi is not None else INT_LIMIT)


def _fits(col: Column, src: Source, v: str) -> str:
    """True when the filled cell ``v`` belongs to its row by ``col.when`` (e.g. an outcome of a
    cancellation notice on a row of type cancellation_notice)."""
    other = f"v_{col.when_column}"
    anywhere = sorted({t for value, types in col.when if value == "*" for t in types})
    pairs = sorted({f"{value}|{t}" for value, types in col.when if value != "*" for t in types})
    tests = []
    if anywhere:
        tests.append(f"list_contains({src.param(f'when_any_{col.name}', anywhere)}, {other})")
    if pairs:
        tests.append(f"list_contains({src.param(f'when_pairs_{col.name}', pairs)}, {v} || '|' || {other})")
    return f"coalesce({' OR '.join(tests)}, false)"


def when_rule(col: Column) -> str:
    """``col.when`` in words for the problem report: ``resolved: complaint, dispute; ...``."""
    out: dict[tuple[str, ...], list[str]] = {}
    for value, types in col.when:
        out.setdefault(types, []).append(value)
    return "; ".join(("" if values == ["*"] else ", ".join(values) + ": ") + ", ".join(types)
                     for types, values in out.items())


def _fast_bad(col: Column, src: Source, x: str, v: str) -> str | None:
    """True when the cell has a problem (fast path; the diagnosis says which)."""
    cls = src.source_class(col)
    if cls is None:
        return "true" if col.required and not col.default else None
    if col.when:
        other = _fast_bad_plain(col, src, x, v, cls)
        wrong = f"({v} IS NOT NULL AND NOT {_fits(col, src, v)})"
        return f"({other} OR {wrong})" if other else wrong
    return _fast_bad_plain(col, src, x, v, cls)


def _fast_bad_plain(col: Column, src: Source, x: str, v: str, cls: str) -> str | None:
    if col.kind == "text":
        return f"{v} IS NULL" if col.required else None
    if col.required and not col.default:
        missing = f"{v} IS NULL"
    else:
        missing = f"({v} IS NULL AND {x} IS NOT NULL AND trim(CAST({x} AS VARCHAR)) <> '')"
    if col.kind == "date":
        future = "" if col.future_ok else f" OR {v} > current_date"
        return f"({missing} OR {v} < DATE '1900-01-01'{future})"
    return missing


def _codes(col: Column, src: Source) -> str:
    """The problem code of a cell in the diagnosis (NULL when fine), from ``t_``, ``v_``."""
    n, cls = col.name, src.source_class(col)
    t, v, r = f"t_{n}", f"v_{n}", f"r_{n}"
    blank = "'missing'" if col.required and not col.default else "NULL"
    if cls is None:
        return blank
    whens = []
    if col.kind == "date":
        if cls != "temporal":
            shape = src.param("date_shape", _DATE_SHAPE[src.date_format] + r"([ T].*)?")
            whens.append(f"WHEN {v} IS NULL AND regexp_full_match({t}, {shape}) THEN 'impossible_date'")
        whens.append(f"WHEN {v} IS NULL THEN 'bad_date'")
        whens.append(f"WHEN {v} < DATE '1900-01-01' THEN 'date_too_early'")
        if not col.future_ok:
            whens.append(f"WHEN {v} > current_date THEN 'date_future'")
    elif col.kind in ("decimal", "int"):
        if cls == "number":
            w = f"CAST({r} AS DOUBLE)"
            whens.append(f"WHEN NOT isfinite({w}) THEN 'not_finite'")
            if col.kind == "decimal":
                whens.append(f"WHEN abs({w} * 100 - round({w} * 100)) >= 1e-6 THEN 'too_many_decimals'")
            else:
                whens.append(f"WHEN {w} <> trunc({w}) THEN 'not_whole'")
        elif cls == "temporal":
            whens.append("WHEN true THEN 'bad_number'")
        else:
            inf = "(" + ", ".join(f"'{x}'" for x in _INF) + ")"
            general = src.param("general", number_pattern(src.decimal, src.thousands))
            strict = src.param(f"strict_{2 if col.kind == 'decimal' else 0}",
                               number_pattern(src.decimal, src.thousands, 2 if col.kind == "decimal" else 0))
            whens.append(f"WHEN lower({t}) IN {inf} THEN 'not_finite'")
            # 1e308, -2.5E+3: a number, but in the notation spreadsheets use for rounded values
            whens.append(f"WHEN regexp_full_match(trim({t}), {src.param('exponent', _EXPONENT)}) THEN 'exponent'")
            whens.append(f"WHEN NOT regexp_full_match({t}, {general}) THEN 'bad_number'")
            whens.append(f"WHEN NOT regexp_full_match({t}, {strict}) THEN "
                         f"'{'too_many_decimals' if col.kind == 'decimal' else 'not_whole'}'")
        whens.append(f"WHEN {v} IS NULL THEN 'out_of_range'")
    elif col.kind == "enum":
        whens.append(f"WHEN {v} IS NULL THEN 'bad_value'")
    if col.when:
        whens.append(f"WHEN NOT {_fits(col, src, v)} THEN 'wrong_type'")
    if not whens and blank == "NULL":
        return "NULL"
    return f"CASE WHEN {t} IS NULL THEN {blank} {' '.join(whens)} END"


def _raw(table: str, src: Source) -> str:
    return ", ".join(
        f"c{src.mapping[c.name] + 1} AS r_{c.name}" if c.name in src.mapping else f"CAST(NULL AS VARCHAR) AS r_{c.name}"
        for c in TABLES[table])


def fast_select(table: str, src: Source, source_sql: str) -> str:
    """The stored values of ``table`` from ``source_sql`` (columns ``c1 .. cN``), raising
    DuckDB's ``error()`` at the first row with a problem: a clean file is written in one pass;
    any problem sends the import to the diagnosis, which lists them all."""
    cols = TABLES[table]
    values = ", ".join(f"{_value(c, src, 'r_' + c.name, fast=True)} AS v_{c.name}" for c in cols)
    bad = [b for c in cols if (b := _fast_bad(c, src, "r_" + c.name, "v_" + c.name))]
    inner = f"SELECT {_raw(table, src)} FROM {source_sql}"
    checked = f"CASE WHEN {' OR '.join(bad)} THEN error('lcx-import-check') ELSE v_{cols[0].name} END" if bad \
        else f"v_{cols[0].name}"
    outer = ", ".join([checked] + [f"v_{c.name}" for c in cols[1:]])
    return f"SELECT {outer} FROM (SELECT *, {values} FROM ({inner}))"


def typed_select(table: str, src: Source, source_sql: str, keep: str = "") -> str:
    """The diagnosis: over ``source_sql`` (columns ``c1 .. cN`` plus ``keep``, e.g. ``k``), for
    every contract column ``t_`` (the cell as text), ``v_`` (as stored) and ``e_`` (problem
    code, NULL when fine)."""
    cols = TABLES[table]
    passthrough = f"{keep}, " if keep else ""
    texts = ", ".join(f"{_text('r_' + c.name, src.source_class(c))} AS t_{c.name}" for c in cols)
    values = ", ".join(
        f"{_value(c, src, ('t_' if src.source_class(c) in ('text', 'other') else 'r_') + c.name, fast=False)} AS v_{c.name}"
        for c in cols)
    codes = ", ".join(f"{_codes(c, src)} AS e_{c.name}" for c in cols)
    q = f"SELECT {passthrough}{_raw(table, src)} FROM {source_sql}"
    q = f"SELECT *, {texts} FROM ({q})"
    q = f"SELECT *, {values} FROM ({q})"
    return f"SELECT *, {codes} FROM ({q})"


def insert_columns(table: str) -> str:
    """The stored columns of ``table`` after ``dataset_id``, quoted."""
    return ", ".join(f'"{c.name}"' for c in TABLES[table])


def problems_select(table: str, typed: str) -> str:
    """One row (k, col, code, value) per problem cell of the typed table ``typed``."""
    return " UNION ALL ".join(
        f"SELECT k, '{c.name}' AS col, e_{c.name} AS code, t_{c.name} AS value FROM {typed} WHERE e_{c.name} IS NOT NULL"
        for c in TABLES[table])
