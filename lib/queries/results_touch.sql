-- Mark a stored result as used now (the least recently used go first when the store is full).
UPDATE stored_results SET used_at = $now WHERE key = $key AND dataset_id = $dataset_id
