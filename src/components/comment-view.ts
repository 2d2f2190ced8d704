import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.js';
import { formatBody, type Segment } from '../model/text.js';
import type { ThreadNode } from '../model/tree.js';

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
  onReply: (id: string) => void;
}

const REL = 'ugc nofollow noopener';

const segment = (part: Segment): TemplateResult | string =>
  part.kind === 'link' ? html`<a href=${part.href} rel=${REL} target="_blank">${part.text}</a>` : part.text;

/** The body as paragraphs and line breaks; every piece of it is a text or attribute binding. */
export function renderBody(body: string): TemplateResult[] {
  return formatBody(body).map(
    (lines) => html`<p>${lines.map((line, i) => html`${i > 0 ? html`<br />` : nothing}${line.map(segment)}`)}</p>`,
  );
}

function renderAuthor(node: ThreadNode, messages: Messages): TemplateResult {
  const { name, url } = node.comment.author;
  const shown = name || messages.anonymous;
  return url
    ? html`<a class="author" part="author" href=${url} rel=${REL} target="_blank">${shown}</a>`
    : html`<b class="author" part="author">${shown}</b>`;
}

/** One comment and, nested inside it, its replies. Recursion is bounded by the tree's max depth. */
export function renderComment(node: ThreadNode, options: CommentViewOptions): TemplateResult {
  const { comment } = node;
  const { messages } = options;
  const pending = comment.status === 'pending';
  const target = options.targetId === comment.id;
  const parts = `comment${pending ? ' comment-pending' : ''}${target ? ' comment-target' : ''}`;
  const context = node.orphan
    ? messages.replyToRemoved
    : node.inReplyTo !== null
      ? messages.inReplyTo(node.inReplyTo || messages.anonymous)
      : null;
  const name = comment.author.name || messages.anonymous;
  return html`<li class=${target ? 'comment target' : 'comment'} part=${parts} data-comment-id=${comment.id}>
    <article id=${`comment-${comment.id}`} tabindex="-1" aria-label=${name}>
      <div class="meta">
        ${renderAuthor(node, messages)} <span class="says">${messages.says}</span>
        ${comment.createdAt === null
          ? nothing
          : html`<time part="date" datetime=${comment.createdAt}>${options.formatDate(comment.createdAt)}</time>`}
      </div>
      ${context === null ? nothing : html`<p class="context" part="context">${context}</p>`}
      <div class="body" part="body">${renderBody(comment.body)}</div>
      ${pending
        ? html`<p class="pending" part="status">${messages.awaitingModeration}</p>`
        : html`<button
            class="reply"
            part="reply-button"
            type="button"
            aria-label=${messages.replyTo(name)}
            aria-expanded=${options.replyTo === comment.id ? 'true' : 'false'}
            @click=${() => options.onReply(comment.id)}
          >
            ${messages.reply}
          </button>`}
    </article>
    ${options.replyTo === comment.id ? options.composer : nothing}
    ${node.children.length === 0
      ? nothing
      : html`<ol class="replies" part="replies">${node.children.map((child) => renderComment(child, options))}</ol>`}
  </li>`;
}
