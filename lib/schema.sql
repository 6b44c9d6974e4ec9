-- The store's schema: the catalogue and the input tables. Applied idempotently by
-- lib.db.apply_schema(). The derived tables are lib/derived.sql's (lib/derived.py).
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
    type        VARCHAR NOT NULL,  -- complaint, contact, dispute, competitor_mention, marketing, cancellation_notice,
                                   -- negotiation, manager_change, other
    direction   VARCHAR,           -- inbound | outbound
    channel     VARCHAR,
    note        VARCHAR,
    outcome        VARCHAR,        -- notice: open | took_effect | withdrawn | averted; complaint, dispute: open | resolved | unresolved
    outcome_date   DATE,           -- when the notice was decided / the complaint resolved
    effective_date DATE,           -- notice: the date the cancellation would take effect
    measure        VARCHAR,        -- notice: what was offered (discount, contract_change, personal_call, service_fix, none, ...)
    satisfied      VARCHAR,        -- complaint, dispute: customer satisfied with the resolution (yes | no)
    reason         VARCHAR         -- notice: why the customer gives notice (the churn table's reason codes, or own)
);
-- Files written before the newer events columns existed get them from schema_events.sql.

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

-- The secret of a dataset's pseudonyms in anonymised mode (lib/anon.py): random, written once
-- when the dataset's derived tables are first built and kept across their rebuilds, so the
-- numbers ("Kunde 0427") survive restarts; deleted with the dataset. Never shown.
CREATE TABLE IF NOT EXISTS anon_keys (
    dataset_id INTEGER NOT NULL,
    salt       VARCHAR NOT NULL
);

-- Saved story snapshots (lib/story/snapshots.py): a prepared talk's dataset, as-of date and
-- settings under a name. No dataset_id column on purpose: dropping or replacing a dataset deletes
-- the rows of every table with one, and a snapshot must outlive its dataset to say it was replaced.
CREATE TABLE IF NOT EXISTS story_snapshots (
    name            VARCHAR PRIMARY KEY,
    dataset_name    VARCHAR NOT NULL,
    source_id       INTEGER NOT NULL,      -- the dataset's id when the snapshot was saved
    source_created  TIMESTAMP NOT NULL,    -- and its created_at: a replaced dataset differs in both
    as_of           DATE NOT NULL,
    settings        VARCHAR NOT NULL,      -- JSON of language-neutral settings (the step, ...)
    saved_at        TIMESTAMP NOT NULL
);
