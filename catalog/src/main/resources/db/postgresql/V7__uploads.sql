-- PostgreSQL variant of db/migration/V7.
CREATE TABLE uploads (
    id            TEXT PRIMARY KEY,
    film_id       TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    owner_id      TEXT NOT NULL REFERENCES accounts (id),
    filename      TEXT NOT NULL,
    upload_length BIGINT NOT NULL CHECK (upload_length >= 0),
    upload_offset BIGINT NOT NULL DEFAULT 0 CHECK (upload_offset BETWEEN 0 AND upload_length),
    expires_at    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX uploads_expiry ON uploads (expires_at);
CREATE INDEX uploads_film ON uploads (film_id);
