-- PostgreSQL variant of db/migration/V14: festivals, submitted films, screener passes, playback
-- sessions fed by player heartbeats, and the webhook delivery log (REAL as DOUBLE PRECISION).
CREATE TABLE festivals (
    id             TEXT PRIMARY KEY,
    owner_id       TEXT NOT NULL REFERENCES accounts (id),
    name           TEXT NOT NULL,
    edition        TEXT,
    starts_on      TEXT,
    ends_on        TEXT,
    webhook_url    TEXT,
    webhook_secret TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX festivals_owner ON festivals (owner_id);

CREATE TABLE festival_films (
    festival_id  TEXT NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    film_id      TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    submitted_by TEXT NOT NULL REFERENCES accounts (id),
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (festival_id, film_id)
);
CREATE INDEX festival_films_film ON festival_films (film_id);

-- A pass: one juror's access. The code is the secret in /s/{code} (>= 128 random bits).
CREATE TABLE screener_passes (
    id                TEXT PRIMARY KEY,
    festival_id       TEXT NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    juror_name        TEXT NOT NULL,
    juror_email       TEXT NOT NULL,
    code              TEXT NOT NULL UNIQUE,
    passcode_hash     TEXT,
    opens_at          TEXT,
    expires_at        TEXT NOT NULL,
    max_plays         INTEGER CHECK (max_plays IS NULL OR max_plays > 0),
    max_devices       INTEGER CHECK (max_devices IS NULL OR max_devices > 0),
    max_streams       INTEGER CHECK (max_streams IS NULL OR max_streams > 0),
    terms_accepted_at TEXT,
    revoked_at        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX screener_passes_festival ON screener_passes (festival_id);

CREATE TABLE screener_pass_films (
    pass_id TEXT NOT NULL REFERENCES screener_passes (id) ON DELETE CASCADE,
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    PRIMARY KEY (pass_id, film_id)
);

-- One playback of one film by one viewer on one device. viewer_kind: 'screener' (viewer_id is
-- the pass), 'account' or 'anonymous'.
-- SQLite orders sessions that started in the same millisecond by its implicit rowid; PostgreSQL
-- has none, so the column is explicit here under the same name (as in V8).
CREATE TABLE playback_sessions (
    rowid           BIGINT GENERATED ALWAYS AS IDENTITY,
    id              TEXT PRIMARY KEY,
    film_id         TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    viewer_kind     TEXT NOT NULL CHECK (viewer_kind IN ('screener', 'account', 'anonymous')),
    viewer_id       TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    ip              TEXT,
    user_agent      TEXT,
    started_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,
    position        DOUBLE PRECISION NOT NULL DEFAULT 0,
    furthest        DOUBLE PRECISION NOT NULL DEFAULT 0,
    seconds_watched DOUBLE PRECISION NOT NULL DEFAULT 0,
    startup_ms      INTEGER,
    stalls          INTEGER NOT NULL DEFAULT 0,
    stall_ms        INTEGER NOT NULL DEFAULT 0,
    height          INTEGER,
    bitrate         INTEGER,
    errors          INTEGER NOT NULL DEFAULT 0,
    ended           INTEGER NOT NULL DEFAULT 0,
    completed       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX playback_sessions_viewer ON playback_sessions (viewer_kind, viewer_id, film_id);
CREATE INDEX playback_sessions_film ON playback_sessions (film_id, started_at);

-- Player errors and quality switches, kept for diagnosis (heartbeats only update the session).
CREATE TABLE playback_events (
    session_id TEXT NOT NULL REFERENCES playback_sessions (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    type       TEXT NOT NULL,
    position   DOUBLE PRECISION,
    height     INTEGER,
    bitrate    INTEGER,
    message    TEXT
);
CREATE INDEX playback_events_session ON playback_events (session_id, at);

CREATE TABLE webhook_deliveries (
    id          TEXT PRIMARY KEY,
    festival_id TEXT NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    event       TEXT NOT NULL,
    url         TEXT NOT NULL,
    payload     TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    last_code   INTEGER,
    last_error  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_festival ON webhook_deliveries (festival_id, created_at);
