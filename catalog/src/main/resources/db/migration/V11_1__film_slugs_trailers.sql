-- A film's slug: its readable, editable address (/api/films/by-slug/{slug}), unique per server.
-- Films made before slugs existed keep their id as slug (unique and URL-safe) until edited.
-- A trailer is another film of the same owner; deleting the trailer unlinks it.
ALTER TABLE films ADD COLUMN slug TEXT;
ALTER TABLE films ADD COLUMN trailer_film_id TEXT REFERENCES films (id) ON DELETE SET NULL;
UPDATE films SET slug = id WHERE slug IS NULL;
CREATE UNIQUE INDEX films_slug ON films (slug);
