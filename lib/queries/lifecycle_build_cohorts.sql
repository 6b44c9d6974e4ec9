-- Fill lifecycle_cohorts for dataset $dataset_id: net revenue and buying customers per filter
-- combination (which fixes the cohort, the month of the first purchase) and month of life
-- (age 0 = the cohort month). The lifecycle curve and the retention heatmap add these up.
INSERT INTO lifecycle_cohorts
SELECT $dataset_id, c.combo, m.age, sum(m.revenue), count(*) FILTER (WHERE m.purchase_days > 0)
FROM lifecycle_months m
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = m.cidx
WHERE m.dataset_id = $dataset_id AND m.age IS NOT NULL
GROUP BY c.combo, m.age
