"""The house rules of docs/architecture.md, checked on the code: no import circle anywhere in
lib/, no module over 700 lines (the string tables of lib/i18n aside), Streamlit only in the UI
layer, SQL composed only by @include."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
MAX_LINES = 700


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module(p): p for p in LIB.rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    """The lib modules ``path`` imports, anywhere in the file (a late import inside a function
    closes a circle as much as one at the top)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from pkg import submodule` depends on the submodule, `from mod import name` on mod
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                     for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != "lib":
                out.add(name)
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {m: _imports(p, known) - {m} for m, p in mods.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_in_lib():
    # a package's __init__ re-exports its submodules, so a submodule that imports names from its
    # own package (instead of from the sibling module) closes a circle and is reported
    assert _cycles(_graph()) == []


def test_the_circle_check_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_over_700_lines():
    too_long = {str(p.relative_to(ROOT)): n for p in [*LIB.rglob("*.py"), *(ROOT / "pages").rglob("*.py")]
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
                and p.parent.name != "i18n"}
    assert too_long == {}


def test_streamlit_only_in_the_ui_layer():
    users = {_module(p) for p in LIB.rglob("*.py")
             if re.search(r"^\s*(import streamlit|from streamlit)", p.read_text(encoding="utf-8"), re.M)}
    assert users and all(m == "lib.ui" or m.startswith(("lib.ui.", "lib.loaders")) for m in users), users


def test_sql_is_composed_only_by_include():
    """No Python joins SQL files together: a query that needs another's text @includes it."""
    joined = []
    for p in LIB.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        if re.search(r"load\([^)]*\)\s*\+|\+\s*load\(", text):
            joined.append(str(p.relative_to(ROOT)))
    assert joined == []


def test_every_sql_file_is_used():
    """A query file nobody loads or includes is a leftover copy."""
    sql = {p.stem for p in (LIB / "queries").glob("*.sql")}
    code = "\n".join(p.read_text(encoding="utf-8") for p in [*LIB.rglob("*.py"), *(LIB / "queries").glob("*.sql")])
    unused = {name for name in sql if not re.search(rf"""["']{name}["']|@include {name}\b""", code)}
    assert unused == set()
