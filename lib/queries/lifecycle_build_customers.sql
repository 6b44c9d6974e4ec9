-- Fill lifecycle_customers for dataset $dataset_id: every customer known from transactions or
-- the customers table, numbered densely (cidx), with dimensions, first purchase, the filter
-- combination (combo: one number per segment, region, channel and cohort) and the days from first
-- contact to first purchase. A purchase is a transaction with a positive amount. (What customers
-- met in their first year is worked out when the danger points first ask: lifecycle_first_year.sql.)
INSERT INTO lifecycle_customers
WITH tx AS (
    SELECT customer_id, min(date) AS first_tx, min(date) FILTER (WHERE amount > 0) AS first_purchase
    FROM transactions WHERE dataset_id = $dataset_id
    GROUP BY customer_id
),
cu AS (
    SELECT customer_id, any_value(segment) AS segment, any_value(region) AS region,
           any_value(acquisition_channel) AS channel, min(first_contact_date) AS first_contact
    FROM customers WHERE dataset_id = $dataset_id
    GROUP BY customer_id
),
known AS (
    SELECT coalesce(tx.customer_id, cu.customer_id) AS customer_id,
           coalesce(cu.segment, '') AS segment, coalesce(cu.region, '') AS region,
           coalesce(cu.channel, '') AS channel,
           least(cu.first_contact, tx.first_tx) AS known_since, tx.first_purchase, cu.first_contact
    FROM tx FULL OUTER JOIN cu USING (customer_id)
),
combos AS (  -- the filter combinations, numbered in order (a few thousand rows to sort, not every customer)
    SELECT segment, region, channel, cohort,
           CAST(row_number() OVER (ORDER BY segment, region, channel, cohort) AS INTEGER) AS combo
    FROM (SELECT DISTINCT segment, region, channel, CAST(date_trunc('month', first_purchase) AS DATE) AS cohort
          FROM known)
)
SELECT $dataset_id, CAST(row_number() OVER (ORDER BY k.customer_id) AS INTEGER), k.customer_id,
       k.segment, k.region, k.channel, k.known_since, k.first_purchase,
       CAST(date_trunc('month', k.first_purchase) AS DATE),
       cb.combo,
       CASE WHEN k.first_contact <= k.first_purchase THEN k.first_purchase - k.first_contact END
FROM known k
JOIN combos cb ON cb.segment = k.segment AND cb.region = k.region AND cb.channel = k.channel
 AND cb.cohort IS NOT DISTINCT FROM CAST(date_trunc('month', k.first_purchase) AS DATE)
