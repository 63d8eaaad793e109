-- PostgreSQL variant of db/migration/V4.
CREATE TABLE film_genres (
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    genre   TEXT NOT NULL,
    PRIMARY KEY (film_id, ord)
);
CREATE TABLE film_credits (
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    role    TEXT NOT NULL,
    name    TEXT NOT NULL,
    PRIMARY KEY (film_id, ord)
);
