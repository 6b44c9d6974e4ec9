-- Which input tables dataset $dataset_id holds rows in, and its first and last transaction day
-- (the risk page says which signals cannot be computed and why).
SELECT EXISTS (SELECT 1 FROM customers WHERE dataset_id = $dataset_id) AS customers,
       EXISTS (SELECT 1 FROM events WHERE dataset_id = $dataset_id) AS events,
       EXISTS (SELECT 1 FROM invoices WHERE dataset_id = $dataset_id) AS invoices,
       EXISTS (SELECT 1 FROM churn WHERE dataset_id = $dataset_id) AS churn,
       EXISTS (SELECT 1 FROM surveys WHERE dataset_id = $dataset_id) AS surveys,
       EXISTS (SELECT 1 FROM winback WHERE dataset_id = $dataset_id) AS winback,
       (SELECT min(date) FROM customer_days WHERE dataset_id = $dataset_id) AS first_date,
       (SELECT max(date) FROM customer_days WHERE dataset_id = $dataset_id) AS last_date
