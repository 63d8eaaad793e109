-- PostgreSQL twin of db/migration/V21: the version of a film's package viewers get, and the
-- replaced versions a bucket keeps for a grace period before the sweep removes them.
ALTER TABLE films ADD COLUMN package_version TEXT;

CREATE TABLE retired_packages (
    film_id    TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    version    TEXT NOT NULL,
    retired_at TEXT NOT NULL,
    PRIMARY KEY (film_id, version)
);
CREATE INDEX retired_packages_at ON retired_packages (retired_at);
