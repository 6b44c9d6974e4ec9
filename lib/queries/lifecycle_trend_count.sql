-- Customers per filter combination and stage at one month end: counts lc_staged, the stage
-- rules (lifecycle_stage_rule.sql) over the month-end features lib.lifecycle assembles (with a
-- `known` flag for the customers known by then).
SELECT combo, stage, count(*) AS customers
FROM lc_staged
WHERE known
GROUP BY combo, stage
