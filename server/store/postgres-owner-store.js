// @ts-check
// The PostgreSQL implementation of the owner store (see owner-store.js), on the comment store's
// pool: one statement or one transaction per method, so instances sharing the database agree.
// Text that readers wrote goes through pg-text (PostgreSQL cannot store U+0000).
import { randomBytes } from 'node:crypto';
import { QUEUE_SELECT, queueStatus, STATUS_WHERE, toOwnerComment } from './owner-rows.js';
import { fromStored, toStored } from './pg-text.js';

/** @typedef {import('./owner-store.js').OwnerStore} OwnerStore */
/** @typedef {import('./owner-store.js').OwnerComment} OwnerComment */
/** @typedef {import('./owner-store.js').QueueStatus} QueueStatus */
/** @typedef {import('./owner-store.js').Subscription} Subscription */
/** @typedef {import('../postgres.js').Queryable} Queryable */
/** @typedef {import('./owner-rows.js').QueueRow} QueueRow */

const text = (/** @type {string | null} */ value) => (value === null ? null : fromStored(value));

/** @implements {OwnerStore} */
export class PostgresOwnerStore {
  /** @param {import('./postgres-store.js').PostgresStore} store */
  constructor(store) {
    this.store = store;
  }

  /** @param {string} sql @param {unknown[]} [values] */
  async rows(sql, values = []) {
    return /** @type {Record<string, any>[]} */ ((await this.store.query(sql, values)).rows);
  }

  /** @param {{ email: string, name: string, passwordHash: string }} moderator */
  async saveModerator(moderator) {
    return this.store.transaction(async (client) => {
      const { rows } = await client.query(
        'SELECT id FROM moderators WHERE lower(email) = lower($1) FOR UPDATE',
        [moderator.email],
      );
      if (rows.length === 0) {
        await client.query(
          'INSERT INTO moderators (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
          [
            randomBytes(12).toString('base64url'),
            moderator.email,
            moderator.name,
            moderator.passwordHash,
            new Date().toISOString(),
          ],
        );
        return /** @type {const} */ ('added');
      }
      const id = /** @type {{ id: string }} */ (rows[0]).id;
      await client.query('UPDATE moderators SET name = $1, password_hash = $2 WHERE id = $3', [
        moderator.name,
        moderator.passwordHash,
        id,
      ]);
      await client.query('DELETE FROM sessions WHERE moderator_id = $1', [id]);
      return /** @type {const} */ ('updated');
    });
  }

  async listModerators() {
    const rows = await this.rows(
      'SELECT email, name, created_at, last_sign_in_at FROM moderators ORDER BY email',
    );
    return rows.map((row) => ({
      email: row.email,
      name: row.name,
      createdAt: row.created_at,
      lastSignInAt: row.last_sign_in_at,
    }));
  }

  /** @param {string} email */
  async removeModerator(email) {
    return (
      ((await this.store.query('DELETE FROM moderators WHERE lower(email) = lower($1)', [email])).rowCount ??
        0) > 0
    );
  }

  /** @param {string} email */
  async findModerator(email) {
    const [row] = await this.rows(
      'SELECT id, email, name, password_hash FROM moderators WHERE lower(email) = lower($1)',
      [email],
    );
    return row === undefined
      ? null
      : { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash };
  }

  /** @param {{ tokenHash: string, moderatorId: string, csrfToken: string, now: string, expiresAt: string }} s */
  async createSession(s) {
    await this.store.transaction(async (client) => {
      await client.query('DELETE FROM sessions WHERE expires_at <= $1', [s.now]);
      await client.query(
        'INSERT INTO sessions (token_hash, moderator_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [s.tokenHash, s.moderatorId, s.csrfToken, s.now, s.expiresAt],
      );
      await client.query('UPDATE moderators SET last_sign_in_at = $1 WHERE id = $2', [s.now, s.moderatorId]);
    });
  }

