-- Per calendar month up to $as_of: net revenue, buying customers and first-time buyers.
-- Grouping by customer and month first avoids a distinct count per month.
WITH customer_month AS (
    SELECT customer_id, date_trunc('month', date)::DATE AS month,
           sum(amount) AS revenue, bool_or(amount > 0) AS bought, min(date) AS first_date
    FROM transactions
    WHERE dataset_id = $dataset_id AND date <= $as_of
    GROUP BY customer_id, month
),
firsts AS (SELECT customer_id, min(month) AS first_month FROM customer_month GROUP BY customer_id)
SELECT cm.month,
       sum(cm.revenue)::DOUBLE AS revenue,
       count(*) FILTER (WHERE cm.bought) AS buyers,
       count(*) FILTER (WHERE cm.month = f.first_month) AS new_customers
FROM customer_month cm JOIN firsts f USING (customer_id)
GROUP BY cm.month ORDER BY cm.month
