/** The default thread id: the path of the page's canonical URL, else of its own URL. */
export function defaultThreadId(doc: Document = document): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"][href]');
  if (canonical) {
    try {
      return new URL(canonical.href, doc.baseURI).pathname;
    } catch {
      // A broken canonical link falls through to the page's own path.
    }
  }
  return doc.location?.pathname ?? '/';
}

/** The title shown in the heading: the attribute, else the page's first h1, else its title. */
export function defaultThreadTitle(doc: Document = document): string {
  const heading = doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  return heading || doc.title.trim();
}
