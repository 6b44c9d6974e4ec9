-- The lifecycle page's stage-rule inputs (see lifecycle_features.sql) for each loss of rc_loss
-- (loss_id, cidx, end_date, anchor, first_purchase), measured at its anchor: the day the stage
-- "just before the loss" is read on. Earlier losses count through last_churn (records before the
-- loss's last purchase) and last_return (rc_returns: lib.lifecycle.returns). The 12-month windows
-- are calendar months back from the anchor. Parameters: $dataset_id.
SELECT l.loss_id, l.cidx, l.anchor AS as_of, l.first_purchase,
       max(d.day) FILTER (WHERE d.purchase) AS last_purchase,
       count(*) FILTER (WHERE d.purchase) AS n_purchases,
       CAST(coalesce(sum(d.amount) FILTER (WHERE d.day > CAST(l.anchor - INTERVAL 12 MONTH AS DATE)), 0) AS DOUBLE)
           AS revenue_12m,
       CAST(coalesce(sum(d.amount) FILTER (WHERE d.day > CAST(l.anchor - INTERVAL 24 MONTH AS DATE)
                                            AND d.day <= CAST(l.anchor - INTERVAL 12 MONTH AS DATE)), 0) AS DOUBLE)
           AS revenue_prev_12m,
       (SELECT max(ch.date) FROM lifecycle_churn ch
         WHERE ch.dataset_id = $dataset_id AND ch.cidx = l.cidx AND ch.date < l.end_date) AS last_churn,
       (SELECT CAST(max(r.day) AS DATE) FROM rc_returns r WHERE r.cidx = l.cidx AND CAST(r.day AS DATE) <= l.anchor) AS last_return
FROM rc_loss l
JOIN lifecycle_days d ON d.dataset_id = $dataset_id AND d.cidx = l.cidx AND d.day <= l.anchor
GROUP BY l.loss_id, l.cidx, l.anchor, l.first_purchase, l.end_date
