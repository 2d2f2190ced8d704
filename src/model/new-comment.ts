import { newClientId } from './client-id.js';
import type { CommentFields, NewComment } from './types.js';

/** Where a comment is written: the page's address and the thread's title (contract v1.1). */
export interface PageInfo {
  pageUrl: string;
  threadTitle: string;
}

/**
 * The request for what the reader wrote, with a fresh idempotency key (made once, at Send).
 * `notify` goes only with an email: the server would refuse it without one.
 */
export function newComment(
  fields: CommentFields,
  honeypot: string,
  parentId: string | null,
  page?: PageInfo,
): NewComment {
  const email = fields.email.trim() || null;
  return {
    clientId: newClientId(),
    parentId,
    author: { name: fields.name.trim(), email, url: fields.url.trim() || null },
    body: fields.body,
    hp: honeypot,
    ...(fields.notify && email !== null && { notify: true as const }),
    ...(page && { pageUrl: page.pageUrl, threadTitle: page.threadTitle.slice(0, 300) }),
  };
}

/** The form fields a request was made from, to hand it back to the reader. */
export function fieldsOf(request: NewComment): CommentFields {
  return {
    body: request.body,
    name: request.author.name,
    email: request.author.email ?? '',
    url: request.author.url ?? '',
    ...(request.notify && { notify: true }),
  };
}
