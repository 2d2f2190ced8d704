import { KEPT_INDEX, readKeptIndex } from './kept-thread.js';
import { localStorageOrNull } from './local-storage.js';

/**
 * Notes in the index of kept pages (`kept-thread.ts`) that the page kept under `key` has `etag`
 * since `savedAt`, or, with a null `etag`, that nothing the server could revalidate is kept
 * there. A blocked or full localStorage only means the next visit asks without the ETag.
 */
export function noteKept(key: string, etag: string | null, savedAt: number): void {
  const storage = localStorageOrNull();
  try {
    const index = readKeptIndex(storage);
    if (etag === null && !(key in index)) return;
    if (etag === null) delete index[key];
    else index[key] = [etag, savedAt];
    storage?.setItem(KEPT_INDEX, JSON.stringify(index));
  } catch {
    // Blocked or full: requests go out without the ETag, and the kept page still shows.
  }
}
