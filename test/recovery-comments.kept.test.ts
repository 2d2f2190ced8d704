import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { RecoveryComments } from '../src/recovery-comments.js';
import { KEPT_INDEX, keptKey } from '../src/offline/kept-thread.js';
import type { KeyValueStore } from '../src/offline/storage.js';
import {
  button,
  composerOf,
  fill,
  freshStore,
  mount,
  root,
  shownIds,
  text,
  wrapperOf,
  failOnUnhandledRejections,
} from './helpers/dom.js';
import {
  injectFaults,
  proxy,
  published,
  resetProxy,
  seed,
  seededId,
  setOffline,
  setStatus,
  stored,
  uniqueThread,
} from './helpers/server.js';

// The thread kept on the device (issue 12): shown at once on the next visit, refreshed in place,
// shown with a note when the server cannot be reached. All through the fault proxy, in front of
// the reference server without moderation.

const note = (element: RecoveryComments) =>
  root(element).querySelector('[part~="kept-note"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

const replyButtonOf = (element: RecoveryComments, id: string) =>
  wrapperOf(element, id)!.querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!;

/** The page's requests to the thread, and their answers' statuses, watched (never changed). */
function watchThreadRequests(): {
  seen: Array<{ ifNoneMatch: string | null; status: number; etag: string | null }>;
  stop: () => void;
} {
  const original = window.fetch;
  const seen: Array<{ ifNoneMatch: string | null; status: number; etag: string | null }> = [];
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (/\/comments\?/.test(url) && (init?.method ?? 'GET') === 'GET') {
      const ifNoneMatch = new Headers(init?.headers).get('if-none-match');
      seen.push({ ifNoneMatch, status: response.status, etag: response.headers.get('etag') });
    }
    return response;
  };
  return { seen, stop: () => (window.fetch = original) };
}

/** The index entry (kept key -> [ETag, savedAt]) of a thread, as the element keeps it in localStorage. */
const indexEntry = (endpoint: string, thread: string): unknown =>
  (JSON.parse(localStorage.getItem(KEPT_INDEX) ?? '{}') as Record<string, unknown>)[
    keptKey(endpoint, thread, 'oldest')
  ];

/** Mounts, waits for the server's page, and waits until it is kept (index last), then removes it. */
async function visit(endpoint: string, thread: string, storage: KeyValueStore): Promise<void> {
  const element = await mount({ endpoint, thread, storage });
  await waitUntil(() => indexEntry(endpoint, thread) !== undefined, 'the page was not kept', {
    timeout: 5000,
  });
  element.remove();
}

/**
 * Runs `body` with the page's localStorage throwing as some private modes and sandboxed frames
 * do: on reading the property, or (`'write'`) on every write, as a full one does.
 */
async function withBlockedLocalStorage(how: 'read' | 'write', body: () => Promise<void>): Promise<void> {
  const own = Object.getOwnPropertyDescriptor(window, 'localStorage');
  const setItem = Storage.prototype.setItem;
  if (how === 'read')
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  else
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  try {
    await body();
  } finally {
    if (how === 'write') Storage.prototype.setItem = setItem;
    else if (own) Object.defineProperty(window, 'localStorage', own);
    else delete (window as { localStorage?: Storage }).localStorage;
  }
}

failOnUnhandledRejections();
beforeEach(() => resetProxy());

