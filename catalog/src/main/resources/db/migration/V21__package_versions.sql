-- Every transcode publishes its package under a new version (films/ID/pkg/VERSION/ in a bucket,
-- and in the segment URLs), so a URL never names different bytes over time. The film names the
-- version viewers get; NULL is a package from before versions (films/ID/package/, unversioned
-- URLs). A replaced version in a bucket is kept for a grace period, for viewers still playing it,
-- then removed by the sweep; '' names the unversioned layout.
ALTER TABLE films ADD COLUMN package_version TEXT;

CREATE TABLE retired_packages (
    film_id    TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    version    TEXT NOT NULL,
    retired_at TEXT NOT NULL,
    PRIMARY KEY (film_id, version)
);
CREATE INDEX retired_packages_at ON retired_packages (retired_at);
