// @ts-check
// PATCH and DELETE /threads/:thread/comments/:id (contract v1.1): the author changes or removes
// their own comment with the edit token from the POST answer, within the edit window and only
// while nobody has replied. Every refusal changes nothing, and a forged token learns nothing
// about the comment (the token is checked before anything else is said).
import { ApiError } from './errors.js';
import { bearerEditToken, editableSince, editTokenHash } from './edit-token.js';
import { commentParamsSchema, commentSchema, editSchema } from './schemas.js';

/**
 * @typedef {object} OwnCommentRoutesOptions
 * @property {import('./store.js').CommentStore} store
 * @property {'pre' | 'off'} moderation
 * @property {import('./comment-routes.js').RouteRateLimit} writeLimit
 * @property {number} editWindowSeconds
 */

/** The words of each refusal. */
const REFUSALS = {
  not_found: () => new ApiError(404, 'comment_not_found', 'No comment has this id in this thread.'),
  invalid_token: () =>
    new ApiError(
      403,
      'edit_token_invalid',
      'Only the person who wrote this comment can change it, from the browser they wrote it in.',
    ),
  window_closed: (/** @type {number} */ seconds) =>
    new ApiError(
      403,
      'edit_window_closed',
      `A comment can be changed for ${describeWindow(seconds)} after it is posted; this one can no longer be changed.`,
    ),
  has_replies: () =>
    new ApiError(
      409,
      'comment_has_replies',
      'Someone has replied to this comment, so it can no longer be changed.',
    ),
};

/** "15 minutes", "1 minute", "90 seconds". */
export function describeWindow(/** @type {number} */ seconds) {
  if (seconds % 60 === 0 && seconds > 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/**
 * @type {import('fastify').FastifyPluginAsync<OwnCommentRoutesOptions>}
 */
export const ownCommentRoutes = async (app, { store, moderation, writeLimit, editWindowSeconds }) => {
  const config = { rateLimit: writeLimit };

  // preParsing, as the moderation API does: after the rate limiter, before any body is read, so
  // a request without a token is refused without reading it.
  const requireToken = async (
    /** @type {import('fastify').FastifyRequest} */ request,
    /** @type {import('fastify').FastifyReply} */ reply,
  ) => {
    if (bearerEditToken(request.headers.authorization) !== null) return;
    reply.header('WWW-Authenticate', 'Bearer realm="recovery-comments"');
    throw new ApiError(
      401,
      'edit_token_required',
      'Changing a comment needs its edit token (Authorization: Bearer <editToken>).',
    );
  };

  /** The check the store runs in the same transaction as the change. */
  const checkOf = (/** @type {import('fastify').FastifyRequest} */ request) => ({
    tokenHash: editTokenHash(/** @type {string} */ (bearerEditToken(request.headers.authorization))),
    editableSince: editableSince(editWindowSeconds),
  });

  const refuse = (/** @type {import('./store.js').OwnCommentRefusal} */ outcome) =>
    outcome.kind === 'window_closed' ? REFUSALS.window_closed(editWindowSeconds) : REFUSALS[outcome.kind]();

  app.patch(
    '/threads/:thread/comments/:id',
    {
      schema: {
        params: commentParamsSchema,
        body: editSchema,
        response: { 200: commentSchema, 202: commentSchema },
      },
      config,
      preParsing: requireToken,
    },
    async (request, reply) => {
      const { thread, id } = /** @type {{ thread: string, id: string }} */ (request.params);
      const { body } = /** @type {{ body: string }} */ (request.body);
      const outcome = await store.editOwnComment(thread, id, {
        ...checkOf(request),
        body,
        editedAt: new Date().toISOString(),
        moderated: moderation === 'pre',
      });
      if (outcome.kind !== 'edited' && outcome.kind !== 'unchanged') throw refuse(outcome);
      // 202, as for a POST: the edit waits for a moderator before anyone sees it.
      return reply.code(outcome.comment.status === 'published' ? 200 : 202).send(outcome.comment);
    },
  );

  app.delete(
    '/threads/:thread/comments/:id',
    { schema: { params: commentParamsSchema }, config, preParsing: requireToken },
    async (request, reply) => {
      const { thread, id } = /** @type {{ thread: string, id: string }} */ (request.params);
      const outcome = await store.deleteOwnComment(thread, id, checkOf(request));
      if (outcome.kind !== 'deleted') throw refuse(outcome);
      return reply.code(204).send();
    },
  );
};
