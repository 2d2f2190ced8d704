-- Per-client allowances of the rate limits that must hold across instances (posting comments):
-- one row per limited scope and client, counting hits in a fixed window that ends at resets_at
-- (milliseconds since the epoch, by the database's clock, so every instance agrees). Expired
-- rows are deleted now and then by the store.
CREATE TABLE rate_limits (
  key       text COLLATE "C" PRIMARY KEY,
  hits      integer NOT NULL,
  resets_at bigint NOT NULL
);
CREATE INDEX rate_limits_by_reset ON rate_limits (resets_at);
