// Defects found by a review and by a new reader's walk of the demo (issue 9), each as the
// reader meets it: on a real page, in real Chromium, against the reference server.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CommentsBackend } from '../src/backend/backend.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import {
  button,
  composerOf,
  field,
  fill,
  freshStore,
  mount,
  post,
  root,
  wrapperOf,
  mountWith,
} from './helpers/dom.js';
import {
  injectFaults,
  proxy,
  published,
  resetProxy,
  seed,
  seededId,
  server,
  uniqueThread,
} from './helpers/server.js';

const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

/** Waits until the page has not scrolled for a few frames (smooth scrolling, sizes settling). */
async function scrollSettled(): Promise<void> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 300 && still < 10; i++) {
    await frames(1);
    still = scrollY === last ? still + 1 : 0;
    last = scrollY;
  }
}

/** A page with `above` px of article before the comment section, as a long blog post has. */
function tallPage(above: number): { element: RecoveryComments; cleanUp: () => void } {
  const spacer = document.createElement('div');
  spacer.style.height = `${above}px`;
  const element = document.createElement('recovery-comments');
  element.storage = freshStore();
  document.body.append(spacer, element);
  return {
    element,
    cleanUp: () => {
      element.remove();
      spacer.remove();
      history.replaceState(null, '', location.pathname + location.search);
      document.documentElement.style.scrollBehavior = '';
      scrollTo(0, 0);
    },
  };
}

/** Long comments, so the thread is many screens tall and its sizes are estimated off screen. */
const longThread = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    published(`n${i}`, null, `Reader ${i}`, `Comment ${i}. ${'A careful sentence. '.repeat(40)}`, 600 - i),
  );

/** Whether the comment is at the top of the viewport, where a link to it should put it. */
function atTop(element: RecoveryComments, id: string): boolean {
  const top = wrapperOf(element, id)!.getBoundingClientRect().top;
  return top >= -2 && top < 40;
}

describe('a link to a comment (#comment-<id>)', () => {
  beforeEach(() => resetProxy());

  it('scrolls to its comment when the section is far below the fold', async () => {
    const thread = uniqueThread('far-link');
    await seed(thread, longThread(12));
    history.replaceState(null, '', `#comment-${seededId(thread, 'n6')}`);
    const { element, cleanUp } = tallPage(3200);
    try {
      element.endpoint = (await server()).endpoint;
      element.thread = thread;
      await oneEvent(element, 'rc-loaded');
      await waitUntil(() => wrapperOf(element, 'n6') !== null);
      await scrollSettled();
      expect(scrollY).to.be.greaterThan(3000);
      expect(
        atTop(element, 'n6'),
        `top at ${wrapperOf(element, 'n6')!.getBoundingClientRect().top}`,
      ).to.equal(true);
    } finally {
      cleanUp();
    }
  });

  it('scrolls to its comment on a later page when the section is far below the fold', async () => {
    const thread = uniqueThread('far-later');
    await seed(thread, longThread(9));
    history.replaceState(null, '', `#comment-${seededId(thread, 'n8')}`);
    const { element, cleanUp } = tallPage(3200);
    try {
      element.pageSize = 3;
      element.endpoint = (await server()).endpoint;
      element.thread = thread;
      await waitUntil(() => wrapperOf(element, 'n8') !== null, 'the later page was never loaded', {
        timeout: 5000,
      });
      await scrollSettled();
      expect(
        atTop(element, 'n8'),
        `top at ${wrapperOf(element, 'n8')!.getBoundingClientRect().top}`,
      ).to.equal(true);
    } finally {
      cleanUp();
    }
  });

  it('loads the lazily loaded section and scrolls when the hash changes to a comment in it', async () => {
    const thread = uniqueThread('far-hashchange');
    await seed(thread, longThread(10));
    const { element, cleanUp } = tallPage(3200);
    try {
      element.endpoint = (await server()).endpoint;
      element.thread = thread;
      await frames(3);
      expect(wrapperOf(element, 'n5'), 'nothing loads below the fold').to.equal(null);
      location.hash = `#comment-${seededId(thread, 'n5')}`;
      await waitUntil(() => wrapperOf(element, 'n5') !== null, 'the thread was never loaded');
      await scrollSettled();
      expect(
        atTop(element, 'n5'),
        `top at ${wrapperOf(element, 'n5')!.getBoundingClientRect().top}`,
      ).to.equal(true);
    } finally {
      cleanUp();
    }
  });

  it('lands on its comment with scroll-behavior: smooth, after the thread is on screen', async () => {
    const thread = uniqueThread('smooth');
    await seed(thread, longThread(40));
    const { element, cleanUp } = tallPage(200);
    document.documentElement.style.scrollBehavior = 'smooth';
    try {
      element.endpoint = (await server()).endpoint;
      element.thread = thread;
      await oneEvent(element, 'rc-loaded');
      await element.updateComplete;
      location.hash = `#comment-${seededId(thread, 'n30')}`;
      await scrollSettled();
      expect(
        atTop(element, 'n30'),
        `top at ${wrapperOf(element, 'n30')!.getBoundingClientRect().top}`,
      ).to.equal(true);
      // Every conversation on screen after the jump is laid out, not an empty estimated box.
      const body = wrapperOf(element, 'n30')!.querySelector('[part="body"]')!;
      expect(body.getBoundingClientRect().height).to.be.greaterThan(50);
    } finally {
      cleanUp();
    }
  });
});

