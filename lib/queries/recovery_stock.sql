-- Customers lost or sleeping at 'now' ($as_of) and at 'then' ($then) by the lifecycle page's
-- stage rules (lifecycle_stage_rule.sql over recovery_stock_features.sql, both included here) and
-- rc_records (recovery_records.sql). The former value (recovery_revenue.sql) is joined by
-- lib.recovery.base.
--   group           the loss kind known at that date (cancellation, silent, inactive), or sleeping
--   loss_date       as in recovery_losses.sql (NULL for sleeping customers)
--   revenue_before  net revenue of the 365 days up to and including the last purchase (the
--                   former value)
--   back            a customer of 'then' bought again by $as_of (what the likelihood of return is
--                   learnt from)
WITH lc_features AS (
@include recovery_stock_features
),
lc_staged AS (
@include lifecycle_stage_rule
)
SELECT c.customer_id, p.cidx, c.segment, p.at, p.stage, p.first_purchase, p.last_purchase, p.n_purchases,
       CASE WHEN p.stage = 'sleeping' THEN 'sleeping'
            WHEN r.record_date IS NULL OR r.record_date > p.as_of THEN 'inactive'
            WHEN r.cancelled THEN 'cancellation' ELSE 'silent' END AS "group",
       CASE WHEN p.stage = 'lost' AND r.record_date <= p.as_of THEN r.reason END AS reason,
       CASE WHEN p.stage = 'lost' THEN
            CASE WHEN r.record_date <= p.as_of THEN least(r.record_date, p.last_purchase + $lost_days + 1)
                 ELSE CAST(p.last_purchase + $lost_days + 1 AS DATE) END END AS loss_date,
       CAST(p.as_of - p.last_purchase AS INTEGER) AS idle_days,
       p.at = 'then' AND p.last_now > $then AS back
FROM lc_staged p
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = p.cidx
LEFT JOIN rc_records r ON r.cidx = p.cidx AND r.end_date = p.last_purchase
WHERE p.stage IN ('lost', 'sleeping')
