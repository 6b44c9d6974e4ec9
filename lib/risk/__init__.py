"""Churn risk (Abwanderungsrisiko): early-warning signals per customer, an explainable risk
score fitted and validated on the dataset's own history, the backtest that proves how well and
how early it warns, survival by group, the watch list and one customer's full story.

Which module owns what:

* :mod:`lib.risk.signals` -- the **signals** (:data:`SIGNALS`): DuckDB aggregates per customer
  and snapshot date (lib/queries/risk_signals.sql) turned into a value, a flag and a model
  feature per signal; each compares a recent window (90 days by default) with the customer's own
  baseline (the 365 days before it). Also who is active at a snapshot and who is lost within
  the horizon after it, P(alive) at a snapshot, and the :class:`Settings`.
* :mod:`lib.risk.model` -- the **risk score** 0-100: a logistic regression fitted with scipy
  (:func:`fit_logistic`) on the model features (:data:`FEATURES`, several per signal), or, when
  the history is too short, a rule-based score with editable points per flag (:class:`Weights`);
  the :class:`Scorer` (contributions per signal: the sum over its features), drivers, bands, AUC.
* :mod:`lib.risk.assess` -- the assessment at the as-of date: signals of every customer not lost
  and the model fitted on the signals at a past cutoff (as-of date minus the 180-day horizon) and
  three earlier snapshots 60 days apart, pooled, against "lost within the next 180 days" (all
  outcomes known by the as-of date; the ridge penalty chosen on time order); the scores and their
  summaries. :data:`WARNING_SIGNS` maps the early-warning list to the signals.
* :mod:`lib.risk.backtest` -- the **backtest** at a chosen cutoff: the model fitted one horizon
  earlier and tested on the cutoff's customers (out of time): ROC and AUC, precision and recall
  per band, gains and lift, lead time, and per signal the loss rate with versus without the flag.
* :mod:`lib.risk.watch` -- the **watch list** and the value x risk quadrant (value, value group and
  revenue at risk: :mod:`lib.metrics`'s).
* :mod:`lib.risk.story` -- one customer's **story**.
* :mod:`lib.risk.survival` -- **survival** after a start date by value group, segment, stage or
  acquisition channel (the maths is :mod:`lib.survival`).
* :mod:`lib.risk.export` -- the table of ``python -m lib score``.

Definitions shared with other pages are read, not repeated: the stage of a customer, lost and
sleeping, CLV, P(alive) and the value group at the as-of date are :mod:`lib.metrics`'s (the
stage rules of lib/queries/lifecycle_stage_rule.sql with :attr:`Settings.rules`, a
:class:`lib.lifecycle.Thresholds`). At every snapshot the signals take the rules' idle limit
from the same SQL (lib/queries/lifecycle_idle_limit.sql) and fit P(alive) with lib.clv's BG/NBD.

"Lost within the horizon" (the outcome): a churn record in (s, s + horizon], or no purchase in
that time while the idle days at its end exceed the idle limit
min(lost_days, max(sleep_days, sleep_factor x usual gap)) — an active customer became sleeping or
lost, a sleeping one did not come back. Every customer not lost at s (active or sleeping: the
stages :data:`lib.metrics.SCORED_STAGES`) is scored and modelled; lost customers are the
recovery page's (which turns to sleeping ones too).
"""
from lib.risk.assess import (Assessment, Scores, Training, assess, band_counts, score, score_histogram,
                             signal_summary)
from lib.risk.backtest import (LEAD_SAMPLE, Backtest, Calibration, calibration, top_lift, backtest, backtest_auc, band_table, earliest_cutoff, gains,
                               lead_histogram, lead_times, roc_curve, signal_evidence)
from lib.risk.export import score_table, with_labels
from lib.risk.model import (BANDS, DEFAULT_BANDS, FitError, LogisticFit, Scorer, Weights, auc, bands, default_bands,
                            fit_logistic)
from lib.risk.signals import (WARNING_SIGNS, FEATURE_SIGNAL, FEATURES, SIGNAL_INPUTS, SIGNAL_SOURCE, SIGNALS, Settings, activity, available_signals, customer_info,
                              fit_p_alive, raw_signals, signal_table, to_dates)
from lib.risk.story import Story, story
from lib.risk.survival import SurvivalGroups, lifetimes, survival_by, with_value_groups
from lib.risk.watch import (QUADRANTS, RISK_RATIO, WatchSummary, default_level, p_loss, quadrant_grid, quadrant_of,
                             quadrants, watch_frame, watch_summary)
from lib.stats import wilson

__all__ = [
    "Assessment", "BANDS", "Calibration", "calibration", "top_lift", "WARNING_SIGNS", "FEATURES", "FEATURE_SIGNAL", "SIGNAL_INPUTS", "Backtest", "RISK_RATIO", "default_level", "DEFAULT_BANDS", "FitError", "LEAD_SAMPLE", "LogisticFit", "QUADRANTS",
    "SIGNALS", "SIGNAL_SOURCE", "Scorer", "Scores", "Settings", "Story", "SurvivalGroups", "Training",
    "Weights", "activity", "assess", "auc", "available_signals", "backtest", "backtest_auc", "band_counts",
    "band_table", "bands", "customer_info", "default_bands", "earliest_cutoff", "fit_logistic", "fit_p_alive",
    "gains", "lead_histogram", "lead_times", "lifetimes", "p_loss", "quadrant_grid", "quadrant_of", "quadrants",
    "raw_signals",
    "roc_curve", "score", "score_histogram", "score_table", "with_labels", "signal_evidence", "signal_summary", "signal_table",
    "story", "survival_by", "to_dates", "watch_frame", "watch_summary", "WatchSummary", "wilson", "with_value_groups",
]
