-- Full-text search over what a viewer remembers of a film: its title, logline, synopsis and the
-- people in its credits. Maintained by FilmStore in the same transaction as the film's rows.
CREATE VIRTUAL TABLE film_search USING fts5(
    film_id UNINDEXED,
    title,
    logline,
    synopsis,
    credits,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO film_search (film_id, title, logline, synopsis, credits)
SELECT f.id, f.title, COALESCE(f.logline, ''), COALESCE(f.synopsis, ''),
       COALESCE((SELECT group_concat(c.name || ' ' || c.role, ' ')
                 FROM film_credits c WHERE c.film_id = f.id), '')
FROM films f;
