-- The pseudonym numbers of dataset $dataset_id (anon_customers), each customer with its account
-- manager (any one of its customers rows) and that manager's number (anon_managers).
WITH manager AS (
    SELECT customer_id, any_value(account_manager) AS account_manager
    FROM customers WHERE dataset_id = $dataset_id AND account_manager IS NOT NULL
    GROUP BY customer_id
)
SELECT a.customer_id, a.no, m.account_manager, am.no AS manager_no
FROM anon_customers a
LEFT JOIN manager m USING (customer_id)
LEFT JOIN anon_managers am ON am.dataset_id = $dataset_id AND am.account_manager = m.account_manager
WHERE a.dataset_id = $dataset_id
ORDER BY a.no
