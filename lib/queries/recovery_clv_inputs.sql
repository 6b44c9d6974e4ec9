-- The CLV models' per-customer inputs (as clv_summary.sql: purchase days = customer_days with
-- `sale`; weeks from the first purchase day) for the customers of rc_at (customer_id, at_date),
-- each measured up to their own at_date instead of one calibration end: customer_id, x, t_x, T,
-- monetary (mean net amount of the repeat days, 0 when x = 0).
WITH d AS (
    SELECT a.customer_id, a.at_date, cd.date, CAST(cd.amount * 100 AS BIGINT) AS cents
    FROM rc_at a
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = a.customer_id
    JOIN customer_days cd ON cd.dataset_id = $dataset_id AND cd.cidx = c.cidx
         AND cd.sale AND cd.date <= a.at_date
),
f AS (
    SELECT customer_id, min(date) AS first_day FROM d GROUP BY customer_id
),
per AS (
    SELECT d.customer_id, any_value(d.at_date) AS at_date, f.first_day,
           count(*) - 1 AS x, max(d.date) AS last_day,
           sum(d.cents) FILTER (WHERE d.date > f.first_day) AS repeat_cents
    FROM d JOIN f USING (customer_id)
    GROUP BY d.customer_id, f.first_day
)
SELECT customer_id,
       CAST(x AS BIGINT) AS x,
       CAST(date_diff('day', first_day, last_day) AS DOUBLE) / 7 AS t_x,
       CAST(date_diff('day', first_day, at_date) AS DOUBLE) / 7 AS "T",
       CASE WHEN x > 0 THEN CAST(repeat_cents AS DOUBLE) / 100 / x ELSE 0.0 END AS monetary
FROM per
ORDER BY customer_id
