-- How many rows of {table} written under $ds name a customer that is in neither the
-- transactions nor the customers written under $ds. {table} is a contract table name, never input.
SELECT count(*)
FROM {table} x
WHERE x.dataset_id = $ds
  AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.dataset_id = $ds AND t.customer_id = x.customer_id)
  AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.dataset_id = $ds AND c.customer_id = x.customer_id)
