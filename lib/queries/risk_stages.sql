-- Lifecycle stage per customer known at $as_of (lib.risk.stages): customer_id, stage,
-- first_purchase, last_purchase, n_purchases, revenue_12m, revenue_prev_12m, last_return.
-- The rules are the lifecycle page's (issue 4, lib/queries/lifecycle_stage_rule.sql) with the
-- default thresholds passed in; the first matching rule wins:
--   prospect   known (customers table, first contact on or before $as_of), no purchase yet
--   lost       a churn record on or after the last purchase, or more than $lost_days days idle
--   sleeping   more than max($sleep_days, $sleep_factor x the usual gap) days idle; usual gap =
--              (last - first purchase day) / (purchase days - 1)
--   new        first purchase less than $new_days days before $as_of
--   won_back   a return less than $won_back_days days before $as_of: a purchase day after an
--              idle gap that made the customer sleeping or lost (by the usual gap up to the gap),
--              or after a churn record dated on or after the purchase day before it
--   growing    revenue of the last 12 months >= $growth x the 12 months before (or some revenue
--              now and none before); declining: <= $decline x; mature: everything else
-- $w12 / $w24: exclusive starts of the last 12 months and the 12 months before (calendar months).
-- With $all = false only the customers in the registered relation risk_who are read.
WITH days AS (
    SELECT customer_id, date, CAST(amount AS DOUBLE) AS amount, sale
    FROM customer_days
    WHERE dataset_id = $dataset_id AND date <= $as_of
      AND ($all OR customer_id IN (SELECT customer_id FROM risk_who))
),
per AS (
    SELECT customer_id,
           min(date) FILTER (WHERE sale) AS first_purchase,
           max(date) FILTER (WHERE sale) AS last_purchase,
           count(*) FILTER (WHERE sale) AS n_purchases,
           max(date) FILTER (WHERE sale AND date <= $as_of - $won_back_days) AS last_old,
           count(*) FILTER (WHERE sale AND date <= $as_of - $won_back_days) AS n_old,
           coalesce(sum(amount) FILTER (WHERE date > $w12), 0) AS revenue_12m,
           coalesce(sum(amount) FILTER (WHERE date > $w24 AND date <= $w12), 0) AS revenue_prev_12m
    FROM days
    GROUP BY customer_id
    HAVING count(*) FILTER (WHERE sale) > 0
),
churned AS (
    SELECT customer_id, date
    FROM churn
    WHERE dataset_id = $dataset_id AND date <= $as_of
      AND ($all OR customer_id IN (SELECT customer_id FROM risk_who))
),
recent AS (  -- purchase days inside the won-back window, each with the purchase day before it
    SELECT d.customer_id, d.date,
           coalesce(lag(d.date) OVER w, p.last_old) AS prev,
           p.n_old + row_number() OVER w - 1 AS n_before,
           p.first_purchase
    FROM days d JOIN per p USING (customer_id)
    WHERE d.sale AND d.date > $as_of - $won_back_days
    WINDOW w AS (PARTITION BY d.customer_id ORDER BY d.date)
),
gap_returns AS (
    SELECT customer_id, max(date) AS last_return
    FROM recent
    WHERE prev IS NOT NULL
      AND (date - prev - 1 > $lost_days
           OR date - prev - 1 > greatest($sleep_days, $sleep_factor *
                  CASE WHEN n_before > 1 THEN (prev - first_purchase) / (n_before - 1) ELSE 0 END))
    GROUP BY customer_id
),
churn_returns AS (
    SELECT r.customer_id, max(r.date) AS last_return
    FROM recent r JOIN churned c ON c.customer_id = r.customer_id AND c.date >= r.prev AND c.date < r.date
    GROUP BY r.customer_id
),
features AS (
    SELECT p.customer_id, p.first_purchase, p.last_purchase, CAST(p.n_purchases AS INTEGER) AS n_purchases,
           p.revenue_12m, p.revenue_prev_12m,
           lc.last_churn, greatest(g.last_return, cr.last_return) AS last_return
    FROM per p
    LEFT JOIN (SELECT customer_id, max(date) AS last_churn FROM churned GROUP BY customer_id) lc USING (customer_id)
    LEFT JOIN gap_returns g USING (customer_id)
    LEFT JOIN churn_returns cr USING (customer_id)
),
staged AS (
    SELECT customer_id,
           CASE
               WHEN last_churn >= last_purchase OR $as_of - last_purchase > $lost_days THEN 'lost'
               WHEN $as_of - last_purchase > greatest($sleep_days, $sleep_factor *
                        CASE WHEN n_purchases > 1 THEN (last_purchase - first_purchase) / (n_purchases - 1) ELSE 0 END)
                   THEN 'sleeping'
               WHEN $as_of - first_purchase < $new_days THEN 'new'
               WHEN $as_of - last_return < $won_back_days THEN 'won_back'
               WHEN revenue_prev_12m <= 0 THEN CASE WHEN revenue_12m > 0 THEN 'growing' ELSE 'declining' END
               WHEN revenue_12m >= $growth * revenue_prev_12m THEN 'growing'
               WHEN revenue_12m <= $decline * revenue_prev_12m THEN 'declining'
               ELSE 'mature'
           END AS stage,
           first_purchase, last_purchase, n_purchases, revenue_12m, revenue_prev_12m, last_return
    FROM features
)
SELECT * FROM staged
UNION ALL
SELECT DISTINCT c.customer_id, 'prospect', NULL, NULL, 0, 0.0, 0.0, NULL
FROM customers c
WHERE c.dataset_id = $dataset_id
  AND (c.first_contact_date IS NULL OR c.first_contact_date <= $as_of)
  AND ($all OR c.customer_id IN (SELECT customer_id FROM risk_who))
  AND c.customer_id NOT IN (SELECT customer_id FROM per)
