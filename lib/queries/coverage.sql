-- Per input table of one dataset: rows, distinct customers and date range. The transactions'
-- customers and dates are counted from customer_days (one row per customer and day), whose
-- customer numbers are quicker to count distinct than the id texts.
SELECT 'transactions' AS "table", (SELECT count(*) FROM transactions WHERE dataset_id = $dataset_id) AS "rows",
       count(DISTINCT cidx) AS customers, min(date) AS first_date, max(date) AS last_date
FROM customer_days WHERE dataset_id = $dataset_id
UNION ALL SELECT 'customers', count(*), count(DISTINCT customer_id), min(first_contact_date), max(first_contact_date) FROM customers WHERE dataset_id = $dataset_id
UNION ALL SELECT 'events', count(*), count(DISTINCT customer_id), min(date), max(date) FROM events WHERE dataset_id = $dataset_id
UNION ALL SELECT 'invoices', count(*), count(DISTINCT customer_id), min(invoice_date), max(invoice_date) FROM invoices WHERE dataset_id = $dataset_id
UNION ALL SELECT 'churn', count(*), count(DISTINCT customer_id), min(date), max(date) FROM churn WHERE dataset_id = $dataset_id
UNION ALL SELECT 'winback', count(*), count(DISTINCT customer_id), min(date), max(date) FROM winback WHERE dataset_id = $dataset_id
UNION ALL SELECT 'surveys', count(*), count(DISTINCT customer_id), min(date), max(date) FROM surveys WHERE dataset_id = $dataset_id
