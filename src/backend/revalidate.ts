/**
 * Revalidation of kept pages (contract v1.1): a GET carries `If-None-Match` with the ETag kept
 * with the pages, and a 304 answer means the kept pages are still what the server would send.
 * A v1 server sends no ETag and never a 304, so the element then simply reloads as before.
 */

/** What the answer to a possibly conditional GET says about the kept pages. */
export type Revalidation = { current: true } | { current: false; etag: string | null };

/** An entity tag as RFC 9110 writes it ("…" or W/"…"), short enough to keep and send back. */
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]{0,200}"$/;

/** The response's ETag when it is a well-formed entity tag; null when missing or malformed. */
export function entityTagOf(response: Response): string | null {
  const etag = response.headers.get('etag')?.trim() ?? '';
  return ENTITY_TAG.test(etag) ? etag : null;
}

/** `init` with `If-None-Match: <kept ETag>` added when an ETag is kept. */
export function withIfNoneMatch(init: RequestInit, keptEtag: string | null): RequestInit {
  if (keptEtag === null || !ENTITY_TAG.test(keptEtag)) return init;
  const headers = new Headers(init.headers);
  headers.set('If-None-Match', keptEtag);
  return { ...init, headers };
}

/**
 * Reads the answer to a GET sent through withIfNoneMatch: 304 to a kept ETag means "current";
 * anything else is a fresh answer (its ETag to keep with the new pages, if it has one) for the
 * caller to read as usual, a 304 nobody asked for included (it then fails as any non-2xx does).
 */
export function readRevalidation(response: Response, keptEtag: string | null): Revalidation {
  if (response.status === 304 && keptEtag !== null) return { current: true };
  return { current: false, etag: entityTagOf(response) };
}
