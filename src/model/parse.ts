import type { Comment, CommentStatus, ThreadPage } from './types.js';

type Json = Record<string, unknown>;

/** Whether a JSON value is an object (not null, not an array). */
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Generous bounds: hostile servers must not make us keep megabytes per field. */
const MAX_ID = 256;
const MAX_NAME = 200;
const MAX_URL = 2048;
const MAX_BODY = 100_000;

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end) + '…';
}

/** Returns the URL when it is an absolute http(s) URL, otherwise null. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function readId(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/** The string when it is a date `Date.parse` reads (and not absurdly long), else null. */
export function readDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/** Validates one comment; returns null when it is not usable. */
export function parseComment(value: unknown): Comment | null {
  if (!isObject(value)) return null;
  const id = readId(value.id);
  if (id === null) return null;
  const parentId = value.parentId === null || value.parentId === undefined ? null : readId(value.parentId);
  if (parentId === null && value.parentId !== null && value.parentId !== undefined) return null;
  if (typeof value.body !== 'string') return null;
  const author = isObject(value.author) ? value.author : {};
  const name = typeof author.name === 'string' ? author.name.trim() : '';
  const status: CommentStatus = value.status === 'pending' ? 'pending' : 'published';
  const editedAt = readDate(value.editedAt);
  return {
    id,
    parentId: parentId === id ? null : parentId,
    author: { name: truncate(name, MAX_NAME), url: safeHttpUrl(author.url) },
    body: truncate(value.body, MAX_BODY),
    createdAt: readDate(value.createdAt),
    status,
    ...(value.byOwner === true && { byOwner: true }),
    ...(editedAt !== null && { editedAt }),
  };
}

/** Validates a GET response into a page, keeping every valid comment and counting the rest. */
export function parseThreadPage(value: unknown): ThreadPage {
  if (!isObject(value) || !Array.isArray(value.comments)) {
    // Its reader (`rest.ts`, `kept-thread.ts`) says what it was: a server's answer, a kept page.
    throw new TypeError('The comments server sent a response this page cannot read.');
  }
  const comments: Comment[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const raw of value.comments) {
    const comment = parseComment(raw);
    if (comment === null || seen.has(comment.id)) {
      skipped++;
      continue;
    }
    seen.add(comment.id);
    comments.push(comment);
  }
  const total =
    typeof value.total === 'number' && Number.isSafeInteger(value.total) && value.total >= 0
      ? value.total
      : comments.length;
  const nextCursor =
    typeof value.nextCursor === 'string' && value.nextCursor.length > 0 && value.nextCursor.length <= 2048
      ? value.nextCursor
      : null;
  return {
    thread: typeof value.thread === 'string' ? value.thread : '',
    total,
    comments,
    nextCursor,
    skipped,
    // Only when the server sent any: a v1 page parses exactly as before.
    ...(isObject(value.offers) && { offers: { notify: value.offers.notify === true } }),
  };
}
