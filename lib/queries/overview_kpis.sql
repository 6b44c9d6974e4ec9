-- Headline numbers at $as_of for one dataset (definitions in lib/i18n under kpi.*.help).
-- window: the 365 days up to and including $as_of; base: customers who bought in the 365 days before it.
WITH tx AS (
    SELECT customer_id, date, amount FROM transactions
    WHERE dataset_id = $dataset_id AND date <= $as_of
),
per_customer AS (
    SELECT customer_id,
           min(date) AS first_date,
           max(date) AS last_date,
           bool_or(date > $as_of - INTERVAL 365 DAY AND amount > 0) AS active,
           bool_or(date > $as_of - INTERVAL 730 DAY AND date <= $as_of - INTERVAL 365 DAY AND amount > 0) AS in_base,
           sum(amount) FILTER (WHERE date > $as_of - INTERVAL 365 DAY) AS revenue_12m
    FROM tx GROUP BY customer_id
),
last_churn AS (
    SELECT customer_id, max(date) AS churn_date FROM churn
    WHERE dataset_id = $dataset_id AND date <= $as_of GROUP BY customer_id
),
-- a purchase after a gap of more than 365 days, or after a recorded loss, is a return
days AS (
    SELECT customer_id, date,
           lag(date) OVER (PARTITION BY customer_id ORDER BY date) AS prev_date
    FROM (SELECT DISTINCT customer_id, date FROM tx WHERE amount > 0)
),
returns AS (
    SELECT DISTINCT d.customer_id
    FROM days d
    LEFT JOIN churn c
      ON c.dataset_id = $dataset_id AND c.customer_id = d.customer_id
     AND c.date >= d.prev_date AND c.date < d.date
    WHERE d.date > $as_of - INTERVAL 365 DAY
      AND (d.date - d.prev_date > 365 OR c.customer_id IS NOT NULL)
)
SELECT
    count(*) AS customers,
    count(*) FILTER (WHERE p.active) AS active_customers,
    coalesce(sum(p.revenue_12m), 0) AS revenue_12m,
    count(*) FILTER (WHERE p.in_base) AS churn_base,
    count(*) FILTER (WHERE p.in_base AND (NOT p.active OR (lc.churn_date > $as_of - INTERVAL 365 DAY
                                                           AND lc.churn_date >= p.last_date))) AS churned,
    (SELECT count(*) FROM returns) AS won_back
FROM per_customer p LEFT JOIN last_churn lc USING (customer_id)
