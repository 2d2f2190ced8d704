// @ts-check
// The PostgreSQL implementation of the store, on pg's connection Pool. Several server instances
// may share one database: every method is one statement or one transaction, idempotency rests
// on the UNIQUE client_id (two instances inserting one clientId cannot both win), and migrations
// and seeding take advisory locks. Errors that mean "PostgreSQL is not reachable right now"
// become StoreUnavailableError (503 + Retry-After); the pool drops dead connections and opens
// new ones by itself once the database is back.
import { createPool, isUnavailable, redactUrl } from '../postgres.js';
import { StoreUnavailableError } from '../store.js';
import { loadMigrations, MIGRATIONS_TABLE, pendingMigrations } from './migrations.js';
import { PageCache } from './page-cache.js';
import { fromStored, mapRowText, toStored } from './pg-text.js';
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
/** @typedef {import('../postgres.js').Queryable} Queryable */
/** @typedef {import('../store.js').OwnCommentCheck} OwnCommentCheck */
/** @typedef {import('../store.js').EditOutcome} EditOutcome */
/** @typedef {import('../store.js').DeleteOutcome} DeleteOutcome */
/** @typedef {import('../store.js').ImportedComment} ImportedComment */
/** @typedef {import('../store.js').ImportOutcome} ImportOutcome */

// Keys of the advisory locks this store takes (any two numbers that nothing else in the
// database uses): one for migrations, one class for seeding a thread.
const MIGRATION_LOCK = 7_311_209_854;
const SEED_LOCK_CLASS = 73_112;
/** The advisory lock class of `import` (one lock per source site). */
const IMPORT_LOCK_CLASS = 73_113;

/** How long a claimed job stays hidden from other claims, when the caller does not say. */
const DEFAULT_JOB_LEASE_MS = 60_000;
/** How many rate-limit hits pass between two clean-ups of ended windows. */
const RATE_LIMIT_CLEANUP_EVERY = 1_000;
// The transaction's start time in milliseconds since the epoch: one value for a whole statement.
const DATABASE_NOW_MS = '(extract(epoch FROM now()) * 1000)::bigint';

/** Rows per INSERT when many comments go in at once (seeding, imports). */
const INSERT_BATCH = 1_000;

/**
 * The read path's one statement: a page of top-level comments (limit + 1 of them, to tell
 * whether another page exists), the replies of the first `limit`, the total and the thread's
 * version, all from one snapshot and in one round trip.
 * @param {boolean} newest
 * @param {boolean} afterCursor
 */
function pageQuery(newest, afterCursor) {
  const direction = newest ? 'DESC' : 'ASC';
  const order = `created_at ${direction}, id ${direction}`;
  const cursor = afterCursor ? `AND (created_at, id) ${newest ? '<' : '>'} ($4, $5)` : '';
  return `WITH top AS (
      SELECT ${COLUMNS} FROM comments
      WHERE thread = $1 AND status = 'published' AND parent_id IS NULL ${cursor}
      ORDER BY ${order} LIMIT $2
    ), roots AS (
      SELECT id FROM top ORDER BY ${order} LIMIT $3
    )
    SELECT
      (SELECT version FROM thread_versions WHERE thread = $1) AS version,
      (SELECT count(*)::integer FROM comments WHERE thread = $1 AND status = 'published') AS total,
      (SELECT coalesce(json_agg(top ORDER BY ${order}), '[]'::json) FROM top) AS top_level,
      (SELECT coalesce(json_agg(reply ORDER BY reply.created_at, reply.id), '[]'::json) FROM (
        SELECT ${COLUMNS} FROM comments
        WHERE root_id IN (SELECT id FROM roots) AND status = 'published' AND parent_id IS NOT NULL
      ) reply) AS replies`;
}

/** The SQL of the read path, exported so tests can check that its query plans use indexes. */
export const QUERIES = Object.freeze({
  firstPageOldest: pageQuery(false, false),
  nextPageOldest: pageQuery(false, true),
  firstPageNewest: pageQuery(true, false),
  nextPageNewest: pageQuery(true, true),
  threadVersion: 'SELECT version FROM thread_versions WHERE thread = $1',
});

/** Names of the statements worth preparing once per connection: those of every page read. */
const PREPARED = new Map(Object.entries(QUERIES).map(([name, sql]) => [sql, `rc-${name}`]));

