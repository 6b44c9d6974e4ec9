-- How many customers of dataset $dataset_id have a purchase day on or before $as_of (the number
-- the risk model's training sample is sized by, lib.risk.assess).
SELECT count(DISTINCT cidx) AS customers
FROM customer_days
WHERE dataset_id = $dataset_id AND sale AND date <= $as_of
