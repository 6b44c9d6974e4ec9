-- Stored results, owned by lib/results.py: a copy of the app's costly loader results, so the first
-- visit after a restart is not cold. Keyed by dataset_id (lib.db deletes a dropped or replaced
-- dataset's rows here with its input rows), the loader and a hash of its arguments and the code
-- version. The payload (lib.results.encode: a JSON tree plus Arrow/npy parts; never pickle) is in a
-- table of its own, lib.results.payload_table.
CREATE TABLE IF NOT EXISTS stored_results (
    dataset_id INTEGER NOT NULL,
    loader     VARCHAR NOT NULL,      -- e.g. lib.loaders.risk.assessment
    key        VARCHAR NOT NULL,      -- lib.results.result_key: loader, arguments, code version
    code       VARCHAR NOT NULL,      -- lib.results.code_version() that computed it
    bytes      BIGINT NOT NULL,
    seconds    DOUBLE NOT NULL,       -- what computing it took
    stored_at  TIMESTAMP NOT NULL,
    used_at    TIMESTAMP NOT NULL
);
