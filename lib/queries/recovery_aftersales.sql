-- Repurchase within 12 months of each customer's first survey of dataset $dataset_id answered at
-- least 365 days before $as_of, by satisfaction with the sale and with after-sales (satisfied:
-- $satisfied or more of 5). A repurchase is a purchase day (lifecycle_days.purchase) in the 365
-- days after the survey day. Columns sale_ok, after_ok, n, k.
WITH s AS (
    SELECT customer_id, min(date) AS date,
           arg_min(sale_satisfaction, date) AS sale, arg_min(aftersales_satisfaction, date) AS after
    FROM surveys
    WHERE dataset_id = $dataset_id AND date <= $as_of - 365
      AND sale_satisfaction IS NOT NULL AND aftersales_satisfaction IS NOT NULL
    GROUP BY customer_id
),
bought AS (
    SELECT DISTINCT s.customer_id
    FROM s
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = s.customer_id
    JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = c.cidx AND d.purchase
         AND d.day > s.date AND d.day <= s.date + 365
)
SELECT s.sale >= $satisfied AS sale_ok, s.after >= $satisfied AS after_ok,
       count(*) AS n, count(b.customer_id) AS k
FROM s
LEFT JOIN bought b USING (customer_id)
GROUP BY ALL
ORDER BY ALL
