-- The headline flags of every customer with a transaction up to $as_of (the overview's numbers,
-- overview_kpis.sql, count them; the comparison page, compare_flags.sql, counts them per side).
-- Definitions in lib/i18n kpi.*.help.
-- window: the 365 days up to and including $as_of; base: customers who bought in the 365 days before it.
-- One pass over the transactions gives per-customer dates; returns are derived from those, so
-- no per-row window function runs over all transactions.
WITH per_customer AS (
    SELECT customer_id,
           max(date) FILTER (WHERE amount > 0) AS last_purchase,
           max(date) FILTER (WHERE amount > 0 AND date <= $as_of - INTERVAL 365 DAY) AS last_before,
           min(date) FILTER (WHERE amount > 0 AND date > $as_of - INTERVAL 365 DAY) AS first_in_window,
           bool_or(amount > 0 AND date > $as_of - INTERVAL 730 DAY AND date <= $as_of - INTERVAL 365 DAY) AS in_base,
           sum(amount) FILTER (WHERE date > $as_of - INTERVAL 365 DAY) AS revenue_12m
    FROM transactions
    WHERE dataset_id = $dataset_id AND date <= $as_of
    GROUP BY customer_id
),
churn_rows AS (
    SELECT customer_id, date FROM churn WHERE dataset_id = $dataset_id AND date <= $as_of
),
-- Lost in the window: a churn record in it with no purchase after it.
churned_in_window AS (
    SELECT DISTINCT c.customer_id
    FROM churn_rows c JOIN per_customer p USING (customer_id)
    WHERE c.date > $as_of - INTERVAL 365 DAY AND (p.last_purchase IS NULL OR p.last_purchase <= c.date)
),
-- Back after a recorded loss: the first purchase after the churn record falls in the window
-- (and the customer had bought before the loss).
back_after_churn AS (
    SELECT DISTINCT c.customer_id
    FROM churn_rows c JOIN per_customer p USING (customer_id)
    WHERE p.first_in_window IS NOT NULL
      AND CASE WHEN c.date > $as_of - INTERVAL 365 DAY
               THEN p.last_purchase > c.date
               ELSE p.last_before IS NOT NULL AND p.last_before <= c.date END
),
flags AS (
    SELECT p.customer_id,
           p.first_in_window IS NOT NULL AS active,
           coalesce(p.revenue_12m, 0) AS revenue_12m,
           coalesce(p.in_base, false) AS in_base,
           coalesce(p.in_base, false) AND (p.first_in_window IS NULL OR cw.customer_id IS NOT NULL) AS churned,
           -- back after more than 365 days without a purchase, or after a recorded loss
           coalesce(p.first_in_window - p.last_before > 365, false) OR bc.customer_id IS NOT NULL AS won_back
    FROM per_customer p
    LEFT JOIN churned_in_window cw USING (customer_id)
    LEFT JOIN back_after_churn bc USING (customer_id)
)
