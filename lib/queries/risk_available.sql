-- The first and last transaction day of dataset $dataset_id (the risk page offers as-of dates
-- and backtest cutoffs inside them; which tables it holds comes from lib.db.present_tables).
SELECT min(date) AS first_date, max(date) AS last_date
FROM customer_days
WHERE dataset_id = $dataset_id
