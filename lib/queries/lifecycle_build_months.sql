-- Fill lifecycle_months for dataset $dataset_id from lifecycle_days: one row per customer and
-- calendar month with transactions, in no particular order (sorting 8 million rows by month cost a
-- quarter of the build; the trend orders what it reads itself). A gap
-- long enough to count as a return can only end on a month's first purchase day, so the last
-- purchase day before it and the usual gap up to then are all the return rule needs.
INSERT INTO lifecycle_months
WITH m AS (
    SELECT cidx, CAST(date_trunc('month', day) AS DATE) AS month, sum(amount) AS revenue,
           count(*) FILTER (WHERE purchase) AS purchase_days,
           min(day) FILTER (WHERE purchase) AS first_day, max(day) FILTER (WHERE purchase) AS last_day
    FROM lifecycle_days WHERE dataset_id = $dataset_id
    GROUP BY cidx, month
),
w AS (
    SELECT *,
           max(last_day) OVER before AS prev_day,
           coalesce(sum(purchase_days) OVER before, 0) AS n_before
    FROM m
    WINDOW before AS (PARTITION BY cidx ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT $dataset_id, w.cidx, w.month, c.combo,
       CASE WHEN w.month >= c.cohort THEN CAST(date_diff('month', c.cohort, w.month) AS SMALLINT) END,
       w.revenue, w.purchase_days, w.first_day, w.last_day, w.prev_day, w.n_before,
       CASE WHEN w.n_before > 1 THEN (w.prev_day - c.first_purchase) / (w.n_before - 1) END
FROM w JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = w.cidx
