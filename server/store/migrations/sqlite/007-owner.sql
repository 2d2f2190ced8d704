-- The owner's side (issue 11): moderators and their sessions, settings (trust rules, the link
-- secret), reader reply subscriptions, what we know of each thread's page, and two comment
-- columns. Emails and webhook calls wait in the jobs table (migration 004).
-- spam: 1 for a comment filed as spam. Its status stays 'rejected' (readers see neither), so the
-- status CHECK and every existing query are untouched; "spam" is status 'rejected' AND spam = 1.
ALTER TABLE comments ADD COLUMN spam INTEGER NOT NULL DEFAULT 0;
-- moderator_id: the moderator who wrote this comment in the moderation app (the owner badge).
ALTER TABLE comments ADD COLUMN moderator_id TEXT;
-- "This email already has an approved comment" is one indexed lookup.
CREATE INDEX comments_by_email ON comments (lower(author_email), status);

CREATE TABLE threads (
  thread     TEXT PRIMARY KEY,
  page_url   TEXT,
  title      TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE moderators (
  id              TEXT PRIMARY KEY,
  email           TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  password_hash   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  last_sign_in_at TEXT
) STRICT;

-- token_hash: SHA-256 of the cookie's token, so a copy of the database signs nobody in.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  moderator_id TEXT NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_moderator ON sessions (moderator_id);

-- One row per failed sign-in, per key (an email, an IP address), kept for the throttle window.
CREATE TABLE sign_in_failures (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
) STRICT;
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Links from emails that were pressed: each works once.
CREATE TABLE used_links (
  nonce      TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE subscriptions (
  id         TEXT PRIMARY KEY,
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  email      TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('unconfirmed', 'confirmed', 'unsubscribed')),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX subscriptions_by_comment ON subscriptions (comment_id, state);
