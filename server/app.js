// @ts-check
// Builds the reference server: the §4 comment API under /api, the moderation API under
// /api/admin, and optional static files (the demo page, the bundle) at /.
import { resolve } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { adminRoutes } from './admin-routes.js';
import { adminApi } from './owner/admin-api.js';
import { ADMIN_APP_DIR, adminStatic } from './owner/admin-static.js';
import { linkRoutes } from './owner/link-routes.js';
import { createOwner } from './owner/owner.js';
import { commentRoutes } from './comment-routes.js';
import { countRoutes } from './count-routes.js';
import { notFoundError, rateLimitedError, toApiError, UNAVAILABLE_RETRY_SECONDS } from './errors.js';
import { feedRoutes } from './feed-routes.js';
import { ownCommentRoutes } from './own-comment-routes.js';
import { rateLimitStore } from './rate-limit-store.js';
import { AJV_OPTIONS } from './schemas.js';
import { applySeed, readSeedFile } from './seed.js';
import { openStore } from './store.js';

/** @typedef {'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'} LogLevel */

/**
 * @typedef {object} ServerOptions
 * @property {string} [db] SQLite file, ':memory:' (the default here; the CLI defaults to a file),
 *   or a postgres:// URL
 * @property {'pre' | 'off'} [moderation] 'pre': new comments wait for a moderator (default)
 * @property {string[]} [origins] exact origins (scheme://host[:port]) that get CORS headers
 * @property {string | null} [adminToken] bearer token of the moderation API; null disables it
 * @property {string[]} [staticDirs] directories served at /, the first that has a file wins
 * @property {{ max: number, windowMs: number }} [rateLimit] POSTs of comments per client IP
 * @property {{ max: number, windowMs: number }} [readRateLimit] GETs per client IP
 * @property {number} [bodyLimit] largest request body, in bytes
 * @property {string | null} [seedFile] JSON file of starting comments (see seed.js)
 * @property {boolean | LogLevel} [logger] request log on stderr; true means 'info'
 * @property {boolean | number} [trustProxy] behind reverse proxies: true or 1 for one (the client
 *   IP is the last X-Forwarded-For entry), N for N in a row (a CDN in front of nginx is 2)
 * @property {import('./owner/owner.js').OwnerOptions} [owner] notifications and trust rules
 * @property {string | null} [adminApp] the built moderation app served at /admin/ (default
 *   dist/admin/ of this package); null serves none
 * @property {{ perEmail: number, perAddress: number, windowMs: number }} [signInThrottle] failed sign-ins allowed
 * @property {number} [editWindowSeconds] how long authors may edit or delete their comment; 0: never
 */

/** @typedef {ServerOptions & { port?: number, host?: string }} StartOptions */

/**
 * @typedef {object} RunningServer
 * @property {string} url e.g. 'http://127.0.0.1:8787'
 * @property {string} endpoint url + '/api', what the element's `endpoint` attribute takes
 * @property {import('fastify').FastifyInstance} app
 * @property {import('./store.js').CommentStore} store
 * @property {import('./owner/owner.js').Owner} owner the owner's side: its store, links, notifications
 * @property {() => Promise<void>} close stops listening and closes the database
 */

/** The defaults of the programmatic API. */
export const DEFAULT_OPTIONS = Object.freeze({
  db: ':memory:',
  moderation: /** @type {'pre' | 'off'} */ ('pre'),
  rateLimit: Object.freeze({ max: 10, windowMs: 60_000 }),
  readRateLimit: Object.freeze({ max: 600, windowMs: 60_000 }),
  // A 20,000-character comment of 4-byte characters (emoji, some scripts) must fit.
  bodyLimit: 128 * 1024,
  // Long enough to fix a typo or take back a word said in anger; short enough that a thread
  // does not change under its readers' feet.
  editWindowSeconds: 900,
});

