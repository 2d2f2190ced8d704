import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { BackendError, type CommentsBackend } from '../src/backend/backend.js';
import { messages as de } from '../src/i18n/locales/de.js';
import { messages as fr } from '../src/i18n/locales/fr.js';
import type { NewComment } from '../src/model/types.js';
import type { OutboxEntry } from '../src/offline/outbox.js';
import { DEFAULT_RETRY_POLICY } from '../src/offline/retry-policy.js';
import { DeviceStore, type KeyValueStore } from '../src/offline/storage.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import {
  button,
  composerOf,
  field,
  fill,
  formShown,
  freshStore,
  mount,
  root,
  wrapperOf,
  failOnUnhandledRejections,
  mountWith,
} from './helpers/dom.js';
import {
  injectFaults,
  proxy,
  proxyLog,
  published,
  resetProxy,
  seed,
  seededId,
  server,
  setOffline,
  setStatus,
  stored,
  uniqueThread,
} from './helpers/server.js';

const replyButtonOf = (element: RecoveryComments, id: string) =>
  wrapperOf(element, id)!.querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!;

const statusOf = (element: RecoveryComments, id: string) =>
  wrapperOf(element, id)
    ?.querySelector(':scope > article [part="status"]')
    ?.textContent?.replace(/\s+/g, ' ')
    .trim() ?? '';

const draftStatus = (element: RecoveryComments) =>
  composerOf(element)
    .shadowRoot!.querySelector('[part="draft-status"]')
    ?.textContent?.replace(/\s+/g, ' ')
    .trim() ?? '';

/** Fills the form and presses Post Comment; resolves with the queued request. */
async function send(element: RecoveryComments, body: string, name = 'Sam') {
  fill(element, 'body', body);
  fill(element, 'name', name);
  const queued = oneEvent(element, 'rc-queued');
  button(element, 'Post Comment').click();
  return (await queued).detail.comment;
}

failOnUnhandledRejections();

describe('<recovery-comments> drafts', () => {
  it('reopens the reply form under the right comment with the text after a reload', async () => {
    const thread = uniqueThread('draft-restore');
    await seed(thread, [published('a', null, 'Ann', 'Top.', 30), published('b', 'a', 'Ben', 'Nested.', 20)]);
    const { endpoint } = await server();
    const storage = freshStore();
    const first = await mount({ endpoint, thread, storage });
    replyButtonOf(first, 'b').click();
    await first.updateComplete;
    const saved = oneEvent(first, 'rc-draft-saved');
    fill(first, 'body', 'Half-written, on a bus.\nSecond line 🌱');
    expect((await saved).detail.parentId).to.equal(seededId(thread, 'b'));
    await composerOf(first).updateComplete;
    expect(draftStatus(first)).to.match(/^Draft saved on this device at .+\.$/);
    first.remove();

    const again = await mount({ endpoint, thread, storage });
    await waitUntil(() => field(again, 'body').value !== '', 'the draft was not restored');
    expect(wrapperOf(again, 'b')!.contains(composerOf(again))).to.equal(true);
    expect(field(again, 'body').value).to.equal('Half-written, on a bus.\nSecond line 🌱');
  });

  it('never overwrites what the reader typed before the draft was read', async () => {
    const thread = uniqueThread('draft-no-overwrite');
    const { endpoint } = await server();
    const storage = freshStore();
    const first = await mount({ endpoint, thread, storage });
    const saved = oneEvent(first, 'rc-draft-saved');
    fill(first, 'body', 'old draft');
    await saved;
    first.remove();

    // Reads answer late, so the reader types while the form's draft is still being read (the
    // form itself comes with the writing side, after the first page).
    const late = <T>(read: Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(read), 300));
    const slow: KeyValueStore = {
      get: (key) => late(storage.get(key)),
      entries: (prefix) => late(storage.entries(prefix)),
      set: (key, value) => storage.set(key, value),
      delete: (key) => storage.delete(key),
      get memoryOnly() {
        return storage.memoryOnly;
      },
      onMemoryOnly: (callback) => storage.onMemoryOnly(callback),
    };
    const again = await mount({ endpoint, thread, storage: slow, waitForLoad: false });
    await formShown(again);
    fill(again, 'body', 'typed at once');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(field(again, 'body').value).to.equal('typed at once');
  });

  it('discards a draft without asking and offers Undo', async () => {
    const thread = uniqueThread('discard');
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    fill(element, 'body', 'Not sure about this.');
    await composerOf(element).updateComplete;
    button(element, 'Discard draft').click();
    await composerOf(element).updateComplete;
    expect(field(element, 'body').value).to.equal('');
    button(element, 'Undo').click();
    await composerOf(element).updateComplete;
    expect(field(element, 'body').value).to.equal('Not sure about this.');
  });

  it('remembers name, email and website only when the box is ticked', async () => {
    const { endpoint } = await server();
    const storage = freshStore();
    const thread = uniqueThread('identity');
    const first = await mount({ endpoint, thread, storage });
    fill(first, 'name', 'Quiet Harbor');
    fill(first, 'email', 'qh@example.org');
    const box = composerOf(first).shadowRoot!.querySelector<HTMLInputElement>('#remember')!;
    box.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.remove();

    const second = await mount({ endpoint, thread: uniqueThread('identity-2'), storage });
    await waitUntil(() => field(second, 'name').value === 'Quiet Harbor', 'the name was not remembered');
    expect(field(second, 'email').value).to.equal('qh@example.org');
    const secondBox = composerOf(second).shadowRoot!.querySelector<HTMLInputElement>('#remember')!;
    expect(secondBox.checked).to.equal(true);
    secondBox.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    second.remove();

    const third = await mount({ endpoint, thread: uniqueThread('identity-3'), storage });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(field(third, 'name').value).to.equal('');
  });
});

