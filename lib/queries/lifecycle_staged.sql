-- The common table expression lc_staged: the stage rules (lifecycle_stage_rule.sql) over
-- lc_features, which the including query defines before it (lifecycle_features.sql) or reads as
-- a registered relation (the month-end features of lib.lifecycle's trend). Included after WITH.
lc_staged AS (
@include lifecycle_stage_rule
)
