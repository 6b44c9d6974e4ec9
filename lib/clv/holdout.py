"""Hold-out validation of the repeat-purchase models: predicted against actual purchases.

:func:`holdout_validation` compares, per calibration frequency group, the mean actual repeat
purchases of the hold-out period with each model's conditional expectation (Fader & Hardie's
"conditional expectations" check); :func:`cumulative_tracking` is the weekly cumulative
tracking plot of the cohort.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib.clv.optimise import FloatArray
from lib.clv.predict import ClvFits, TransactionFit, expected_purchases, expected_purchases_unconditional
from lib.clv.summary import CalibrationSummary


@dataclass(frozen=True, eq=False)  # holds arrays: identity, not element-wise, equality
class HoldoutReport:
    """Predicted against actual repeat purchase days in the hold-out period.

    ``by_frequency`` has one row per calibration frequency group (``"0"`` … ``"6"``,
    ``"7+"``): ``customers``, mean ``actual`` and the mean prediction of each model.
    """

    holdout_weeks: float
    actual_total: int
    predicted_total: dict[str, float]
    by_frequency: pd.DataFrame


@dataclass(frozen=True, eq=False)  # holds arrays: identity, not element-wise, equality
class TrackingSeries:
    """Weekly cumulative repeat purchases: ``week`` 1..n, ``predicted`` per model and
    ``actual`` (``None`` when no actual counts were given)."""

    week: NDArray[np.int64]
    predicted: dict[str, FloatArray]
    actual: FloatArray | None


def _models(models: ClvFits | Mapping[str, TransactionFit]) -> dict[str, TransactionFit]:
    return models.transaction_models if isinstance(models, ClvFits) else dict(models)


def holdout_validation(
    summary: CalibrationSummary,
    models: ClvFits | Mapping[str, TransactionFit],
    holdout_weeks: float | None = None,
) -> HoldoutReport:
    """Predicted against actual repeat purchase days in the hold-out period.

    Totals per model and, per calibration frequency group (0 … 6, 7+), the mean actual and
    mean conditional expectation — Fader & Hardie's "conditional expectations" check.

    Examples
    --------
    >>> from datetime import date
    >>> s = CalibrationSummary(np.array(["a", "b"], dtype=object), np.array([0, 3]),
    ...     np.array([0.0, 20.0]), np.array([30.0, 30.0]), np.array([0.0, 10.0]),
    ...     np.array([0, 2]), date(2024, 1, 1), date(2024, 7, 1))
    >>> from lib.clv.bgnbd import BGNBDFit
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> holdout_validation(s, {"bgnbd": fit}).actual_total
    2
    """
    weeks = summary.holdout_weeks if holdout_weeks is None else float(holdout_weeks)
    fits = _models(models)
    preds = {name: expected_purchases(fit, weeks, summary.x, summary.t_x, summary.T) for name, fit in fits.items()}
    group = np.minimum(summary.x, 7)
    labels = [str(k) for k in range(7)] + ["7+"]
    frame = pd.DataFrame({"group": group, "actual": summary.x_holdout, **preds})
    table = frame.groupby("group").agg(
        customers=("actual", "size"), actual=("actual", "mean"), **{name: (name, "mean") for name in preds}
    )
    table = table.reindex(range(8))
    table.insert(0, "x", labels)
    table["customers"] = table["customers"].fillna(0).astype(np.int64)
    return HoldoutReport(
        holdout_weeks=weeks,
        actual_total=int(np.sum(summary.x_holdout)),
        predicted_total={name: float(v.sum()) for name, v in preds.items()},
        by_frequency=table.reset_index(drop=True),
    )


def cumulative_tracking(
    models: ClvFits | Mapping[str, TransactionFit],
    first_purchase_day: ArrayLike,
    n_weeks: int,
    actual_weekly: ArrayLike | None = None,
) -> TrackingSeries:
    """Weekly cumulative repeat purchases of the cohort: predicted against actual.

    For the end of week k (day 7k-1 counted from day 0, the last day of the week — the same
    convention as ``T``) the prediction is Σ_i E[X((7k-1-d_i)/7)] over the customers whose
    first purchase day d_i is on or before that day, with E[X(t)] the unconditional
    expectation (:func:`expected_purchases_unconditional`).

    Parameters
    ----------
    first_purchase_day : day of each customer's first purchase from day 0
        (:func:`first_purchase_days`).
    actual_weekly : repeat purchases per week (:func:`weekly_repeats_from_frame`), optional.

    Examples
    --------
    >>> from lib.clv.bgnbd import BGNBDFit
    >>> fit = BGNBDFit.from_params(0.243, 4.414, 0.793, 2.426)
    >>> ts = cumulative_tracking({"bgnbd": fit}, [0, 3, 10], 4, [0, 1, 0, 2])
    >>> ts.actual.tolist()
    [0.0, 1.0, 1.0, 3.0]
    """
    days, counts = np.unique(np.asarray(first_purchase_day, dtype=np.int64), return_counts=True)
    weeks = np.arange(1, int(n_weeks) + 1)
    elapsed = (7 * weeks[:, None] - 1 - days[None, :]) / 7.0
    predicted = {}
    for name, fit in _models(models).items():
        ex = expected_purchases_unconditional(fit, np.maximum(elapsed, 0.0))
        predicted[name] = (ex * (elapsed >= 0)) @ counts.astype(float)
    actual = None
    if actual_weekly is not None:
        act = np.asarray(actual_weekly, dtype=float)
        if act.shape != (int(n_weeks),):
            raise ValueError(f"actual_weekly needs {int(n_weeks)} weekly counts, got {act.shape}")
        actual = np.cumsum(act)
    return TrackingSeries(week=weeks, predicted=predicted, actual=actual)
