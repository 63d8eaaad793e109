-- PostgreSQL variant of db/migration/V11_5.
CREATE TABLE collections (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES accounts (id),
    title       TEXT NOT NULL,
    description TEXT,
    visibility  TEXT NOT NULL DEFAULT 'draft'
                CHECK (visibility IN ('draft', 'private', 'unlisted', 'public')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX collections_owner ON collections (owner_id);
CREATE TABLE collection_films (
    collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    film_id       TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    PRIMARY KEY (collection_id, ord),
    UNIQUE (collection_id, film_id)
);
CREATE INDEX collection_films_film ON collection_films (film_id);
