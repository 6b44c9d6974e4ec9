-- Store one result's row (lib.results.store; the payload goes into its own table).
INSERT INTO stored_results (dataset_id, loader, key, code, bytes, seconds, stored_at, used_at)
VALUES ($dataset_id, $loader, $key, $code, $bytes, $seconds, $now, $now)
