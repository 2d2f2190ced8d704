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
 * `start` (always at least one node, so a single huge conversation still progresses), and how
 * many comments the chunk holds.
 */
export function chunkEnd(
  roots: readonly ThreadNode[],
  start: number,
  budget: number,
): { end: number; comments: number } {
  let end = start;
  let used = 0;
  while (end < roots.length && (end === start || used + subtreeSize(roots[end]!) <= budget)) {
    used += subtreeSize(roots[end]!);
    end++;
  }
  return { end, comments: used };
}

/**
 * What each frame's rendering aims at while a big thread fills in, in ms. The time measured is
 * the update alone: the same frame's style and layout come after it and grow with the chunk, so
 * the aim stays under half the 200 ms a task may take. Every chunk also costs its frame about
 * 12 ms whatever its size (style, layout, intersection checks over the whole thread so far): at
 * 60 ms and 600 comments a chunk, 5,000 comments took nine frames; at 90 and 1,200, five. By
 * `node bench/ab.js --size 5000` (15 cold loads of each, quiet machine, 2 December 2026) they
 * were all in the DOM at 727 ms instead of 769 (median), the longest task 103 ms instead of 74.
 */
const FRAME_WORK_MS = 90;
/**
 * Bounds on a chunk whatever the clock says (a frame stalled by other work, a coarse timer, a
 * fast frame that a slower one follows): 1,000 comments rendered at once took 200-350 ms on a
 * loaded 2-core machine, style and layout in.
 */
const MIN_CHUNK = 100;
const MAX_CHUNK = 1200;

/**
 * How many comments the next chunk may hold, from how long the last one took to render: a
 * fast machine fills a big thread in a few frames, a slow phone in more, each frame short.
 */
export function chunkBudget(lastComments: number, lastMs: number): number {
  const rate = lastComments / Math.max(lastMs, 1);
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.floor(rate * FRAME_WORK_MS)));
}
