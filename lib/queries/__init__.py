"""SQL files, one query each; the file name says what it returns.

Queries take named parameters (``$dataset_id``, ``$as_of``...) and are never assembled from user
input. ``load("name")`` returns the text of ``name.sql`` beside this file. A line
``@include other`` stands for the text of ``other.sql``: common table expressions two queries
share live in one file (left unexpanded, the line is a syntax error, never silently nothing).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent
_INCLUDE = re.compile(r"^@include ([a-z0-9_]+)[ \t]*$", re.M)


@cache
def load(name: str) -> str:
    """Return the SQL text of ``lib/queries/<name>.sql``.

    Examples
    --------
    >>> "SELECT" in load("dataset_counts").upper()
    True
    >>> text = load("clv_holdout")  # includes clv_purchase_days
    >>> any(line.startswith("@include") for line in text.splitlines()), "firsts AS" in text
    (False, True)
    """
    path = _DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {_DIR}")
    return _INCLUDE.sub(lambda m: load(m.group(1)).rstrip(), path.read_text(encoding="utf-8"))
