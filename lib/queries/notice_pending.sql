-- The customers of dataset $dataset_id with a cancellation notice pending at $as_of
-- (notice_pending_rule.sql), one row each: customer_id, name, segment (customers table),
-- notice_date (the latest pending notice), effective_date, measure, reason (of that notice),
-- pending (how many notices are pending).
WITH p AS (
    SELECT customer_id, max(date) AS notice_date, arg_max(effective_date, date) AS effective_date,
           arg_max(measure, date) AS measure, arg_max(reason, date) AS reason,
           CAST(count(*) AS INTEGER) AS pending
    FROM events
    WHERE dataset_id = $dataset_id AND type = 'cancellation_notice' AND
@include notice_pending_rule
    GROUP BY customer_id
)
SELECT p.customer_id, c.name, c.segment, p.notice_date, p.effective_date, p.measure, p.reason, p.pending
FROM p LEFT JOIN customers c ON c.dataset_id = $dataset_id AND c.customer_id = p.customer_id
ORDER BY p.customer_id
