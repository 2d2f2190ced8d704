// @ts-check
// The moderation API, for the blog owner: list, approve, reject, delete. Guarded by a bearer
// token; with no token configured every request is refused.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';
import { commentIdParamsSchema, moderationQuerySchema } from './schemas.js';

/**
 * @typedef {object} AdminRoutesOptions
 * @property {import('./store.js').CommentStore} store
 * @property {string | null} adminToken
 * @property {import('./owner/owner.js').Owner} owner told when a comment becomes published
 * @property {import('./comment-routes.js').RouteRateLimit} rateLimit
 */

const digest = (/** @type {string} */ text) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Builds the check for an Authorization header. Both sides are hashed first so the comparison is
 * constant-time whatever the lengths, and the token's length does not leak either.
 * @param {string | null} adminToken
 * @returns {(authorization: string | undefined) => boolean}
 */
export function bearerTokenCheck(adminToken) {
  if (adminToken === null || adminToken === '') return () => false;
  const expected = digest(adminToken);
  return (authorization) => {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]), expected);
  };
}

function commentNotFound() {
  return new ApiError(404, 'comment_not_found', 'No comment has this id.', null);
}

/**
 * GET /admin/comments, POST /admin/comments/:id/approve|reject, DELETE /admin/comments/:id.
 * @type {import('fastify').FastifyPluginAsync<AdminRoutesOptions>}
 */
export const adminRoutes = async (app, { store, adminToken, owner, rateLimit }) => {
  const isAuthorized = bearerTokenCheck(adminToken);

  // preParsing: after the rate limiter (onRequest), so guessing tokens is throttled too, and
  // before any body is read.
  app.addHook('preParsing', async (request, reply) => {
    if (!isAuthorized(request.headers.authorization)) {
      reply.header('WWW-Authenticate', 'Bearer realm="recovery-comments moderation"');
      throw new ApiError(
        401,
        'unauthorized',
        'A valid moderator token is required (Authorization: Bearer <token>).',
      );
    }
  });

  const config = { rateLimit };

  app.get('/comments', { schema: { querystring: moderationQuerySchema }, config }, async (request) => {
    const query =
      /** @type {{ status?: import('./store.js').CommentStatus, thread?: string, limit?: string }} */ (
        request.query
      );
    const comments = await store.listForModeration({
      status: query.status ?? 'pending',
      thread: query.thread ?? null,
      limit: query.limit === undefined ? 500 : Number(query.limit),
    });
    return { comments };
  });

  for (const [action, status] of /** @type {const} */ ([
    ['approve', 'published'],
    ['reject', 'rejected'],
  ])) {
    app.post(
      `/comments/:id/${action}`,
      { schema: { params: commentIdParamsSchema }, config },
      async (request) => {
        const { id } = /** @type {{ id: string }} */ (request.params);
        const before = await store.getComment(id);
        const comment = await store.setStatus(id, status);
        if (comment === null) throw commentNotFound();
        // Reply notifications go out when a reply becomes published, whoever approves it.
        if (status === 'published' && before?.status !== 'published') owner.published([id]);
        return { comment };
      },
    );
  }

  app.delete('/comments/:id', { schema: { params: commentIdParamsSchema }, config }, async (request) => {
    const { id } = /** @type {{ id: string }} */ (request.params);
    const deleted = await store.deleteComment(id);
    if (deleted === 0) throw commentNotFound();
    return { id, deleted };
  });
};
