-- The lifecycle page's stage-rule inputs (see lifecycle_features.sql) at two dates, 'now' = $as_of
-- and 'then' = $then, per customer of rc_dates (recovery_dates.sql). Only the columns the rules
-- for lost and sleeping read are real; the revenue and return columns are placeholders, so only
-- the stages lost and sleeping of the result are used (recovery_stock.sql keeps just those).
SELECT cidx, 'now' AS at, CAST($as_of AS DATE) AS as_of, first_purchase, last_now AS last_purchase,
       n_now AS n_purchases, churn_now AS last_churn, last_now,
       CAST(NULL AS DATE) AS last_return, 0.0 AS revenue_12m, 0.0 AS revenue_prev_12m
FROM rc_dates
UNION ALL
SELECT cidx, 'then', CAST($then AS DATE), first_purchase, last_then, n_then, churn_then, last_now,
       CAST(NULL AS DATE), 0.0, 0.0
FROM rc_dates
WHERE last_then IS NOT NULL
