-- Work queued in the database (mail, webhooks…), done by whichever instance claims it first.
-- A claim hides a job until locked_until (milliseconds since the epoch); a job not completed by
-- then (its instance died) can be claimed again. payload is JSON text.
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  run_at       INTEGER NOT NULL,
  locked_until INTEGER,
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT
) STRICT;
CREATE INDEX jobs_due ON jobs (kind, run_at, id);