describe('<recovery-comments> outbox against faults', () => {
  beforeEach(() => resetProxy());

  it('503 then 201: the echo waits, then becomes the published comment, sent once with one clientId', async () => {
    const { endpoint } = await proxy();
    const thread = uniqueThread('503');
    await injectFaults([
      {
        method: 'POST',
        path: '/comments',
        action: {
          kind: 'respond',
          status: 503,
          body: { error: { code: 'unavailable', message: 'Busy.', field: null } },
        },
      },
    ]);
    const element = await mount({ endpoint, thread });
    const submitted = oneEvent(element, 'rc-submitted');
    const request = await send(element, 'Through the storm.');
    await element.updateComplete;
    expect(wrapperOf(element, `local-${request.clientId}`)!.getAttribute('part')).to.equal(
      'comment comment-unsent',
    );
    const { comment, status } = (await submitted).detail;
    expect(status).to.equal(201);
    await element.updateComplete;
    expect(wrapperOf(element, `local-${request.clientId}`)).to.equal(null);
    expect(wrapperOf(element, comment.id)!.getAttribute('part')).to.equal('comment');
    const posts = (await proxyLog()).filter((entry) => entry.method === 'POST');
    expect(posts.map((entry) => [entry.status, entry.clientId])).to.deep.equal([
      [503, request.clientId],
      [201, request.clientId],
    ]);
    expect(await stored(thread, 'off')).to.have.length(1);
  });

  it('429 with Retry-After: the next attempt waits at least that long', async function () {
    this.timeout(15_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('429');
    await injectFaults([
      {
        method: 'POST',
        path: '/comments',
        action: {
          kind: 'respond',
          status: 429,
          headers: { 'Retry-After': '2' },
          body: { error: { code: 'rate_limited', message: 'Slow down.', field: null } },
        },
      },
    ]);
    const element = await mount({ endpoint, thread });
    const submitted = oneEvent(element, 'rc-submitted');
    await send(element, 'Patience.');
    await submitted;
    const [first, second] = (await proxyLog()).filter((entry) => entry.method === 'POST');
    expect(first!.status).to.equal(429);
    expect(second!.status).to.equal(201);
    expect(second!.at - first!.at).to.be.at.least(2000);
  });

  it('422 with a field error: no retry, the text returns to its form with the message on the field', async () => {
    const { endpoint } = await proxy();
    const thread = uniqueThread('422');
    await seed(thread, [published('a', null, 'Ann', 'Top.', 30)], 'off');
    await injectFaults([
      {
        method: 'POST',
        path: '/comments',
        action: {
          kind: 'respond',
          status: 422,
          body: {
            error: { code: 'name_reserved', message: 'That name is reserved here.', field: 'author.name' },
          },
        },
      },
    ]);
    const element = await mount({ endpoint, thread });
    replyButtonOf(element, 'a').click();
    await element.updateComplete;
    const failed = oneEvent(element, 'rc-failed');
    const request = await send(element, 'Every word of this matters.', 'Admin');
    const { detail } = await failed;
    expect(detail).to.deep.include({ status: 422, field: 'author.name', retryable: false });
    await element.updateComplete;
    await composerOf(element).updateComplete;
    expect(wrapperOf(element, `local-${request.clientId}`)).to.equal(null);
    expect(wrapperOf(element, 'a')!.contains(composerOf(element))).to.equal(true);
    expect(field(element, 'body').value).to.equal('Every word of this matters.');
    expect(field(element, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(composerOf(element).shadowRoot!.getElementById('name-error')!.textContent).to.equal(
      'That name is reserved here.',
    );
    expect((await proxyLog()).filter((entry) => entry.method === 'POST')).to.have.length(1);
  });

  it('the server commits but the answer is lost: the retry carries the same clientId and one comment exists', async () => {
    const { endpoint } = await proxy();
    const thread = uniqueThread('drop');
    await injectFaults([{ method: 'POST', path: '/comments', action: { kind: 'forward-then-drop' } }]);
    const element = await mount({ endpoint, thread });
    const submitted = oneEvent(element, 'rc-submitted');
    const request = await send(element, 'Said once.');
    const { status } = (await submitted).detail;
    expect(status).to.equal(200);
    const posts = (await proxyLog()).filter((entry) => entry.method === 'POST');
    expect(posts.map((entry) => [entry.status, entry.clientId])).to.deep.equal([
      ['dropped', request.clientId],
      [200, request.clientId],
    ]);
    const kept = await stored(thread, 'off');
    expect(kept.map((comment) => comment.body)).to.deep.equal(['Said once.']);
  });
});

describe('<recovery-comments> Retry and Edit on a comment that could not be sent', () => {
  /** A backend (through the public `backend` property) whose posts fail for good until told otherwise. */
  function flakyBackend() {
    const posted: NewComment[] = [];
    let refuse = true;
    const backend: CommentsBackend = {
      loadPage: async (thread) => ({
        thread,
        total: 1,
        comments: [
          {
            id: 'x1',
            parentId: null,
            author: { name: 'Ann', url: null },
            body: 'Hi.',
            createdAt: '2026-01-01T00:00:00Z',
            status: 'published',
          },
        ],
        nextCursor: null,
        skipped: 0,
      }),
      postComment: async (_thread, comment) => {
        posted.push(comment);
        if (refuse) throw new BackendError('blocked', 'blocked by CSP');
        return {
          status: 201,
          comment: {
            id: 'new1',
            parentId: comment.parentId,
            author: { name: comment.author.name, url: null },
            body: comment.body,
            createdAt: new Date().toISOString(),
            status: 'published',
          },
        };
      },
    };
    return { backend, posted, accept: () => (refuse = false) };
  }

  it('Retry sends the same comment again, with the same clientId', async () => {
    const { backend, posted, accept } = flakyBackend();
    const element = await mountWith(backend);
    try {
      replyButtonOf(element, 'x1').click();
      await element.updateComplete;
      const failed = oneEvent(element, 'rc-failed');
      const request = await send(element, 'Second try.');
      expect((await failed).detail.retryable).to.equal(true);
      const echoId = `local-${request.clientId}`;
      await waitUntil(() => statusOf(element, echoId).startsWith("Couldn't send"), statusOf(element, echoId));
      accept();
      const submitted = oneEvent(element, 'rc-submitted');
      wrapperOf(element, echoId)!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
      await submitted;
      expect(posted.map((comment) => comment.clientId)).to.deep.equal([request.clientId, request.clientId]);
      await element.updateComplete;
      expect(wrapperOf(element, echoId)).to.equal(null);
      expect(wrapperOf(element, 'x1')!.contains(wrapperOf(element, 'new1'))).to.equal(true);
    } finally {
      element.remove();
    }
  });

  it('Edit takes it out of the outbox and puts the text back in its form', async () => {
    const { backend, posted } = flakyBackend();
    const element = await mountWith(backend);
    try {
      replyButtonOf(element, 'x1').click();
      await element.updateComplete;
      const failed = oneEvent(element, 'rc-failed');
      const request = await send(element, 'Let me rephrase.');
      await failed;
      const echoId = `local-${request.clientId}`;
      await waitUntil(() => wrapperOf(element, echoId)?.querySelector('[part="edit-button"]'));
      wrapperOf(element, echoId)!.querySelector<HTMLButtonElement>('[part="edit-button"]')!.click();
      await waitUntil(
        () => field(element, 'body').value === 'Let me rephrase.',
        'the text did not come back',
      );
      await element.updateComplete;
      expect(wrapperOf(element, echoId)).to.equal(null);
      expect(wrapperOf(element, 'x1')!.contains(composerOf(element))).to.equal(true);
      expect(posted).to.have.length(1);
    } finally {
      element.remove();
    }
  });
});

describe('<recovery-comments> offline', () => {
  it('queues while offline, survives a reload, and sends exactly once when back online', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const origin = new URL(endpoint).origin;
    const thread = uniqueThread('offline');
    const storage = freshStore();
    const element = await mount({ endpoint, thread, storage });
    await setOffline(true, [origin]);
    try {
      await waitUntil(() => navigator.onLine === false, 'the page did not go offline');
      const request = await send(element, 'Written in a tunnel.');
      await element.updateComplete;
      const echoId = `local-${request.clientId}`;
      await waitUntil(
        () => statusOf(element, echoId).startsWith('Waiting for a connection'),
        `status: ${statusOf(element, echoId)}`,
      );
      element.remove();

      // "Reload" while still offline: a new element on the same device storage.
      const again = await mount({ endpoint, thread, storage, waitForLoad: false });
      await waitUntil(
        () => wrapperOf(again, echoId) !== null,
        'the queued comment did not survive the reload',
      );
      expect(statusOf(again, echoId)).to.match(/^Waiting for a connection/);

      const submitted = oneEvent(again, 'rc-submitted');
      await setOffline(false, [origin]);
      const { comment } = (await submitted).detail;
      await again.updateComplete;
      expect(wrapperOf(again, echoId)).to.equal(null);
      expect(wrapperOf(again, comment.id)!.getAttribute('part')).to.equal('comment');
      const kept = await stored(thread, 'off');
      expect(kept.map((entry) => [entry.body, entry.clientId])).to.deep.equal([
        ['Written in a tunnel.', request.clientId],
      ]);
    } finally {
      await setOffline(false, [origin]);
    }
  });

  it('shows a pending comment to its author across reloads until it is published', async () => {
    const { endpoint } = await server();
    const thread = uniqueThread('pending-echo');
    const storage = freshStore();
    const element = await mount({ endpoint, thread, storage });
    const submitted = oneEvent(element, 'rc-submitted');
    await send(element, 'Awaiting a kind moderator.');
    const { comment } = (await submitted).detail;
    element.remove();

    const again = await mount({ endpoint, thread, storage });
    await waitUntil(
      () => wrapperOf(again, comment.id) !== null,
      'the pending comment did not survive the reload',
    );
    expect(wrapperOf(again, comment.id)!.getAttribute('part')).to.equal('comment comment-pending');
    expect(statusOf(again, comment.id)).to.equal('Your comment is awaiting moderation.');
    again.remove();

    await setStatus(comment.id, 'published');
    const third = await mount({ endpoint, thread, storage });
    // The page kept on the device showed first, with the echo; the server's answer settles it.
    await waitUntil(
      () => wrapperOf(third, comment.id)?.getAttribute('part') === 'comment',
      'the published comment is not shown as published',
    );
    expect(root(third).querySelectorAll(`[data-comment-id="${comment.id}"]`)).to.have.length(1);
  });
});

describe('<recovery-comments> when device storage fails', () => {
  const restore: Array<() => void> = [];
  afterEach(() => {
    while (restore.length > 0) restore.pop()!();
  });

  /** Mounts with a store made while a fault is in place, types, and expects the in-memory notice. */
  async function expectTypingKeptInMemory(storage: DeviceStore) {
    const thread = uniqueThread('storage');
    const element = await mount({ endpoint: (await server()).endpoint, thread, storage });
    fill(element, 'body', 'Still typing, still here.');
    await waitUntil(
      () => /kept only in this window/.test(draftStatus(element)),
      `draft status: "${draftStatus(element)}"`,
      { timeout: 4000 },
    );
    expect(field(element, 'body').value).to.equal('Still typing, still here.');
    fill(element, 'name', 'Sam');
    const queued = oneEvent(element, 'rc-queued');
    button(element, 'Post Comment').click();
    await queued;
  }

  it('IndexedDB missing', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    restore.push(() => Object.defineProperty(window, 'indexedDB', original));
    await expectTypingKeptInMemory(new DeviceStore('rc-missing'));
  });

  it('IndexedDB open hangs', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () {
      return { result: null, error: null } as unknown as IDBOpenDBRequest; // never fires
    };
    restore.push(() => (IDBFactory.prototype.open = open));
    await expectTypingKeptInMemory(new DeviceStore(`rc-hang-${Date.now()}`, 300));
  });

  it('a write throws QuotaExceededError', async () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    restore.push(() => (IDBObjectStore.prototype.put = put));
    await expectTypingKeptInMemory(freshStore());
  });

  it('the database is deleted by page script mid-session: the draft is written again and survives', async () => {
    const name = `rc-deleted-${Date.now()}`;
    const storage = new DeviceStore(name);
    const { endpoint } = await server();
    const thread = uniqueThread('deleted');
    const element = await mount({ endpoint, thread, storage });
    const saved = oneEvent(element, 'rc-draft-saved');
    fill(element, 'body', 'Before the delete.');
    await saved;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const savedAgain = oneEvent(element, 'rc-draft-saved');
    fill(element, 'body', 'After the delete.');
    await savedAgain;
    element.remove();
    const again = await mount({ endpoint, thread, storage: new DeviceStore(name) });
    await waitUntil(
      () => field(again, 'body').value === 'After the delete.',
      'the draft was lost with the database',
    );
  });
});

