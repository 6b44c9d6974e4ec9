-- Customer-months of dataset $dataset_id in month order, for the trend: cidx, month (months
-- since 1970-01), cents (net revenue in cents, exact), purchase_days, last_day (day number, -1: none).
SELECT cidx, CAST(date_diff('month', DATE '1970-01-01', month) AS INTEGER) AS month,
       CAST(revenue * 100 AS BIGINT) AS cents, CAST(purchase_days AS BIGINT) AS purchase_days,
       coalesce(last_day - DATE '1970-01-01', -1) AS last_day
FROM lifecycle_months
WHERE dataset_id = $dataset_id
ORDER BY month
