import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CommentsBackend } from '../src/backend/backend.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import { button, composerOf, fill, freshStore, mount, text, wrapperOf } from './helpers/dom.js';
import { proxy, published, seed, server, setOffline, uniqueThread } from './helpers/server.js';

/** The element that has focus, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function seededThread(moderation: 'pre' | 'off' = 'pre'): Promise<string> {
  const thread = uniqueThread('a11y');
  await seed(
    thread,
    [
      {
        ...published('a', null, 'Rowan', 'First.\n\nWith a link: https://example.org/help', 60),
        author: { name: 'Rowan', url: 'https://rowan.example.org/' },
      },
      published('b', 'a', 'Anon', 'A reply.', 50),
      published('c', null, 'M.', 'Another.', 40),
    ],
    moderation,
  );
  return thread;
}

for (const theme of ['light', 'dark'] as const) {
  describe(`accessibility, theme="${theme}"`, () => {
    const themed = (element: RecoveryComments) => {
      element.theme = theme;
      return element.updateComplete;
    };

    it('loading', async () => {
      const element = document.createElement('recovery-comments');
      element.backend = {
        loadPage: () => new Promise(() => {}),
        postComment: () => new Promise(() => {}),
      } satisfies CommentsBackend;
      element.storage = freshStore();
      element.theme = theme;
      document.body.append(element);
      await element.updateComplete;
      expect(text(element)).to.contain('Loading comments');
      await expect(element).to.be.accessible();
      element.remove();
    });

    it('loaded, replying, and with validation errors', async () => {
      const element = await mount({ endpoint: (await server()).endpoint, thread: await seededThread() });
      await themed(element);
      await expect(element).to.be.accessible();
      wrapperOf(element, 'b')!
        .querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!
        .click();
      await element.updateComplete;
      await expect(element).to.be.accessible();
      button(element, 'Post Comment').click();
      await composerOf(element).updateComplete;
      expect(composerOf(element).shadowRoot!.querySelector('[part="form-error"]')).to.exist;
      await expect(element).to.be.accessible();
    });

    it('empty', async () => {
      const element = await mount({
        endpoint: (await server()).endpoint,
        thread: uniqueThread('a11y-empty'),
      });
      await themed(element);
      expect(text(element)).to.contain('No comments yet');
      await expect(element).to.be.accessible();
    });

    it('error', async () => {
      const element = await mount({
        endpoint: 'http://127.0.0.1:9/api',
        thread: uniqueThread('a11y-error'),
        waitForLoad: false,
      });
      await themed(element);
      await waitUntil(() => text(element).includes('could not be loaded'));
      await expect(element).to.be.accessible();
    });

    it('a queued echo while offline, and a pending echo', async () => {
      const { endpoint } = await proxy();
      const origin = new URL(endpoint).origin;
      const queuedHere = await mount({ endpoint, thread: uniqueThread('a11y-queued') });
      await themed(queuedHere);
      await setOffline(true, [origin]);
      try {
        fill(queuedHere, 'body', 'Waiting to go.');
        fill(queuedHere, 'name', 'Sam');
        const queued = oneEvent(queuedHere, 'rc-queued');
        button(queuedHere, 'Post Comment').click();
        await queued;
        await queuedHere.updateComplete;
        await waitUntil(() => text(queuedHere).includes('Waiting for a connection'));
        await expect(queuedHere).to.be.accessible();
      } finally {
        await setOffline(false, [origin]);
      }

      const pendingHere = await mount({
        endpoint: (await server()).endpoint,
        thread: uniqueThread('a11y-pending'),
      });
      await themed(pendingHere);
      fill(pendingHere, 'body', 'For the moderator.');
      fill(pendingHere, 'name', 'Sam');
      const submitted = oneEvent(pendingHere, 'rc-submitted');
      button(pendingHere, 'Post Comment').click();
      await submitted;
      await waitUntil(() => text(pendingHere).includes('awaiting moderation'));
      await expect(pendingHere).to.be.accessible();
    });
  });
}

describe('small screens', () => {
  it('reflows at 320 CSS pixels (the width of 400% zoom on a 1280 px screen) without sideways scrolling', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: await seededThread() });
    element.style.display = 'block';
    element.style.width = '320px';
    wrapperOf(element, 'b')!
      .querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!
      .click();
    await element.updateComplete;
    const section = element.shadowRoot!.querySelector('section')!;
    const form = composerOf(element).shadowRoot!.querySelector('form')!;
    expect(section.scrollWidth).to.be.at.most(320);
    expect(form.scrollWidth).to.be.at.most(form.clientWidth);
    for (const control of composerOf(element).shadowRoot!.querySelectorAll(
      'input:not([type="checkbox"]), textarea',
    )) {
      expect(control.getBoundingClientRect().right).to.be.at.most(
        element.getBoundingClientRect().right + 0.5,
      );
    }
  });

  it('re-exports the form parts so the page can style them', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('parts') });
    const exported = composerOf(element)
      .getAttribute('exportparts')!
      .split(',')
      .map((part) => part.trim());
    const used = new Set(
      [...composerOf(element).shadowRoot!.querySelectorAll('[part]')].flatMap((node) =>
        node.getAttribute('part')!.split(' '),
      ),
    );
    fill(element, 'body', 'x');
    await composerOf(element).updateComplete;
    for (const node of composerOf(element).shadowRoot!.querySelectorAll('[part]'))
      for (const part of node.getAttribute('part')!.split(' ')) used.add(part);
    expect([...used].filter((part) => !exported.includes(part))).to.deep.equal([]);
  });
});

describe('keyboard only', () => {
  it('reads the thread, opens Reply, types, posts, and lands on the new comment', async () => {
    const thread = await seededThread('off');
    const before = document.createElement('button');
    before.textContent = 'Before the comments';
    document.body.append(before);
    try {
      const element = await mount({ endpoint: (await server('off')).endpoint, thread });
      before.focus();
      // Tab through the thread to Reply on Anon's comment.
      const target = wrapperOf(element, 'b')!.querySelector(':scope > article [part="reply-button"]');
      for (let i = 0; i < 20 && deepActiveElement() !== target; i++) await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(target);
      expect(deepActiveElement()!.getAttribute('aria-label')).to.equal('Reply to Anon');

      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => deepActiveElement()?.getAttribute('name') === 'body',
        'focus did not move to the comment field',
      );
      await sendKeys({ type: 'Typed with the keyboard alone.' });
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()!.getAttribute('name')).to.equal('name');
      await sendKeys({ type: 'Keys' });
      // Email, Website, the remember box, then Post Comment.
      for (let i = 0; i < 6 && deepActiveElement()?.textContent?.trim() !== 'Post Comment'; i++)
        await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()!.textContent!.trim()).to.equal('Post Comment');
      const submitted = oneEvent(element, 'rc-submitted');
      await sendKeys({ press: 'Enter' });
      const { comment } = (await submitted).detail;
      await waitUntil(
        () => deepActiveElement() === wrapperOf(element, comment.id)?.querySelector(':scope > article'),
        'focus did not land on the new comment',
      );
      expect(wrapperOf(element, 'b')!.contains(wrapperOf(element, comment.id))).to.equal(true);
    } finally {
      before.remove();
    }
  });

  it('Cancel reply returns focus to the Reply button', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: await seededThread() });
    const reply = wrapperOf(element, 'c')!.querySelector<HTMLButtonElement>(
      ':scope > article [part="reply-button"]',
    )!;
    reply.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.getAttribute('name') === 'body');
    button(element, 'Cancel reply').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement() === reply, 'focus did not return to Reply');
  });
});
