"""SQL files, one query each; the file name says what it returns.

Queries take named parameters (``$dataset_id``, ``$as_of``...) and are never assembled from user
input. ``load("name")`` returns the text of ``name.sql`` beside this file.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent


@cache
def load(name: str) -> str:
    """Return the SQL text of ``lib/queries/<name>.sql``.

    Examples
    --------
    >>> "SELECT" in load("dataset_counts").upper()
    True
    """
    path = _DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {_DIR}")
    return path.read_text(encoding="utf-8")
