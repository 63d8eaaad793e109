-- PostgreSQL variant of db/migration/V8. SQLite orders jobs of the same millisecond by its
-- implicit rowid; PostgreSQL has none, so the column is made explicit under the same name and
-- the queue's SQL stays the same for both.
CREATE TABLE transcode_jobs (
    rowid            BIGINT GENERATED ALWAYS AS IDENTITY,
    id               TEXT PRIMARY KEY,
    film_id          TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    state            TEXT NOT NULL
                     CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    attempt          INTEGER NOT NULL CHECK (attempt >= 1),
    progress_percent INTEGER NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
    fps              DOUBLE PRECISION,
    speed            DOUBLE PRECISION,
    eta_seconds      BIGINT,
    error            TEXT,
    detail           TEXT,
    queued_at        TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (film_id, attempt)
);
CREATE INDEX transcode_jobs_queue ON transcode_jobs (state, queued_at);
CREATE UNIQUE INDEX transcode_jobs_one_active ON transcode_jobs (film_id)
    WHERE state IN ('queued', 'running');
