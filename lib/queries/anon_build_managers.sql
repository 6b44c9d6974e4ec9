-- Fill anon_managers for dataset $dataset_id: every account manager of the customers table
-- numbered 1, 2, ... in the order of a keyed hash of the name (as anon_build_customers.sql).
INSERT INTO anon_managers
WITH managers AS (
    SELECT DISTINCT account_manager FROM customers
    WHERE dataset_id = $dataset_id AND account_manager IS NOT NULL
),
key AS (SELECT any_value(salt) AS salt FROM anon_keys WHERE dataset_id = $dataset_id)
SELECT $dataset_id, managers.account_manager,
       row_number() OVER (ORDER BY md5(key.salt || 'm:' || managers.account_manager), managers.account_manager)
FROM managers, key
