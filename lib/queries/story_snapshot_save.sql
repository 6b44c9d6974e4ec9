-- Save a story snapshot under a new name (the caller checked that the name is free).
INSERT INTO story_snapshots (name, dataset_name, source_id, source_created, as_of, settings, saved_at)
VALUES ($name, $dataset_name, $source_id, $source_created, $as_of, $settings, $saved_at)
