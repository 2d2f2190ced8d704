-- A version per thread, bumped in the same transaction as every change to its comments, whoever
-- makes it (the server, another instance, the moderate CLI). The page cache (page-cache.js)
-- serves a cached page only while the version it was read at is still current. A thread without
-- a row is at version 0. Rows are never deleted, so a version never goes back.
CREATE TABLE thread_versions (
  thread  TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT;
CREATE TRIGGER comments_insert_bumps_thread AFTER INSERT ON comments BEGIN
  INSERT INTO thread_versions (thread, version) VALUES (NEW.thread, 1)
    ON CONFLICT (thread) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER comments_update_bumps_thread AFTER UPDATE ON comments BEGIN
  INSERT INTO thread_versions (thread, version) VALUES (OLD.thread, 1)
    ON CONFLICT (thread) DO UPDATE SET version = version + 1;
  INSERT INTO thread_versions (thread, version) SELECT NEW.thread, 1 WHERE NEW.thread IS NOT OLD.thread
    ON CONFLICT (thread) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER comments_delete_bumps_thread AFTER DELETE ON comments BEGIN
  INSERT INTO thread_versions (thread, version) VALUES (OLD.thread, 1)
    ON CONFLICT (thread) DO UPDATE SET version = version + 1;
END;
