-- Which comment each imported one became (`recovery-comments-server import`), by the site it
-- came from and its id there, so importing the same file again adds nothing.
-- No foreign key on purpose: when a moderator deletes an imported comment, its row stays, and a
-- later import does not bring the comment back.
CREATE TABLE imported_comments (
  source      TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  comment_id  TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (source, source_id)
) STRICT;
