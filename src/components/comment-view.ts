import { html, nothing, type TemplateResult } from 'lit';
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
  /** The reply form itself, rendered under `replyTo`. */
  composer: unknown;
  /** Whether the browser believes it is online (for the wording of queued comments). */
  online: boolean;
  /** Comments whose long list of replies the reader chose to see whole. */
  expanded: ReadonlySet<string>;
  /**
   * The reader's own controls (Edit, Delete, a refusal) under the comments in `ids`, from the
   * writing side; absent until it loads. Their conversations stay live: the controls change
   * with time and with the reader.
   */
  mine?: { ids: ReadonlySet<string>; render: (comment: Comment) => unknown };
}

/**
 * What a comment's buttons do. They carry `data-action` and are handled by one listener on the
 * thread (see `commentAction`), not one closure per comment: it matters with thousands.
 */
export type CommentAction = 'reply' | 'expand' | 'retry' | 'edit' | OwnAction;

/** On the reader's own comments (contract v1.1): Edit, Delete, and the answers to "Delete this comment?". */
export type OwnAction = 'change' | 'delete' | 'keep' | 'confirm-delete';

/** The action of a click inside the thread, with the id of the comment it belongs to. */
export function commentAction(event: Event): { action: CommentAction; id: string } | null {
  const button = (event.target as Element | null)?.closest?.<HTMLElement>('button[data-action]');
  const id = button?.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId;
  return button && id !== undefined ? { action: button.dataset.action as CommentAction, id } : null;
}

/** A rendered comment's wrapper (its replies inside), by id. */
export function findComment(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"]`);
}

/** Whether a top-level comment's subtree holds the reader's own comment on its way (its node never changes). */
const holdsUnsent = new WeakMap<ThreadNode, boolean>();

/** Each still conversation's DOM, built once per node and words. */
const still = new WeakMap<ThreadNode, { words: object; li: HTMLElement }>();

/**
 * The top-level comments with their replies. A conversation nothing on the page can change
 * (no reply form, linked comment, expanded list, the reader's own comment on its way or one
 * they may still edit in it) is built once as plain DOM and handed back as the same element on every update, which Lit
 * leaves in place: a big thread filling in a chunk per frame costs each frame only its new
 * comments, and none of them a template instance. A conversation with any of those is a
 * template, rendered again on every update. The two make the same DOM (a test compares them).
 */
export function renderConversations(roots: readonly ThreadNode[], options: CommentViewOptions): unknown[] {
  const live = new Set(options.expanded);
  if (options.replyTo !== null) live.add(options.replyTo);
  if (options.targetId !== null) live.add(options.targetId);
  for (const id of options.mine?.ids ?? []) live.add(id);
  return roots.map((root) => {
    let mine = holdsUnsent.get(root);
    if (mine === undefined)
      holdsUnsent.set(root, (mine = holds(root, (comment) => comment.delivery !== undefined)));
    if (mine || (live.size > 0 && holds(root, (comment) => live.has(comment.id)))) {
      // Its boxes move into the template's elements: the built one is no longer whole.
      still.delete(root);
      return renderComment(root, options);
    }
    let entry = still.get(root);
    if (!entry || entry.words !== wordsKey(options))
      still.set(root, (entry = { words: wordsKey(options), li: buildComment(root, options) }));
    return entry.li;
  });
}

/** The parts a comment's wrapper has: its kind, and whether the page links to it. */
function partsOf(comment: Comment, options: CommentViewOptions): string {
  const pending = comment.status === 'pending';
  const unsent = comment.delivery !== undefined;
  const target = options.targetId === comment.id;
  return `comment${unsent ? ' comment-unsent' : pending ? ' comment-pending' : ''}${target ? ' comment-target' : ''}`;
}

/**
 * One comment and, nested inside it, its replies, as a template. Recursion is bounded by the
 * tree's max depth. The comment's own box is plain DOM (see `articleOf`); the template holds
 * only what moves: the highlight, the reply form and the replies.
 */
export function renderComment(node: ThreadNode, options: CommentViewOptions): TemplateResult {
  const { comment } = node;
  return html`<li class="comment" part=${partsOf(comment, options)} data-comment-id=${comment.id}>${articleOf(node, options)}${
    options.replyTo === comment.id ? options.composer : nothing
  }${node.children.length === 0 ? nothing : renderReplies(node, options)}</li>`;
}

/** The same as `renderComment` makes, built once as plain DOM, for a conversation that stays still. */
export function buildComment(node: ThreadNode, options: CommentViewOptions): HTMLElement {
  const { comment } = node;
  const li = element(
    'li',
    { class: 'comment', part: partsOf(comment, options), 'data-comment-id': comment.id },
    articleOf(node, options),
  );
  if (node.children.length > 0) {
    const { shown, hidden } = replies(node, options);
    li.append(
      element(
        'ol',
        { class: 'replies', part: 'replies' },
        ...shown.map((child) => buildComment(child, options)),
      ),
    );
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
function replies(node: ThreadNode, options: CommentViewOptions): { shown: ThreadNode[]; hidden: number } {
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

function renderReplies(node: ThreadNode, options: CommentViewOptions): TemplateResult {
  const { shown, hidden } = replies(node, options);
  return html`<ol class="replies" part="replies">${shown.map((child) => renderComment(child, options))}</ol>
    ${
      hidden > 0
        ? html`<button type="button" class="more" part="show-more-replies" data-action="expand">${options.messages.showMoreReplies(hidden)}</button>`
        : nothing
    }`;
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
