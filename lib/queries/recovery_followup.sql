-- What followed each origin of rc_origins (oid, cidx, origin, grp): the next loss of the customer
-- after it (rc_all_losses: cidx, end_date, loss_date; the first loss whose last purchase is on or
-- after the origin), and re-churn within 12 months by the lifecycle page's first-year rule: a
-- churn record within 365 days after the origin, or no purchase in days 183-365 after it (NULL
-- when those 365 days have not passed by $as_of).
WITH nxt AS (
    SELECT o.oid, min(l.loss_date) AS next_loss, arg_min(l.end_date, l.loss_date) AS next_end
    FROM rc_origins o
    JOIN rc_all_losses l ON l.cidx = o.cidx AND l.end_date >= o.origin
    GROUP BY o.oid
),
rec AS (
    SELECT DISTINCT o.oid
    FROM rc_origins o
    JOIN lifecycle_churn ch ON ch.dataset_id = $dataset_id AND ch.cidx = o.cidx
         AND ch.date > o.origin AND ch.date <= o.origin + 365
),
late AS (
    SELECT DISTINCT o.oid
    FROM rc_origins o
    JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = o.cidx AND d.purchase
         AND d.day >= o.origin + 183 AND d.day <= o.origin + 365
)
SELECT o.oid, o.cidx, o.origin, o.grp, n.next_loss, n.next_end,
       CASE WHEN o.origin + 365 <= $as_of THEN rec.oid IS NOT NULL OR late.oid IS NULL END AS rechurn_12m
FROM rc_origins o
LEFT JOIN nxt n USING (oid)
LEFT JOIN rec USING (oid)
LEFT JOIN late USING (oid)
ORDER BY o.oid
