-- The former value: net revenue of dataset $dataset_id in the 365 days up to and including each
-- end_date of rc_ends (cidx, end_date; the last purchase before a loss, or of a sleeping
-- customer). One row per pair with revenue.
SELECT e.cidx, e.end_date, CAST(sum(d.amount) AS DOUBLE) AS revenue_before
FROM (SELECT DISTINCT cidx, end_date FROM rc_ends) e
JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = e.cidx
     AND d.day > e.end_date - 365 AND d.day <= e.end_date
GROUP BY e.cidx, e.end_date
