-- Stage and the numbers behind it, per customer of dataset $dataset_id known at $as_of: the stage
-- rules (lc_staged, lifecycle_staged.sql) over the features (lifecycle_features.sql). `lost_12m`
-- is the outcome the later danger points compare: no purchase in the last 12 months, or a churn
-- record in them with no purchase after it (the overview's annual churn, for customers who were
-- active 12 months ago).
WITH lc_features AS (
@include lifecycle_features
),
@include lifecycle_staged
SELECT cidx, combo, CAST(list_position($stage_order, stage) - 1 AS TINYINT) AS stage_code,
       first_purchase, last_purchase, n_purchases, revenue_12m, revenue_prev_12m,
       last_return,
       NOT bought_12m OR coalesce(last_churn > $w12 AND last_churn >= last_purchase, false) AS lost_12m
FROM lc_staged
