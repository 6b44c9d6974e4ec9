-- The start of lifecycle_curve.sql and lifecycle_curve_median.sql (``@include``): picked, the
-- cohorts of lc_picked that began by $last_month, and eligible, per month of life the customers
-- behind the point (those whose month `age` has ended by $last_month). The including query
-- goes on with its own common table expressions.
WITH picked AS (
    SELECT combo, cohort, customers FROM lc_picked
    WHERE cohort IS NOT NULL AND cohort <= CAST($last_month AS DATE)
),
eligible AS (
    SELECT CAST(a.age AS INTEGER) AS age, sum(p.customers) AS customers
    FROM picked p, generate_series(0, date_diff('month', p.cohort, CAST($last_month AS DATE))) AS a(age)
    GROUP BY a.age
)