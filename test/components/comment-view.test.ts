import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import {
  buildComment,
  renderComment,
  renderConversations,
  type CommentViewOptions,
} from '../../src/components/comment-view.js';
import { enThread } from '../../src/i18n/en-thread.js';
import type { Messages } from '../../src/i18n/messages.js';
import { buildTree } from '../../src/model/tree.js';
import type { Comment } from '../../src/model/types.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

const comment = (
  id: string,
  parentId: string | null,
  minute: number,
  extra: Partial<Comment> = {},
): Comment => ({
  id,
  parentId,
  author: { name: `Name ${id}`, url: null },
  body: `Body of ${id}.`,
  createdAt: at(minute),
  status: 'published',
  ...extra,
});

/** Every kind of comment a still conversation can hold. */
const THREAD: Comment[] = [
  comment('a', null, 1, {
    author: { name: 'Rowan', url: 'https://rowan.example.org/' },
    body: 'First paragraph with https://example.org/x link.\nSecond line.\n\nSecond paragraph.',
  }),
  comment('owner', 'a', 2, { byOwner: true }),
  comment('pending', 'a', 3, { status: 'pending' }),
  comment('nodate', 'a', 4, { createdAt: null, author: { name: '', url: null } }),
  comment('orphan', 'gone', 5),
  comment('deep1', 'owner', 6),
  comment('deep2', 'deep1', 7),
  comment('long', null, 8),
  ...Array.from({ length: 12 }, (_, i) => comment(`r${i}`, 'long', 10 + i)),
];

const options = (): CommentViewOptions => ({
  messages: { ...enThread } as Messages,
  formatDate: (iso) => `on ${iso}`,
  replyTo: null,
  targetId: null,
  composer: null,
  online: true,
  expanded: new Set(),
});

/** The markup without Lit's markers and with white space between elements evened out. */
function markup(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const node of comments) node.remove();
  const serializer = new XMLSerializer();
  return Array.from(copy.childNodes, (node) => serializer.serializeToString(node))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><');
}

describe('comment view', () => {
  it('builds a still conversation as the same DOM as its template', () => {
    const view = options();
    const tree = buildTree(THREAD, 2);
    const fromTemplate = document.createElement('ol');
    render(html`${tree.map((node) => renderComment(node, view))}`, fromTemplate);
    const templated = markup(fromTemplate);
    const built = document.createElement('ol');
    built.append(...tree.map((node) => buildComment(node, view)));
    expect(markup(built)).to.equal(templated);
    // What the comparison is about is there: links, the owner, the status, the context, "Show 7 more".
    for (const part of ['author', 'owner-badge', 'status', 'context', 'show-more-replies', 'reply-button'])
      expect(built.querySelector(`[part~="${part}"]`), part).to.not.equal(null);
    expect(built.querySelectorAll('[part="body"] a[href="https://example.org/x"]')).to.have.length(1);
  });

  it('hands back the same box for a comment on every render, so focus and selection stay', () => {
    const view = options();
    const [node] = buildTree([comment('a', null, 1)], 5);
    const first = document.createElement('ol');
    render(html`${renderComment(node!, view)}`, first);
    const box = first.querySelector('article')!;
    render(html`${renderComment(node!, { ...view, replyTo: 'a' })}`, first);
    expect(first.querySelector('article')).to.equal(box);
    expect(box.querySelector('[part="reply-button"]')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('keeps a built conversation when the words stay the same (the form’s English arriving), not when they change', () => {
    const view = options();
    const [node] = buildTree([comment('a', null, 1)], 5);
    const ol = document.createElement('ol');
    const [first] = renderConversations([node!], view) as HTMLElement[];
    ol.append(first!);
    const withForm = { ...view, messages: { ...view.messages, postComment: 'Post Comment' } as Messages };
    expect(renderConversations([node!], withForm)[0]).to.equal(first);
    const reworded = { ...view, messages: { ...view.messages, says: 'writes:' } };
    const [again] = renderConversations([node!], reworded) as HTMLElement[];
    expect(again).to.not.equal(first);
    expect(again!.textContent).to.contain('writes:');
  });
});
