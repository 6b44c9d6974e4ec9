-- Evidence for the later danger points: the customers of lc_picked who were active 12 months
-- before the as-of date (lc_start, their stages then: new, growing, mature, declining or won
-- back), grouped by what they met in the 12 months before that (lc_exposures,
-- lifecycle_exposures.sql), with how many were lost since (lc_stages.lost_12m).
-- Columns: comparison, grp, customers, lost.
WITH base AS (
    SELECT s.lost_12m, coalesce(x.competitor, 0) AS competitor, coalesce(x.disputes, 0) AS disputes,
           coalesce(x.complaints, 0) AS complaints, coalesce(x.outbound, 0) AS outbound
    FROM lc_start s0
    JOIN lc_stages s USING (cidx)
    LEFT JOIN lc_exposures x USING (cidx)
    WHERE s0.stage IN ('new', 'growing', 'mature', 'declining', 'won_back')
      AND s.combo IN (SELECT combo FROM lc_picked)
),
g AS (
    SELECT 'outbound' AS comparison,
           CASE WHEN outbound <= 5 THEN 'o0_5' WHEN outbound <= 11 THEN 'o6_11' ELSE 'o12plus' END AS grp, lost_12m
    FROM base
    UNION ALL
    SELECT 'competitor', CASE WHEN competitor > 0 THEN 'yes' ELSE 'no' END, lost_12m FROM base
    UNION ALL
    SELECT 'disputes', CASE WHEN disputes = 0 THEN 'n0' WHEN disputes = 1 THEN 'n1' ELSE 'n2plus' END, lost_12m FROM base
    UNION ALL
    SELECT 'complaints', CASE WHEN complaints = 0 THEN 'n0' WHEN complaints = 1 THEN 'n1' ELSE 'n2plus' END, lost_12m
    FROM base
)
SELECT comparison, grp, count(*) AS customers, count(*) FILTER (WHERE lost_12m) AS lost
FROM g
GROUP BY comparison, grp
