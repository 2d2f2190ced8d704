import type { Messages } from '../i18n/messages.js';
import { linesOf, mayLink, paragraphsOf, type Paragraph } from '../model/text.js';
import type { ThreadNode } from '../model/tree.js';
import { clientIdOf } from '../model/thread-view.js';
import type { Comment, Delivery } from '../model/types.js';
import type { CommentViewOptions } from './comment-view.js';
import { setAttribute } from './place-nodes.js';

/**
 * An element with its attributes and children. Children given as strings become text nodes,
 * never markup, exactly as a Lit text binding; attributes go through setAttribute, as Lit's do.
 */
export function element(
  tag: string,
  attributes: Record<string, string>,
  ...children: Array<Node | string>
): HTMLElement {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]!);
  node.append(...children);
  return node;
}

const LINK = { rel: 'ugc nofollow noopener', target: '_blank' };
/** A paragraph's element, cloned: one call where creating it and setting `dir` are two. */
const PARAGRAPH = element('p', { dir: 'auto' });

/**
 * A paragraph with links, filled into `p`: its text in one text node between links. Line breaks stay "\n" in the text and
 * show through `white-space: pre-line`, which spares an element per line. Each paragraph takes
 * the direction of its own first letters: Arabic right to left, and so on.
 */
function paragraph(lines: Paragraph, p: HTMLElement): void {
  let text = '';
  lines.forEach((line, i) => {
    if (i > 0) text += '\n';
    for (const part of line) {
      if (part.kind === 'text') {
        text += part.text;
      } else {
        p.append(text, element('a', { href: part.href, ...LINK }, part.text));
        text = '';
      }
    }
  });
  p.append(text);
}

/** How the line under the reader's own comment on its way is built: the writing side's, which alone makes such comments. */
let deliveryLine: ((delivery: Delivery, options: CommentViewOptions) => HTMLElement) | null = null;

/** The writing side, as it starts, hands over how the reader's own comments on their way say where they are. */
export const showDeliveriesWith = (build: typeof deliveryLine): void => void (deliveryLine = build);

/** The line under the reader's own comment that is not published: where it is on its way, or awaiting moderation. */
function status(comment: Comment, options: CommentViewOptions): HTMLElement {
  return comment.delivery && deliveryLine
    ? deliveryLine(comment.delivery, options)
    : element('p', { class: 'pending', part: 'status' }, options.messages.awaitingModeration);
}

/** The words and date format boxes were last built in, and the key standing for them. */
let words = { m: {} as Messages, date: '', key: {} };

/**
 * A key that stays the same while the words and the date format do. The messages object is
 * new when the form's English arrives with the writing side, though not one word of the thread
 * changed: a new key then would build every comment again, just after the first render.
 */
export function wordsKey({ messages: m, formatDate }: CommentViewOptions): object {
  if (words.m !== m) {
    const { m: last, date } = words;
    words = { m, date: formatDate('2026-01-01T00:00:00Z'), key: words.key };
    if (
      date !== words.date ||
      Object.keys(last).some((name) => last[name as keyof Messages] !== m[name as keyof Messages])
    )
      words.key = {};
  }
  return words.key;
}

/** A built article, and what it was built from. */
interface Built {
  comment: Comment;
  words: object;
  context: string | null;
  article: HTMLElement;
  /** The Reply button (null on a comment that is not published). */
  reply: HTMLElement | null;
  status: HTMLElement | null;
  /** The status's words, so it is only replaced (and a focused Retry lost) when they change. */
  said: string;
  /** Whether the reader's own controls were put into the article (they stay until taken away). */
  mine: boolean;
}

const built = new WeakMap<Comment, Built>();
/**
 * The reader's own comments by id: each step on their way (queued, sending, awaiting
 * moderation) is a new comment object, and their box must stay the same element, or the focus
 * that posting put on it is lost.
 */
const own = new Map<string, Built>();

/** Whether a box built for `before` shows `after` (but for its status). */
const sameBox = (before: Comment, after: Comment) =>
  before === after ||
  (before.id === after.id &&
    before.body === after.body &&
    before.status === after.status &&
    before.createdAt === after.createdAt &&
    before.editedAt === after.editedAt &&
    before.author.name === after.author.name &&
    before.author.url === after.author.url);

/**
 * What every published comment's box has, in the words of one locale: cloning it is one call,
 * where building it is a dozen. `build` fills it in by position, so the two stay side by side.
 */
const prototypes = new WeakMap<Messages, HTMLElement>();

