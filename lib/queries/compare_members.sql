-- The customers of dataset $dataset_id that a side of the comparison keeps: those whose filter
-- combination is in lc_picked (lifecycle_picked.sql, the lifecycle page's filters). Columns:
-- customer_id, first_purchase (NULL: a prospect).
SELECT c.customer_id, c.first_purchase
FROM lifecycle_customers c JOIN lc_picked p USING (combo)
WHERE c.dataset_id = $dataset_id
ORDER BY c.customer_id
