"""Every UI string exists in both languages with the same fields; pages hold no literal UI text."""
from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from lib import i18n

PAGES = sorted((Path(__file__).resolve().parent.parent / "pages").rglob("*.py")) + [
    Path(__file__).resolve().parent.parent / "app.py"]


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_with_the_same_fields(key):
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGS), key
    assert entry["en"].strip() and entry["de"].strip()
    assert i18n.placeholders(entry["en"]) == i18n.placeholders(entry["de"]), key


def test_german_uses_the_crm_vocabulary():
    german = " ".join(e["de"] for e in i18n.STRINGS.values())
    for word in ("Kundenlebenszyklus", "Kundenwert", "Abwanderung", "Rückgewinnung"):
        assert word in german, word


DISPLAY = {"title", "header", "subheader", "markdown", "caption", "write", "text", "info", "warning",
           "error", "success", "toast", "metric", "button", "download_button", "selectbox", "multiselect",
           "radio", "checkbox", "toggle", "slider", "select_slider", "number_input", "text_input",
           "date_input", "segmented_control", "pills", "tabs", "expander", "spinner", "popover",
           "file_uploader", "link_button", "page_link", "status"}


def _literal_text(node: ast.AST) -> bool:
    # text with a letter in it is a word someone reads; "**{...}**" markup is not
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and any(ch.isalpha() for ch in str(v.value)) for v in node.values)
    if isinstance(node, (ast.List, ast.Tuple)):  # st.tabs(["A", "B"])
        return any(_literal_text(e) for e in node.elts)
    return False


def _is_ui_tabs(node: ast.Call) -> bool:
    """``ui.tabs(key, ids, label)``: a URL key and ids, the titles come from ``label``."""
    return node.func.attr == "tabs" and isinstance(node.func.value, ast.Name) and node.func.value.id == "ui"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_hold_no_literal_ui_strings(path):
    """A string literal given to a Streamlit display call would be shown untranslated."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offenders = [
        f"line {node.lineno}: {ast.unparse(node)[:80]}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DISPLAY
        and not _is_ui_tabs(node)
        and (any(_literal_text(a) for a in node.args[:1])
             or any(k.arg in {"label", "help", "placeholder"} and _literal_text(k.value) for k in node.keywords))
    ]
    assert not offenders, offenders


@pytest.mark.parametrize("fn,value,en,de", [
    (i18n.fmt_int, 1234567, "1,234,567", "1.234.567"),
    (i18n.fmt_num, 1234.56, "1,234.6", "1.234,6"),
    (i18n.fmt_pct, 0.2491, "24.9%", "24,9\u00a0%"),
    (i18n.fmt_money, 6_523_544.93, "€6.52M", "6,52 Mio. €"),
    (i18n.fmt_money, 950.4, "€950", "950 €"),
    (i18n.fmt_money, -12_345, "-€12.3k", "-12,3 Tsd. €"),
    (i18n.fmt_date, date(2025, 12, 31), "2025-12-31", "31.12.2025"),
])
def test_formatting(fn, value, en, de):
    assert fn(value, "en") == en and fn(value, "de") == de


@pytest.mark.parametrize("fn", [i18n.fmt_int, i18n.fmt_num, i18n.fmt_pct, i18n.fmt_money])
def test_missing_values_read_not_available(fn):
    assert fn(None, "de") == "k. A." and fn(float("nan"), "en") == "n/a"


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parent.parent / "lib" / "i18n").glob("*.py")),
                         ids=lambda p: p.name)
def test_no_string_key_is_defined_twice(path):
    """A key written twice in one dict literal silently keeps the last text (a column header that
    read "Value (€)" over percentages and days); every key is written once."""
    twice = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            twice += [k for k in keys if keys.count(k) > 1]
    assert not twice, sorted(set(twice))
