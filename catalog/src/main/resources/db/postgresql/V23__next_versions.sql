-- A film that is ready keeps playing while a new version of its package is prepared (a
-- re-transcode, a retry, a ladder change): its status stays 'ready' (what viewers get) and the
-- version being prepared is described here, NULL when none is. next_status is 'processing'
-- (next_progress 0..100) or 'failed' (next_error, the filmmaker's sentence; the old version
-- stays live). The switch to the new version clears them in the transaction that records it.
ALTER TABLE films ADD COLUMN next_status TEXT;
ALTER TABLE films ADD COLUMN next_progress INTEGER;
ALTER TABLE films ADD COLUMN next_error TEXT;
