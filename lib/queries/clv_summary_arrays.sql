-- clv_summary.sql without the customer ids (x, t_x, T, monetary, x_holdout; in customer_id
-- order): what the fits need, without joining a million ids back and turning them into Python
-- strings (lib.clv.summary_from_db with ids=False; the clv command). Parameters as there.
@include clv_summary_days
SELECT x, t_x, "T", monetary, x_holdout
FROM summary
ORDER BY k
