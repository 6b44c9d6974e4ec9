-- The calibration summary from the derived per-day table (``@include``d by clv_summary.sql and
-- clv_summary_arrays.sql): customer_days (lib/derived.sql) already merges a customer's day, and
-- `sale` marks a purchase day (a day with at least one row of amount >= 0 - a day of returns
-- only is not a purchase, while zero-amount rows (CDNOW has 8) do count, as in the published
-- CDNOW set-up). The key k is the customer's number cidx, numbered in customer_id order, so
-- ordering by it orders by the id. Parameters: $dataset_id, $calibration_end, $holdout_end.
WITH days AS (
    SELECT cidx AS k, date, amount
    FROM customer_days
    WHERE dataset_id = $dataset_id
      AND date <= CAST($holdout_end AS DATE)
      AND sale
),
@include clv_summary_rows
