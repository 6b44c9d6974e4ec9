-- Per-customer calibration summary for the CLV models (lib/clv/summary.py, summary_from_db):
-- customer_id, x, t_x, T, monetary, x_holdout; one row per customer, ordered by customer_id.
-- Parameters: $dataset_id, $calibration_end (DATE, inclusive), $holdout_end (DATE, inclusive;
-- equal to $calibration_end for no hold-out). Definitions: clv_summary_rows.sql; customers whose
-- first purchase day is after $calibration_end are left out. Reads the derived customer_days;
-- clv_summary_arrays.sql is the same without the ids, clv_summary_transactions.sql the same
-- from the transactions themselves.
@include clv_summary_days
SELECT c.customer_id, s.x, s.t_x, s."T", s.monetary, s.x_holdout
FROM summary s
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = s.k
ORDER BY s.k
