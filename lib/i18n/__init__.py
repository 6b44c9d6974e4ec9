"""Every string a person sees, in English and German, and locale-aware number formatting.

Pages never hold literal UI text: they call ``t(key, lang, **values)``. The strings live in the
modules of this package, one per subject (``core`` for the shell and overview, then one per
page); they are merged here. The German follows the established CRM vocabulary
(Kundenlebenszyklus, Kundenwert, Abwanderung, Kundenrückgewinnung, Zweite Loyalität).
"""
from __future__ import annotations

import importlib
import math
import re
import pkgutil
from datetime import date
from string import Formatter

LANGS = ("en", "de")
LANG_NAMES = {"en": "English", "de": "Deutsch"}

def _collect() -> dict[str, dict[str, str]]:
    """Merge the ``STRINGS`` of every module in this package (one module per subject or page),
    refusing a key defined twice."""
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise KeyError(f"UI string {key!r} is defined twice (again in lib/i18n/{info.name}.py)")
            merged[key] = entry
    return merged


STRINGS: dict[str, dict[str, str]] = _collect()


def t(key: str, lang: str, /, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in.

    Examples
    --------
    >>> t("sidebar.period", "de", first="01.01.2023", last="31.12.2025")
    'Daten vom 01.01.2023 bis 31.12.2025'
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a template (for the consistency test)."""
    return {f for _, f, _, _ in Formatter().parse(text) if f}


#: What Markdown and Streamlit could read as syntax inside a sentence: emphasis, code, links and
#: images, HTML and entities, directives (:red[...], :material/...:), LaTeX, tables, headings, and
#: the "." of "www." autolinks. "-" and "+" only matter at the start of a line, which a value
#: never is (line breaks are collapsed).
WORD_JOINER = "\u2060"
#: Where GFM would start a link in plain text: a scheme's "://", "www.", and the "@" of an address.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=[^\s@])(?=@)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$:&.])")


_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def md_text(value: object) -> str:
    """``value`` (user data: an id, a name, a reason, a URL parameter) made safe to place in
    Markdown: every character Markdown or Streamlit's directives could read as syntax is
    escaped, line breaks become spaces, so it shows as typed and can never become a link, an
    image, HTML or formatting.

    Examples
    --------
    >>> print(md_text("[x](y.png)"))
    \\[x\\]\\(y\\.png\\)
    >>> md_text("www.x.de") == "www" + WORD_JOINER + "\\\\.x\\\\.de"
    True
    """
    # runs of white space (line breaks too) become one space; a no-break space stays what it is
    text = _SPACES.sub(" ", str(value)).strip(" ") if value is not None else ""
    # GFM turns "http://...", "www...." and "a@b.de" into links after parsing, escapes or not:
    # an invisible word joiner keeps them plain text
    text = _AUTOLINK.sub(WORD_JOINER, text)
    return _MD_SPECIAL.sub(r"\\\1", text)


def fmt_int(value: float | int | None, lang: str) -> str:
    """A whole number with the language's thousands separator: 1,234 / 1.234."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return t("kpi.na", lang)
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "de" else text


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """A decimal number: 1,234.5 / 1.234,5."""
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    if value < 0 and round(value, digits) == 0:
        value = 0.0   # no "-0.00"
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def fmt_money(value: float | None, lang: str, currency: str = "€") -> str:
    """An amount, shortened with a k/M suffix from 10,000 on: €6.52M / 6,52 Mio. € (German abbreviations with their period: Tsd., Mio., Mrd.).

    Examples
    --------
    >>> fmt_money(6523544.93, "de"), fmt_money(-950.5, "en")
    ('6,52 Mio. €', '-€950')
    """
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    sign, rest = ("-" if value < 0 else ""), abs(value)
    number, en, de = fmt_num(rest, lang, 0), "", ""
    for size, scale, en_suffix, de_suffix in ((1e9, 1e9, "bn", "Mrd."), (1e6, 1e6, "M", "Mio."), (1e4, 1e3, "k", "Tsd.")):
        if rest >= size:
            number = fmt_num(rest / scale, lang, 2 if rest < 10 * scale else 1 if rest < 100 * scale else 0)
            en, de = en_suffix, " " + de_suffix
            break
    if lang == "en":
        return f"{sign}{currency}{number}{en}"
    return f"{sign}{number}{de} {currency}".rstrip()


def fmt_amount(value: float | None, lang: str) -> str:
    """An amount without a currency sign, as tables and metrics show it: 6.52M / 6,52 Mio."""
    return fmt_money(value, lang, currency="")


def fmt_p(value: float | None, lang: str) -> str:
    """A p-value with four decimals, tiny ones as "< 0.0001" (n/a when missing).

    Examples
    --------
    >>> fmt_p(0.02291, "de"), fmt_p(1e-7, "en"), fmt_p(None, "en")
    ('0,0229', '< 0.0001', 'n/a')
    """
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    return ("< " + fmt_num(0.0001, lang, 4)) if value < 0.0001 else fmt_num(value, lang, 4)


def fmt_pct(value: float | None, lang: str, digits: int = 1) -> str:
    """A share as a percentage: German 24,9 % with a no-break space (a line never ends between the
    number and its sign, say in a takeaway on the projector), English the space-free 24.9%."""
    if value is None or not math.isfinite(value):
        return t("kpi.na", lang)
    number = fmt_num(value * 100, lang, digits)
    return f"{number}%" if lang == "en" else f"{number}\u00a0%"


def fmt_date(value: date | None, lang: str) -> str:
    """ISO in English (unambiguous for an international room), dd.mm.yyyy in German."""
    if value is None:
        return t("kpi.na", lang)
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


# --- table cells ---------------------------------------------------------------------------------
#
# A table keeps its numbers as numbers (so it sorts numerically) and shows each cell as text in the
# reader's language: ``ui.table`` hands these formatters to a pandas Styler. A kind is a name with
# an optional number of decimals after a colon.

#: what a table shows for a missing value (the same in both languages)
MISSING = "—"
#: kind -> (formatter of a present value, default decimals)
CELL_KINDS = {
    "int": (lambda v, lang, d: fmt_int(v, lang), 0),            # 1,234 / 1.234
    "num": (lambda v, lang, d: fmt_num(v, lang, d), 1),         # 1,234.5 / 1.234,5
    "amount": (lambda v, lang, d: fmt_num(v, lang, d), 0),      # an amount in full: 208,598 / 208.598
    "money": (lambda v, lang, d: fmt_amount(v, lang), 0),       # an amount shortened: 6.52M / 6,52 Mio
    "eur": (lambda v, lang, d: fmt_money(v, lang), 0),          # the same with the currency: €6.52M / 6,52 Mio. €
    "pct": (lambda v, lang, d: fmt_pct(v, lang, d), 1),         # a share 0..1: 24.9% / 24,9 %
    "points": (lambda v, lang, d: fmt_pct(v / 100, lang, d), 1),  # already in percent: 80.6 -> 80.6% / 80,6 %
    "pp": (lambda v, lang, d: _signed(fmt_num(v * 100, lang, d), v) + ("\u00a0pp" if lang == "en" else "\u00a0Pp."), 1),
    "p": (lambda v, lang, d: fmt_p(v, lang), 4),                # p-value: 0.0229 / 0,0229, < 0.0001
    "date": (lambda v, lang, d: fmt_date(v, lang), 0),          # 2025-12-31 / 31.12.2025
    "month": (lambda v, lang, d: v.strftime("%m.%Y") if lang == "de" else v.strftime("%Y-%m"), 0),
    "datetime": (lambda v, lang, d: f"{fmt_date(v.date(), lang)} {v:%H:%M}", 0),  # 31.12.2025 14:03
}
_DAY_KINDS = ("date", "month", "datetime")


def _signed(text: str, value: float) -> str:
    return ("+" + text) if value > 0 else text


def parse_kind(kind: str) -> tuple[str, int]:
    """``"num:2"`` -> ``("num", 2)``; a kind without decimals gets its default. ValueError for an
    unknown kind.

    Examples
    --------
    >>> parse_kind("pct:0"), parse_kind("int")
    (('pct', 0), ('int', 0))
    """
    name, _, digits = kind.partition(":")
    if name not in CELL_KINDS:
        raise ValueError(f"unknown cell kind {kind!r} (known: {', '.join(CELL_KINDS)})")
    return name, int(digits) if digits else CELL_KINDS[name][1]


def _as_day(value) -> date | None:
    """A date from a date, datetime, pandas Timestamp, numpy datetime64 or ISO text."""
    if isinstance(value, date):
        return value.date() if hasattr(value, "date") and callable(value.date) else value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    import pandas as pd

    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.date()


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and not math.isfinite(value):
        return True
    try:
        return value != value  # NaN, NaT, pd.NA-like floats
    except (TypeError, ValueError):
        return False


def fmt_cell(value, kind: str, lang: str) -> str:
    """One table cell as text in ``lang``; a missing value as "—".

    Examples
    --------
    >>> fmt_cell(1234.56, "num:2", "de"), fmt_cell(1234.56, "num:2", "en")
    ('1.234,56', '1,234.56')
    >>> fmt_cell(208598, "amount", "de"), fmt_cell(0.806, "pct", "de"), fmt_cell(None, "int", "de")
    ('208.598', '80,6\\xa0%', '—')
    """
    name, digits = parse_kind(kind)
    try:
        if _missing(value) or (isinstance(value, str) and not value.strip()):
            return MISSING
    except (TypeError, ValueError):  # pd.NA compares to nothing
        return MISSING
    if isinstance(value, str):
        if name not in _DAY_KINDS:
            return value  # already text (e.g. "keine Kontrollgruppe" from a page)
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if name == "datetime":
        import pandas as pd

        stamp = pd.Timestamp(value)
        return MISSING if pd.isna(stamp) else CELL_KINDS[name][0](stamp, lang, digits)
    if name in _DAY_KINDS:
        day = _as_day(value)
        return MISSING if day is None else CELL_KINDS[name][0](day, lang, digits)
    number = float(value)
    if not math.isfinite(number):
        return MISSING
    return CELL_KINDS[name][0](number, lang, digits)


def cell_formatter(kind: str, lang: str):
    """``fmt_cell`` for one kind and language as a function of the value (a Styler formatter)."""
    parse_kind(kind)  # fail early on an unknown kind
    return lambda value: fmt_cell(value, kind, lang)


_DEMO_SOURCE = re.compile(r"^demo \(seed (-?\d+), (\d+) customers\)$")
_TABLES = ("transactions", "customers", "events", "invoices", "churn", "winback", "surveys")


def source_label(source: str | None, lang: str) -> str:
    """A dataset's stored source (the catalogue keeps it in English, as the commands wrote it)
    in ``lang``: the demo's "demo (seed 42, 5000 customers)" and an import's "transactions:
    a.csv; customers: b.xlsx" with their table names translated; file names stay as they are.

    Examples
    --------
    >>> source_label("demo (seed 42, 5000 customers)", "de")
    'Demodaten (Seed 42, 5.000 Kunden)'
    >>> source_label("transactions: t.csv; churn: c.csv", "de")
    'Transaktionen: t.csv; Abwanderung: c.csv'
    """
    text = source or ""
    demo = _DEMO_SOURCE.match(text)
    if demo:
        return t("source.demo", lang, seed=demo.group(1), customers=fmt_int(int(demo.group(2)), lang))
    parts = []
    for part in text.split("; "):
        table, sep, files = part.partition(": ")
        parts.append(f"{t(f'table.{table}', lang)}: {files}" if sep and table in _TABLES else part)
    return "; ".join(parts)
