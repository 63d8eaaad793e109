-- PostgreSQL twin of db/migration/V20: who runs a job, and until when its lease holds.
ALTER TABLE transcode_jobs ADD COLUMN runner TEXT;
ALTER TABLE transcode_jobs ADD COLUMN lease_until TEXT;
