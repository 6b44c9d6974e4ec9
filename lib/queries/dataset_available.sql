-- What lib.db.available adds to the tables present: whether a win-back contact of dataset $ds
-- belongs to a control group, and the first and last transaction date.
SELECT EXISTS (SELECT 1 FROM winback WHERE dataset_id = $ds AND lower(trim("group")) = 'control') AS control,
       (SELECT min(date) FROM transactions WHERE dataset_id = $ds) AS first_date,
       (SELECT max(date) FROM transactions WHERE dataset_id = $ds) AS last_date
