-- The one place the storage schema lives. Applied idempotently by lib.db.apply_schema().
-- Every input table carries dataset_id; a dataset is a row in `datasets`. Renaming a dataset
-- touches one row; replacing one writes the new rows under a fresh id and switches the name
-- in the same transaction, so readers never see half a dataset.
CREATE SEQUENCE IF NOT EXISTS dataset_ids START 1;

CREATE TABLE IF NOT EXISTS datasets (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    source      VARCHAR NOT NULL,          -- 'demo (seed 42, 5000 customers)' or file names
    kind        VARCHAR NOT NULL           -- 'demo' | 'import'
);

CREATE TABLE IF NOT EXISTS transactions (
    dataset_id  INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    date        DATE NOT NULL,
    amount      DECIMAL(18, 2) NOT NULL,   -- negative = return or credit note
    order_id    VARCHAR,
    quantity    INTEGER,
    product     VARCHAR,
    channel     VARCHAR
);

CREATE TABLE IF NOT EXISTS customers (
    dataset_id          INTEGER NOT NULL,
    customer_id         VARCHAR NOT NULL,
    name                VARCHAR,
    segment             VARCHAR,
    region              VARCHAR,
    acquisition_channel VARCHAR,
    first_contact_date  DATE,
    account_manager     VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    dataset_id  INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    date        DATE NOT NULL,
    type        VARCHAR NOT NULL,  -- complaint, contact, dispute, competitor_mention, marketing, cancellation_notice, other
    direction   VARCHAR,           -- inbound | outbound
    channel     VARCHAR,
    note        VARCHAR
);

CREATE TABLE IF NOT EXISTS invoices (
    dataset_id   INTEGER NOT NULL,
    customer_id  VARCHAR NOT NULL,
    invoice_date DATE NOT NULL,
    due_date     DATE NOT NULL,
    amount       DECIMAL(18, 2) NOT NULL,
    paid_date    DATE,             -- NULL = unpaid
    invoice_id   VARCHAR
);

CREATE TABLE IF NOT EXISTS churn (
    dataset_id  INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    date        DATE NOT NULL,
    reason      VARCHAR,           -- price, service, product_quality, competitor_offer, relocation, billing_dispute, ...
    kind        VARCHAR            -- cancellation | silent
);

CREATE TABLE IF NOT EXISTS winback (
    dataset_id  INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    date        DATE NOT NULL,     -- contact date
    campaign    VARCHAR NOT NULL,
    measure     VARCHAR NOT NULL,
    "group"     VARCHAR NOT NULL DEFAULT 'treatment',  -- treatment | control
    cost        DECIMAL(18, 2)
);

CREATE TABLE IF NOT EXISTS surveys (
    dataset_id              INTEGER NOT NULL,
    customer_id             VARCHAR NOT NULL,
    date                    DATE NOT NULL,
    sale_satisfaction       TINYINT,   -- 1..5
    aftersales_satisfaction TINYINT,   -- 1..5
    nps                     TINYINT    -- 0..10
);

-- Derived tables, built by lib.db.refresh_derived when a dataset is written or first used
-- (never edited by hand). customer_days: one row per customer and day with transactions;
-- `amount` is the day's net amount, `sale` says the day has at least one non-negative row (a
-- purchase day in the CLV sense; a day of returns only is not), `n_rows` counts the transactions
-- merged, `cidx` is the customer's number in lifecycle_customers and `purchase` says the day has
-- a transaction with a positive amount (the lifecycle page's purchase day). Filled by
-- lib/queries/lifecycle_build_days.sql; the lifecycle page reads it as the view lifecycle_days.
CREATE TABLE IF NOT EXISTS customer_days (
    dataset_id  INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    date        DATE NOT NULL,
    amount      DECIMAL(18, 2) NOT NULL,
    sale        BOOLEAN NOT NULL,
    n_rows      INTEGER NOT NULL,
    cidx        INTEGER NOT NULL,
    purchase    BOOLEAN NOT NULL
);

-- Lifecycle page (lib/lifecycle.py): derived per-dataset tables, rebuilt by
-- lib.lifecycle.refresh_derived together with the dataset's other derived rows. cidx numbers a
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
    -- first-year features for the danger points, relative to first_purchase (as-of independent)
    followup_days    SMALLINT,           -- days to the first outbound contact on or after it (NULL: none in 365)
    followup_channel VARCHAR,
    contacts_90      SMALLINT,           -- outbound contacts in days 0-89
    contacts_30_180  SMALLINT,           -- outbound contacts in days 30-179
    marketing_90     SMALLINT,           -- marketing contacts in days 0-89
    sale_sat         TINYINT,            -- first survey in days 0-179: satisfaction with the sale (1-5)
    after_sat        TINYINT,            -- ... and with after-sales (1-5)
    lost_year1       BOOLEAN,            -- a churn record in days 0-365, or no purchase in days 183-365
    churned_90       BOOLEAN,            -- a churn record in days 0-89 (lost before the first-year comparisons start)
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
    first_day  DATE, last_day DATE,              -- first and last purchase day of the month
    prev_day   DATE,                             -- the last purchase day before first_day
    n_before   INTEGER,                          -- purchase days before first_day
    usual_gap  DOUBLE                            -- mean days between those purchase days (NULL: fewer than 2)
);
CREATE TABLE IF NOT EXISTS lifecycle_gaps (      -- the lifecycle_months rows after 31+ idle days: return candidates
    dataset_id INTEGER NOT NULL, cidx INTEGER NOT NULL,
    day        DATE NOT NULL,                    -- the purchase day that ends the gap
    idle_days  INTEGER NOT NULL,                 -- days without a purchase before it
    usual_gap  DOUBLE                            -- the usual gap up to the gap's start (NULL: fewer than 2 purchase days)
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
CREATE TABLE IF NOT EXISTS lifecycle_stage_cache ( -- the default view's stages (lifecycle_stages.sql), stored with
    dataset_id INTEGER NOT NULL, as_of DATE NOT NULL,  -- the dataset: at its last date and 12 months before
    cidx INTEGER NOT NULL, combo INTEGER NOT NULL, stage_code TINYINT NOT NULL,  -- index in lib.lifecycle.STAGES
    first_purchase DATE, last_purchase DATE, n_purchases INTEGER,
    revenue_12m DOUBLE, revenue_prev_12m DOUBLE, last_return DATE, lost_12m BOOLEAN
);
CREATE TABLE IF NOT EXISTS lifecycle_exposure_cache ( -- the default view's exposures (lifecycle_exposures.sql)
    dataset_id INTEGER NOT NULL, as_of DATE NOT NULL,
    cidx INTEGER NOT NULL, competitor INTEGER, disputes INTEGER, complaints INTEGER, outbound INTEGER
);
CREATE TABLE IF NOT EXISTS lifecycle_trend (     -- customers per stage at each month end, default thresholds
    dataset_id INTEGER NOT NULL, month DATE NOT NULL, stage VARCHAR NOT NULL, combo INTEGER NOT NULL,
    customers INTEGER NOT NULL
);
