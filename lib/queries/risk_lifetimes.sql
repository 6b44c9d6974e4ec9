-- Time to loss after the start date $start, per customer with a purchase day on or before it,
-- observed up to $as_of (lib.risk.lifetimes; the survival curves). Columns: customer_id,
-- loss_date (NULL: not lost by $as_of, censored there).
-- The loss is the first of
--   * a churn record dated in ($start, $as_of];
--   * the day the customer becomes sleeping or lost by the stage rules: more than their idle
--     limit (lifecycle_idle_limit.sql) days without a purchase, the limit as it stood at $start.
--     A purchase day d followed by no purchase for longer than that makes the customer sleeping
--     on d + floor(threshold) + 1.
--   Purchase days are grouped by the customer's number (cidx), the id joined at the end.
WITH days AS (
    SELECT cidx, date
    FROM customer_days
    WHERE dataset_id = $dataset_id AND sale AND date <= $as_of
),
history AS (
    SELECT cidx, min(date) AS first_purchase, max(date) AS last_purchase, count(*) AS n_purchases
    FROM days
    WHERE date <= $start
    GROUP BY cidx
),
base AS (
    SELECT cidx, last_purchase,
@include lifecycle_idle_limit
           AS threshold
    FROM history
),
seq AS (
    SELECT d.cidx, d.date, b.threshold,
           lead(d.date) OVER (PARTITION BY d.cidx ORDER BY d.date) AS next_date
    FROM days d JOIN base b USING (cidx)
    WHERE d.date >= b.last_purchase
),
silent AS (
    SELECT cidx, min(date + CAST(floor(threshold) AS INTEGER) + 1) AS silent_loss
    FROM seq
    WHERE coalesce(next_date, $as_of + 1) - date - 1 > threshold
    GROUP BY cidx
),
recorded AS (
    SELECT customer_id, min(date) AS churn_loss
    FROM churn
    WHERE dataset_id = $dataset_id AND date > $start AND date <= $as_of
    GROUP BY customer_id
)
SELECT c.customer_id,
       CASE WHEN s.silent_loss IS NULL THEN r.churn_loss
            WHEN r.churn_loss IS NULL THEN s.silent_loss
            ELSE least(s.silent_loss, r.churn_loss) END AS loss_date
FROM base b
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = b.cidx
LEFT JOIN silent s ON s.cidx = b.cidx
LEFT JOIN recorded r ON r.customer_id = c.customer_id