describe('<recovery-comments> the thread kept on the device', () => {
  it('reloaded with the API offline: every comment, with the note; a reply sent offline goes once when back', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const origin = new URL(endpoint).origin;
    const thread = uniqueThread('kept-offline');
    await seed(
      thread,
      [
        published('a', null, 'Ann', 'Top.', 30),
        published('b', 'a', 'Ben', 'Nested.', 20),
        published('c', null, 'Cleo', 'Another.', 10),
      ],
      'off',
    );
    const storage = freshStore();
    const first = await mount({ endpoint, thread, storage });
    expect(shownIds(first)).to.deep.equal(['a', 'b', 'c']);
    expect(note(first)).to.equal(null);
    first.remove();

    await setOffline(true, [origin]);
    try {
      await waitUntil(() => navigator.onLine === false, 'the page did not go offline');
      const again = await mount({ endpoint, thread, storage, waitForLoad: false });
      await waitUntil(() => note(again) !== null, 'no note over the kept thread', { timeout: 5000 });
      expect(shownIds(again)).to.deep.equal(['a', 'b', 'c']);
      expect(note(again)).to.match(/^Shown as of .+: you are offline\.$/);
      expect(text(again)).to.not.contain('could not be loaded');

      replyButtonOf(again, 'b').click();
      await again.updateComplete;
      expect(wrapperOf(again, 'b')!.contains(composerOf(again))).to.equal(true);
      fill(again, 'body', 'Answered on the train.');
      fill(again, 'name', 'Sam');
      const queued = oneEvent(again, 'rc-queued');
      button(again, 'Post Comment').click();
      const request = (await queued).detail.comment;
      expect(request.parentId).to.equal(seededId(thread, 'b'));

      const submitted = oneEvent(again, 'rc-submitted');
      await setOffline(false, [origin]);
      const { comment } = (await submitted).detail;
      // Back online, the kept thread is refreshed by itself: the note goes.
      await waitUntil(() => note(again) === null, 'the note stayed once online');
      await again.updateComplete;
      expect(wrapperOf(again, comment.id)).to.not.equal(null);
      const kept = await stored(thread, 'off');
      expect(kept.filter((entry) => entry.clientId === request.clientId)).to.have.length(1);
    } finally {
      await setOffline(false, [origin]);
    }
  });

  it('repeat visit with the server delayed 3 s: the kept comments show first, a new one joins after, nothing moves', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('kept-delayed');
    await seed(
      thread,
      [published('a', null, 'Ann', 'Top.', 30), published('b', null, 'Ben', 'Second.', 20)],
      'off',
    );
    const storage = freshStore();
    const first = await mount({ endpoint, thread, storage });
    expect(shownIds(first)).to.deep.equal(['a', 'b']);
    first.remove();

    await seed(thread, [published('c', null, 'Cleo', 'Written meanwhile.', 1)], 'off');
    await injectFaults([{ method: 'GET', path: '/comments\\?', action: { kind: 'delay', ms: 3000 } }]);
    const mountedAt = Date.now();
    const again = await mount({ endpoint, thread, storage, waitForLoad: false });
    let loadedAt = 0;
    again.addEventListener('rc-loaded', () => (loadedAt = Date.now()));
    await waitUntil(() => shownIds(again).length > 0, 'the kept comments did not show', { timeout: 2500 });
    expect(loadedAt, 'the server had already answered').to.equal(0);
    expect(Date.now() - mountedAt).to.be.below(3000);
    expect(shownIds(again)).to.deep.equal(['a', 'b']);
    expect(note(again)).to.equal(null);

    // The reader starts a reply while the server is slow; the refresh must not close it or move anything.
    replyButtonOf(again, 'a').click();
    await again.updateComplete;
    fill(again, 'body', 'Typing while it loads.');
    const wrapperA = wrapperOf(again, 'a')!;
    const topBefore = wrapperA.getBoundingClientRect().top;

    await waitUntil(() => loadedAt > 0, 'the server never answered', { timeout: 8000 });
    await again.updateComplete;
    expect(loadedAt - mountedAt).to.be.at.least(2900);
    expect(shownIds(again)).to.deep.equal(['a', 'b', 'c']);
    expect(wrapperOf(again, 'a')).to.equal(wrapperA);
    expect(wrapperA.getBoundingClientRect().top).to.equal(topBefore);
    expect(wrapperA.contains(composerOf(again))).to.equal(true);
    expect(
      (composerOf(again).shadowRoot!.querySelector('[name="body"]') as HTMLTextAreaElement).value,
    ).to.equal('Typing while it loads.');
  });

  it('revalidates with the kept ETag (304 keeps the pages) and drops a comment the server no longer lists', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('kept-etag');
    await seed(
      thread,
      [published('a', null, 'Ann', 'Stays.', 30), published('b', null, 'Ben', 'Goes.', 20)],
      'off',
    );
    const storage = freshStore();
    const watch = watchThreadRequests();
    try {
      await visit(endpoint, thread, storage);
      const second = await mount({ endpoint, thread, storage, waitForLoad: false });
      await oneEvent(second, 'rc-loaded');
      expect(shownIds(second)).to.deep.equal(['a', 'b']);
      second.remove();
      const [fresh, revalidated] = watch.seen;
      expect(fresh!.ifNoneMatch).to.equal(null);
      expect(fresh!.etag).to.be.a('string');
      expect(revalidated).to.deep.equal({ ifNoneMatch: fresh!.etag, status: 304, etag: fresh!.etag });

      // A moderator removes b: the next visit shows it from the device, then not.
      await setStatus(seededId(thread, 'b'), 'rejected', 'off');
      await injectFaults([{ method: 'GET', path: '/comments\\?', action: { kind: 'delay', ms: 1000 } }]);
      const third = await mount({ endpoint, thread, storage, waitForLoad: false });
      const loaded = oneEvent(third, 'rc-loaded');
      await waitUntil(() => shownIds(third).length > 0, 'the kept comments did not show');
      expect(shownIds(third)).to.deep.equal(['a', 'b']);
      await loaded;
      await third.updateComplete;
      expect(shownIds(third)).to.deep.equal(['a']);
      expect(watch.seen[2]!.status).to.equal(200);
      expect(watch.seen[2]!.ifNoneMatch).to.equal(fresh!.etag);
    } finally {
      watch.stop();
    }
  });

  it('asks with the ETag at once: the request is out before the kept page is read from the device', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('kept-at-once');
    await seed(thread, [published('a', null, 'Ann', 'Hello.', 5)], 'off');
    const storage = freshStore();
    await visit(endpoint, thread, storage);
    // A device that takes its time to read (as IndexedDB does while the first render runs).
    let reads = 0;
    const slow: KeyValueStore = {
      get: <T>(key: string) =>
        new Promise<T | undefined>((resolve) => {
          reads++;
          setTimeout(() => resolve(storage.get<T>(key)), 300);
        }),
      set: (key, value) => storage.set(key, value),
      delete: (key) => storage.delete(key),
      entries: (prefix) => storage.entries(prefix),
      get memoryOnly() {
        return storage.memoryOnly;
      },
      onMemoryOnly: (callback) => storage.onMemoryOnly(callback),
    };
    const watch = watchThreadRequests();
    try {
      const sent: Array<string | null> = [];
      const original = window.fetch;
      window.fetch = (input, init) => {
        if (/\/comments\?/.test(String(input))) sent.push(new Headers(init?.headers).get('if-none-match'));
        return original(input, init);
      };
      try {
        const again = await mount({ endpoint, thread, storage: slow, waitForLoad: false });
        await again.updateComplete;
        expect(reads, 'the kept page is being read').to.equal(1);
        expect(sent, 'asked before the read came back').to.have.length(1);
        expect(sent[0]).to.equal((indexEntry(endpoint, thread) as string[])[0]);
        await oneEvent(again, 'rc-loaded');
        await again.updateComplete;
        expect(shownIds(again)).to.deep.equal(['a']);
        expect(watch.seen.at(-1)!.status).to.equal(304);
      } finally {
        window.fetch = original;
      }
    } finally {
      watch.stop();
    }
  });

  it('an index that names a page the device does not have: the 304 is followed by a plain request', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('kept-index-only');
    await seed(
      thread,
      [published('a', null, 'Ann', 'Hello.', 5), published('b', 'a', 'Ben', 'Hi.', 4)],
      'off',
    );
    await visit(endpoint, thread, freshStore());
    const watch = watchThreadRequests();
    try {
      // Another store: the index says a page is kept, and none is (a cleared database).
      const again = await mount({ endpoint, thread, storage: freshStore() });
      expect(shownIds(again)).to.deep.equal(['a', 'b']);
      expect(note(again)).to.equal(null);
      const [revalidated, plain] = watch.seen;
      expect(revalidated!.status).to.equal(304);
      expect(revalidated!.ifNoneMatch).to.be.a('string');
      expect(plain).to.deep.include({ ifNoneMatch: null, status: 200 });
      expect(watch.seen).to.have.length(2);
    } finally {
      watch.stop();
    }
  });

  it('an index that names a kept page which fails its check: the 304 is followed by a plain request, the broken page never shows', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('kept-index-broken');
    await seed(thread, [published('a', null, 'Ann', 'Hello.', 5)], 'off');
    const storage = freshStore();
    await visit(endpoint, thread, storage);
    const key = keptKey(endpoint, thread, 'oldest');
    const kept = (await storage.get<Record<string, unknown>>(key))!;
    // Tampered with on the device: a comment that is not the server's, and a date in the future.
    const forged = {
      id: 'forged',
      parentId: null,
      author: { name: 'Mallory', url: null },
      body: 'Not from the server.',
      createdAt: '2026-01-01T00:00:00Z',
      status: 'published',
    };
    await storage.set(key, { ...kept, comments: [forged], savedAt: Date.now() + 86_400_000 });
    const watch = watchThreadRequests();
    try {
      const again = await mount({ endpoint, thread, storage });
      expect(shownIds(again)).to.deep.equal(['a']);
      expect(text(again)).to.not.contain('Mallory');
      expect(watch.seen.map((request) => request.status)).to.deep.equal([304, 200]);
      expect(watch.seen[1]!.ifNoneMatch).to.equal(null);
    } finally {
      watch.stop();
    }
  });

  it('localStorage that throws on reading: the thread loads, the kept page shows offline, all without the index', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const origin = new URL(endpoint).origin;
    const thread = uniqueThread('kept-no-local-storage');
    await seed(thread, [published('a', null, 'Ann', 'Hello.', 5)], 'off');
    const storage = freshStore();
    await withBlockedLocalStorage('read', async () => {
      const first = await mount({ endpoint, thread, storage });
      expect(shownIds(first)).to.deep.equal(['a']);
      const key = keptKey(endpoint, thread, 'oldest');
      await waitUntil(async () => (await storage.get(key)) !== undefined, 'the page was not kept');
      first.remove();
      const watch = watchThreadRequests();
      try {
        const again = await mount({ endpoint, thread, storage });
        expect(shownIds(again)).to.deep.equal(['a']);
        expect(watch.seen).to.deep.equal([{ ifNoneMatch: null, status: 200, etag: watch.seen[0]!.etag }]);
        again.remove();
      } finally {
        watch.stop();
      }
      await setOffline(true, [origin]);
      try {
        await waitUntil(() => navigator.onLine === false, 'the page did not go offline');
        const offline = await mount({ endpoint, thread, storage, waitForLoad: false });
        await waitUntil(() => note(offline) !== null, 'no note over the kept thread', { timeout: 5000 });
        expect(shownIds(offline)).to.deep.equal(['a']);
      } finally {
        await setOffline(false, [origin]);
      }
    });
  });

  it('localStorage that refuses every write: kept all the same, and the next visit asks plainly', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('kept-full-local-storage');
    await seed(thread, [published('a', null, 'Ann', 'Hello.', 5)], 'off');
    const storage = freshStore();
    await withBlockedLocalStorage('write', async () => {
      const first = await mount({ endpoint, thread, storage });
      const key = keptKey(endpoint, thread, 'oldest');
      await waitUntil(async () => (await storage.get(key)) !== undefined, 'the page was not kept');
      first.remove();
      expect(indexEntry(endpoint, thread)).to.equal(undefined);
      const watch = watchThreadRequests();
      try {
        // The server answers after 3 s: what shows within 2.5 s came from the device, even on a
        // machine under load.
        await injectFaults([{ method: 'GET', path: '/comments\\?', action: { kind: 'delay', ms: 3000 } }]);
        const again = await mount({ endpoint, thread, storage, waitForLoad: false });
        await waitUntil(() => shownIds(again).length > 0, 'the kept comments did not show first', {
          timeout: 2500,
        });
        await oneEvent(again, 'rc-loaded');
        expect(shownIds(again)).to.deep.equal(['a']);
        expect(watch.seen.map((request) => [request.ifNoneMatch, request.status])).to.deep.equal([
          [null, 200],
        ]);
      } finally {
        watch.stop();
      }
    });
  });

  it('a thread that failed to load offline loads by itself when the connection returns', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const origin = new URL(endpoint).origin;
    const thread = uniqueThread('kept-online');
    await seed(thread, [published('a', null, 'Ann', 'Hello.', 5)], 'off');
    await setOffline(true, [origin]);
    try {
      await waitUntil(() => navigator.onLine === false, 'the page did not go offline');
      const element = await mount({ endpoint, thread, waitForLoad: false });
      await waitUntil(() => /could not be loaded/.test(text(element)), 'no load error while offline');
      await setOffline(false, [origin]);
      await waitUntil(() => shownIds(element).includes('a'), 'the thread did not load when back online');
      expect(text(element)).to.not.contain('could not be loaded');
    } finally {
      await setOffline(false, [origin]);
    }
  });
});

