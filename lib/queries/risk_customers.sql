-- The customers-table attributes the risk page lists, one row per customer of dataset
-- $dataset_id (the first row where an import holds several): name, segment, region, acquisition
-- channel, account manager, first contact. Customers without a row are simply absent.
SELECT DISTINCT ON (customer_id)
       customer_id, name, segment, region, acquisition_channel, account_manager, first_contact_date
FROM customers
WHERE dataset_id = $dataset_id
  AND ($all OR customer_id IN (SELECT customer_id FROM risk_who))
ORDER BY customer_id, first_contact_date NULLS LAST
