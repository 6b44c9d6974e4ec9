-- Fill lifecycle_customers for dataset $dataset_id: every customer known from transactions or
-- the customers table, numbered densely (cidx), with dimensions, first purchase, the filter
-- combination (combo: one number per segment, region, channel and cohort) and the first-year
-- features the danger points compare. A purchase is a transaction with a positive amount.
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
ev AS (  -- events of the first year, dated relative to the first purchase
    SELECT k.customer_id, e.date - k.first_purchase AS d, e.type, e.direction, e.channel
    FROM events e JOIN known k USING (customer_id)
    WHERE e.dataset_id = $dataset_id AND k.first_purchase IS NOT NULL
      AND e.date >= k.first_purchase AND e.date <= k.first_purchase + 365
),
ev_agg AS (
    SELECT customer_id,
           min(d) FILTER (WHERE type = 'contact' AND direction = 'outbound') AS followup_days,
           arg_min(channel, d) FILTER (WHERE type = 'contact' AND direction = 'outbound') AS followup_channel,
           count(*) FILTER (WHERE type = 'contact' AND direction = 'outbound' AND d < 90) AS contacts_90,
           count(*) FILTER (WHERE type = 'contact' AND direction = 'outbound' AND d >= 30 AND d < 180) AS contacts_30_180,
           count(*) FILTER (WHERE type = 'marketing' AND d < 90) AS marketing_90
    FROM ev GROUP BY customer_id
),
sv AS (  -- the first survey answered within 180 days of the first purchase
    SELECT k.customer_id, arg_min(s.sale_satisfaction, s.date) AS sale_sat,
           arg_min(s.aftersales_satisfaction, s.date) AS after_sat
    FROM surveys s JOIN known k USING (customer_id)
    WHERE s.dataset_id = $dataset_id AND s.date >= k.first_purchase AND s.date < k.first_purchase + 180
    GROUP BY k.customer_id
),
second_half AS (  -- bought in days 183-365 after the first purchase
    SELECT DISTINCT t.customer_id
    FROM transactions t JOIN known k USING (customer_id)
    WHERE t.dataset_id = $dataset_id AND t.amount > 0
      AND t.date >= k.first_purchase + 183 AND t.date <= k.first_purchase + 365
),
churn_y1 AS (
    SELECT c.customer_id, bool_or(c.date < k.first_purchase + 90) AS churned_90
    FROM churn c JOIN known k USING (customer_id)
    WHERE c.dataset_id = $dataset_id AND c.date >= k.first_purchase AND c.date <= k.first_purchase + 365
    GROUP BY c.customer_id
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
       e.followup_days, e.followup_channel,
       coalesce(e.contacts_90, 0), coalesce(e.contacts_30_180, 0), coalesce(e.marketing_90, 0),
       sv.sale_sat, sv.after_sat,
       CASE WHEN k.first_purchase IS NOT NULL THEN cy.customer_id IS NOT NULL OR sh.customer_id IS NULL END,
       coalesce(cy.churned_90, false),
       CASE WHEN k.first_contact <= k.first_purchase THEN k.first_purchase - k.first_contact END
FROM known k
LEFT JOIN ev_agg e USING (customer_id)
LEFT JOIN sv USING (customer_id)
LEFT JOIN second_half sh USING (customer_id)
LEFT JOIN churn_y1 cy USING (customer_id)
JOIN combos cb ON cb.segment = k.segment AND cb.region = k.region AND cb.channel = k.channel
 AND cb.cohort IS NOT DISTINCT FROM CAST(date_trunc('month', k.first_purchase) AS DATE)
