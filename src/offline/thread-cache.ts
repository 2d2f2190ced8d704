import { noteKept } from './kept-index.js';
import type { StoredPage } from './kept-thread.js';
import type { ThreadPage } from '../model/types.js';
import { sharedDeviceStore, type KeyValueStore } from './storage.js';

/**
 * Keeping the threads a reader has seen on the device (each one's first page), per (endpoint,
 * thread): bounded in count and size, expiring, versioned. Reading them back is
 * `kept-thread.ts`, which checks whatever it reads as if a server had sent it. This comes with
 * the writing side, after the first render.
 */

/** Bounds of what is kept. */
interface ThreadCacheOptions {
  /** Threads kept at most; the least recently saved go first. */
  maxThreads?: number;
  /** Characters of JSON kept at most, all threads together; a page alone above it is not kept. */
  maxSize?: number;
  now?: () => number;
}

const DEFAULT_MAX_THREADS = 50;
/** About 8 MB as IndexedDB stores strings (two bytes a character). */
const DEFAULT_MAX_SIZE = 4 * 1024 * 1024;

/** What eviction reads per thread, so it never loads every thread's page: [savedAt, size]. */
const META = 'thread-meta|';

/**
 * Keeps a thread's first page under `key` (`keptKey`) in `store` (the device's when null),
 * replacing what was kept, then drops the threads that expired (`maxAgeMs`) or are beyond the
 * bounds, oldest first. A store that fails (full, broken) only means nothing is kept: it never
 * rejects.
 */
export async function keepThread(
  store: KeyValueStore | null,
  key: string,
  page: ThreadPage,
  maxAgeMs: number,
  { maxThreads = DEFAULT_MAX_THREADS, maxSize = DEFAULT_MAX_SIZE, now = Date.now }: ThreadCacheOptions = {},
): Promise<void> {
  const device = store ?? sharedDeviceStore();
  const forget = async (pageKey: string) => {
    noteKept(pageKey, null, 0);
    await device.delete(pageKey);
    await device.delete(META + pageKey);
  };
  try {
    const savedAt = now();
    const entry: StoredPage = { ...page, kept: key, savedAt };
    // Throws on what is not JSON (a cycle, a BigInt): nothing a server sent, so nothing to keep.
    const size = JSON.stringify(entry).length;
    if (size > maxSize) return await forget(key);
    // The record eviction reads goes last: it only ever lists threads whose page was written.
    await device.set(key, entry);
    await device.set(META + key, [savedAt, size]);
    // The index last: it never names a page not yet written.
    noteKept(key, entry.etag ?? null, savedAt);
    const threads = (await device.entries<unknown>(META)).map(([metaKey, meta]) => {
      // A broken record reads as long expired.
      const [savedAt = -Infinity, size = 0] = Array.isArray(meta) ? (meta as number[]) : [];
      // The thread just written first, then the most recent.
      return [metaKey.slice(META.length), metaKey === META + key ? Infinity : savedAt, size] as const;
    });
    threads.sort((a, b) => b[1] - a[1]);
    let total = 0;
    let count = 0;
    for (const [pageKey, savedAt, size] of threads) {
      total += size;
      // From the first thread past a bound on, every older one goes; expired ones go wherever they are.
      const keep = now() - savedAt <= maxAgeMs && ++count <= maxThreads && total <= maxSize;
      if (!keep) await forget(pageKey);
    }
  } catch {
    // Full or broken: what could be kept was kept.
  }
}
