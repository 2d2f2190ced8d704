// @ts-check
// The public API of §4: read a page of a thread, post a comment.
import { ApiError } from './errors.js';
import {
  commentSchema,
  pageQuerySchema,
  pageSchema,
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
 * @property {'pre' | 'off'} moderation
 * @property {RouteRateLimit} readLimit
 * @property {RouteRateLimit} writeLimit
 */

/**
 * The body of a POST after schema validation (unknown properties already stripped).
 * @typedef {object} SubmissionBody
 * @property {string} clientId
 * @property {string | null} [parentId]
 * @property {{ name: string, email?: string | null, url?: string | null }} author
 * @property {string} body
 * @property {string | null} [hp]
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
export const commentRoutes = async (app, { store, moderation, readLimit, writeLimit }) => {
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
        body = reply.serialize({ thread, ...page });
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
        response: { 200: commentSchema, 201: commentSchema, 202: commentSchema },
      },
      config: { rateLimit: writeLimit },
    },
    async (request, reply) => {
      const { thread } = /** @type {{ thread: string }} */ (request.params);
      const body = /** @type {SubmissionBody} */ (request.body);
      const submission = toSubmission(body);

      // A bot filled the field humans never see: answer exactly like a pending success so it
      // learns nothing, and keep nothing.
      if (typeof body.hp === 'string' && body.hp !== '') {
        request.log.info({ thread }, 'honeypot filled; comment dropped');
        return reply.code(202).send(unsavedPendingComment(submission));
      }

      const outcome = await store.submitComment(
        thread,
        submission,
        moderation === 'off' ? 'published' : 'pending',
      );
      switch (outcome.kind) {
        case 'created':
          return reply.code(outcome.comment.status === 'published' ? 201 : 202).send(outcome.comment);
        case 'replayed':
          return reply.code(200).send(outcome.comment);
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
