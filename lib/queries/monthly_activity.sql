-- Per calendar month up to $as_of: net revenue, buying customers and first-time buyers.
WITH tx AS (
    SELECT customer_id, date, amount FROM transactions
    WHERE dataset_id = $dataset_id AND date <= $as_of
),
firsts AS (SELECT customer_id, min(date) AS first_date FROM tx GROUP BY customer_id)
SELECT date_trunc('month', t.date)::DATE AS month,
       sum(t.amount)::DOUBLE AS revenue,
       count(DISTINCT t.customer_id) FILTER (WHERE t.amount > 0) AS buyers,
       count(DISTINCT t.customer_id) FILTER (WHERE t.date = f.first_date) AS new_customers
FROM tx t JOIN firsts f USING (customer_id)
GROUP BY 1 ORDER BY 1
