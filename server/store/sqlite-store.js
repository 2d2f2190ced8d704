// @ts-check
// The SQLite implementation of the store, on better-sqlite3. better-sqlite3 is synchronous, so
// each method does all its work in one synchronous call (atomic within this process) and hands
// back a resolved Promise; transactions make it atomic across processes sharing a database file
// (e.g. the server and `moderate` on the same file).
import { openDatabase, isUniqueViolation } from '../sqlite.js';
import { loadMigrations, MIGRATIONS_TABLE, pendingMigrations } from './migrations.js';
import { PageCache } from './page-cache.js';
import {
  assemblePage,
  canReplyTo,
  COLUMNS,
  newCommentRow,
  ownCommentRefusal,
  pageRequest,
  replayOutcome,
  toModeratedComment,
  toPublicComment,
} from './rows.js';

/** @typedef {import('../store.js').CommentStore} CommentStore */
/** @typedef {import('./rows.js').CommentRow} CommentRow */
/** @typedef {import('../store.js').CommentStatus} CommentStatus */
/** @typedef {import('../store.js').NewComment} NewComment */
/** @typedef {import('../store.js').Submission} Submission */
/** @typedef {import('../store.js').SubmitOutcome} SubmitOutcome */
/** @typedef {import('../store.js').ThreadPage} ThreadPage */
/** @typedef {import('../store.js').OwnCommentCheck} OwnCommentCheck */
/** @typedef {import('../store.js').EditOutcome} EditOutcome */
/** @typedef {import('../store.js').DeleteOutcome} DeleteOutcome */
/** @typedef {CommentRow & { page_url: string | null }} FeedRow */
/** @typedef {import('../store.js').ImportedComment} ImportedComment */
/** @typedef {import('../store.js').ImportOutcome} ImportOutcome */
/**
 * @template Row
 * @typedef {import('../sqlite.js').Statement<Row>} Statement
 */

const TOP_LEVEL = `SELECT ${COLUMNS} FROM comments WHERE thread = ? AND status = 'published' AND parent_id IS NULL`;

