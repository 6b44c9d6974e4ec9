-- How many surplus values of {table}.{column} there are among the rows written under $ds
-- (0: every value occurs once). {table} and {column} are names from the data contract
-- (lib/validation.py), never input.
SELECT count("{column}") - count(DISTINCT "{column}")
FROM {table}
WHERE dataset_id = $ds
