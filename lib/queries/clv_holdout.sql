-- Repeat purchase days per week, the "actual" line of the CLV tracking plot
-- (lib/clv/summary.py, weekly_repeats_from_db): week (1 = the 7 days from $start), repeat_purchases.
-- Weeks without repeat purchases are absent. Parameters: $dataset_id, $start (DATE),
-- $calibration_end (DATE), $holdout_end (DATE).
-- Purchase days as in clv_summary.sql (a customer-day with a row of amount >= 0); only the
-- customers whose first purchase is on or before $calibration_end (the fitted cohort), and
-- only days after their first purchase day.
@include clv_purchase_days
SELECT CAST(date_diff('day', CAST($start AS DATE), d.date) // 7 + 1 AS BIGINT) AS week,
       COUNT(*) AS repeat_purchases
FROM purchase_days AS d
JOIN firsts AS f USING (cidx)
WHERE d.date > f.first_day
  AND d.date >= CAST($start AS DATE)
GROUP BY week
ORDER BY week
