-- PostgreSQL variant of db/migration/V11_2. The search document of V9 takes the tags at weight B
-- as they are written; no film has tags yet, so there is nothing to rebuild (SQLite had to
-- rebuild its FTS5 table to add a column).
CREATE TABLE film_countries (
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    code    TEXT NOT NULL,
    PRIMARY KEY (film_id, ord)
);
CREATE TABLE film_languages (
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    tag     TEXT NOT NULL,
    PRIMARY KEY (film_id, ord)
);
CREATE INDEX film_languages_tag ON film_languages (lower(tag));
CREATE TABLE film_tags (
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    tag     TEXT NOT NULL,
    PRIMARY KEY (film_id, ord)
);
