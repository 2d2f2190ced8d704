import { html, nothing, render, type TemplateResult } from 'lit-html';
import { articleOf } from '../components/comment-article.js';
import { partsOf, replies, type CommentViewOptions } from '../components/comment-view.js';
import { setAttribute } from '../components/place-nodes.js';
import type { OwnCommentsController } from '../controllers/own-comments-controller.js';
import type { ThreadNode } from '../model/tree.js';

/**
 * The conversations the writing side makes live (the reply form under a comment, the reader's
 * own comment on its way or one they may still edit): one `<li>` per top-level comment, kept
 * across updates, into which Lit renders the comment's box, the form and the replies. Only what
 * changed is touched, so the form, the focus in it and a selection stay where they are while
 * the thread around them fills in, loads more or announces.
 */
export function liveConversations(): NonNullable<CommentViewOptions['live']> {
  const nodes = new Map<string, HTMLElement>();
  return (root, options) => {
    const { comment } = root;
    let li = nodes.get(comment.id);
    // One the thread list let go (it showed the conversation as plain DOM meanwhile) holds no
    // longer what its parts say (its boxes and the form moved on): a new one starts afresh.
    if (!li?.parentNode) {
      nodes.set(comment.id, (li = document.createElement('li')));
      li.className = 'comment';
      li.setAttribute('part', '');
      li.dataset.commentId = comment.id;
    }
    setAttribute(li, 'part', partsOf(comment, options));
    render(contents(root, options), li);
    return li;
  };
}

/** What is inside a comment's wrapper: its box, the form when it is under it, its replies. */
function contents(node: ThreadNode, options: CommentViewOptions): TemplateResult {
  return html`${articleOf(node, options)}${options.replyTo === node.comment.id ? options.composer : nothing}${
    node.children.length === 0 ? nothing : renderReplies(node, options)
  }`;
}

/**
 * One comment and, nested inside it, its replies, as a template: the same DOM as
 * `buildComment` makes (a test compares them). Recursion is bounded by the tree's max depth.
 */
function renderComment(node: ThreadNode, options: CommentViewOptions): TemplateResult {
  const { comment } = node;
  return html`<li class="comment" part=${partsOf(comment, options)} data-comment-id=${comment.id}>${contents(node, options)}</li>`;
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

/** The reader's own Edit and Delete (or a note), rendered last in their comments' boxes. */
export function ownControls(own: OwnCommentsController): NonNullable<CommentViewOptions['mine']> {
  const ids = own.marked;
  return {
    ids,
    render(comment, article) {
      const controls = ids.has(comment.id) ? own.render(comment) : nothing;
      // A Lit part of its own at the end of the box, which is plain DOM.
      render(controls, article);
      return controls !== nothing;
    },
  };
}
