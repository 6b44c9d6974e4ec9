-- Complaint handling against churn (lib/risk/complaints.py): the customers active 12 months
-- before $as_of (lc_start: their stages at $w12: new, growing, mature, declining or won back),
-- grouped by how their complaints (events of the types in $kinds) of the 12 months before that,
-- ($w24, $w12], were handled, with whether they were lost since (lc_stages.lost_12m).
-- A complaint counts as handled badly or slowly (status 2) when the customer said not satisfied,
-- it ended unresolved or is still open, or it was resolved more than $fast_days days after its
-- date or after $as_of; well and fast (status 0) when resolved with an outcome date by then;
-- unknown (status 1) otherwise (no outcome recorded). A customer takes the worst status of their
-- complaints; 'none' = no complaint in the window. $segment (NULL: all) keeps one segment.
-- Columns: cidx, grp, lost.
WITH handled AS (
    SELECT c.cidx,
           CASE WHEN e.satisfied = 'no' OR e.outcome IN ('unresolved', 'open')
                     OR (e.outcome = 'resolved' AND (e.outcome_date > CAST($as_of AS DATE)
                                                     OR e.outcome_date - e.date > $fast_days)) THEN 2
                WHEN e.outcome = 'resolved' AND e.outcome_date IS NOT NULL THEN 0
                ELSE 1 END AS status
    FROM events e
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = e.customer_id
    WHERE e.dataset_id = $dataset_id AND list_contains(CAST($kinds AS VARCHAR[]), e.type)
      AND e.date > CAST($w24 AS DATE) AND e.date <= CAST($w12 AS DATE)
),
per_customer AS (
    SELECT cidx, max(status) AS status FROM handled GROUP BY cidx
)
SELECT s.cidx,
       CASE p.status WHEN 0 THEN 'good' WHEN 1 THEN 'unknown' WHEN 2 THEN 'bad' ELSE 'none' END AS grp,
       s.lost_12m AS lost
FROM lc_start s0
JOIN lc_stages s USING (cidx)
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = s.cidx
LEFT JOIN per_customer p ON p.cidx = s.cidx
WHERE s0.stage IN ('new', 'growing', 'mature', 'declining', 'won_back')
  AND (CAST($segment AS VARCHAR) IS NULL OR c.segment = CAST($segment AS VARCHAR))
