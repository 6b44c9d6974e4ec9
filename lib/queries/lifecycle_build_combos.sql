-- Fill lifecycle_combos for dataset $dataset_id: each filter combination (segment, region,
-- acquisition channel, cohort) with its number of customers. Every filter of the page is a
-- WHERE over this small table; the per-customer frames and cubes carry only the combo number.
INSERT INTO lifecycle_combos
SELECT $dataset_id, combo, any_value(segment), any_value(region), any_value(channel), any_value(cohort),
       count(*)
FROM lifecycle_customers
WHERE dataset_id = $dataset_id
GROUP BY combo
