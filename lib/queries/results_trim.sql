-- Keep the most recently used stored results within $max_bytes; the rest go.
DELETE FROM stored_results
WHERE key IN (
    SELECT key FROM (
        SELECT key, sum(bytes) OVER (ORDER BY used_at DESC, key ROWS UNBOUNDED PRECEDING) AS running
        FROM stored_results
    ) WHERE running > $max_bytes
)