function prototypeFor(m: Messages): HTMLElement {
  let article = prototypes.get(m);
  if (!article) {
    const meta = element(
      'div',
      { class: 'meta' },
      element('b', { class: 'author', part: 'author', dir: 'auto' }),
      ` ${m.says} `,
      element('time', { part: 'date' }),
    );
    const reply = element(
      'button',
      { class: 'reply', part: 'reply-button', type: 'button', 'data-action': 'reply' },
      m.reply,
    );
    article = element(
      'article',
      { tabindex: '-1', part: '' },
      meta,
      element('div', { class: 'body', part: 'body' }, PARAGRAPH.cloneNode()),
      reply,
    );
    prototypes.set(m, article);
  }
  return article;
}

function build(comment: Comment, context: string | null, options: CommentViewOptions): Built {
  const { messages: m } = options;
  const { name, url } = comment.author;
  const shown = name || m.anonymous;
  const date = comment.createdAt === null ? '' : options.formatDate(comment.createdAt);
  const article = prototypeFor(m).cloneNode(true) as HTMLElement;
  const meta = article.firstChild as HTMLElement;
  const body = meta.nextSibling as HTMLElement;
  const author = meta.firstChild as HTMLElement;
  const time = meta.lastChild as HTMLElement;
  let reply = article.lastChild as HTMLElement | null;
  article.setAttribute('aria-label', m.commentLabel(shown, date));
  if (url)
    author.replaceWith(
      element('a', { class: 'author', part: 'author', dir: 'auto', href: url, ...LINK }, shown),
    );
  else author.textContent = shown;
  if (comment.byOwner) {
    article.setAttribute('part', 'comment-owner');
    meta.firstChild!.after(' ', element('span', { class: 'owner', part: 'owner-badge' }, m.byOwner));
  }
  if (comment.createdAt === null) time.remove();
  else {
    time.setAttribute('datetime', comment.createdAt);
    time.textContent = date;
  }
  if (comment.editedAt) meta.append(' ', element('span', { class: 'edited', part: 'edited' }, m.edited));
  if (context !== null) meta.after(element('p', { class: 'context', part: 'context' }, context));
  // The first paragraph fills the prototype's; a body with none (blank) drops it.
  const texts = paragraphsOf(comment.body);
  if (texts.length === 0) body.firstChild!.remove();
  texts.forEach((text, i) => {
    const p = i === 0 ? (body.firstChild as HTMLElement) : body.appendChild(PARAGRAPH.cloneNode());
    // A paragraph without a link is its text, line breaks and all: no segments to lay out.
    if (mayLink(text)) paragraph(linesOf(text), p as HTMLElement);
    else p.textContent = text;
  });
  let line: HTMLElement | null = null;
  let said = '';
  if (comment.status === 'pending') {
    line = status(comment, options);
    said = line.textContent!;
    reply!.replaceWith(line);
    reply = null;
  } else {
    reply!.setAttribute('aria-label', m.replyTo(shown));
  }
  return { comment, words: wordsKey(options), context, article, reply, status: line, said, mine: false };
}

/**
 * A comment's own box (name, date, text, Reply or where it is on its way) as plain DOM, built
 * once per comment and words: it never changes but for the Reply button's `aria-expanded` and
 * the status of the reader's own comment, which are set here in place. A template with live
 * parts for each of these thousands of boxes costs a clone, a tree walk and a part per binding,
 * several times what building them takes. The same box is handed back on every call, so a
 * conversation built around it again, or the writing side's live wrapper, keeps the same element.
 */
export function articleOf(node: ThreadNode, options: CommentViewOptions): HTMLElement {
  const { comment } = node;
  const { messages: m } = options;
  const context = node.orphan
    ? m.replyToRemoved
    : node.inReplyTo !== null
      ? m.inReplyTo(node.inReplyTo || m.anonymous)
      : null;
  let entry = built.get(comment) ?? own.get(comment.id);
  if (
    !entry ||
    entry.words !== wordsKey(options) ||
    entry.context !== context ||
    !sameBox(entry.comment, comment)
  )
    entry = build(comment, context, options);
  built.set(comment, entry);
  if (clientIdOf(comment.id) !== null) own.set(comment.id, entry);
  if (entry.reply)
    setAttribute(entry.reply, 'aria-expanded', options.replyTo === comment.id ? 'true' : 'false');
  if (entry.status) {
    const line = status(comment, options);
    if (line.textContent !== entry.said) {
      entry.status.replaceWith(line);
      entry.status = line;
      entry.said = line.textContent!;
    }
  }
  // The reader's own Edit and Delete, last in the box: put there by the writing side, and taken
  // away by it when the comment no longer has them.
  const mine = options.mine;
  if (mine && (entry.mine || mine.ids.has(comment.id))) entry.mine = mine.render(comment, entry.article);
  return entry.article;
}