describe('what a new reader met in the demo', () => {
  beforeEach(() => resetProxy());

  for (const lang of ['en', 'de', 'ar']) {
    it(`says "Leave a Reply" once on an empty or failed thread (lang=${lang})`, async () => {
      const empty = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('once') });
      const down = await mount({ endpoint: 'http://127.0.0.1:9/api', thread: uniqueThread('once-down') });
      for (const element of [empty, down]) {
        element.lang = lang;
        await waitUntil(
          () => !/Loading|…/.test(root(element).querySelector('h2')!.textContent!),
          'never settled',
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        await element.updateComplete;
        await composerOf(element).updateComplete;
        const heading = root(element).querySelector('h2')!.textContent!.trim();
        const formHeading = composerOf(element).shadowRoot!.querySelector('h3')?.textContent?.trim() ?? '';
        expect(heading, 'the section heading').to.not.equal('');
        expect(formHeading, 'the form heading').to.not.equal(heading);
        const form = composerOf(element).shadowRoot!.querySelector('form')!;
        expect(form.getAttribute('aria-label') ?? formHeading, 'the form keeps a name').to.not.equal('');
      }
    });
  }

  it('wraps a 100-character unbroken name, long words and long URLs at 390 px', async () => {
    const thread = uniqueThread('long-words');
    const name = 'N'.repeat(100);
    await seed(thread, [
      published(
        'a',
        null,
        name,
        `${'Supercalifragilistic'.repeat(8)} https://example.org/${'x'.repeat(150)}`,
        5,
      ),
    ]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    element.style.display = 'block';
    element.style.width = '390px';
    const reply = wrapperOf(element, 'a')!.querySelector<HTMLButtonElement>('[part="reply-button"]')!;
    reply.click();
    await element.updateComplete;
    await composerOf(element).updateComplete;
    const right = element.getBoundingClientRect().right + 0.5;
    const wrapper = wrapperOf(element, 'a')!;
    for (const part of ['author', 'body'])
      expect(wrapper.querySelector(`[part="${part}"]`)!.getBoundingClientRect().right, part).to.be.at.most(
        right,
      );
    for (const link of wrapper.querySelectorAll('[part="body"] a'))
      expect(link.getBoundingClientRect().right, 'a link in the body').to.be.at.most(right);
    const formHeading = composerOf(element).shadowRoot!.querySelector('h3')!;
    expect(formHeading.getBoundingClientRect().right, 'the form heading').to.be.at.most(right);
    expect(root(element).querySelector('section')!.scrollWidth).to.be.at.most(390);
  });

  it('lays out an Arabic name and body right to left, and an English one left to right', async () => {
    const thread = uniqueThread('bidi');
    await seed(thread, [
      published('ar', null, 'سلمى', 'مرحبا بكم. هذا تعليق باللغة العربية.', 10),
      published('en', null, 'Sam', 'Hello, this is English.', 5),
    ]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    const direction = (id: string, part: string) =>
      getComputedStyle(wrapperOf(element, id)!.querySelector(`[part="${part}"] p`)!).direction;
    expect(direction('ar', 'body')).to.equal('rtl');
    expect(direction('en', 'body')).to.equal('ltr');
    const author = (id: string) => wrapperOf(element, id)!.querySelector('[part="author"]')!;
    expect(author('ar').getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(author('ar')).direction).to.equal('rtl');
    expect(getComputedStyle(author('en')).direction).to.equal('ltr');
  });

  it('shows a server error about a field once, on its field, with a summary above the form', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('once-error') });
    fill(element, 'body', 'Fine.');
    fill(element, 'name', 'N'.repeat(150));
    const outcome = await post(element);
    expect(outcome.detail.status).to.equal(422);
    await composerOf(element).updateComplete;
    const shadow = composerOf(element).shadowRoot!;
    const onField = shadow.getElementById('name-error')!.textContent!.trim();
    expect(onField).to.equal(outcome.detail.message);
    const summary = shadow.querySelector('[part="form-error"]')?.textContent?.trim() ?? '';
    expect(summary, 'the summary does not repeat the field').to.not.equal(onField);
    expect(summary).to.not.equal('');
  });

  it('shows the length limit of a comment as the reader nears it, before posting', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('limit') });
    const counter = () =>
      composerOf(element).shadowRoot!.getElementById('body-note')?.textContent?.replace(/\s+/g, ' ').trim() ??
      '';
    fill(element, 'body', 'Short.');
    await composerOf(element).updateComplete;
    expect(counter()).to.equal('');
    fill(element, 'body', 'x'.repeat(19_500));
    await composerOf(element).updateComplete;
    expect(counter()).to.match(/500/);
    expect(field(element, 'body').getAttribute('aria-describedby')).to.contain('body-note');
    fill(element, 'body', 'x'.repeat(20_010));
    await composerOf(element).updateComplete;
    expect(counter()).to.match(/10/);
    // Nothing is cut: every character typed stays.
    expect(field(element, 'body').value).to.have.length(20_010);
  });

  it("indents the reader's own pending reply like its siblings", async () => {
    const thread = uniqueThread('pending-indent');
    await seed(thread, [published('a', null, 'Ann', 'Top.', 30), published('b', 'a', 'Ben', 'A reply.', 20)]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    wrapperOf(element, 'a')!
      .querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!
      .click();
    await element.updateComplete;
    fill(element, 'body', 'My own reply.');
    fill(element, 'name', 'Sam');
    const submitted = await post(element);
    await element.updateComplete;
    const mine = wrapperOf(element, submitted.detail.comment.id)!;
    expect(mine.getAttribute('part')).to.contain('comment-pending');
    const left = (wrapper: Element) => wrapper.querySelector('[part="author"]')!.getBoundingClientRect().left;
    expect(left(mine)).to.be.closeTo(left(wrapperOf(element, 'b')!), 1);
  });

  it('keeps the heading, text and buttons off the edges of a panel coloured with --rc-color-surface', async () => {
    const thread = uniqueThread('surface');
    await seed(thread, [published('a', null, 'Ann', 'Top.', 30)]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    element.style.setProperty('--rc-color-surface', '#1e2227');
    element.style.setProperty('--rc-color-text', '#e8e4dc');
    await element.updateComplete;
    const section = root(element).querySelector('section')!.getBoundingClientRect();
    const heading = root(element).querySelector('h2')!.getBoundingClientRect();
    const reply = wrapperOf(element, 'a')!.querySelector('[part="reply-button"]')!.getBoundingClientRect();
    expect(heading.left - section.left, 'heading from the left edge').to.be.at.least(8);
    expect(heading.top - section.top, 'heading from the top edge').to.be.at.least(8);
    expect(reply.left - section.left, 'Reply from the left edge').to.be.at.least(8);
    const submit = composerOf(element)
      .shadowRoot!.querySelector('[part="submit-button"]')!
      .getBoundingClientRect();
    expect(section.bottom - submit.bottom, 'Post Comment from the bottom edge').to.be.at.least(8);
    // Without a surface colour the section stays flush with the page's text.
    element.style.removeProperty('--rc-color-surface');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const flush = root(element).querySelector('h2')!.getBoundingClientRect().left;
    expect(flush - root(element).querySelector('section')!.getBoundingClientRect().left).to.be.below(1);
  });

  it('closes an open reply form on Escape and returns to its Reply button', async () => {
    const thread = uniqueThread('escape');
    await seed(thread, [published('a', null, 'Ann', 'Top.', 30)]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    const reply = wrapperOf(element, 'a')!.querySelector<HTMLButtonElement>('[part="reply-button"]')!;
    reply.click();
    await element.updateComplete;
    await waitUntil(() => composerOf(element).shadowRoot!.activeElement === field(element, 'body'));
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(wrapperOf(element, 'a')!.contains(composerOf(element)), 'the form left the comment').to.equal(
      false,
    );
    await waitUntil(() => root(element).activeElement === reply, 'focus did not return to Reply');
  });
});

describe('what a review found', () => {
  beforeEach(() => resetProxy());

  it('keeps the form-level message of a refused reply to a comment', async () => {
    const { endpoint } = await proxy();
    const thread = uniqueThread('refused-reply');
    await seed(thread, [published('a', null, 'Ann', 'Top.', 30)], 'off');
    await injectFaults([
      {
        method: 'POST',
        path: '/comments',
        action: {
          kind: 'respond',
          status: 403,
          body: { error: { code: 'closed', message: 'Comments are closed on this post.', field: null } },
        },
      },
    ]);
    const element = await mount({ endpoint, thread });
    wrapperOf(element, 'a')!.querySelector<HTMLButtonElement>('[part="reply-button"]')!.click();
    await element.updateComplete;
    fill(element, 'body', 'Every word of this matters.');
    fill(element, 'name', 'Sam');
    const failed = oneEvent(element, 'rc-failed');
    button(element, 'Post Comment').click();
    await failed;
    await waitUntil(
      () => wrapperOf(element, 'a')!.contains(composerOf(element)),
      'not back under its comment',
    );
    await element.updateComplete;
    await composerOf(element).updateComplete;
    await frames(2);
    expect(field(element, 'body').value).to.equal('Every word of this matters.');
    expect(
      composerOf(element).shadowRoot!.querySelector('[part="form-error"]')?.textContent?.trim(),
    ).to.equal('Comments are closed on this post.');
  });

  it('keeps only an http(s) author URL on a comment the server accepted without a copy', async () => {
    const backend: CommentsBackend = {
      loadPage: async (thread) => ({ thread, total: 0, comments: [], nextCursor: null, skipped: 0 }),
      postComment: async () => ({ status: 201, comment: null }),
    };
    const element = await mountWith(backend);
    try {
      fill(element, 'body', 'Hello.');
      fill(element, 'name', 'Sam');
      // Passes the form's quick check, but is no URL a browser can open.
      fill(element, 'url', 'http://[.x');
      const submitted = await post(element);
      await element.updateComplete;
      const wrapper = wrapperOf(element, submitted.detail.comment.id)!;
      expect(wrapper.querySelector('[part="author"]')!.localName).to.equal('b');
      expect(submitted.detail.comment.author.url).to.equal(null);
    } finally {
      element.remove();
    }
  });
});
