// @ts-check
// HTTP caching of the public reads (contract v1.1): an ETag on every 200 answer of a GET, a 304
// to a matching If-None-Match, and a Cache-Control that lets browsers and CDNs keep the answer.
// The tag is a hash of the exact bytes sent, so any change to what a reader would see (a new
// comment, a status change, an edit, a delete, a new total) changes it, whichever instance of the
// server answers, with no per-thread counter to keep in step.
import { createHash } from 'node:crypto';

/**
 * Cache-Control per kind of read.
 * - Pages: `max-age=0` so a browser asks every time (a cheap 304 when nothing changed) and a
 *   reader who just posted sees the thread as it is; `s-maxage=10` lets a CDN answer a busy
 *   thread for 10 s without asking us, a delay the element's local echo of the reader's own
 *   comment covers.
 * - Counts: an index page may show a count a minute old; browsers and CDNs keep it for 60 s.
 * - Feeds: feed readers poll; 5 minutes everywhere, then a 304 when nothing changed.
 */
export const CACHE_CONTROL = Object.freeze({
  page: 'public, max-age=0, s-maxage=10',
  counts: 'public, max-age=60, s-maxage=60',
  feed: 'public, max-age=300, s-maxage=300',
});

/** The strong entity tag of a payload: a hash of its bytes. */
export function entityTag(/** @type {string | Buffer} */ payload) {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether an If-None-Match header matches `tag`, by RFC 9110's weak comparison (13.1.2): `*`,
 * or any listed tag equal once a `W/` prefix is set aside (a CDN may weaken our tags when it
 * compresses, and sends them back weakened).
 * @param {string | undefined} header
 * @param {string} tag
 */
export function ifNoneMatchHits(header, tag) {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (/** @type {string} */ value) => value.trim().replace(/^W\//, '');
  const wanted = opaque(tag);
  return header.split(',').some((candidate) => opaque(candidate) === wanted);
}

/**
 * A route's onSend hook: tags a 200 answer, answers 304 when the client has it already, and sets
 * the Cache-Control of its kind. Errors keep the API's `no-store`.
 * @param {string} cacheControl
 * @returns {import('fastify').onSendHookHandler}
 */
export function conditionalGet(cacheControl) {
  return async (request, reply, payload) => {
    if (reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload)))
      return payload;
    const tag = entityTag(payload);
    reply.header('ETag', tag);
    reply.header('Cache-Control', cacheControl);
    if (!ifNoneMatchHits(request.headers['if-none-match'], tag)) return payload;
    reply.code(304);
    reply.removeHeader('Content-Type');
    return '';
  };
}
