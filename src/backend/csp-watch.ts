import { originOf } from '../model/origin.js';

/**
 * Remembers which origins the page's Content Security Policy refused to connect to. A fetch the
 * CSP blocks fails exactly like one made offline; the violation event is what tells them apart.
 */
const blockedOrigins = new Set<string>();
let watching = false;

/** Starts listening for connect-src violations (once per page). */
export function watchCsp(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  document.addEventListener('securitypolicyviolation', (event) => {
    if (!/^connect-src|^default-src/.test(event.effectiveDirective)) return;
    const origin = originOf(event.blockedURI);
    if (origin) blockedOrigins.add(origin);
  });
}

/** Whether a failed request to `url` was blocked by the page's CSP. */
export async function blockedByCsp(url: string): Promise<boolean> {
  // The violation is reported in a task of its own, which may come just after the fetch fails.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const origin = originOf(url);
  return origin !== null && blockedOrigins.has(origin);
}
