/**
 * The URLs the page's Content Security Policy refused to connect to, as the violations name
 * them. A fetch the CSP blocks fails exactly like one made offline; the violation event is what
 * tells them apart. Recorded from before the first request, read only after one failed
 * (`csp-blocked.ts`, which compares their origins: that comes with the writing side too).
 */
export const blockedUrls = new Set<string>();
let watching = false;

/** Starts listening for connect-src violations (once per page). */
export function watchCsp(): void {
  if (watching) return;
  watching = true;
  document.addEventListener('securitypolicyviolation', (event) => {
    if (/^connect-src|^default-src/.test(event.effectiveDirective)) blockedUrls.add(event.blockedURI);
  });
}
