import type { Messages } from '../i18n/messages.js';
import type { ThreadNode } from '../model/tree.js';
import type { Comment } from '../model/types.js';
import { articleOf, element, wordsKey } from './comment-article.js';

/** What rendering a comment needs besides the comment itself. */
export interface CommentViewOptions {
  messages: Messages;
  formatDate: (iso: string) => string;
  /** The id of the comment the reply form is under, or null. */
  replyTo: string | null;
  /** The id of the comment the page URL targets, highlighted. */
  targetId: string | null;
  /** The reply form itself, rendered under `replyTo` (by the writing side). */
  composer: HTMLElement | null;
  /** Whether the browser believes it is online (for the wording of queued comments). */
  online: boolean;
  /** Comments whose long list of replies the reader chose to see whole. */
  expanded: ReadonlySet<string>;
  /**
   * The reader's own controls (Edit, Delete, a refusal) under the comments in `ids`, from the
   * writing side; absent until it loads. Their conversations are the writing side's: the
   * controls change with time and with the reader. `render` puts a comment's controls (none
   * when not in `ids`) last in its box, and says whether it put any.
   */
  mine?: { ids: ReadonlySet<string>; render: (comment: Comment, article: HTMLElement) => boolean };
  /**
   * The node of a conversation the writing side makes live (see `conversations`), from the
   * writing side; absent until it loads.
   */
  live?: (root: ThreadNode, options: CommentViewOptions) => HTMLElement;
}

/**
 * What a comment's buttons do. They carry `data-action` and are handled by one listener on the
 * thread (see `commentAction`), not one closure per comment: it matters with thousands.
 */
export type CommentAction = 'reply' | 'expand' | 'retry' | 'edit' | OwnAction;

/** On the reader's own comments (contract v1.1): Edit, Delete, and the answers to "Delete this comment?". */
export type OwnAction = 'change' | 'delete' | 'keep' | 'confirm-delete';

/** The thread's own buttons: Retry after a failed load, and Load more. */
export type ThreadAction = 'reload' | 'more';

/**
 * The action of a click in the section, with the id of the comment it belongs to (null for the
 * thread's own buttons).
 */
export function commentAction(
  event: Event,
): { action: CommentAction; id: string } | { action: ThreadAction; id: null } | null {
  const button = (event.target as Element | null)?.closest?.<HTMLElement>('button[data-action]');
  if (!button) return null;
  const action = button.dataset.action!;
  const id = button.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId;
  if (id !== undefined) return { action: action as CommentAction, id };
  return action === 'reload' || action === 'more' ? { action, id: null } : null;
}

/** A rendered comment's wrapper (its replies inside), by id. */
export function findComment(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"]`);
}

/** Whether a top-level comment's subtree holds the reader's own comment on its way (its node never changes). */
const holdsUnsent = new WeakMap<ThreadNode, boolean>();

/**
 * Each conversation's DOM built here, with what it was built for: the words, and the ids in it
 * that are linked to or expanded (the only things of the thread this file makes live).
 */
const built = new WeakMap<ThreadNode, { words: object; live: string; li: HTMLElement }>();

/**
 * The top-level comments with their replies, one `<li>` each. A conversation the writing side
 * makes live (the reply form, the reader's own comment on its way or one they may still edit in
 * it) is the writing side's node (`options.live`), which keeps its form, focus and selection in
 * place across updates. Every other conversation is built here once as plain DOM, and again
 * only when its linked comment or its expanded lists change: a big thread filling in a chunk
 * per frame costs each frame only its new comments. Both make the same DOM (a test compares them).
 */
