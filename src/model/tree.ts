import type { Comment, SortOrder } from './types.js';

/** A comment placed in the displayed reply tree. */
export interface ThreadNode {
  comment: Comment;
  /** Display depth, 1 for top level, never above maxDepth. */
  depth: number;
  children: ThreadNode[];
  /** Set when the comment is shown below its real depth: the name of the author it answers. */
  inReplyTo: string | null;
  /** True when the comment's parent is not in the thread (deleted, unpublished or never sent). */
  orphan: boolean;
}

/** The hard cap on nesting whatever the page asks for: deep nesting is unreadable on a phone. */
export const DEPTH_LIMIT = 10;

const timeOf = (comment: Comment): number => {
  const time = comment.createdAt === null ? Number.NaN : Date.parse(comment.createdAt);
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
};

/** What the builder knows of one comment: one record, so each pass reads it without a lookup. */
interface Entry {
  comment: Comment;
  /** The comment it hangs under; null for top level. Cycles are cut before layout. */
  parent: string | null;
  time: number;
  orphan: boolean;
  children: Entry[] | null;
}

const ascending = (a: Entry, b: Entry) => a.time - b.time;

/**
 * Builds the displayed tree from a flat list of comments. Never recurses and never loops
 * forever: duplicates keep the first, cycles are cut, orphans become top-level comments,
 * and anything deeper than `maxDepth` is shown at the last level with `inReplyTo` set.
 */
export function buildTree(
  comments: readonly Comment[],
  maxDepth: number,
  sort: SortOrder = 'oldest',
): ThreadNode[] {
  const depthCap = Math.min(DEPTH_LIMIT, Math.max(1, Math.floor(maxDepth) || 1));
  const byId = new Map<string, Entry>();
  for (const comment of comments) {
    if (byId.has(comment.id)) continue;
    const entry = { comment, parent: comment.parentId, time: timeOf(comment), orphan: false, children: null };
    byId.set(comment.id, entry);
  }
  cutCycles(byId);

  const roots: Entry[] = [];
  for (const entry of byId.values()) {
    const parent = entry.parent === null ? undefined : byId.get(entry.parent);
    if (!parent) {
      // A parent that is not in the thread makes an orphan, shown at the top.
      entry.orphan ||= entry.parent !== null;
      roots.push(entry);
    } else if (parent.children) parent.children.push(entry);
    else parent.children = [entry];
  }
  roots.sort(sort === 'newest' ? (a, b) => b.time - a.time : ascending);
  for (const entry of byId.values()) entry.children?.sort(ascending);
  return layOut(roots, depthCap);
}

/**
 * Depth-first, in pre-order, with an explicit stack. `list` is where a node is displayed: its
 * parent's children, or, beyond the depth cap, the children of its last-level ancestor's parent.
 */
function layOut(roots: Entry[], depthCap: number): ThreadNode[] {
  const top: ThreadNode[] = [];
  type Frame = {
    entry: Entry;
    depth: number;
    list: ThreadNode[];
    parentNode: ThreadNode | null;
    lastList: ThreadNode[];
  };
  const stack: Frame[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    stack.push({ entry: roots[i]!, depth: 1, list: top, parentNode: null, lastList: top });
  }
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { entry, depth } = frame;
    const beyond = depth > depthCap;
    const node: ThreadNode = {
      comment: entry.comment,
      depth: Math.min(depth, depthCap),
      children: [],
      inReplyTo: beyond && frame.parentNode ? frame.parentNode.comment.author.name : null,
      orphan: entry.orphan,
    };
    frame.list.push(node);
    const children = entry.children;
    if (!children) continue;
    // Children of a last-level node are shown beside it, in the same list.
    const childList = depth >= depthCap ? frame.lastList : node.children;
    const childLastList = depth + 1 >= depthCap ? childList : node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({
        entry: children[i]!,
        depth: depth + 1,
        list: childList,
        parentNode: node,
        lastList: childLastList,
      });
    }
  }
  return top;
}

/**
 * Cuts every parent cycle by making the comment that closes it a top-level orphan. Each walk up
 * from a comment marks what it passes with its own number: meeting its own mark is a cycle,
 * meeting an earlier walk's is ground already checked. One map for all walks, no set per walk.
 */
function cutCycles(byId: Map<string, Entry>): void {
  const walkOf = new Map<string, number>();
  let walk = 0;
  for (const start of byId.keys()) {
    if (walkOf.has(start)) continue;
    walk++;
    let current: string | null = start;
    while (current !== null) {
      const seen = walkOf.get(current);
      if (seen !== undefined) {
        if (seen === walk) {
          const entry = byId.get(current)!;
          entry.parent = null;
          entry.orphan = true;
        }
        break;
      }
      walkOf.set(current, walk);
      // A parent that is not in the thread ends the walk: no cycle goes through it.
      current = byId.get(current)?.parent ?? null;
    }
  }
}
