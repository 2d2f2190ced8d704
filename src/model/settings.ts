import type { SortOrder } from './types.js';

/** The page size asked of the server: a whole number from 1 to 200, 50 when it is not a number. */
export function pageSizeOf(value: number): number {
  return Number.isFinite(value) ? Math.min(200, Math.max(1, Math.floor(value))) : 50;
}

/** The sort order, "oldest" unless "newest" is asked for. */
export const sortOf = (value: string): SortOrder => (value === 'newest' ? 'newest' : 'oldest');

/** A positive number, or `fallback` for zero, negatives and anything that is not a number. */
export function positive(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
