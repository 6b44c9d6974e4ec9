-- Per calendar month up to $as_of: net revenue, buying customers and first-time buyers.
-- The months before $as_of's month come ready-made from lifecycle_months (one row per customer
-- and month: net revenue, purchase days); only $as_of's own month, which may end early, is
-- grouped from the customers' days. Grouped by the customer's number, not the id text.
WITH customer_month AS (
    SELECT cidx, month, revenue, purchase_days > 0 AS bought
    FROM lifecycle_months
    WHERE dataset_id = $dataset_id AND month < date_trunc('month', $as_of)
    UNION ALL
    SELECT cidx, CAST(date_trunc('month', $as_of) AS DATE), sum(amount), bool_or(purchase)
    FROM lifecycle_days
    WHERE dataset_id = $dataset_id AND day >= date_trunc('month', $as_of) AND day <= $as_of
    GROUP BY cidx
),
firsts AS (SELECT cidx, min(month) AS first_month FROM customer_month GROUP BY cidx)
SELECT cm.month,
       sum(cm.revenue)::DOUBLE AS revenue,
       count(*) FILTER (WHERE cm.bought) AS buyers,
       count(*) FILTER (WHERE cm.month = f.first_month) AS new_customers
FROM customer_month cm JOIN firsts f USING (cidx)
GROUP BY cm.month ORDER BY cm.month
