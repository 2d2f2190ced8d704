import { articleOf, element } from '../components/comment-article.js';
import { partsOf, replies, type CommentViewOptions } from '../components/comment-view.js';
import { placeNodes, say, setAttribute } from '../components/place-nodes.js';
import type { OwnCommentsController } from '../controllers/own-comments-controller.js';
import type { ThreadNode } from '../model/tree.js';

/** A comment's wrapper in a live conversation, with its replies' list and "Show more", made when first needed. */
interface Wrapper {
  li: HTMLElement;
  /** Its replies' wrappers, by id. */
  replies: Map<string, Wrapper>;
  list?: HTMLElement;
  space?: Text;
  more?: HTMLElement;
}

function wrapper(id: string): Wrapper {
  return {
    li: element('li', { class: 'comment', part: '', 'data-comment-id': id }),
    replies: new Map(),
  };
}

/**
 * The conversations the writing side makes live (the reply form under a comment, the reader's
 * own comment on its way or one they may still edit): one `<li>` per top-level comment, kept
 * across updates with every wrapper and list in it, each made once and then only moved where
 * the thread says. Only what changed is touched, so the form, the focus in it and a selection
 * stay where they are while the thread around them fills in, loads more or announces.
 */
export function liveConversations(): NonNullable<CommentViewOptions['live']> {
  const roots = new Map<string, Wrapper>();
  return (root, options) => {
    const { id } = root.comment;
    let made = roots.get(id);
    // One the thread list let go (it showed the conversation as plain DOM meanwhile) holds no
    // longer what it says (its boxes and the form moved on): a new one starts afresh.
    if (!made?.li.parentNode) roots.set(id, (made = wrapper(id)));
    return fill(made, root, options);
  };
}

/**
 * One comment's wrapper: its box, the form when it is under it, its replies, each nested
 * likewise: the same DOM as `buildComment` makes (a test compares them). Recursion is bounded
 * by the tree's max depth.
 */
function fill(made: Wrapper, node: ThreadNode, options: CommentViewOptions): HTMLElement {
  const { comment } = node;
  setAttribute(made.li, 'part', partsOf(comment, options));
  const nodes: Node[] = [articleOf(node, options)];
  if (options.replyTo === comment.id && options.composer) nodes.push(options.composer);
  // Only the replies shown keep their wrappers, so a long-lived tab does not keep one for every
  // reply it ever showed (an echo, once sent, is shown under its server id): one shown again
  // gets a new wrapper. What goes is out of the page already, and so is any focus it held.
  const kept = new Map<string, Wrapper>();
  if (node.children.length > 0) {
    const { shown, hidden } = replies(node, options);
    const list = (made.list ??= element('ol', { class: 'replies', part: 'replies' }));
    placeNodes(
      list,
      shown.map((child) => {
        const id = child.comment.id;
        const reply = made.replies.get(id) ?? wrapper(id);
        kept.set(id, reply);
        return fill(reply, child, options);
      }),
    );
    nodes.push(list);
    if (hidden > 0) {
      made.more ??= element('button', {
        type: 'button',
        class: 'more',
        part: 'show-more-replies',
        'data-action': 'expand',
      });
      say(made.more, options.messages.showMoreReplies(hidden));
      nodes.push((made.space ??= new Text(' ')), made.more);
    }
  }
  made.replies = kept;
  placeNodes(made.li, nodes);
  return made.li;
}

/** The reader's controls each box holds now, last in it. */
const placed = new WeakMap<Element, Node[]>();

/** The reader's own Edit and Delete (or a note), last in their comments' boxes. */
export function ownControls(own: OwnCommentsController): NonNullable<CommentViewOptions['mine']> {
  const ids = own.marked;
  return {
    ids,
    render(comment, article) {
      const nodes = ids.has(comment.id) ? own.render(comment) : [];
      // The box is the main file's: only what was put last in it here is taken out.
      for (const node of placed.get(article) ?? [])
        if (node.parentNode === article && !nodes.includes(node)) article.removeChild(node);
      placed.set(article, nodes);
      let next: Node | null = null;
      for (let i = nodes.length - 1; i >= 0; i--) {
        const node = nodes[i]!;
        if (node.parentNode !== article || node.nextSibling !== next) article.insertBefore(node, next);
        next = node;
      }
      return nodes.length > 0;
    },
  };
}
