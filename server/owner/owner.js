// @ts-check
// The owner's side of one server, put together: the owner store, the link secret, the trust
// rules, mail and webhook senders, the delivery worker and the notifier. app.js builds one of
// these and hands it to the routes.
import { randomBytes } from 'node:crypto';
import { openOwnerStore } from '../store/owner-store.js';
import { startDeliveryWorker } from './delivery-queue.js';
import { logSender, smtpSender } from './mail-transport.js';
import { createNotifier } from './notifier.js';
import { linkSigner } from './signed-links.js';
import { DEFAULT_TRUST_RULES, decideStatus, normalizeTrustRules } from './trust-rules.js';
import { webhookSender } from './webhook.js';

/**
 * @typedef {object} OwnerOptions
 * @property {string | null} [smtp] an smtp:// or smtps:// URL, 'log' (write emails to the log and
 *   offer reply notifications: the demo), or null (moderator emails go to the log; readers are
 *   offered nothing)
 * @property {string} [from] the From address of every email
 * @property {string[]} [notify] addresses told of each new comment
 * @property {string | null} [publicUrl] how links in emails reach this server (default: its own URL)
 * @property {string | null} [webhook] an http(s) URL each new comment is POSTed to
 * @property {Partial<import('./trust-rules.js').TrustRules> | null} [trustRules] from flags: stored at
 *   start, so the flags win over what the app saved before; the app can change them afterwards
 * @property {import('./delivery-queue.js').RetryPolicy} [retry]
 * @property {(text: string) => void} [mailLog] where logged emails go (default stdout)
 * @property {string[]} [origins] the blog origins (--origin): a POST's pageUrl must be on one of
 *   them or on this server, or it is not used in emails and the app
 */

/** The settings rows: the trust rules, the link secret, and how links reach the server. */
const RULES = 'trust_rules';
const SECRET = 'link_secret';
const PUBLIC_URL = 'public_url';

/** The signer of this database's links (its secret is made once, by whoever comes first). */
async function signerOf(/** @type {import('../store/owner-store.js').OwnerStore} */ owner) {
  const secret = await owner.settingOnce(SECRET, () => randomBytes(32).toString('base64url'));
  return linkSigner(Buffer.from(secret, 'base64url'));
}

/**
 * Reply notifications for a comment approved outside the server (`moderate approve`): queued in
 * the database, where a running server's delivery worker finds and sends them. Does nothing
 * before a server with mail has run on this database (no links would reach it).
 * @param {import('../store.js').CommentStore} store
 * @param {string} id the comment just published
 */
export async function queueReplyNotifications(store, id) {
  const owner = await openOwnerStore(store);
  const baseUrl = /** @type {string | null} */ (await owner.getSetting(PUBLIC_URL));
  if (baseUrl === null) return;
  const notifier = createNotifier({
    store,
    owner,
    signer: await signerOf(owner),
    notify: [],
    webhook: false,
    baseUrl: () => baseUrl,
    enqueue: async (channel, payload) => {
      await store.enqueueJob(channel, payload);
    },
  });
  await notifier.replyPublished(id);
}

/**
 * @param {import('../store.js').CommentStore} store
 * @param {OwnerOptions} options
 * @param {import('fastify').FastifyBaseLogger} log
 */
