import { newClientId } from './client-id.js';
import type { CommentFields, NewComment } from './types.js';

/** The request for what the reader wrote, with a fresh idempotency key (made once, at Send). */
export function newComment(fields: CommentFields, honeypot: string, parentId: string | null): NewComment {
  return {
    clientId: newClientId(),
    parentId,
    author: {
      name: fields.name.trim(),
      email: fields.email.trim() || null,
      url: fields.url.trim() || null,
    },
    body: fields.body,
    hp: honeypot,
  };
}

/** The form fields a request was made from, to hand it back to the reader. */
export function fieldsOf(request: NewComment): CommentFields {
  return {
    body: request.body,
    name: request.author.name,
    email: request.author.email ?? '',
    url: request.author.url ?? '',
  };
}
