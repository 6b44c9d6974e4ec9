-- Every cancellation notice of dataset $dataset_id dated up to $as_of, with what it led to by then:
--   notice_id       a number per notice (customer, date)
--   status          took_effect | withdrawn | averted when decided by $as_of (the outcome dated on or
--                   before it: outcome_date, else effective_date, else the notice date); open while
--                   pending (notice_pending_rule.sql); unknown otherwise (no outcome recorded)
--   reason          the notice's own reason, else the reason of the customer's first churn record
--                   from the notice day to 365 days after it (up to $as_of), else NULL
--   decision_days   outcome_date - date of a decided notice (NULL without an outcome_date)
--   revenue_before  net revenue of the 365 days before the notice day
--   revenue_after   net revenue of the notice day and the 364 days after it, up to $as_of
--   after_complete  those 365 days have passed by $as_of
--   next_notice     the customer's next notice up to $as_of
WITH n AS (
    SELECT customer_id, date, outcome, outcome_date, effective_date, measure,
           nullif(trim(reason), '') AS own_reason,
           CASE WHEN coalesce(outcome IN ('took_effect', 'withdrawn', 'averted'), false)
                     AND coalesce(outcome_date, effective_date, date) <= $as_of THEN outcome
                WHEN
@include notice_pending_rule
                THEN 'open'
                ELSE 'unknown' END AS status,
           lead(date) OVER (PARTITION BY customer_id ORDER BY date, outcome_date, effective_date) AS next_notice,
           CAST(row_number() OVER (ORDER BY customer_id, date, outcome_date, effective_date, outcome, measure)
                AS BIGINT) AS notice_id
    FROM events
    WHERE dataset_id = $dataset_id AND type = 'cancellation_notice' AND date <= $as_of
),
ch AS (
    SELECT n.notice_id, arg_min(c.reason, c.date) AS churn_reason
    FROM n JOIN churn c ON c.dataset_id = $dataset_id AND c.customer_id = n.customer_id
         AND c.date >= n.date AND c.date <= n.date + 365 AND c.date <= $as_of
         AND nullif(trim(c.reason), '') IS NOT NULL
    GROUP BY n.notice_id
),
rev AS (
    SELECT n.notice_id,
           sum(cd.amount) FILTER (WHERE cd.date < n.date) AS revenue_before,
           sum(cd.amount) FILTER (WHERE cd.date >= n.date) AS revenue_after
    FROM n JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = n.customer_id
    JOIN customer_days cd ON cd.dataset_id = $dataset_id AND cd.cidx = c.cidx
         AND cd.date >= n.date - 365 AND cd.date < n.date + 365 AND cd.date <= $as_of
    GROUP BY n.notice_id
)
SELECT n.notice_id, n.customer_id, n.date, n.outcome, n.outcome_date, n.effective_date, n.measure,
       coalesce(n.own_reason, ch.churn_reason) AS reason, n.status,
       CAST(CASE WHEN n.status IN ('took_effect', 'withdrawn', 'averted') THEN n.outcome_date - n.date END
            AS INTEGER) AS decision_days,
       CAST(coalesce(rev.revenue_before, 0) AS DOUBLE) AS revenue_before,
       CAST(coalesce(rev.revenue_after, 0) AS DOUBLE) AS revenue_after,
       n.date + 365 <= $as_of AS after_complete,
       n.next_notice, c.segment
FROM n
LEFT JOIN ch USING (notice_id)
LEFT JOIN rev USING (notice_id)
LEFT JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = n.customer_id
ORDER BY n.notice_id
