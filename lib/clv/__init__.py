"""Customer lifetime value: buy-till-you-die models fitted by maximum likelihood.

One module per subject, as lifetimes and pymc-marketing are laid out:

=====================  =======================================================================
module                 owns
=====================  =======================================================================
``summary``            :class:`CalibrationSummary` (``x``, ``t_x``, ``T``, spend, hold-out) from
                       a frame or from DuckDB (``clv_summary*.sql``), first purchase days, weekly
                       repeat purchases (``clv_holdout.sql``)
``optimise``           :class:`FitError`, input checks, grouping to distinct histories, the
                       L-BFGS-B + Newton optimiser and the standard errors
``bgnbd``              BG/NBD (Fader, Hardie & Lee 2005): fit, log-likelihood, P(alive),
                       conditional expectation
``pareto_nbd``         Pareto/NBD (Schmittlein, Morrison & Colombo 1987): fit, log-likelihood,
                       P(alive), conditional expectation
``tail``               the Pareto/NBD likelihood's tail integral (a Gaussian hypergeometric
                       function) and its derivatives, in log space
``gamma_gamma``        Gamma-Gamma spend model (Fader, Hardie & Lee 2005b): fit,
                       log-likelihood, expected spend per purchase
``predict``            :func:`fit_all` (the Pareto/NBD on request), :func:`with_pareto_nbd`, the
                       model-independent predictions (:func:`p_alive`,
                       expected purchases, next purchase), discounted CLV, the naive fallback,
                       the per-customer :func:`clv_table`
``holdout``            hold-out validation and the cumulative tracking series
``simulate``           simulated customers for tests (the timing check is bench/clv_timing.py)
=====================  =======================================================================

Every failure to fit raises :class:`FitError` with a plain-English message; no function here
returns a silent NaN. Time is measured in weeks throughout; same-day purchases are one
purchase. ``from lib import clv`` gives the public names below; code inside the package imports
from the sibling modules.
"""
from __future__ import annotations

from lib.clv.optimise import MIN_CUSTOMERS, FitError
from lib.clv.summary import (
    CalibrationSummary,
    first_purchase_days,
    summary_from_db,
    summary_from_frame,
    weekly_repeats_from_db,
    weekly_repeats_from_frame,
)
from lib.clv.bgnbd import BGNBDFit, bgnbd_loglik, fit_bgnbd
from lib.clv.pareto_nbd import ParetoNBDFit, fit_pareto_nbd, pareto_nbd_loglik
from lib.clv.gamma_gamma import GammaGammaFit, expected_average_spend, fit_gamma_gamma, gamma_gamma_loglik
from lib.clv.predict import (
    WEEKS_PER_MONTH,
    WEEKS_PER_YEAR,
    ClvFits,
    TransactionFit,
    clv_table,
    customer_lifetime_value,
    expected_next_purchase,
    expected_purchases,
    expected_purchases_unconditional,
    fit_all,
    naive_clv,
    p_alive,
    with_pareto_nbd,
)
from lib.clv.holdout import HoldoutReport, TrackingSeries, cumulative_tracking, holdout_validation
from lib.clv.simulate import simulate_bgnbd, simulate_spend

__all__ = [
    "MIN_CUSTOMERS",
    "WEEKS_PER_MONTH",
    "WEEKS_PER_YEAR",
    "BGNBDFit",
    "CalibrationSummary",
    "ClvFits",
    "FitError",
    "GammaGammaFit",
    "HoldoutReport",
    "ParetoNBDFit",
    "TrackingSeries",
    "TransactionFit",
    "bgnbd_loglik",
    "clv_table",
    "cumulative_tracking",
    "customer_lifetime_value",
    "expected_average_spend",
    "expected_next_purchase",
    "expected_purchases",
    "expected_purchases_unconditional",
    "first_purchase_days",
    "fit_all",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "fit_pareto_nbd",
    "gamma_gamma_loglik",
    "holdout_validation",
    "naive_clv",
    "p_alive",
    "pareto_nbd_loglik",
    "simulate_bgnbd",
    "simulate_spend",
    "summary_from_db",
    "summary_from_frame",
    "weekly_repeats_from_db",
    "weekly_repeats_from_frame",
    "with_pareto_nbd",
]
