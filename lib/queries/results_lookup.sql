-- The stored result of one key (lib.results.lookup): at most one row.
SELECT payload FROM stored_results WHERE key = $key AND dataset_id = $dataset_id LIMIT 1
