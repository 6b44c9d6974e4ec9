-- Fill customer_days for dataset $dataset_id (lib/derived.sql): one row per customer and day with
-- transactions, the customer by its number (cidx) in lifecycle_customers, so the lifecycle
-- page (through the view lifecycle_days) and the other pages share one table. Grouping by the
-- number is quicker than by the id text, and storing the id text with every day cost a third
-- of the build: a reader that needs the id joins lifecycle_customers on cidx. The largest amount
-- gives both flags (a purchase day: some row > 0; a sale day: some row >= 0), a quarter quicker
-- than a third aggregate. No ORDER BY: sorting 18 million rows took longer than the whole
-- grouping, and every reader joins or groups. The customers numbered $cidx_from to $cidx_to
-- (lib.derived.build runs it per range of numbers).
INSERT INTO customer_days
SELECT $dataset_id, cidx, date, amount, largest >= 0, largest > 0
FROM (
    SELECT c.cidx, t.date, sum(t.amount) AS amount, max(t.amount) AS largest
    FROM transactions t
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = t.customer_id
    WHERE t.dataset_id = $dataset_id AND c.cidx BETWEEN $cidx_from AND $cidx_to
    GROUP BY c.cidx, t.date
)
