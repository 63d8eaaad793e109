-- Transcode workers on other machines: a running job names who runs it and until when that
-- runner's lease holds. A runner renews its lease while it works; a job whose lease ran out (its
-- worker died without a word) is queued again by any server.
ALTER TABLE transcode_jobs ADD COLUMN runner TEXT;
ALTER TABLE transcode_jobs ADD COLUMN lease_until TEXT;
