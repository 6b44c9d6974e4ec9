-- Customers per stage at each month end up to $as_of: the trend cube lc_trend (month, stage,
-- combo, customers) added up over the filter combinations in lc_picked.
SELECT month, stage, sum(customers) AS customers
FROM lc_trend
WHERE month <= CAST($as_of AS DATE) AND combo IN (SELECT combo FROM lc_picked)
GROUP BY month, stage
ORDER BY month, stage
