-- PostgreSQL variant of db/migration/V6 (SQLite's BLOB is BYTEA).
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY,
    secret     BYTEA NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
);
