-- PostgreSQL twin of db/migration/V22.
-- Several origins behind one load balancer share this catalog. What one origin does for a viewer
-- must be visible to the others, so the guards that lived in one origin's memory live here.
--
-- An upload names the uploads directory its bytes are in (the random id in DATA/uploads/.volume):
-- an origin that does not share that directory refuses the upload's requests instead of
-- starting its bytes over in a file of its own. It also names who holds it (a PATCH receiving
-- bytes, or the handover) and until when: tus allows one PATCH at a time per upload, whichever
-- origin it reaches. The holder renews while it works; a lease that ran out was left by a dead
-- origin and may be taken.
ALTER TABLE uploads ADD COLUMN volume TEXT;
ALTER TABLE uploads ADD COLUMN holder TEXT;
ALTER TABLE uploads ADD COLUMN held_until TEXT;

-- Downloads of a film's original from an address (URL ingest), one per film, held by the origin
-- that runs it until lease_until. A download whose lease ran out lost its origin: any origin
-- marks its film failed.
CREATE TABLE url_downloads (
    film_id     TEXT PRIMARY KEY REFERENCES films (id) ON DELETE CASCADE,
    holder      TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    started_at  TEXT NOT NULL
);
CREATE INDEX url_downloads_lease ON url_downloads (lease_until);
