// The reader's own comments awaiting moderation. Only the author's browser knows them, so they
// are kept on the device; each goes when the published comment (same id) arrives, or when it is
// older than the configured age (the moderator may have rejected it).

import { parseComment } from '../model/parse.js';
import type { Comment } from '../model/types.js';
import { scopedKey, scopePrefix } from './keys.js';
import type { KeyValueStore } from './storage.js';

/** A comment the server accepted for moderation, shown to its author until it is published. */
interface StoredEcho {
  comment: Comment;
  acceptedAt: number;
}

const PREFIX = 'echo|';

/** Remembers an accepted, pending comment. */
export async function addPendingEcho(
  store: KeyValueStore,
  endpoint: string,
  thread: string,
  comment: Comment,
  now = Date.now(),
): Promise<void> {
  await store.set(scopedKey(PREFIX, endpoint, thread, comment.id), {
    comment,
    acceptedAt: now,
  } satisfies StoredEcho);
}

/**
 * The thread's pending comments, after dropping those now published (`publishedIds`) and
 * those older than `maxAgeMs`.
 */
export async function pendingEchoes(
  store: KeyValueStore,
  endpoint: string,
  thread: string,
  publishedIds: ReadonlySet<string>,
  maxAgeMs: number,
  now = Date.now(),
): Promise<Comment[]> {
  const shown: Comment[] = [];
  for (const [key, value] of await store.entries<StoredEcho>(scopePrefix(PREFIX, endpoint, thread))) {
    const comment = parseComment(value?.comment);
    const stale = typeof value?.acceptedAt !== 'number' || now - value.acceptedAt > maxAgeMs;
    if (comment === null || stale || publishedIds.has(comment.id)) {
      await store.delete(key);
    } else {
      shown.push({ ...comment, status: 'pending' });
    }
  }
  return shown;
}