describe("<recovery-comments> a failed send's words", () => {
  beforeEach(() => resetProxy());

  let databases = 0;
  /** A database name no other test uses, to open again as a reload would. */
  const databaseName = () => `rc-test-failed-${Date.now().toString(36)}-${++databases}`;

  /** Why the reader's own comment could not be sent, as its line says it. */
  const reasonOf = (element: RecoveryComments, id: string) =>
    wrapperOf(element, id)?.querySelector(':scope > article [part="status"] p')?.textContent ?? '';

  /** A comment of Sam's as the outbox keeps it. */
  const request = (body: string): NewComment => ({
    clientId: crypto.randomUUID(),
    parentId: null,
    author: { name: 'Sam', email: null, url: null },
    body,
    hp: '',
  });

  /** Leaves an entry in the outbox as an earlier visit did (its key is what every version reads). */
  const leave = (
    store: KeyValueStore,
    entry: Record<string, unknown> & { endpoint: string; request: NewComment },
  ) => store.set(`outbox|${entry.endpoint}|${entry.request.clientId}`, entry);

  it('is worded in the language the page has when it is shown, and so again after a reload', async function () {
    this.timeout(15_000);
    const { endpoint } = await proxy();
    const thread = uniqueThread('failed-words');
    const name = databaseName();
    const comment = request('Auf dem Heimweg geschrieben.');
    // The last attempt before the outbox asks the reader: the server answers it 503, no message.
    await leave(new DeviceStore(name), {
      endpoint,
      thread,
      request: comment,
      queuedAt: Date.now() - 60_000,
      attempts: DEFAULT_RETRY_POLICY.maxAttempts - 1,
      nextAttemptAt: 0,
      state: 'queued',
      error: null,
    });
    await injectFaults([{ method: 'POST', path: '/comments', action: { kind: 'respond', status: 503 } }]);
    const echoId = `local-${comment.clientId}`;
    const first = await mount({ endpoint, thread, storage: new DeviceStore(name) });
    first.lang = 'de';
    const german = de.couldNotSend(de.errorServer(503));
    await waitUntil(() => reasonOf(first, echoId) === german, 'not said in German', { timeout: 5000 });
    first.lang = 'fr';
    const french = fr.couldNotSend(fr.errorServer(503));
    await waitUntil(() => reasonOf(first, echoId) === french, 'not said in French', { timeout: 5000 });
    first.remove();

    // What was kept is what the error was, not words in one language.
    const [[, kept]] = await new DeviceStore(name).entries<OutboxEntry>('outbox|');
    expect(kept.state).to.equal('failed');
    expect(kept.error).to.include({ kind: 'http', status: 503, code: null, retryAfter: null });

    const again = await mount({ endpoint, thread, storage: new DeviceStore(name) });
    again.lang = 'de';
    await waitUntil(() => reasonOf(again, echoId) === german, 'not said again', { timeout: 5000 });
    const submitted = oneEvent(again, 'rc-submitted');
    wrapperOf(again, echoId)!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await submitted;
    expect((await stored(thread, 'off')).map((saved) => saved.clientId)).to.deep.equal([comment.clientId]);
  });

  it('still shows, and sends, comments an earlier version kept with its error as words', async () => {
    const { endpoint } = await proxy();
    const thread = uniqueThread('failed-old');
    const name = databaseName();
    const words = 'Could not reach the comments server.';
    const given = request('Given up on, last week.');
    const waiting = request('Still waiting to be sent.');
    const old = { endpoint, thread, nextAttemptAt: 0, error: words };
    await leave(new DeviceStore(name), {
      ...old,
      request: given,
      queuedAt: 1,
      attempts: 10,
      state: 'failed',
    });
    await leave(new DeviceStore(name), {
      ...old,
      request: waiting,
      queuedAt: 2,
      attempts: 3,
      state: 'queued',
    });
    const element = await mount({ endpoint, thread, storage: new DeviceStore(name), waitForLoad: false });
    const sent = oneEvent(element, 'rc-submitted');
    expect((await sent).detail.comment.body).to.equal(waiting.body);
    const givenId = `local-${given.clientId}`;
    await waitUntil(() => reasonOf(element, givenId) !== '', 'the failed comment is not shown', {
      timeout: 5000,
    });
    expect(reasonOf(element, givenId)).to.equal(`Couldn't send: ${words}`);
    const retried = oneEvent(element, 'rc-submitted');
    wrapperOf(element, givenId)!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await retried).detail.comment.body).to.equal(given.body);
    const clientIds = (await stored(thread, 'off')).map((saved) => saved.clientId);
    expect(clientIds.sort()).to.deep.equal([given.clientId, waiting.clientId].sort());
  });
});
