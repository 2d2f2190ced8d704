// @ts-check
// Times the reply-tree builder on the hostile extremes its tests check for correctness only
// (issue: "the fixed extreme cases ... with a time limit set generously in the benchmark").
import { performance } from 'node:perf_hooks';
import { buildTree } from '../../lib/model/tree.js';
import { prng } from './fixtures.js';

/** @param {string} id @param {string | null} parentId @param {number} i */
const comment = (id, parentId, i) => ({
  id,
  parentId,
  author: { name: `Reader ${i}`, url: null },
  body: 'text',
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  status: /** @type {const} */ ('published'),
});

/** The cases, each with the generous limit its median must stay under. */
export const TREE_CASES = [
  {
    name: '100,000 comments, random parents (cycles, duplicates, orphans among them)',
    limitMs: 1500,
    make() {
      const next = prng(7);
      return Array.from({ length: 100_000 }, (_, i) => {
        const roll = next();
        const parent = roll < 0.3 ? null : roll < 0.33 ? `missing-${i}` : `c${Math.floor(next() * 100_000)}`;
        return comment(next() < 0.01 ? `c${Math.floor(next() * i)}` : `c${i}`, parent, i);
      });
    },
  },
  {
    name: 'a 1,000-level chain',
    limitMs: 100,
    make: () => Array.from({ length: 1000 }, (_, i) => comment(`n${i}`, i === 0 ? null : `n${i - 1}`, i)),
  },
  {
    name: 'one 10,000-long cycle',
    limitMs: 300,
    make: () => Array.from({ length: 10_000 }, (_, i) => comment(`k${i}`, `k${(i + 1) % 10_000}`, i)),
  },
];

/** Median build time of each case over `runs` runs (after one warm-up), in ms. */
export function timeTrees(runs = 5) {
  return TREE_CASES.map(({ name, limitMs, make }) => {
    const comments = make();
    buildTree(comments, 5, 'oldest');
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      buildTree(comments, 5, 'oldest');
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return {
      name,
      limitMs,
      median: samples[Math.floor(samples.length / 2)] ?? NaN,
      min: samples[0] ?? NaN,
      max: samples.at(-1) ?? NaN,
    };
  });
}
