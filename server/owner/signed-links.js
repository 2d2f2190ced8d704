// @ts-check
// Links in emails that act without a sign-in (approve, reject, confirm a subscription,
// unsubscribe): an HMAC over what the link does, to what, and until when. Each link does one
// thing; a nonce lets the store remember links already used.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a link in an email works. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** @typedef {'approve' | 'reject' | 'confirm' | 'unsubscribe'} LinkPurpose */
const PURPOSES = new Set(['approve', 'reject', 'confirm', 'unsubscribe']);

/**
 * @typedef {object} LinkClaims
 * @property {LinkPurpose} purpose
 * @property {string} subject a comment id, or a subscription id
 * @property {number} expiresAt milliseconds since the epoch
 * @property {string} nonce random, unique per link
 */

/** @typedef {{ ok: true, claims: LinkClaims } | { ok: false, reason: 'malformed' | 'tampered' | 'expired' }} LinkCheck */

/**
 * Signs and checks link tokens with one server secret.
 * @param {Buffer} secret at least 32 random bytes, kept in the database
 */
export function linkSigner(secret) {
  if (secret.length < 32) throw new RangeError('The link secret must be at least 32 bytes.');
  const mac = (/** @type {string} */ payload) =>
    createHmac('sha256', secret).update(`rc-link.v1.${payload}`).digest();
  return {
    /**
     * A token for one purpose on one subject.
     * @param {LinkPurpose} purpose
     * @param {string} subject
     * @param {{ now?: number, lifetimeMs?: number }} [options]
     */
    sign(purpose, subject, { now = Date.now(), lifetimeMs = LINK_LIFETIME_MS } = {}) {
      /** @type {LinkClaims} */
      const claims = {
        purpose,
        subject,
        expiresAt: now + lifetimeMs,
        nonce: randomBytes(12).toString('base64url'),
      };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    /**
     * Checks a token: the signature first (nothing unsigned is even parsed), then the expiry.
     * @param {string} token
     * @param {number} [now]
     * @returns {LinkCheck}
     */
    verify(token, now = Date.now()) {
      const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (match === null) return { ok: false, reason: 'malformed' };
      const [, payload, signature] = match;
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== 32 || !timingSafeEqual(given, mac(payload)))
        return { ok: false, reason: 'tampered' };
      const claims = parseClaims(Buffer.from(payload, 'base64url').toString('utf8'));
      if (claims === null) return { ok: false, reason: 'malformed' };
      if (!(now < claims.expiresAt)) return { ok: false, reason: 'expired' };
      return { ok: true, claims };
    },
  };
}

/** @typedef {ReturnType<typeof linkSigner>} LinkSigner */

/** @returns {LinkClaims | null} */
function parseClaims(/** @type {string} */ json) {
  try {
    const value = JSON.parse(json);
    const ok =
      typeof value === 'object' &&
      value !== null &&
      PURPOSES.has(value.purpose) &&
      typeof value.subject === 'string' &&
      Number.isFinite(value.expiresAt) &&
      typeof value.nonce === 'string';
    return ok ? value : null;
  } catch {
    return null;
  }
}
