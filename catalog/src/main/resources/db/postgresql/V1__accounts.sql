-- PostgreSQL variant of db/migration/V1 (same version, same tables). Instants are fixed-width UTC
-- text, as in SQLite, so the stores' SQL and Java are the same for both databases.
CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'filmmaker')),
    created_at    TEXT NOT NULL
);
