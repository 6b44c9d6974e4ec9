-- Headline numbers at $as_of for one dataset: the flags of overview_flags.sql counted.
@include overview_flags
SELECT
    count(*) AS customers,
    count(*) FILTER (WHERE active) AS active_customers,
    coalesce(sum(revenue_12m), 0) AS revenue_12m,
    count(*) FILTER (WHERE in_base) AS churn_base,
    count(*) FILTER (WHERE churned) AS churned,
    count(*) FILTER (WHERE won_back) AS won_back
FROM flags