const INSERT_ROWS = `INSERT INTO comments (${COLUMNS})
  SELECT ${COLUMNS} FROM json_populate_recordset(NULL::comments, $1::json)`;
const BY_ID = `SELECT ${COLUMNS} FROM comments WHERE id = $1`;
const BY_CLIENT_ID = `SELECT ${COLUMNS} FROM comments WHERE client_id = $1`;
// FOR UPDATE: a reply being inserted at the same time takes a key-share lock on its parent,
// so "nobody has replied" holds until the edit commits.
const BY_ID_FOR_UPDATE = `${BY_ID} FOR UPDATE`;
// Rejected replies do not count: nobody saw them, and they will never be shown.
const COUNT_REPLIES = `SELECT count(*)::integer AS n FROM comments WHERE parent_id = $1 AND status != 'rejected'`;
const SET_EDIT_TOKEN_HASH = 'UPDATE comments SET edit_token_hash = $1 WHERE id = $2';
const FEED_COLUMNS = COLUMNS.split(', ')
  .map((column) => `c.${column}`)
  .join(', ');

/** The error to throw for what pg threw: StoreUnavailableError when the database is out of reach. */
function storeError(/** @type {unknown} */ error) {
  return isUnavailable(error) ? new StoreUnavailableError(error) : error;
}

/**
 * Comments of every thread, in one PostgreSQL database shared by any number of instances.
 * @implements {CommentStore}
 */
