import type { CommentFields } from './types.js';

/** Which field is wrong, and how. */
export type FieldError =
  'body-required' | 'body-too-long' | 'name-required' | 'email-required' | 'email-invalid' | 'url-invalid';

/** Field name → problem, only for fields that have one. */
export type FieldErrors = Partial<Record<keyof CommentFields, FieldError>>;

// Deliberately loose: the server is the judge; this only catches obvious slips early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The longest comment the reference server takes, in characters (code points, as it counts them). */
export const MAX_BODY_LENGTH = 20_000;

/** Within this many characters of the limit, the form shows how many are left. */
const NEAR_LIMIT = 2_000;

/**
 * How many characters the body has left before the limit (negative: over it), or null while it
 * is far from the limit. UTF-16 length is never below the code point count, so most calls are cheap.
 */
export function charactersLeft(body: string, max = MAX_BODY_LENGTH): number | null {
  if (body.length < max - NEAR_LIMIT) return null;
  const left = max - [...body].length;
  return left <= NEAR_LIMIT ? left : null;
}

/** Checks what the reader typed before anything is sent. */
export function validateFields(fields: CommentFields, requireEmail: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.body.trim() === '') errors.body = 'body-required';
  else if ((charactersLeft(fields.body) ?? 0) < 0) errors.body = 'body-too-long';
  if (fields.name.trim() === '') errors.name = 'name-required';
  const email = fields.email.trim();
  if (email === '' && requireEmail) errors.email = 'email-required';
  else if (email !== '' && !EMAIL.test(email)) errors.email = 'email-invalid';
  const url = fields.url.trim();
  if (url !== '' && !/^https?:\/\/[^\s/]+\./i.test(url)) errors.url = 'url-invalid';
  return errors;
}

/** Maps a server error's `field` ("author.name", "body", …) onto a form field. */
export function formFieldOf(serverField: string | null): keyof CommentFields | null {
  switch (serverField) {
    case 'body':
      return 'body';
    case 'author.name':
    case 'name':
      return 'name';
    case 'author.email':
    case 'email':
      return 'email';
    case 'author.url':
    case 'url':
      return 'url';
    default:
      return null;
  }
}
