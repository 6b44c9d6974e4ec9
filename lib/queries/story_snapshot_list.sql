-- Every story snapshot with the state of its dataset: 'ok' (the same dataset: same id and
-- created_at), 'replaced' (a dataset of that name, but another one), 'deleted' (none of that name).
SELECT s.name, s.dataset_name, s.source_id, s.source_created, s.as_of, s.settings, s.saved_at,
       CASE WHEN d.id IS NULL THEN 'deleted'
            WHEN d.id = s.source_id AND d.created_at = s.source_created THEN 'ok'
            ELSE 'replaced' END AS status
FROM story_snapshots s
LEFT JOIN datasets d ON d.name = s.dataset_name
ORDER BY s.saved_at DESC, s.name
