-- Remove the stored result of one key before it is written again.
DELETE FROM stored_results WHERE key = $key AND dataset_id = $dataset_id
