"""Loaders of the per-customer metrics (lib/metrics.py): stage, lost/sleeping, P(alive), CLV and
value group, computed once per dataset and as-of date for every page that shows them."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import lifecycle as lc
from lib import metrics
from lib.loaders import DatasetKey, cached, con
from lib.loaders.value import clv_model, customer_values


@cached
def customer_metrics(key: DatasetKey, as_of: date) -> metrics.Metrics:
    """Every customer known at ``as_of`` with stage, lost, sleeping, P(alive), CLV, CLV if the
    customer stays, 12-month revenue and value group (the CLV models and the historic value:
    the value page's, :func:`lib.loaders.value.clv_model` and ``customer_values``)."""
    return metrics.customer_metrics(con(key), key.dataset_id, as_of, model=clv_model(key, as_of),
                                    values=customer_values(key, as_of))


@cached
def value_groups(key: DatasetKey, as_of: date, basis: str = metrics.DEFAULT_VALUE_BASIS) -> pd.DataFrame:
    """:attr:`lib.metrics.Metrics.frame` at ``as_of`` with value and value group on ``basis``
    (one of :data:`lib.metrics.VALUE_BASES`)."""
    return metrics.with_basis(customer_metrics(key, as_of).frame, basis)


@cached
def stages(key: DatasetKey, as_of: date, thresholds: lc.Thresholds = lc.Thresholds()) -> pd.DataFrame:
    """customer_id and stage of every customer known at ``as_of`` (no CLV fit)."""
    return metrics.stages(con(key), key.dataset_id, as_of, thresholds)


@cached
def pending_notices(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """The customers with a cancellation notice pending at ``as_of`` (:func:`lib.metrics.pending_notices`)."""
    return metrics.pending_notices(con(key), key.dataset_id, as_of)
