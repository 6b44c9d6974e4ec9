-- Evidence for the danger points of the first year: the customers of lc_first_year
-- (lifecycle_first_year.sql: no churn record in their first 90 days, so a loss cannot have cut
-- the 90 days the comparisons look at short) in lc_picked whose first purchase is at least 365
-- days before $as_of, grouped per comparison, with how many of them were lost in their first
-- year (lost_year1). Columns: comparison, grp, customers, lost.
WITH base AS (
    SELECT f.*
    FROM lc_first_year f
    WHERE f.combo IN (SELECT combo FROM lc_picked) AND CAST(f.first_purchase AS DATE) + 365 <= CAST($as_of AS DATE)
),
g AS (
    SELECT 'followup' AS comparison,
           CASE WHEN followup_days <= 14 THEN 'd0_14' WHEN followup_days <= 30 THEN 'd15_30'
                WHEN followup_days <= 90 THEN 'd31_90' ELSE 'none' END AS grp, lost_year1
    FROM base
    UNION ALL
    SELECT 'followup_channel', coalesce(followup_channel, '?'), lost_year1   -- among those contacted
    FROM base WHERE followup_days <= 90
    UNION ALL
    SELECT 'sale_satisfaction', CASE WHEN sale_sat <= 3 THEN 'low' ELSE 'high' END, lost_year1
    FROM base WHERE sale_sat IS NOT NULL
    UNION ALL
    SELECT 'contact_30_180', CASE WHEN contacts_30_180 > 0 THEN 'yes' ELSE 'no' END, lost_year1
    FROM base
    UNION ALL
    SELECT 'aftersales_satisfaction', CASE WHEN after_sat <= 3 THEN 'low' ELSE 'high' END, lost_year1
    FROM base WHERE after_sat IS NOT NULL
    UNION ALL
    SELECT 'marketing_90', CASE WHEN marketing_90 = 0 THEN 'm0' WHEN marketing_90 <= 2 THEN 'm1_2' ELSE 'm3plus' END,
           lost_year1
    FROM base
    UNION ALL
    SELECT 'contact_90', CASE WHEN contacts_90 > 0 THEN 'yes' ELSE 'no' END, lost_year1
    FROM base
)
SELECT comparison, grp, count(*) AS customers, count(*) FILTER (WHERE lost_year1) AS lost
FROM g
GROUP BY comparison, grp
