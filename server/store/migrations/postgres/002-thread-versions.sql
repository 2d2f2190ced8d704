-- A version per thread, bumped in the same transaction as every change to its comments, whoever
-- makes it (any instance, the moderate CLI). The page cache (page-cache.js) serves a cached page
-- only while the version it was read at is still current. A thread without a row is at version
-- 0. Rows are never deleted, so a version never goes back.
CREATE TABLE thread_versions (
  thread  text COLLATE "C" PRIMARY KEY,
  version bigint NOT NULL
);
CREATE FUNCTION comments_bump_thread_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO thread_versions AS v (thread, version) VALUES (OLD.thread, 1)
      ON CONFLICT (thread) DO UPDATE SET version = v.version + 1;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.thread IS DISTINCT FROM OLD.thread) THEN
    INSERT INTO thread_versions AS v (thread, version) VALUES (NEW.thread, 1)
      ON CONFLICT (thread) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER comments_bump_thread_version AFTER INSERT OR UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION comments_bump_thread_version();
