// @ts-check
// /admin/api: what the moderation app calls. A session cookie signs a moderator in; every
// change must also come from this site (Sec-Fetch-Site / Origin) and carry the session's CSRF
// token in X-CSRF-Token, which another site can neither read nor send.
import fastifyCookie from '@fastify/cookie';
import { ApiError } from '../errors.js';
import { BODY_MAX_LENGTH, ID_MAX_LENGTH } from '../schemas.js';
import { decoyHash, verifyPassword } from './passwords.js';
import {
  clearSessionCookie,
  crossSiteReason,
  newToken,
  sameSecret,
  SESSION_LIFETIME_MS,
  sessionToken,
  setSessionCookie,
  tokenHash,
} from './sessions.js';
import { signInThrottle } from './sign-in-throttle.js';
import { commentLink } from './notifier.js';
import { TrustRulesError } from './trust-rules.js';

/**
 * @typedef {object} AdminApiOptions
 * @property {import('../store.js').CommentStore} store
 * @property {import('./owner.js').Owner} owner
 * @property {{ perEmail: number, perAddress: number, windowMs: number }} [throttle]
 */

/** Most comments one bulk action may change. */
export const MAX_BULK = 200;
const STATUSES = ['pending', 'published', 'spam', 'rejected'];

const unauthorized = () => new ApiError(401, 'signed_out', 'Please sign in.', null);

const signInSchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
};
const queueQuerySchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: STATUSES },
    q: { type: 'string', maxLength: 200 },
    offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,6})$' },
    limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$' },
  },
};
const actionSchema = {
  type: 'object',
  required: ['action', 'ids'],
  additionalProperties: false,
  properties: {
    action: { type: 'string', enum: ['approve', 'reject', 'spam', 'delete'] },
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_BULK,
      items: { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH },
    },
  },
};
const textSchema = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string', pattern: '\\S', maxLength: BODY_MAX_LENGTH } },
};
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH } },
};

