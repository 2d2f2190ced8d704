import { isObject, readDate } from './parse.js';

// Its own module: only the writing side reads a POST answer, so the main file does not carry it.
/** v1.1: the POST answer's `editToken` and `editableUntil`, or null when it has none worth keeping. */
export function parseEditGrant(value: unknown): { token: string; until: number } | null {
  const token = isObject(value) && value.editToken;
  const until = isObject(value) && Date.parse(readDate(value.editableUntil) ?? '');
  return typeof token === 'string' && /^[\w-]{16,512}$/.test(token) && until ? { token, until } : null;
}
