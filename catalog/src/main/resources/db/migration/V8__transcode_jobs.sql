-- Transcode jobs: one row per attempt, so a film's processing history survives retries and
-- restarts. State changes are conditional updates on `state`, so two runners never take one job.
CREATE TABLE transcode_jobs (
    id               TEXT PRIMARY KEY,
    film_id          TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    state            TEXT NOT NULL
                     CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    attempt          INTEGER NOT NULL CHECK (attempt >= 1),
    progress_percent INTEGER NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
    fps              REAL,
    speed            REAL,
    eta_seconds      INTEGER,
    error            TEXT,
    detail           TEXT,
    queued_at        TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (film_id, attempt)
);
CREATE INDEX transcode_jobs_queue ON transcode_jobs (state, queued_at);
-- At most one queued or running job per film: a second submit finds the first.
CREATE UNIQUE INDEX transcode_jobs_one_active ON transcode_jobs (film_id)
    WHERE state IN ('queued', 'running');
