import { isObject } from '../model/parse.js';
import { KEPT_INDEX } from './kept-thread.js';
import { localStorageOrNull } from './local-storage.js';

/**
 * Notes in the index of kept pages (`kept-thread.ts`) that the page kept under `key` has `etag`
 * since `savedAt`, or, with a null `etag`, that nothing the server could revalidate is kept
 * there. A blocked or full localStorage only means the next visit asks without the ETag.
 */
export function noteKept(key: string, etag: string | null, savedAt: number): void {
  try {
    const storage = localStorageOrNull()!;
    const read: unknown = JSON.parse(storage.getItem(KEPT_INDEX) ?? '{}');
    // An index that is not an object (changed by hand, or by another version) starts over.
    const index = isObject(read) ? read : {};
    if (etag === null && !(key in index)) return;
    if (etag === null) delete index[key];
    else index[key] = [etag, savedAt];
    storage.setItem(KEPT_INDEX, JSON.stringify(index));
  } catch {
    // Blocked, full or not JSON: requests go out without the ETag, and the kept page still shows.
  }
}
