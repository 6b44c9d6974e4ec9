"""Customer win-back (Kundenrückgewinnung) in five steps, one module per step:

* :mod:`lib.recovery.losses`: step 1, *identify*. Every loss, the customers lost or sleeping at
  the as-of date and a year earlier (:func:`base`), their former value, the likelihood of return,
  the candidate list with its priority, CLV at loss and export.
* :mod:`lib.recovery.notices`: between steps 1 and 2, *cancellation management*: notices
  received, saved (averted or withdrawn) or taken effect, the save rate by measure, reason,
  segment and value group, revenue kept, whether saved customers stay, and the open notices.
  Not re-exported here (its names would clash): ``from lib.recovery import notices``.
* :mod:`lib.recovery.causes`: step 2, *why they left*. Losses of a period and per month, the
  Pareto of reasons, breakdowns, the stage before the loss and the early-warning signals.
* :mod:`lib.recovery.campaigns`: steps 3 and 4, *measures and success control*. The win-back
  contacts and their outcomes, the effect of a campaign or measure against its control group
  (Holm-adjusted over the rows of a table), the effect pooled over the campaigns (exact
  stratified test) and how the two read together, the reason x measure grid, the timing of
  win-backs and the plain-words summary.
* :mod:`lib.recovery.loyalty`: step 5, *second loyalty*, and the after-sales view.

Statistics (rates, Wilson, uplift with the Newcombe interval and Fisher's test, the pooled
uplift and exact stratified test, Holm's correction, the p-value wording) are :mod:`lib.stats`;
Kaplan-Meier and log-rank are :mod:`lib.survival`; CLV comes from :mod:`lib.value`. Lost and sleeping are the lifecycle page's: the SQL files include the one stage
rule (``lifecycle_stage_rule.sql``) and read the lifecycle derived tables, which are built before
any loader runs (not here). What a dataset holds is :func:`lib.db.available`. The page's cached
loaders are :mod:`lib.loaders.recovery`.

This package re-exports the public names of its modules, so ``recovery.base(...)`` works.
"""
from lib.recovery.campaigns import (DEFAULT_N, EMPTY_CONTACTS, MIN_CELL, READINGS, Effect, Pooled, Summary,
                                    contacts, cumulative_wins, default_period, effect, effects, in_period, outcomes,
                                    pooled, reading, reason_measure, summary)
from lib.recovery.causes import (EVENT_SIGNALS, KNOWN_REASONS, REFERENCE_SAMPLE, SIGNAL_DAYS, SIGNALS, breakdown,
                                 breakdown_of, loss_details, losses_in, monthly_losses, pareto, signal_table,
                                 value_groups)
from lib.recovery.losses import (EXPORT_COLUMNS, GROUPS, IDLE_BANDS, KINDS, NO_REASON, PRIOR_WEIGHT, SILENT, Base,
                                 base, candidate_export, candidates, clv_at_loss, idle_band, prioritise, reason_key,
                                 return_likelihood, stock_counts, with_clv, with_value)
from lib.recovery.loyalty import (MATCH_RATIO, SATISFIED, STUDY, TENURE_BANDS, Loyalty, aftersales, chart_curve,
                                  loyalty, rechurn, tenure_band, third_attempt, value_change)

__all__ = [
    # losses
    "PRIOR_WEIGHT", "KINDS", "GROUPS", "NO_REASON", "SILENT", "IDLE_BANDS", "EXPORT_COLUMNS", "Base", "base",
    "reason_key", "idle_band", "stock_counts", "return_likelihood", "candidates", "prioritise", "clv_at_loss",
    "with_clv", "with_value", "candidate_export",
    # causes
    "SIGNAL_DAYS", "REFERENCE_SAMPLE", "KNOWN_REASONS", "SIGNALS", "EVENT_SIGNALS", "losses_in", "monthly_losses",
    "pareto", "breakdown", "breakdown_of", "value_groups", "loss_details", "signal_table",
    # campaigns
    "DEFAULT_N", "MIN_CELL", "EMPTY_CONTACTS", "contacts", "outcomes", "in_period", "Effect", "effect", "effects",
    "reason_measure", "cumulative_wins", "Summary", "summary", "default_period", "Pooled", "pooled", "READINGS",
    "reading",
    # loyalty
    "MATCH_RATIO", "TENURE_BANDS", "STUDY", "SATISFIED", "Loyalty", "loyalty", "tenure_band", "chart_curve",
    "third_attempt", "value_change", "rechurn", "aftersales",
]
