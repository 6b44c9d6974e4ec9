-- Per customer of dataset $dataset_id who can be lost or sleeping at $as_of or at $then (twelve
-- months earlier), the inputs of the lifecycle page's stage rules at both dates: first purchase,
-- last purchase and purchase days up to each date, the last churn record up to each date.
-- A purchase is a day with a positive amount (lifecycle_days.purchase, as on the lifecycle page).
-- Customers who bought within $min_idle days of both dates and have no churn record cannot be
-- lost or sleeping at either date and are left out (most of a large dataset).
WITH per AS (
    SELECT cidx,
           min(day) AS first_purchase,
           max(day) AS last_now,
           count(*) AS n_now,
           max(day) FILTER (WHERE day <= $then) AS last_then,
           count(*) FILTER (WHERE day <= $then) AS n_then
    FROM lifecycle_days
    WHERE dataset_id = $dataset_id AND day <= $as_of AND purchase
    GROUP BY cidx
),
ch AS (
    SELECT cidx, max(date) AS churn_now, max(date) FILTER (WHERE date <= $then) AS churn_then
    FROM lifecycle_churn
    WHERE dataset_id = $dataset_id AND date <= $as_of
    GROUP BY cidx
)
SELECT p.cidx, p.first_purchase, p.last_now, p.n_now, p.last_then, p.n_then, ch.churn_now, ch.churn_then
FROM per p
LEFT JOIN ch USING (cidx)
WHERE (ch.cidx IS NOT NULL OR p.last_now <= $as_of - $min_idle OR p.last_then <= $then - $min_idle)
