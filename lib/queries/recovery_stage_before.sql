-- The lifecycle stage just before each loss of rc_loss: the one stage rule
-- (lifecycle_stage_rule.sql) over the loss's features at its anchor (recovery_stage_features.sql).
-- Columns loss_id, stage_before.
WITH lc_features AS (
@include recovery_stage_features
),
lc_staged AS (
@include lifecycle_stage_rule
)
SELECT loss_id, stage AS stage_before FROM lc_staged
