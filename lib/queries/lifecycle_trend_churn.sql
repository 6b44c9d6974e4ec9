-- Churn records of dataset $dataset_id as day numbers, for the trend: cidx, day, month.
SELECT cidx, date - DATE '1970-01-01' AS day,
       CAST(date_diff('month', DATE '1970-01-01', date) AS INTEGER) AS month
FROM lifecycle_churn
WHERE dataset_id = $dataset_id
ORDER BY month
