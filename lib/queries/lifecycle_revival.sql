-- Revitalisation: per month since a return (age 0 = the calendar month of the return) the
-- returns behind the point (those in lc_returns up to $as_of, of customers whose combination is
-- in lc_picked, whose month `age` has ended by $last_month), their net revenue and the mean per
-- return; and the median days the returning customers had gone without a purchase.
WITH r AS (
    SELECT r.cidx, CAST(date_trunc('month', r.day) AS DATE) AS month, r.idle_days
    FROM lc_returns r
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = r.cidx
    WHERE r.day <= CAST($as_of AS DATE) AND c.combo IN (SELECT combo FROM lc_picked)
      AND date_trunc('month', r.day) <= CAST($last_month AS DATE)
),
eligible AS (
    SELECT CAST(a.age AS INTEGER) AS age, count(*) AS customers
    FROM r, generate_series(0, least(11, date_diff('month', r.month, CAST($last_month AS DATE)))) AS a(age)
    GROUP BY a.age
),
revenue AS (
    SELECT CAST(date_diff('month', r.month, m.month) AS INTEGER) AS age, sum(m.revenue) AS revenue,
           count(*) FILTER (WHERE m.purchase_days > 0) AS buyers
    FROM r JOIN lifecycle_months m ON m.dataset_id = $dataset_id AND m.cidx = r.cidx
    WHERE m.month >= r.month AND m.month <= CAST($last_month AS DATE)
      AND date_diff('month', r.month, m.month) < 12
    GROUP BY 1
)
SELECT e.age, e.customers, coalesce(v.buyers, 0) AS buyers,
       CAST(coalesce(v.revenue, 0) AS DOUBLE) / e.customers AS value,
       (SELECT median(idle_days) FROM r) AS median_idle_days
FROM eligible e LEFT JOIN revenue v USING (age)
ORDER BY e.age
