// @ts-check
// GET /counts?thread=A&thread=B (contract v1.1): published comments per thread, for the count
// element on index pages. One request answers a whole index page, so the limits are generous for
// a page and strict for anything else.
import { ApiError } from './errors.js';
import { CACHE_CONTROL, conditionalGet } from './http-cache.js';
import { THREAD_MAX_LENGTH } from './schemas.js';

/** Threads one request may ask for. */
export const MAX_COUNT_THREADS = 100;

/**
 * @typedef {object} CountRoutesOptions
 * @property {import('./store.js').CommentStore} store
 * @property {import('./comment-routes.js').RouteRateLimit} readLimit
 */

/**
 * The distinct thread ids of a /counts query, or the ApiError that says what is wrong with it.
 * @param {unknown} value the `thread` query parameter: absent, one string, or several
 * @returns {string[]}
 */
export function countedThreads(value) {
  const given = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (given.length === 0) {
    throw new ApiError(
      400,
      'threads_required',
      'Say which threads to count: /counts?thread=A&thread=B.',
      'thread',
    );
  }
  const threads = [...new Set(given)];
  if (threads.length > MAX_COUNT_THREADS) {
    throw new ApiError(
      400,
      'too_many_threads',
      `At most ${MAX_COUNT_THREADS} threads can be counted in one request; this one asked for ${threads.length}.`,
      'thread',
    );
  }
  for (const thread of threads) {
    if (typeof thread !== 'string' || thread.length === 0 || thread.length > THREAD_MAX_LENGTH) {
      throw new ApiError(
        400,
        'invalid_thread',
        `Each thread id must be 1 to ${THREAD_MAX_LENGTH} characters long.`,
        'thread',
      );
    }
  }
  return threads;
}

/**
 * GET /counts.
 * @type {import('fastify').FastifyPluginAsync<CountRoutesOptions>}
 */
export const countRoutes = async (app, { store, readLimit }) => {
  app.get(
    '/counts',
    { config: { rateLimit: readLimit }, onSend: conditionalGet(CACHE_CONTROL.counts) },
    async (request) => {
      const threads = countedThreads(/** @type {Record<string, unknown>} */ (request.query).thread);
      // fromEntries makes own properties, so a thread called "__proto__" is counted, not a prototype.
      return { counts: Object.fromEntries(await store.countPublishedMany(threads)) };
    },
  );
};
