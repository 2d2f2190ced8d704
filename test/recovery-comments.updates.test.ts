// The reply form under a comment is the writing side's, in a conversation of its own that the
// plain-DOM thread keeps in place: what the reader is typing must survive every other update.
import { expect, waitUntil } from '@open-wc/testing';
import type { CommentsBackend } from '../src/backend/backend.js';
import { en } from '../src/i18n/en.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import {
  button,
  commentWrappers,
  composerOf,
  field,
  fill,
  failOnUnhandledRejections,
  mountWith,
  root,
  wrapperOf,
} from './helpers/dom.js';
import { comment } from './helpers/comments.js';

failOnUnhandledRejections();

/** Page one: three conversations, the last with a long list of replies. Page two: 2,000 more, which fill in a chunk per frame. */
const FIRST = [
  comment('c0', null, 0),
  comment('c1', null, 1),
  comment('c2', null, 2),
  ...Array.from({ length: 12 }, (_, i) => comment(`c2r${i}`, 'c2', 3 + i)),
];
const SECOND = Array.from({ length: 2000 }, (_, i) => comment(`m${i}`, null, 100 + i));

const backend: CommentsBackend = {
  loadPage: async (thread, { cursor }) => ({
    thread,
    total: FIRST.length + SECOND.length,
    comments: cursor === null ? FIRST : SECOND,
    nextCursor: cursor === null ? 'second' : null,
    skipped: 0,
  }),
  postComment: () => new Promise(() => {}),
};

/** The section on the backend above, once the reader has opened the reply form under c1. */
async function withFormUnderC1(): Promise<RecoveryComments> {
  const element = await mountWith(backend);
  try {
    wrapperOf(element, 'c1')!
      .querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!
      .click();
    await waitUntil(
      () => wrapperOf(element, 'c1')!.querySelector(':scope > rc-composer'),
      'the form never moved',
    );
    return element;
  } catch (error) {
    element.remove();
    throw error;
  }
}

describe('<recovery-comments> keeps the reply form as the reader left it', () => {
  it('keeps the focus, the text and the selection in the form under a comment while the thread announces, expands, loads more and fills in', async () => {
    const element = await withFormUnderC1();
    try {
      const conversation = wrapperOf(element, 'c1')!;
      const form = composerOf(element);
      fill(element, 'body', 'Half of what I mean to say');
      const body = field(element, 'body');
      body.focus();
      body.setSelectionRange(5, 12);
      /** Everything the reader would lose if the form were moved or made again. */
      const asLeft = () => ({
        conversation: wrapperOf(element, 'c1') === conversation,
        form: form.parentElement === conversation,
        focus: root(element).activeElement === form && form.shadowRoot!.activeElement === body,
        text: body.value,
        selection: [body.selectionStart, body.selectionEnd],
      });
      const untouched = {
        conversation: true,
        form: true,
        focus: true,
        text: 'Half of what I mean to say',
        selection: [5, 12],
      };

      // The first save of the draft is announced in the live region (two updates: cleared, then said).
      const status = root(element).querySelector('[role="status"]')!;
      await waitUntil(() => status.textContent === en.draftSavedShort, 'the draft was never announced');
      expect(asLeft()).to.deep.equal(untouched);

      // Another conversation's long list shown whole (it is built again).
      button(element, 'Show 7 more replies').click();
      await waitUntil(() => wrapperOf(element, 'c2r11'), 'the list was not expanded');
      expect(asLeft()).to.deep.equal(untouched);

      // Load more (a click that leaves focus where it is), then its 2,000 comments a chunk per frame.
      // The first chunk is counted as its update leaves it (a mutation observer's callback comes
      // before the next frame), not when a poll next looks, by which time more chunks are in.
      const firstChunk = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!wrapperOf(element, 'm0')) return;
          observer.disconnect();
          resolve(commentWrappers(element).length);
        });
        observer.observe(root(element), { childList: true, subtree: true });
      });
      button(element, en.loadMore).click();
      expect(await firstChunk, 'the page came in one update').to.be.below(FIRST.length + SECOND.length);
      expect(asLeft()).to.deep.equal(untouched);
      await waitUntil(() => wrapperOf(element, 'm1999'), 'the second page never filled in', {
        timeout: 10_000,
      });
      expect(commentWrappers(element)).to.have.length(FIRST.length + SECOND.length);
      expect(asLeft()).to.deep.equal(untouched);
    } finally {
      element.remove();
    }
  });

  it('touches no node, attribute or text of the section in an update that changes nothing, with the form under a comment', async () => {
    const element = await withFormUnderC1();
    try {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await element.updateComplete;
      // No node moved (focus would go), no text replaced (it would be announced again), no attribute set.
      const records: MutationRecord[] = [];
      const observer = new MutationObserver((seen) => records.push(...seen));
      observer.observe(root(element), {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      element.requestUpdate();
      await element.updateComplete;
      records.push(...observer.takeRecords());
      observer.disconnect();
      const changes = records.map(
        (record) => `${record.type} ${record.attributeName ?? ''} on ${record.target.nodeName}`,
      );
      expect(changes).to.deep.equal([]);
    } finally {
      element.remove();
    }
  });
});
