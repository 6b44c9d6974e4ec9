-- The customers of a selection (lc_chosen, from one of the lifecycle_chosen_*.sql queries) with
-- their attributes and names; sorted by $sort ($descending), the first $limit rows, and `total`,
-- how many there are in all. Ties (and the sort 'customer_id') go by the customer id, or with
-- $anon by the pseudonym number (anon_customers): an anonymised list must not come in the order
-- of the real ids.
WITH keyed AS (
    SELECT ch.*, c.customer_id, c.segment, c.region, c.channel,
           CASE WHEN $anon THEN lpad(CAST(a.no AS VARCHAR), 12, '0') ELSE c.customer_id END AS tie,
           CASE $sort WHEN 'revenue_12m' THEN ch.revenue_12m WHEN 'revenue_prev_12m' THEN ch.revenue_prev_12m
                       WHEN 'n_purchases' THEN ch.n_purchases
                       WHEN 'last_purchase' THEN CAST(ch.last_purchase AS DATE) - DATE '1970-01-01'
                       WHEN 'first_purchase' THEN CAST(ch.first_purchase AS DATE) - DATE '1970-01-01' END AS sort_key
    FROM lc_chosen ch JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = ch.cidx
    LEFT JOIN anon_customers a ON a.dataset_id = $dataset_id AND a.customer_id = c.customer_id
),
top AS (
    SELECT *, count(*) OVER () AS total
    FROM keyed
    ORDER BY CASE WHEN $descending THEN sort_key END DESC NULLS LAST,
             CASE WHEN NOT $descending THEN sort_key END ASC NULLS LAST,
             CASE WHEN $descending AND $sort = 'customer_id' THEN tie END DESC,
             tie
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
         CASE WHEN $descending AND $sort = 'customer_id' THEN t.tie END DESC,
         t.tie
