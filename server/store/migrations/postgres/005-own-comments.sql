-- Readers editing and deleting their own comments, and links back to the page of a thread
-- (the same as migrations/sqlite/002-own-comments.sql).
ALTER TABLE comments ADD COLUMN edit_token_hash text;
ALTER TABLE comments ADD COLUMN edited_at text COLLATE "C";
CREATE TABLE thread_pages (
  thread     text COLLATE "C" PRIMARY KEY,
  page_url   text NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX comments_by_thread_recent ON comments (thread, status, created_at, id);
