-- HMAC keys for playback URLs. Kept in the catalog so that several servers sharing it agree.
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY,
    secret     BLOB NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
);
