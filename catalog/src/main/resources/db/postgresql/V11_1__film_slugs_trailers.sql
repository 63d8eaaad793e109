-- PostgreSQL variant of db/migration/V11_1.
ALTER TABLE films ADD COLUMN slug TEXT;
ALTER TABLE films ADD COLUMN trailer_film_id TEXT REFERENCES films (id) ON DELETE SET NULL;
UPDATE films SET slug = id WHERE slug IS NULL;
CREATE UNIQUE INDEX films_slug ON films (slug);
