// @ts-check
// The secret that lets a comment's author edit or delete it for a while (contract v1.1). The
// POST answer carries the token once; the store keeps only its SHA-256, so a leaked database
// lets nobody change anyone's comment.
import { createHash, randomBytes } from 'node:crypto';

/** A fresh edit token: 256 random bits, URL-safe (43 characters). */
export function newEditToken() {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a token. */
export function editTokenHash(/** @type {string} */ token) {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** The token in an `Authorization: Bearer <token>` header, or null when there is none or it is malformed. */
export function bearerEditToken(/** @type {string | undefined} */ authorization) {
  const match = /^Bearer +([A-Za-z0-9_-]{43}) *$/i.exec(authorization ?? '');
  return match === null ? null : /** @type {string} */ (match[1]);
}

/** When a comment created at `createdAt` stops being editable, as ISO 8601. */
export function editableUntil(/** @type {string} */ createdAt, /** @type {number} */ windowSeconds) {
  return new Date(Date.parse(createdAt) + windowSeconds * 1000).toISOString();
}

/** The oldest creation time that is still inside the edit window at `now`, as ISO 8601. */
export function editableSince(/** @type {number} */ windowSeconds, /** @type {number} */ now = Date.now()) {
  return new Date(now - windowSeconds * 1000).toISOString();
}
