-- The owner's side (issue 11), the same tables as migrations/sqlite/007-owner.sql: moderators
-- and their sessions, settings (trust rules, the link secret), reader reply subscriptions, what
-- we know of each thread's page, and two comment columns. Emails and webhook calls wait in the
-- jobs table (migration 004).
-- spam: 1 for a comment filed as spam. Its status stays 'rejected' (readers see neither), so the
-- status CHECK and every existing query are untouched; "spam" is status 'rejected' AND spam = 1.
ALTER TABLE comments ADD COLUMN spam smallint NOT NULL DEFAULT 0;
-- moderator_id: the moderator who wrote this comment in the moderation app (the owner badge).
ALTER TABLE comments ADD COLUMN moderator_id text;
-- "This email already has an approved comment" is one indexed lookup.
CREATE INDEX comments_by_email ON comments (lower(author_email), status);

CREATE TABLE threads (
  thread     text COLLATE "C" PRIMARY KEY,
  page_url   text,
  title      text,
  updated_at text NOT NULL
);

CREATE TABLE moderators (
  id              text COLLATE "C" PRIMARY KEY,
  email           text NOT NULL UNIQUE,
  name            text NOT NULL,
  password_hash   text NOT NULL,
  created_at      text NOT NULL,
  last_sign_in_at text
);

-- token_hash: SHA-256 of the cookie's token, so a copy of the database signs nobody in.
CREATE TABLE sessions (
  token_hash   text COLLATE "C" PRIMARY KEY,
  moderator_id text NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   text NOT NULL,
  expires_at   text NOT NULL
);
CREATE INDEX sessions_by_moderator ON sessions (moderator_id);

-- One row per failed sign-in, per key (an email, an IP address), kept for the throttle window.
CREATE TABLE sign_in_failures (
  key text NOT NULL,
  at  text NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

CREATE TABLE settings (
  name  text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);

-- Links from emails that were pressed: each works once.
CREATE TABLE used_links (
  nonce      text COLLATE "C" PRIMARY KEY,
  expires_at text NOT NULL
);

CREATE TABLE subscriptions (
  id         text COLLATE "C" PRIMARY KEY,
  comment_id text NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  email      text NOT NULL,
  state      text NOT NULL CHECK (state IN ('unconfirmed', 'confirmed', 'unsubscribed')),
  created_at text NOT NULL
);
CREATE INDEX subscriptions_by_comment ON subscriptions (comment_id, state);
