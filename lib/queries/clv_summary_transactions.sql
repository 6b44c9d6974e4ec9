-- clv_summary_arrays.sql computed from the transactions themselves, for a dataset whose derived
-- tables are not built (right after a CLI import): the clv command then reads what it needs
-- instead of building every summary table the pages read (lib.clv.summary_from_db with
-- days="transactions"). A customer's rows are merged per day as lib/queries/lifecycle_build_days.sql
-- fills customer_days (amount = the day's sum, a purchase day when its largest amount is >= 0), so
-- the numbers are the same to the last bit (tests/test_clv.py). Ordered by customer_id, the order
-- of the customer numbers there. Parameters: $dataset_id, $calibration_end, $holdout_end.
WITH days AS (
    SELECT customer_id AS k, date, sum(amount) AS amount
    FROM transactions
    WHERE dataset_id = $dataset_id
      AND date <= CAST($holdout_end AS DATE)
    GROUP BY customer_id, date
    HAVING max(amount) >= 0
),
@include clv_summary_rows
SELECT x, t_x, "T", monetary, x_holdout
FROM summary
ORDER BY k