/** Builds the fastify app (not yet listening) and opens its store. */
export async function createServer(/** @type {ServerOptions} */ options = {}) {
  const store = await openStore(options.db ?? DEFAULT_OPTIONS.db);
  try {
    if (options.seedFile) await applySeed(store, readSeedFile(options.seedFile));
    const { app, owner } = await buildApp(store, options);
    return { app, store, owner };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Creates the server and starts listening (port 0, the default here, picks a free port). */
export async function startServer(/** @type {StartOptions} */ options = {}) {
  const { port = 0, host = '127.0.0.1', ...serverOptions } = options;
  const { app, store, owner } = await createServer(serverOptions);
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  try {
    await owner.listeningAt(url);
  } catch (error) {
    await app.close();
    throw error;
  }
  /** @type {Promise<void> | undefined} */
  let closing;
  /** @type {RunningServer} */
  const running = {
    url,
    endpoint: `${url}/api`,
    app,
    store,
    owner,
    close: () => (closing ??= app.close()),
  };
  return running;
}

/** One comment of a thread, where its author may PATCH or DELETE it with their edit token. */
const OWN_COMMENT_PATH = /^\/api\/threads\/[^/?]+\/comments\/[^/?]+(?:\?|$)/;

/**
 * What browsers on an allowed origin may send where. If-None-Match everywhere: the element
 * revalidating kept pages (and reading the ETag, exposed above). Authorization with PATCH and
 * DELETE only at a comment's own address: a reader's edit token, never the moderation API's
 * token, which a blog page must not be able to send.
 * @param {string} url
 */
function corsOf(url) {
  return OWN_COMMENT_PATH.test(url)
    ? { methods: ['GET', 'PATCH', 'DELETE', 'OPTIONS'], allowedHeaders: ['Content-Type', 'Authorization'] }
    : { methods: ['GET', 'POST', 'OPTIONS'], allowedHeaders: ['Content-Type', 'If-None-Match'] };
}

/**
 * @param {import('./store.js').CommentStore} store
 * @param {ServerOptions} options
 */
async function buildApp(store, options) {
  const logger = options.logger ?? false;
  const proxyHops =
    options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0;
  const app = Fastify({
    logger: logger === false ? false : { level: logger === true ? 'info' : logger, stream: process.stderr },
    bodyLimit: options.bodyLimit ?? DEFAULT_OPTIONS.bodyLimit,
    // Trust exactly the configured hops, not `true`: each proxy appends the address it saw to
    // whatever X-Forwarded-For the client sent, so only the last N entries are trustworthy, and
    // trusting every hop would let the first entry, which the client writes, pick its rate-limit
    // key. Hop 0 is the proxy we are directly behind. (A plain number would not do: fastify
    // trusts no hop at all for a number.) Trusting hop 0 whoever it is means only the proxy may
    // reach this port: docs/deploy.md listens on 127.0.0.1 or a private address.
    trustProxy: proxyHops > 0 ? (_address, hop) => hop < proxyHops : false,
    // Thread ids are up to 512 characters, and URL-encoding can make a character 12 long;
    // the schema, not the router, should be the one to say "too long".
    routerOptions: { maxParamLength: 16_384 },
    ajv: AJV_OPTIONS,
  });
  const owner = await createOwner(store, { ...options.owner, origins: options.origins ?? [] }, app.log);
  // The delivery worker first: it may be writing to the store.
  app.addHook('onClose', async () => {
    await owner.close();
    await store.close();
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.statusCode === 503) {
      // The database is out of reach for now; the element's outbox waits this long and retries.
      reply.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      request.log.warn({ err: error }, 'database unavailable');
    } else if (apiError.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    return reply.code(apiError.statusCode).send(apiError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    // An `endpoint` without /api lands here: say where the API is, in the words the owner needs.
    const api = `${request.protocol}://${request.host}/api`;
    const hint = request.url.startsWith('/api/') ? null : api;
    return reply.code(404).send(notFoundError(hint).toBody());
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    return payload;
  });

  // At the root, not under /api: a blog loading the bundle as a cross-origin module script
  // needs CORS on the static files too.
  const allowedOrigins = new Set(options.origins ?? []);
  await app.register(fastifyCors, {
    // Per request, so that only a comment's own address takes the reader's edit token.
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, {
        // true/false rather than the list: an origin not on the list then gets no CORS headers
        // at all, and its preflight a 404, instead of a 204 without Access-Control-Allow-Origin.
        origin: origin !== undefined && allowedOrigins.has(origin),
        ...corsOf(request.url),
        exposedHeaders: ['Retry-After', 'ETag'],
        maxAge: 600,
      });
    },
  });

  await app.register(
    async (api) => {
      api.addHook('onSend', async (_request, reply, payload) => {
        // Unless a route said how its answer may be kept (http-cache.js), nothing keeps it.
        if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
        return payload;
      });
      await api.register(fastifyRateLimit, {
        global: false,
        store: rateLimitStore(store),
        errorResponseBuilder: (_request, context) => rateLimitedError(Math.ceil(context.ttl / 1000)),
      });
      const writeLimit = options.rateLimit ?? DEFAULT_OPTIONS.rateLimit;
      const readLimit = options.readRateLimit ?? DEFAULT_OPTIONS.readRateLimit;
      const toRoute = (/** @type {{ max: number, windowMs: number }} */ limit) => ({
        max: limit.max,
        timeWindow: limit.windowMs,
      });

      api.get('/health', async () => ({ ok: true }));
      const moderation = options.moderation ?? DEFAULT_OPTIONS.moderation;
      const editWindowSeconds = options.editWindowSeconds ?? DEFAULT_OPTIONS.editWindowSeconds;
      await api.register(commentRoutes, {
        store,
        owner,
        moderation,
        readLimit: toRoute(readLimit),
        // Counted in the database: a client has one allowance whichever instance answers.
        writeLimit: { ...toRoute(writeLimit), sharedScope: 'post-comment' },
        editWindowSeconds,
        allowedOrigins,
      });
      await api.register(ownCommentRoutes, {
        store,
        moderation,
        writeLimit: toRoute(writeLimit),
        editWindowSeconds,
      });
      await api.register(countRoutes, { store, readLimit: toRoute(readLimit) });
      await api.register(feedRoutes, { store, readLimit: toRoute(readLimit) });
      await api.register(adminRoutes, {
        prefix: '/admin',
        store,
        adminToken: options.adminToken ?? null,
        owner,
        rateLimit: toRoute(readLimit),
      });
    },
    { prefix: '/api' },
  );

  await app.register(linkRoutes, { owner });
  await app.register(adminApi, { prefix: '/admin/api', store, owner, throttle: options.signInThrottle });
  const adminRoot = options.adminApp === undefined ? ADMIN_APP_DIR : options.adminApp;
  if (adminRoot !== null) await app.register(adminStatic, { root: adminRoot });

  const staticDirs = [...new Set((options.staticDirs ?? []).map((dir) => resolve(dir)))];
  if (staticDirs.length > 0) {
    await app.register(async (files) => {
      files.addHook('onSend', async (_request, reply, payload) => {
        reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
        reply.header('X-Frame-Options', 'SAMEORIGIN');
        return payload;
      });
      await files.register(fastifyStatic, { root: staticDirs, index: ['index.html'] });
    });
  }
  return { app, owner };
}
