"""What the two sides of a comparison are: two datasets of the file, or two values of one
dimension of one dataset (segment, region, acquisition channel, cohort by first-purchase year or
quarter). A side is a dataset and the lifecycle page's :class:`lib.lifecycle.Filters`; its
customers are those whose filter combination the filters keep (:func:`members`, through
lifecycle_picked.sql), so "segment X" means here what it means on the lifecycle page.
"""
from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

from lib import db
from lib import lifecycle as lc
from lib.queries import load

#: What can be compared: two datasets, or two values of one dimension of the sidebar's dataset.
KINDS = ("datasets", "segment", "region", "channel", "cohort_year", "cohort_quarter")
#: The dimension of :func:`lib.lifecycle.dimensions` each within-dataset kind offers the values of.
DIMENSION = {"segment": "segment", "region": "region", "channel": "channel",
             "cohort_year": "cohort", "cohort_quarter": "cohort"}


def cohort_id(month: date, kind: str) -> str:
    """The id of the cohort a first-purchase month belongs to: '2024' or '2024-Q2'.

    Examples
    --------
    >>> cohort_id(date(2024, 5, 1), "cohort_year"), cohort_id(date(2024, 5, 1), "cohort_quarter")
    ('2024', '2024-Q2')
    """
    return str(month.year) if kind == "cohort_year" else f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def choices(dimensions: dict[str, tuple], kind: str) -> tuple[str, ...]:
    """The values a within-dataset ``kind`` offers, in order: segment, region or channel names
    (``''`` = unknown), or cohort ids (:func:`cohort_id`) of the months that have customers.

    Examples
    --------
    >>> dims = {"segment": ("", "B2B"), "cohort": (date(2023, 11, 1), date(2024, 1, 1), date(2024, 2, 1))}
    >>> choices(dims, "segment"), choices(dims, "cohort_year"), choices(dims, "cohort_quarter")
    (('', 'B2B'), ('2023', '2024'), ('2023-Q4', '2024-Q1'))
    """
    values = dimensions.get(DIMENSION[kind], ())
    if DIMENSION[kind] != "cohort":
        return tuple(values)
    return tuple(dict.fromkeys(cohort_id(m, kind) for m in sorted(values)))


def filters_for(kind: str, value: str) -> lc.Filters:
    """The lifecycle filters of one side: all customers for a dataset, else the one segment,
    region or channel, or the first-purchase months of the cohort year or quarter.

    Examples
    --------
    >>> filters_for("cohort_quarter", "2024-Q2")
    Filters(segments=(), regions=(), channels=(), cohort_from=datetime.date(2024, 4, 1), cohort_to=datetime.date(2024, 6, 1))
    >>> filters_for("region", "North").regions
    ('North',)
    """
    if kind == "datasets":
        return lc.Filters()
    if kind == "segment":
        return lc.Filters(segments=(value,))
    if kind == "region":
        return lc.Filters(regions=(value,))
    if kind == "channel":
        return lc.Filters(channels=(value,))
    year = int(value[:4])
    if kind == "cohort_year":
        return lc.Filters(cohort_from=date(year, 1, 1), cohort_to=date(year, 12, 1))
    quarter = int(value[-1])
    return lc.Filters(cohort_from=date(year, 3 * quarter - 2, 1), cohort_to=date(year, 3 * quarter, 1))


def default_pair(options: tuple[str, ...], first: str | None = None) -> tuple[str, str]:
    """The two values a comparison opens with: ``first`` (when offered) or the first option, and
    the first other option (the same twice when there is only one).

    Examples
    --------
    >>> default_pair(("a", "b", "c")), default_pair(("a", "b", "c"), "c"), default_pair(("a",))
    (('a', 'b'), ('c', 'a'), ('a', 'a'))
    """
    a = first if first in options else (options[0] if options else "")
    b = next((o for o in options if o != a), a)
    return a, b


def members(con: duckdb.DuckDBPyConnection, dataset_id: int, filters: lc.Filters) -> pd.DataFrame:
    """The customers of the side: customer_id and first_purchase (NULL for prospects), sorted."""
    return db.run_query(con, load("compare_members"), {"dataset_id": dataset_id},
                        lc_picked=lc.picked(con, dataset_id, filters))


def cohort_end(kind: str, value: str) -> date:
    """The last day of a cohort (year or quarter of the first purchase).

    Examples
    --------
    >>> cohort_end("cohort_year", "2024"), cohort_end("cohort_quarter", "2024-Q1")
    (datetime.date(2024, 12, 31), datetime.date(2024, 3, 31))
    """
    last_month = filters_for(kind, value).cohort_to
    return (last_month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def retention_start(kind: str, value: str, first: date, as_of: date) -> date | None:
    """Where one side's retention curve starts: for a cohort its last day (by then every customer
    of it has made the first purchase; None while the cohort is still open at ``as_of``), else
    :func:`survival_start` of the data's first date, the same for both sides.

    Examples
    --------
    >>> retention_start("cohort_year", "2024", date(2023, 1, 1), date(2025, 12, 31))
    datetime.date(2024, 12, 31)
    >>> retention_start("cohort_year", "2025", date(2023, 1, 1), date(2025, 12, 31)) is None
    True
    >>> retention_start("segment", "B2C", date(2023, 1, 1), date(2025, 12, 31))
    datetime.date(2024, 1, 1)
    """
    if kind in ("cohort_year", "cohort_quarter"):
        end = cohort_end(kind, value)
        return end if end < as_of else None
    return survival_start(first, as_of)


def survival_start(first: date, as_of: date) -> date:
    """Where the retention curves start: customers active on this day are followed to the as-of
    date. Two years before the as-of date (so retention after 12 months is observed for all of
    them), but not within the first year of the data (no one would be active yet by the stage
    rules' history), and half-way through a shorter history. The risk page's survival tab opens
    with the same day.

    Examples
    --------
    >>> survival_start(date(2023, 1, 1), date(2025, 12, 31)), survival_start(date(2023, 1, 1), date(2023, 11, 1))
    (datetime.date(2024, 1, 1), datetime.date(2023, 6, 2))
    """
    start = max(first + timedelta(days=365), as_of - timedelta(days=730))
    if start >= as_of:
        start = first + (as_of - first) // 2
    return start
