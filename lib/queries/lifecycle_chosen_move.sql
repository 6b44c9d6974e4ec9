-- Customers who moved from stage $stage_from at the earlier date (lc_from; 'unknown': not yet known
-- then) to stage $stage_to at the later date (lc_to), whose combination is in lc_picked, with the
-- numbers behind their stage at the later date; input of lifecycle_list.sql.
SELECT b.*, coalesce(a.stage, 'unknown') AS stage_from
FROM lc_to b LEFT JOIN lc_from a USING (cidx)
WHERE coalesce(a.stage, 'unknown') = $stage_from AND b.stage = $stage_to
  AND b.combo IN (SELECT combo FROM lc_picked)