export async function createOwner(store, options, log) {
  const owner = await openOwnerStore(store);
  const signer = await signerOf(owner);
  if (options.trustRules) {
    const current = normalizeTrustRules((await owner.getSetting(RULES)) ?? DEFAULT_TRUST_RULES);
    await owner.putSetting(RULES, normalizeTrustRules({ ...current, ...options.trustRules }));
  }

  const smtp = options.smtp ?? null;
  const mailMode = smtp === null ? (options.notify?.length ? 'log' : 'off') : smtp === 'log' ? 'log' : 'smtp';
  let baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? null;
  const from =
    options.from ??
    `recovery-comments <comments@${baseUrl === null ? 'localhost' : new URL(baseUrl).hostname}>`;
  const mail =
    smtp !== null && smtp !== 'log'
      ? smtpSender(smtp, from)
      : logSender(options.mailLog ?? ((text) => process.stdout.write(text)), from);
  const webhook = options.webhook ? webhookSender(options.webhook) : null;

  const worker = startDeliveryWorker({
    store,
    senders: {
      mail,
      webhook: webhook ?? (async () => Promise.reject(new Error('no webhook is configured any more'))),
    },
    log,
    retry: options.retry,
  });
  const notifier = createNotifier({
    store,
    owner,
    signer,
    notify: options.notify ?? [],
    webhook: webhook !== null,
    baseUrl: () => baseUrl ?? 'http://127.0.0.1',
    enqueue: async (channel, payload) => {
      await store.enqueueJob(channel, payload);
      worker.kick();
    },
  });

  /** Runs a notification step after the answer; a failure there is logged, never thrown. */
  const later = (/** @type {string} */ what, /** @type {() => Promise<void>} */ step) => {
    setImmediate(() => step().catch((error) => log.error({ err: error }, `could not ${what}`)));
  };

  return {
    owner,
    signer,
    /** What the page answers offer readers (contract v1.1 `offers`). */
    offers: { notify: smtp !== null },
    notifications: {
      mail: /** @type {'smtp' | 'log' | 'off'} */ (mailMode),
      notify: options.notify ?? [],
      webhook: webhook !== null,
    },
    baseUrl: () => baseUrl ?? 'http://127.0.0.1',
    /** Sets the link base to the server's own URL once it listens, unless --public-url said. */
    async listeningAt(/** @type {string} */ url) {
      baseUrl ??= url;
      // For `moderate approve`, which queues reply emails with links to this server.
      if (smtp !== null) await owner.putSetting(PUBLIC_URL, baseUrl);
    },
    /**
     * The page a POST says it came from, kept only when it is on an allowed origin (a link in an
     * email must not lead anywhere a commenter chooses).
     * @param {string | null} pageUrl
     * @param {string | null} title
     */
    pageOf(pageUrl, title) {
      const allowed = new Set(options.origins ?? []);
      if (baseUrl !== null) allowed.add(new URL(baseUrl).origin);
      let url = null;
      // URL.parse: an address that is no URL at all is ignored like one on another origin.
      const parsed = pageUrl !== null && pageUrl.trim() !== '' ? URL.parse(pageUrl) : null;
      if (parsed !== null && allowed.has(parsed.origin)) url = parsed.href;
      else if (parsed !== null || (pageUrl ?? '').trim() !== '')
        log.info({ pageUrl }, 'pageUrl not on an allowed origin; not used');
      const cleanTitle = title === null ? null : title.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || null;
      return { url, title: cleanTitle };
    },
    /** The stored trust rules (read each time: another instance may have changed them). */
    async rules() {
      return normalizeTrustRules((await owner.getSetting(RULES)) ?? DEFAULT_TRUST_RULES);
    },
    async saveRules(/** @type {unknown} */ input) {
      const rules = normalizeTrustRules(input);
      await owner.putSetting(RULES, rules);
      return rules;
    },
    /**
     * The status a new comment gets.
     * @param {import('../store.js').Submission} submission
     * @param {string | null} ip
     * @param {'pre' | 'off'} moderation
     */
    async decide(submission, ip, moderation) {
      const email = submission.author.email;
      const emailHasPublished = email === null ? false : await owner.hasPublishedComment(email);
      return decideStatus({ ...submission, ip, moderation, emailHasPublished }, await this.rules());
    },
    /**
     * After a new comment is stored: file spam, remember the page, and (after the answer) tell
     * whoever should be told.
     * @param {{ thread: string, id: string, decision: import('./trust-rules.js').Decision, page: { url: string | null, title: string | null }, subscribe: string | null }} accepted
     */
    async accepted({ thread, id, decision, page, subscribe }) {
      if (decision.status === 'spam') await owner.moderate([id], 'spam');
      if (page.url !== null || page.title !== null)
        await owner.noteThread(thread, page, new Date().toISOString());
      later('send the new-comment notifications', async () => {
        await notifier.commentAccepted({ id, status: decision.status, reason: decision.reason });
        if (subscribe !== null && decision.status !== 'spam' && smtp !== null)
          await notifier.subscribe(id, subscribe);
      });
    },
    /** After comments became published (approved, or written by a moderator). */
    published(/** @type {string[]} */ ids) {
      later('send the reply notifications', async () => {
        for (const id of ids) await notifier.replyPublished(id);
      });
    },
    async close() {
      await worker.stop();
      mail.close();
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof createOwner>>} Owner */
