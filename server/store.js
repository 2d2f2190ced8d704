// @ts-check
// The comment store: one SQLite table, prepared statements only. Everything here is synchronous
// (better-sqlite3), so each method is atomic within this process; transactions make it atomic
// across processes sharing a database file (e.g. the server and `moderate` on the same file).
import { createHash, randomBytes } from 'node:crypto';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isUniqueViolation, openDatabase } from './sqlite.js';

/** @typedef {'published' | 'pending' | 'rejected'} CommentStatus */
/** @typedef {'oldest' | 'newest'} SortOrder */

/**
 * A comment as the public API shows it: no email, and never 'rejected' (see toPublicComment).
 * @typedef {object} Comment
 * @property {string} id
 * @property {string | null} parentId
 * @property {{ name: string, url: string | null }} author
 * @property {string} body
 * @property {string} createdAt ISO 8601, UTC, millisecond precision
 * @property {'published' | 'pending'} status
 */

/**
 * A comment as moderators see it: everything that is stored.
 * @typedef {object} ModeratedComment
 * @property {string} id
 * @property {string} thread
 * @property {string | null} parentId
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 * @property {string} createdAt
 * @property {CommentStatus} status
 * @property {string | null} clientId
 */

/**
 * What insertComment accepts (seeding, tests): every stored field may be given explicitly.
 * @typedef {object} NewComment
 * @property {string} [id] generated when missing
 * @property {string | null} [parentId]
 * @property {{ name: string, email?: string | null, url?: string | null }} author
 * @property {string} body
 * @property {string | Date} [createdAt] defaults to now
 * @property {CommentStatus} [status] defaults to 'published'
 * @property {string | null} [clientId]
 */

/**
 * A reader's validated POST, as the HTTP layer hands it over.
 * @typedef {object} Submission
 * @property {string} clientId
 * @property {string | null} parentId
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 */

/**
 * @typedef {{ kind: 'created', comment: Comment }
 *   | { kind: 'replayed', comment: Comment }
 *   | { kind: 'conflict' }
 *   | { kind: 'unknown_parent' }} SubmitOutcome
 */

/** @typedef {{ total: number, comments: Comment[], nextCursor: string | null }} ThreadPage */

/**
 * @typedef {object} CommentRow
 * @property {string} id
 * @property {string} thread
 * @property {string | null} parent_id
 * @property {string} root_id
 * @property {string} author_name
 * @property {string | null} author_email
 * @property {string | null} author_url
 * @property {string} body
 * @property {string} created_at
 * @property {CommentStatus} status
 * @property {string | null} client_id
 * @property {string | null} request_hash
 */

/** Largest page of top-level comments a caller may ask for. */
export const MAX_PAGE_SIZE = 200;
/** Page size when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 50;

const SCHEMA_VERSION = 1;

// root_id is the top-level ancestor (a top-level comment's own id), fixed at insert, so the
// replies of a whole page are one indexed lookup instead of a recursive walk.
// parent_id's foreign key is NO ACTION on purpose: deleteComment removes a whole subtree in one
// statement, and a cascade would recurse once per level (SQLite stops at 1,000 levels).
const SCHEMA = `
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
`;

const COLUMNS =
  'id, thread, parent_id, root_id, author_name, author_email, author_url, body, created_at, status, client_id, request_hash';

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
});

/** The canonical fingerprint of a submission: a retry must match it exactly to count as the same. */
export function submissionHash(/** @type {string} */ thread, /** @type {Submission} */ submission) {
  const { parentId, author, body } = submission;
  const canonical = JSON.stringify([thread, parentId, author.name, author.email, author.url, body]);
  return createHash('sha256').update(canonical).digest('base64url');
}

/** A fresh, URL-safe comment id (96 random bits). */
export function newCommentId() {
  return randomBytes(12).toString('base64url');
}

