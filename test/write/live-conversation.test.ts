import { expect } from '@open-wc/testing';
import { articleOf } from '../../src/components/comment-article.js';
import { buildComment, type CommentViewOptions } from '../../src/components/comment-view.js';
import { OwnCommentsController } from '../../src/controllers/own-comments-controller.js';
import { en } from '../../src/i18n/en.js';
import { buildTree, type ThreadNode } from '../../src/model/tree.js';
import { liveConversations, ownControls } from '../../src/write/live-conversation.js';
import { FakeHost } from '../controllers/fake-host.js';
import { comment, EVERY_KIND, markup, viewOptions as options } from '../helpers/comments.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** The writing side's nodes for `tree`, in a list as the thread holds them. */
function liveList(tree: readonly ThreadNode[], view: CommentViewOptions, live = liveConversations()) {
  const list = document.createElement('ol');
  list.append(...tree.map((node) => live(node, view)));
  return list;
}

/** `tree`'s live list in the page, as the thread holds it: its first conversation, and `done` to take it out. */
function inPage(tree: readonly ThreadNode[], view: CommentViewOptions) {
  const live = liveConversations();
  const list = liveList(tree, view, live);
  document.body.append(list);
  return { live, li: list.firstElementChild!, done: () => list.remove() };
}

/** A reader halfway through a reply: the text, focus and selection the form must keep. */
function typeHalfAReply(form: HTMLTextAreaElement): void {
  form.value = 'Half a reply';
  form.focus();
  form.setSelectionRange(2, 6);
}

/** Checks that the form still has all of that. */
function keptHalfAReply(form: HTMLTextAreaElement): void {
  expect(document.activeElement).to.equal(form);
  expect([form.value, form.selectionStart, form.selectionEnd]).to.deep.equal(['Half a reply', 2, 6]);
}

describe('live conversations (the writing side)', () => {
  for (const [what, change] of [
    ['a still conversation', {}],
    ['a linked comment and an expanded list', { targetId: 'deep2', expanded: new Set(['long']) }],
  ] as const)
    it(`make the same DOM as the main file builds, for ${what}`, () => {
      const view = { ...options(), ...change };
      const tree = buildTree(EVERY_KIND, 2);
      const live = markup(liveList(tree, view));
      const built = document.createElement('ol');
      built.append(...tree.map((node) => buildComment(node, view)));
      expect(markup(built)).to.equal(live);
      // What the comparison is about is there: links, the owner, the status, the context, "Show 7 more".
      for (const part of ['author', 'owner-badge', 'status', 'context', 'reply-button'])
        expect(built.querySelector(`[part~="${part}"]`), part).to.not.equal(null);
      expect(built.querySelectorAll('[part="body"] a[href="https://example.org/x"]')).to.have.length(1);
      expect(built.querySelectorAll('[part="show-more-replies"]')).to.have.length(
        'expanded' in change ? 0 : 1,
      );
    });

  it('keeps the node and every box of a conversation across updates, with the form where the reply goes', () => {
    const form = document.createElement('textarea');
    const view = { ...options(), composer: form };
    const [node] = buildTree([comment('a', null, 1), comment('b', 'a', 2)], 5);
    const { live, li, done } = inPage([node!], view);
    const boxes = [...li.querySelectorAll('article')];
    try {
      live(node!, { ...view, replyTo: 'b' });
      typeHalfAReply(form);
      for (const replyTo of ['b', 'b', 'b']) expect(live(node!, { ...view, replyTo })).to.equal(li);
      expect([...li.querySelectorAll('article')]).to.deep.equal(boxes);
      expect(li.querySelector('[data-comment-id="b"] > textarea')).to.equal(form);
      keptHalfAReply(form);
      const replyButton = (id: string) =>
        li.querySelector(`[data-comment-id="${id}"] > article [part="reply-button"]`)!;
      expect(replyButton('b').getAttribute('aria-expanded')).to.equal('true');
      live(node!, { ...view, replyTo: 'a' });
      expect(li.querySelector(':scope > textarea')).to.equal(form);
      expect(replyButton('b').getAttribute('aria-expanded')).to.equal('false');
    } finally {
      done();
    }
  });

  it('keeps each reply wrapper by its comment, so a new reply ahead of the one with the form leaves the form, its focus and its selection', () => {
    const form = document.createElement('textarea');
    const view = { ...options(), composer: form, replyTo: 'b' };
    // Replies are in time order: 'new' (time 2) comes before 'b' (time 3) once it is there.
    const before = [comment('a', null, 1), comment('b', 'a', 3)];
    const [node] = buildTree(before, 5);
    const { live, li, done } = inPage([node!], view);
    const wrapperOfB = li.querySelector('[data-comment-id="b"]')!;
    try {
      typeHalfAReply(form);
      const [grown] = buildTree([...before, comment('new', 'a', 2)], 5);
      expect(live(grown!, view)).to.equal(li);
      const ids = [...li.querySelectorAll(':scope > ol > li')].map((reply) =>
        reply.getAttribute('data-comment-id'),
      );
      expect(ids).to.deep.equal(['new', 'b']);
      expect(li.querySelector('[data-comment-id="b"]')).to.equal(wrapperOfB);
      expect(wrapperOfB.querySelector(':scope > textarea')).to.equal(form);
      keptHalfAReply(form);
    } finally {
      done();
    }
  });

  it('lets go of the wrappers of replies no longer shown, and keeps the form, its focus and the rest', () => {
    const form = document.createElement('textarea');
    const view = { ...options(), composer: form, replyTo: 'b' };
    const thread = [comment('a', null, 1), comment('b', 'a', 2)];
    // The reader's reply to b, on its way: once sent, the server's copy takes its place.
    const [onItsWay] = buildTree([...thread, comment('local-x', 'b', 3)], 5);
    const [sent] = buildTree([...thread, comment('x', 'b', 3)], 5);
    const { live, li, done } = inPage([onItsWay!], view);
    const wrapperOf = (id: string) => li.querySelector(`[data-comment-id="${id}"]`);
    const [wrapperOfB, wrapperOfEcho] = [wrapperOf('b'), wrapperOf('local-x')];
    try {
      form.value = 'Another reply';
      form.focus();
      expect(live(sent!, view)).to.equal(li);
      expect(wrapperOf('local-x')).to.equal(null);
      expect(wrapperOf('b')).to.equal(wrapperOfB);
      expect(document.activeElement).to.equal(form);
      // Its wrapper was let go: shown again, the echo has a new one; b and the form are as they were.
      live(onItsWay!, view);
      expect(wrapperOf('local-x')).to.not.equal(null);
      expect(wrapperOf('local-x')).to.not.equal(wrapperOfEcho);
      expect(wrapperOf('b')).to.equal(wrapperOfB);
      expect(wrapperOfB!.querySelector(':scope > textarea')).to.equal(form);
      expect([document.activeElement, form.value]).to.deep.equal([form, 'Another reply']);
    } finally {
      done();
    }
  });

  it('starts afresh once the list let its node go, with the boxes and the form back in it', () => {
    const form = document.createElement('textarea');
    const view = { ...options(), composer: form, replyTo: 'a' };
    const [node] = buildTree([comment('a', null, 1)], 5);
    const live = liveConversations();
    const list = liveList([node!], view, live);
    const first = list.firstElementChild!;
    // Shown as plain DOM meanwhile: its box moved there, and the form went under the thread.
    list.replaceChildren(buildComment(node!, options()));
    document.body.append(form);
    const again = live(node!, view);
    expect(again).to.not.equal(first);
    expect(again.querySelector(':scope > article')).to.not.equal(null);
    expect(again.querySelector(':scope > textarea')).to.equal(form);
    form.remove();
  });
});

