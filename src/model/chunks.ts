import type { ThreadNode } from './tree.js';

const sizes = new WeakMap<ThreadNode, number>();

/** How many comments a node shows, itself and every reply under it. */
function subtreeSize(node: ThreadNode): number {
  const known = sizes.get(node);
  if (known !== undefined) return known;
  let count = 0;
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    count++;
    for (const child of next.children) stack.push(child);
  }
  sizes.set(node, count);
  return count;
}

/**
 * The index after the last top-level node that fits in a chunk of about `budget` comments from
 * `start` (always at least one node, so a single huge conversation still progresses).
 */
export function chunkEnd(roots: readonly ThreadNode[], start: number, budget: number): number {
  let end = start;
  let used = 0;
  while (end < roots.length && (end === start || used + subtreeSize(roots[end]!) <= budget)) {
    used += subtreeSize(roots[end]!);
    end++;
  }
  return end;
}
