-- The comments of every thread (the same table as migrations/sqlite/001-comments.sql).
-- Text columns that are compared or sorted use COLLATE "C": byte order, as SQLite's BINARY, so
-- pages, cursors and ETags come out the same on both engines whatever the database's locale.
-- created_at is the ISO string the API shows (always the same length and zone), so text order is
-- time order.
-- root_id is the top-level ancestor (a top-level comment's own id), fixed at insert, so the
-- replies of a whole page are one indexed lookup instead of a recursive walk.
-- client_id UNIQUE is what makes a POST idempotent across instances: two instances inserting the
-- same clientId at once cannot both succeed.
CREATE TABLE comments (
  id           text COLLATE "C" PRIMARY KEY,
  thread       text COLLATE "C" NOT NULL,
  parent_id    text COLLATE "C" REFERENCES comments (id),
  root_id      text COLLATE "C" NOT NULL,
  author_name  text NOT NULL,
  author_email text,
  author_url   text,
  body         text NOT NULL,
  created_at   text COLLATE "C" NOT NULL,
  status       text NOT NULL CHECK (status IN ('published', 'pending', 'rejected')),
  client_id    text COLLATE "C" UNIQUE,
  request_hash text
);
CREATE INDEX comments_by_page ON comments (thread, status, parent_id, created_at, id);
CREATE INDEX comments_by_root ON comments (root_id, status, created_at, id);
CREATE INDEX comments_by_parent ON comments (parent_id);
CREATE INDEX comments_by_status ON comments (status, created_at, id);
