-- Fill customer_days for dataset $dataset_id (lib/derived.sql): one row per customer and day with
-- transactions, with the customer's number (cidx) from lifecycle_customers, so the lifecycle
-- page (through the view lifecycle_days) and the other pages share one table. Grouping by the
-- number is quicker than by the id text; the id is joined back once per row. No ORDER BY:
-- sorting 18 million rows took longer than the whole grouping, and every reader joins or groups.
INSERT INTO customer_days
SELECT $dataset_id, c.customer_id, d.date, d.amount, d.sale, d.n_rows, d.cidx, d.purchase
FROM (
    SELECT c.cidx, t.date, sum(t.amount) AS amount, max(t.amount) >= 0 AS sale,
           CAST(count(*) AS INTEGER) AS n_rows, bool_or(t.amount > 0) AS purchase
    FROM transactions t
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = t.customer_id
    WHERE t.dataset_id = $dataset_id
    GROUP BY c.cidx, t.date
) d
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = d.cidx
