import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { buildTree, DEPTH_LIMIT, type ThreadNode } from '../../src/model/tree.js';
import type { Comment, SortOrder } from '../../src/model/types.js';

// Property tests of the reply tree over arbitrary id/parent graphs. Ids come from a small
// alphabet so that duplicates, cycles, self-parents and orphans are the common case, not the rare one.

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
/** Parents that never name a comment of the thread: deleted, unpublished or never sent. */
const MISSING = ['gone', 'zz'];

const BAD_DATES = ['', 'yesterday', '2026-13-45T99:99:99Z', 'NaN', '0000-00-00'];

const createdAt = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: 0, max: 20 })
      .map((minute) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
);

const commentArb: fc.Arbitrary<Comment> = fc
  .record({
    id: fc.constantFrom(...IDS),
    parentId: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 6, arbitrary: fc.constantFrom(...IDS) },
      { weight: 1, arbitrary: fc.constantFrom(...MISSING) },
    ),
    name: fc.constantFrom('Ann', 'Bo', ''),
    createdAt,
    n: fc.nat(),
  })
  .map(({ id, parentId, name, createdAt, n }) => ({
    id,
    parentId,
    author: { name, url: null },
    body: `body ${n}`,
    createdAt,
    status: 'published' as const,
  }));

const sortArb = fc.constantFrom<SortOrder>('oldest', 'newest');

/** What the spec says a comment's time is for ordering: unreadable dates sort after every real one. */
function timeOf(comment: Comment): number {
  const time = comment.createdAt === null ? Number.NaN : Date.parse(comment.createdAt);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

interface Placed {
  node: ThreadNode;
  /** The node whose `children` holds this one, null at the top. */
  shownUnder: ThreadNode | null;
  /** Position in display (pre-order) sequence. */
  order: number;
}

/** Every node in display order with where it is shown, without recursion. */
function walk(roots: readonly ThreadNode[]): Placed[] {
  const out: Placed[] = [];
  const stack: Array<{ node: ThreadNode; shownUnder: ThreadNode | null }> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, shownUnder: null });
  while (stack.length > 0) {
    const { node, shownUnder } = stack.pop()!;
    out.push({ node, shownUnder, order: out.length });
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i]!, shownUnder: node });
  }
  return out;
}

/** Every parent cycle among the distinct comments (self-parents included), as its members. */
function cycles(byId: Map<string, Comment>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of byId.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let current: string | null = start;
    while (current !== null && byId.has(current) && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = byId.get(current)!.parentId;
    }
    if (current !== null && state.get(current) === 'visiting') found.push(path.slice(path.indexOf(current)));
    for (const id of path) state.set(id, 'done');
  }
  return found;
}

/**
 * Checks everything the tree promises about `comments`, independently of how it is built.
 * Iterative throughout, so it also runs on 1,000-level chains and 100,000 comments.
 */
