-- The start of clv_holdout.sql (``@include``): purchase_days, each
-- customer's purchase days up to $holdout_end with the day's net amount in cents (customer_days,
-- lib/derived.sql, already merges a customer's day; `sale` = MAX(amount) >= 0), and firsts, the
-- first purchase day of the customers who bought by $calibration_end (the fitted cohort). The
-- including query goes on with its own common table expressions or its SELECT.
WITH purchase_days AS (
    SELECT cidx,   -- the customer's number (lifecycle_customers)
           date,
           CAST(amount * 100 AS BIGINT) AS cents
    FROM customer_days
    WHERE dataset_id = $dataset_id
      AND date <= CAST($holdout_end AS DATE)
      AND sale
),
firsts AS (
    SELECT cidx, MIN(date) AS first_day
    FROM purchase_days
    GROUP BY cidx
    HAVING MIN(date) <= CAST($calibration_end AS DATE)
)