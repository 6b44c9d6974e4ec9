-- One row per dataset: catalogue fields, row count per input table, transaction date range.
WITH
tx AS (SELECT dataset_id, count(*) AS n, min(date) AS first_date, max(date) AS last_date
       FROM transactions GROUP BY dataset_id),
cu AS (SELECT dataset_id, count(*) AS n FROM customers GROUP BY dataset_id),
ev AS (SELECT dataset_id, count(*) AS n FROM events GROUP BY dataset_id),
iv AS (SELECT dataset_id, count(*) AS n FROM invoices GROUP BY dataset_id),
ch AS (SELECT dataset_id, count(*) AS n FROM churn GROUP BY dataset_id),
wb AS (SELECT dataset_id, count(*) AS n FROM winback GROUP BY dataset_id),
su AS (SELECT dataset_id, count(*) AS n FROM surveys GROUP BY dataset_id)
SELECT d.id, d.name, d.created_at, d.source, d.kind,
       coalesce(tx.n, 0) AS transactions, coalesce(cu.n, 0) AS customers,
       coalesce(ev.n, 0) AS events, coalesce(iv.n, 0) AS invoices, coalesce(ch.n, 0) AS churn,
       coalesce(wb.n, 0) AS winback, coalesce(su.n, 0) AS surveys,
       tx.first_date, tx.last_date
FROM datasets d
LEFT JOIN tx ON tx.dataset_id = d.id
LEFT JOIN cu ON cu.dataset_id = d.id
LEFT JOIN ev ON ev.dataset_id = d.id
LEFT JOIN iv ON iv.dataset_id = d.id
LEFT JOIN ch ON ch.dataset_id = d.id
LEFT JOIN wb ON wb.dataset_id = d.id
LEFT JOIN su ON su.dataset_id = d.id
ORDER BY d.created_at, d.id
