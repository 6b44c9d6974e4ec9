-- What the stage rules need, per customer of dataset $dataset_id known at $as_of:
-- cidx, combo, as_of, first_purchase, last_purchase, n_purchases, revenue_12m, revenue_prev_12m,
-- last_churn, last_return, bought_12m. lifecycle_stage_rule.sql classifies them.
-- Parameters: $as_of; $w12 and $w24, the exclusive starts of the last 12 months and of the 12
-- months before (lib.lifecycle.window_starts). Reads lc_returns (lifecycle_returns.sql).
WITH per AS (
    SELECT cidx,
           max(day) FILTER (WHERE purchase) AS last_purchase,
           count(*) FILTER (WHERE purchase) AS n_purchases,
           sum(amount) FILTER (WHERE day > $w12) AS revenue_12m,
           sum(amount) FILTER (WHERE day > $w24 AND day <= $w12) AS revenue_prev_12m,
           bool_or(purchase AND day > $w12) AS bought_12m
    FROM lifecycle_days
    WHERE dataset_id = $dataset_id AND day <= $as_of
    GROUP BY cidx
),
churned AS (
    SELECT cidx, max(date) AS last_churn
    FROM lifecycle_churn
    WHERE dataset_id = $dataset_id AND date <= $as_of
    GROUP BY cidx
),
returned AS (
    SELECT cidx, CAST(max(day) AS DATE) AS last_return FROM lc_returns WHERE day <= $as_of GROUP BY cidx
)
SELECT c.cidx, c.combo, CAST($as_of AS DATE) AS as_of,
       CASE WHEN c.first_purchase <= $as_of THEN c.first_purchase END AS first_purchase,
       p.last_purchase,
       coalesce(p.n_purchases, 0) AS n_purchases,
       CAST(coalesce(p.revenue_12m, 0) AS DOUBLE) AS revenue_12m,
       CAST(coalesce(p.revenue_prev_12m, 0) AS DOUBLE) AS revenue_prev_12m,
       ch.last_churn, r.last_return,
       coalesce(p.bought_12m, false) AS bought_12m
FROM lifecycle_customers c
LEFT JOIN per p USING (cidx)
LEFT JOIN churned ch USING (cidx)
LEFT JOIN returned r USING (cidx)
WHERE c.dataset_id = $dataset_id
  AND (c.known_since IS NULL OR c.known_since <= $as_of)
