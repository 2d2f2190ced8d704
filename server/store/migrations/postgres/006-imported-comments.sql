-- Which comment each imported one became (the same table as
-- migrations/sqlite/002-imported-comments.sql), so importing the same file again adds nothing.
-- No foreign key on purpose: a comment a moderator deleted is not brought back by a later import.
CREATE TABLE imported_comments (
  source      text COLLATE "C" NOT NULL,
  source_id   text COLLATE "C" NOT NULL,
  comment_id  text COLLATE "C" NOT NULL,
  imported_at text NOT NULL,
  PRIMARY KEY (source, source_id)
);
