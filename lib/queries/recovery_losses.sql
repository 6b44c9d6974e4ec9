-- Every loss of dataset $dataset_id up to $as_of, by the lifecycle page's rule for "lost": a churn
-- record after the last purchase, or more than $lost_days days without a purchase. Reads rc_dates
-- (recovery_dates.sql) and rc_records (recovery_records.sql).
--   end_date        the last purchase before the loss (the end of the relationship)
--   loss_date       when the customer counts as lost: the first churn record, or the day after
--                   $lost_days days without a purchase, whichever comes first
--   kind            cancellation | silent (a churn record without cancellation) | inactive (no record)
--   return_date     the first purchase after the loss, if any up to $as_of
-- The former value (recovery_revenue.sql) is joined by lib.recovery.base.
WITH recorded AS (
    SELECT cidx, end_date, record_date, reason,
           least(record_date, end_date + $lost_days + 1) AS loss_date,
           CASE WHEN next_after <= $as_of THEN next_after END AS return_date,
           CASE WHEN cancelled THEN 'cancellation' ELSE 'silent' END AS kind
    FROM rc_records
),
gaps AS (   -- long gaps that ended by $as_of, and the gap still open at $as_of
    SELECT cidx, CAST(day - idle_days - 1 AS DATE) AS end_date, day AS return_date
    FROM lifecycle_gaps
    WHERE dataset_id = $dataset_id AND day <= $as_of AND idle_days > $lost_days
    UNION ALL
    SELECT cidx, last_now, CAST(NULL AS DATE)
    FROM rc_dates
    WHERE $as_of - last_now > $lost_days
),
inactive AS (
    SELECT g.cidx, g.end_date, CAST(NULL AS DATE) AS record_date, CAST(NULL AS VARCHAR) AS reason,
           CAST(g.end_date + $lost_days + 1 AS DATE) AS loss_date, g.return_date, 'inactive' AS kind
    FROM gaps g
    ANTI JOIN rc_records r ON r.cidx = g.cidx AND r.end_date = g.end_date
),
losses AS (
    SELECT cidx, end_date, record_date, reason, loss_date, return_date, kind FROM recorded
    UNION ALL
    SELECT cidx, end_date, record_date, reason, loss_date, return_date, kind FROM inactive
)
SELECT c.customer_id, l.cidx, c.segment, l.kind, l.reason, l.end_date, l.record_date, l.loss_date,
       l.return_date, c.first_purchase,
       CAST(row_number() OVER (PARTITION BY l.cidx ORDER BY l.loss_date) AS INTEGER) AS loss_no
FROM losses l
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = l.cidx
ORDER BY l.loss_date, c.customer_id
