-- The customers of a selection (lc_chosen, from one of the lifecycle_chosen_*.sql queries) with
-- their attributes and names; sorted by $sort ($descending), the first $limit rows, and `total`,
-- how many there are in all.
WITH keyed AS (
    SELECT ch.*, c.customer_id, c.segment, c.region, c.channel,
           CASE $sort WHEN 'revenue_12m' THEN ch.revenue_12m WHEN 'revenue_prev_12m' THEN ch.revenue_prev_12m
                       WHEN 'n_purchases' THEN ch.n_purchases
                       WHEN 'last_purchase' THEN CAST(ch.last_purchase AS DATE) - DATE '1970-01-01'
                       WHEN 'first_purchase' THEN CAST(ch.first_purchase AS DATE) - DATE '1970-01-01' END AS sort_key
    FROM lc_chosen ch JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = ch.cidx
),
top AS (
    SELECT *, count(*) OVER () AS total
    FROM keyed
    ORDER BY CASE WHEN $descending THEN sort_key END DESC NULLS LAST,
             CASE WHEN NOT $descending THEN sort_key END ASC NULLS LAST,
             CASE WHEN $descending AND $sort = 'customer_id' THEN customer_id END DESC,
             customer_id
    LIMIT $limit
),
names AS (
    SELECT customer_id, any_value(name) AS name
    FROM customers
    WHERE dataset_id = $dataset_id AND customer_id IN (SELECT customer_id FROM top)
    GROUP BY customer_id
)
SELECT t.customer_id, n.name, t.segment, t.region, t.channel, t.stage_from, t.stage,
       t.first_purchase, t.last_purchase, t.n_purchases, t.revenue_12m, t.revenue_prev_12m, t.total
FROM top t LEFT JOIN names n USING (customer_id)
ORDER BY CASE WHEN $descending THEN t.sort_key END DESC NULLS LAST,
         CASE WHEN NOT $descending THEN t.sort_key END ASC NULLS LAST,
         CASE WHEN $descending AND $sort = 'customer_id' THEN t.customer_id END DESC,
         t.customer_id
