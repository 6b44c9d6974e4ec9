-- Delete one story snapshot by its name.
DELETE FROM story_snapshots WHERE name = $name
