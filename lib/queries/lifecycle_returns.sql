-- Returns of dataset $dataset_id: purchases after the customer had been sleeping or lost by the
-- stage rules (lifecycle_stage_rule.sql), as of the day before. Columns: cidx, day, idle_days
-- (days without a purchase before it). Parameters: $sleep_days, $sleep_factor, $lost_days.
-- A long enough gap can only end on a month's first purchase day (lifecycle_gaps); a purchase
-- after a churn record that followed an earlier purchase is a return as well.
SELECT cidx, day, idle_days
FROM lifecycle_gaps
WHERE dataset_id = $dataset_id
  AND (idle_days > $lost_days OR idle_days > greatest($sleep_days, $sleep_factor * coalesce(usual_gap, 0)))
UNION ALL
SELECT cidx, next_after, next_after - last_before - 1
FROM lifecycle_churn
WHERE dataset_id = $dataset_id AND last_before IS NOT NULL AND next_after IS NOT NULL
