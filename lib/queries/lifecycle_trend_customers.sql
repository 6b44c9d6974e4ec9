-- Per customer of dataset $dataset_id, as day numbers (days since 1970-01-01) for the trend:
-- cidx, combo, first_purchase (-1: never), known_since (NULL counts as always known).
SELECT cidx, combo,
       coalesce(first_purchase - DATE '1970-01-01', -1) AS first_purchase,
       coalesce(known_since - DATE '1970-01-01', -1000000) AS known_since
FROM lifecycle_customers
WHERE dataset_id = $dataset_id
