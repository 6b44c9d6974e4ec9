-- The values the page's filters offer for dataset $dataset_id: dimension ('segment', 'region',
-- 'channel', 'cohort'), value (text; cohorts as YYYY-MM-DD), customers.
SELECT 'segment' AS dimension, segment AS value, sum(customers) AS customers
FROM lifecycle_combos WHERE dataset_id = $dataset_id GROUP BY segment
UNION ALL
SELECT 'region', region, sum(customers) FROM lifecycle_combos WHERE dataset_id = $dataset_id GROUP BY region
UNION ALL
SELECT 'channel', channel, sum(customers) FROM lifecycle_combos WHERE dataset_id = $dataset_id GROUP BY channel
UNION ALL
SELECT 'cohort', strftime(cohort, '%Y-%m-%d'), sum(customers)
FROM lifecycle_combos WHERE dataset_id = $dataset_id AND cohort IS NOT NULL GROUP BY cohort
ORDER BY 1, 2