export function conversations(roots: readonly ThreadNode[], options: CommentViewOptions): HTMLElement[] {
  const { replyTo, targetId, expanded } = options;
  const writing = new Set(options.mine?.ids);
  if (replyTo !== null) writing.add(replyTo);
  const here = new Set(expanded);
  if (targetId !== null) here.add(targetId);
  const words = wordsKey(options);
  return roots.map((root) => {
    let unsent = holdsUnsent.get(root);
    if (unsent === undefined)
      holdsUnsent.set(root, (unsent = holds(root, (comment) => comment.delivery !== undefined)));
    if (options.live && (unsent || (writing.size > 0 && holds(root, (comment) => writing.has(comment.id))))) {
      // Its boxes move into the writing side's node: the one built here is no longer whole.
      built.delete(root);
      return options.live(root, options);
    }
    const live = here.size > 0 ? liveIds(root, here) : '';
    let entry = built.get(root);
    if (!entry || entry.words !== words || entry.live !== live)
      built.set(root, (entry = { words, live, li: buildComment(root, options) }));
    return entry.li;
  });
}

/** The parts a comment's wrapper has: its kind, and whether the page links to it. */
export function partsOf(comment: Comment, options: CommentViewOptions): string {
  const pending = comment.status === 'pending';
  const unsent = comment.delivery !== undefined;
  const target = options.targetId === comment.id;
  return `comment${unsent ? ' comment-unsent' : pending ? ' comment-pending' : ''}${target ? ' comment-target' : ''}`;
}

/**
 * A comment's wrapper and a list of replies, as every comment's start: a clone is one call where
 * making one is four, which a cold page pays a thousand times in the task that shows the thread.
 * By `node bench/ab.js` (31 cold loads of each) 1,000 comments were in the DOM 112 ms after their
 * JSON instead of 138, the longest task 98 ms instead of 113; a run of 25 before it: 7 and 11 ms.
 */
const LI = element('li', { class: 'comment', part: 'comment' });
const OL = element('ol', { class: 'replies', part: 'replies' });

/**
 * One comment and, nested inside it, its replies, as plain DOM. Recursion is bounded by the
 * tree's max depth. The comment's own box is the one `articleOf` keeps for it.
 */
export function buildComment(node: ThreadNode, options: CommentViewOptions): HTMLElement {
  const { comment } = node;
  const li = LI.cloneNode() as HTMLElement;
  const part = partsOf(comment, options);
  if (part !== 'comment') li.setAttribute('part', part);
  li.setAttribute('data-comment-id', comment.id);
  li.appendChild(articleOf(node, options));
  if (node.children.length > 0) {
    const { shown, hidden } = replies(node, options);
    const list = li.appendChild(OL.cloneNode());
    for (const child of shown) list.appendChild(buildComment(child, options));
    if (hidden > 0) {
      const more = { type: 'button', class: 'more', part: 'show-more-replies', 'data-action': 'expand' };
      li.append(' ', element('button', more, options.messages.showMoreReplies(hidden)));
    }
  }
  return li;
}

/** Replies longer than this list show only their first few until the reader asks for the rest. */
const LONG_REPLIES = 10;
const SHOWN_OF_LONG_REPLIES = 5;

/** The replies a comment shows now, and how many "Show N more replies" holds back. */
export function replies(
  node: ThreadNode,
  options: CommentViewOptions,
): { shown: ThreadNode[]; hidden: number } {
  const { children } = node;
  // Never hidden: the open form, the linked comment, the reader's own comment on its way.
  const needed = (comment: Comment) =>
    comment.id === options.replyTo || comment.id === options.targetId || comment.delivery !== undefined;
  const collapsed =
    children.length > LONG_REPLIES &&
    !options.expanded.has(node.comment.id) &&
    !children.some((child) => holds(child, needed));
  return collapsed
    ? { shown: children.slice(0, SHOWN_OF_LONG_REPLIES), hidden: children.length - SHOWN_OF_LONG_REPLIES }
    : { shown: children, hidden: 0 };
}

/** Whether a comment or any reply under it is one `wanted` picks. */
function holds(node: ThreadNode, wanted: (comment: Comment) => boolean): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (wanted(next.comment)) return true;
    for (const child of next.children) stack.push(child);
  }
  return false;
}

/** The ids in a conversation that are in `ids`, in one string: what its DOM was built for. */
function liveIds(root: ThreadNode, ids: ReadonlySet<string>): string {
  let found = '';
  holds(root, (comment) => {
    if (ids.has(comment.id)) found += `${comment.id}\n`;
    return false;
  });
  return found;
}
