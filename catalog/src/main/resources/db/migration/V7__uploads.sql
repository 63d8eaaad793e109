-- Resumable (tus) uploads in progress. The bytes live in DATA/uploads/{id}.part; the offset here
-- is only advanced after the bytes before it were forced to disk, so it never runs ahead of them.
CREATE TABLE uploads (
    id            TEXT PRIMARY KEY,
    film_id       TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    owner_id      TEXT NOT NULL REFERENCES accounts (id),
    filename      TEXT NOT NULL,
    upload_length INTEGER NOT NULL CHECK (upload_length >= 0),
    upload_offset INTEGER NOT NULL DEFAULT 0 CHECK (upload_offset BETWEEN 0 AND upload_length),
    expires_at    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX uploads_expiry ON uploads (expires_at);
CREATE INDEX uploads_film ON uploads (film_id);
