"""Loaders of the overview page (lib/overview.py)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import overview
from lib.loaders import DatasetKey, cached, con


@cached
def kpis(key: DatasetKey, as_of: date) -> tuple[overview.Kpis, overview.Kpis]:
    """The headline numbers at ``as_of`` and a year earlier."""
    return overview.kpis_with_previous(con(key), key.dataset_id, as_of)


@cached
def monthly_activity(key: DatasetKey, as_of: date) -> pd.DataFrame:
    """Revenue and buyers per month up to ``as_of``."""
    return overview.monthly_activity(con(key), key.dataset_id, as_of)


@cached
def coverage(key: DatasetKey) -> pd.DataFrame:
    """Which input tables the dataset holds, with rows, customers and date range."""
    return overview.coverage(con(key), key.dataset_id)