  /** @param {string} tokenHash @param {string} now */
  async findSession(tokenHash, now) {
    const [row] = await this.rows(
      `SELECT m.id, m.email, m.name, s.csrf_token FROM sessions s JOIN moderators m ON m.id = s.moderator_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    return row === undefined
      ? null
      : { moderator: { id: row.id, email: row.email, name: row.name }, csrfToken: row.csrf_token };
  }

  /** @param {string} tokenHash */
  async deleteSession(tokenHash) {
    await this.store.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** @param {string} key @param {string} now */
  async recordSignInFailure(key, now) {
    await this.store.query('INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)', [toStored(key), now]);
  }

  /** @param {string} key @param {string} since */
  async signInFailures(key, since) {
    await this.store.query('DELETE FROM sign_in_failures WHERE key = $1 AND at <= $2', [
      toStored(key),
      since,
    ]);
    const [row] = await this.rows(
      'SELECT count(*)::integer AS n, min(at) AS oldest FROM sign_in_failures WHERE key = $1 AND at > $2',
      [toStored(key), since],
    );
    return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
  }

  /** @param {string} key */
  async clearSignInFailures(key) {
    await this.store.query('DELETE FROM sign_in_failures WHERE key = $1', [toStored(key)]);
  }

  /** @param {string} name */
  async getSetting(name) {
    const [row] = await this.rows('SELECT value FROM settings WHERE name = $1', [name]);
    return row === undefined ? null : JSON.parse(row.value);
  }

  /** @param {string} name @param {unknown} value */
  async putSetting(name, value) {
    await this.store.query(
      'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      [name, JSON.stringify(value)],
    );
  }

  /** @param {string} name @param {() => string} make */
  async settingOnce(name, make) {
    await this.store.query(
      'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, JSON.stringify(make())],
    );
    const [row] = await this.rows('SELECT value FROM settings WHERE name = $1', [name]);
    return /** @type {string} */ (JSON.parse(/** @type {Record<string, any>} */ (row).value));
  }

  /** @param {string} nonce @param {string} expiresAt */
  async useLink(nonce, expiresAt) {
    await this.store.query('DELETE FROM used_links WHERE expires_at <= $1', [new Date().toISOString()]);
    const result = await this.store.query(
      'INSERT INTO used_links (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING',
      [toStored(nonce), expiresAt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** @param {string} nonce */
  async isLinkUsed(nonce) {
    return (await this.rows('SELECT 1 FROM used_links WHERE nonce = $1', [toStored(nonce)])).length > 0;
  }

  /** @param {string} thread @param {{ url: string | null, title: string | null }} page @param {string} now */
  async noteThread(thread, page, now) {
    await this.store.query(
      `INSERT INTO threads (thread, page_url, title, updated_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (thread) DO UPDATE SET page_url = coalesce(excluded.page_url, threads.page_url),
          title = coalesce(excluded.title, threads.title), updated_at = excluded.updated_at`,
      [
        toStored(thread),
        page.url === null ? null : toStored(page.url),
        page.title === null ? null : toStored(page.title),
        now,
      ],
    );
  }

  /** @param {string} thread */
  async getThread(thread) {
    const [row] = await this.rows('SELECT page_url, title FROM threads WHERE thread = $1', [
      toStored(thread),
    ]);
    return { id: thread, url: text(row?.page_url ?? null), title: text(row?.title ?? null) };
  }

  /** @param {string} email */
  async hasPublishedComment(email) {
    const rows = await this.rows(
      "SELECT 1 FROM comments WHERE lower(author_email) = lower($1) AND status = 'published' LIMIT 1",
      [toStored(email)],
    );
    return rows.length > 0;
  }

  /** @param {{ status: QueueStatus, query: string, offset: number, limit: number }} options */
  async queue({ status, query, offset, limit }) {
    const pattern = query.trim() === '' ? null : `%${toStored(query.trim()).replace(/[\\%_]/g, '\\$&')}%`;
    const where = `WHERE ${STATUS_WHERE[status]} AND ($1::text IS NULL OR c.body ILIKE $1 ESCAPE '\\'
      OR c.author_name ILIKE $1 ESCAPE '\\' OR c.author_email ILIKE $1 ESCAPE '\\')`;
    const order = status === 'pending' ? 'c.created_at, c.id' : 'c.created_at DESC, c.id DESC';
    return this.store.transaction(async (client) => {
      const page = await client.query(`${QUEUE_SELECT} ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`, [
        pattern,
        limit,
        offset,
      ]);
      const total = await client.query(`SELECT count(*)::integer AS n FROM comments c ${where}`, [pattern]);
      return {
        comments: /** @type {QueueRow[]} */ (page.rows).map((row) => toOwnerComment(row, fromStored)),
        total: /** @type {{ n: number }} */ (total.rows[0]).n,
      };
    });
  }

  async countByStatus() {
    /** @type {import('./owner-store.js').StatusCounts} */
    const counts = { pending: 0, published: 0, spam: 0, rejected: 0 };
    for (const row of await this.rows(
      'SELECT status, spam, count(*)::integer AS n FROM comments GROUP BY status, spam',
    )) {
      counts[queueStatus(row.status, row.spam)] += row.n;
    }
    return counts;
  }

  /** @param {string} id */
  async getOwnerComment(id) {
    const [row] = await this.rows(`${QUEUE_SELECT} WHERE c.id = $1`, [toStored(id)]);
    return row === undefined ? null : toOwnerComment(/** @type {QueueRow} */ (row), fromStored);
  }

  /** @param {string[]} ids @param {import('./owner-store.js').StatusAction} action */
  async moderate(ids, action) {
    const [status, spam] =
      action === 'approve' ? ['published', 0] : action === 'spam' ? ['rejected', 1] : ['rejected', 0];
    return this.store.transaction(async (client) => {
      /** @type {{ id: string, before: QueueStatus }[]} */
      const changed = [];
      for (const id of new Set(ids)) {
        const { rows } = await client.query('SELECT status, spam FROM comments WHERE id = $1 FOR UPDATE', [
          toStored(id),
        ]);
        const row = /** @type {{ status: string, spam: number } | undefined} */ (rows[0]);
        if (row === undefined || (row.status === status && row.spam === spam)) continue;
        await client.query('UPDATE comments SET status = $1, spam = $2 WHERE id = $3', [
          status,
          spam,
          toStored(id),
        ]);
        changed.push({ id, before: queueStatus(row.status, row.spam) });
      }
      return changed;
    });
  }

  /** @param {string} id @param {string} body */
  async editBody(id, body) {
    return (
      ((await this.store.query('UPDATE comments SET body = $1 WHERE id = $2', [toStored(body), toStored(id)]))
        .rowCount ?? 0) > 0
    );
  }

  /** @param {{ id: string, commentId: string, email: string, now: string }} s */
  async addSubscription(s) {
    await this.store.query(
      "INSERT INTO subscriptions (id, comment_id, email, state, created_at) VALUES ($1, $2, $3, 'unconfirmed', $4)",
      [s.id, toStored(s.commentId), toStored(s.email), s.now],
    );
  }

  /** @param {string} id */
  async getSubscription(id) {
    const [row] = await this.rows('SELECT id, comment_id, email, state FROM subscriptions WHERE id = $1', [
      toStored(id),
    ]);
    return row === undefined
      ? null
      : { id: row.id, commentId: fromStored(row.comment_id), email: fromStored(row.email), state: row.state };
  }

  /** @param {string} id @param {Subscription['state']} state */
  async setSubscriptionState(id, state) {
    const result = await this.store.query(
      'UPDATE subscriptions SET state = $1 WHERE id = $2 AND state <> $1',
      [state, toStored(id)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** @param {string} commentId */
  async confirmedSubscriptions(commentId) {
    const rows = await this.rows(
      "SELECT id, comment_id, email, state FROM subscriptions WHERE comment_id = $1 AND state = 'confirmed'",
      [toStored(commentId)],
    );
    return rows.map((row) => ({
      id: row.id,
      commentId: fromStored(row.comment_id),
      email: fromStored(row.email),
      state: row.state,
    }));
  }
}
