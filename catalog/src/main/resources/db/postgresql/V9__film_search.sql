-- PostgreSQL variant of db/migration/V9: full-text search as one weighted tsvector per film
-- instead of an FTS5 table. Weights: A title, B credits (and tags, V11_2), C logline,
-- D synopsis; ranked by ts_rank. The 'simple' configuration lowercases without stemming, like
-- FTS5's unicode61; diacritics are removed by the store before indexing and searching
-- (PostgreSQL's unaccent is an extension a managed database may not offer).
-- Maintained by FilmStore in the same transaction as the film's rows.
CREATE TABLE film_search (
    film_id  TEXT PRIMARY KEY REFERENCES films (id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX film_search_document ON film_search USING GIN (document);

INSERT INTO film_search (film_id, document)
SELECT f.id,
       setweight(to_tsvector('simple', f.title), 'A')
       || setweight(to_tsvector('simple', COALESCE((SELECT string_agg(c.name || ' ' || c.role, ' ')
                                                    FROM film_credits c WHERE c.film_id = f.id), '')), 'B')
       || setweight(to_tsvector('simple', COALESCE(f.logline, '')), 'C')
       || setweight(to_tsvector('simple', COALESCE(f.synopsis, '')), 'D')
FROM films f;
