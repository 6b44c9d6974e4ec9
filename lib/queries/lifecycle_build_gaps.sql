-- Fill lifecycle_gaps for dataset $dataset_id: the customer-months whose first purchase day ends
-- more than 30 days without a purchase, with the usual gap up to the gap's start. The stage
-- thresholds cannot go below 31 days (lib.lifecycle.Thresholds.LIMITS), so every possible return
-- is among these rows (about a third of the months with purchases in the demo); and such a gap
-- can only end on a month's first purchase day, so the months with purchases (lifecycle_months)
-- in order are all it takes: the previous one's last purchase day, and the purchase days before
-- (a running sum).
INSERT INTO lifecycle_gaps
SELECT $dataset_id, w.cidx, w.first_day, w.first_day - w.prev_day - 1,
       CASE WHEN w.n_before > 1 THEN (w.prev_day - c.first_purchase) / (w.n_before - 1) END
FROM (
    SELECT cidx, first_day,
           lag(last_day) OVER bought AS prev_day,
           sum(purchase_days) OVER bought - purchase_days AS n_before
    FROM lifecycle_months
    WHERE dataset_id = $dataset_id AND purchase_days > 0
    WINDOW bought AS (PARTITION BY cidx ORDER BY month)
) w
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = w.cidx
WHERE w.first_day - w.prev_day - 1 > 30
