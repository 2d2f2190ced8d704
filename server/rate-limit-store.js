// @ts-check
// The store behind @fastify/rate-limit. A route whose rateLimit config names a `sharedScope`
// counts in the database (CommentStore.hitRateLimit), so a client has one allowance whichever
// instance answers; any other route counts in this process's memory, as the plugin does by
// default (reads are the hot path and must not write to the database).
import { createRequire } from 'node:module';

/**
 * The plugin's callback-style store interface, the part this module implements.
 * @typedef {object} LimiterStore
 * @property {(key: string, callback: (error: Error | null, result?: { current: number, ttl: number }) => void, timeWindow: number, max: number) => void} incr
 */

/** @typedef {{ sharedScope?: string, continueExceeding?: boolean, exponentialBackoff?: boolean, cache?: number }} RouteParams */

const require = createRequire(import.meta.url);
// The plugin's own in-memory store (CommonJS, no exports map), for the routes counted locally.
const LocalStore =
  /** @type {new (continueExceeding?: boolean, exponentialBackoff?: boolean, cache?: number) => LimiterStore} */ (
    require('@fastify/rate-limit/store/LocalStore.js')
  );

/**
 * The `store` option of @fastify/rate-limit for a server on `comments`.
 * @param {import('./store.js').CommentStore} comments
 */
export function rateLimitStore(comments) {
  class RateLimitStore {
    /** Called by the plugin once per route that has its own rateLimit config. */
    child(/** @type {RouteParams} */ params) {
      if (typeof params.sharedScope === 'string') return sharedLimiter(comments, params.sharedScope);
      return new LocalStore(params.continueExceeding, params.exponentialBackoff, params.cache);
    }
  }
  // The plugin's declared type wants `incr` on this parent as well, but with `global: false`
  // only the children ever count.
  return /** @type {import('@fastify/rate-limit').FastifyRateLimitStoreCtor} */ (
    /** @type {unknown} */ (RateLimitStore)
  );
}

/**
 * A limiter that counts in the database, under `scope:key`.
 * @param {import('./store.js').CommentStore} comments
 * @param {string} scope
 * @returns {LimiterStore}
 */
function sharedLimiter(comments, scope) {
  return {
    incr(key, callback, timeWindow) {
      comments.hitRateLimit(`${scope}:${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  };
}
