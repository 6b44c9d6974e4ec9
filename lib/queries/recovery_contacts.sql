-- Every win-back contact of dataset $dataset_id up to $as_of with what followed it:
--   return_date    the first purchase after the contact day, up to $as_of (NULL: none yet)
--   revenue_after  net revenue of the 365 days from return_date on, up to $as_of
--   after_days     how many of those 365 days lie before $as_of (less than 365: still running)
--   reason, kind   of the loss the contact is about: the latest churn record on or before the
--                  contact day with no purchase between it and the contact (NULL: no record)
--   contact_no     1 for a customer's first contact, 2 for the second, ...; is_last: the latest one
-- `grp` is 'control' for the control group and 'treatment' for everything else.
WITH w AS (
    SELECT row_number() OVER (ORDER BY w.date, w.customer_id, w.campaign, w.measure) AS contact_id,
           w.customer_id, c.cidx, w.date, w.campaign, w.measure,
           CASE WHEN lower(trim(w."group")) = 'control' THEN 'control' ELSE 'treatment' END AS grp,
           CAST(coalesce(w.cost, 0) AS DOUBLE) AS cost
    FROM winback w
    LEFT JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.customer_id = w.customer_id
    WHERE w.dataset_id = $dataset_id AND w.date <= $as_of
),
later AS MATERIALIZED (   -- the contacted customers' days after each contact: one pass over the days
    SELECT w.contact_id, d.day, d.amount, d.purchase
    FROM w
    JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = w.cidx
         AND d.day > w.date AND d.day <= $as_of
),
ret AS (
    SELECT contact_id, min(day) AS return_date FROM later WHERE purchase GROUP BY contact_id
),
rev AS (
    SELECT l.contact_id, sum(l.amount) AS revenue_after
    FROM later l
    JOIN ret r ON r.contact_id = l.contact_id AND l.day >= r.return_date AND l.day < r.return_date + 365
    GROUP BY l.contact_id
),
why AS (
    SELECT w.contact_id, arg_max(ch.reason, ch.date) AS reason, arg_max(ch.kind, ch.date) AS kind
    FROM w
    JOIN churn ch ON ch.dataset_id = $dataset_id AND ch.customer_id = w.customer_id AND ch.date <= w.date
    JOIN lifecycle_churn lc ON lc.dataset_id = $dataset_id AND lc.cidx = w.cidx AND lc.date = ch.date
    WHERE lc.next_after IS NULL OR lc.next_after > w.date
    GROUP BY w.contact_id
)
SELECT w.contact_id, w.customer_id, w.cidx, w.date, w.campaign, w.measure, w.grp, w.cost,
       why.reason, why.kind, r.return_date,
       CAST(coalesce(v.revenue_after, 0) AS DOUBLE) AS revenue_after,
       CASE WHEN r.return_date IS NOT NULL THEN least(365, $as_of - r.return_date + 1) END AS after_days,
       CAST(row_number() OVER (PARTITION BY w.customer_id ORDER BY w.date, w.contact_id) AS INTEGER) AS contact_no,
       row_number() OVER (PARTITION BY w.customer_id ORDER BY w.date DESC, w.contact_id DESC) = 1 AS is_last
FROM w
LEFT JOIN ret r USING (contact_id)
LEFT JOIN rev v USING (contact_id)
LEFT JOIN why USING (contact_id)
ORDER BY w.contact_id
