import { ENTITY_TAG } from '../backend/revalidate.js';
import { parseThreadPage } from '../model/parse.js';
import type { SortOrder, ThreadPage } from '../model/types.js';
import { localStorageOrNull } from './local-storage.js';
import type { KeyValueStore } from './storage.js';

/**
 * Reading the thread kept on the device: all of it that must run before the comments show, so
 * it is apart from keeping and evicting (`thread-cache.ts`, which comes with the writing side).
 * What is kept is a thread's first page as the reader last saw it: what a visit shows first.
 */

/** A thread's first page as kept, and since when it is known to be current. */
export interface KeptPage {
  /** ms since epoch: the "Shown as of" of the note. */
  savedAt: number;
  /** With the ETag it came with, to revalidate it. */
  page: ThreadPage;
}

/** What the device holds per thread: the page itself, the key it was kept under, and when. */
export interface StoredPage extends ThreadPage {
  kept: string;
  savedAt: number;
}

/** The layout of a kept entry; part of its key, so an entry of another version is never read. */
export const THREAD_CACHE_VERSION = 1;

/**
 * The device store's key of a thread's kept first page. The order is part of it: a first page
 * of another order is another list.
 */
export const keptKey = (endpoint: string, thread: string, sort: SortOrder) =>
  `thread|${JSON.stringify([THREAD_CACHE_VERSION, endpoint, thread, sort])}`;

/**
 * The index of kept pages, one localStorage item: kept key -> [ETag, savedAt]. Read
 * synchronously as a load begins, it lets the request go out at once with `If-None-Match`,
 * instead of after the IndexedDB read of the page (which waits for the first render's work).
 * It is written when a page is kept or forgotten (`kept-index.ts`, with the writing side).
 */
export const KEPT_INDEX = 'recovery-comments|kept';

/**
 * The ETag of the page kept under `key` as the index says, if it is fresh: what the request
 * asks with, before the page itself is read. The page may still be missing or broken (another
 * tab, a cleared database): a 304 then needs a plain request. Null when the index is missing,
 * blocked or not what it should be.
 */
export function keptTag(key: string, maxAgeMs: number, now = Date.now()): string | null {
  try {
    const [etag, savedAt] = (
      JSON.parse(localStorageOrNull()!.getItem(KEPT_INDEX)!) as Record<string, unknown[]>
    )[key]!;
    const age = now - (savedAt as number);
    if (typeof etag === 'string' && ENTITY_TAG.test(etag) && age >= 0 && age <= maxAgeMs) return etag;
  } catch {
    // No index, no entry, or not the shape it was written in: nothing to revalidate.
  }
  return null;
}

/**
 * The page kept under `key` in `value` when it is that one, fresh and well-formed; null
 * otherwise. Read as if a server had sent it: whatever a device holds may be corrupt, or
 * another thread's page put in its place.
 */
export function keptPageOf(value: unknown, key: string, maxAgeMs: number, now = Date.now()): KeptPage | null {
  try {
    const entry = value as StoredPage;
    // Throws on what is not a page at all.
    const page = parseThreadPage(entry);
    // NaN for what is not a number; negative for a date in the future (a clock that went
    // back, or a forged entry): neither is fresh.
    const age = now - entry.savedAt;
    const etag = entry.etag ?? null;
    // Entries the parser left out mean the entry was changed since it was written.
    if (
      entry.kept === key &&
      !page.skipped &&
      age >= 0 &&
      age <= maxAgeMs &&
      (etag === null || ENTITY_TAG.test(etag))
    )
      return { savedAt: now - age, page: { ...page, etag } };
  } catch {
    // Not the shape it was written in.
  }
  return null;
}

/** A device that does not answer in this time has nothing to show: the network goes first. */
const READ_TIMEOUT_MS = 500;

/**
 * One value of the device store (`DeviceStore` of storage.ts: the same database and object
 * store), read without loading that store's code, which comes with the writing side. Opening
 * creates them as idb-keyval does when they are missing. A failure resolves with its event,
 * which is no kept page.
 */
const readDevice = (key: string) =>
  new Promise((resolve) => {
    const open = indexedDB.open('recovery-comments');
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = resolve;
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('kv').objectStore('kv').get(key);
      // A failed read is left to the time limit: it is that rare.
      get.onsuccess = () => resolve(get.result);
      // Not held open: a connection left behind would block the database's deletion or upgrade.
      db.close();
    };
  });

/** The page kept under `key` in `store` (the device's when null), or null; never rejects. */
export function readKeptPage(
  store: KeyValueStore | null,
  key: string,
  maxAgeMs: number,
): Promise<KeptPage | null> {
  return Promise.race([
    store ? store.get(key) : readDevice(key),
    new Promise((resolve) => setTimeout(resolve, READ_TIMEOUT_MS)),
  ]).then(
    (value) => keptPageOf(value, key, maxAgeMs),
    () => null,
  );
}
