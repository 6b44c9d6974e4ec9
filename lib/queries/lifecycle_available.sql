-- Which optional input tables dataset $dataset_id holds rows in (the danger points and filters
-- that need them are switched off otherwise).
SELECT EXISTS (SELECT 1 FROM customers WHERE dataset_id = $dataset_id) AS customers,
       EXISTS (SELECT 1 FROM events WHERE dataset_id = $dataset_id) AS events,
       EXISTS (SELECT 1 FROM invoices WHERE dataset_id = $dataset_id) AS invoices,
       EXISTS (SELECT 1 FROM churn WHERE dataset_id = $dataset_id) AS churn,
       EXISTS (SELECT 1 FROM surveys WHERE dataset_id = $dataset_id) AS surveys
