-- The raw material of the early-warning signals (lib/risk.py): one row per customer and snapshot
-- date for every customer with a purchase day on or before the snapshot. lib.risk turns these
-- windows into signal values, flags and model features. Dates are returned as day numbers since
-- 1970-01-01 (DOUBLE, NULL = none).
--
-- Snapshots come from the registered relation risk_snaps(snap DATE). With $all = false only the
-- customers in the registered relation risk_who(customer_id) are read (one customer's story, the
-- lead-time sample). Nothing after $data_end (the page's as-of date) is read, so a backtest never
-- sees the future of its own as-of date.
--
-- Windows per snapshot s ($window = W, $baseline = B days):
--   recent    (s - W, s]
--   baseline  (s - W - B, s - W]   the customer's own earlier behaviour, 365 days by default
--   horizon   (s, s + $horizon]    only for the outcome columns (next_purchase, next_churn)
-- base_exposure: the days of the baseline window on or after the first purchase (a newer
-- customer's baseline is shorter; rates are scaled by it). idle_limit: the idle days after which
-- the customer counts as sleeping or lost at s (lifecycle_idle_limit.sql, the stage rules' own
-- expression, with $sleep_days, $sleep_factor and $lost_days).
--
-- A purchase day is a customer_days row with `sale` (at least one non-negative transaction), as
-- in the CLV summary, so x / t_x / T here equal lib.clv.summary_from_db's. Revenue is net: days
-- of returns only count too. revenue_12m: net revenue in (s - 365, s].
-- Invoices: days late of an invoice as known at s is paid_date - due_date when it was paid by s,
-- else s - due_date (still open: at least that late). Invoices count in the window their due date
-- falls in (due dates after s are not yet judged). overdue: open at s and due more than
-- $overdue_days days before s, among invoices due in the baseline or recent window.
WITH days AS (
    SELECT customer_id, date, CAST(amount AS DOUBLE) AS amount, sale
    FROM customer_days
    WHERE dataset_id = $dataset_id AND date <= $data_end
      AND ($all OR customer_id IN (SELECT customer_id FROM risk_who))
),
purchases AS (
    SELECT d.customer_id, s.snap,
           min(d.date) FILTER (WHERE d.sale) AS first_purchase,
           max(d.date) FILTER (WHERE d.sale AND d.date <= s.snap) AS last_purchase,
           count(*) FILTER (WHERE d.sale AND d.date <= s.snap) AS n_purchases,
           count(*) FILTER (WHERE d.sale AND d.date > s.snap - $window AND d.date <= s.snap) AS recent_days,
           count(*) FILTER (WHERE d.sale AND d.date > s.snap - $window - $baseline
                              AND d.date <= s.snap - $window) AS base_days,
           coalesce(sum(d.amount) FILTER (WHERE d.date > s.snap - $window AND d.date <= s.snap), 0) AS recent_revenue,
           coalesce(sum(d.amount) FILTER (WHERE d.date > s.snap - $window - $baseline
                                           AND d.date <= s.snap - $window), 0) AS base_revenue,
           coalesce(sum(d.amount) FILTER (WHERE d.date > s.snap - 365 AND d.date <= s.snap), 0) AS revenue_12m,
           min(d.date) FILTER (WHERE d.sale AND d.date > s.snap) AS next_purchase
    FROM days d JOIN risk_snaps s ON d.date <= s.snap + $horizon
    GROUP BY d.customer_id, s.snap
    HAVING min(d.date) FILTER (WHERE d.sale) <= s.snap
),
ev AS (
    SELECT e.customer_id, s.snap,
           max(e.date) FILTER (WHERE e.type = 'contact') AS last_contact,
           count(*) FILTER (WHERE e.type = 'complaint' AND e.date > s.snap - $window) AS complaints_recent,
           count(*) FILTER (WHERE e.type = 'complaint' AND e.date <= s.snap - $window
                              AND e.date > s.snap - $window - $baseline) AS complaints_base,
           count(*) FILTER (WHERE e.type = 'dispute' AND e.date > s.snap - $window) AS disputes_recent,
           count(*) FILTER (WHERE e.type = 'competitor_mention' AND e.date > s.snap - $window) AS competitor_recent,
           count(*) FILTER (WHERE e.type = 'cancellation_notice' AND e.date > s.snap - $window) AS cancel_recent,
           count(*) FILTER (WHERE e.type = 'contact' AND e.direction = 'inbound'
                              AND e.date > s.snap - $window) AS inbound_recent,
           count(*) FILTER (WHERE e.type = 'contact' AND e.direction = 'inbound'
                              AND e.date <= s.snap - $window AND e.date > s.snap - $window - $baseline) AS inbound_base
    FROM events e JOIN risk_snaps s ON e.date <= s.snap
    WHERE e.dataset_id = $dataset_id AND e.date <= $data_end
      AND e.type IN ('complaint', 'dispute', 'competitor_mention', 'cancellation_notice', 'contact')
      AND ($all OR e.customer_id IN (SELECT customer_id FROM risk_who))
    GROUP BY e.customer_id, s.snap
),
inv AS (
    SELECT i.customer_id, s.snap,
           count(*) FILTER (WHERE i.due_date > s.snap - $window) AS invoices_recent,
           count(*) FILTER (WHERE i.due_date <= s.snap - $window) AS invoices_base,
           avg(CASE WHEN i.paid_date <= s.snap THEN i.paid_date - i.due_date ELSE s.snap - i.due_date END)
               FILTER (WHERE i.due_date > s.snap - $window) AS late_recent,
           avg(CASE WHEN i.paid_date <= s.snap THEN i.paid_date - i.due_date ELSE s.snap - i.due_date END)
               FILTER (WHERE i.due_date <= s.snap - $window) AS late_base,
           count(*) FILTER (WHERE (i.paid_date IS NULL OR i.paid_date > s.snap)
                              AND i.due_date < s.snap - $overdue_days) AS overdue,
           coalesce(sum(CAST(i.amount AS DOUBLE)) FILTER (WHERE (i.paid_date IS NULL OR i.paid_date > s.snap)
                              AND i.due_date < s.snap - $overdue_days), 0) AS overdue_amount
    FROM invoices i JOIN risk_snaps s ON i.due_date <= s.snap AND i.due_date > s.snap - $window - $baseline
    WHERE i.dataset_id = $dataset_id AND i.due_date <= $data_end
      AND ($all OR i.customer_id IN (SELECT customer_id FROM risk_who))
    GROUP BY i.customer_id, s.snap
),
ch AS (
    SELECT c.customer_id, s.snap,
           max(c.date) FILTER (WHERE c.date <= s.snap) AS last_churn,
           min(c.date) FILTER (WHERE c.date > s.snap) AS next_churn
    FROM churn c JOIN risk_snaps s ON c.date <= s.snap + $horizon
    WHERE c.dataset_id = $dataset_id AND c.date <= $data_end
      AND ($all OR c.customer_id IN (SELECT customer_id FROM risk_who))
    GROUP BY c.customer_id, s.snap
)
SELECT p.customer_id,
       -- dates as day numbers since 1970-01-01 (DOUBLE, NULL = none): cheap to hand to numpy
       CAST(p.snap - DATE '1970-01-01' AS DOUBLE) AS snap,
       CAST(p.first_purchase - DATE '1970-01-01' AS DOUBLE) AS first_purchase,
       CAST(p.last_purchase - DATE '1970-01-01' AS DOUBLE) AS last_purchase,
       CAST(p.n_purchases AS INTEGER) AS n_purchases,
       -- the stage rules' idle limit at the snapshot: sleeping or lost after more idle days
       (
@include lifecycle_idle_limit
       ) AS idle_limit,
       CAST(p.recent_days AS INTEGER) AS recent_days, CAST(p.base_days AS INTEGER) AS base_days,
       p.recent_revenue, p.base_revenue, p.revenue_12m,
       CAST(greatest(0, least($baseline, (p.snap - $window) - greatest(p.first_purchase, p.snap - $window - $baseline + 1) + 1))
            AS INTEGER) AS base_exposure,
       CAST(coalesce(e.complaints_recent, 0) AS INTEGER) AS complaints_recent,
       CAST(coalesce(e.complaints_base, 0) AS INTEGER) AS complaints_base,
       CAST(coalesce(e.disputes_recent, 0) AS INTEGER) AS disputes_recent,
       CAST(coalesce(e.competitor_recent, 0) AS INTEGER) AS competitor_recent,
       CAST(coalesce(e.cancel_recent, 0) AS INTEGER) AS cancel_recent,
       CAST(coalesce(e.inbound_recent, 0) AS INTEGER) AS inbound_recent,
       CAST(coalesce(e.inbound_base, 0) AS INTEGER) AS inbound_base,
       CAST(coalesce(i.invoices_recent, 0) AS INTEGER) AS invoices_recent,
       CAST(coalesce(i.invoices_base, 0) AS INTEGER) AS invoices_base,
       CAST(i.late_recent AS DOUBLE) AS late_recent, CAST(i.late_base AS DOUBLE) AS late_base,
       CAST(coalesce(i.overdue, 0) AS INTEGER) AS overdue, coalesce(i.overdue_amount, 0) AS overdue_amount,
       CAST(e.last_contact - DATE '1970-01-01' AS DOUBLE) AS last_contact,
       CAST(c.last_churn - DATE '1970-01-01' AS DOUBLE) AS last_churn,
       CAST(p.next_purchase - DATE '1970-01-01' AS DOUBLE) AS next_purchase,
       CAST(c.next_churn - DATE '1970-01-01' AS DOUBLE) AS next_churn
FROM purchases p
LEFT JOIN ev e USING (customer_id, snap)
LEFT JOIN inv i USING (customer_id, snap)
LEFT JOIN ch c USING (customer_id, snap)
