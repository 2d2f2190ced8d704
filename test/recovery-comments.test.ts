import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CommentsBackend } from '../src/backend/backend.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import {
  button,
  commentWrappers,
  composerOf,
  field,
  fill,
  formShown,
  freshStore,
  labelOf,
  loadedWith,
  mount,
  post,
  root,
  shownIds,
  text,
  wrapperOf,
} from './helpers/dom.js';
import {
  injectFaults,
  listThread,
  proxy,
  published,
  resetProxy,
  seed,
  seededId,
  server,
  stored,
  uniqueThread,
  type SeedComment,
} from './helpers/server.js';

/** A small thread: two top-level comments, a reply chain three deep under the first. */
async function seedSmallThread(thread: string): Promise<void> {
  await seed(thread, [
    {
      ...published(
        'a',
        null,
        'Rowan',
        'First paragraph.\nSecond line.\n\nSecond paragraph with https://example.org/help.',
        60,
      ),
      author: { name: 'Rowan', url: 'https://rowan.example.org/' },
    },
    published('b', 'a', 'Anon', 'A reply.', 50),
    published('c', 'b', 'M.', 'A reply to the reply.', 40),
    published('d', null, 'Lucía', 'Otro comentario.', 30),
    { ...published('p', null, 'Hidden', 'Waiting for a moderator.', 20), status: 'pending' },
    { ...published('x', null, 'Evil', 'link', 10), author: { name: 'Evil', url: 'javascript:alert(1)' } },
  ]);
}

const replyButtonOf = (element: RecoveryComments, id: string) =>
  wrapperOf(element, id)!.querySelector<HTMLButtonElement>(':scope > article button[part="reply-button"]')!;

