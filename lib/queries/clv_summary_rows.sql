-- The calibration summary's rows (``@include``d by clv_summary_days.sql and
-- clv_summary_transactions.sql, which define its input first): from `days` (k = the customer's
-- key, date, amount = the day's net amount; purchase days only, up to $holdout_end), the common
-- table expressions per_customer and summary (k, x, t_x, T, monetary, x_holdout; one row per
-- customer whose first purchase day is on or before $calibration_end).
--
-- Definitions (identical to lib.clv.summary_from_frame):
-- * x = purchase days up to calibration end minus the first one; t_x and T are days from the
--   first purchase day to the last calibration purchase day / to $calibration_end, over 7;
-- * monetary = mean day amount (net, summed in cents) of the repeat days, 0 when x = 0;
-- * x_holdout = purchase days in ($calibration_end, $holdout_end].
-- Arithmetic order (cents -> DOUBLE, / 100, / x; days -> DOUBLE, / 7) matches the pandas code
-- so both give bit-identical results. One pass over the days grouped by the key: the repeat
-- days' cents are all calibration days' cents minus the first day's (exact: whole cents), so no
-- second grouping finds the first day.
per_customer AS (
    SELECT k,
           MIN(date) AS first_day,
           COUNT(*) FILTER (WHERE date <= CAST($calibration_end AS DATE)) - 1 AS x,
           MAX(date) FILTER (WHERE date <= CAST($calibration_end AS DATE)) AS last_day,
           SUM(CAST(amount * 100 AS BIGINT)) FILTER (WHERE date <= CAST($calibration_end AS DATE))
               - arg_min(CAST(amount * 100 AS BIGINT), date) AS repeat_cents,
           COUNT(*) FILTER (WHERE date > CAST($calibration_end AS DATE)) AS x_holdout
    FROM days
    GROUP BY k
    HAVING MIN(date) <= CAST($calibration_end AS DATE)
),
summary AS (
    SELECT k,
           CAST(x AS BIGINT) AS x,
           CAST(date_diff('day', first_day, last_day) AS DOUBLE) / 7 AS t_x,
           CAST(date_diff('day', first_day, CAST($calibration_end AS DATE)) AS DOUBLE) / 7 AS "T",
           CASE WHEN x > 0 THEN CAST(repeat_cents AS DOUBLE) / 100 / x ELSE 0.0 END AS monetary,
           CAST(x_holdout AS BIGINT) AS x_holdout
    FROM per_customer
)
