import type { BackendError } from '../backend/backend.js';

/** Who wrote a comment, as the public API shows it (email is never returned). */
export interface Author {
  name: string;
  /** Only ever an http(s) URL; anything else is dropped while parsing. */
  url: string | null;
}

/** Moderation state of a comment the server returned. */
export type CommentStatus = 'published' | 'pending';

/** One comment, validated. */
export interface Comment {
  id: string;
  parentId: string | null;
  author: Author;
  body: string;
  /** ISO 8601 string as sent, or null when the server sent something that is not a date. */
  createdAt: string | null;
  status: CommentStatus;
  /** Written by the site's owner (a moderator in the moderation app); only `true` from the server counts. */
  byOwner?: boolean;
  /** v1.1: when its author last changed it (ISO 8601 as sent); absent when never edited. */
  editedAt?: string;
  /** Only on the reader's own comment they are deleting or deleted (never from a server): not shown. */
  removed?: true;
  /** Only on the reader's own comments the server has not accepted yet (never from a server). */
  delivery?: Delivery;
}

/** How far the reader's own unsent comment has got. */
export interface Delivery {
  state: 'queued' | 'sending' | 'failed';
  clientId: string;
  /** The endpoint it goes to: a failure the page's CSP caused names its origin. */
  endpoint: string;
  /**
   * Why the last attempt failed: what the error was, worded only when shown, in the page's
   * language then. A string in entries stored by earlier versions: their words, shown as they are.
   */
  error: Pick<BackendError, 'kind' | 'message' | 'status' | 'code' | 'retryAfter'> | string | null;
}

/** One page of a thread: `limit` top-level comments with all their replies. */
export interface ThreadPage {
  thread: string;
  total: number;
  comments: Comment[];
  nextCursor: string | null;
  /** How many entries of the response were not valid comments and were left out. */
  skipped: number;
  /** What the server supports beyond contract v1 (read from the first page). */
  offers?: Offers;
  /** The answer's ETag (contract v1.1), to revalidate the page with; null or absent when it sent none. */
  etag?: string | null;
}

/** What a server offers beyond contract v1 (v1.1 `offers`); absent means not offered. */
export interface Offers {
  /** Reply notifications by email ("Email me when someone replies"). */
  notify: boolean;
}

/** The fields a reader fills in. */
export interface CommentFields {
  body: string;
  name: string;
  email: string;
  url: string;
  /** "Email me when someone replies" is ticked (kept in the draft, never in the remembered identity). */
  notify?: boolean;
}

/** What the client sends to create a comment (§4 of the contract). */
export interface NewComment {
  clientId: string;
  parentId: string | null;
  author: { name: string; email: string | null; url: string | null };
  body: string;
  hp: string;
  /** v1.1: email the author about replies (only with an email, only when the server offers it). */
  notify?: true;
  /** v1.1: the page the reader is on (its canonical URL), for links in emails and feeds. */
  pageUrl?: string;
  /** v1.1: the thread's title, for the moderation app and emails. */
  threadTitle?: string;
}

/** Sort order of top-level comments. */
export type SortOrder = 'oldest' | 'newest';
