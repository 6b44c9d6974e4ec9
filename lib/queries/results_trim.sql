-- Keep the most recently used stored results within $max_bytes; the rest go (their dataset and
-- key are returned: lib.results drops their payload tables).
DELETE FROM stored_results
WHERE (dataset_id, key) IN (
    SELECT (dataset_id, key) FROM (
        SELECT dataset_id, key,
               sum(bytes) OVER (ORDER BY used_at DESC, dataset_id, key ROWS UNBOUNDED PRECEDING) AS running
        FROM stored_results
    ) WHERE running > $max_bytes
)
RETURNING dataset_id, key
