-- One row per customer with a purchase up to $as_of: historic value and the attributes the
-- value page profiles by. Revenue nets returns and credit notes; a purchase day is a day with a
-- positive net amount. Customers without a customers-table row get NULL attributes.
WITH per_customer AS (   -- grouped by the customer's number, the id joined after
    SELECT cidx,
           min(date) FILTER (WHERE amount > 0) AS first_date,
           max(date) FILTER (WHERE amount > 0) AS last_date,
           sum(amount)::DOUBLE AS revenue_all,
           coalesce(sum(amount) FILTER (WHERE date > $as_of - INTERVAL 365 DAY), 0)::DOUBLE AS revenue_12m,
           count(*) FILTER (WHERE amount > 0) AS orders_all,
           count(*) FILTER (WHERE amount > 0 AND date > $as_of - INTERVAL 365 DAY) AS orders_12m
    FROM customer_days
    WHERE dataset_id = $dataset_id AND date <= $as_of
    GROUP BY cidx
),
named AS (
    SELECT l.customer_id, p.*
    FROM per_customer p JOIN lifecycle_customers l ON l.dataset_id = $dataset_id AND l.cidx = p.cidx
    WHERE p.first_date IS NOT NULL
)
SELECT p.customer_id, p.first_date, p.last_date, p.revenue_all, p.revenue_12m, p.orders_all, p.orders_12m,
       date_diff('day', p.last_date, $as_of) AS recency_days,
       date_diff('day', p.first_date, $as_of) AS tenure_days,
       c.segment, c.region, c.acquisition_channel, c.account_manager
FROM named p
LEFT JOIN (SELECT DISTINCT ON (customer_id) * FROM customers WHERE dataset_id = $dataset_id) c USING (customer_id)
ORDER BY p.customer_id
