// @ts-check
// The public API of §4: read a page of a thread, post a comment.
import { ApiError } from './errors.js';
import { CACHE_CONTROL, conditionalGet } from './http-cache.js';
import { editableUntil, editTokenHash, newEditToken } from './edit-token.js';
import { acceptedPageUrl } from './page-url.js';
import { isMailbox } from './owner/mailbox.js';
import {
  pageQuerySchema,
  pageSchema,
  postedCommentSchema,
  submissionSchema,
  threadParamsSchema,
} from './schemas.js';
import { DEFAULT_PAGE_SIZE, newCommentId } from './store.js';

/**
 * A route's rateLimit config; with `sharedScope` it is counted in the database (rate-limit-store.js).
 * @typedef {{ max: number, timeWindow: number, sharedScope?: string }} RouteRateLimit
 */

/**
 * @typedef {object} CommentRoutesOptions
 * @property {import('./store.js').CommentStore} store
 * @property {import('./owner/owner.js').Owner} owner trust rules, notifications (issue 11)
 * @property {'pre' | 'off'} moderation
 * @property {RouteRateLimit} readLimit
 * @property {RouteRateLimit} writeLimit
 * @property {number} editWindowSeconds how long authors may edit or delete; 0: not at all
 * @property {ReadonlySet<string>} allowedOrigins where a POST's pageUrl may point
 */

/**
 * The body of a POST after schema validation (unknown properties already stripped).
 * @typedef {object} SubmissionBody
 * @property {string} clientId
 * @property {string | null} [parentId]
 * @property {{ name: string, email?: string | null, url?: string | null }} author
 * @property {string} body
 * @property {string | null} [hp]
 * @property {boolean} [notify] contract v1.1: email me when someone replies (needs an email)
 * @property {string | null} [pageUrl] contract v1.1: the page the reader is on
 * @property {string} [threadTitle] the element's thread-title, for the moderation app and emails
 */

/** Turns a validated POST body into what the store takes: blank email/url mean "not given". */
export function toSubmission(/** @type {SubmissionBody} */ body) {
  const blankToNull = (/** @type {string | null | undefined} */ value) =>
    value === undefined || value === null || value.trim() === '' ? null : value;
  /** @type {import('./store.js').Submission} */
  const submission = {
    // UUIDs are case-insensitive; one spelling keeps a retry from looking like a new comment.
    clientId: body.clientId.toLowerCase(),
    parentId: body.parentId ?? null,
    author: {
      name: body.author.name,
      email: blankToNull(body.author.email),
      url: blankToNull(body.author.url),
    },
    body: body.body,
  };
  return submission;
}

/**
 * GET and POST /threads/:thread/comments.
 * @type {import('fastify').FastifyPluginAsync<CommentRoutesOptions>}
 */
