// @ts-check
// The SQLite implementation of the owner store (see owner-store.js), on the comment store's own
// better-sqlite3 connection: synchronous inside, one statement or one transaction per method.
import { randomBytes } from 'node:crypto';
import { QUEUE_SELECT, queueStatus, STATUS_WHERE, toOwnerComment } from './owner-rows.js';

/** @typedef {import('./owner-store.js').OwnerComment} OwnerComment */
/** @typedef {import('./owner-store.js').QueueStatus} QueueStatus */
/** @typedef {import('./owner-store.js').Subscription} Subscription */
/** @typedef {import('./owner-rows.js').QueueRow} QueueRow */
/**
 * @template Row
 * @typedef {import('../sqlite.js').Statement<Row>} Statement
 */

// Text, name or email containing the query; LIKE's own wildcards in it are escaped.
const MATCHES = `(@query IS NULL OR c.body LIKE @query ESCAPE '\\' OR c.author_name LIKE @query ESCAPE '\\'
  OR c.author_email LIKE @query ESCAPE '\\')`;

/** @typedef {import('./owner-store.js').OwnerStore} OwnerStore */

/** @implements {OwnerStore} */
export class SqliteOwnerStore {
  /** @param {import('../sqlite.js').Database} db */
  constructor(db) {
    this.db = db;
    /** @type {<Row>(sql: string) => Statement<Row>} */
    const prepare = (sql) => db.prepare(sql);
    this.sql = {
      moderatorByEmail:
        /** @type {Statement<{ id: string, email: string, name: string, password_hash: string }>} */ (
          prepare('SELECT id, email, name, password_hash FROM moderators WHERE lower(email) = lower(?)')
        ),
      insertModerator: prepare(`INSERT INTO moderators (id, email, name, password_hash, created_at)
        VALUES (?, ?, ?, ?, ?)`),
      updateModerator: prepare('UPDATE moderators SET name = ?, password_hash = ? WHERE id = ?'),
      listModerators:
        /** @type {Statement<{ email: string, name: string, created_at: string, last_sign_in_at: string | null }>} */ (
          prepare('SELECT email, name, created_at, last_sign_in_at FROM moderators ORDER BY email')
        ),
      removeModerator: prepare('DELETE FROM moderators WHERE lower(email) = lower(?)'),
      insertSession:
        prepare(`INSERT INTO sessions (token_hash, moderator_id, csrf_token, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?)`),
      signedIn: prepare('UPDATE moderators SET last_sign_in_at = ? WHERE id = ?'),
      session: /** @type {Statement<{ id: string, email: string, name: string, csrf_token: string }>} */ (
        prepare(`SELECT m.id, m.email, m.name, s.csrf_token FROM sessions s JOIN moderators m ON m.id = s.moderator_id
          WHERE s.token_hash = ? AND s.expires_at > ?`)
      ),
      deleteSession: prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpiredSessions: prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      insertFailure: prepare('INSERT INTO sign_in_failures (key, at) VALUES (?, ?)'),
      failures: /** @type {Statement<{ n: number, oldest: string | null }>} */ (
        prepare('SELECT count(*) AS n, min(at) AS oldest FROM sign_in_failures WHERE key = ? AND at > ?')
      ),
      forgetOldFailures: prepare('DELETE FROM sign_in_failures WHERE key = ? AND at <= ?'),
      clearFailures: prepare('DELETE FROM sign_in_failures WHERE key = ?'),
      getSetting: /** @type {Statement<{ value: string }>} */ (
        prepare('SELECT value FROM settings WHERE name = ?')
      ),
      putSetting: prepare(`INSERT INTO settings (name, value) VALUES (?, ?)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value`),
      addSettingIfAbsent: prepare(
        'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
      ),
      useLink: prepare(
        'INSERT INTO used_links (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING',
      ),
      linkUsed: /** @type {Statement<{ n: number }>} */ (
        prepare('SELECT count(*) AS n FROM used_links WHERE nonce = ?')
      ),
      forgetExpiredLinks: prepare('DELETE FROM used_links WHERE expires_at <= ?'),
      noteThread:
        prepare(`INSERT INTO threads (thread, page_url, title, updated_at) VALUES (@thread, @url, @title, @now)
        ON CONFLICT (thread) DO UPDATE SET page_url = coalesce(excluded.page_url, page_url),
          title = coalesce(excluded.title, title), updated_at = excluded.updated_at`),
      thread: /** @type {Statement<{ page_url: string | null, title: string | null }>} */ (
        prepare('SELECT page_url, title FROM threads WHERE thread = ?')
      ),
      hasPublished: /** @type {Statement<{ n: number }>} */ (
        prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM comments
          WHERE lower(author_email) = lower(?) AND status = 'published' LIMIT 1)`)
      ),
      counts: /** @type {Statement<{ status: string, spam: number, n: number }>} */ (
        prepare('SELECT status, spam, count(*) AS n FROM comments GROUP BY status, spam')
      ),
      ownerComment: /** @type {Statement<QueueRow>} */ (prepare(`${QUEUE_SELECT} WHERE c.id = ?`)),
      statusOf: /** @type {Statement<{ status: string, spam: number }>} */ (
        prepare('SELECT status, spam FROM comments WHERE id = ?')
      ),
      setStatus: prepare('UPDATE comments SET status = ?, spam = ? WHERE id = ?'),
      editBody: prepare('UPDATE comments SET body = ? WHERE id = ?'),
      addSubscription: prepare(`INSERT INTO subscriptions (id, comment_id, email, state, created_at)
        VALUES (?, ?, ?, 'unconfirmed', ?)`),
      subscription:
        /** @type {Statement<{ id: string, comment_id: string, email: string, state: Subscription['state'] }>} */ (
          prepare('SELECT id, comment_id, email, state FROM subscriptions WHERE id = ?')
        ),
      setSubscription: prepare('UPDATE subscriptions SET state = ? WHERE id = ? AND state <> ?'),
      confirmedSubscriptions:
        /** @type {Statement<{ id: string, comment_id: string, email: string, state: Subscription['state'] }>} */ (
          prepare(
            "SELECT id, comment_id, email, state FROM subscriptions WHERE comment_id = ? AND state = 'confirmed'",
          )
        ),
    };
    const sql = this.sql;
    this.saveModeratorTx = db.transaction(
      (
        /** @type {{ email: string, name: string, passwordHash: string }} */ moderator,
        /** @type {string} */ now,
      ) => {
        const existing = sql.moderatorByEmail.get(moderator.email);
        if (existing === undefined) {
          sql.insertModerator.run(
            randomBytes(12).toString('base64url'),
            moderator.email,
            moderator.name,
            moderator.passwordHash,
            now,
          );
          return /** @type {const} */ ('added');
        }
        sql.updateModerator.run(moderator.name, moderator.passwordHash, existing.id);
        // A new password ends every session of the old one.
        db.prepare('DELETE FROM sessions WHERE moderator_id = ?').run(existing.id);
        return /** @type {const} */ ('updated');
      },
    );
    this.moderateTx = db.transaction(
      (/** @type {string[]} */ ids, /** @type {import('./owner-store.js').StatusAction} */ action) => {
        const [status, spam] =
          action === 'approve' ? ['published', 0] : action === 'spam' ? ['rejected', 1] : ['rejected', 0];
        /** @type {{ id: string, before: QueueStatus }[]} */
        const changed = [];
        for (const id of new Set(ids)) {
          const row = sql.statusOf.get(id);
          if (row === undefined || (row.status === status && row.spam === spam)) continue;
          sql.setStatus.run(status, spam, id);
          changed.push({ id, before: queueStatus(row.status, row.spam) });
        }
        return changed;
      },
    );
    this.sessionTx = db.transaction(
      (
        /** @type {{ tokenHash: string, moderatorId: string, csrfToken: string, now: string, expiresAt: string }} */ s,
      ) => {
        sql.deleteExpiredSessions.run(s.now);
        sql.insertSession.run(s.tokenHash, s.moderatorId, s.csrfToken, s.now, s.expiresAt);
        sql.signedIn.run(s.now, s.moderatorId);
      },
    );
  }

  /** @param {{ email: string, name: string, passwordHash: string }} moderator */
  async saveModerator(moderator) {
    return this.saveModeratorTx.immediate(moderator, new Date().toISOString());
  }

  async listModerators() {
    return this.sql.listModerators.all().map((row) => ({
      email: row.email,
      name: row.name,
      createdAt: row.created_at,
      lastSignInAt: row.last_sign_in_at,
    }));
  }

  /** @param {string} email */
  async removeModerator(email) {
    return this.sql.removeModerator.run(email).changes > 0;
  }

  /** @param {string} email */
  async findModerator(email) {
    const row = this.sql.moderatorByEmail.get(email);
    return row === undefined
      ? null
      : { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash };
  }

  /** @param {{ tokenHash: string, moderatorId: string, csrfToken: string, now: string, expiresAt: string }} session */
  async createSession(session) {
    this.sessionTx.immediate(session);
  }

  /** @param {string} tokenHash @param {string} now */
  async findSession(tokenHash, now) {
    const row = this.sql.session.get(tokenHash, now);
    return row === undefined
      ? null
      : { moderator: { id: row.id, email: row.email, name: row.name }, csrfToken: row.csrf_token };
  }

  /** @param {string} tokenHash */
  async deleteSession(tokenHash) {
    this.sql.deleteSession.run(tokenHash);
  }

  /** @param {string} key @param {string} now */
  async recordSignInFailure(key, now) {
    this.sql.insertFailure.run(key, now);
  }

  /** @param {string} key @param {string} since */
  async signInFailures(key, since) {
    this.sql.forgetOldFailures.run(key, since);
    const row = this.sql.failures.get(key, since);
    return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
  }

  /** @param {string} key */
  async clearSignInFailures(key) {
    this.sql.clearFailures.run(key);
  }

  /** @param {string} name */
  async getSetting(name) {
    const row = this.sql.getSetting.get(name);
    return row === undefined ? null : JSON.parse(row.value);
  }

  /** @param {string} name @param {unknown} value */
  async putSetting(name, value) {
    this.sql.putSetting.run(name, JSON.stringify(value));
  }

  /** @param {string} name @param {() => string} make */
  async settingOnce(name, make) {
    this.sql.addSettingIfAbsent.run(name, JSON.stringify(make()));
    return /** @type {string} */ (
      JSON.parse(/** @type {{ value: string }} */ (this.sql.getSetting.get(name)).value)
    );
  }

  /** @param {string} nonce @param {string} expiresAt */
  async useLink(nonce, expiresAt) {
    this.sql.forgetExpiredLinks.run(new Date().toISOString());
    return this.sql.useLink.run(nonce, expiresAt).changes > 0;
  }

  /** @param {string} nonce */
  async isLinkUsed(nonce) {
    return (this.sql.linkUsed.get(nonce)?.n ?? 0) > 0;
  }

  /** @param {string} thread @param {{ url: string | null, title: string | null }} page @param {string} now */
  async noteThread(thread, page, now) {
    this.sql.noteThread.run({ thread, url: page.url, title: page.title, now });
  }

  /** @param {string} thread */
  async getThread(thread) {
    const row = this.sql.thread.get(thread);
    return { id: thread, url: row?.page_url ?? null, title: row?.title ?? null };
  }

  /** @param {string} email */
  async hasPublishedComment(email) {
    return (this.sql.hasPublished.get(email)?.n ?? 0) > 0;
  }

  /** @param {{ status: QueueStatus, query: string, offset: number, limit: number }} options */
  async queue({ status, query, offset, limit }) {
    const where = `WHERE ${STATUS_WHERE[status]} AND ${MATCHES}`;
    const order = status === 'pending' ? 'c.created_at, c.id' : 'c.created_at DESC, c.id DESC';
    const params = { query: query.trim() === '' ? null : `%${query.trim().replace(/[\\%_]/g, '\\$&')}%` };
    const read = this.db.transaction(() => ({
      comments: /** @type {QueueRow[]} */ (
        this.db
          .prepare(`${QUEUE_SELECT} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
          .all({ ...params, limit, offset })
      ).map((row) => toOwnerComment(row)),
      total: /** @type {{ n: number }} */ (
        this.db.prepare(`SELECT count(*) AS n FROM comments c ${where}`).get(params)
      ).n,
    }));
    return read();
  }

  async countByStatus() {
    /** @type {import('./owner-store.js').StatusCounts} */
    const counts = { pending: 0, published: 0, spam: 0, rejected: 0 };
    for (const row of this.sql.counts.all()) counts[queueStatus(row.status, row.spam)] += row.n;
    return counts;
  }

  /** @param {string} id */
  async getOwnerComment(id) {
    const row = this.sql.ownerComment.get(id);
    return row === undefined ? null : toOwnerComment(row);
  }

  /** @param {string[]} ids @param {import('./owner-store.js').StatusAction} action */
  async moderate(ids, action) {
    return this.moderateTx.immediate(ids, action);
  }

  /** @param {string} id @param {string} body */
  async editBody(id, body) {
    return this.sql.editBody.run(body, id).changes > 0;
  }

  /** @param {{ id: string, commentId: string, email: string, now: string }} subscription */
  async addSubscription(subscription) {
    this.sql.addSubscription.run(
      subscription.id,
      subscription.commentId,
      subscription.email,
      subscription.now,
    );
  }

  /** @param {string} id */
  async getSubscription(id) {
    const row = this.sql.subscription.get(id);
    return row === undefined
      ? null
      : { id: row.id, commentId: row.comment_id, email: row.email, state: row.state };
  }

  /** @param {string} id @param {Subscription['state']} state */
  async setSubscriptionState(id, state) {
    return this.sql.setSubscription.run(state, id, state).changes > 0;
  }

  /** @param {string} commentId */
  async confirmedSubscriptions(commentId) {
    return this.sql.confirmedSubscriptions
      .all(commentId)
      .map((row) => ({ id: row.id, commentId: row.comment_id, email: row.email, state: row.state }));
  }
}
