-- The customer id behind each number (cidx) lib.lifecycle keys its per-customer rows by, for
-- dataset $dataset_id (the derived table lifecycle_customers, lifecycle_build_customers.sql).
SELECT cidx, customer_id
FROM lifecycle_customers
WHERE dataset_id = $dataset_id
