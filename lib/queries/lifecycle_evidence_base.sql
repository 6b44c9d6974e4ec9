-- Evidence for the later danger points: the customers of lc_picked who were active 12 months
-- before the as-of date (lc_start, their stages then: new, growing, mature, declining or won
-- back), grouped by what they met in the 12 months before that (lc_exposures,
-- lifecycle_exposures.sql), with how many were lost since (lc_stages.lost_12m).
-- Some comparisons look at the customers they concern only: a change of account manager at the
-- customers of the segments in which a change was recorded that year (managed); invoices of at
-- least twice the usual at customers with a usual invoice (invoices_judged > 0); prices against new customers' at customers
-- older than a year with comparable purchases (price_index not NULL).
-- Columns: comparison, grp, customers, lost.
WITH base AS (
    SELECT s.lost_12m, p.segment, coalesce(x.competitor, 0) AS competitor, coalesce(x.disputes, 0) AS disputes,
           coalesce(x.complaints, 0) AS complaints, coalesce(x.outbound, 0) AS outbound,
           coalesce(x.manager_changes, 0) AS manager_changes, coalesce(x.invoices_judged, 0) AS invoices_judged,
           coalesce(x.invoice_jumps, 0) AS invoice_jumps, coalesce(x.jumps_contested, 0) AS jumps_contested,
           x.price_index
    FROM lc_start s0
    JOIN lc_stages s USING (cidx)
    JOIN lc_picked p USING (combo)
    LEFT JOIN lc_exposures x USING (cidx)
    WHERE s0.stage IN ('new', 'growing', 'mature', 'declining', 'won_back')
),
managed AS (
    SELECT DISTINCT segment FROM base WHERE manager_changes > 0
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
    UNION ALL
    SELECT 'manager_change', CASE WHEN manager_changes > 0 THEN 'yes' ELSE 'no' END, lost_12m
    FROM base WHERE segment IN (SELECT segment FROM managed)
    UNION ALL
    SELECT 'price_surprise', CASE WHEN jumps_contested > 0 THEN 'contested' WHEN invoice_jumps > 0 THEN 'quiet'
                                  ELSE 'no_jump' END, lost_12m
    FROM base WHERE invoices_judged > 0
    UNION ALL
    SELECT 'loyal_price', CASE WHEN price_index >= 1.1 THEN 'more' ELSE 'same' END, lost_12m
    FROM base WHERE price_index IS NOT NULL
)
SELECT comparison, grp, count(*) AS customers, count(*) FILTER (WHERE lost_12m) AS lost
FROM g
GROUP BY comparison, grp
