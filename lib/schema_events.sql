-- Files written before these columns existed get them here (empty); see db.EVENTS_ADDED.
-- Applied by lib.db.apply_schema after schema.sql, only where events is a table: an input table
-- may be a view over Parquet files (docs/scaling.md), which has whatever columns its files have.
ALTER TABLE events ADD COLUMN IF NOT EXISTS outcome VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS outcome_date DATE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS effective_date DATE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS measure VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS satisfied VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS reason VARCHAR;
