-- Fill lifecycle_days for dataset $dataset_id: one row per customer and day with transactions,
-- the day's net amount and whether it holds a purchase (a positive amount).
INSERT INTO lifecycle_days
SELECT $dataset_id, c.cidx, t.date, sum(t.amount), bool_or(t.amount > 0)
FROM transactions t
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = t.customer_id
WHERE t.dataset_id = $dataset_id
GROUP BY c.cidx, t.date
ORDER BY c.cidx, t.date
