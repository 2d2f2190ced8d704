-- The comments of every thread.
-- root_id is the top-level ancestor (a top-level comment's own id), fixed at insert, so the
-- replies of a whole page are one indexed lookup instead of a recursive walk.
-- parent_id's foreign key is NO ACTION on purpose: deleteComment removes a whole subtree in one
-- statement, and a cascade would recurse once per level (SQLite stops at 1,000 levels).
-- IF NOT EXISTS: databases made before migrations existed already have this table.
CREATE TABLE IF NOT EXISTS comments (
  id           TEXT PRIMARY KEY,
  thread       TEXT NOT NULL,
  parent_id    TEXT REFERENCES comments (id),
  root_id      TEXT NOT NULL,
  author_name  TEXT NOT NULL,
  author_email TEXT,
  author_url   TEXT,
  body         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('published', 'pending', 'rejected')),
  client_id    TEXT UNIQUE,
  request_hash TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS comments_by_page ON comments (thread, status, parent_id, created_at, id);
CREATE INDEX IF NOT EXISTS comments_by_root ON comments (root_id, status, created_at, id);
CREATE INDEX IF NOT EXISTS comments_by_parent ON comments (parent_id);
CREATE INDEX IF NOT EXISTS comments_by_status ON comments (status, created_at, id);
