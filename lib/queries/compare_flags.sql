-- The headline flags (overview_flags.sql) of every customer with a transaction up to $as_of:
-- customer_id, active, revenue_12m, in_base, churned, won_back. The comparison page counts them
-- per side (lib.compare.figures).
@include overview_flags
SELECT c.customer_id, f.active, f.revenue_12m, f.in_base, f.churned, f.won_back
FROM flags f
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = f.cidx
ORDER BY c.customer_id