/** @type {import('fastify').FastifyPluginAsync<AdminApiOptions>} */
export const adminApi = async (app, { store, owner, throttle: limits }) => {
  await app.register(fastifyCookie);
  const throttle = signInThrottle(owner.owner, limits);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  /** @type {WeakMap<import('fastify').FastifyRequest, { moderator: import('../store/owner-store.js').Moderator, csrfToken: string }>} */
  const sessions = new WeakMap();

  // Every route but sign-in needs a session; every change also the CSRF token.
  app.addHook('preHandler', async (request) => {
    const changes = request.method !== 'GET' && request.method !== 'HEAD';
    if (changes) {
      const reason = crossSiteReason(request);
      if (reason !== null) {
        request.log.warn({ reason }, 'cross-site request to the moderation API refused');
        throw new ApiError(403, 'cross_site', 'This request did not come from the moderation app.', null);
      }
    }
    if (request.routeOptions.url === '/admin/api/session' && request.method === 'POST') return;
    const token = sessionToken(request);
    if (token === null) throw unauthorized();
    const session = await owner.owner.findSession(tokenHash(token), new Date().toISOString());
    if (session === null) throw unauthorized();
    if (changes) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
        throw new ApiError(
          403,
          'csrf',
          'This request did not come from the moderation app. Reload the page.',
          null,
        );
      }
    }
    sessions.set(request, session);
  });
  const sessionOf = (/** @type {import('fastify').FastifyRequest} */ request) => {
    const session = sessions.get(request);
    if (session === undefined) throw unauthorized();
    return session;
  };
  const sessionBody = (
    /** @type {{ moderator: import('../store/owner-store.js').Moderator, csrfToken: string }} */ s,
  ) => ({
    moderator: { email: s.moderator.email, name: s.moderator.name },
    csrfToken: s.csrfToken,
  });

  app.post('/session', { schema: { body: signInSchema } }, async (request, reply) => {
    const { email, password } = /** @type {{ email: string, password: string }} */ (request.body);
    const wait = await throttle.retryAfter(email, request.ip);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw new ApiError(
        429,
        'sign_in_throttled',
        `Too many failed sign-ins. Please wait ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''} and try again.`,
        null,
      );
    }
    const moderator = await owner.owner.findModerator(email.trim());
    // The same scrypt work for an unknown email, so timing does not tell which emails exist.
    const ok = await verifyPassword(password, moderator?.passwordHash ?? (await decoyHash()));
    if (moderator === null || !ok) {
      await throttle.failed(email, request.ip);
      throw new ApiError(
        401,
        'invalid_credentials',
        'This email and password do not match a moderator.',
        'password',
      );
    }
    await throttle.succeeded(email);
    const token = newToken();
    const csrfToken = newToken();
    const now = Date.now();
    await owner.owner.createSession({
      tokenHash: tokenHash(token),
      moderatorId: moderator.id,
      csrfToken,
      now: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_LIFETIME_MS).toISOString(),
    });
    setSessionCookie(reply, token, request.protocol === 'https');
    return sessionBody({ moderator, csrfToken });
  });

  app.get('/session', async (request) => sessionBody(sessionOf(request)));

  app.delete('/session', async (request, reply) => {
    sessionOf(request);
    const token = sessionToken(request);
    if (token !== null) await owner.owner.deleteSession(tokenHash(token));
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/comments', { schema: { querystring: queueQuerySchema } }, async (request) => {
    const query =
      /** @type {{ status?: import('../store/owner-store.js').QueueStatus, q?: string, offset?: string, limit?: string }} */ (
        request.query
      );
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 50);
    const [page, counts] = await Promise.all([
      owner.owner.queue({ status: query.status ?? 'pending', query: query.q ?? '', offset, limit }),
      owner.owner.countByStatus(),
    ]);
    return {
      comments: page.comments.map((comment) => ({
        ...comment,
        link: commentLink(comment.thread.url, comment.id),
      })),
      total: page.total,
      counts,
      offset,
      limit,
    };
  });

  app.post('/comments/actions', { schema: { body: actionSchema } }, async (request) => {
    const { action, ids } =
      /** @type {{ action: 'approve' | 'reject' | 'spam' | 'delete', ids: string[] }} */ (request.body);
    if (action === 'delete') {
      let changed = 0;
      for (const id of new Set(ids)) changed += (await store.deleteComment(id)) > 0 ? 1 : 0;
      return { changed };
    }
    const changed = await owner.owner.moderate(ids, action);
    if (action === 'approve') owner.published(changed.map((comment) => comment.id));
    return { changed: changed.length };
  });

  app.patch('/comments/:id', { schema: { params: idParams, body: textSchema } }, async (request) => {
    const { id } = /** @type {{ id: string }} */ (request.params);
    const { body } = /** @type {{ body: string }} */ (request.body);
    if (!(await owner.owner.editBody(id, body))) throw notFound();
    return { comment: await owner.owner.getOwnerComment(id) };
  });

  app.post(
    '/comments/:id/replies',
    { schema: { params: idParams, body: textSchema } },
    async (request, reply) => {
      const { moderator } = sessionOf(request);
      const { id } = /** @type {{ id: string }} */ (request.params);
      const { body } = /** @type {{ body: string }} */ (request.body);
      const parent = await owner.owner.getOwnerComment(id);
      if (parent === null) throw notFound();
      if (parent.status === 'spam' || parent.status === 'rejected') {
        throw new ApiError(409, 'parent_not_public', 'Approve this comment before replying to it.', null);
      }
      // Replying to a waiting comment approves it: a published reply under a hidden comment would
      // show up on the page without what it answers.
      if (parent.status === 'pending') {
        await owner.owner.moderate([id], 'approve');
        owner.published([id]);
      }
      const created = await store.insertComment(parent.thread.id, {
        parentId: id,
        author: { name: moderator.name, email: moderator.email, url: null },
        body,
        status: 'published',
        moderatorId: moderator.id,
      });
      owner.published([created.id]);
      return reply.code(201).send({ comment: await owner.owner.getOwnerComment(created.id) });
    },
  );

  app.get('/settings', async () => ({
    rules: await owner.rules(),
    notifications: { ...owner.notifications, publicUrl: owner.baseUrl() },
  }));

  app.put(
    '/settings',
    {
      schema: {
        body: {
          type: 'object',
          required: ['rules'],
          additionalProperties: false,
          properties: { rules: { type: 'object' } },
        },
      },
    },
    async (request) => {
      const { rules } = /** @type {{ rules: unknown }} */ (request.body);
      try {
        return { rules: await owner.saveRules(rules) };
      } catch (error) {
        if (error instanceof TrustRulesError)
          throw new ApiError(422, 'invalid_rule', error.message, error.field);
        throw error;
      }
    },
  );
};

function notFound() {
  return new ApiError(404, 'comment_not_found', 'No comment has this id.', null);
}
