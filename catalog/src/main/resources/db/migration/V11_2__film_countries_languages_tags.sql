-- Countries (ISO 3166-1 alpha-2), languages (BCP 47 tags) and free tags, as ordered rows so that
-- filters and search can use them.
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

-- Tags are searched too: FTS5 tables cannot gain a column, so the index is rebuilt with one.
DROP TABLE film_search;
CREATE VIRTUAL TABLE film_search USING fts5(
    film_id UNINDEXED,
    title,
    logline,
    synopsis,
    credits,
    tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO film_search (film_id, title, logline, synopsis, credits, tags)
SELECT f.id, f.title, COALESCE(f.logline, ''), COALESCE(f.synopsis, ''),
       COALESCE((SELECT group_concat(c.name || ' ' || c.role, ' ')
                 FROM film_credits c WHERE c.film_id = f.id), ''),
       ''
FROM films f;
