-- Work queued in the database (mail, webhooks…), done by whichever instance claims it first
-- (FOR UPDATE SKIP LOCKED: two instances claiming at once get different jobs, never the same).
-- A claim hides a job until locked_until (milliseconds since the epoch, by the database's
-- clock); a job not completed by then (its instance died) can be claimed again. payload is JSON
-- text, as on SQLite.
CREATE TABLE jobs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text COLLATE "C" NOT NULL,
  payload      text NOT NULL,
  run_at       bigint NOT NULL,
  locked_until bigint,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX jobs_due ON jobs (kind, run_at, id);
