// @ts-check
// The page a thread is shown on, as the element's POST says (pageUrl, contract v1.1). The server
// puts it in feeds and emails as a link, so it must point at one of the blog origins the owner
// allowed; anything else is ignored, not refused: a comment must never be lost because of a
// page address (a preview domain, a www/non-www mix-up, a translation proxy), and without the
// link the comment still reaches its thread.
import { URL_MAX_LENGTH } from './schemas.js';

/**
 * The page URL to record for a thread, or null to ignore it: an http(s) URL without
 * credentials on an allowed origin, without its #fragment (the server adds #comment-<id>).
 * @param {unknown} value what the POST carried
 * @param {ReadonlySet<string>} allowedOrigins exact origins, as --origin normalizes them
 * @returns {string | null}
 */
export function acceptedPageUrl(value, allowedOrigins) {
  if (typeof value !== 'string' || value.length === 0 || value.length > URL_MAX_LENGTH) return null;
  /** @type {URL} */
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (!allowedOrigins.has(url.origin)) return null;
  url.hash = '';
  return url.href;
}
