-- The lifecycle curve: per month of life (age 0 = the calendar month of the first purchase) the
-- customers behind the point (those of the cohorts in lc_picked whose month `age` has ended by
-- $last_month, the first day of the last complete month), the buyers among them, their net
-- revenue and the mean per customer (customers without a purchase that month count as zero).
@include lifecycle_curve_cohorts
, revenue AS (
    SELECT c.age, sum(c.revenue) AS revenue, sum(c.buyers) AS buyers
    FROM lifecycle_cohorts c JOIN picked p USING (combo)
    WHERE c.dataset_id = $dataset_id AND c.age <= date_diff('month', p.cohort, CAST($last_month AS DATE))
    GROUP BY c.age
)
SELECT e.age, e.customers, coalesce(r.buyers, 0) AS buyers,
       CAST(coalesce(r.revenue, 0) AS DOUBLE) AS revenue,
       CAST(coalesce(r.revenue, 0) AS DOUBLE) / e.customers AS value
FROM eligible e LEFT JOIN revenue r USING (age)
ORDER BY e.age
