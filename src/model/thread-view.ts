import { buildTree, type ThreadNode } from './tree.js';
import type { Comment, SortOrder } from './types.js';

/** What a local id starts with: `local-` and the comment's clientId (see `echo.ts`). */
export const LOCAL = 'local-';

/** The clientId behind a local id, or null for a comment from the server. */
export const clientIdOf = (id: string): string | null =>
  id.startsWith(LOCAL) ? id.slice(LOCAL.length) : null;

/** What the thread shows: the comments (the server's, then the reader's own) and their tree. */
export interface ThreadView {
  comments: readonly Comment[];
  tree: ThreadNode[];
}

/** No echoes: one array, so "none" is the same input however often it is asked for. */
const NONE: readonly Comment[] = [];

/** Gives a tree built again the nodes of the last one wherever nothing changed under them. */
export type NodeKeeper = (next: ThreadNode[], previous: readonly ThreadNode[]) => ThreadNode[];

let keepNodes: NodeKeeper | null = null;

/**
 * Called by the writing side with `keepUnchanged` (`keep-unchanged.ts`), which comes with it:
 * before it, a tree is built again only by a page more (its button is there once the thread
 * is, and so is the writing side soon after) or a change of settings, which keeps few nodes.
 */
export const keepNodesWith = (keeper: NodeKeeper): void => {
  keepNodes = keeper;
};

/**
 * A thread view builder that remembers its last inputs: the same thread, echoes, depth and
 * order give the same view without merging or building the tree again (every render asks).
 * A new view keeps the nodes of the last one wherever nothing changed under them (once the
 * writing side gave `keepNodesWith` its keeper), so only what changed is rendered again.
 */
export function threadViewer(): (
  thread: readonly Comment[],
  echoes: readonly Comment[],
  maxDepth: number,
  sort: SortOrder,
) => ThreadView {
  let lastInputs: unknown[] = [];
  let last: ThreadView | null = null;
  return (thread, echoes, maxDepth, sort) => {
    // Until the writing side is in, every ask for the echoes gets a new empty array.
    const inputs = [thread, echoes.length > 0 ? echoes : NONE, maxDepth, sort];
    if (last && inputs.every((input, i) => input === lastInputs[i])) return last;
    const known = new Set(thread.map((comment) => comment.id));
    // The reader's own change to a comment (an edit on its way or held for moderation, a
    // delete) stands in for the server's copy; the last one of an id wins.
    const mine = new Map(echoes.filter((echo) => known.has(echo.id)).map((echo) => [echo.id, echo]));
    const comments = [
      ...(mine.size === 0 ? thread : thread.map((comment) => mine.get(comment.id) ?? comment)),
      ...echoes.filter((echo) => !known.has(echo.id)),
    ].filter((comment) => !comment.removed);
    const tree = buildTree(comments, maxDepth, sort);
    lastInputs = inputs;
    return (last = { comments, tree: last && keepNodes ? keepNodes(tree, last.tree) : tree });
  };
}
