-- The complaints (events of the types in $kinds) of dataset $dataset_id dated in ($w24, $w12]:
-- how many, how many with an outcome field recorded, resolved by $as_of, resolved within
-- $fast_days days, the median days to resolve (outcome_date - date, resolved ones), how many with
-- satisfaction recorded and satisfied; any_outcome: complaints of the whole dataset up to $as_of
-- with any outcome field (0 = the fields were not imported). $segment (NULL: all) keeps the
-- complaints of one segment's customers.
SELECT count(*) AS complaints,
       count(*) FILTER (WHERE outcome IS NOT NULL OR outcome_date IS NOT NULL OR satisfied IS NOT NULL) AS recorded,
       count(*) FILTER (WHERE outcome = 'resolved' AND outcome_date <= CAST($as_of AS DATE)) AS resolved,
       count(*) FILTER (WHERE outcome = 'resolved' AND outcome_date <= CAST($as_of AS DATE)
                          AND outcome_date - date <= $fast_days) AS fast,
       median(outcome_date - date) FILTER (WHERE outcome = 'resolved' AND outcome_date <= CAST($as_of AS DATE))
           AS median_days,
       count(*) FILTER (WHERE satisfied IS NOT NULL) AS rated,
       count(*) FILTER (WHERE satisfied = 'yes') AS satisfied,
       (SELECT count(*) FROM events a
        WHERE a.dataset_id = $dataset_id AND list_contains(CAST($kinds AS VARCHAR[]), a.type)
          AND a.date <= CAST($as_of AS DATE)
          AND (a.outcome IS NOT NULL OR a.outcome_date IS NOT NULL OR a.satisfied IS NOT NULL)) AS any_outcome
FROM events e
WHERE e.dataset_id = $dataset_id AND list_contains(CAST($kinds AS VARCHAR[]), e.type)
  AND e.date > CAST($w24 AS DATE) AND e.date <= CAST($w12 AS DATE)
  AND (CAST($segment AS VARCHAR) IS NULL
       OR e.customer_id IN (SELECT customer_id FROM lifecycle_customers
                            WHERE dataset_id = $dataset_id AND segment = CAST($segment AS VARCHAR)))
