-- Store one result (lib.results.store).
INSERT INTO stored_results (dataset_id, loader, key, code, bytes, seconds, stored_at, used_at, payload)
VALUES ($dataset_id, $loader, $key, $code, $bytes, $seconds, $now, $now, $payload)
