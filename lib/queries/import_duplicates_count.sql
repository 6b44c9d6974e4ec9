-- How many surplus values of {table}.{column} there may be among the rows written under $ds
-- (0: every value occurs once). Compared by 64-bit hash, which is quicker than the texts: equal
-- values have equal hashes, so a duplicate is never missed; a rare collision is a false alarm
-- that the diagnosis clears by comparing the values. {table} and {column} are names from the
-- data contract (lib/validation.py), never input.
SELECT count(h) - count(DISTINCT h)
FROM (SELECT hash("{column}") AS h FROM {table} WHERE dataset_id = $ds AND "{column}" IS NOT NULL)
