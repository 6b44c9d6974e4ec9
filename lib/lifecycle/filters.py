"""The page's filters: segment, region, acquisition channel and cohort (:class:`Filters`), the
values each offers (:func:`dimensions`), and the filter combinations they keep (:func:`picked`).

Every customer carries one small number, ``combo``, for their combination of segment, region,
channel and cohort (lifecycle_combos); a filter resolves once into the combos it keeps, and every
aggregate joins on them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from lib import db
from lib.queries import load


@dataclass(frozen=True)
class Filters:
    """The page's filters; an empty tuple means all values, a ``None`` cohort bound is open.

    A cohort is the month of a customer's first purchase in the data; the page bounds it by the
    as-of month, so customers who first buy after the as-of date drop out with any cohort range.

    Examples
    --------
    >>> Filters().active, Filters(segments=("B2B SME",)).active
    (False, True)
    """

    segments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    cohort_from: date | None = None
    cohort_to: date | None = None

    def params(self) -> dict:
        return {"segments": list(self.segments), "regions": list(self.regions), "channels": list(self.channels),
                "cohort_from": self.cohort_from, "cohort_to": self.cohort_to}

    @property
    def active(self) -> bool:
        return bool(self.segments or self.regions or self.channels or self.cohort_from or self.cohort_to)


def dimensions(con: duckdb.DuckDBPyConnection, dataset_id: int) -> dict[str, tuple]:
    """The values each filter offers: segment, region and channel names (``''`` = unknown) and
    cohorts (first days of months), each in order."""
    df = db.run_query(con, load("lifecycle_dimensions"), {"dataset_id": dataset_id})
    out: dict[str, tuple] = {d: () for d in ("segment", "region", "channel", "cohort")}
    for dim, group in df.groupby("dimension", sort=False):
        values = tuple(group["value"])
        out[dim] = tuple(date.fromisoformat(v) for v in values) if dim == "cohort" else values
    return out


def picked(con: duckdb.DuckDBPyConnection, dataset_id: int, filters: Filters) -> pd.DataFrame:
    """The filter combinations the filters keep: combo, segment, region, channel, cohort, customers."""
    return db.run_query(con, load("lifecycle_picked"), {"dataset_id": dataset_id, **filters.params()})
