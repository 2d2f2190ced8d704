import { safeHttpUrl } from './parse.js';
import { LOCAL } from './thread-view.js';
import type { Comment, CommentStatus, Delivery, NewComment } from './types.js';

// The reader's own comments before the server sends them back: only the writing side makes
// them, so this module comes with it, not in the main file.

/** The id a comment of the reader's has until the server gives it one. */
export const localId = (clientId: string): string => LOCAL + clientId;

/**
 * How the reader's own comment shows before the server sends it back: unsent (with its
 * `delivery`), or accepted without a copy. The website goes through the same http(s) check as
 * everything a server sends.
 */
export function echoOf(
  request: NewComment,
  status: CommentStatus,
  createdAt: string,
  delivery?: Delivery,
): Comment {
  const echo: Comment = {
    id: localId(request.clientId),
    parentId: request.parentId,
    author: { name: request.author.name, url: safeHttpUrl(request.author.url) },
    body: request.body,
    createdAt,
    status,
  };
  if (delivery) echo.delivery = delivery;
  return echo;
}
