-- Stage at an earlier date (lc_from) against stage at a later date (lc_to) for the customers
-- known at the later date whose filter combination is in lc_picked: stage_from (NULL: not yet
-- known then), stage_to, customers, row_share (share of the row's customers).
SELECT a.stage AS stage_from, b.stage AS stage_to, count(*) AS customers,
       count(*) / sum(count(*)) OVER (PARTITION BY a.stage) AS row_share
FROM lc_to b
LEFT JOIN lc_from a USING (cidx)
WHERE b.combo IN (SELECT combo FROM lc_picked)
GROUP BY a.stage, b.stage
