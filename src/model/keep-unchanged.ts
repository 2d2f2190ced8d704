import type { ThreadNode } from './tree.js';

/**
 * `next` with every subtree that did not change replaced by the same nodes of `previous`, so a
 * renderer that remembers nodes (`conversations` in comment-view.ts, by node) skips them when the thread is
 * built again (a page more, the reader's own comment added). A node is kept when it shows the
 * same comment object at the same depth, with the same note, over kept children in the same
 * order. Recursion is bounded by the nesting, which is at most DEPTH_LIMIT. It comes with the writing side
 * (`thread-view.ts`): before it, a tree is seldom built again.
 */
export function keepUnchanged(next: ThreadNode[], previous: readonly ThreadNode[]): ThreadNode[] {
  const before = new Map<string, ThreadNode>();
  const index = (nodes: readonly ThreadNode[]): void => {
    for (const node of nodes) {
      before.set(node.comment.id, node);
      index(node.children);
    }
  };
  index(previous);
  const keep = (node: ThreadNode): ThreadNode => {
    const children = node.children.map(keep);
    const old = before.get(node.comment.id);
    const same =
      old !== undefined &&
      old.comment === node.comment &&
      old.depth === node.depth &&
      old.inReplyTo === node.inReplyTo &&
      old.orphan === node.orphan &&
      old.children.length === children.length &&
      children.every((child, i) => child === old.children[i]);
    return same ? old : { ...node, children };
  };
  return next.map(keep);
}
