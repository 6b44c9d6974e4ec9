-- The lifecycle curve's median view: per month of life (age 0 = the calendar month of the first
-- purchase), completed by $last_month, the median net revenue of the customers of lc_picked who
-- bought that month (a median over everyone behind the point would be zero whenever fewer than
-- half of them buy in a month). Columns as lifecycle_curve.sql: age, customers (behind the
-- point), buyers, revenue (NULL here), value.
@include lifecycle_curve_cohorts
, vals AS (
    SELECT CAST(m.age AS INTEGER) AS age, count(*) AS buyers, median(CAST(m.revenue AS DOUBLE)) AS value
    FROM lifecycle_months m
    WHERE m.dataset_id = $dataset_id AND m.age IS NOT NULL AND m.month <= CAST($last_month AS DATE)
      AND m.purchase_days > 0 AND m.combo IN (SELECT combo FROM picked)
    GROUP BY m.age
)
SELECT e.age, e.customers, coalesce(v.buyers, 0) AS buyers, CAST(NULL AS DOUBLE) AS revenue, v.value
FROM eligible e LEFT JOIN vals v USING (age)
ORDER BY e.age
