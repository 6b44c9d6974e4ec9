-- Stored results no reader will ask for again: computed by another code version, or of a dataset
-- that is gone (a write that finished after its dataset was dropped).
DELETE FROM stored_results
WHERE code <> $code OR dataset_id NOT IN (SELECT id FROM datasets)
