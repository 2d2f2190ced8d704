/** The origin of a URL (relative ones against the page), or null when it is no URL. */
export function originOf(url: string, base: string = document.baseURI): string | null {
  try {
    return new URL(url, base).origin;
  } catch {
    return null;
  }
}
