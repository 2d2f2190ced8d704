/** The comment id a URL fragment links to (`#comment-<id>`, percent-encoded or not), or null. */
export function commentIdOf(hash: string): string | null {
  const match = /^#comment-(.+)$/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}
