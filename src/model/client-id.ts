/**
 * A fresh uuid v4 for the idempotency key. `crypto.randomUUID` exists only in secure contexts,
 * and blogs served over plain http are real, so fall back to `getRandomValues`.
 */
export function newClientId(source: Pick<Crypto, 'getRandomValues'> & Partial<Crypto> = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const random = source.getRandomValues(new Uint8Array(31));
  let at = 0;
  // Every digit random but the version (4) and the variant's two high bits (8 to b).
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (digit) =>
    ((random[at++]! & (digit === 'x' ? 15 : 3)) | (digit === 'x' ? 0 : 8)).toString(16),
  );
}
