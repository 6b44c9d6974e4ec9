-- Every return of dataset $dataset_id up to $as_of: a purchase after being lost or sleeping by
-- the lifecycle page's rules (rc_returns: lib.lifecycle.returns, its definition of won back).
--   origin        the day of the return; prev_purchase: the purchase before the gap
--   value_before  net revenue of the 365 days up to prev_purchase (the value before the loss)
--   value_after   net revenue of the 365 days from origin on, up to $as_of; after_days: how many
--                 of them have passed
--   return_no     1 for a customer's first return, 2 for the second, ...
WITH r AS (   -- DISTINCT: a return after both a churn record and a long gap is listed twice
    SELECT DISTINCT cidx, CAST(day AS DATE) AS origin, CAST(CAST(day AS DATE) - idle_days - 1 AS DATE) AS prev_purchase,
           idle_days
    FROM rc_returns
    WHERE day <= $as_of
),
v AS (
    SELECT r.cidx, r.origin,
           sum(d.amount) FILTER (WHERE d.day > r.prev_purchase - 365 AND d.day <= r.prev_purchase) AS value_before,
           sum(d.amount) FILTER (WHERE d.day >= r.origin AND d.day < r.origin + 365) AS value_after
    FROM r
    JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = r.cidx
         AND d.day > r.prev_purchase - 365 AND d.day < r.origin + 365 AND d.day <= $as_of
    GROUP BY r.cidx, r.origin
)
SELECT c.customer_id, r.cidx, r.origin, r.prev_purchase, r.idle_days, c.first_purchase,
       CAST(coalesce(v.value_before, 0) AS DOUBLE) AS value_before,
       CAST(coalesce(v.value_after, 0) AS DOUBLE) AS value_after,
       least(365, $as_of - r.origin + 1) AS after_days,
       CAST(row_number() OVER (PARTITION BY r.cidx ORDER BY r.origin) AS INTEGER) AS return_no
FROM r
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = r.cidx
LEFT JOIN v ON v.cidx = r.cidx AND v.origin = r.origin
ORDER BY r.origin, c.customer_id