export const commentRoutes = async (
  app,
  { store, owner, moderation, readLimit, writeLimit, editWindowSeconds, allowedOrigins },
) => {
  // Only what this server offers beyond v1; a page of a server that offers nothing is exactly v1's.
  const offered = {
    ...(editWindowSeconds > 0 ? { editWindowSeconds } : {}),
    ...(owner.offers.notify ? { notify: true } : {}),
  };
  const offers = Object.keys(offered).length > 0 ? { offers: offered } : {};
  /**
   * A Comment as its author gets it back from a POST: with a fresh edit token while editing is on.
   * @param {import('./store.js').Comment} comment
   * @param {string | null} token
   */
  const withEditToken = (comment, token) =>
    token === null
      ? comment
      : { ...comment, editToken: token, editableUntil: editableUntil(comment.createdAt, editWindowSeconds) };

  /** @type {WeakMap<import('./store.js').ThreadPage, ReturnType<import('fastify').FastifyReply['serialize']>>} pages (from the store's cache) and their JSON */
  const serializedPages = new WeakMap();
  // Fastify parses text/plain by default; a comment must come as JSON, which also means a
  // cross-origin POST always needs a CORS preflight that the allow-list can refuse.
  app.removeContentTypeParser('text/plain');

  app.get(
    '/threads/:thread/comments',
    {
      schema: { params: threadParamsSchema, querystring: pageQuerySchema, response: { 200: pageSchema } },
      config: { rateLimit: readLimit },
      onSend: conditionalGet(CACHE_CONTROL.page),
    },
    async (request, reply) => {
      const { thread } = /** @type {{ thread: string }} */ (request.params);
      const query = /** @type {{ limit?: string, cursor?: string, sort?: 'oldest' | 'newest' }} */ (
        request.query
      );
      const page = await store.listThread(thread, {
        limit: query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit),
        cursor: query.cursor ?? null,
        sort: query.sort ?? 'oldest',
      });
      // A page the store's cache answered is the same object as last time: send the JSON made
      // then (by the response schema's serializer, as for any answer) instead of making it again.
      let body = serializedPages.get(page);
      if (body === undefined) {
        body = reply.serialize({ thread, ...page, ...offers });
        serializedPages.set(page, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.post(
    '/threads/:thread/comments',
    {
      schema: {
        params: threadParamsSchema,
        body: submissionSchema,
        response: { 200: postedCommentSchema, 201: postedCommentSchema, 202: postedCommentSchema },
      },
      config: { rateLimit: writeLimit },
    },
    async (request, reply) => {
      const { thread } = /** @type {{ thread: string }} */ (request.params);
      const body = /** @type {SubmissionBody} */ (request.body);
      const token = editWindowSeconds > 0 ? newEditToken() : null;
      const submission = {
        ...toSubmission(body),
        editTokenHash: token === null ? null : editTokenHash(token),
      };

      // A bot filled the field humans never see: answer exactly like a pending success so it
      // learns nothing, and keep nothing (its token opens nothing).
      if (typeof body.hp === 'string' && body.hp !== '') {
        request.log.info({ thread }, 'honeypot filled; comment dropped');
        return reply.code(202).send(withEditToken(unsavedPendingComment(submission), token));
      }

      const subscribe = body.notify === true && owner.offers.notify ? submission.author.email : null;
      if (body.notify === true && owner.offers.notify && subscribe === null) {
        throw new ApiError(
          422,
          'email_required',
          'To be emailed when someone replies, please enter your email address.',
          'author.email',
        );
      }
      // An address we will write into a mail header: stricter than the stored one may be.
      if (subscribe !== null && !isMailbox(subscribe)) {
        throw new ApiError(
          422,
          'email_invalid',
          'Please enter a valid email address to be emailed about replies.',
          'author.email',
        );
      }
      const decision = await owner.decide(submission, request.ip, moderation);
      // Spam is stored as rejected (and then marked): its author is answered exactly as for a
      // held comment, so a spammer learns nothing from the answer.
      const status = decision.status === 'spam' ? 'rejected' : decision.status;
      const outcome = await store.submitComment(thread, submission, status);
      // Checked against the allowed origins; one that fails is ignored, never a refused comment.
      const pageUrl = acceptedPageUrl(body.pageUrl, allowedOrigins);
      if ((outcome.kind === 'created' || outcome.kind === 'replayed') && pageUrl !== null) {
        await store.setThreadPage(thread, pageUrl);
      }
      switch (outcome.kind) {
        case 'created':
          await owner.accepted({
            thread,
            id: outcome.comment.id,
            decision,
            page: owner.pageOf(body.pageUrl ?? null, body.threadTitle ?? null),
            subscribe,
          });
          return reply
            .code(outcome.comment.status === 'published' ? 201 : 202)
            .send(withEditToken(outcome.comment, token));
        case 'replayed':
          return reply.code(200).send(withEditToken(outcome.comment, token));
        case 'conflict':
          throw new ApiError(
            409,
            'client_id_conflict',
            'A different comment was already sent with this client id. Please send your comment again as a new one.',
            'clientId',
          );
        case 'unknown_parent':
          throw new ApiError(
            422,
            'parent_not_found',
            'The comment you are replying to could not be found. It may have been removed.',
            'parentId',
          );
      }
    },
  );
};

/** What a honeypot hit is told: a pending comment that looks real but was never stored. */
function unsavedPendingComment(/** @type {import('./store.js').Submission} */ submission) {
  /** @type {import('./store.js').Comment} */
  const comment = {
    id: newCommentId(),
    parentId: submission.parentId,
    author: { name: submission.author.name, url: submission.author.url },
    body: submission.body,
    createdAt: new Date().toISOString(),
    status: 'pending',
  };
  return comment;
}
