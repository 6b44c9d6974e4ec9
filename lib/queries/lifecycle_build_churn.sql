-- Fill lifecycle_churn for dataset $dataset_id: each churn record with the last purchase day on
-- or before it and the first purchase day after it (a purchase after the record is a return).
INSERT INTO lifecycle_churn
WITH ch AS (
    SELECT DISTINCT c.cidx, r.date
    FROM churn r JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = r.customer_id
    WHERE r.dataset_id = $dataset_id
),
p AS (
    SELECT d.cidx, d.day FROM lifecycle_days d SEMI JOIN ch USING (cidx)
    WHERE d.dataset_id = $dataset_id AND d.purchase
)
SELECT $dataset_id, ch.cidx, ch.date,
       max(p.day) FILTER (WHERE p.day <= ch.date),
       min(p.day) FILTER (WHERE p.day > ch.date)
FROM ch LEFT JOIN p USING (cidx)
GROUP BY ch.cidx, ch.date