/** The public view of a stored row; a rejected comment looks 'pending' to its author forever. */
export function toPublicComment(/** @type {CommentRow} */ row) {
  /** @type {Comment} */
  const comment = {
    id: row.id,
    parentId: row.parent_id,
    author: { name: row.author_name, url: row.author_url },
    body: row.body,
    createdAt: row.created_at,
    status: row.status === 'published' ? 'published' : 'pending',
  };
  return comment;
}

/** The moderator's view of a stored row. */
export function toModeratedComment(/** @type {CommentRow} */ row) {
  /** @type {ModeratedComment} */
  const comment = {
    id: row.id,
    thread: row.thread,
    parentId: row.parent_id,
    author: { name: row.author_name, email: row.author_email, url: row.author_url },
    body: row.body,
    createdAt: row.created_at,
    status: row.status,
    clientId: row.client_id,
  };
  return comment;
}

/** Comments of every thread, in one SQLite database. */
export class CommentStore {
  /**
   * Opens (and if needed creates) the database at `location`: a file path or ':memory:'.
   * @param {string} [location]
   * @param {{ fileMustExist?: boolean }} [options]
   */
  constructor(location = ':memory:', options = {}) {
    this.location = location;
    this.db = openDatabase(location, { fileMustExist: options.fileMustExist ?? false });
    if (!this.db.memory) {
      // WAL lets readers (GET) go on while a writer (POST, moderation) commits.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const version = /** @type {number} */ (this.db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`The database ${location} was written by a newer version of recovery-comments-server.`);
    }
    if (version < SCHEMA_VERSION) this.db.pragma(`user_version = ${SCHEMA_VERSION}`);

    const db = this.db;
    this.sql = {
      insert: db.prepare(`INSERT INTO comments (${COLUMNS}) VALUES
        (@id, @thread, @parent_id, @root_id, @author_name, @author_email, @author_url, @body, @created_at, @status, @client_id, @request_hash)`),
      byId: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(`SELECT ${COLUMNS} FROM comments WHERE id = ?`)
      ),
      byClientId: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(`SELECT ${COLUMNS} FROM comments WHERE client_id = ?`)
      ),
      firstPageOldest: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(QUERIES.firstPageOldest)
      ),
      nextPageOldest: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(QUERIES.nextPageOldest)
      ),
      firstPageNewest: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(QUERIES.firstPageNewest)
      ),
      nextPageNewest: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(QUERIES.nextPageNewest)
      ),
      repliesOfRoots: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(QUERIES.repliesOfRoots)
      ),
      countPublished: /** @type {import('./sqlite.js').Statement<{ n: number }>} */ (
        db.prepare(QUERIES.countPublished)
      ),
      countInThread: /** @type {import('./sqlite.js').Statement<{ n: number }>} */ (
        db.prepare('SELECT count(*) AS n FROM comments WHERE thread = ?')
      ),
      countInThreadByClientId: /** @type {import('./sqlite.js').Statement<{ n: number }>} */ (
        db.prepare('SELECT count(*) AS n FROM comments WHERE thread = ? AND client_id = ?')
      ),
      forModeration: /** @type {import('./sqlite.js').Statement<CommentRow>} */ (
        db.prepare(`SELECT ${COLUMNS} FROM comments
          WHERE status = @status AND (@thread IS NULL OR thread = @thread)
          ORDER BY created_at, id LIMIT @limit`)
      ),
      setStatus: db.prepare('UPDATE comments SET status = ? WHERE id = ?'),
      // One statement for the whole subtree, so the parent_id constraint is checked once at the end.
      deleteSubtree: db.prepare(`DELETE FROM comments WHERE id IN (
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
    this.seedInTransaction = db.transaction(
      (/** @type {string} */ thread, /** @type {NewComment[]} */ comments) => {
        if (this.countComments(thread) > 0) return 0;
        for (const comment of comments) this.insertComment(thread, comment);
        return comments.length;
      },
    );
    this.readPageInTransaction = db.transaction(
      (
        /** @type {string} */ thread,
        /** @type {number} */ limit,
        /** @type {string | null} */ cursor,
        /** @type {SortOrder} */ sort,
      ) => this.readPageUnlocked(thread, limit, cursor, sort),
    );
  }

  /** Stores a comment with explicit fields (seeding, tests) and returns its public view. */
  insertComment(/** @type {string} */ thread, /** @type {NewComment} */ comment) {
    const parentId = comment.parentId ?? null;
    const parent = parentId === null ? undefined : this.sql.byId.get(parentId);
    if (parentId !== null && (parent === undefined || parent.thread !== thread)) {
      throw new Error(
        `Comment ${comment.id ?? '(new)'}: its parent ${parentId} is not a comment of thread ${thread}.`,
      );
    }
    const createdAt = new Date(comment.createdAt ?? Date.now());
    if (Number.isNaN(createdAt.getTime())) {
      throw new RangeError(`Comment ${comment.id ?? '(new)'}: createdAt is not a valid date.`);
    }
    const id = comment.id ?? newCommentId();
    const author = {
      name: comment.author.name,
      email: comment.author.email ?? null,
      url: comment.author.url ?? null,
    };
    const clientId = comment.clientId ?? null;
    /** @type {CommentRow} */
    const row = {
      id,
      thread,
      parent_id: parentId,
      root_id: parent === undefined ? id : parent.root_id,
      author_name: author.name,
      author_email: author.email,
      author_url: author.url,
      body: comment.body,
      created_at: createdAt.toISOString(),
      status: comment.status ?? 'published',
      client_id: clientId,
      request_hash:
        clientId === null ? null : submissionHash(thread, { clientId, parentId, author, body: comment.body }),
    };
    this.sql.insert.run(row);
    return toPublicComment(row);
  }

  /**
   * Inserts a thread's starting comments (parents before replies) in one transaction, only if
   * the thread has no comments yet; returns how many were inserted (0 when it already had some).
   * @param {string} thread
   * @param {NewComment[]} comments
   */
  seedThread(thread, comments) {
    return this.seedInTransaction.immediate(thread, comments);
  }

  /**
   * Accepts a reader's comment exactly once per clientId: a retry of the same request is
   * 'replayed', the same clientId with a different request is a 'conflict'.
   * @param {string} thread
   * @param {Submission} submission
   * @param {CommentStatus} status the status a new comment gets ('pending' under pre-moderation)
   * @returns {SubmitOutcome}
   */
  submitComment(thread, submission, status) {
    try {
      return this.submitInTransaction.immediate(thread, submission, status);
    } catch (error) {
      // Another process inserted the same clientId between our read and our write: the unique
      // index refused the second row, and what it holds now decides the answer.
      if (!isUniqueViolation(error)) throw error;
      const existing = this.sql.byClientId.get(submission.clientId);
      if (existing === undefined) throw error;
      return this.replayOutcome(thread, submission, existing);
    }
  }

  /**
   * A page of `limit` top-level published comments with all their published replies, flat: each
   * top-level comment is followed by its replies (any depth), oldest first.
   * @param {string} thread
   * @param {{ limit?: number, cursor?: string | null, sort?: SortOrder }} [options]
   * @returns {ThreadPage} throws InvalidCursorError for a malformed cursor
   */
  listThread(thread, options = {}) {
    const { limit = DEFAULT_PAGE_SIZE, cursor = null, sort = 'oldest' } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
    }
    if (sort !== 'oldest' && sort !== 'newest') throw new RangeError('sort must be "oldest" or "newest".');
    return this.readPageInTransaction(thread, limit, cursor, sort);
  }

  /** Number of stored comments in a thread, any status; only those with `clientId` when given. */
  countComments(/** @type {string} */ thread, /** @type {string | undefined} */ clientId = undefined) {
    const row =
      clientId === undefined
        ? this.sql.countInThread.get(thread)
        : this.sql.countInThreadByClientId.get(thread, clientId);
    return row?.n ?? 0;
  }

  /** Number of published comments in a thread, all depths (the `total` of a page). */
  countPublished(/** @type {string} */ thread) {
    return this.sql.countPublished.get(thread)?.n ?? 0;
  }

  /** The comment a clientId created, or null. */
  findByClientId(/** @type {string} */ clientId) {
    const row = this.sql.byClientId.get(clientId);
    return row === undefined ? null : toModeratedComment(row);
  }

  /** The comment with this id, or null. */
  getComment(/** @type {string} */ id) {
    const row = this.sql.byId.get(id);
    return row === undefined ? null : toModeratedComment(row);
  }

  /** Changes a comment's status; returns the updated comment, or null for an unknown id. */
  setStatus(/** @type {string} */ id, /** @type {CommentStatus} */ status) {
    const { changes } = this.sql.setStatus.run(status, id);
    return changes === 0 ? null : this.getComment(id);
  }

  /** Deletes a comment and every reply under it; returns how many comments went (0: unknown id). */
  deleteComment(/** @type {string} */ id) {
    return this.sql.deleteSubtree.run(id).changes;
  }

  /**
   * Comments with a given status across all threads (or one), oldest first: a moderation queue.
   * @param {{ status?: CommentStatus, thread?: string | null, limit?: number }} [options]
   */
  listForModeration(options = {}) {
    const { status = 'pending', thread = null, limit = 500 } = options;
    return this.sql.forModeration.all({ status, thread, limit }).map(toModeratedComment);
  }

  /** Closes the database; safe to call twice. */
  close() {
    if (this.db.open) this.db.close();
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
    if (existing !== undefined) return this.replayOutcome(thread, submission, existing);

    const { parentId } = submission;
    if (parentId !== null) {
      const parent = this.sql.byId.get(parentId);
      // A rejected parent is treated as absent: readers never saw it, so nobody can reply to it.
      if (parent === undefined || parent.thread !== thread || parent.status === 'rejected') {
        return { kind: 'unknown_parent' };
      }
    }
    const comment = this.insertComment(thread, { ...submission, status, createdAt: new Date() });
    return { kind: 'created', comment };
  }

  /**
   * @private
   * @param {string} thread
   * @param {Submission} submission
   * @param {CommentRow} existing the row already stored under submission.clientId
   * @returns {SubmitOutcome}
   */
  replayOutcome(thread, submission, existing) {
    return existing.request_hash === submissionHash(thread, submission)
      ? { kind: 'replayed', comment: toPublicComment(existing) }
      : { kind: 'conflict' };
  }

  /**
   * The body of listThread; runs inside one read transaction so `total` matches the page.
   * @private
   * @param {string} thread
   * @param {number} limit
   * @param {string | null} cursor
   * @param {SortOrder} sort
   * @returns {ThreadPage}
   */
  readPageUnlocked(thread, limit, cursor, sort) {
    const after = cursor === null ? null : decodeCursor(cursor);
    const newest = sort === 'newest';
    // One row more than asked tells whether another page exists without a second query.
    const topLevel =
      after === null
        ? (newest ? this.sql.firstPageNewest : this.sql.firstPageOldest).all(thread, limit + 1)
        : (newest ? this.sql.nextPageNewest : this.sql.nextPageOldest).all(
            thread,
            after.createdAt,
            after.id,
            limit + 1,
          );
    const hasMore = topLevel.length > limit;
    if (hasMore) topLevel.length = limit;

    /** @type {Map<string, CommentRow[]>} */
    const repliesByRoot = new Map(topLevel.map((row) => [row.id, []]));
    if (topLevel.length > 0) {
      const replies = this.sql.repliesOfRoots.all(JSON.stringify(topLevel.map((row) => row.id)));
      for (const reply of replies) repliesByRoot.get(reply.root_id)?.push(reply);
    }

    /** @type {Comment[]} */
    const comments = [];
    for (const row of topLevel) {
      comments.push(toPublicComment(row));
      for (const reply of repliesByRoot.get(row.id) ?? []) comments.push(toPublicComment(reply));
    }
    const last = topLevel.at(-1);
    return {
      total: this.countPublished(thread),
      comments,
      nextCursor:
        hasMore && last !== undefined ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  }
}
