// @ts-check
// A small in-process cache of thread pages, the read hot path. An entry is keyed by thread and
// page (limit, cursor, sort) and remembers the thread's version: a number the database bumps, by
// trigger, in the same transaction as every change to the thread's comments (migration 002). A
// read first asks the database for that version, one primary-key lookup, and serves the cached
// page only if it matches; so a comment written through any instance (or the moderate CLI)
// invalidates every instance's copy at its next read. Pages are shared between requests: callers
// must not change them.

/** @typedef {import('../store.js').ThreadPage} ThreadPage */
/** @typedef {string | number} Version */

/** How many pages a store keeps, when not told otherwise. */
export const DEFAULT_PAGE_CACHE_SIZE = 256;

export class PageCache {
  /** @param {number} [maxEntries] 0 turns the cache off */
  constructor(maxEntries = DEFAULT_PAGE_CACHE_SIZE) {
    this.maxEntries = maxEntries;
    /** @type {Map<string, { version: Version, page: ThreadPage }>} in least- to most-recently used order */
    this.entries = new Map();
  }

  /** The key of a page of a thread. */
  static key(
    /** @type {string} */ thread,
    /** @type {{ limit: number, cursor: string | null, newest: boolean }} */ page,
  ) {
    // NUL cannot occur in a thread id or a cursor (the schema and the cursor format refuse it).
    return `${thread}\u0000${page.limit}\u0000${page.newest ? 'n' : 'o'}\u0000${page.cursor ?? ''}`;
  }

  /** True when something is cached under `key`, whatever its version. */
  has(/** @type {string} */ key) {
    return this.entries.has(key);
  }

  /**
   * The page cached under `key` if it was read at `version`, else undefined (and a stale entry
   * is dropped).
   * @param {string} key
   * @param {Version} version
   */
  get(key, version) {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) return undefined;
    this.entries.set(key, entry);
    return entry.page;
  }

  /**
   * Remembers a page read at `version`, forgetting the least recently used page when full.
   * @param {string} key
   * @param {Version} version
   * @param {ThreadPage} page
   */
  set(key, version, page) {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { version, page });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }
}
