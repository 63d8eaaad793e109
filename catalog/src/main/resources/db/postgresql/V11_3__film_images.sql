-- PostgreSQL variant of db/migration/V11_3.
CREATE TABLE film_images (
    name       TEXT PRIMARY KEY,
    film_id    TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('poster', 'still')),
    ord        INTEGER NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    widths     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX film_images_film ON film_images (film_id, kind, ord);
