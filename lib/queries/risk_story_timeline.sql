-- Everything recorded about customer $customer of dataset $dataset_id up to $as_of, one row per
-- dated item: date, kind, detail (free text as recorded: an event's note, a campaign), code and
-- code2 (codes the page shows by their labels; an event's channel as recorded in code2), amount,
-- days_late, score, cost (a win-back contact's cost).
--   purchase / return   a day's net amount (customer_days; `return` = a day of returns only)
--   complaint, dispute, competitor_mention, cancellation_notice, marketing, negotiation,
--             manager_change, other   events
--   contact_in / contact_out   contacts by direction (outbound when no direction is given)
--   notice_took_effect / notice_withdrawn / notice_averted   what became of a cancellation notice,
--             dated by its outcome (outcome_date, else effective_date, else the notice's date; only
--             when that is on or before $as_of, as the notice status of notice_rows.sql); detail =
--             code = the measure offered
--   invoice   dated by its due date; days_late = paid - due, or $as_of - due while open (code
--             'open', else 'paid'); only invoices due by $as_of
--   survey    score = NPS (0-10), detail = 'sale/after-sales' satisfaction (1-5)
--   churn     code = kind, code2 = reason;  winback   detail = campaign, code = measure, code2 = group
SELECT date, CASE WHEN sale THEN 'purchase' ELSE 'return' END AS kind, NULL AS detail,
       NULL::VARCHAR AS code, NULL::VARCHAR AS code2, CAST(amount AS DOUBLE) AS amount, NULL::INTEGER AS days_late, NULL::DOUBLE AS score,
       NULL::DOUBLE AS cost
FROM customer_days
WHERE dataset_id = $dataset_id AND date <= $as_of
  AND cidx = (SELECT cidx FROM lifecycle_customers WHERE dataset_id = $dataset_id AND customer_id = $customer)
UNION ALL
SELECT date,
       CASE WHEN type = 'contact' THEN CASE WHEN direction = 'inbound' THEN 'contact_in' ELSE 'contact_out' END
            WHEN type IN ('complaint', 'dispute', 'competitor_mention', 'cancellation_notice', 'marketing',
                          'negotiation', 'manager_change') THEN type
            ELSE 'other' END,
       nullif(note, ''), NULL, nullif(channel, ''), NULL, NULL, NULL, NULL
FROM events
WHERE dataset_id = $dataset_id AND customer_id = $customer AND date <= $as_of
UNION ALL
SELECT coalesce(outcome_date, effective_date, date), 'notice_' || outcome, NULL, measure, NULL, NULL, NULL, NULL, NULL
FROM events
WHERE dataset_id = $dataset_id AND customer_id = $customer AND type = 'cancellation_notice'
  AND outcome IN ('took_effect', 'withdrawn', 'averted') AND coalesce(outcome_date, effective_date, date) <= $as_of
UNION ALL
SELECT due_date, 'invoice', NULL, CASE WHEN paid_date IS NULL OR paid_date > $as_of THEN 'open' ELSE 'paid' END,
       NULL, CAST(amount AS DOUBLE),
       CAST(CASE WHEN paid_date <= $as_of THEN paid_date - due_date ELSE $as_of - due_date END AS INTEGER), NULL, NULL
FROM invoices
WHERE dataset_id = $dataset_id AND customer_id = $customer AND due_date <= $as_of
UNION ALL
SELECT date, 'survey',
       concat_ws('/', CAST(sale_satisfaction AS VARCHAR), CAST(aftersales_satisfaction AS VARCHAR)),
       NULL, NULL, NULL, NULL, CAST(nps AS DOUBLE), NULL
FROM surveys
WHERE dataset_id = $dataset_id AND customer_id = $customer AND date <= $as_of
UNION ALL
SELECT date, 'churn', NULL, kind, reason, NULL, NULL, NULL, NULL
FROM churn
WHERE dataset_id = $dataset_id AND customer_id = $customer AND date <= $as_of
UNION ALL
SELECT date, 'winback', campaign, measure, "group", NULL, NULL, NULL, CAST(cost AS DOUBLE)
FROM winback
WHERE dataset_id = $dataset_id AND customer_id = $customer AND date <= $as_of
ORDER BY date, kind