describe('<recovery-comments> reading a thread', () => {
  beforeEach(() => resetProxy());

  it('renders the heading with the count and the reply tree as nested lists', async () => {
    const thread = uniqueThread('read');
    await seedSmallThread(thread);
    const { endpoint } = await server();
    const element = await mount({ endpoint, thread, title: 'The First Ninety Days' });

    expect(root(element).querySelector('[part="heading"]')!.textContent!.trim()).to.equal(
      '5 Responses to “The First Ninety Days”',
    );
    // Pending comments are not published, so they are not shown to other readers.
    expect(shownIds(element)).to.deep.equal(['a', 'b', 'c', 'd', 'x']);
    expect(wrapperOf(element, 'a')!.contains(wrapperOf(element, 'b'))).to.equal(true);
    expect(wrapperOf(element, 'b')!.contains(wrapperOf(element, 'c'))).to.equal(true);
    expect(wrapperOf(element, 'a')!.contains(wrapperOf(element, 'd'))).to.equal(false);
  });

  it('shows each comment with author, date, body as text with links, and a Reply button', async () => {
    const thread = uniqueThread('anatomy');
    await seedSmallThread(thread);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    const first = wrapperOf(element, 'a')!;

    const author = first.querySelector<HTMLAnchorElement>('[part="author"]')!;
    expect(author.textContent).to.equal('Rowan');
    expect(author.href).to.equal('https://rowan.example.org/');
    expect(author.rel).to.equal('ugc nofollow noopener');

    const time = first.querySelector('time')!;
    expect(new Date(time.dateTime).getTime()).to.be.closeTo(Date.now() - 60 * 60_000, 120_000);
    expect(time.textContent!.trim()).to.not.equal('');

    const paragraphs = first.querySelectorAll(':scope > article [part="body"] p');
    expect(paragraphs).to.have.length(2);
    // A line break stays a line break (white-space: pre-line), with no element for it.
    expect(paragraphs[0]!.textContent).to.equal('First paragraph.\nSecond line.');
    expect((paragraphs[0] as HTMLElement).innerText).to.equal('First paragraph.\nSecond line.');
    expect(paragraphs[0]!.getClientRects().length).to.equal(1);
    expect((paragraphs[0] as HTMLElement).offsetHeight).to.be.greaterThan(
      (paragraphs[1] as HTMLElement).offsetHeight * 0.6,
    );
    const link = paragraphs[1]!.querySelector('a')!;
    expect(link.href).to.equal('https://example.org/help');
    expect(link.rel).to.equal('ugc nofollow noopener');
    expect(paragraphs[1]!.textContent).to.equal('Second paragraph with https://example.org/help.');

    expect(replyButtonOf(element, 'a').textContent!.trim()).to.equal('Reply');
  });

  it('shows an author name as plain text when the website is not http(s)', async () => {
    const thread = uniqueThread('author-url');
    await seedSmallThread(thread);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    const author = wrapperOf(element, 'x')!.querySelector('[part="author"]')!;
    expect(author.tagName).to.equal('B');
    expect(root(element).querySelector('a[href^="javascript:"]')).to.equal(null);
    // The name reads in the text colour, not in the muted colour of the date beside it.
    const body = wrapperOf(element, 'x')!.querySelector('[part="body"] p')!;
    const date = wrapperOf(element, 'x')!.querySelector('time')!;
    expect(getComputedStyle(author).color).to.equal(getComputedStyle(body).color);
    expect(getComputedStyle(date).color).to.not.equal(getComputedStyle(body).color);
  });

  it('takes the title from the first h1, and the thread from the canonical URL', async () => {
    const thread = uniqueThread('canonical');
    await seed(thread, [published('only', null, 'Sam', 'Hello.', 5)]);
    const canonical = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: `https://blog.example.org${thread}`,
    });
    const h1 = Object.assign(document.createElement('h1'), { textContent: 'Staying Kind To Yourself' });
    document.head.append(canonical);
    document.body.prepend(h1);
    try {
      const element = document.createElement('recovery-comments');
      element.endpoint = (await server()).endpoint;
      const loaded = oneEvent(element, 'rc-loaded');
      document.body.append(element);
      expect((await loaded).detail.thread).to.equal(thread);
      await element.updateComplete;
      expect(root(element).querySelector('h2')!.textContent!.trim()).to.equal(
        'One Response to “Staying Kind To Yourself”',
      );
      element.remove();
    } finally {
      canonical.remove();
      h1.remove();
    }
  });

  it('shows the empty slot when there are no comments', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('empty') });
    expect(root(element).querySelector('slot[name="empty"]')).to.not.equal(null);
    expect(text(element)).to.contain('No comments yet');
    expect(commentWrappers(element)).to.have.length(0);
  });

  it('puts replies deeper than max-depth at the last level with "in reply to Name"', async () => {
    const thread = uniqueThread('depth');
    const names = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'];
    await seed(
      thread,
      names.map((name, i) =>
        published(`n${i}`, i === 0 ? null : `n${i - 1}`, name, `level ${i + 1}`, 50 - i),
      ),
    );
    const element = await mount({ endpoint: (await server()).endpoint, thread, maxDepth: 3 });
    expect(wrapperOf(element, 'n1')!.contains(wrapperOf(element, 'n2'))).to.equal(true);
    // n3 and n4 sit beside n2, at the last level, and say whom they answer.
    expect(wrapperOf(element, 'n2')!.contains(wrapperOf(element, 'n3'))).to.equal(false);
    expect(wrapperOf(element, 'n3')!.parentElement).to.equal(wrapperOf(element, 'n2')!.parentElement);
    expect(wrapperOf(element, 'n3')!.querySelector('[part="context"]')!.textContent).to.equal(
      'in reply to Cat',
    );
    expect(wrapperOf(element, 'n4')!.querySelector('[part="context"]')!.textContent).to.equal(
      'in reply to Dan',
    );
  });

  it('sorts top-level comments newest first with sort="newest"', async () => {
    const thread = uniqueThread('sort');
    await seed(thread, [
      published('old', null, 'A', 'old', 30),
      published('new', null, 'B', 'new', 10),
      published('r', 'old', 'C', 'reply', 5),
    ]);
    const element = await mount({ endpoint: (await server()).endpoint, thread, sort: 'newest' });
    expect(shownIds(element)).to.deep.equal(['new', 'old', 'r']);
  });

  it('pages top-level comments and loads the next page on request', async () => {
    const thread = uniqueThread('paging');
    const comments: SeedComment[] = [];
    for (let i = 0; i < 5; i++) {
      comments.push(published(`t${i}`, null, `Reader ${i}`, `top ${i}`, 100 - i));
      comments.push(published(`t${i}r`, `t${i}`, `Replier ${i}`, `reply ${i}`, 50 - i));
    }
    await seed(thread, comments);
    const element = await mount({ endpoint: (await server()).endpoint, thread, pageSize: 2 });
    expect(shownIds(element)).to.deep.equal(['t0', 't0r', 't1', 't1r']);
    expect(root(element).querySelector('h2')!.textContent).to.contain('10 Responses');

    button(element, 'Load more comments').click();
    await oneEvent(element, 'rc-loaded');
    await element.updateComplete;
    expect(shownIds(element)).to.have.length(8);
    button(element, 'Load more comments').click();
    await oneEvent(element, 'rc-loaded');
    await element.updateComplete;
    expect(commentWrappers(element)).to.have.length(10);
    expect(() => button(element, 'Load more comments')).to.throw();
  });

  it('collapses a long list of replies behind "Show N more replies"', async () => {
    const thread = uniqueThread('long-replies');
    await seed(thread, [
      published('root', null, 'Ann', 'So many answers.', 100),
      ...Array.from({ length: 14 }, (_, i) =>
        published(`r${i}`, 'root', `Reader ${i}`, `Answer ${i}.`, 90 - i),
      ),
    ]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    expect(shownIds(element)).to.deep.equal(['root', 'r0', 'r1', 'r2', 'r3', 'r4']);
    button(element, 'Show 9 more replies').click();
    await element.updateComplete;
    expect(shownIds(element)).to.have.length(15);
    expect(() => button(element, /more replies/)).to.throw();
  });

  it('says under the list that more could not be loaded, and clears it when trying again works', async () => {
    const thread = uniqueThread('more-error');
    await seed(
      thread,
      Array.from({ length: 4 }, (_, i) => published(`m${i}`, null, `R${i}`, `comment ${i}`, 60 - i)),
    );
    const { endpoint } = await server();
    const element = await mount({ endpoint, thread, pageSize: 2 });
    // Fault injection: the next page's request fails as a dropped connection would, once.
    const realFetch = window.fetch;
    let failed = false;
    window.fetch = (...args) => {
      if (!failed && String(args[0]).includes('cursor=')) {
        failed = true;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return realFetch(...args);
    };
    try {
      const more = button(element, 'Load more comments');
      more.click();
      await waitUntil(() => root(element).querySelector('.more-row [role="alert"]') !== null);
      expect(root(element).querySelector('.more-row')!.textContent).to.contain('could not be loaded');
      expect(shownIds(element)).to.have.length(2);
      button(element, 'Load more comments').click();
      await oneEvent(element, 'rc-loaded');
      await element.updateComplete;
      expect(shownIds(element)).to.have.length(4);
      expect(root(element).querySelector('[role="alert"]'), 'the error is gone').to.equal(null);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says what is wrong with its configuration until it is put right, then loads', async () => {
    const thread = uniqueThread('configured-later');
    await seed(thread, [published('c', null, 'Cy', 'Here at last.', 5)]);
    const { endpoint } = await server();
    const element = document.createElement('recovery-comments');
    element.thread = thread;
    document.body.append(element);
    try {
      await waitUntil(() => text(element).includes('not set up correctly'));
      const loaded = oneEvent(element, 'rc-loaded');
      element.endpoint = endpoint;
      await loaded;
      await element.updateComplete;
      expect(shownIds(element)).to.deep.equal(['c']);
      expect(text(element)).to.not.contain('not set up correctly');
    } finally {
      element.remove();
    }
  });

  it('appends the next page without re-creating what is on screen', async () => {
    const thread = uniqueThread('append');
    await seed(
      thread,
      Array.from({ length: 4 }, (_, i) => published(`p${i}`, null, `R${i}`, `comment ${i}`, 60 - i)),
    );
    const element = await mount({ endpoint: (await server()).endpoint, thread, pageSize: 2 });
    const before = commentWrappers(element);
    button(element, 'Load more comments').click();
    await oneEvent(element, 'rc-loaded');
    await element.updateComplete;
    const after = commentWrappers(element);
    expect(after).to.have.length(4);
    expect(after[0]).to.equal(before[0]);
    expect(after[1]).to.equal(before[1]);
  });

  it('shows a retryable error when the server cannot be reached, then loads on retry', async () => {
    const { endpoint } = await server();
    const thread = uniqueThread('retry');
    await seed(thread, [published('z', null, 'Zoe', 'Still here.', 5)]);
    // Fault injection: the first request fails as a dropped connection would.
    const realFetch = window.fetch;
    let calls = 0;
    window.fetch = (...args) =>
      ++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(...args);
    try {
      const errored = new Promise((resolve) => addEventListener('rc-error', resolve, { once: true }));
      const element = await mount({ endpoint, thread, waitForLoad: false });
      await errored;
      await element.updateComplete;
      expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain('could not be loaded');
      button(element, 'Try again').click();
      await oneEvent(element, 'rc-loaded');
      await element.updateComplete;
      expect(shownIds(element)).to.deep.equal(['z']);
      expect(root(element).querySelector('[role="alert"]'), 'the error is gone').to.equal(null);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('shows the loading state while the first page is on its way', async () => {
    const never: CommentsBackend = {
      loadPage: () => new Promise(() => {}),
      postComment: () => new Promise(() => {}),
    };
    const element = document.createElement('recovery-comments');
    element.backend = never;
    document.body.append(element);
    await element.updateComplete;
    expect(text(element)).to.contain('Loading comments…');
    element.remove();
  });

  it('says how many entries could not be shown rather than "no comments" when none was valid', async () => {
    const { endpoint } = await proxy();
    const thread = uniqueThread('all-invalid');
    await injectFaults([
      {
        method: 'GET',
        path: '/comments',
        action: {
          kind: 'respond',
          status: 200,
          body: { thread, total: 3, comments: [{ id: 1 }, 'x', null], nextCursor: null },
        },
      },
    ]);
    const element = await mount({ endpoint, thread });
    expect(text(element)).to.contain('3 comments could not be shown.');
    expect(text(element)).to.not.contain('No comments yet');
  });

  it('shows a clear error for a response that is not a thread, and for a missing endpoint', async () => {
    const broken: CommentsBackend = {
      loadPage: async () => {
        throw new Error('not a backend error');
      },
      postComment: async () => ({ status: 500, comment: null }),
    };
    const element = document.createElement('recovery-comments');
    element.backend = broken;
    document.body.append(element);
    await waitUntil(() => text(element).includes('could not be loaded'));
    element.remove();

    const unconfigured = document.createElement('recovery-comments');
    const error = oneEvent(unconfigured, 'rc-error');
    document.body.append(unconfigured);
    expect((await error).detail.message).to.contain('endpoint');
    await unconfigured.updateComplete;
    expect(text(unconfigured)).to.contain('not set up correctly');
    unconfigured.remove();
  });

  it('scrolls to and highlights the comment named by #comment-<id>, loading pages to find it', async () => {
    const thread = uniqueThread('hash');
    await seed(
      thread,
      Array.from({ length: 6 }, (_, i) => published(`h${i}`, null, `R${i}`, `comment ${i}`, 60 - i)),
    );
    history.replaceState(null, '', `#comment-${seededId(thread, 'h5')}`);
    try {
      const element = await mount({ endpoint: (await server()).endpoint, thread, pageSize: 2 });
      await waitUntil(() => wrapperOf(element, 'h5') !== null, 'the targeted comment was never loaded');
      await element.updateComplete;
      const target = wrapperOf(element, 'h5')!;
      expect(target.getAttribute('part')).to.contain('comment-target');
      const box = target.getBoundingClientRect();
      await waitUntil(
        () => target.getBoundingClientRect().top < innerHeight && box.bottom > 0,
        'not scrolled into view',
      );
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('makes no request and renders no comments until the section nears the viewport', async () => {
    const thread = uniqueThread('lazy');
    await seed(thread, [published('l1', null, 'Lee', 'Below the fold.', 5)]);
    const { endpoint } = await server();
    const spacer = Object.assign(document.createElement('div'), { className: 'spacer' });
    spacer.style.height = `${innerHeight * 4}px`;
    document.body.append(spacer);
    // Every request the page makes to this thread's URL, as the browser reports it.
    const seen: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.name.includes(encodeURIComponent(thread))) seen.push(entry.name);
    });
    observer.observe({ type: 'resource' });
    const requests = () => seen;
    const element = document.createElement('recovery-comments');
    element.endpoint = endpoint;
    element.thread = thread;
    element.storage = freshStore();
    document.body.append(element);
    try {
      // Give it every chance to start early: a few frames and a quarter second.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(requests()).to.have.length(0);
      expect(commentWrappers(element)).to.have.length(0);

      const loaded = oneEvent(element, 'rc-loaded');
      element.scrollIntoView();
      await loaded;
      await element.updateComplete;
      await waitUntil(() => requests().length === 1, 'the browser reported no request for the thread');
      expect(shownIds(element)).to.deep.equal(['l1']);
    } finally {
      observer.disconnect();
      element.remove();
      spacer.remove();
      scrollTo(0, 0);
    }
  });

  it('renders a big thread a chunk per frame until every comment is in', async () => {
    // 2,500 comments, 40% top level, through the public backend interface in one page.
    const comments = Array.from({ length: 2500 }, (_, i) => ({
      id: `big${i}`,
      parentId: i % 5 < 2 ? null : `big${i - 1}`,
      author: { name: `Reader ${i}`, url: null },
      body: `Comment number ${i}.`,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      status: 'published' as const,
    }));
    const backend: CommentsBackend = {
      loadPage: async (thread) => ({
        thread,
        total: comments.length,
        comments,
        nextCursor: null,
        skipped: 0,
      }),
      postComment: () => new Promise(() => {}),
    };
    const element = await loadedWith(backend);
    try {
      await element.updateComplete;
      const first = commentWrappers(element).length;
      expect(first).to.be.greaterThan(0).and.below(2500);
      await waitUntil(() => commentWrappers(element).length === 2500, 'not every comment was rendered', {
        timeout: 5000,
      });
      expect(new Set(commentWrappers(element).map((wrapper) => wrapper.dataset.commentId)).size).to.equal(
        2500,
      );
    } finally {
      element.remove();
    }
  });

  it('is accessible when loaded', async () => {
    const thread = uniqueThread('axe');
    await seedSmallThread(thread);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    await expect(element).to.be.accessible();
  });
});

describe('<recovery-comments> replying', () => {
  it('has the labelled fields, marks required ones, and hides the honeypot', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('form') });
    expect(labelOf(element, 'body')).to.equal('Comment *');
    expect(labelOf(element, 'name')).to.equal('Name *');
    expect(labelOf(element, 'email')).to.equal('Email');
    expect(labelOf(element, 'url')).to.equal('Website');
    expect(field(element, 'body').required).to.equal(true);
    expect(field(element, 'email').required).to.equal(false);
    expect(composerOf(element).shadowRoot!.textContent).to.contain(
      'Your email address will not be published.',
    );
    expect(field(element, 'hp').getClientRects()).to.have.length(0);
    expect(button(element, 'Post Comment')).to.exist;
    expect(text(element)).to.contain('Leave a Reply');
  });

  it('requires the email with require-email', async () => {
    const element = await mount({
      endpoint: (await server()).endpoint,
      thread: uniqueThread('req-email'),
      requireEmail: true,
    });
    expect(labelOf(element, 'email')).to.equal('Email *');
    fill(element, 'body', 'Hi');
    fill(element, 'name', 'Sam');
    button(element, 'Post Comment').click();
    await composerOf(element).updateComplete;
    expect(field(element, 'email').getAttribute('aria-invalid')).to.equal('true');
  });

  it('moves the form under the comment on Reply, and back on Cancel reply', async () => {
    const thread = uniqueThread('move');
    await seedSmallThread(thread);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    replyButtonOf(element, 'b').click();
    await element.updateComplete;
    expect(wrapperOf(element, 'b')!.contains(composerOf(element))).to.equal(true);
    expect(root(element).querySelectorAll('rc-composer')).to.have.length(1);
    await composerOf(element).updateComplete;
    expect(composerOf(element).shadowRoot!.querySelector('h3')!.textContent!.trim()).to.equal(
      'Leave a Reply to Anon',
    );
    await waitUntil(
      () => composerOf(element).shadowRoot!.activeElement === field(element, 'body'),
      'focus did not move to the comment field',
    );

    // Reply elsewhere: still one form, now under the other comment, with that comment's own
    // draft; the first text waits in its draft and comes back with the form.
    fill(element, 'name', 'Sam');
    fill(element, 'body', 'Half a thought');
    replyButtonOf(element, 'd').click();
    await element.updateComplete;
    expect(wrapperOf(element, 'd')!.contains(composerOf(element))).to.equal(true);
    expect(field(element, 'body').value).to.equal('');
    expect(field(element, 'name').value).to.equal('Sam');
    replyButtonOf(element, 'b').click();
    await waitUntil(() => field(element, 'body').value === 'Half a thought', "b's draft did not come back");
    replyButtonOf(element, 'd').click();
    await element.updateComplete;

    button(element, 'Cancel reply').click();
    await element.updateComplete;
    expect(commentWrappers(element).some((wrapper) => wrapper.contains(composerOf(element)))).to.equal(false);
    await waitUntil(
      () => root(element).activeElement === replyButtonOf(element, 'd'),
      'focus did not return to Reply',
    );
  });

  it('ties validation errors to their fields and sends nothing', async () => {
    const thread = uniqueThread('invalid');
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    let sent = 0;
    element.addEventListener('rc-before-submit', () => sent++);
    fill(element, 'email', 'not-an-email');
    button(element, 'Post Comment').click();
    await composerOf(element).updateComplete;
    for (const name of ['body', 'name', 'email']) {
      const control = field(element, name);
      expect(control.getAttribute('aria-invalid'), name).to.equal('true');
      const ids = control.getAttribute('aria-describedby')!.split(' ');
      const message = ids
        .map((id) => composerOf(element).shadowRoot!.getElementById(id))
        .find((node) => node?.classList.contains('error'));
      expect(message, `${name} has an error message`).to.exist;
    }
    expect(composerOf(element).shadowRoot!.activeElement).to.equal(field(element, 'body'));
    expect(sent).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('posts a reply under a nested comment; pending moderation shows in place', async () => {
    const thread = uniqueThread('pending');
    await seedSmallThread(thread);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    let request: { clientId: string; parentId: string | null } | undefined;
    element.addEventListener('rc-before-submit', (event) => (request = event.detail.comment));
    replyButtonOf(element, 'c').click();
    await element.updateComplete;
    fill(element, 'body', 'Thank you.\n\nThis helped.');
    fill(element, 'name', 'Quiet Harbor');
    fill(element, 'email', 'qh@example.org');
    const outcome = await post(element);
    expect(outcome.type).to.equal('rc-submitted');
    expect(outcome.detail.status).to.equal(202);
    expect(request!.clientId).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(request!.parentId).to.equal(seededId(thread, 'c'));

    const id = outcome.detail.comment.id;
    await waitUntil(() => wrapperOf(element, id), 'the pending comment is not shown');
    const mine = wrapperOf(element, id)!;
    expect(wrapperOf(element, 'c')!.contains(mine)).to.equal(true);
    expect(mine.getAttribute('part')).to.equal('comment comment-pending');
    expect(mine.textContent).to.contain('Your comment is awaiting moderation.');
    expect(mine.textContent).to.not.contain('qh@example.org');
    // The form went back under the thread and is empty for the next comment.
    expect(mine.contains(composerOf(element))).to.equal(false);
    expect(field(element, 'body').value).to.equal('');
    expect(field(element, 'name').value).to.equal('Quiet Harbor');
    const kept = await stored(thread);
    const mineStored = kept.filter((comment) => comment.clientId === request!.clientId);
    expect(mineStored).to.have.length(1);
    expect(mineStored[0]).to.deep.include({
      id,
      parentId: seededId(thread, 'c'),
      status: 'pending',
      body: 'Thank you.\n\nThis helped.',
    });
    // Published readers do not see it yet; the heading count is unchanged.
    expect((await listThread(thread)).comments.some((comment) => comment.id === id)).to.equal(false);
    expect(root(element).querySelector('h2')!.textContent).to.contain('5 Responses');
    await expect(element).to.be.accessible();
  });

  it('shows a published reply in place when moderation is off', async () => {
    const thread = uniqueThread('published');
    const { endpoint } = await server('off');
    await seed(thread, [published('root', null, 'Sam', 'Hello.', 5)], 'off');
    const element = await mount({ endpoint, thread });
    replyButtonOf(element, 'root').click();
    await element.updateComplete;
    fill(element, 'body', 'Welcome 🌱');
    fill(element, 'name', 'Anon');
    const outcome = await post(element);
    expect(outcome.detail.status).to.equal(201);
    await waitUntil(
      () => wrapperOf(element, outcome.detail.comment.id),
      'the published comment is not shown',
    );
    const mine = wrapperOf(element, outcome.detail.comment.id)!;
    expect(wrapperOf(element, 'root')!.contains(mine)).to.equal(true);
    expect(mine.getAttribute('part')).to.equal('comment');
    expect(root(element).querySelector('h2')!.textContent).to.contain('2 Responses');
    await waitUntil(
      () => root(element).activeElement === mine.querySelector('article'),
      'focus did not move to the new comment',
    );
    const list = await listThread(thread, 'off');
    expect(list.comments.filter((comment) => comment.body === 'Welcome 🌱')).to.have.length(1);
  });

  it("shows the server's message on the field and keeps every character typed", async () => {
    const thread = uniqueThread('server-error');
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    const body = 'A long careful reply.\nWith two lines — and “quotes”. 😀';
    fill(element, 'body', body);
    fill(element, 'name', 'N'.repeat(150)); // The server allows 100 characters.
    const outcome = await post(element);
    expect(outcome.type).to.equal('rc-failed');
    expect(outcome.detail.status).to.equal(422);
    await composerOf(element).updateComplete;
    expect(field(element, 'body').value).to.equal(body);
    expect(field(element, 'name').getAttribute('aria-invalid')).to.equal('true');
    const message = composerOf(element).shadowRoot!.getElementById('name-error')!.textContent!;
    expect(message).to.equal(outcome.detail.message);
    expect(message.length).to.be.greaterThan(5);
  });

  it('keeps an unsendable comment in the thread, marked as on its way, when the server cannot be reached', async () => {
    // A port nothing listens on, as when the server is down.
    const element = await mount({
      endpoint: 'http://127.0.0.1:9/api',
      thread: uniqueThread('down'),
      waitForLoad: false,
    });
    await waitUntil(() => text(element).includes('could not be loaded'));
    // The form is the writing side, which the failed load fetches: it may come a moment later.
    await formShown(element);
    fill(element, 'body', 'Do not lose me');
    fill(element, 'name', 'Sam');
    const queued = oneEvent(element, 'rc-queued');
    button(element, 'Post Comment').click();
    const { comment } = (await queued).detail;
    await element.updateComplete;
    const echo = wrapperOf(element, `local-${comment.clientId}`)!;
    expect(echo.getAttribute('part')).to.equal('comment comment-unsent');
    expect(echo.textContent).to.contain('Do not lose me');
    expect(echo.querySelector('[part="status"]')!.textContent).to.match(/Sending…|Waiting for a connection/);
  });

  it('sends nothing when rc-before-submit is cancelled', async () => {
    const thread = uniqueThread('cancelled');
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    element.addEventListener('rc-before-submit', (event) => event.preventDefault());
    let submitted = false;
    element.addEventListener('rc-submitted', () => (submitted = true));
    fill(element, 'body', 'Not yet');
    fill(element, 'name', 'Sam');
    const cancelled = oneEvent(element, 'rc-before-submit');
    button(element, 'Post Comment').click();
    await cancelled;
    await composerOf(element).updateComplete;
    expect(submitted).to.equal(false);
    expect(await stored(thread)).to.deep.equal([]);
    expect(field(element, 'body').value).to.equal('Not yet');
  });
});
