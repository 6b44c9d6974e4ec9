-- The reference for the early-warning signals: up to $sample customers of dataset $dataset_id
-- never lost up to $as_of (not in rc_loss's customers, no churn record, no 365 idle days: the
-- lifecycle_gaps and the last purchase say so) who bought at least $window + 90 days before it,
-- in a fixed pseudo-random order. Same columns as rc_loss (loss_id is set by the caller); their
-- anchor is $as_of.
WITH last AS (
    SELECT cidx, max(day) AS last_purchase FROM lifecycle_days
    WHERE dataset_id = $dataset_id AND purchase AND day <= $as_of
    GROUP BY cidx
)
SELECT CAST(0 AS BIGINT) AS loss_id, CAST(c.cidx AS BIGINT) AS cidx, c.customer_id,
       CAST($as_of AS DATE) AS anchor, c.first_purchase
FROM lifecycle_customers c
JOIN last l USING (cidx)
WHERE c.dataset_id = $dataset_id
  AND c.first_purchase <= $as_of - ($window + 90)
  AND $as_of - l.last_purchase <= $lost_days
  AND NOT EXISTS (SELECT 1 FROM lifecycle_churn ch WHERE ch.dataset_id = $dataset_id AND ch.cidx = c.cidx
                  AND ch.date <= $as_of)
  AND NOT EXISTS (SELECT 1 FROM lifecycle_gaps g WHERE g.dataset_id = $dataset_id AND g.cidx = c.cidx
                  AND g.day <= $as_of AND g.idle_days > $lost_days)
ORDER BY hash(c.cidx, 'recovery-reference')
LIMIT $sample
