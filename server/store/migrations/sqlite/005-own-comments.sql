-- Readers editing and deleting their own comments, and links back to the page of a thread
-- (contract v1.1).
-- edit_token_hash: the SHA-256 of the secret edit token the author was given in the POST answer;
-- the token itself is never stored. NULL for comments that have none (seeded, imported).
-- edited_at: when the author last changed the body (ISO string), NULL if never.
ALTER TABLE comments ADD COLUMN edit_token_hash TEXT;
ALTER TABLE comments ADD COLUMN edited_at TEXT;
-- The page a thread lives on, learnt from the element's POST (pageUrl, checked against the
-- allowed origins), for the links in feeds and emails.
CREATE TABLE thread_pages (
  thread     TEXT PRIMARY KEY,
  page_url   TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- A thread's newest comments at any depth (its feed); the site-wide feed reads comments_by_status.
CREATE INDEX comments_by_thread_recent ON comments (thread, status, created_at, id);
