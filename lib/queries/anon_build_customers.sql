-- Fill anon_customers for dataset $dataset_id: every customer id of any input table numbered
-- 1, 2, ... in the order of a keyed hash, md5(the dataset's secret salt || id). The order says
-- nothing about the ids (neither their order nor their digits) to anybody without the salt, and
-- the same salt (anon_keys, kept across rebuilds) gives the same numbers again.
-- lifecycle_customers holds every customer of the transactions and the customers table, once
-- (built before this query).
INSERT INTO anon_customers
WITH ids AS (
    SELECT customer_id FROM lifecycle_customers WHERE dataset_id = $dataset_id
    UNION SELECT customer_id FROM events WHERE dataset_id = $dataset_id
    UNION SELECT customer_id FROM invoices WHERE dataset_id = $dataset_id
    UNION SELECT customer_id FROM churn WHERE dataset_id = $dataset_id
    UNION SELECT customer_id FROM winback WHERE dataset_id = $dataset_id
    UNION SELECT customer_id FROM surveys WHERE dataset_id = $dataset_id
),
key AS (SELECT any_value(salt) AS salt FROM anon_keys WHERE dataset_id = $dataset_id),
hashed AS (  -- the hashes computed before the numbering, which sorts on one thread
    SELECT ids.customer_id, md5(key.salt || 'c:' || ids.customer_id) AS h FROM ids, key
)
SELECT $dataset_id, customer_id, row_number() OVER (ORDER BY h, customer_id)
FROM hashed
