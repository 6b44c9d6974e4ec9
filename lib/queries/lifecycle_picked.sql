-- The filter combinations of dataset $dataset_id the page's filters keep: combo, segment,
-- region, channel, cohort, customers. An empty list keeps every value ("all"); a cohort bound
-- of NULL is open, and any cohort bound drops the prospects (they have no cohort).
-- Parameters: $segments, $regions, $channels (VARCHAR[]), $cohort_from, $cohort_to (DATE).
SELECT combo, segment, region, channel, cohort, customers
FROM lifecycle_combos
WHERE dataset_id = $dataset_id
  AND (len(CAST($segments AS VARCHAR[])) = 0 OR list_contains(CAST($segments AS VARCHAR[]), segment))
  AND (len(CAST($regions AS VARCHAR[])) = 0 OR list_contains(CAST($regions AS VARCHAR[]), region))
  AND (len(CAST($channels AS VARCHAR[])) = 0 OR list_contains(CAST($channels AS VARCHAR[]), channel))
  AND (CAST($cohort_from AS DATE) IS NULL OR cohort >= CAST($cohort_from AS DATE))
  AND (CAST($cohort_to AS DATE) IS NULL OR cohort <= CAST($cohort_to AS DATE))
