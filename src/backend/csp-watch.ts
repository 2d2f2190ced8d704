import { originOf } from '../model/origin.js';

/**
 * The origins the page's Content Security Policy refused to connect to. A fetch the CSP blocks
 * fails exactly like one made offline; the violation event is what tells them apart. Recorded
 * from before the first request, read only after one failed (`csp-blocked.ts`).
 */
export const blockedOrigins = new Set<string | null>();
let watching = false;

/** Starts listening for connect-src violations (once per page). */
export function watchCsp(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  document.addEventListener('securitypolicyviolation', (event) => {
    if (/^connect-src|^default-src/.test(event.effectiveDirective))
      blockedOrigins.add(originOf(event.blockedURI));
  });
}
