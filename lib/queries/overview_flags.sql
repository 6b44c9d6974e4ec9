-- The headline flags of every customer with a transaction up to $as_of, by customer number
-- (cidx of lifecycle_customers): the overview's numbers (overview_kpis.sql) count them; the
-- comparison page (compare_flags.sql) counts them per side. Definitions in lib/i18n kpi.*.help.
-- window: the 365 days up to and including $as_of; base: customers who bought in the 365 days before it.
-- One pass over the customers' days (lifecycle_days: a day's net amount, and whether it has a
-- transaction with a positive amount, i.e. a purchase) gives per-customer dates, grouped by the
-- customer's number rather than the id text; returns are derived from those, so no per-row
-- window function runs. Churn records come with the same number from lifecycle_churn.
WITH per_customer AS (
    SELECT cidx,
           max(day) FILTER (WHERE purchase) AS last_purchase,
           max(day) FILTER (WHERE purchase AND day <= $as_of - INTERVAL 365 DAY) AS last_before,
           min(day) FILTER (WHERE purchase AND day > $as_of - INTERVAL 365 DAY) AS first_in_window,
           bool_or(purchase AND day > $as_of - INTERVAL 730 DAY AND day <= $as_of - INTERVAL 365 DAY) AS in_base,
           sum(amount) FILTER (WHERE day > $as_of - INTERVAL 365 DAY) AS revenue_12m
    FROM lifecycle_days
    WHERE dataset_id = $dataset_id AND day <= $as_of
    GROUP BY cidx
),
churn_rows AS (
    SELECT cidx, date FROM lifecycle_churn WHERE dataset_id = $dataset_id AND date <= $as_of
),
-- Lost in the window: a churn record in it with no purchase after it.
churned_in_window AS (
    SELECT DISTINCT c.cidx
    FROM churn_rows c JOIN per_customer p USING (cidx)
    WHERE c.date > $as_of - INTERVAL 365 DAY AND (p.last_purchase IS NULL OR p.last_purchase <= c.date)
),
-- Back after a recorded loss: the first purchase after the churn record falls in the window
-- (and the customer had bought before the loss).
back_after_churn AS (
    SELECT DISTINCT c.cidx
    FROM churn_rows c JOIN per_customer p USING (cidx)
    WHERE p.first_in_window IS NOT NULL
      AND CASE WHEN c.date > $as_of - INTERVAL 365 DAY
               THEN p.last_purchase > c.date
               ELSE p.last_before IS NOT NULL AND p.last_before <= c.date END
),
flags AS (
    SELECT p.cidx,
           p.first_in_window IS NOT NULL AS active,
           coalesce(p.revenue_12m, 0) AS revenue_12m,
           coalesce(p.in_base, false) AS in_base,
           coalesce(p.in_base, false) AND (p.first_in_window IS NULL OR cw.cidx IS NOT NULL) AS churned,
           -- back after more than 365 days without a purchase, or after a recorded loss
           coalesce(p.first_in_window - p.last_before > 365, false) OR bc.cidx IS NOT NULL AS won_back
    FROM per_customer p
    LEFT JOIN churned_in_window cw USING (cidx)
    LEFT JOIN back_after_churn bc USING (cidx)
)
