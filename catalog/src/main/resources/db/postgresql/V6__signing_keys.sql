-- PostgreSQL variant of db/migration/V6 (SQLite's BLOB is BYTEA). SQLite breaks ties between keys
-- made in the same millisecond by its implicit rowid; PostgreSQL has none, so the column is
-- explicit here under the same name (as in V8) and the key store's SQL stays the same.
CREATE TABLE signing_keys (
    rowid      BIGINT GENERATED ALWAYS AS IDENTITY,
    kid        TEXT PRIMARY KEY,
    secret     BYTEA NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
);
