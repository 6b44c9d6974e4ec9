"""Loaders of the value page (lib/value.py; the CLV models in lib/clv/).

Everything is keyed by the dataset and the as-of date; the CLV models are fitted once per
dataset and as-of date and every CLV view builds on those loaders: :func:`clv_model` (BG/NBD
and Gamma-Gamma: P(alive) and CLV of the default model, also for the metrics and win-back) and
:func:`clv_models` (that fit with the Pareto/NBD added, for the value page).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lib import value
from lib.charts import value as charts
from lib.loaders import DatasetKey, cached, con


@cached
def customer_values(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """One row per customer with a purchase up to ``as_of`` (value_customers.sql)."""
    return value.customer_values(con(key), key.dataset_id, as_of)


@cached
def default_cuts(key: DatasetKey, as_of: date) -> value.RfmCuts:
    """The RFM quintile cut points of the customers at ``as_of``."""
    return value.default_cuts(customer_values(key, as_of))


@cached
def concentration(key: DatasetKey, as_of: date, basis: str) -> value.Concentration:
    """Total, median, Gini, Lorenz curve and ABC classes of ``basis`` (revenue_12m or revenue_all)."""
    return value.concentration(customer_values(key, as_of), basis)


@cached
def value_bands(key: DatasetKey, as_of: date, basis: str, lang: str) -> pd.DataFrame:
    """Customers per value band of ``basis``, the bands labelled in ``lang``."""
    return charts.value_bands(customer_values(key, as_of)[basis].to_numpy(dtype=float), lang=lang)


@cached
def rfm_scores(key: DatasetKey, as_of: date, cuts: value.RfmCuts) -> pd.DataFrame:
    """RFM scores and segment per customer at ``as_of``."""
    return value.rfm_scores(customer_values(key, as_of), cuts)


@cached
def migration(key: DatasetKey, as_of: date, from_date: date, cuts: value.RfmCuts) -> pd.DataFrame:
    """RFM segment migration from ``from_date`` to ``as_of``, both scored with ``cuts``."""
    return value.migration_from((customer_values(key, from_date), rfm_scores(key, as_of, cuts)), cuts)


@cached
def clv_model(key: DatasetKey, as_of: date) -> value.ClvModel:
    """BG/NBD and Gamma-Gamma fitted on all history up to ``as_of`` (or why not)."""
    return value.clv_model(con(key), key.dataset_id, as_of)


@cached
def clv_models(key: DatasetKey, as_of: date) -> value.ClvModel:
    """:func:`clv_model` with the Pareto/NBD fitted as well (or why it could not be)."""
    return value.with_pareto_nbd(clv_model(key, as_of))


@cached
def clv_predictions(key: DatasetKey, as_of: date, settings: value.ClvSettings) -> pd.DataFrame:
    """P(alive), expected purchases and spend, CLV per customer under ``settings`` (the
    Pareto/NBD is fitted only when ``settings`` choose it)."""
    model = clv_models(key, as_of) if settings.model == "pareto_nbd" else clv_model(key, as_of)
    return value.clv_predictions(model, settings)


@cached
def with_clv(key: DatasetKey, as_of: date, settings: value.ClvSettings, cuts: value.RfmCuts) -> pd.DataFrame:
    """The customer values with predicted CLV, RFM segment (``segment_rfm``) and ABC class."""
    return value.enrich(customer_values(key, as_of), clv_predictions(key, as_of, settings), cuts)


@cached
def validation(key: DatasetKey, as_of: date, holdout_weeks: int) -> value.Validation:
    """The models fitted before the last ``holdout_weeks`` weeks against what happened then."""
    return value.validation(con(key), key.dataset_id, as_of, holdout_weeks)


@cached
def high_value(key: DatasetKey, as_of: date, settings: value.ClvSettings, cuts: value.RfmCuts,
               rule: value.SplitRule) -> np.ndarray:
    """True for the customers of :func:`with_clv` in the high-value group under ``rule``."""
    frame = with_clv(key, as_of, settings, cuts)
    # The rule's "segment" is the RFM segment; the customers table's segment steps aside.
    return value.high_value(frame.rename(columns={"segment": "customer_segment", "segment_rfm": "segment"}), rule)


@cached
def group_tests(key: DatasetKey, as_of: date, settings: value.ClvSettings, cuts: value.RfmCuts,
                rule: value.SplitRule) -> list[value.GroupTest]:
    """Every profile metric tested between the high- and the low-value group."""
    return value.compare_groups(with_clv(key, as_of, settings, cuts), high_value(key, as_of, settings, cuts, rule))
