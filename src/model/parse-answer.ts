import { isObject, readDate, truncate } from './parse.js';

/**
 * The server's answers that only sending and failures read: a POST's edit grant, an error body.
 * A module apart from `parse.ts`, so they come with the writing side, not in the main file.
 */

/** v1.1: the POST answer's `editToken` and `editableUntil`, or null when it has none worth keeping. */
export function parseEditGrant(value: unknown): { token: string; until: number } | null {
  if (!isObject(value)) return null;
  const token = value.editToken;
  const until = Date.parse(readDate(value.editableUntil) ?? '');
  return typeof token === 'string' && /^[\w-]{16,512}$/.test(token) && until ? { token, until } : null;
}

/** The error body of §4: `{ error: { code, message, field } }`; null when the body is not one. */
export function parseApiError(
  value: unknown,
): { code: string; message: string; field: string | null } | null {
  if (!isObject(value) || !isObject(value.error)) return null;
  const { code, message, field } = value.error;
  if (typeof message !== 'string' || message.trim() === '') return null;
  return {
    code: typeof code === 'string' ? truncate(code, 64) : 'error',
    message: truncate(message, 500),
    field: typeof field === 'string' ? truncate(field, 64) : null,
  };
}
