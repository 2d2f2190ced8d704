// @ts-check
// The owner's tables (migration 007): moderators, sessions, sign-in throttle, settings, used
// links, reply subscriptions, thread pages, and the moderation app's view of
// comments (four statuses, search, counts). A second interface beside CommentStore, on the same
// database, so the reader-facing store stays as it is; every method returns a Promise.

/** @typedef {'pending' | 'published' | 'spam' | 'rejected'} QueueStatus */
/** @typedef {'approve' | 'reject' | 'spam'} StatusAction */

/**
 * @typedef {object} ThreadInfo
 * @property {string} id
 * @property {string | null} url
 * @property {string | null} title
 */

/**
 * A comment as the moderation app shows it.
 * @typedef {object} OwnerComment
 * @property {string} id
 * @property {ThreadInfo} thread
 * @property {string | null} parentId
 * @property {{ id: string, author: { name: string }, body: string, status: QueueStatus } | null} parent
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 * @property {string} createdAt
 * @property {QueueStatus} status
 * @property {boolean} byOwner
 */

/** @typedef {{ id: string, email: string, name: string }} Moderator */
/** @typedef {Moderator & { passwordHash: string }} ModeratorWithHash */
/** @typedef {{ email: string, name: string, createdAt: string, lastSignInAt: string | null }} ModeratorListing */
/** @typedef {{ id: string, commentId: string, email: string, state: 'unconfirmed' | 'confirmed' | 'unsubscribed' }} Subscription */
/** @typedef {Record<QueueStatus, number>} StatusCounts */

/**
 * @typedef {object} OwnerStore
 * @property {(moderator: { email: string, name: string, passwordHash: string }) => Promise<'added' | 'updated'>} saveModerator
 *   adds a moderator, or sets the name and password of the one with this email
 * @property {() => Promise<ModeratorListing[]>} listModerators
 * @property {(email: string) => Promise<boolean>} removeModerator also ends their sessions; false: unknown
 * @property {(email: string) => Promise<ModeratorWithHash | null>} findModerator case-insensitive email
 * @property {(session: { tokenHash: string, moderatorId: string, csrfToken: string, now: string, expiresAt: string }) => Promise<void>} createSession
 * @property {(tokenHash: string, now: string) => Promise<{ moderator: Moderator, csrfToken: string } | null>} findSession
 *   null for an unknown or expired session
 * @property {(tokenHash: string) => Promise<void>} deleteSession
 * @property {(key: string, now: string) => Promise<void>} recordSignInFailure
 * @property {(key: string, since: string) => Promise<{ count: number, oldest: string | null }>} signInFailures
 * @property {(key: string) => Promise<void>} clearSignInFailures
 * @property {(name: string) => Promise<unknown>} getSetting the stored JSON value, or null
 * @property {(name: string, value: unknown) => Promise<void>} putSetting
 * @property {(name: string, make: () => string) => Promise<string>} settingOnce
 *   the stored value, or `make()` stored first; two instances racing keep the same one
 * @property {(nonce: string, expiresAt: string) => Promise<boolean>} useLink true the first time only
 * @property {(nonce: string) => Promise<boolean>} isLinkUsed
 * @property {(thread: string, page: { url: string | null, title: string | null }, now: string) => Promise<void>} noteThread
 *   remembers the latest page (and title) a comment of this thread was posted from
 * @property {(thread: string) => Promise<ThreadInfo>} getThread
 * @property {(email: string) => Promise<boolean>} hasPublishedComment any comment with this email is published
 * @property {(options: { status: QueueStatus, query: string, offset: number, limit: number }) => Promise<{ comments: OwnerComment[], total: number }>} queue
 *   pending oldest first, the others newest first; `query` matches text, name or email
 * @property {() => Promise<StatusCounts>} countByStatus
 * @property {(id: string) => Promise<OwnerComment | null>} getOwnerComment
 * @property {(ids: string[], action: StatusAction) => Promise<{ id: string, before: QueueStatus }[]>} moderate
 *   changes those that are not already there; returns them with their status before
 * @property {(id: string, body: string) => Promise<boolean>} editBody false: unknown id
 * @property {(subscription: { id: string, commentId: string, email: string, now: string }) => Promise<void>} addSubscription
 * @property {(id: string) => Promise<Subscription | null>} getSubscription
 * @property {(id: string, state: Subscription['state']) => Promise<boolean>} setSubscriptionState
 *   false when it was already in that state (or is unknown)
 * @property {(commentId: string) => Promise<Subscription[]>} confirmedSubscriptions
 */

/**
 * The owner store on the same database as `comments`.
 * @param {import('../store.js').CommentStore} comments
 * @returns {Promise<OwnerStore>}
 */
export async function openOwnerStore(comments) {
  if (comments.engine === 'sqlite') {
    const { SqliteOwnerStore } = await import('./sqlite-owner-store.js');
    return new SqliteOwnerStore(/** @type {import('./sqlite-store.js').SqliteStore} */ (comments).db);
  }
  const { PostgresOwnerStore } = await import('./postgres-owner-store.js');
  return new PostgresOwnerStore(/** @type {import('./postgres-store.js').PostgresStore} */ (comments));
}
