// @ts-check
// What both owner stores (SQLite and PostgreSQL) share: the moderation app's four statuses in SQL,
// the query of a queue row (a comment with its parent and its thread's page), and the mapping
// of such a row to an OwnerComment. The SQL here is plain enough for both databases.

/** @typedef {import('./owner-store.js').OwnerComment} OwnerComment */
/** @typedef {import('./owner-store.js').QueueStatus} QueueStatus */

/**
 * @typedef {object} QueueRow
 * @property {string} id
 * @property {string} thread
 * @property {string | null} parent_id
 * @property {string} author_name
 * @property {string | null} author_email
 * @property {string | null} author_url
 * @property {string} body
 * @property {string} created_at
 * @property {string} status
 * @property {number} spam
 * @property {string | null} moderator_id
 * @property {string | null} page_url
 * @property {string | null} title
 * @property {string | null} p_id
 * @property {string | null} p_name
 * @property {string | null} p_body
 * @property {string | null} p_status
 * @property {number | null} p_spam
 */

/** The four statuses of the app, in SQL over (status, spam). */
export const STATUS_WHERE = /** @type {Record<QueueStatus, string>} */ ({
  pending: "c.status = 'pending'",
  published: "c.status = 'published'",
  spam: "c.status = 'rejected' AND c.spam = 1",
  rejected: "c.status = 'rejected' AND c.spam = 0",
});

/** A comment, its parent and its thread's page; each store adds its WHERE and ORDER. */
export const QUEUE_SELECT = `SELECT c.id, c.thread, c.parent_id, c.author_name, c.author_email, c.author_url, c.body,
    c.created_at, c.status, c.spam, c.moderator_id, t.page_url, t.title,
    p.id AS p_id, p.author_name AS p_name, p.body AS p_body, p.status AS p_status, p.spam AS p_spam
  FROM comments c
  LEFT JOIN comments p ON p.id = c.parent_id
  LEFT JOIN threads t ON t.thread = c.thread`;

/** The app's status of a stored (status, spam) pair: a rejected comment marked spam is 'spam'. */
export const queueStatus = (/** @type {string} */ status, /** @type {number} */ spam) =>
  /** @type {QueueStatus} */ (status === 'rejected' && spam === 1 ? 'spam' : status);

/**
 * The OwnerComment of a queue row. `read` turns stored text back into what was written (the
 * PostgreSQL store escapes U+0000, see pg-text.js); it is not called on nulls.
 * @param {QueueRow} row
 * @param {(stored: string) => string} [read]
 * @returns {OwnerComment}
 */
export function toOwnerComment(row, read = (stored) => stored) {
  const text = (/** @type {string | null} */ value) => (value === null ? null : read(value));
  return {
    id: read(row.id),
    thread: { id: read(row.thread), url: row.page_url, title: text(row.title) },
    parentId: text(row.parent_id),
    parent:
      row.p_id === null
        ? null
        : {
            id: read(row.p_id),
            author: { name: read(/** @type {string} */ (row.p_name)) },
            body: read(/** @type {string} */ (row.p_body)),
            status: queueStatus(/** @type {string} */ (row.p_status), row.p_spam ?? 0),
          },
    author: { name: read(row.author_name), email: text(row.author_email), url: text(row.author_url) },
    body: read(row.body),
    createdAt: row.created_at,
    status: queueStatus(row.status, row.spam),
    byOwner: row.moderator_id !== null,
  };
}
