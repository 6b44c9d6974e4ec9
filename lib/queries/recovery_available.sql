-- Rows of dataset $dataset_id in each optional table the recovery page reads (0 = missing), and
-- the win-back contacts of a control group.
SELECT (SELECT count(*) FROM churn WHERE dataset_id = $dataset_id) AS churn,
       (SELECT count(*) FROM winback WHERE dataset_id = $dataset_id) AS winback,
       (SELECT count(*) FROM surveys WHERE dataset_id = $dataset_id) AS surveys,
       (SELECT count(*) FROM events WHERE dataset_id = $dataset_id) AS events,
       (SELECT count(*) FROM invoices WHERE dataset_id = $dataset_id) AS invoices,
       (SELECT count(*) FROM winback WHERE dataset_id = $dataset_id AND lower(trim("group")) = 'control') AS control
