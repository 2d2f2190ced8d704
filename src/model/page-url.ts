/** The page's address for links in emails: its canonical URL, else its own URL without the hash. */
export function pageUrlOf(doc: Document = document): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"][href]')?.href;
  const url = new URL(canonical || doc.location.href);
  url.hash = '';
  return url.href;
}
