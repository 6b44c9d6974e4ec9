"""Loaders of the comparison page (lib/compare/). A side is a dataset (its :class:`DatasetKey`)
and the lifecycle filters; its figures build on the loaders of the subjects that own them
(overview flags here, customer values, lifetimes, the stage distribution, the lifecycle curve and
the win-back contacts from their own loaders), so the comparison shares their caches."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import compare, recovery
from lib import lifecycle as lc
from lib.loaders import DatasetKey, available, cached, con
from lib.loaders import lifecycle as lifecycle_loaders
from lib.loaders import recovery as recovery_loaders
from lib.loaders import risk as risk_loaders
from lib.loaders import value as value_loaders

#: The stage rules' thresholds the comparison uses: the defaults every page opens with.
RULES = lc.Thresholds()


@cached
def members(key: DatasetKey, filters: lc.Filters) -> pd.DataFrame:
    """The customers of one side: customer_id, first_purchase."""
    return compare.members(con(key), key.dataset_id, filters)


@cached
def flags(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """The overview's headline flags of every customer at ``as_of``."""
    return compare.flags(con(key), key.dataset_id, as_of)


def _contacts(key: DatasetKey, as_of: date) -> pd.DataFrame | None:
    """The judged win-back contacts of the 12 months up to ``as_of`` (None without a win-back table)."""
    avail = available(key)
    if not avail.winback or avail.first_date is None:
        return None
    start, end = recovery.default_period(as_of, avail.first_date)
    return recovery_loaders.chosen(key, as_of, recovery.DEFAULT_N, start, end, ())


@cached
def side(key: DatasetKey, as_of: date, filters: lc.Filters, start: date | None) -> compare.SideFigures:
    """The figures of one side at ``as_of``; retention follows the customers active on ``start``
    (None: no retention curve, a cohort still open)."""
    life = risk_loaders.lifetimes(key, start, as_of, RULES) if start is not None else compare.NO_LIFETIMES
    return compare.side_figures(
        members(key, filters)["customer_id"], flags(key, as_of), value_loaders.customer_values(key, as_of),
        life, (as_of - start).days if start is not None else 0,
        lifecycle_loaders.distribution(key, as_of, RULES, filters), _contacts(key, as_of))


@cached
def comparison(key_a: DatasetKey, filters_a: lc.Filters, start_a: date | None, key_b: DatasetKey,
               filters_b: lc.Filters, start_b: date | None, as_of: date) -> compare.Comparison:
    """Both sides and the test of every difference."""
    return compare.compare(side(key_a, as_of, filters_a, start_a), side(key_b, as_of, filters_b, start_b))


@cached
def curve(key: DatasetKey, as_of: date, filters: lc.Filters) -> pd.DataFrame:
    """The side's lifecycle curve (mean revenue per customer by month of life), its reliable months."""
    return lc.reliable(lifecycle_loaders.curve(key, as_of, filters, "mean"))


@cached
def dimensions(key: DatasetKey) -> dict[str, tuple]:
    """The values each within-dataset kind can compare (the lifecycle page's filter values)."""
    return lifecycle_loaders.dimensions(key)