describe("the reader's own controls (the writing side)", () => {
  it('puts Edit and Delete last in the box, the same buttons on each update, and takes out only them', async () => {
    const own = new OwnCommentsController(new FakeHost(), () => en);
    await own.configure(new MemoryStore(), { endpoint: 'e', thread: 't' });
    own.keep('e', 't', 'a', { token: 'secret', until: Date.now() + 60_000 });
    const [node] = buildTree([comment('a', null, 1)], 5);
    // The section asks for the controls anew on each update, and shows the box again.
    const box = () => articleOf(node!, { ...options(), mine: ownControls(own) });
    const article = box();
    const [meta, body, reply] = [...article.children];
    const kinds = () =>
      [...article.childNodes].map((child) =>
        child instanceof Element ? (child.getAttribute('part') ?? child.localName) : 'text',
      );
    expect(kinds()).to.deep.equal(['div', 'body', 'reply-button', 'edit-button', 'text', 'delete-button']);
    const [edit, remove] = [...article.querySelectorAll('[part="edit-button"], [part="delete-button"]')];
    expect(article.textContent).to.match(/Edit Delete$/);
    expect(box()).to.equal(article);

    own.ask('a');
    box();
    expect(kinds()).to.deep.equal(['div', 'body', 'reply-button', 'p']);
    expect(article.lastElementChild!.textContent).to.equal(`${en.deleteAsk} ${en.deleteComment} ${en.keep}`);
    own.ask(null);
    box();
    expect([...article.children]).to.deep.equal([meta, body, reply, edit, remove]);

    own.note('a', 'Not deleted.');
    box();
    expect(kinds()).to.deep.equal([
      'div',
      'body',
      'reply-button',
      'status',
      'edit-button',
      'text',
      'delete-button',
    ]);
    // No token and no note: nothing of the reader's is left, and the box's own nodes are as they were.
    own.forget('a');
    own.ask(null);
    box();
    expect([...article.childNodes]).to.deep.equal([meta, body, reply]);
  });

  it("lets go of a comment's controls once it shows none, and keeps another's, focus and all", async () => {
    const own = new OwnCommentsController(new FakeHost(), () => en);
    await own.configure(new MemoryStore(), { endpoint: 'e', thread: 't' });
    for (const id of ['a', 'b'])
      own.keep('e', 't', id, { token: `secret-${id}`, until: Date.now() + 60_000 });
    const [a, b] = buildTree([comment('a', null, 1), comment('b', null, 2)], 5);
    const box = (node: ThreadNode) => articleOf(node, { ...options(), mine: ownControls(own) });
    const [articleA, articleB] = [box(a!), box(b!)];
    const noteOf = (article: HTMLElement) => article.querySelector('[part="status"]');
    own.note('a', 'Not deleted.');
    box(a!);
    const firstNote = noteOf(articleA);
    expect(firstNote).to.not.equal(null);
    const editB = articleB.querySelector<HTMLButtonElement>('[part="edit-button"]')!;
    document.body.append(articleA, articleB);
    try {
      editB.focus();
      // a is gone (deleted) and its note with it: nothing of the reader's shows on it.
      own.forget('a');
      own.ask(null);
      box(a!);
      box(b!);
      expect(noteOf(articleA)).to.equal(null);
      expect(articleB.querySelector('[part="edit-button"]')).to.equal(editB);
      expect(document.activeElement).to.equal(editB);
      // Its controls were let go: a note on it again comes in new ones.
      own.note('a', 'Not deleted either.');
      box(a!);
      expect(noteOf(articleA)?.textContent).to.equal('Not deleted either.');
      expect(noteOf(articleA)).to.not.equal(firstNote);
      expect(document.activeElement).to.equal(editB);
    } finally {
      articleA.remove();
      articleB.remove();
    }
  });
});
