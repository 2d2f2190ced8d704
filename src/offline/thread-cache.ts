import { parseThreadPage } from '../model/parse.js';
import type { SortOrder, ThreadPage } from '../model/types.js';
import type { KeyValueStore } from './storage.js';

/** The pages of one thread as a reader last saw them, for the next visit and for offline. */
export interface KeptThread {
  endpoint: string;
  thread: string;
  /** The order the pages were loaded in; pages of another order are not the same list. */
  sort: SortOrder;
  /** The first page's ETag, for revalidation; null when the server sent none. */
  etag: string | null;
  /** When the pages were loaded (ms since epoch): the "shown since" of the offline note. */
  savedAt: number;
  pages: ThreadPage[];
}

/** What is stored per thread: the pages, and the version of this layout. */
interface StoredThread extends KeptThread {
  version: number;
}

/** The small record per thread that eviction reads, so it never loads every thread's pages. */
interface StoredMeta {
  version: number;
  savedAt: number;
  bytes: number;
}

/** Bounds of the cache. */
export interface ThreadCacheOptions {
  /** Threads kept at most; the least recently saved go first. */
  maxThreads?: number;
  /** UTF-8 bytes of JSON kept at most, all threads together; a thread alone above it is not kept. */
  maxBytes?: number;
  /** Kept pages older than this are dropped unread (the element passes its `draft-max-age`). */
  maxAgeMs?: number;
  now?: () => number;
}

/** The layout of StoredThread. An entry of another version (older or newer) is dropped, never read. */
export const THREAD_CACHE_VERSION = 1;
export const DEFAULT_MAX_THREADS = 50;
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const PAGES = 'thread|';
const META = 'thread-meta|';
const keyOf = (endpoint: string, thread: string) => JSON.stringify([endpoint, thread]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The threads a reader has seen, on the device, per (endpoint, thread): bounded in count and
 * bytes, expiring, versioned. Whatever is read back is checked as if a server had sent it, so a
 * corrupt, foreign or newer entry is dropped, never returned; and a store that fails (full,
 * broken) only means nothing is kept: no method throws.
 */
export class ThreadCache {
  readonly #store: KeyValueStore;
  readonly #maxThreads: number;
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(store: KeyValueStore, options: ThreadCacheOptions = {}) {
    this.#store = store;
    this.#maxThreads = options.maxThreads ?? DEFAULT_MAX_THREADS;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The kept pages of a thread, or null when none are kept or what is kept cannot be trusted. */
  async get(endpoint: string, thread: string): Promise<KeptThread | null> {
    const key = keyOf(endpoint, thread);
    const stored = await this.#attempt(() => this.#store.get<unknown>(PAGES + key), undefined);
    if (stored === undefined) return null;
    const kept = this.#read(stored, endpoint, thread);
    if (kept === null) await this.delete(endpoint, thread);
    return kept;
  }

  /** Keeps the pages of a thread (replacing what was kept), then evicts beyond the bounds. */
  async put(kept: KeptThread): Promise<void> {
    const key = keyOf(kept.endpoint, kept.thread);
    const entry: StoredThread = {
      version: THREAD_CACHE_VERSION,
      endpoint: kept.endpoint,
      thread: kept.thread,
      sort: kept.sort,
      etag: kept.etag,
      savedAt: kept.savedAt,
      pages: kept.pages,
    };
    let bytes: number;
    try {
      bytes = new TextEncoder().encode(JSON.stringify(entry)).length;
    } catch {
      return; // Not JSON (a cycle, a BigInt): nothing a server sent, so nothing to keep.
    }
    if (bytes > this.#maxBytes) {
      await this.delete(kept.endpoint, kept.thread);
      return;
    }
    const meta: StoredMeta = { version: THREAD_CACHE_VERSION, savedAt: kept.savedAt, bytes };
    // Meta last: eviction only ever sees threads whose pages were written.
    const written = await this.#attempt(async () => {
      await this.#store.set(PAGES + key, entry);
      await this.#store.set(META + key, meta);
      return true;
    }, false);
    if (written) await this.#evict(key);
  }

  /** Forgets the kept pages of a thread. */
  async delete(endpoint: string, thread: string): Promise<void> {
    await this.#forget(keyOf(endpoint, thread));
  }

  /** The kept thread in `value` when it is exactly what was asked for, still fresh and well-formed. */
  #read(value: unknown, endpoint: string, thread: string): KeptThread | null {
    if (!isObject(value) || value.version !== THREAD_CACHE_VERSION) return null;
    if (value.endpoint !== endpoint || value.thread !== thread) return null;
    const { savedAt, etag, sort, pages } = value;
    if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) return null;
    const age = this.#now() - savedAt;
    // A date in the future is a clock that went back, or a forged entry: neither is fresh.
    if (age < 0 || age > this.#maxAgeMs) return null;
    if (etag !== null && typeof etag !== 'string') return null;
    if (sort !== 'oldest' && sort !== 'newest') return null;
    if (!Array.isArray(pages) || pages.length === 0) return null;
    const parsed: ThreadPage[] = [];
    for (const page of pages) {
      let read: ThreadPage;
      try {
        read = parseThreadPage(page);
      } catch {
        return null;
      }
      if (read.thread !== thread || read.skipped > 0) return null;
      parsed.push(read);
    }
    return { endpoint, thread, sort, etag, savedAt, pages: parsed };
  }

  /**
   * Drops expired threads, then the oldest until at most maxThreads and maxBytes are kept;
   * never `justWritten`.
   */
  async #evict(justWritten: string): Promise<void> {
    const metas = await this.#attempt(() => this.#store.entries<unknown>(META), []);
    const threads: Array<{ key: string; savedAt: number; bytes: number }> = [];
    for (const [metaKey, meta] of metas) {
      const key = metaKey.slice(META.length);
      // Expired threads go too, so a thread never visited again does not sit on the device.
      const valid =
        isObject(meta) &&
        meta.version === THREAD_CACHE_VERSION &&
        typeof meta.savedAt === 'number' &&
        this.#now() - meta.savedAt <= this.#maxAgeMs &&
        typeof meta.bytes === 'number' &&
        meta.bytes >= 0;
      if (valid) threads.push({ key, savedAt: meta.savedAt as number, bytes: meta.bytes as number });
      else if (key !== justWritten) await this.#forget(key);
    }
    // The thread just written first, then newest first; from the first one past a bound on,
    // every older thread goes.
    threads.sort((a, b) => (a.key === justWritten ? -1 : b.key === justWritten ? 1 : b.savedAt - a.savedAt));
    let count = 0;
    let bytes = 0;
    let full = false;
    for (const entry of threads) {
      count++;
      bytes += entry.bytes;
      full ||= count > this.#maxThreads || bytes > this.#maxBytes;
      if (full && entry.key !== justWritten) await this.#forget(entry.key);
    }
  }

  async #forget(key: string): Promise<void> {
    await this.#attempt(async () => {
      await this.#store.delete(META + key);
      await this.#store.delete(PAGES + key);
    }, undefined);
  }

  /** Runs a storage call; a store that throws or rejects means "nothing kept", never an error. */
  async #attempt<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch {
      return fallback;
    }
  }
}
