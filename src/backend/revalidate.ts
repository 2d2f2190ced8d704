/**
 * Revalidation of kept pages (contract v1.1): a GET carries `If-None-Match` with the ETag kept
 * with the page (`rest.ts`), and a 304 answer means the kept page is still what the server would
 * send. A v1 server sends no ETag and never a 304, so the element then simply reloads as before.
 */

/** An entity tag as RFC 9110 writes it ("…" or W/"…"), short enough to keep and send back. */
export const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]{0,200}"$/;

/** The response's ETag when it is a well-formed entity tag; null when missing or malformed. */
export function entityTagOf(response: Response): string | null {
  const etag = response.headers.get('etag')?.trim() ?? '';
  return ENTITY_TAG.test(etag) ? etag : null;
}
