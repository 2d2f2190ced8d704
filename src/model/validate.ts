import type { CommentFields } from './types.js';

/** Which field is wrong, and how. */
export type FieldError =
  'body-required' | 'name-required' | 'email-required' | 'email-invalid' | 'url-invalid';

/** Field name → problem, only for fields that have one. */
export type FieldErrors = Partial<Record<keyof CommentFields, FieldError>>;

// Deliberately loose: the server is the judge; this only catches obvious slips early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks what the reader typed before anything is sent. */
export function validateFields(fields: CommentFields, requireEmail: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.body.trim() === '') errors.body = 'body-required';
  if (fields.name.trim() === '') errors.name = 'name-required';
  const email = fields.email.trim();
  if (email === '' && requireEmail) errors.email = 'email-required';
  else if (email !== '' && !EMAIL.test(email)) errors.email = 'email-invalid';
  const url = fields.url.trim();
  if (url !== '' && !/^https?:\/\/[^\s/]+\.[^\s]*/i.test(url)) errors.url = 'url-invalid';
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
