-- Per-customer calibration summary for the CLV models (lib/clv/summary.py, summary_from_db):
-- customer_id, x, t_x, T, monetary, x_holdout; one row per customer, ordered by customer_id.
-- Parameters: $dataset_id, $calibration_end (DATE, inclusive), $holdout_end (DATE, inclusive;
-- equal to $calibration_end for no hold-out).
--
-- Definitions (identical to lib.clv.summary_from_frame):
-- * rows are merged per customer and day; a day is a purchase day when it has at least one row
--   with amount >= 0 — a day of returns only is not a purchase, while zero-amount rows (CDNOW
--   has 8) do count, as in the published CDNOW set-up;
-- * x = purchase days up to calibration end minus the first one; t_x and T are days from the
--   first purchase day to the last calibration purchase day / to $calibration_end, over 7;
-- * monetary = mean day amount (net, summed in cents) of the repeat days, 0 when x = 0;
-- * x_holdout = purchase days in ($calibration_end, $holdout_end];
-- * customers whose first purchase day is after $calibration_end are left out.
-- Arithmetic order (cents -> DOUBLE, / 100, / x; days -> DOUBLE, / 7) matches the pandas code
-- so both give bit-identical results.
--
-- One pass over customer_days grouped by the customer's number (cidx; numbered in customer_id
-- order, so ordering by it orders by the id): the repeat days' cents are all calibration days'
-- cents minus the first day's (exact: whole cents), so no second grouping finds the first day.
WITH per_customer AS (
    SELECT cidx,
           MIN(date) AS first_day,
           COUNT(*) FILTER (WHERE date <= CAST($calibration_end AS DATE)) - 1 AS x,
           MAX(date) FILTER (WHERE date <= CAST($calibration_end AS DATE)) AS last_day,
           SUM(CAST(amount * 100 AS BIGINT)) FILTER (WHERE date <= CAST($calibration_end AS DATE))
               - arg_min(CAST(amount * 100 AS BIGINT), date) AS repeat_cents,
           COUNT(*) FILTER (WHERE date > CAST($calibration_end AS DATE)) AS x_holdout
    FROM customer_days
    WHERE dataset_id = $dataset_id
      AND date <= CAST($holdout_end AS DATE)
      AND sale
    GROUP BY cidx
    HAVING MIN(date) <= CAST($calibration_end AS DATE)
)
SELECT c.customer_id,
       CAST(p.x AS BIGINT) AS x,
       CAST(date_diff('day', p.first_day, p.last_day) AS DOUBLE) / 7 AS t_x,
       CAST(date_diff('day', p.first_day, CAST($calibration_end AS DATE)) AS DOUBLE) / 7 AS "T",
       CASE WHEN p.x > 0 THEN CAST(p.repeat_cents AS DOUBLE) / 100 / p.x ELSE 0.0 END AS monetary,
       CAST(p.x_holdout AS BIGINT) AS x_holdout
FROM per_customer p
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = p.cidx
ORDER BY p.cidx
