-- Fill lifecycle_months for dataset $dataset_id from lifecycle_days: one row per customer and
-- calendar month with transactions, in no particular order (sorting 8 million rows by month cost a
-- quarter of the build; the trend orders what it reads itself). What the return rule needs of
-- the days before a month (lifecycle_gaps) is worked out for the months that end a gap
-- (lifecycle_build_gaps.sql), not stored with every month. The customers numbered $cidx_from to
-- $cidx_to (lib.derived.build runs it per range of numbers).
INSERT INTO lifecycle_months
SELECT $dataset_id, m.cidx, m.month, c.combo,
       CASE WHEN m.month >= c.cohort THEN CAST(date_diff('month', c.cohort, m.month) AS SMALLINT) END,
       m.revenue, m.purchase_days, m.first_day, m.last_day
FROM (
    SELECT cidx, CAST(date_trunc('month', day) AS DATE) AS month, sum(amount) AS revenue,
           count(*) FILTER (WHERE purchase) AS purchase_days,
           min(day) FILTER (WHERE purchase) AS first_day, max(day) FILTER (WHERE purchase) AS last_day
    FROM lifecycle_days WHERE dataset_id = $dataset_id AND cidx BETWEEN $cidx_from AND $cidx_to
    GROUP BY cidx, month
) m
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = m.cidx
