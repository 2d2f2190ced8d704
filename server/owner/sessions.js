// @ts-check
// Moderator sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure and
// __Host- prefixed behind https), only its SHA-256 in the database; a CSRF token per session
// that every change must send back in a header; and the checks on where a request came from.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a session lasts from sign-in. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** The cookie over plain http (local use); over https the __Host- form, which browsers pin to this host. */
export const COOKIE = 'rc_session';
export const SECURE_COOKIE = '__Host-rc_session';

/** A fresh random token (256 bits). */
export function newToken() {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a session token. */
export function tokenHash(/** @type {string} */ token) {
  return createHash('sha256').update(token).digest('base64url');
}

/** Constant-time equality of two strings. */
export function sameSecret(/** @type {string} */ a, /** @type {string} */ b) {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** The session token a request carries, from either cookie name. */
export function sessionToken(/** @type {import('fastify').FastifyRequest} */ request) {
  const cookies = request.cookies ?? {};
  return cookies[SECURE_COOKIE] ?? cookies[COOKIE] ?? null;
}

/**
 * Sets the session cookie.
 * @param {import('fastify').FastifyReply} reply
 * @param {string} token
 * @param {boolean} secure the request came over https
 */
export function setSessionCookie(reply, token, secure) {
  reply.setCookie(secure ? SECURE_COOKIE : COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
}

/** Clears both cookie names. */
export function clearSessionCookie(/** @type {import('fastify').FastifyReply} */ reply) {
  reply.clearCookie(COOKIE, { path: '/' });
  reply.clearCookie(SECURE_COOKIE, { path: '/', secure: true });
}

/**
 * Why a state-changing request is not from this site, or null when it is: a browser sends
 * Sec-Fetch-Site and Origin on every cross-site POST, and neither can be forged by a page.
 * @param {import('fastify').FastifyRequest} request
 */
export function crossSiteReason(request) {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`)
    return `Origin is ${origin}`;
  return null;
}
