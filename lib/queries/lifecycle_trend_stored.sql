-- The stage trend stored with dataset $dataset_id for the default thresholds (lifecycle_trend,
-- filled by lib.derived.build): month, stage, combo, customers.
SELECT month, stage, combo, customers
FROM lifecycle_trend
WHERE dataset_id = $dataset_id
