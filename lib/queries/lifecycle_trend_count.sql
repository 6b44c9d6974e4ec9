-- Customers per filter combination and stage at one month end: the stage rules (lc_staged,
-- lifecycle_staged.sql) over lc_features, the month-end features lib.lifecycle registers (with a
-- `known` flag for the customers known by then).
WITH
@include lifecycle_staged
SELECT combo, stage, count(*) AS customers
FROM lc_staged
WHERE known
GROUP BY combo, stage
