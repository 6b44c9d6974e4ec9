-- Fill lifecycle_gaps for dataset $dataset_id: the customer-months whose first purchase day ends
-- more than 30 days without a purchase. The stage thresholds cannot go below 31 days
-- (lib.lifecycle.Thresholds.LIMITS), so every possible return is among these few rows.
INSERT INTO lifecycle_gaps
SELECT $dataset_id, cidx, first_day, first_day - prev_day - 1, usual_gap
FROM lifecycle_months
WHERE dataset_id = $dataset_id AND first_day - prev_day - 1 > 30
