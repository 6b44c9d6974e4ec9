-- Customers of cohort $cohort (month of the first purchase) who bought in their month of life
-- $age, whose combination is in lc_picked, with their stage at the as-of date (lc_stages); input
-- of lifecycle_list.sql.
SELECT s.*, CAST(NULL AS VARCHAR) AS stage_from
FROM lc_stages s
JOIN lifecycle_months m ON m.dataset_id = $dataset_id AND m.cidx = s.cidx
WHERE m.age = $age AND m.purchase_days > 0 AND m.combo IN (SELECT combo FROM lc_picked WHERE cohort = CAST($cohort AS DATE))
