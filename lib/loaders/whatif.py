"""Loaders of the what-if panel (lib/whatif.py): the baseline of a dataset at an as-of date, built
on the win-back page's losses and the shared 12-month values and stages, and a projection under
chosen levers."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import lifecycle, whatif
from lib.loaders import DatasetKey, cached
from lib.loaders.metrics import stages
from lib.loaders.recovery import base
from lib.loaders.value import customer_values


@cached
def baseline(key: DatasetKey, as_of: date) -> whatif.Baseline:
    """This dataset's rates and customers at ``as_of`` (:func:`lib.whatif.baseline_from`)."""
    then = lifecycle.months_back(as_of, 12)
    return whatif.baseline_from(as_of, base(key, as_of), customer_values(key, as_of), customer_values(key, then),
                                stages(key, as_of), stages(key, then))


@cached
def projection(key: DatasetKey, as_of: date, levers: whatif.Levers) -> pd.DataFrame:
    """Today's course and the scenario of ``levers``, month by month (:func:`lib.whatif.project`)."""
    return whatif.project(baseline(key, as_of), levers)