export class PostgresStore {
  /**
   * Connects to `location` (a postgres:// URL) and applies any pending migrations.
   * @param {string} location
   * @param {import('../store.js').OpenOptions} [options]
   */
  static async open(location, options = {}) {
    const store = new PostgresStore(location, options);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw storeError(error);
    }
    return store;
  }

  /**
   * Prefer PostgresStore.open (or openStore), which also migrates.
   * @param {string} location
   * @param {import('../store.js').OpenOptions} options
   */
  constructor(location, options) {
    /** @type {'postgres'} */
    this.engine = 'postgres';
    this.location = redactUrl(location);
    this.pageCache = new PageCache(options.pageCacheSize);
    this.pool = createPool({
      connectionString: location,
      max: options.poolSize ?? 10,
      // During an outage a request should fail fast (503) rather than hang in the queue.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      application_name: 'recovery-comments-server',
    });
    // A connection that dies (PostgreSQL restarted) is dropped by the pool, which opens a new
    // one at the next query; whoever was using it gets the error from its query. But pg also
    // emits 'error' on the connection itself (and the pool re-emits it for idle ones), which
    // would end the process with nobody listening: at any moment, checked out, idle or closing.
    this.pool.on('error', () => {});
    this.pool.on('connect', (client) => client.on('error', () => {}));
    this.closed = false;
    this.rateLimitHits = 0;
  }

  /**
   * One statement on any pooled connection.
   * @template [Row=any]
   * @param {string} text
   * @param {unknown[]} [values]
   * @returns {Promise<import('../postgres.js').QueryResult<Row>>}
   */
  async query(text, values) {
    try {
      // The read path's statements are prepared once per connection (named), the rest as they come.
      const name = PREPARED.get(text);
      return await this.pool.query(name === undefined ? text : { name, text, values }, values);
    } catch (error) {
      throw storeError(error);
    }
  }

  /**
   * Runs `work` inside BEGIN … COMMIT on one connection; rolls back if it throws.
   * @template Result
   * @param {(client: Queryable) => Promise<Result>} work
   * @returns {Promise<Result>}
   */
  async transaction(work) {
    /** @type {import('../postgres.js').PoolClient} */
    let client;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storeError(error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A connection that failed mid-transaction is closed rather than handed to the next caller.
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(!rolledBack);
      throw storeError(error);
    }
  }

  /** Brings the schema up to date, under a lock so concurrent starts apply each migration once. */
  async migrate() {
    const migrations = loadMigrations('postgres');
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at text NOT NULL
      )`);
      const { rows } = await client.query(`SELECT version FROM ${MIGRATIONS_TABLE}`);
      const applied = rows.map((/** @type {{ version: number }} */ row) => row.version);
      for (const migration of pendingMigrations(migrations, applied, this.location)) {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)`,
          [migration.version, migration.name, new Date().toISOString()],
        );
      }
    });
  }

  /** @param {string} thread @param {NewComment} comment */
  async insertComment(thread, comment) {
    const [row] = await this.transaction((client) => insertRows(client, thread, [comment]));
    return toPublicComment(row);
  }

  /** @param {string} thread @param {NewComment[]} comments */
  async insertComments(thread, comments) {
    const rows = await this.transaction((client) => insertRows(client, thread, comments));
    return rows.length;
  }

  /** @param {string} thread @param {NewComment[]} comments */
  async seedThread(thread, comments) {
    return this.transaction(async (client) => {
      // Two instances starting with the same seed file: the second waits, then finds comments.
      const stored = toStored(thread);
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SEED_LOCK_CLASS, stored]);
      const { rows } = await client.query('SELECT count(*)::integer AS n FROM comments WHERE thread = $1', [
        stored,
      ]);
      if (rows[0].n > 0) return 0;
      return (await insertRows(client, thread, comments)).length;
    });
  }

  /**
   * @param {string} thread
   * @param {Submission} submission
   * @param {CommentStatus} status
   * @returns {Promise<SubmitOutcome>}
   */
  async submitComment(thread, submission, status) {
    return this.transaction(async (client) => {
      const existing = await selectOne(client, BY_CLIENT_ID, [toStored(submission.clientId)]);
      if (existing !== undefined) return replayWithToken(client, thread, submission, existing);
      const { parentId } = submission;
      const parent = parentId === null ? undefined : await selectOne(client, BY_ID, [toStored(parentId)]);
      if (parentId !== null && !canReplyTo(parent, thread)) return { kind: 'unknown_parent' };
      const row = newCommentRow(thread, { ...submission, status, createdAt: new Date() }, parent);
      // Another instance may be inserting the same clientId right now: the unique index makes
      // this INSERT wait for it, and if it committed, insert nothing; its row is the answer.
      const inserted = await client.query(`${INSERT_ROWS} ON CONFLICT (client_id) DO NOTHING`, [
        JSON.stringify([mapRowText(row, toStored)]),
      ]);
      if (inserted.rowCount === 1) return { kind: 'created', comment: toPublicComment(row) };
      const winner = await selectOne(client, BY_CLIENT_ID, [toStored(submission.clientId)]);
      if (winner === undefined)
        throw new Error('A comment with this clientId was neither inserted nor found.');
      return replayWithToken(client, thread, submission, winner);
    });
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
      const { rows } = await this.query(QUERIES.threadVersion, [toStored(thread)]);
      const cached = this.pageCache.get(key, rows[0]?.version ?? '0');
      if (cached !== undefined) return cached;
    }
    const { limit, after, newest } = request;
    const sql =
      after === null
        ? newest
          ? QUERIES.firstPageNewest
          : QUERIES.firstPageOldest
        : newest
          ? QUERIES.nextPageNewest
          : QUERIES.nextPageOldest;
    const stored = toStored(thread);
    const values =
      after === null
        ? [stored, limit + 1, limit]
        : [stored, limit + 1, limit, after.createdAt, toStored(after.id)];
    const { rows } = await this.query(sql, values);
    const [{ version, total, top_level: topLevel, replies }] = rows;
    const page = assemblePage(topLevel.map(fromStoredRow), replies.map(fromStoredRow), limit, total);
    this.pageCache.set(key, version ?? '0', page);
    return page;
  }

  /** @param {string} thread @param {string} [clientId] */
  async countComments(thread, clientId) {
    const { rows } =
      clientId === undefined
        ? await this.query('SELECT count(*)::integer AS n FROM comments WHERE thread = $1', [
            toStored(thread),
          ])
        : await this.query(
            'SELECT count(*)::integer AS n FROM comments WHERE thread = $1 AND client_id = $2',
            [toStored(thread), toStored(clientId)],
          );
    return rows[0].n;
  }

  /** @param {string} thread */
  async countPublished(thread) {
    const { rows } = await this.query(
      "SELECT count(*)::integer AS n FROM comments WHERE thread = $1 AND status = 'published'",
      [toStored(thread)],
    );
    return rows[0].n;
  }

  /** @param {string} clientId */
  async findByClientId(clientId) {
    const row = await selectOne(this, BY_CLIENT_ID, [toStored(clientId)]);
    return row === undefined ? null : toModeratedComment(row);
  }

  /** @param {string} id */
  async getComment(id) {
    const row = await selectOne(this, BY_ID, [toStored(id)]);
    return row === undefined ? null : toModeratedComment(row);
  }

  /** @param {string} id @param {CommentStatus} status */
  async setStatus(id, status) {
    const row = await selectOne(
      this,
      `UPDATE comments SET status = $1, spam = 0 WHERE id = $2 RETURNING ${COLUMNS}`,
      [status, toStored(id)],
    );
    return row === undefined ? null : toModeratedComment(row);
  }

  /** @param {string} id */
  async deleteComment(id) {
    // One statement for the whole subtree: the parent_id constraint (NO ACTION) is checked at
    // its end, when every reply is gone too.
    const { rowCount } = await this.query(
      `WITH RECURSIVE subtree (id) AS (
        SELECT id FROM comments WHERE id = $1
        UNION ALL
        SELECT comments.id FROM comments JOIN subtree ON comments.parent_id = subtree.id
      )
      DELETE FROM comments WHERE id IN (SELECT id FROM subtree)`,
      [toStored(id)],
    );
    return rowCount ?? 0;
  }

  /**
   * @param {string} source
   * @param {ImportedComment[]} comments
   * @returns {Promise<ImportOutcome>}
   */
  async importComments(source, comments) {
    return this.transaction(async (client) => {
      // Two imports of the same site at once: the second waits, then finds everything imported.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        IMPORT_LOCK_CLASS,
        toStored(source),
      ]);
      const importedAs = async (/** @type {string} */ sourceId) => {
        const { rows } = await client.query(
          'SELECT comment_id FROM imported_comments WHERE source = $1 AND source_id = $2',
          [toStored(source), toStored(sourceId)],
        );
        return rows.length === 0 ? undefined : fromStored(rows[0].comment_id);
      };
      const outcome = { imported: 0, pending: 0, alreadyImported: 0, threads: 0 };
      const threads = new Set();
      const now = new Date().toISOString();
      for (const comment of comments) {
        if ((await importedAs(comment.sourceId)) !== undefined) {
          outcome.alreadyImported++;
          continue;
        }
        // The parent as stored, if it still is (see SqliteStore.importUnlocked).
        const parentId =
          comment.sourceParentId === null ? undefined : await importedAs(comment.sourceParentId);
        const found =
          parentId === undefined ? undefined : await selectOne(client, BY_ID, [toStored(parentId)]);
        const parent = found !== undefined && found.thread === comment.thread ? found : undefined;
        const row = newCommentRow(
          comment.thread,
          {
            parentId: parent === undefined ? null : parent.id,
            author: comment.author,
            body: comment.body,
            createdAt: comment.createdAt,
            status: comment.status,
          },
          parent,
        );
        await client.query(INSERT_ROWS, [JSON.stringify([mapRowText(row, toStored)])]);
        await client.query(
          'INSERT INTO imported_comments (source, source_id, comment_id, imported_at) VALUES ($1, $2, $3, $4)',
          [toStored(source), toStored(comment.sourceId), toStored(row.id), now],
        );
        outcome.imported++;
        if (comment.status === 'pending') outcome.pending++;
        threads.add(comment.thread);
      }
      outcome.threads = threads.size;
      return outcome;
    });
  }

  /** @param {import('../store.js').ModerationQuery} [options] */
  async listForModeration(options = {}) {
    const { status = 'pending', thread = null, limit = 500 } = options;
    const { rows } = await this.query(
      `SELECT ${COLUMNS} FROM comments
      WHERE status = $1 AND ($2::text IS NULL OR thread = $2)
      ORDER BY created_at, id LIMIT $3`,
      [status, thread === null ? null : toStored(thread), limit],
    );
    return rows.map((row) => toModeratedComment(fromStoredRow(row)));
  }

  /** @param {string} key @param {number} windowMs */
  async hitRateLimit(key, windowMs) {
    // Now and then, drop the windows that have ended, so the table holds recent clients only.
    if (++this.rateLimitHits % RATE_LIMIT_CLEANUP_EVERY === 0) {
      await this.query(`DELETE FROM rate_limits WHERE resets_at <= ${DATABASE_NOW_MS}`);
    }
    // The database's clock, not this machine's: instances on several machines agree on windows.
    const { rows } = await this.query(
      `INSERT INTO rate_limits AS r (key, hits, resets_at) VALUES ($1, 1, ${DATABASE_NOW_MS} + $2)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN r.resets_at <= ${DATABASE_NOW_MS} THEN 1 ELSE r.hits + 1 END,
        resets_at = CASE WHEN r.resets_at <= ${DATABASE_NOW_MS} THEN excluded.resets_at ELSE r.resets_at END
      RETURNING hits, resets_at - ${DATABASE_NOW_MS} AS ttl`,
      [toStored(key), windowMs],
    );
    return { current: rows[0].hits, ttl: Number(rows[0].ttl) };
  }

  /** @param {string[]} threads */
  async countPublishedMany(threads) {
    const counts = new Map(threads.map((thread) => [thread, 0]));
    const { rows } = await this.query(
      `SELECT thread, count(*)::integer AS n FROM comments
      WHERE thread = ANY($1::text[]) AND status = 'published' GROUP BY thread`,
      [threads.map(toStored)],
    );
    for (const row of rows) counts.set(fromStored(row.thread), row.n);
    return counts;
  }

  /**
   * @param {string} thread
   * @param {string} id
   * @param {OwnCommentCheck & { body: string, editedAt: string, moderated: boolean }} change
   * @returns {Promise<EditOutcome>}
   */
  async editOwnComment(thread, id, change) {
    return this.transaction(async (client) => {
      const row = await selectOne(client, BY_ID_FOR_UPDATE, [toStored(id)]);
      const refusal = await refusalOf(client, row, thread, change);
      if (refusal !== null || row === undefined) return { kind: refusal ?? 'not_found' };
      // The same body again (a resent PATCH) changes nothing: not the date, not the status.
      if (row.body === change.body) return { kind: 'unchanged', comment: toPublicComment(row) };
      const status = change.moderated && row.status === 'published' ? 'pending' : row.status;
      await client.query('UPDATE comments SET body = $1, edited_at = $2, status = $3 WHERE id = $4', [
        toStored(change.body),
        change.editedAt,
        status,
        toStored(id),
      ]);
      return {
        kind: 'edited',
        comment: toPublicComment({ ...row, body: change.body, edited_at: change.editedAt, status }),
      };
    });
  }

  /**
   * @param {string} thread
   * @param {string} id
   * @param {OwnCommentCheck} check
   * @returns {Promise<DeleteOutcome>}
   */
  async deleteOwnComment(thread, id, check) {
    return this.transaction(async (client) => {
      const row = await selectOne(client, BY_ID_FOR_UPDATE, [toStored(id)]);
      const refusal = await refusalOf(client, row, thread, check);
      if (refusal !== null) return { kind: refusal };
      await client.query('DELETE FROM comments WHERE id = $1', [toStored(id)]);
      return { kind: 'deleted' };
    });
  }

  /** @param {string} thread @param {string} pageUrl */
  async setThreadPage(thread, pageUrl) {
    await this.query(
      `INSERT INTO thread_pages (thread, page_url, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (thread) DO UPDATE SET page_url = excluded.page_url, updated_at = excluded.updated_at`,
      [toStored(thread), pageUrl, new Date().toISOString()],
    );
  }

  /** @param {{ thread: string | null, limit: number }} options */
  async recentPublished({ thread, limit }) {
    const { rows } = await this.query(
      `SELECT ${FEED_COLUMNS}, p.page_url FROM comments AS c
      LEFT JOIN thread_pages AS p ON p.thread = c.thread
      WHERE c.status = 'published' AND ($1::text IS NULL OR c.thread = $1)
      ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      [thread === null ? null : toStored(thread), limit],
    );
    return rows.map((/** @type {CommentRow & { page_url: string | null }} */ stored) => {
      const row = fromStoredRow(stored);
      return { ...toPublicComment(row), thread: row.thread, pageUrl: stored.page_url };
    });
  }

  /** @param {string} kind @param {unknown} payload @param {{ delayMs?: number }} [options] */
  async enqueueJob(kind, payload, options = {}) {
    const { rows } = await this.query(
      `INSERT INTO jobs (kind, payload, run_at) VALUES ($1, $2, ${DATABASE_NOW_MS} + $3) RETURNING id`,
      [toStored(kind), toStored(JSON.stringify(payload)), options.delayMs ?? 0],
    );
    return String(rows[0].id);
  }

  /** @param {string} kind @param {{ limit?: number, leaseMs?: number }} [options] */
  async claimJobs(kind, options = {}) {
    // SKIP LOCKED: a job another instance is claiming this instant is passed over, not waited
    // for, so concurrent claims take different jobs and never block each other.
    const { rows } = await this.query(
      `UPDATE jobs SET locked_until = ${DATABASE_NOW_MS} + $3, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM jobs
        WHERE kind = $1 AND run_at <= ${DATABASE_NOW_MS}
          AND (locked_until IS NULL OR locked_until <= ${DATABASE_NOW_MS})
        ORDER BY run_at, id LIMIT $2
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, kind, payload, attempts`,
      [toStored(kind), options.limit ?? 10, options.leaseMs ?? DEFAULT_JOB_LEASE_MS],
    );
    return rows
      .map((row) => ({
        id: String(row.id),
        kind: fromStored(row.kind),
        payload: JSON.parse(fromStored(row.payload)),
        attempts: row.attempts,
      }))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** @param {string} id */
  async completeJob(id) {
    const { rowCount } = await this.query('DELETE FROM jobs WHERE id = $1', [id]);
    return rowCount === 1;
  }

  /** @param {string} id @param {{ delayMs: number, error: string }} options */
  async retryJob(id, options) {
    const { rowCount } = await this.query(
      `UPDATE jobs SET run_at = ${DATABASE_NOW_MS} + $2, locked_until = NULL, last_error = $3 WHERE id = $1`,
      [id, options.delayMs, toStored(options.error)],
    );
    return rowCount === 1;
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * replayOutcome, and on a replay the new edit token's hash replaces the stored one: the first
 * answer (and its token) may never have arrived, and only the newest token works.
 * @param {Queryable} client
 * @param {string} thread
 * @param {Submission} submission
 * @param {CommentRow} existing
 * @returns {Promise<SubmitOutcome>}
 */
async function replayWithToken(client, thread, submission, existing) {
  const outcome = replayOutcome(thread, submission, existing);
  if (outcome.kind === 'replayed' && submission.editTokenHash)
    await client.query(SET_EDIT_TOKEN_HASH, [submission.editTokenHash, toStored(existing.id)]);
  return outcome;
}

/**
 * Why the author may not change `row` (see rows.js ownCommentRefusal), inside the transaction.
 * @param {Queryable} client
 * @param {CommentRow | undefined} row
 * @param {string} thread
 * @param {OwnCommentCheck} check
 */
async function refusalOf(client, row, thread, { tokenHash, editableSince }) {
  const replies = row === undefined ? 0 : (await client.query(COUNT_REPLIES, [toStored(row.id)])).rows[0].n;
  return ownCommentRefusal(row, thread, { tokenHash, editableSince, replies });
}

/** A comment row as read, with its text as readers sent it (see pg-text.js). */
function fromStoredRow(/** @type {CommentRow} */ row) {
  return mapRowText(row, fromStored);
}

/**
 * The first comment row of a query (its text as readers sent it), or undefined. Text values in
 * `values` must already be toStored.
 * @param {Queryable} on a pool client, or the store itself
 * @param {string} sql
 * @param {unknown[]} values
 * @returns {Promise<CommentRow | undefined>}
 */
async function selectOne(on, sql, values) {
  const { rows } = await on.query(sql, values);
  return rows.length === 0 ? undefined : fromStoredRow(rows[0]);
}

/**
 * Inserts comments of one thread (parents before replies) inside the caller's transaction, in
 * batches; a parent may be one of the batch or already stored. Returns the stored rows.
 * @param {Queryable} client
 * @param {string} thread
 * @param {NewComment[]} comments
 */
async function insertRows(client, thread, comments) {
  /** @type {Map<string, CommentRow>} */
  const batch = new Map();
  /** @type {CommentRow[]} */
  const rows = [];
  for (const comment of comments) {
    const parentId = comment.parentId ?? null;
    const parent =
      parentId === null
        ? undefined
        : (batch.get(parentId) ?? (await selectOne(client, BY_ID, [toStored(parentId)])));
    const row = newCommentRow(thread, comment, parent);
    batch.set(row.id, row);
    rows.push(row);
  }
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const chunk = rows.slice(start, start + INSERT_BATCH);
    await client.query(INSERT_ROWS, [JSON.stringify(chunk.map((row) => mapRowText(row, toStored)))]);
  }
  return rows;
}
