-- The derived per-dataset tables, owned by lib/derived.py: created (and recreated when their shape
-- changed) by lib.derived.migrate, filled by lib.derived.build when a dataset is written or first
-- used (never edited by hand). Every one carries dataset_id, so lib.db deletes a dataset's rows
-- in them with its input rows.
--
-- customer_days: one row per customer and day with transactions; `cidx` is the customer's number
-- in lifecycle_customers (join it for the id), `amount` the day's net amount, `sale` says the day
-- has at least one non-negative row (a purchase day in the CLV sense; a day of returns only is
-- not) and `purchase` that it has a transaction with a positive amount (the lifecycle page's
-- purchase day). Filled by lib/queries/lifecycle_build_days.sql; the lifecycle page reads it as
-- the view lifecycle_days.
CREATE TABLE IF NOT EXISTS customer_days (
    dataset_id  INTEGER NOT NULL,
    cidx        INTEGER NOT NULL,
    date        DATE NOT NULL,
    amount      DECIMAL(18, 2) NOT NULL,
    sale        BOOLEAN NOT NULL,
    purchase    BOOLEAN NOT NULL
);

-- The lifecycle tables (read by lib/lifecycle/), built by lib.derived.build together with
-- customer_days. cidx numbers a
-- dataset's customers densely (1, 2, ...); combo numbers each combination of the page's filters
-- (segment, region, acquisition channel, cohort), so frames and cubes carry one small number.
CREATE TABLE IF NOT EXISTS lifecycle_built (   -- which datasets are built, by which version of the rules
    dataset_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    built_at   TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS lifecycle_customers (
    dataset_id       INTEGER NOT NULL,
    cidx             INTEGER NOT NULL,
    customer_id      VARCHAR NOT NULL,
    segment          VARCHAR NOT NULL,   -- '' when unknown (no customers row)
    region           VARCHAR NOT NULL,
    channel          VARCHAR NOT NULL,   -- acquisition channel
    known_since      DATE,               -- first contact or first transaction, whichever is earlier
    first_purchase   DATE,               -- NULL: never bought (a prospect)
    cohort           DATE,               -- month of the first purchase
    combo            INTEGER NOT NULL,
    lead_days        INTEGER             -- days from the first contact (customers table) to the first purchase
);
CREATE TABLE IF NOT EXISTS lifecycle_combos (
    dataset_id INTEGER NOT NULL, combo INTEGER NOT NULL,
    segment VARCHAR NOT NULL, region VARCHAR NOT NULL, channel VARCHAR NOT NULL, cohort DATE,
    customers INTEGER NOT NULL
);
CREATE VIEW IF NOT EXISTS lifecycle_days AS    -- one row per customer and day with transactions
    SELECT dataset_id, cidx, date AS day,
           amount,                               -- net amount of the day
           purchase                              -- at least one transaction with a positive amount
    FROM customer_days;
CREATE TABLE IF NOT EXISTS lifecycle_months (    -- one row per customer and calendar month with transactions
    dataset_id INTEGER NOT NULL, cidx INTEGER NOT NULL, month DATE NOT NULL,
    combo      INTEGER NOT NULL,
    age        SMALLINT,                         -- months since the cohort month (NULL before it)
    revenue    DECIMAL(18, 2) NOT NULL,
    purchase_days SMALLINT NOT NULL,
    first_day  DATE, last_day DATE               -- first and last purchase day of the month
);
CREATE TABLE IF NOT EXISTS lifecycle_gaps (      -- the lifecycle_months rows after 31+ idle days: return candidates
    dataset_id INTEGER NOT NULL, cidx INTEGER NOT NULL,
    day        DATE NOT NULL,                    -- the purchase day that ends the gap
    idle_days  INTEGER NOT NULL,                 -- days without a purchase before it
    usual_gap  DOUBLE                            -- mean days between the purchase days before the gap (NULL: fewer than 2)
);
CREATE TABLE IF NOT EXISTS lifecycle_churn (     -- churn records with the purchases around them
    dataset_id INTEGER NOT NULL, cidx INTEGER NOT NULL, date DATE NOT NULL,
    last_before DATE,                            -- the last purchase day on or before the record
    next_after  DATE                             -- the first purchase day after it
);
CREATE TABLE IF NOT EXISTS lifecycle_cohorts (   -- revenue and buyers per filter combination and month of life
    dataset_id INTEGER NOT NULL, combo INTEGER NOT NULL, age SMALLINT NOT NULL,
    revenue DECIMAL(18, 2) NOT NULL, buyers INTEGER NOT NULL
);
-- The pseudonyms of anonymised mode (lib/anon.py): every customer id of the dataset's input
-- tables and every account manager, numbered 1, 2, ... in the order of a keyed hash with the
-- dataset's secret salt (anon_keys in lib/schema.sql, which outlives rebuilds).
CREATE TABLE IF NOT EXISTS anon_customers (
    dataset_id  INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    no          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS anon_managers (
    dataset_id      INTEGER NOT NULL,
    account_manager VARCHAR NOT NULL,
    no              INTEGER NOT NULL
);
