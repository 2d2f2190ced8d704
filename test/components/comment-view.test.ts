import { expect } from '@open-wc/testing';
import { conversations } from '../../src/components/comment-view.js';
import type { Messages } from '../../src/i18n/messages.js';
import { buildTree } from '../../src/model/tree.js';
import { liveConversations } from '../../src/write/live-conversation.js';
import { comment, EVERY_KIND, viewOptions as options } from '../helpers/comments.js';

/** The ids of the replies a conversation lists, and whether it holds back more. */
const repliesOf = (li: HTMLElement) => ({
  shown: [...li.querySelectorAll<HTMLElement>(':scope > ol > li')].map((reply) => reply.dataset.commentId),
  more: li.querySelector(':scope > [part="show-more-replies"]')?.textContent ?? null,
});

describe('comment view', () => {
  it('keeps a built conversation when the words stay the same (the form’s English arriving), not when they change', () => {
    const view = options();
    const [node] = buildTree([comment('a', null, 1)], 5);
    const ol = document.createElement('ol');
    const [first] = conversations([node!], view) as HTMLElement[];
    ol.append(first!);
    const withForm = { ...view, messages: { ...view.messages, postComment: 'Post Comment' } as Messages };
    expect(conversations([node!], withForm)[0]).to.equal(first);
    const reworded = { ...view, messages: { ...view.messages, says: 'writes:' } };
    const [again] = conversations([node!], reworded) as HTMLElement[];
    expect(again).to.not.equal(first);
    expect(again!.textContent).to.contain('writes:');
  });

  it('hands back the same node for each conversation while others are added, and builds none again', () => {
    const view = options();
    const tree = buildTree(EVERY_KIND, 3);
    const before = conversations(tree.slice(0, 1), view);
    const after = conversations(tree, view);
    expect(after[0]).to.equal(before[0]);
    expect(conversations(tree, view)).to.deep.equal(after);
    expect(new Set(after).size).to.equal(tree.length);
  });

  it('highlights the linked comment, shows its long list whole, and builds only its conversation again when the link changes', () => {
    const view = options();
    const tree = buildTree(EVERY_KIND, 3);
    const [a, , long] = conversations(tree, view);
    expect(repliesOf(long!).shown).to.have.length(5);
    expect(repliesOf(long!).more).to.equal('Show 7 more replies');

    const linked = conversations(tree, { ...view, targetId: 'r11' });
    expect(linked[0]).to.equal(a);
    expect(linked[2]).to.not.equal(long);
    expect(repliesOf(linked[2]!)).to.deep.equal({
      shown: Array.from({ length: 12 }, (_, i) => `r${i}`),
      more: null,
    });
    const target = linked[2]!.querySelector<HTMLElement>('[data-comment-id="r11"]')!;
    expect(target.getAttribute('part')).to.equal('comment comment-target');
    // The same link again: nothing is built again.
    expect(conversations(tree, { ...view, targetId: 'r11' })).to.deep.equal(linked);

    const unlinked = conversations(tree, view);
    expect(unlinked[0]).to.equal(a);
    expect(unlinked[2]!.querySelector('[part~="comment-target"]')).to.equal(null);
    expect(repliesOf(unlinked[2]!).more).to.equal('Show 7 more replies');
  });

  it('shows an expanded list whole, built again only for that conversation', () => {
    const view = options();
    const tree = buildTree(EVERY_KIND, 3);
    const [a] = conversations(tree, view);
    const expanded = conversations(tree, { ...view, expanded: new Set(['long']) });
    expect(expanded[0]).to.equal(a);
    expect(repliesOf(expanded[2]!)).to.deep.equal({
      shown: Array.from({ length: 12 }, (_, i) => `r${i}`),
      more: null,
    });
  });

  it('hands the conversation with the reply form to the writing side, and builds it here again once the form goes', () => {
    const live = liveConversations();
    const view = { ...options(), live, composer: document.createElement('rc-test-form') };
    const tree = buildTree(EVERY_KIND, 3);
    const list = document.createElement('ol');
    const still = conversations(tree, view);
    list.append(...still);
    const open = conversations(tree, { ...view, replyTo: 'deep1' });
    expect(open[1]).to.equal(still[1]);
    expect(open[0]).to.not.equal(still[0]);
    list.replaceChildren(...open);
    expect(open[0]!.querySelector('[data-comment-id="deep1"] > rc-test-form')).to.equal(view.composer);
    // The writing side keeps its node while the form stays in the conversation.
    expect(conversations(tree, { ...view, replyTo: 'deep2' })[0]).to.equal(open[0]);

    const boxes = [...open[0]!.querySelectorAll('article')];
    const closed = conversations(tree, view);
    expect(closed[0]).to.not.equal(open[0]);
    expect(closed[0]!.querySelector('rc-test-form')).to.equal(null);
    expect([...closed[0]!.querySelectorAll('article')]).to.deep.equal(boxes);
  });
});