function checkTree(
  comments: readonly Comment[],
  maxDepth: number,
  sort: SortOrder,
  roots: readonly ThreadNode[],
): void {
  const cap = Math.min(maxDepth, DEPTH_LIMIT);
  const firstIndex = new Map<string, number>();
  const byId = new Map<string, Comment>();
  comments.forEach((comment, index) => {
    if (!byId.has(comment.id)) {
      byId.set(comment.id, comment);
      firstIndex.set(comment.id, index);
    }
  });

  const placed = walk(roots);
  // Every distinct comment exactly once, and it is the first one sent with that id.
  expect(placed.length, 'nodes shown').to.equal(byId.size);
  const placeOf = new Map<string, Placed>();
  for (const place of placed) {
    const { comment } = place.node;
    expect(placeOf.has(comment.id), `"${comment.id}" shown twice`).to.equal(false);
    placeOf.set(comment.id, place);
    expect(comment, `"${comment.id}" is the first of its duplicates`).to.equal(byId.get(comment.id));
  }

  // Which comments sit on a parent cycle: exactly one of each cycle must be cut to the top.
  const onCycle = new Set(cycles(byId).flat());
  // The forest the tree displays: every comment hangs under its parent, except top-level comments,
  // orphans and the comment chosen to break each cycle (shown at the top, marked as an orphan).
  const parentInForest = (id: string): string | null => {
    const { parentId } = byId.get(id)!;
    if (parentId === null || !byId.has(parentId)) return null;
    const place = placeOf.get(id)!;
    return onCycle.has(id) && place.shownUnder === null && place.node.orphan ? null : parentId;
  };

  // Real depth in that forest, memoised and computed without recursion.
  const realDepth = new Map<string, number>();
  for (const id of byId.keys()) {
    const chain: string[] = [];
    let current: string | null = id;
    while (current !== null && !realDepth.has(current)) {
      chain.push(current);
      expect(chain.length, 'every cycle is cut').to.be.at.most(byId.size);
      current = parentInForest(current);
    }
    let depth = current === null ? 0 : realDepth.get(current)!;
    for (let i = chain.length - 1; i >= 0; i--) realDepth.set(chain[i]!, ++depth);
  }

  let cuts = 0;
  for (const { node, shownUnder } of placed) {
    const { comment } = node;
    const depth = realDepth.get(comment.id)!;
    expect(node.depth, `depth of "${comment.id}"`).to.equal(Math.min(depth, cap));
    expect(node.depth).to.be.within(1, Math.min(maxDepth, DEPTH_LIMIT));
    const parentId = parentInForest(comment.id);
    // Orphans: a missing parent, or the comment that closed a cycle; nothing else is marked.
    expect(node.orphan, `orphan flag of "${comment.id}"`).to.equal(
      parentId === null && comment.parentId !== null,
    );
    if (parentId === null && comment.parentId !== null && byId.has(comment.parentId)) cuts++;

    // Shown under its parent one level down, or flattened at the last level next to its parent.
    if (node.children.length > 0) {
      expect(node.depth, `"${comment.id}" has children, so it is above the last level`).to.be.below(cap);
      for (const child of node.children) expect(child.depth).to.equal(node.depth + 1);
    }
    if (parentId === null) {
      expect(shownUnder, `"${comment.id}" is at the top level`).to.equal(null);
      expect(node.inReplyTo).to.equal(null);
      continue;
    }
    const parent = byId.get(parentId)!;
    if (depth <= cap) {
      expect(shownUnder?.comment.id, `"${comment.id}" is nested under its parent`).to.equal(parentId);
      expect(node.inReplyTo).to.equal(null);
    } else {
      // Flattened: beside its parent's last-level ancestor, saying whom it answers.
      expect(node.inReplyTo, `"${comment.id}" says whom it answers`).to.equal(parent.author.name);
      expect(node.depth).to.equal(cap);
      let ancestor: string | null = parentId;
      while (ancestor !== null && realDepth.get(ancestor)! > cap - 1) ancestor = parentInForest(ancestor);
      expect(
        shownUnder?.comment.id ?? null,
        `"${comment.id}" is shown under its last-level ancestor's parent`,
      ).to.equal(ancestor);
    }
    // Conversation order: a reply always comes after the comment it answers.
    expect(placeOf.get(parentId)!.order).to.be.below(placeOf.get(comment.id)!.order);
  }
  // Only cycles are cut, each exactly once.
  expect(cuts, 'comments cut out of a cycle').to.equal(cycles(byId).length);

  // Top level in the requested order (ties keep the order of the response); replies oldest first.
  const before = (a: Comment, b: Comment, newestFirst: boolean): boolean => {
    const ta = timeOf(a);
    const tb = timeOf(b);
    if (ta !== tb) return newestFirst ? ta > tb : ta < tb;
    return firstIndex.get(a.id)! < firstIndex.get(b.id)!;
  };
  // (With a depth limit of 1 the top list also holds flattened replies; only real top-level ones are ordered.)
  const topLevel = placed
    .filter(({ node }) => parentInForest(node.comment.id) === null)
    .map(({ node }) => node.comment);
  for (let i = 1; i < topLevel.length; i++) {
    expect(before(topLevel[i - 1]!, topLevel[i]!, sort === 'newest'), `top-level order at ${i}`).to.equal(
      true,
    );
  }
  const repliesOf = new Map<string, Comment[]>();
  for (const { node } of placed) {
    const parentId = parentInForest(node.comment.id);
    if (parentId === null) continue;
    const siblings = repliesOf.get(parentId);
    if (siblings) siblings.push(node.comment);
    else repliesOf.set(parentId, [node.comment]);
  }
  for (const siblings of repliesOf.values()) {
    for (let i = 1; i < siblings.length; i++)
      expect(before(siblings[i - 1]!, siblings[i]!, false), 'replies oldest first').to.equal(true);
  }
}

