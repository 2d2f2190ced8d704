// @ts-check
// The comment store: one async interface (CommentStore below), two implementations with the same
// behaviour, chosen by the database location:
//   - SQLite (server/store/sqlite-store.js): a file path or ':memory:', on better-sqlite3;
//   - PostgreSQL (server/store/postgres-store.js): a postgres:// or postgresql:// URL, on pg's Pool.
// Routes, the CLI and the seeder only ever see the interface, and every method returns a Promise,
// so nothing outside server/store/ knows which engine answers.
//
// How to add a table:
//   1. Add a migration for EACH engine, with the same file name, in
//      server/store/migrations/sqlite/ and server/store/migrations/postgres/: the next free number
//      and a short name, e.g. `005-sessions.sql` (001-004 exist). A migration is plain SQL, runs once, in order,
//      inside the transaction that records it in schema_migrations, so it must not COMMIT itself.
//      Never edit a migration that has shipped: add another one. (If a merge brings two files
//      with the same number, renumber yours; the loader refuses duplicates and a test checks that
//      both engines have the same list.)
//   2. SQLite tables are STRICT. On PostgreSQL, text that is compared or sorted gets
//      COLLATE "C" (byte order, like SQLite), so both engines order rows the same way; timestamps
//      are ISO strings (`toISOString()`) in text columns on both, for the same reason.
// How to add a method:
//   1. Describe it in the CommentStore typedef below (JSDoc, returning a Promise).
//   2. Implement it in both classes (SqliteStore: prepared statements in `this.sql`, synchronous
//      inside, `db.transaction(...)` for several statements; PostgresStore: `this.query(...)` for
//      one statement, `this.transaction(async (client) => ...)` for several).
//      On PostgreSQL, pass every string a reader, a seed file or an admin gave through
//      toStored (server/store/pg-text.js) and read it back through fromStored: PostgreSQL text
//      cannot hold U+0000, SQLite keeps it, and both must give back what was sent.
//   3. A change to a comment row needs nothing more: a trigger bumps its thread's version, and
//      cached pages of that thread are dropped on every instance. A new table whose rows show in
//      pages must bump thread_versions too (see migration 002).
//   4. Test it in test/server/ through the interface: that suite runs on both engines
//      (`npm run test:server`), so one test covers both. Things that only concern one engine go
//      in *.sqlite.test.js or *.postgres.test.js, run only in that engine's pass.
// Engine-neutral rules (the public view of a row, the idempotency hash, page options, page
// assembly) live in server/store/rows.js and are shared by both.

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
 * @property {string} [editedAt] when its author last changed it (contract v1.1); absent if never
 * @property {true} [byOwner] written by a moderator in the moderation app (contract v1.1)
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
 * @property {string} [editedAt] when its author last changed it; absent if never
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
 * @property {string | null} [editTokenHash] hash of the author's edit token (see edit-token.js)
 * @property {string | null} [moderatorId] the moderator who wrote it in the moderation app
 */

/**
 * A reader's validated POST, as the HTTP layer hands it over.
 * @typedef {object} Submission
 * @property {string} clientId
 * @property {string | null} parentId
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 * @property {string | null} [editTokenHash] hash of the edit token the answer will carry; on a
 *   replay it replaces the stored one (the client only has the newest answer's token)
 */

/**
 * Why a reader's change of their own comment was refused (see rows.js ownCommentRefusal).
 * @typedef {{ kind: 'not_found' } | { kind: 'invalid_token' } | { kind: 'window_closed' } | { kind: 'has_replies' }} OwnCommentRefusal
 */

/**
 * What an author's edit did: 'unchanged' when the body was already this (a resent PATCH).
 * @typedef {{ kind: 'edited', comment: Comment } | { kind: 'unchanged', comment: Comment } | OwnCommentRefusal} EditOutcome
 */

/** @typedef {{ kind: 'deleted' } | OwnCommentRefusal} DeleteOutcome */

/**
 * Who may change a comment: the hash of the token they sent, and the oldest creation time still
 * inside the edit window (ISO string).
 * @typedef {{ tokenHash: string, editableSince: string }} OwnCommentCheck
 */

/**
 * A published comment with where it lives, for feeds.
 * @typedef {Comment & { thread: string, pageUrl: string | null }} FeedComment
 */

/**
 * @typedef {{ kind: 'created', comment: Comment }
 *   | { kind: 'replayed', comment: Comment }
 *   | { kind: 'conflict' }
 *   | { kind: 'unknown_parent' }} SubmitOutcome
 */

/** @typedef {{ total: number, comments: Comment[], nextCursor: string | null }} ThreadPage */

/** @typedef {{ limit?: number, cursor?: string | null, sort?: SortOrder }} PageOptions */

/** @typedef {{ status?: CommentStatus, thread?: string | null, limit?: number }} ModerationQuery */

/**
 * A comment from another system's export (`recovery-comments-server import`).
 * @typedef {object} ImportedComment
 * @property {string} sourceId its id in the export
 * @property {string | null} sourceParentId the export's id of its parent, imported now or before
 * @property {string} thread
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 * @property {Date} createdAt
 * @property {'published' | 'pending'} status
 */

/** @typedef {{ imported: number, pending: number, alreadyImported: number, threads: number }} ImportOutcome */

