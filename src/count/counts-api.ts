/** Reads `{ "counts": { "A": 14 } }`, keeping only the asked threads with a whole count >= 0. */
export function parseCounts(body: unknown, threads: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const given = (body as { counts?: unknown } | null)?.counts;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return counts;
  for (const thread of threads) {
    // hasOwn: a thread named "constructor" must not read Object.prototype's.
    const value: unknown = Object.hasOwn(given, thread) ? (given as Record<string, unknown>)[thread] : null;
    if (Number.isSafeInteger(value) && (value as number) >= 0) counts.set(thread, value as number);
  }
  return counts;
}

/** GET {endpoint}/counts?thread=A&thread=B, without cookies; rejects on any failure. */
export async function fetchCounts(endpoint: string, threads: string[]): Promise<Map<string, number>> {
  const query = new URLSearchParams(threads.map((thread) => ['thread', thread]));
  const response = await fetch(`${endpoint}/counts?${query}`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`counts: HTTP ${response.status}`);
  return parseCounts(await response.json(), threads);
}