describe('<recovery-comments> a restored reply draft far down the thread', () => {
  const drafted = async (thread: string, parent: string) => {
    const { endpoint } = await proxy();
    const storage = freshStore();
    const first = await mount({ endpoint, thread, storage });
    replyButtonOf(first, parent).click();
    await first.updateComplete;
    const saved = oneEvent(first, 'rc-draft-saved');
    fill(first, 'body', 'Half an answer.');
    await saved;
    first.remove();
    scrollTo(0, 0);
    return mount({ endpoint, thread, storage });
  };
  const draftNotice = (element: RecoveryComments) =>
    root(element).querySelector('[part~="draft-notice"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const body = (element: RecoveryComments) =>
    composerOf(element).shadowRoot!.querySelector<HTMLTextAreaElement>('[name="body"]')!;

  it('is told near the top, with a button that takes the reader to it', async function () {
    this.timeout(20_000);
    const thread = uniqueThread('draft-notice');
    const long = 'A long comment that takes some room on the page. '.repeat(8);
    const comments = Array.from({ length: 30 }, (_, index) =>
      published(`c${index}`, null, index === 29 ? 'Zed' : `Person ${index}`, long, 60 - index),
    );
    await seed(thread, comments, 'off');
    const again = await drafted(thread, 'c29');
    await waitUntil(() => draftNotice(again) !== null, 'no notice about the restored draft');
    expect(draftNotice(again)).to.equal('Your unsent reply to Zed is kept. Go to it');
    await waitUntil(() => body(again).value === 'Half an answer.', 'the draft was not restored');
    const notice = root(again).querySelector('[part~="draft-notice"]')!;
    expect(notice.getBoundingClientRect().bottom).to.be.below(innerHeight);
    expect(body(again).getBoundingClientRect().top).to.be.above(innerHeight);

    button(again, 'Go to it').click();
    await again.updateComplete;
    await waitUntil(
      () => composerOf(again).shadowRoot!.activeElement === body(again),
      'the reply was not focused',
    );
    const top = body(again).getBoundingClientRect().top;
    expect(top).to.be.within(0, innerHeight);
    expect(draftNotice(again)).to.equal(null);
  });

  it('says nothing when the restored reply is already in view', async () => {
    const thread = uniqueThread('draft-notice-near');
    await seed(thread, [published('a', null, 'Ann', 'Short.', 5)], 'off');
    const again = await drafted(thread, 'a');
    await waitUntil(() => body(again).value === 'Half an answer.', 'the draft was not restored');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wrapperOf(again, 'a')!.contains(composerOf(again))).to.equal(true);
    expect(draftNotice(again)).to.equal(null);
  });
});
