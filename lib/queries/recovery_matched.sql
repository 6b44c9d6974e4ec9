-- The comparison customers of the second-loyalty view: for each cell of rc_cells (month of
-- return, tenure band, k won-back customers), up to $ratio x k customers of dataset $dataset_id
-- who bought in that month with a tenure in the same band (0: under 12 months since the month of
-- the first purchase, 1: under 24, 2: longer) and were never lost before that purchase (rc_first_loss:
-- cidx, first_loss), in a fixed pseudo-random order. origin: their first purchase of the month.
-- Drawing k of millions by sorting them all is slow, so a hash threshold first keeps about twice
-- as many as needed per cell, and only those are ordered (by the same hash).
WITH cand AS MATERIALIZED (
    SELECT m.cidx, m.first_day AS origin, m.month,
           CASE WHEN m.age < 12 THEN 0 WHEN m.age < 24 THEN 1 ELSE 2 END AS band,
           hash(m.cidx, m.month) % 1000000 AS draw
    FROM lifecycle_months m
    LEFT JOIN rc_first_loss f ON f.cidx = m.cidx
    WHERE m.dataset_id = $dataset_id AND m.first_day IS NOT NULL AND m.first_day <= $as_of AND m.age IS NOT NULL
      AND m.month IN (SELECT month FROM rc_cells)
      AND (f.first_loss IS NULL OR f.first_loss > m.first_day)
),
sizes AS (
    SELECT month, band, count(*) AS n FROM cand GROUP BY month, band
)
SELECT cand.cidx, cand.origin, cand.band
FROM cand
JOIN rc_cells k ON k.month = cand.month AND k.band = cand.band
JOIN sizes s ON s.month = cand.month AND s.band = cand.band
WHERE cand.draw < 1000000 * least(1.0, 2.0 * $ratio * k.k / s.n)
QUALIFY row_number() OVER (PARTITION BY cand.month, cand.band ORDER BY cand.draw, cand.cidx) <= $ratio * k.k
