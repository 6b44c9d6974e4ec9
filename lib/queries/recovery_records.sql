-- Churn records of dataset $dataset_id up to $as_of that follow a purchase, grouped into losses:
-- all records after the same last purchase (end_date) are one loss. Per loss: the first record's
-- date, the first purchase after it (next_after, may lie after $as_of), whether any record says
-- cancellation (or gives a reason without a kind), and the earliest reason given.
SELECT lc.cidx,
       lc.last_before AS end_date,
       min(lc.date) AS record_date,
       min(lc.next_after) AS next_after,
       bool_or(r.kind = 'cancellation' OR (r.kind IS NULL AND r.reason IS NOT NULL)) AS cancelled,
       arg_min(r.reason, lc.date) FILTER (WHERE r.reason IS NOT NULL) AS reason
FROM lifecycle_churn lc
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = lc.cidx
JOIN churn r ON r.dataset_id = $dataset_id AND r.customer_id = c.customer_id AND r.date = lc.date
WHERE lc.dataset_id = $dataset_id AND lc.date <= $as_of AND lc.last_before IS NOT NULL
GROUP BY lc.cidx, lc.last_before