/** The SQL of the read path, exported so tests can check that its query plans use indexes. */
export const QUERIES = Object.freeze({
  firstPageOldest: `${TOP_LEVEL} ORDER BY created_at, id LIMIT ?`,
  nextPageOldest: `${TOP_LEVEL} AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`,
  firstPageNewest: `${TOP_LEVEL} ORDER BY created_at DESC, id DESC LIMIT ?`,
  nextPageNewest: `${TOP_LEVEL} AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
  // INDEXED BY: without statistics the planner prefers the status index, which would read every
  // published comment of every thread.
  repliesOfRoots: `SELECT ${COLUMNS} FROM comments INDEXED BY comments_by_root
    WHERE root_id IN (SELECT value FROM json_each(?)) AND status = 'published' AND parent_id IS NOT NULL
    ORDER BY created_at, id`,
  countPublished: `SELECT count(*) AS n FROM comments WHERE thread = ? AND status = 'published'`,
  countPublishedMany: `SELECT thread, count(*) AS n FROM comments
    WHERE thread IN (SELECT value FROM json_each(?)) AND status = 'published' GROUP BY thread`,
  recentOfThread: `SELECT ${prefixed('c')}, p.page_url FROM comments AS c INDEXED BY comments_by_thread_recent
    LEFT JOIN thread_pages AS p ON p.thread = c.thread
    WHERE c.thread = ? AND c.status = 'published' ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
  recentOfSite: `SELECT ${prefixed('c')}, p.page_url FROM comments AS c INDEXED BY comments_by_status
    LEFT JOIN thread_pages AS p ON p.thread = c.thread
    WHERE c.status = 'published' ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
});

/** The column list with a table alias, for joins. */
function prefixed(/** @type {string} */ alias) {
  return COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/** How long a claimed job stays hidden from other claims, when the caller does not say. */
const DEFAULT_JOB_LEASE_MS = 60_000;
/** How many rate-limit hits pass between two clean-ups of ended windows. */
const RATE_LIMIT_CLEANUP_EVERY = 1_000;

/**
 * Brings the schema up to date. BEGIN IMMEDIATE takes the write lock first, so a second process
 * opening the same file at the same moment waits (busy_timeout) and then finds nothing to do.
 * @param {import('../sqlite.js').Database} db
 * @param {string} location
 */
function migrate(db, location) {
  const migrations = loadMigrations('sqlite');
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const applied = db
      .prepare(`SELECT version FROM ${MIGRATIONS_TABLE}`)
      .all()
      .map((/** @type {{ version: number }} */ row) => row.version);
    const record = db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`);
    for (const migration of pendingMigrations(migrations, applied, location)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Comments of every thread, in one SQLite database.
 * @implements {CommentStore}
 */
export class SqliteStore {
  /**
   * Opens (and if needed creates) the database at `location`, a file path or ':memory:', and
   * applies any pending migrations.
   * @param {string} [location]
   * @param {import('../store.js').OpenOptions} [options]
   */
  static async open(location = ':memory:', options = {}) {
    return new SqliteStore(location, options);
  }

  /**
   * Prefer SqliteStore.open (or openStore): the constructor is synchronous only because
   * better-sqlite3 is.
   * @param {string} location
   * @param {import('../store.js').OpenOptions} options
   */
  constructor(location, options) {
    /** @type {'sqlite'} */
    this.engine = 'sqlite';
    this.location = location;
    this.pageCache = new PageCache(options.pageCacheSize);
    this.rateLimitHits = 0;
    this.db = openDatabase(location, { fileMustExist: options.mustExist ?? false });
    try {
      // First: switching a new file to WAL takes a lock that another instance opening it at the
      // same moment may hold, and only the timeout makes this wait instead of failing.
      this.db.pragma('busy_timeout = 5000');
      if (!this.db.memory) {
        // WAL lets readers (GET) go on while a writer (POST, moderation) commits.
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
      }
      this.db.pragma('foreign_keys = ON');
      migrate(this.db, location);
    } catch (error) {
      this.db.close();
      throw error;
    }

    const db = this.db;
    /** @type {<Row>(sql: string) => Statement<Row>} */
    const prepare = (sql) => db.prepare(sql);
    this.sql = {
      insert: prepare(`INSERT INTO comments (${COLUMNS}) VALUES
        (@id, @thread, @parent_id, @root_id, @author_name, @author_email, @author_url, @body, @created_at, @status, @client_id, @request_hash, @edit_token_hash, @edited_at, @moderator_id)`),
      byId: /** @type {Statement<CommentRow>} */ (prepare(`SELECT ${COLUMNS} FROM comments WHERE id = ?`)),
      byClientId: /** @type {Statement<CommentRow>} */ (
        prepare(`SELECT ${COLUMNS} FROM comments WHERE client_id = ?`)
      ),
      firstPageOldest: /** @type {Statement<CommentRow>} */ (prepare(QUERIES.firstPageOldest)),
      nextPageOldest: /** @type {Statement<CommentRow>} */ (prepare(QUERIES.nextPageOldest)),
      firstPageNewest: /** @type {Statement<CommentRow>} */ (prepare(QUERIES.firstPageNewest)),
      nextPageNewest: /** @type {Statement<CommentRow>} */ (prepare(QUERIES.nextPageNewest)),
      repliesOfRoots: /** @type {Statement<CommentRow>} */ (prepare(QUERIES.repliesOfRoots)),
      countPublished: /** @type {Statement<{ n: number }>} */ (prepare(QUERIES.countPublished)),
      threadVersion: /** @type {Statement<{ version: number }>} */ (
        prepare('SELECT version FROM thread_versions WHERE thread = ?')
      ),
      countInThread: /** @type {Statement<{ n: number }>} */ (
        prepare('SELECT count(*) AS n FROM comments WHERE thread = ?')
      ),
      countInThreadByClientId: /** @type {Statement<{ n: number }>} */ (
        prepare('SELECT count(*) AS n FROM comments WHERE thread = ? AND client_id = ?')
      ),
      forModeration: /** @type {Statement<CommentRow>} */ (
        prepare(`SELECT ${COLUMNS} FROM comments
          WHERE status = @status AND (@thread IS NULL OR thread = @thread)
          ORDER BY created_at, id LIMIT @limit`)
      ),
      // spam = 0: a status set here is never "spam" (see migration 007); the moderation app sets that.
      setStatus: prepare('UPDATE comments SET status = ?, spam = 0 WHERE id = ?'),
      countPublishedMany: /** @type {Statement<{ thread: string, n: number }>} */ (
        prepare(QUERIES.countPublishedMany)
      ),
      setEditTokenHash: prepare('UPDATE comments SET edit_token_hash = ? WHERE id = ?'),
      // Rejected replies do not count: nobody saw them, and they will never be shown.
      countReplies: /** @type {Statement<{ n: number }>} */ (
        prepare(`SELECT count(*) AS n FROM comments WHERE parent_id = ? AND status != 'rejected'`)
      ),
      editBody: prepare('UPDATE comments SET body = ?, edited_at = ?, status = ? WHERE id = ?'),
      deleteOne: prepare('DELETE FROM comments WHERE id = ?'),
      setThreadPage: prepare(`INSERT INTO thread_pages (thread, page_url, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (thread) DO UPDATE SET page_url = excluded.page_url, updated_at = excluded.updated_at`),
      recentOfThread: /** @type {Statement<FeedRow>} */ (prepare(QUERIES.recentOfThread)),
      recentOfSite: /** @type {Statement<FeedRow>} */ (prepare(QUERIES.recentOfSite)),
      importedAs: /** @type {Statement<{ comment_id: string }>} */ (
        prepare('SELECT comment_id FROM imported_comments WHERE source = ? AND source_id = ?')
      ),
      recordImport: prepare(
        'INSERT INTO imported_comments (source, source_id, comment_id, imported_at) VALUES (?, ?, ?, ?)',
      ),
      hitRateLimit: /** @type {Statement<{ hits: number, resets_at: number }>} */ (
        prepare(`INSERT INTO rate_limits AS r (key, hits, resets_at) VALUES (@key, 1, @now + @window)
          ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN r.resets_at <= @now THEN 1 ELSE r.hits + 1 END,
            resets_at = CASE WHEN r.resets_at <= @now THEN @now + @window ELSE r.resets_at END
          RETURNING hits, resets_at`)
      ),
      forgetRateLimits: prepare('DELETE FROM rate_limits WHERE resets_at <= ?'),
      enqueueJob: prepare('INSERT INTO jobs (kind, payload, run_at) VALUES (?, ?, ?) RETURNING id'),
      claimJobs: /** @type {Statement<{ id: number, kind: string, payload: string, attempts: number }>} */ (
        prepare(`UPDATE jobs SET locked_until = @now + @lease, attempts = attempts + 1
          WHERE id IN (
            SELECT id FROM jobs
            WHERE kind = @kind AND run_at <= @now AND (locked_until IS NULL OR locked_until <= @now)
            ORDER BY run_at, id LIMIT @limit
          )
          RETURNING id, kind, payload, attempts`)
      ),
      completeJob: prepare('DELETE FROM jobs WHERE id = ?'),
      retryJob: prepare('UPDATE jobs SET run_at = ?, locked_until = NULL, last_error = ? WHERE id = ?'),
      // One statement for the whole subtree, so the parent_id constraint is checked once at the end.
      deleteSubtree: prepare(`DELETE FROM comments WHERE id IN (
        WITH RECURSIVE subtree (id) AS (
          SELECT id FROM comments WHERE id = ?
          UNION ALL
          SELECT comments.id FROM comments JOIN subtree ON comments.parent_id = subtree.id
        )
        SELECT id FROM subtree)`),
    };
    this.submitInTransaction = db.transaction(
      (
        /** @type {string} */ thread,
        /** @type {Submission} */ submission,
        /** @type {CommentStatus} */ status,
      ) => this.submitUnlocked(thread, submission, status),
    );
    this.insertManyInTransaction = db.transaction(
      (
        /** @type {string} */ thread,
        /** @type {NewComment[]} */ comments,
        /** @type {boolean} */ onlyIfEmpty,
      ) => {
        if (onlyIfEmpty && this.countUnlocked(thread) > 0) return 0;
        for (const comment of comments) this.insertUnlocked(thread, comment);
        return comments.length;
      },
    );
    this.editInTransaction = db.transaction(
      (
        /** @type {string} */ thread,
        /** @type {string} */ id,
        /** @type {OwnCommentCheck & { body: string, editedAt: string, moderated: boolean }} */ change,
      ) => this.editUnlocked(thread, id, change),
    );
    this.deleteOwnInTransaction = db.transaction(
      (/** @type {string} */ thread, /** @type {string} */ id, /** @type {OwnCommentCheck} */ check) => {
        const refusal = this.refusalUnlocked(thread, id, check);
        if (refusal !== null) return /** @type {DeleteOutcome} */ ({ kind: refusal });
        this.sql.deleteOne.run(id);
        return /** @type {DeleteOutcome} */ ({ kind: 'deleted' });
      },
    );
    this.importInTransaction = db.transaction(
      (/** @type {string} */ source, /** @type {ImportedComment[]} */ comments) =>
        this.importUnlocked(source, comments),
    );
    this.readPageInTransaction = db.transaction(
      (/** @type {string} */ thread, /** @type {ReturnType<typeof pageRequest>} */ request) =>
        this.readPageUnlocked(thread, request),
    );
  }

  /** @param {string} thread @param {NewComment} comment */
  async insertComment(thread, comment) {
    return toPublicComment(this.insertUnlocked(thread, comment));
  }

  /** @param {string} thread @param {NewComment[]} comments */
  async insertComments(thread, comments) {
    return this.insertManyInTransaction.immediate(thread, comments, false);
  }

  /** @param {string} thread @param {NewComment[]} comments */
  async seedThread(thread, comments) {
    return this.insertManyInTransaction.immediate(thread, comments, true);
  }

  /**
   * @param {string} thread
   * @param {Submission} submission
   * @param {CommentStatus} status
   * @returns {Promise<SubmitOutcome>}
   */
  async submitComment(thread, submission, status) {
    try {
      return this.submitInTransaction.immediate(thread, submission, status);
    } catch (error) {
      // Another process inserted the same clientId between our read and our write: the unique
      // index refused the second row, and what it holds now decides the answer.
      if (!isUniqueViolation(error)) throw error;
      const existing = this.sql.byClientId.get(submission.clientId);
      if (existing === undefined) throw error;
      return replayOutcome(thread, submission, existing);
    }
  }

  /**
   * @param {string} thread
   * @param {import('../store.js').PageOptions} [options]
   * @returns {Promise<ThreadPage>}
   */
  async listThread(thread, options = {}) {
    const request = pageRequest(options);
    const key = PageCache.key(thread, request);
    if (this.pageCache.has(key)) {
      const cached = this.pageCache.get(key, this.versionOf(thread));
      if (cached !== undefined) return cached;
    }
    const { version, page } = this.readPageInTransaction(thread, request);
    this.pageCache.set(key, version, page);
    return page;
  }

  /** @param {string} thread @param {string} [clientId] */
  async countComments(thread, clientId) {
    return clientId === undefined
      ? this.countUnlocked(thread)
      : (this.sql.countInThreadByClientId.get(thread, clientId)?.n ?? 0);
  }

  /** @param {string} thread */
  async countPublished(thread) {
    return this.sql.countPublished.get(thread)?.n ?? 0;
  }

  /** @param {string} clientId */
  async findByClientId(clientId) {
    const row = this.sql.byClientId.get(clientId);
    return row === undefined ? null : toModeratedComment(row);
  }

  /** @param {string} id */
  async getComment(id) {
    const row = this.sql.byId.get(id);
    return row === undefined ? null : toModeratedComment(row);
  }

  /** @param {string} id @param {CommentStatus} status */
  async setStatus(id, status) {
    const { changes } = this.sql.setStatus.run(status, id);
    return changes === 0 ? null : this.getComment(id);
  }

  /** @param {string} id */
  async deleteComment(id) {
    return this.sql.deleteSubtree.run(id).changes;
  }

  /** @param {import('../store.js').ModerationQuery} [options] */
  async listForModeration(options = {}) {
    const { status = 'pending', thread = null, limit = 500 } = options;
    return this.sql.forModeration.all({ status, thread, limit }).map(toModeratedComment);
  }

  /** @param {string[]} threads */
  async countPublishedMany(threads) {
    const counts = new Map(threads.map((thread) => [thread, 0]));
    for (const row of this.sql.countPublishedMany.all(JSON.stringify(threads))) counts.set(row.thread, row.n);
    return counts;
  }

  /**
   * @param {string} thread
   * @param {string} id
   * @param {OwnCommentCheck & { body: string, editedAt: string, moderated: boolean }} change
   * @returns {Promise<EditOutcome>}
   */
  async editOwnComment(thread, id, change) {
    return this.editInTransaction.immediate(thread, id, change);
  }

  /**
   * @param {string} thread
   * @param {string} id
   * @param {OwnCommentCheck} check
   * @returns {Promise<DeleteOutcome>}
   */
  async deleteOwnComment(thread, id, check) {
    return this.deleteOwnInTransaction.immediate(thread, id, check);
  }

  /** @param {string} thread @param {string} pageUrl */
  async setThreadPage(thread, pageUrl) {
    this.sql.setThreadPage.run(thread, pageUrl, new Date().toISOString());
  }

  /** @param {{ thread: string | null, limit: number }} options */
  async recentPublished({ thread, limit }) {
    const rows =
      thread === null ? this.sql.recentOfSite.all(limit) : this.sql.recentOfThread.all(thread, limit);
    return rows.map((row) => ({ ...toPublicComment(row), thread: row.thread, pageUrl: row.page_url }));
  }

  /** @param {string} source @param {ImportedComment[]} comments */
  async importComments(source, comments) {
    return this.importInTransaction.immediate(source, comments);
  }

  /** @param {string} key @param {number} windowMs */
  async hitRateLimit(key, windowMs) {
    const now = Date.now();
    // Now and then, drop the windows that have ended, so the table holds recent clients only.
    if (++this.rateLimitHits % RATE_LIMIT_CLEANUP_EVERY === 0) this.sql.forgetRateLimits.run(now);
    const row = this.sql.hitRateLimit.get({ key, now, window: windowMs });
    if (row === undefined) throw new Error('The rate limit upsert returned no row.');
    return { current: row.hits, ttl: row.resets_at - now };
  }

  /** @param {string} kind @param {unknown} payload @param {{ delayMs?: number }} [options] */
  async enqueueJob(kind, payload, options = {}) {
    const row = /** @type {{ id: number }} */ (
      this.sql.enqueueJob.get(kind, JSON.stringify(payload), Date.now() + (options.delayMs ?? 0))
    );
    return String(row.id);
  }

  /** @param {string} kind @param {{ limit?: number, leaseMs?: number }} [options] */
  async claimJobs(kind, options = {}) {
    // One UPDATE: SQLite runs one writer at a time, so two claims never take the same job.
    const rows = this.sql.claimJobs.all({
      kind,
      now: Date.now(),
      lease: options.leaseMs ?? DEFAULT_JOB_LEASE_MS,
      limit: options.limit ?? 10,
    });
    return rows
      .sort((a, b) => a.id - b.id)
      .map((row) => ({
        id: String(row.id),
        kind: row.kind,
        payload: JSON.parse(row.payload),
        attempts: row.attempts,
      }));
  }

  /** @param {string} id */
  async completeJob(id) {
    return this.sql.completeJob.run(Number(id)).changes === 1;
  }

  /** @param {string} id @param {{ delayMs: number, error: string }} options */
  async retryJob(id, options) {
    return this.sql.retryJob.run(Date.now() + options.delayMs, options.error, Number(id)).changes === 1;
  }

  async close() {
    if (this.db.open) this.db.close();
  }

  /**
   * The body of editOwnComment; runs inside a write transaction.
   * @private
   * @param {string} thread
   * @param {string} id
   * @param {OwnCommentCheck & { body: string, editedAt: string, moderated: boolean }} change
   * @returns {EditOutcome}
   */
  editUnlocked(thread, id, change) {
    const refusal = this.refusalUnlocked(thread, id, change);
    if (refusal !== null) return { kind: refusal };
    const row = /** @type {CommentRow} */ (this.sql.byId.get(id));
    // The same body again (a resent PATCH) changes nothing: not the date, not the status.
    if (row.body === change.body) return { kind: 'unchanged', comment: toPublicComment(row) };
    const status = change.moderated && row.status === 'published' ? 'pending' : row.status;
    this.sql.editBody.run(change.body, change.editedAt, status, id);
    return {
      kind: 'edited',
      comment: toPublicComment({ ...row, body: change.body, edited_at: change.editedAt, status }),
    };
  }

  /**
   * @private
   * @param {string} thread
   * @param {string} id
   * @param {OwnCommentCheck} check
   */
  refusalUnlocked(thread, id, { tokenHash, editableSince }) {
    const row = this.sql.byId.get(id);
    const replies = row === undefined ? 0 : (this.sql.countReplies.get(id)?.n ?? 0);
    return ownCommentRefusal(row, thread, { tokenHash, editableSince, replies });
  }

  /**
   * @private
   * @param {string} thread
   * @param {NewComment} comment
   */
  insertUnlocked(thread, comment) {
    const parentId = comment.parentId ?? null;
    const parent = parentId === null ? undefined : this.sql.byId.get(parentId);
    const row = newCommentRow(thread, comment, parent);
    this.sql.insert.run(row);
    return row;
  }

  /**
   * The body of importComments; runs inside a write transaction.
   * @private
   * @param {string} source
   * @param {ImportedComment[]} comments
   * @returns {ImportOutcome}
   */
  importUnlocked(source, comments) {
    const now = new Date().toISOString();
    const outcome = { imported: 0, pending: 0, alreadyImported: 0, threads: 0 };
    const threads = new Set();
    for (const comment of comments) {
      if (this.sql.importedAs.get(source, comment.sourceId) !== undefined) {
        outcome.alreadyImported++;
        continue;
      }
      // The parent as stored, if it still is: one a moderator deleted since (or one in another
      // thread, after an import keyed differently) leaves its reply at the top level.
      const parentId =
        comment.sourceParentId === null
          ? undefined
          : this.sql.importedAs.get(source, comment.sourceParentId)?.comment_id;
      const parent = parentId === undefined ? undefined : this.sql.byId.get(parentId);
      const row = this.insertUnlocked(comment.thread, {
        parentId: parent !== undefined && parent.thread === comment.thread ? parent.id : null,
        author: comment.author,
        body: comment.body,
        createdAt: comment.createdAt,
        status: comment.status,
      });
      this.sql.recordImport.run(source, comment.sourceId, row.id, now);
      outcome.imported++;
      if (comment.status === 'pending') outcome.pending++;
      threads.add(comment.thread);
    }
    outcome.threads = threads.size;
    return outcome;
  }

  /** @private @param {string} thread */
  versionOf(thread) {
    return this.sql.threadVersion.get(thread)?.version ?? 0;
  }

  /** @private @param {string} thread */
  countUnlocked(thread) {
    return this.sql.countInThread.get(thread)?.n ?? 0;
  }

  /**
   * The body of submitComment; runs inside a write transaction.
   * @private
   * @param {string} thread
   * @param {Submission} submission
   * @param {CommentStatus} status
   * @returns {SubmitOutcome}
   */
  submitUnlocked(thread, submission, status) {
    const existing = this.sql.byClientId.get(submission.clientId);
    if (existing !== undefined) {
      const outcome = replayOutcome(thread, submission, existing);
      // The first answer (and its token) may never have arrived; only the newest token works.
      if (outcome.kind === 'replayed' && submission.editTokenHash)
        this.sql.setEditTokenHash.run(submission.editTokenHash, existing.id);
      return outcome;
    }
    const { parentId } = submission;
    if (parentId !== null && !canReplyTo(this.sql.byId.get(parentId), thread))
      return { kind: 'unknown_parent' };
    const row = this.insertUnlocked(thread, { ...submission, status, createdAt: new Date() });
    return { kind: 'created', comment: toPublicComment(row) };
  }

  /**
   * The body of listThread; runs inside one read transaction so `total` and the thread's version
   * match the page.
   * @private
   * @param {string} thread
   * @param {ReturnType<typeof pageRequest>} request
   */
  readPageUnlocked(thread, { limit, after, newest }) {
    const topLevel =
      after === null
        ? (newest ? this.sql.firstPageNewest : this.sql.firstPageOldest).all(thread, limit + 1)
        : (newest ? this.sql.nextPageNewest : this.sql.nextPageOldest).all(
            thread,
            after.createdAt,
            after.id,
            limit + 1,
          );
    const roots = topLevel.slice(0, limit).map((row) => row.id);
    const replies = roots.length === 0 ? [] : this.sql.repliesOfRoots.all(JSON.stringify(roots));
    const page = assemblePage(topLevel, replies, limit, this.sql.countPublished.get(thread)?.n ?? 0);
    return { version: this.versionOf(thread), page };
  }
}
