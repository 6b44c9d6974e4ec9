-- What dataset $dataset_id's customers met in the first year after their first purchase, for the
-- danger points of the first year (lifecycle_evidence_first_year.sql). Relative to each first
-- purchase, so the same at every as-of date: computed once per dataset (lib.lifecycle.first_year)
-- instead of with the derived tables, since only the danger points read it.
-- One row per customer with a first purchase and no churn record in their first 90 days (the
-- comparisons leave those out: a loss could have cut the 90 days they look at short).
-- Columns: cidx, combo, first_purchase,
--   lost_year1        a churn record in days 0-365, or no purchase in days 183-365
--   followup_days     days to the first outbound contact on or after it (NULL: none in 365)
--   followup_channel  that contact's channel, when it came within 90 days
--   contacts_90       outbound contacts in days 0-89
--   contacts_30_180   outbound contacts in days 30-179
--   marketing_90      marketing contacts in days 0-89
--   sale_sat, after_sat  the first survey in days 0-179: satisfaction with the sale and with
--                     after-sales (1-5)
WITH k AS (
    SELECT cidx, customer_id, combo, first_purchase
    FROM lifecycle_customers
    WHERE dataset_id = $dataset_id AND first_purchase IS NOT NULL
),
ev AS (
    SELECT k.cidx, e.date - k.first_purchase AS d, e.type, e.direction, e.channel
    FROM events e JOIN k USING (customer_id)
    WHERE e.dataset_id = $dataset_id AND e.date >= k.first_purchase AND e.date <= k.first_purchase + 365
),
ev_agg AS (
    SELECT cidx,
           min(d) FILTER (WHERE type = 'contact' AND direction = 'outbound') AS followup_days,
           arg_min(channel, d) FILTER (WHERE type = 'contact' AND direction = 'outbound') AS followup_channel,
           count(*) FILTER (WHERE type = 'contact' AND direction = 'outbound' AND d < 90) AS contacts_90,
           count(*) FILTER (WHERE type = 'contact' AND direction = 'outbound' AND d >= 30 AND d < 180) AS contacts_30_180,
           count(*) FILTER (WHERE type = 'marketing' AND d < 90) AS marketing_90
    FROM ev GROUP BY cidx
),
sv AS (
    SELECT k.cidx, arg_min(s.sale_satisfaction, s.date) AS sale_sat, arg_min(s.aftersales_satisfaction, s.date) AS after_sat
    FROM surveys s JOIN k USING (customer_id)
    WHERE s.dataset_id = $dataset_id AND s.date >= k.first_purchase AND s.date < k.first_purchase + 180
    GROUP BY k.cidx
),
second_half AS (   -- bought in days 183-365 (a purchase day: a transaction with a positive amount)
    SELECT DISTINCT d.cidx
    FROM customer_days d JOIN k USING (cidx)
    WHERE d.dataset_id = $dataset_id AND d.purchase
      AND d.date >= k.first_purchase + 183 AND d.date <= k.first_purchase + 365
),
churn_y1 AS (
    SELECT k.cidx, bool_or(c.date < k.first_purchase + 90) AS churned_90
    FROM churn c JOIN k USING (customer_id)
    WHERE c.dataset_id = $dataset_id AND c.date >= k.first_purchase AND c.date <= k.first_purchase + 365
    GROUP BY k.cidx
)
SELECT k.cidx, k.combo, k.first_purchase,
       cy.cidx IS NOT NULL OR sh.cidx IS NULL AS lost_year1,
       CAST(e.followup_days AS SMALLINT) AS followup_days,
       CASE WHEN e.followup_days <= 90 THEN e.followup_channel END AS followup_channel,
       CAST(coalesce(e.contacts_90, 0) AS SMALLINT) AS contacts_90,
       CAST(coalesce(e.contacts_30_180, 0) AS SMALLINT) AS contacts_30_180,
       CAST(coalesce(e.marketing_90, 0) AS SMALLINT) AS marketing_90,
       CAST(sv.sale_sat AS TINYINT) AS sale_sat, CAST(sv.after_sat AS TINYINT) AS after_sat
FROM k
LEFT JOIN ev_agg e USING (cidx)
LEFT JOIN sv USING (cidx)
LEFT JOIN second_half sh USING (cidx)
LEFT JOIN churn_y1 cy USING (cidx)
WHERE NOT coalesce(cy.churned_90, false)
