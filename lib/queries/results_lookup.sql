-- Whether the stored result of one key exists (lib.results.lookup; its payload is in the table
-- lib.results.payload_table names).
SELECT 1 FROM stored_results WHERE key = $key AND dataset_id = $dataset_id LIMIT 1
