-- Median days from the first contact (customers table) to the first purchase over the customers
-- of lc_picked who have both, the contact not after the purchase; and how many they are.
SELECT median(lead_days) AS median_days, count(lead_days) AS customers
FROM lifecycle_customers
WHERE dataset_id = $dataset_id AND combo IN (SELECT combo FROM lc_picked)
