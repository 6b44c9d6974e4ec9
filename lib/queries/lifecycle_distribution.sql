-- Customers and net revenue of the last 12 months per stage: lc_stages (lifecycle_stages.sql)
-- of the customers whose filter combination is in lc_picked (lifecycle_picked.sql).
SELECT stage, count(*) AS customers, sum(revenue_12m) AS revenue_12m
FROM lc_stages
WHERE combo IN (SELECT combo FROM lc_picked)
GROUP BY stage
