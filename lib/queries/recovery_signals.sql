-- Early-warning signals in the $window days up to each anchor of rc_loss (loss_id, cidx,
-- customer_id, anchor, first_purchase), compared with the customer's own baseline (the up to 365
-- days before that window, from the first purchase on):
--   complaint       at least one complaint (events) in the window
--   dispute         at least one dispute
--   competitor      at least one competitor mention
--   fewer_contacts  inbound contacts at most half the baseline's rate (which expects at least 1)
--   late_payment    invoices due in the window paid on average more than 7 days later than the
--                   baseline's average delay (at least 0); unpaid counts as paid on the anchor
--   purchase_drop   purchase days at most half the baseline's rate (which expects at least 1)
-- Baselines shorter than 90 days are not used (the signal is false).
WITH r AS (
    SELECT loss_id, cidx, customer_id, CAST(anchor AS DATE) AS anchor, CAST(first_purchase AS DATE) AS first_purchase
    FROM rc_loss
),
l AS (
    SELECT loss_id, cidx, customer_id, anchor, CAST(anchor - $window AS DATE) AS w_start,
           greatest(first_purchase, CAST(anchor - $window - 365 AS DATE)) AS b_start,
           (anchor - $window) - greatest(first_purchase, CAST(anchor - $window - 365 AS DATE)) AS b_days
    FROM r
),
ev AS (
    SELECT l.loss_id,
           count(*) FILTER (WHERE e.date > l.w_start AND e.type = 'complaint') AS complaints,
           count(*) FILTER (WHERE e.date > l.w_start AND e.type = 'dispute') AS disputes,
           count(*) FILTER (WHERE e.date > l.w_start AND e.type = 'competitor_mention') AS mentions,
           count(*) FILTER (WHERE e.date > l.w_start AND e.type = 'contact' AND e.direction = 'inbound') AS inbound,
           count(*) FILTER (WHERE e.date <= l.w_start AND e.date > l.b_start
                              AND e.type = 'contact' AND e.direction = 'inbound') AS inbound_base
    FROM l
    JOIN events e ON e.dataset_id = $dataset_id AND e.customer_id = l.customer_id
         AND e.date > CAST(l.anchor - $window - 365 AS DATE) AND e.date <= l.anchor
    GROUP BY l.loss_id
),
pay AS (
    SELECT l.loss_id,
           count(*) FILTER (WHERE i.due_date > l.w_start) AS invoices,
           avg(least(coalesce(i.paid_date, l.anchor), l.anchor) - i.due_date) FILTER (WHERE i.due_date > l.w_start) AS delay,
           avg(least(coalesce(i.paid_date, l.anchor), l.anchor) - i.due_date) FILTER (WHERE i.due_date <= l.w_start) AS delay_base
    FROM l
    JOIN invoices i ON i.dataset_id = $dataset_id AND i.customer_id = l.customer_id
         AND i.due_date > CAST(l.anchor - $window - 365 AS DATE) AND i.due_date <= l.anchor
    GROUP BY l.loss_id
),
buy AS (
    SELECT l.loss_id,
           count(*) FILTER (WHERE d.day > l.w_start) AS buys,
           count(*) FILTER (WHERE d.day <= l.w_start AND d.day > l.b_start) AS buys_base
    FROM l
    JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = l.cidx AND d.purchase
         AND d.day > CAST(l.anchor - $window - 365 AS DATE) AND d.day <= l.anchor
    GROUP BY l.loss_id
)
SELECT l.loss_id,
       coalesce(ev.complaints, 0) > 0 AS complaint,
       coalesce(ev.disputes, 0) > 0 AS dispute,
       coalesce(ev.mentions, 0) > 0 AS competitor,
       l.b_days >= 90 AND coalesce(ev.inbound_base, 0) * $window / l.b_days >= 1
           AND coalesce(ev.inbound, 0) <= 0.5 * coalesce(ev.inbound_base, 0) * $window / l.b_days AS fewer_contacts,
       coalesce(pay.invoices, 0) > 0 AND pay.delay > greatest(coalesce(pay.delay_base, 0), 0) + 7 AS late_payment,
       l.b_days >= 90 AND coalesce(buy.buys_base, 0) * $window / l.b_days >= 1
           AND coalesce(buy.buys, 0) <= 0.5 * coalesce(buy.buys_base, 0) * $window / l.b_days AS purchase_drop
FROM l
LEFT JOIN ev USING (loss_id)
LEFT JOIN pay USING (loss_id)
LEFT JOIN buy USING (loss_id)
ORDER BY l.loss_id
