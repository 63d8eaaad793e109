-- Browser sign-in sessions, login throttling and API token labels (one feature: accounts).

-- A session cookie is 256 random bits; only its SHA-256 is kept, like API tokens.
-- expires_at is the absolute end; last_seen_at slides the idle timeout.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    user_agent   TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed password logins, kept in the catalog so that every server sharing it agrees.
-- key is 'pair:<user>|<ip>', 'ip:<ip>' or 'user:<user>'; rows go away once quiet and unlocked.
CREATE TABLE login_failures (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until    TEXT
);
CREATE INDEX login_failures_last ON login_failures (last_failure_at);

-- API tokens get an optional label and a short, non-secret prefix to recognise them by.
ALTER TABLE api_tokens ADD COLUMN label TEXT;
ALTER TABLE api_tokens ADD COLUMN prefix TEXT;
