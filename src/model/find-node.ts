import type { ThreadNode } from './tree.js';

// Its own module: only the writing side looks a node up, so it comes with it, not in the main file.
/** Finds a comment's node anywhere in the tree, without recursion. */
export function findNode(roots: readonly ThreadNode[], id: string): ThreadNode | null {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.comment.id === id) return node;
    stack.push(...node.children);
  }
  return null;
}
