// @ts-check
// Moderator passwords, hashed with scrypt (memory-hard, in Node, no dependency). The stored form
// carries its own parameters, so they can be raised later without breaking old hashes.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Shortest password `moderators add` accepts. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password accepted: scrypt takes any length, but a megabyte "password" is an attack. */
export const PASSWORD_MAX_LENGTH = 1024;

// One of OWASP's equivalent scrypt minimums (N = 2^17 r = 8 p = 1, …, N = 2^15 r = 8 p = 3):
// the last needs 32 MiB instead of 128 MiB per sign-in, which a small server can afford.
const PARAMS = Object.freeze({ N: 2 ** 15, r: 8, p: 3 });
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const MAX_MEMORY = 64 * 1024 * 1024;

/**
 * @param {string} password
 * @param {Buffer} salt
 * @param {{ N: number, r: number, p: number }} params
 * @returns {Promise<Buffer>}
 */
function derive(password, salt, params) {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Why a password cannot be used, or null when it can. */
export function passwordProblem(/** @type {string} */ password) {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  return null;
}

/** Hashes a password into `scrypt$N$r$p$salt$key` (base64url parts). */
export async function hashPassword(/** @type {string} */ password) {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** True when `password` matches a hash made by hashPassword; false for anything malformed. */
export async function verifyPassword(/** @type {string} */ password, /** @type {string} */ stored) {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, to verify against when the email is unknown, so a sign-in for
 * an unknown moderator takes as long as one with a wrong password and reveals nothing.
 */
export function decoyHash() {
  decoy ??= hashPassword(randomBytes(16).toString('base64url'));
  return decoy;
}
/** @type {Promise<string> | undefined} */
let decoy;
