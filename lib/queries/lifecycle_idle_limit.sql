-- The idle limit of the stage rules: a customer without a purchase for more than this many days
-- is sleeping or lost. One expression, included where a query needs it (the stage rule
-- lifecycle_stage_rule.sql; the risk signals risk_signals.sql at every snapshot; the lifetimes
-- risk_lifetimes.sql):
--   least($lost_days, greatest($sleep_days, $sleep_factor x the usual gap)),
-- the usual gap being the mean days between purchase days, (last - first) / (n - 1), 0 with one.
-- Reads the columns first_purchase, last_purchase (dates or day numbers) and n_purchases.
least($lost_days, greatest($sleep_days, $sleep_factor *
      CASE WHEN n_purchases > 1 THEN (last_purchase - first_purchase) / (n_purchases - 1) ELSE 0 END))
