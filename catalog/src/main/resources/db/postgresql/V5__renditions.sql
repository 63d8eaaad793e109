-- PostgreSQL variant of db/migration/V5.
CREATE TABLE renditions (
    film_id TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('video', 'audio')),
    width   INTEGER NOT NULL,
    height  INTEGER NOT NULL,
    bitrate BIGINT NOT NULL,
    codec   TEXT NOT NULL,
    PRIMARY KEY (film_id, ord)
);
