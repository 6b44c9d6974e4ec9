-- Fill customer_days for dataset $dataset_id (lib/derived.sql): one row per customer and day with
-- transactions, with the customer's number (cidx) from lifecycle_customers, so the lifecycle
-- page (through the view lifecycle_days) and the other pages share one table. The 18 million
-- groups of a million customers are keyed by one integer, cidx * 2^20 + the day number (days
-- since 0001-01-01: 2^20 days reach the year 2871), which hashes and compares faster than the
-- pair (cidx, date) and much faster than the id text; the id is joined back once per row. One
-- max(amount) says both whether the day has a non-negative row (`sale`) and a positive one
-- (`purchase`). No ORDER BY: sorting 18 million rows took longer than the whole grouping, and
-- every reader joins or groups.
INSERT INTO customer_days
SELECT $dataset_id, c.customer_id, DATE '0001-01-01' + CAST(d.k & 1048575 AS INTEGER), d.amount, d.top >= 0,
       d.n_rows, CAST(d.k >> 20 AS INTEGER), d.top > 0
FROM (
    SELECT (CAST(c.cidx AS BIGINT) << 20) + (t.date - DATE '0001-01-01') AS k, sum(t.amount) AS amount,
           max(t.amount) AS top, CAST(count(*) AS INTEGER) AS n_rows
    FROM transactions t
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = t.customer_id
    WHERE t.dataset_id = $dataset_id
    GROUP BY k
) d
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = CAST(d.k >> 20 AS INTEGER)
