/**
 * Storage keys scoped to an endpoint and a thread: `prefix` and the JSON of the parts, so no
 * endpoint, thread or id can run into the next part whatever characters it holds.
 */
export function scopedKey(prefix: string, ...parts: Array<string | null>): string {
  return `${prefix}${JSON.stringify(parts)}`;
}

/** What every `scopedKey(prefix, ...parts, more)` starts with: for listing one scope. */
export function scopePrefix(prefix: string, ...parts: string[]): string {
  return `${prefix}${JSON.stringify(parts).slice(0, -1)},`;
}
