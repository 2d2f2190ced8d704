/**
 * A fresh uuid v4 for the idempotency key. `crypto.randomUUID` exists only in secure contexts,
 * and blogs served over plain http are real; there a blob URL gives one: the File API ends each
 * in a random UUID (https://w3c.github.io/FileAPI/#unicodeBlobURL), in any context.
 */
export function newClientId(secure = typeof crypto.randomUUID === 'function'): string {
  if (secure) return crypto.randomUUID();
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36).toLowerCase();
}
