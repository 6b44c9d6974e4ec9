-- What customers of dataset $dataset_id met in the 12 months before the last 12 ($w24, $w12]:
-- cidx, and
--   competitor, disputes, complaints   competitor mentions, disputes, complaints (events)
--   outbound          outbound contacts and marketing contacts
--   manager_changes   changes of the account manager or contact person (events manager_change)
--   invoices_judged   invoices of customers with at least three invoices in the 365 days before
--                     the window (their usual invoice: the median of those)
--   invoice_jumps     of those, invoices of at least twice the usual
--   jumps_contested   of those, invoices followed by a complaint or dispute within 30 days
--   price_index       customers whose first purchase lies before the window: the median, over their
--                     purchases in the window with quantity and product, of the unit price paid
--                     (amount / quantity) over the median unit price new customers (first purchase
--                     less than 365 days before) of the same segment paid for the same product in
--                     the same month (at least 5 such purchases); NULL without such a comparison.
-- Customers who met none of these are absent.
WITH ev AS (
    SELECT c.cidx,
           count(*) FILTER (WHERE e.type = 'competitor_mention') AS competitor,
           count(*) FILTER (WHERE e.type = 'dispute') AS disputes,
           count(*) FILTER (WHERE e.type = 'complaint') AS complaints,
           count(*) FILTER (WHERE e.type = 'marketing' OR (e.type = 'contact' AND e.direction = 'outbound')) AS outbound,
           count(*) FILTER (WHERE e.type = 'manager_change') AS manager_changes
    FROM events e
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = e.customer_id
    WHERE e.dataset_id = $dataset_id AND e.date > CAST($w24 AS DATE) AND e.date <= CAST($w12 AS DATE)
    GROUP BY c.cidx
),
usual AS (      -- the customer's usual invoice: the median of the year before the window
    SELECT customer_id, median(CAST(amount AS DOUBLE)) AS usual
    FROM invoices
    WHERE dataset_id = $dataset_id AND invoice_date > CAST($w24 AS DATE) - INTERVAL 365 DAYS
      AND invoice_date <= CAST($w24 AS DATE)
    GROUP BY customer_id
    HAVING count(*) >= 3
),
judged AS (
    SELECT i.customer_id, i.invoice_date, u.usual > 0 AND i.amount >= 2 * u.usual AS jump
    FROM invoices i
    JOIN usual u USING (customer_id)
    WHERE i.dataset_id = $dataset_id AND i.invoice_date > CAST($w24 AS DATE) AND i.invoice_date <= CAST($w12 AS DATE)
),
objections AS (
    SELECT customer_id, date FROM events
    WHERE dataset_id = $dataset_id AND type IN ('complaint', 'dispute')
      AND date > CAST($w24 AS DATE) AND date <= CAST($w12 AS DATE) + 30
),
followed AS (   -- each jump with the first complaint or dispute on or after its date
    SELECT j.customer_id, j.invoice_date, o.date <= j.invoice_date + 30 AS contested
    FROM (SELECT customer_id, invoice_date FROM judged WHERE jump) j
    ASOF LEFT JOIN objections o ON o.customer_id = j.customer_id AND o.date >= j.invoice_date
),
surprises AS (
    SELECT c.cidx, count(*) AS invoices_judged, count(*) FILTER (WHERE j.jump) AS invoice_jumps,
           count(*) FILTER (WHERE f.contested) AS jumps_contested
    FROM judged j
    LEFT JOIN followed f USING (customer_id, invoice_date)
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = j.customer_id
    GROUP BY c.cidx
),
units AS MATERIALIZED (
    SELECT c.cidx, c.segment, c.first_purchase, t.product, date_trunc('month', t.date) AS month,
           t.date - c.first_purchase < 365 AS new_customer, CAST(t.amount AS DOUBLE) / t.quantity AS unit
    FROM transactions t
    JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = t.customer_id
    WHERE t.dataset_id = $dataset_id AND t.date > CAST($w24 AS DATE) AND t.date <= CAST($w12 AS DATE)
      AND t.amount > 0 AND t.quantity > 0 AND t.product IS NOT NULL
),
new_price AS (
    SELECT segment, product, month, median(unit) AS new_unit
    FROM units WHERE new_customer
    GROUP BY segment, product, month
    HAVING count(*) >= 5
),
prices AS (
    SELECT u.cidx, median(u.unit / n.new_unit) AS price_index
    FROM units u
    JOIN new_price n USING (segment, product, month)
    WHERE u.first_purchase <= CAST($w24 AS DATE) AND n.new_unit > 0
    GROUP BY u.cidx
)
SELECT cidx,
       coalesce(ev.competitor, 0) AS competitor, coalesce(ev.disputes, 0) AS disputes,
       coalesce(ev.complaints, 0) AS complaints, coalesce(ev.outbound, 0) AS outbound,
       coalesce(ev.manager_changes, 0) AS manager_changes,
       coalesce(s.invoices_judged, 0) AS invoices_judged, coalesce(s.invoice_jumps, 0) AS invoice_jumps,
       coalesce(s.jumps_contested, 0) AS jumps_contested, p.price_index
FROM ev
FULL JOIN surprises s USING (cidx)
FULL JOIN prices p USING (cidx)
