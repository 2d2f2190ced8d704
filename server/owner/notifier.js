// @ts-check
// Who is told what, and when: each new comment to every --notify address (with Approve and
// Reject links while it waits) and to the webhook; a reader's opt-in confirmation; each reply
// that becomes published to the readers subscribed to its parent. It only enqueues: the delivery
// worker sends, so nothing here can slow down or fail the request that caused it.
import { randomBytes } from 'node:crypto';
import { confirmSubscription, moderatorNotice, oneLine, replyNotice, threadName } from './mail-messages.js';

/** How long an unsubscribe link works: longer than the others, a reader may act on an old email. */
export const UNSUBSCRIBE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * @typedef {object} NotifierOptions
 * @property {import('../store.js').CommentStore} store
 * @property {import('../store/owner-store.js').OwnerStore} owner
 * @property {import('./signed-links.js').LinkSigner} signer
 * @property {string[]} notify moderator addresses
 * @property {boolean} webhook whether a webhook is configured
 * @property {() => string} baseUrl how links reach this server, no trailing slash
 * @property {(channel: 'mail' | 'webhook', payload: unknown) => Promise<void>} enqueue
 */

/** The page link of a comment, or null when the page is unknown. */
export function commentLink(/** @type {string | null} */ pageUrl, /** @type {string} */ id) {
  if (pageUrl === null) return null;
  const url = new URL(pageUrl);
  url.hash = `comment-${id}`;
  return url.href;
}

/** @param {NotifierOptions} options */
export function createNotifier(options) {
  const { store, owner, signer } = options;
  const link = (/** @type {string} */ token) => `${options.baseUrl()}/links/${token}`;

  /**
   * A new comment was stored with `status` ('spam' ones tell nobody).
   * @param {{ id: string, status: 'published' | 'pending' | 'spam', reason: string | null }} accepted
   */
  async function commentAccepted(accepted) {
    if (accepted.status === 'spam') return;
    const comment = await store.getComment(accepted.id);
    if (comment === null) return;
    const [thread, parent] = await Promise.all([
      owner.getThread(comment.thread),
      comment.parentId === null ? null : store.getComment(comment.parentId),
    ]);
    const pending = comment.status === 'pending';
    const links = pending
      ? { approve: link(signer.sign('approve', comment.id)), reject: link(signer.sign('reject', comment.id)) }
      : null;
    const adminUrl = `${options.baseUrl()}/admin/`;
    for (const to of options.notify) {
      const reason = pending ? accepted.reason : null;
      await options.enqueue(
        'mail',
        moderatorNotice({ to, comment, parent, thread, links, adminUrl, reason }),
      );
    }
    if (options.webhook) {
      await options.enqueue('webhook', {
        // Slack's and Mattermost's incoming webhooks show `text` and ignore the rest.
        text: `${pending ? 'Waiting for approval' : 'Published'}: ${oneLine(comment.author.name)} on "${threadName(thread)}": ${oneLine(comment.body, 200)} ${adminUrl}`,
        event: 'comment.created',
        comment: {
          id: comment.id,
          thread: comment.thread,
          parentId: comment.parentId,
          // The email stays out: a webhook often lands in a shared chat channel.
          author: { name: comment.author.name, url: comment.author.url },
          body: comment.body,
          createdAt: comment.createdAt,
          status: comment.status,
          link: commentLink(thread.url, comment.id),
        },
        thread,
        parent:
          parent === null ? null : { id: parent.id, author: { name: parent.author.name }, body: parent.body },
        links: { ...links, admin: adminUrl },
      });
    }
    if (comment.status === 'published') await replyPublished(comment.id);
  }

  /**
   * A reader asked for replies to comment `commentId` by email: store the (unconfirmed) wish and
   * send the confirmation.
   * @param {string} commentId
   * @param {string} email
   */
  async function subscribe(commentId, email) {
    const comment = await store.getComment(commentId);
    if (comment === null) return;
    const id = randomBytes(12).toString('base64url');
    await owner.addSubscription({ id, commentId, email, now: new Date().toISOString() });
    const thread = await owner.getThread(comment.thread);
    const confirmUrl = link(signer.sign('confirm', id));
    await options.enqueue(
      'mail',
      confirmSubscription({ to: email, name: comment.author.name, thread, confirmUrl }),
    );
  }

  /**
   * Comment `id` is published now: tell the confirmed subscribers of its parent, once each, and
   * never its own author.
   * @param {string} id
   */
  async function replyPublished(id) {
    const reply = await store.getComment(id);
    if (reply === null || reply.status !== 'published' || reply.parentId === null) return;
    const subscriptions = await owner.confirmedSubscriptions(reply.parentId);
    if (subscriptions.length === 0) return;
    const thread = await owner.getThread(reply.thread);
    const own = reply.author.email?.toLowerCase() ?? null;
    for (const subscription of subscriptions) {
      if (subscription.email.toLowerCase() === own) continue;
      // Approve, reject, approve again must not mail twice.
      const once = `reply:${reply.id}:${subscription.id}`;
      if (!(await owner.useLink(once, new Date(Date.now() + UNSUBSCRIBE_LIFETIME_MS).toISOString())))
        continue;
      const unsubscribeUrl = link(
        signer.sign('unsubscribe', subscription.id, { lifetimeMs: UNSUBSCRIBE_LIFETIME_MS }),
      );
      await options.enqueue(
        'mail',
        replyNotice({
          to: subscription.email,
          reply,
          thread,
          replyUrl: commentLink(thread.url, reply.id),
          unsubscribeUrl,
        }),
      );
    }
  }

  return { commentAccepted, subscribe, replyPublished };
}

/** @typedef {ReturnType<typeof createNotifier>} Notifier */
