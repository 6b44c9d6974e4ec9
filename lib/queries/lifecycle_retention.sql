-- Cohort retention: per cohort in lc_picked (month of the first purchase) and month of life
-- completed by $last_month: cohort size, buyers, net revenue, customer_share (buyers / size)
-- and revenue_share (revenue / the cohort's revenue in its first month).
WITH picked AS (
    SELECT combo, cohort, customers FROM lc_picked
    WHERE cohort IS NOT NULL AND cohort <= CAST($last_month AS DATE)
),
sizes AS (SELECT cohort, sum(customers) AS size FROM picked GROUP BY cohort),
cells AS (
    SELECT p.cohort, CAST(c.age AS INTEGER) AS age, sum(c.revenue) AS revenue, sum(c.buyers) AS buyers
    FROM lifecycle_cohorts c JOIN picked p USING (combo)
    WHERE c.dataset_id = $dataset_id AND c.age <= date_diff('month', p.cohort, CAST($last_month AS DATE))
    GROUP BY p.cohort, c.age
),
grid AS (
    SELECT s.cohort, CAST(a.age AS INTEGER) AS age, s.size
    FROM sizes s, generate_series(0, date_diff('month', s.cohort, CAST($last_month AS DATE))) AS a(age)
)
SELECT g.cohort, g.age, g.size, coalesce(c.buyers, 0) AS buyers,
       CAST(coalesce(c.revenue, 0) AS DOUBLE) AS revenue,
       coalesce(c.buyers, 0) / g.size AS customer_share,
       CAST(coalesce(c.revenue, 0) AS DOUBLE)
           / nullif(CAST(max(c.revenue) FILTER (WHERE g.age = 0) OVER (PARTITION BY g.cohort) AS DOUBLE), 0)
           AS revenue_share
FROM grid g LEFT JOIN cells c USING (cohort, age)
ORDER BY g.cohort, g.age