/** A seeded generator, so the fixed extremes are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function plain(id: string, parentId: string | null, minute: number): Comment {
  return {
    id,
    parentId,
    author: { name: `N${id}`, url: null },
    body: id,
    createdAt: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
    status: 'published',
  };
}

describe('buildTree properties', () => {
  it('over arbitrary graphs: each distinct comment once, depth capped, parents kept or flattened, cycles cut once', () => {
    fc.assert(
      fc.property(
        fc.array(commentArb, { maxLength: 24 }),
        fc.integer({ min: 1, max: 12 }),
        sortArb,
        (comments, maxDepth, sort) => {
          checkTree(comments, maxDepth, sort, buildTree(comments, maxDepth, sort));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('over larger graphs with a wider alphabet', () => {
    const wide = fc.record({
      id: fc.integer({ min: 0, max: 60 }),
      parent: fc.option(fc.integer({ min: 0, max: 70 })),
      minute: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(wide, { maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        sortArb,
        (rows, maxDepth, sort) => {
          const comments = rows.map((row) =>
            plain(`n${row.id}`, row.parent === null ? null : `n${row.parent}`, row.minute),
          );
          checkTree(comments, maxDepth, sort, buildTree(comments, maxDepth, sort));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not mutate its input', () => {
    fc.assert(
      fc.property(
        fc.array(commentArb, { maxLength: 16 }),
        fc.integer({ min: 1, max: 12 }),
        sortArb,
        (comments, maxDepth, sort) => {
          const copy = structuredClone(comments);
          buildTree(comments, maxDepth, sort);
          expect(comments).to.deep.equal(copy);
        },
      ),
    );
  });

  it('treats a nonsense maxDepth as a depth between 1 and the hard limit', () => {
    fc.assert(
      fc.property(
        fc.array(commentArb, { maxLength: 16 }),
        fc.oneof(fc.double(), fc.integer({ min: -5, max: 40 })),
        (comments, maxDepth) => {
          const tree = buildTree(comments, maxDepth);
          const cap = Math.min(DEPTH_LIMIT, Math.max(1, Math.floor(maxDepth) || 1));
          checkTree(comments, cap, 'oldest', tree);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a 1,000-level chain, given in any order, at every depth limit', () => {
    const chain = Array.from({ length: 1000 }, (_, i) => plain(`n${i}`, i === 0 ? null : `n${i - 1}`, i));
    const random = prng(7);
    const shuffled = [...chain].sort(() => random() - 0.5);
    for (const maxDepth of [1, 2, 5, 10, 12]) {
      for (const input of [chain, [...chain].reverse(), shuffled]) {
        const tree = buildTree(input, maxDepth);
        // One thread; with a depth limit of 1 every reply is flattened into the top list.
        expect(tree).to.have.length(maxDepth === 1 ? 1000 : 1);
        expect(tree[0]!.comment.id).to.equal('n0');
        checkTree(input, maxDepth, 'oldest', tree);
      }
    }
  });

  it('a 1,000-level cycle is cut once and shown whole', () => {
    const ring = Array.from({ length: 1000 }, (_, i) => plain(`n${i}`, `n${(i + 999) % 1000}`, i));
    const tree = buildTree(ring, 10, 'newest');
    expect(tree).to.have.length(1);
    expect(tree[0]!.orphan).to.equal(true);
    checkTree(ring, 10, 'newest', tree);
  });

  it('100,000 comments with random parents, duplicates and orphans', function () {
    this.timeout(60_000);
    const random = prng(2026);
    const count = 100_000;
    const comments = Array.from({ length: count }, (_, i) => {
      const roll = random();
      // Mostly replies to an earlier comment; some top level, some to a later one (cycles), some to nothing.
      const parent =
        roll < 0.1
          ? null
          : roll < 0.8
            ? `n${Math.floor(random() * i)}`
            : roll < 0.95
              ? `n${Math.floor(random() * count)}`
              : `missing${i}`;
      const id = random() < 0.01 ? `n${Math.floor(random() * count)}` : `n${i}`;
      return plain(id, i === 0 && parent === 'n0' ? null : parent, Math.floor(random() * 10_000));
    });
    for (const sort of ['oldest', 'newest'] as const) {
      const tree = buildTree(comments, 6, sort);
      checkTree(comments, 6, sort, tree);
    }
  });
});
