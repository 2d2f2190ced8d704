import type { Comment, NewComment, SortOrder, ThreadPage } from '../model/types.js';

/** What a page request asks for. */
export interface PageRequest {
  limit: number;
  cursor: string | null;
  sort: SortOrder;
  /** The ETag this page was kept with (contract v1.1): a backend that can revalidate answers null while it is current. */
  etag?: string | null;
}

/** The server's answer to a new comment. `comment` is null when it accepted but sent no readable copy. */
export interface PostResult {
  /** 201 published, 202 pending, 200 a retry the server had already accepted. */
  status: number;
  comment: Comment | null;
  /** v1.1: the secret that lets this browser change the comment, until when (ms since epoch). */
  edit?: EditGrant | null;
}

/** v1.1: an edit token from a POST answer, and when it stops working (ms since epoch). */
export interface EditGrant {
  token: string;
  until: number;
}

/** v1.1: the reader's change to their own comment: a new body, or `body: null` to delete it. */
export interface OwnChange {
  id: string;
  token: string;
  body: string | null;
}

/**
 * Everything the element needs from a comments backend. Pass any object that implements it
 * as the element's `backend` property to talk to a server with another API.
 */
export interface CommentsBackend {
  /** Loads one page of top-level comments with all their replies; null only when `request.etag` is current. */
  loadPage(thread: string, request: PageRequest, signal: AbortSignal): Promise<ThreadPage | null>;
  /** Creates a comment; must be idempotent on `comment.clientId`. */
  postComment(thread: string, comment: NewComment, signal: AbortSignal): Promise<PostResult>;
  /**
   * v1.1, optional: edits (answering the comment, 200 or 202 pending) or deletes (204) the
   * reader's own comment with the token its POST answer gave. Never offered without one.
   */
  changeComment?(thread: string, change: OwnChange, signal: AbortSignal): Promise<PostResult>;
}

/** How a backend call failed, as the element needs to tell it apart. */
export type BackendErrorKind =
  /** No answer: offline, DNS, connection reset, or a fetch the browser refused. */
  | 'network'
  /** No answer in time. */
  | 'timeout'
  /** The server answered with an error status. */
  | 'http'
  /** The server answered 2xx with something that is not the contract. */
  | 'invalid-response'
  /** The page's Content Security Policy (connect-src) does not allow the endpoint. */
  | 'blocked';

/** A failed backend call, with the server's own message and field when it sent them. */
export class BackendError extends Error {
  override name = 'BackendError';

  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly field: string | null = null,
    /** Seconds to wait before retrying, from Retry-After. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}
