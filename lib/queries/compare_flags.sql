-- The headline flags (overview_flags.sql) of every customer with a transaction up to $as_of:
-- customer_id, active, revenue_12m, in_base, churned, won_back. The comparison page counts them
-- per side (lib.compare.figures).
@include overview_flags
SELECT customer_id, active, revenue_12m, in_base, churned, won_back
FROM flags
ORDER BY customer_id
