-- PostgreSQL variant of db/migration/V3. Sizes and durations are BIGINT: SQLite's INTEGER is
-- 64-bit, PostgreSQL's 32-bit, and an original can weigh more than 2 GiB.
CREATE TABLE films (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES accounts (id),
    title           TEXT NOT NULL,
    logline         TEXT,
    synopsis        TEXT,
    year            INTEGER,
    visibility      TEXT NOT NULL DEFAULT 'draft'
                    CHECK (visibility IN ('draft', 'private', 'unlisted', 'public')),
    available_from  TEXT,
    available_until TEXT,
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'processing', 'ready', 'failed')),
    progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    error           TEXT,
    source_filename TEXT,
    source_size     BIGINT,
    source_sha256   TEXT,
    duration_ms     BIGINT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX films_owner ON films (owner_id);
CREATE INDEX films_listing ON films (visibility, status);
