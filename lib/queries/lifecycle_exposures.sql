-- What customers of dataset $dataset_id met in the 12 months before the last 12 ($w24, $w12]:
-- cidx, competitor (competitor mentions), disputes, complaints, outbound (outbound contacts and
-- marketing contacts). Customers without events in that year are absent.
SELECT c.cidx,
       count(*) FILTER (WHERE e.type = 'competitor_mention') AS competitor,
       count(*) FILTER (WHERE e.type = 'dispute') AS disputes,
       count(*) FILTER (WHERE e.type = 'complaint') AS complaints,
       count(*) FILTER (WHERE e.type = 'marketing' OR (e.type = 'contact' AND e.direction = 'outbound')) AS outbound
FROM events e
JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = e.customer_id
WHERE e.dataset_id = $dataset_id AND e.date > CAST($w24 AS DATE) AND e.date <= CAST($w12 AS DATE)
GROUP BY c.cidx
