-- Customers in stage $stage at the as-of date (lc_stages) whose combination is in lc_picked,
-- with the numbers behind their stage (stage_from empty); input of lifecycle_list.sql.
SELECT s.*, CAST(NULL AS VARCHAR) AS stage_from
FROM lc_stages s
WHERE s.stage = $stage AND s.combo IN (SELECT combo FROM lc_picked)
