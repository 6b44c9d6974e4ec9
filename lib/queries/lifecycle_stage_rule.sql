-- The stage rules: the one definition the as-of view, the trend and the transitions share.
-- Reads lc_features (lifecycle_features.sql, or the month-end features of lib.lifecycle's trend)
-- and adds `stage`. Day values are dates or day numbers; differences are days. The first
-- matching rule wins:
--   prospect   known, no purchase up to the as-of date
--   lost       a churn record on or after the last purchase, or more than $lost_days days without one
--   sleeping   more than the idle limit (lifecycle_idle_limit.sql) days without a purchase: after
--              the lost rule, more than max($sleep_days, $sleep_factor x the usual gap), the usual
--              gap being the mean days between purchase days, (last - first) / (n - 1)
--   new        first purchase less than $new_days days before the as-of date
--   won_back   the last return (lifecycle_returns.sql) less than $won_back_days days before it
--   growing    revenue of the last 12 months >= $growth x the 12 months before; customers with no
--              revenue in the 12 months before count as growing when they have some now
--   declining  revenue of the last 12 months <= $decline x the 12 months before
--   mature     everything else
SELECT *,
       CASE
           WHEN last_purchase IS NULL THEN 'prospect'
           WHEN last_churn >= last_purchase OR as_of - last_purchase > $lost_days THEN 'lost'
           WHEN as_of - last_purchase > (
@include lifecycle_idle_limit
           ) THEN 'sleeping'
           WHEN as_of - first_purchase < $new_days THEN 'new'
           WHEN as_of - last_return < $won_back_days THEN 'won_back'
           WHEN revenue_prev_12m <= 0 THEN CASE WHEN revenue_12m > 0 THEN 'growing' ELSE 'declining' END
           WHEN revenue_12m >= $growth * revenue_prev_12m THEN 'growing'
           WHEN revenue_12m <= $decline * revenue_prev_12m THEN 'declining'
           ELSE 'mature'
       END AS stage
FROM lc_features