/**
 * Comments of every thread, in one database. Every method is atomic: it runs in one transaction
 * (or one statement), also when several processes share the database.
 * @typedef {object} CommentStore
 * @property {'sqlite' | 'postgres'} engine
 * @property {(thread: string, comment: NewComment) => Promise<Comment>} insertComment
 *   stores a comment with explicit fields (seeding, tests) and returns its public view; throws
 *   for a parent outside the thread or an invalid date
 * @property {(thread: string, comments: NewComment[]) => Promise<number>} insertComments
 *   insertComment for many (parents before replies), all in one transaction; returns how many
 * @property {(thread: string, comments: NewComment[]) => Promise<number>} seedThread
 *   inserts a thread's starting comments only if it has none yet; returns how many (0: it had some)
 * @property {(thread: string, submission: Submission, status: CommentStatus) => Promise<SubmitOutcome>} submitComment
 *   accepts a reader's comment exactly once per clientId: a retry of the same request is
 *   'replayed', the same clientId with a different request is a 'conflict'
 * @property {(thread: string, options?: PageOptions) => Promise<ThreadPage>} listThread
 *   a page of top-level published comments, each followed by its published replies (any depth,
 *   oldest first); rejects with RangeError for bad options, InvalidCursorError for a bad cursor
 * @property {(thread: string, clientId?: string) => Promise<number>} countComments
 *   stored comments of a thread, any status; only those with `clientId` when given
 * @property {(thread: string) => Promise<number>} countPublished
 *   published comments of a thread, all depths (the `total` of a page)
 * @property {(clientId: string) => Promise<ModeratedComment | null>} findByClientId
 * @property {(id: string) => Promise<ModeratedComment | null>} getComment
 * @property {(id: string, status: CommentStatus) => Promise<ModeratedComment | null>} setStatus
 *   null for an unknown id
 * @property {(id: string) => Promise<number>} deleteComment
 *   deletes a comment and every reply under it; returns how many went (0: unknown id)
 * @property {(options?: ModerationQuery) => Promise<ModeratedComment[]>} listForModeration
 *   comments with one status (default pending), of all threads or one, oldest first
 * @property {(threads: string[]) => Promise<Map<string, number>>} countPublishedMany
 *   countPublished for several threads in one query; every asked thread is in the answer
 * @property {(thread: string, id: string, check: OwnCommentCheck & { body: string, editedAt: string, moderated: boolean }) => Promise<EditOutcome>} editOwnComment
 *   the author's edit of the body, in one transaction with its checks; `moderated`: a published
 *   comment goes back to pending (pre-moderation: no text is published unseen)
 * @property {(thread: string, id: string, check: OwnCommentCheck) => Promise<DeleteOutcome>} deleteOwnComment
 *   the author's delete, in one transaction with its checks (a comment with replies is refused)
 * @property {(thread: string, pageUrl: string) => Promise<void>} setThreadPage
 *   records the page a thread is shown on (the latest POST's, already checked)
 * @property {(options: { thread: string | null, limit: number }) => Promise<FeedComment[]>} recentPublished
 *   the newest published comments, any depth, of one thread or of all: a feed
 * @property {(source: string, comments: ImportedComment[]) => Promise<ImportOutcome>} importComments
 *   stores comments from an export file (parents before replies), all in one transaction, each
 *   only once per (source, sourceId) ever: a second import of the same file adds nothing
 * @property {(key: string, windowMs: number) => Promise<RateLimitHit>} hitRateLimit
 *   counts one hit of `key` in its current fixed window (a new window of `windowMs` starts at the
 *   first hit after the last one ended); every instance on the database counts in the same row
 * @property {(kind: string, payload: unknown, options?: { delayMs?: number }) => Promise<string>} enqueueJob
 *   queues work for any instance (payload: anything JSON can hold); returns the job's id
 * @property {(kind: string, options?: { limit?: number, leaseMs?: number }) => Promise<Job[]>} claimJobs
 *   takes up to `limit` due jobs of `kind` for `leaseMs` (default 60 s): no other claim gets
 *   them in that time, on any instance; complete or retry each before its lease ends
 * @property {(id: string) => Promise<boolean>} completeJob removes a done job
 * @property {(id: string, options: { delayMs: number, error: string }) => Promise<boolean>} retryJob
 *   releases a claimed job to run again after `delayMs`, noting why it failed
 * @property {() => Promise<void>} close safe to call twice
 */

/** @typedef {{ id: string, kind: string, payload: unknown, attempts: number }} Job a claimed job; attempts counts this claim */

/** @typedef {{ current: number, ttl: number }} RateLimitHit hits in this window, ms until it ends */

/**
 * @typedef {object} OpenOptions
 * @property {boolean} [mustExist] SQLite: fail instead of creating a new, empty database file
 * @property {number} [pageCacheSize] pages kept in memory (default 256; 0: none)
 * @property {number} [poolSize] PostgreSQL: most connections at once (default 10)
 */

/**
 * The database cannot be reached for now (PostgreSQL down, restarting, or out of connections).
 * The API answers 503 with Retry-After, and the element's outbox tries again.
 */
export class StoreUnavailableError extends Error {
  constructor(/** @type {unknown} */ cause) {
    super('The database is not reachable right now.', { cause });
    this.name = 'StoreUnavailableError';
  }
}

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, newCommentId, submissionHash } from './store/rows.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** True when `location` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresLocation(/** @type {string} */ location) {
  return POSTGRES_URL.test(location);
}

/**
 * Opens the store at `location` (a SQLite file path, ':memory:', or a postgres:// URL) and
 * brings its schema up to date.
 * @param {string} location
 * @param {OpenOptions} [options]
 * @returns {Promise<CommentStore>}
 */
export async function openStore(location, options = {}) {
  if (isPostgresLocation(location)) {
    const { PostgresStore } = await import('./store/postgres-store.js');
    return PostgresStore.open(location, options);
  }
  const { SqliteStore } = await import('./store/sqlite-store.js');
  return SqliteStore.open(location, options);
}
