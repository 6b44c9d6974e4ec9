"""The customers behind a number the page shows: a stage, a transition cell or a cohort cell
(:class:`Selection`), listed sorted and capped (:func:`customer_list`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from lib import db
from lib.lifecycle.filters import Filters, picked
from lib.lifecycle.stage import STAGES, UNKNOWN
from lib.queries import load

#: Columns a customer list can be sorted by.
SORT_KEYS = ("revenue_12m", "revenue_prev_12m", "last_purchase", "first_purchase", "n_purchases", "customer_id")
#: At most this many customers are listed (and exported) for a selection.
LIST_LIMIT = 2000


@dataclass(frozen=True)
class Selection:
    """What the page lists customers for: a stage ('stage', stage), a transition cell ('move',
    from, to) or a cohort cell ('cell', cohort as YYYY-MM-DD, age)."""

    kind: str
    a: str
    b: str = ""

    def encode(self) -> str:
        """The selection as URL text: ``stage:lost``, ``move:new>lost``, ``cell:2024-03-01@5``.

        Examples
        --------
        >>> Selection.decode(Selection("move", "new", "lost").encode())
        Selection(kind='move', a='new', b='lost')
        """
        sep = {"stage": "", "move": ">", "cell": "@"}[self.kind]
        return f"{self.kind}:{self.a}{sep}{self.b}"

    @staticmethod
    def decode(text: str | None) -> Selection | None:
        """The selection in ``text`` or None when it is not a valid one."""
        if not text or ":" not in text:
            return None
        kind, rest = text.split(":", 1)
        if kind == "stage" and rest in STAGES:
            return Selection("stage", rest)
        if kind == "move" and ">" in rest:
            a, b = rest.split(">", 1)
            if a in (UNKNOWN, *STAGES) and b in STAGES:
                return Selection("move", a, b)
        if kind == "cell" and "@" in rest:
            a, b = rest.split("@", 1)
            try:
                date.fromisoformat(a)
                if int(b) >= 0:
                    return Selection("cell", a, str(int(b)))
            except ValueError:
                return None
        return None


def customer_list(con: duckdb.DuckDBPyConnection, dataset_id: int, selection: Selection, filters: Filters,
                  stage_frame: pd.DataFrame, frame_from: pd.DataFrame | None = None, frame_to: pd.DataFrame | None = None,
                  sort: str = "revenue_12m", descending: bool = True, limit: int = LIST_LIMIT,
                  anon: bool = False) -> tuple[pd.DataFrame, int]:
    """The customers of a selection, sorted, at most ``limit`` of them; and how many there are.
    Ties (and ``sort`` "customer_id") go by the customer id, with ``anon`` by the pseudonym
    number (lib/anon.py), so an anonymised list does not show the order of the real ids.

    Columns: customer_id, name, segment, region, channel, stage_from, stage, first_purchase,
    last_purchase, n_purchases, revenue_12m, revenue_prev_12m.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort!r}")
    values = {"dataset_id": dataset_id, "sort": sort, "descending": descending, "limit": limit, "anon": anon}
    picked_frame = picked(con, dataset_id, filters)
    if selection.kind == "stage":
        chosen = db.run_arrow(con, load("lifecycle_chosen_stage"), {**values, "stage": selection.a},
                              lc_stages=stage_frame, lc_picked=picked_frame)
    elif selection.kind == "move":
        chosen = db.run_arrow(con, load("lifecycle_chosen_move"),
                              {**values, "stage_from": selection.a, "stage_to": selection.b},
                              lc_from=frame_from[["cidx", "stage"]], lc_to=frame_to, lc_picked=picked_frame)
    else:
        chosen = db.run_arrow(con, load("lifecycle_chosen_cell"),
                              {**values, "cohort": date.fromisoformat(selection.a), "age": int(selection.b)},
                              lc_stages=stage_frame, lc_picked=picked_frame)
    # one query lists every kind of selection: the selections differ only in who is chosen
    df = db.run_query(con, load("lifecycle_list"), values, lc_chosen=chosen)
    total = int(df["total"].iloc[0]) if len(df) else 0
    df = df.drop(columns="total")
    for col in ("stage", "stage_from"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df, total
