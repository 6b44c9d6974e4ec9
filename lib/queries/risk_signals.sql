-- The raw material of the early-warning signals (lib/risk.py): one row per customer and snapshot
-- date for every customer with a purchase day on or before the snapshot. lib.risk turns these
-- windows into signal values, flags and model features. Dates are returned as day numbers since
-- 1970-01-01 (DOUBLE, NULL = none).
--
-- Snapshots come from the registered relation risk_snaps(snap DATE). $share below 1 reads only that
-- share of the customers (a fixed pseudo-random sample by a hash of the customer id: the same
-- customers at every snapshot and in every run, a smaller share a subset of a larger one's), for
-- the model's training snapshots on large datasets; the sample is a filter on each table's rows,
-- applied before they meet the snapshots. With $all = false only the customers in the registered
-- relation risk_who(customer_id) are read (one customer's story, the lead-time sample). Nothing
-- after $data_end (the page's as-of date) is read, so a backtest never sees the future of its own
-- as-of date.
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
--
-- Further windows for the model (each against the 365 days before it): purchase days in the
-- last 30 and 180 days (days_30 / base_30, days_180 / base_180).
-- Negotiations (type negotiation: the customer talks prices down) recent and in the baseline.
-- manager_recent: account-manager changes in (s - $manager_days, s].
-- open_notices: cancellation notices filed by s that were still open at s: not decided by s
-- (outcome_date after s, or no outcome / 'open'; a 'withdrawn' or 'averted' notice without an
-- outcome date counts as decided on its own date) and not past their effective date (without one:
-- filed within the last 365 days).
-- Complaint handling (complaints and disputes filed in (s - 365, s], as known at s; an outcome
-- without an outcome date counts as known on the complaint's date): handled_bad = unresolved,
-- customer not satisfied, or slow (resolved more than $slow_days days after it was filed, or still
-- pending after that long); handled_good = resolved within $slow_days days and not unsatisfied.
-- Counts of a kind of event the dataset does not record at all (up to $data_end) are NULL, not 0:
-- negotiations, manager changes, open notices, market pressure, and complaint handling when no
-- complaint or dispute has an outcome or a satisfied value.
-- Market pressure: competitor mentions of all customers of the customer's region (segment) in
-- the recent window and in the baseline (region_recent / region_base, segment_recent /
-- segment_base; NULL without a customers row or a region / segment).
-- Satisfaction trend: nps_latest, the latest survey answer by s (NPS 0-10; without an NPS the
-- after-sales satisfaction 1-5 on the same scale, (x - 1) x 2.5; of two answers on that day the
-- higher) if given within the last 365 days, and nps_earlier, the mean of the customer's other
-- answers by s (NULL with none).
WITH days AS (
    SELECT c.customer_id, d.date, CAST(d.amount AS DOUBLE) AS amount, d.sale
    FROM customer_days d JOIN lifecycle_customers c ON c.dataset_id = $dataset_id AND c.cidx = d.cidx
    WHERE d.dataset_id = $dataset_id AND d.date <= $data_end
      AND ($share >= 1 OR hash(customer_id) % 1000003 < $share * 1000003)
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
           count(*) FILTER (WHERE d.sale AND d.date > s.snap - 30 AND d.date <= s.snap) AS days_30,
           count(*) FILTER (WHERE d.sale AND d.date > s.snap - 30 - $baseline AND d.date <= s.snap - 30) AS base_30,
           count(*) FILTER (WHERE d.sale AND d.date > s.snap - 180 AND d.date <= s.snap) AS days_180,
           count(*) FILTER (WHERE d.sale AND d.date > s.snap - 180 - $baseline AND d.date <= s.snap - 180) AS base_180,
           min(d.date) FILTER (WHERE d.sale AND d.date > s.snap) AS next_purchase
    FROM days d JOIN risk_snaps s ON d.date <= s.snap + $horizon
    GROUP BY d.customer_id, s.snap
    HAVING min(d.date) FILTER (WHERE d.sale) <= s.snap
),
contacts AS (   -- the last contact by the snapshot, however long ago, and the inbound ones in the windows
    SELECT e.customer_id, s.snap, max(e.date) AS last_contact,
           count(*) FILTER (WHERE e.direction = 'inbound' AND e.date > s.snap - $window) AS inbound_recent,
           count(*) FILTER (WHERE e.direction = 'inbound' AND e.date <= s.snap - $window
                              AND e.date > s.snap - $window - $baseline) AS inbound_base
    FROM events e JOIN risk_snaps s ON e.date <= s.snap
    WHERE e.dataset_id = $dataset_id AND e.type = 'contact' AND e.date <= $data_end
      AND ($share >= 1 OR hash(e.customer_id) % 1000003 < $share * 1000003)
      AND ($all OR e.customer_id IN (SELECT customer_id FROM risk_who))
    GROUP BY e.customer_id, s.snap
),
-- every other count looks back at most greatest(window + baseline, 365, $manager_days) days, except
-- open notices (filed any time before, not yet effective): older rows are not joined at all. Contacts
-- (most of the events) are counted in `contacts` above, which reads them anyway: here only the rarer kinds
ev AS (
    SELECT e.customer_id, s.snap,
           count(*) FILTER (WHERE e.type = 'complaint' AND e.date > s.snap - $window) AS complaints_recent,
           count(*) FILTER (WHERE e.type = 'complaint' AND e.date <= s.snap - $window
                              AND e.date > s.snap - $window - $baseline) AS complaints_base,
           count(*) FILTER (WHERE e.type = 'dispute' AND e.date > s.snap - $window) AS disputes_recent,
           count(*) FILTER (WHERE e.type = 'competitor_mention' AND e.date > s.snap - $window) AS competitor_recent,
           count(*) FILTER (WHERE e.type = 'cancellation_notice' AND e.date > s.snap - $window) AS cancel_recent,
           count(*) FILTER (WHERE e.type = 'negotiation' AND e.date > s.snap - $window) AS negotiation_recent,
           count(*) FILTER (WHERE e.type = 'negotiation' AND e.date <= s.snap - $window
                              AND e.date > s.snap - $window - $baseline) AS negotiation_base,
           count(*) FILTER (WHERE e.type = 'manager_change' AND e.date > s.snap - $manager_days) AS manager_recent,
           count(*) FILTER (WHERE e.type = 'cancellation_notice'
                              AND NOT coalesce(e.outcome_date <= s.snap
                                               OR (e.outcome_date IS NULL AND e.outcome IN ('withdrawn', 'averted')), false)
                              AND (e.effective_date >= s.snap OR (e.effective_date IS NULL AND e.date > s.snap - 365)))
               AS open_notices,
           count(*) FILTER (WHERE e.type IN ('complaint', 'dispute') AND e.date > s.snap - 365 AND (
                   (e.outcome = 'unresolved' AND coalesce(e.outcome_date, e.date) <= s.snap)
                OR (e.satisfied = 'no' AND coalesce(e.outcome_date, e.date) <= s.snap)
                OR (e.outcome_date <= s.snap AND e.outcome_date - e.date > $slow_days)
                OR (NOT coalesce(coalesce(e.outcome_date, e.date) <= s.snap AND e.outcome IN ('resolved', 'unresolved'), false)
                    AND s.snap - e.date > $slow_days))) AS handled_bad,
           count(*) FILTER (WHERE e.type IN ('complaint', 'dispute') AND e.date > s.snap - 365
                              AND e.outcome = 'resolved' AND coalesce(e.outcome_date, e.date) <= s.snap
                              AND coalesce(e.outcome_date - e.date, 0) <= $slow_days
                              AND coalesce(e.satisfied, 'yes') <> 'no') AS handled_good
    FROM events e JOIN risk_snaps s ON e.date <= s.snap
     AND (e.date > s.snap - greatest($window + $baseline, 365, $manager_days) OR e.type = 'cancellation_notice')
    WHERE e.dataset_id = $dataset_id AND e.date <= $data_end
      AND e.type IN ('complaint', 'dispute', 'competitor_mention', 'cancellation_notice', 'negotiation', 'manager_change')
      AND ($share >= 1 OR hash(e.customer_id) % 1000003 < $share * 1000003)
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
      AND ($share >= 1 OR hash(i.customer_id) % 1000003 < $share * 1000003)
      AND ($all OR i.customer_id IN (SELECT customer_id FROM risk_who))
    GROUP BY i.customer_id, s.snap
),
kinds AS (
    -- what the dataset records at all (up to $data_end): a signal without its kind of event is not judged
    SELECT coalesce(bool_or(type IN ('complaint', 'dispute') AND (outcome IS NOT NULL OR satisfied IS NOT NULL)), false)
               AS handling,
           coalesce(bool_or(type = 'negotiation'), false) AS negotiation,
           coalesce(bool_or(type = 'manager_change'), false) AS manager,
           coalesce(bool_or(type = 'cancellation_notice'), false) AS notice,
           coalesce(bool_or(type = 'competitor_mention'), false) AS competitor
    FROM events
    WHERE dataset_id = $dataset_id AND date <= $data_end
),
groups AS (
    SELECT DISTINCT ON (customer_id) customer_id, region, segment
    FROM customers
    WHERE dataset_id = $dataset_id
    ORDER BY customer_id, first_contact_date NULLS LAST
),
-- competitor mentions per region and per segment (two grouping sets; by_region tells them apart)
mentions AS (
    SELECT g.region, g.segment, s.snap, grouping(g.region) = 0 AS by_region,
           count(*) FILTER (WHERE e.date > s.snap - $window) AS recent,
           count(*) FILTER (WHERE e.date <= s.snap - $window) AS base
    FROM events e JOIN groups g USING (customer_id)
    JOIN risk_snaps s ON e.date <= s.snap AND e.date > s.snap - $window - $baseline
    WHERE e.dataset_id = $dataset_id AND e.type = 'competitor_mention' AND e.date <= $data_end
    GROUP BY GROUPING SETS ((g.region, s.snap), (g.segment, s.snap))
),
pressure AS (
    SELECT g.customer_id, s.snap,
           CASE WHEN g.region IS NOT NULL THEN coalesce(r.recent, 0) END AS region_recent,
           CASE WHEN g.region IS NOT NULL THEN coalesce(r.base, 0) END AS region_base,
           CASE WHEN g.segment IS NOT NULL THEN coalesce(m.recent, 0) END AS segment_recent,
           CASE WHEN g.segment IS NOT NULL THEN coalesce(m.base, 0) END AS segment_base
    FROM groups g CROSS JOIN risk_snaps s
    LEFT JOIN mentions r ON r.by_region AND r.region = g.region AND r.snap = s.snap
    LEFT JOIN mentions m ON NOT m.by_region AND m.segment = g.segment AND m.snap = s.snap
    WHERE ($share >= 1 OR hash(g.customer_id) % 1000003 < $share * 1000003)
      AND ($all OR g.customer_id IN (SELECT customer_id FROM risk_who))
),
answers AS (
    SELECT v.customer_id, s.snap, v.date,
           CAST(coalesce(v.nps, (v.aftersales_satisfaction - 1) * 2.5) AS DOUBLE) AS score
    FROM surveys v JOIN risk_snaps s ON v.date <= s.snap
    WHERE v.dataset_id = $dataset_id AND v.date <= $data_end
      AND coalesce(v.nps, v.aftersales_satisfaction) IS NOT NULL
      AND ($share >= 1 OR hash(v.customer_id) % 1000003 < $share * 1000003)
      AND ($all OR v.customer_id IN (SELECT customer_id FROM risk_who))
),
satisfaction AS (
    -- of two answers on the latest day the higher one (an order the data do not give; without
    -- the tie-break the choice depended on the query plan and changed between runs)
    SELECT customer_id, snap, max(date) AS latest_date, arg_max(score, (date - DATE '1970-01-01') * 100.0 + score) AS latest,
           count(*) AS n, sum(score) AS total
    FROM answers
    GROUP BY customer_id, snap
),
ch AS (
    SELECT c.customer_id, s.snap,
           max(c.date) FILTER (WHERE c.date <= s.snap) AS last_churn,
           min(c.date) FILTER (WHERE c.date > s.snap) AS next_churn
    FROM churn c JOIN risk_snaps s ON c.date <= s.snap + $horizon
    WHERE c.dataset_id = $dataset_id AND c.date <= $data_end
      AND ($share >= 1 OR hash(c.customer_id) % 1000003 < $share * 1000003)
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
       CAST(coalesce(ct.inbound_recent, 0) AS INTEGER) AS inbound_recent,
       CAST(coalesce(ct.inbound_base, 0) AS INTEGER) AS inbound_base,
       CAST(p.days_30 AS INTEGER) AS days_30, CAST(p.base_30 AS INTEGER) AS base_30,
       CAST(p.days_180 AS INTEGER) AS days_180, CAST(p.base_180 AS INTEGER) AS base_180,
       CAST(CASE WHEN k.negotiation THEN coalesce(e.negotiation_recent, 0) END AS INTEGER) AS negotiation_recent,
       CAST(CASE WHEN k.negotiation THEN coalesce(e.negotiation_base, 0) END AS INTEGER) AS negotiation_base,
       CAST(CASE WHEN k.manager THEN coalesce(e.manager_recent, 0) END AS INTEGER) AS manager_recent,
       CAST(CASE WHEN k.notice THEN coalesce(e.open_notices, 0) END AS INTEGER) AS open_notices,
       CAST(CASE WHEN k.handling THEN coalesce(e.handled_bad, 0) END AS INTEGER) AS handled_bad,
       CAST(CASE WHEN k.handling THEN coalesce(e.handled_good, 0) END AS INTEGER) AS handled_good,
       CAST(CASE WHEN k.competitor THEN pr.region_recent END AS INTEGER) AS region_recent,
       CAST(CASE WHEN k.competitor THEN pr.region_base END AS INTEGER) AS region_base,
       CAST(CASE WHEN k.competitor THEN pr.segment_recent END AS INTEGER) AS segment_recent,
       CAST(CASE WHEN k.competitor THEN pr.segment_base END AS INTEGER) AS segment_base,
       CASE WHEN sa.latest_date > p.snap - 365 THEN sa.latest END AS nps_latest,
       CASE WHEN sa.latest_date > p.snap - 365 AND sa.n > 1 THEN (sa.total - sa.latest) / (sa.n - 1) END AS nps_earlier,
       CAST(coalesce(i.invoices_recent, 0) AS INTEGER) AS invoices_recent,
       CAST(coalesce(i.invoices_base, 0) AS INTEGER) AS invoices_base,
       CAST(i.late_recent AS DOUBLE) AS late_recent, CAST(i.late_base AS DOUBLE) AS late_base,
       CAST(coalesce(i.overdue, 0) AS INTEGER) AS overdue, coalesce(i.overdue_amount, 0) AS overdue_amount,
       CAST(ct.last_contact - DATE '1970-01-01' AS DOUBLE) AS last_contact,
       CAST(c.last_churn - DATE '1970-01-01' AS DOUBLE) AS last_churn,
       CAST(p.next_purchase - DATE '1970-01-01' AS DOUBLE) AS next_purchase,
       CAST(c.next_churn - DATE '1970-01-01' AS DOUBLE) AS next_churn
FROM purchases p
LEFT JOIN ev e USING (customer_id, snap)
LEFT JOIN contacts ct USING (customer_id, snap)
LEFT JOIN inv i USING (customer_id, snap)
LEFT JOIN ch c USING (customer_id, snap)
LEFT JOIN pressure pr USING (customer_id, snap)
LEFT JOIN satisfaction sa USING (customer_id, snap)
CROSS JOIN kinds k
