import { originOf } from '../model/origin.js';
import { BackendError } from './backend.js';
import { blockedUrls } from './csp-watch.js';

/**
 * The error a failed request to `url` is when the page's Content Security Policy blocked it
 * (connect-src), else null. It comes with the writing side (`write/writing.ts` re-exports it),
 * which a failed load fetches anyway: the main file only records the violations.
 */
export async function blockedError(url: string): Promise<BackendError | null> {
  // The violation is reported in a task of its own, which may come just after the fetch fails.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const origin = originOf(url);
  return origin !== null && [...blockedUrls].some((blocked) => originOf(blocked) === origin)
    ? new BackendError(
        'blocked',
        `This page's Content Security Policy does not allow connections to ${origin}. The site owner needs to add it to connect-src.`,
      )
    : null;
}
