-- How many surplus values of {table}.{column} there may be among the rows written under $ds
-- (0: every value occurs once). Compared by 64-bit hash: equal values have equal hashes, so a
-- duplicate is never missed, and a rare collision is a false alarm that the diagnosis clears by
-- comparing the values. Sorting the hashes and comparing neighbours is quicker than a distinct
-- count over 20 million values (1.1 s against 1.7 s). {table} and {column} are names from the
-- data contract (lib/importing/contract.py), never input.
SELECT count(*)
FROM (
    SELECT h, lag(h) OVER (ORDER BY h) AS previous
    FROM (SELECT hash("{column}") AS h FROM {table} WHERE dataset_id = $ds AND "{column}" IS NOT NULL)
)
WHERE h = previous
