// @ts-check
// The engine-neutral rules of the store, shared by the SQLite and PostgreSQL implementations:
// how a stored row looks to readers and to moderators, the fingerprint that makes a retry "the
// same request", the checks on page options, and how a page is put together from its rows.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeCursor, encodeCursor } from '../cursor.js';

/** @typedef {import('../store.js').CommentStatus} CommentStatus */
/** @typedef {import('../store.js').Comment} Comment */
/** @typedef {import('../store.js').ModeratedComment} ModeratedComment */
/** @typedef {import('../store.js').NewComment} NewComment */
/** @typedef {import('../store.js').Submission} Submission */
/** @typedef {import('../store.js').SubmitOutcome} SubmitOutcome */
/** @typedef {import('../store.js').SortOrder} SortOrder */
/** @typedef {import('../store.js').ThreadPage} ThreadPage */

/**
 * A row of the comments table, the same in both engines.
 * @typedef {object} CommentRow
 * @property {string} id
 * @property {string} thread
 * @property {string | null} parent_id
 * @property {string} root_id the top-level ancestor (a top-level comment's own id)
 * @property {string} author_name
 * @property {string | null} author_email
 * @property {string | null} author_url
 * @property {string} body
 * @property {string} created_at
 * @property {CommentStatus} status
 * @property {string | null} client_id
 * @property {string | null} request_hash
 * @property {string | null} edit_token_hash SHA-256 (base64url) of the author's edit token
 * @property {string | null} edited_at when the author last changed the body
 * @property {string | null} moderator_id set for a reply a moderator wrote in the moderation app
 */

/** Largest page of top-level comments a caller may ask for. */
export const MAX_PAGE_SIZE = 200;
/** Page size when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 50;

/** The columns of the comments table, in the order of CommentRow. */
export const COLUMN_NAMES = /** @type {const} */ ([
  'id',
  'thread',
  'parent_id',
  'root_id',
  'author_name',
  'author_email',
  'author_url',
  'body',
  'created_at',
  'status',
  'client_id',
  'request_hash',
  'edit_token_hash',
  'edited_at',
  'moderator_id',
]);

/** The column list for SELECT and INSERT. */
export const COLUMNS = COLUMN_NAMES.join(', ');

/** The canonical fingerprint of a submission: a retry must match it exactly to count as the same. */
export function submissionHash(/** @type {string} */ thread, /** @type {Submission} */ submission) {
  const { parentId, author, body } = submission;
  const canonical = JSON.stringify([thread, parentId, author.name, author.email, author.url, body]);
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * A fresh, URL-safe comment id (96 random bits). Never starting with "-": a moderator types it
 * after `moderate approve`, where it would read as an option (1 id in 64 did).
 */
export function newCommentId() {
  const id = randomBytes(12).toString('base64url');
  return id.startsWith('-') ? `c${id.slice(1)}` : id;
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
  // Only on edited comments, so a v1 client sees exactly the v1 shape for all others.
  if (row.edited_at !== null) comment.editedAt = row.edited_at;
  // Only when true, so every other comment looks exactly as in contract v1.
  if (row.moderator_id !== null) comment.byOwner = true;
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
  // A moderator should know that a pending comment is its author's second version.
  if (row.edited_at !== null) comment.editedAt = row.edited_at;
  return comment;
}

/**
 * The row insertComment stores, checked: the parent (already looked up, or undefined) must be a
 * comment of the same thread, and the date must be valid.
 * @param {string} thread
 * @param {NewComment} comment
 * @param {CommentRow | undefined} parent the stored row of comment.parentId, if any
 * @returns {CommentRow}
 */
export function newCommentRow(thread, comment, parent) {
  const parentId = comment.parentId ?? null;
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
  return {
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
    edit_token_hash: comment.editTokenHash ?? null,
    edited_at: null,
    moderator_id: comment.moderatorId ?? null,
  };
}

/**
 * Why a reader may not change (edit or delete) a stored comment with their token, or null when
 * they may. Checked in this order, so a forged token learns nothing about the comment:
 * - 'not_found': no such comment in this thread;
 * - 'invalid_token': the token is not this comment's (forged, another comment's, or the comment
 *   was given none);
 * - 'window_closed': the comment was created before `editableSince`;
 * - 'has_replies': someone replied (a pending reply counts: a moderator may publish it, and it
 *   answers the text as it was).
 * @param {CommentRow | undefined} row
 * @param {string} thread
 * @param {{ tokenHash: string, editableSince: string, replies: number }} check
 * @returns {'not_found' | 'invalid_token' | 'window_closed' | 'has_replies' | null}
 */
export function ownCommentRefusal(row, thread, { tokenHash, editableSince, replies }) {
  if (row === undefined || row.thread !== thread) return 'not_found';
  if (row.edit_token_hash === null || !sameHash(row.edit_token_hash, tokenHash)) return 'invalid_token';
  if (row.created_at < editableSince) return 'window_closed';
  if (replies > 0) return 'has_replies';
  return null;
}

/** Compares two base64url hashes in constant time. */
function sameHash(/** @type {string} */ a, /** @type {string} */ b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Whether a reader may reply to `parent` in `thread`. A rejected parent is treated as absent:
 * readers never saw it, so nobody can reply to it.
 * @param {CommentRow | undefined} parent
 * @param {string} thread
 */
export function canReplyTo(parent, thread) {
  return parent !== undefined && parent.thread === thread && parent.status !== 'rejected';
}

/**
 * What a submission whose clientId is already stored gets: the stored comment again for the same
 * request, a conflict for a different one.
 * @param {string} thread
 * @param {Submission} submission
 * @param {CommentRow} existing the row already stored under submission.clientId
 * @returns {SubmitOutcome}
 */
export function replayOutcome(thread, submission, existing) {
  return existing.request_hash === submissionHash(thread, submission)
    ? { kind: 'replayed', comment: toPublicComment(existing) }
    : { kind: 'conflict' };
}

/**
 * Checks listThread's options and fills in the defaults; throws RangeError or InvalidCursorError.
 * @param {import('../store.js').PageOptions} options
 */
export function pageRequest(options) {
  const { limit = DEFAULT_PAGE_SIZE, cursor = null, sort = 'oldest' } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  if (sort !== 'oldest' && sort !== 'newest') throw new RangeError('sort must be "oldest" or "newest".');
  return { limit, cursor, after: cursor === null ? null : decodeCursor(cursor), newest: sort === 'newest' };
}

/**
 * Puts a page together: each top-level row followed by its replies. `topLevel` holds up to
 * limit + 1 rows (one more than asked tells whether another page exists without a second query).
 * @param {CommentRow[]} topLevel
 * @param {CommentRow[]} replies the published replies under those roots, oldest first
 * @param {number} limit
 * @param {number} total published comments of the thread
 * @returns {ThreadPage}
 */
export function assemblePage(topLevel, replies, limit, total) {
  const hasMore = topLevel.length > limit;
  const shown = hasMore ? topLevel.slice(0, limit) : topLevel;
  /** @type {Map<string, CommentRow[]>} */
  const repliesByRoot = new Map(shown.map((row) => [row.id, []]));
  for (const reply of replies) repliesByRoot.get(reply.root_id)?.push(reply);

  /** @type {Comment[]} */
  const comments = [];
  for (const row of shown) {
    comments.push(toPublicComment(row));
    for (const reply of repliesByRoot.get(row.id) ?? []) comments.push(toPublicComment(reply));
  }
  const last = shown.at(-1);
  return {
    total,
    comments,
    nextCursor:
      hasMore && last !== undefined ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
