import { expect } from '@open-wc/testing';
import { BackendError, type CommentsBackend } from '../../src/backend/backend.js';
import {
  ThreadController,
  type ThreadKeeping,
  type ThreadQuery,
} from '../../src/controllers/thread-controller.js';
import type { Comment, ThreadPage } from '../../src/model/types.js';
import { FakeHost } from './fake-host.js';

const comment = (id: string): Comment => ({
  id,
  parentId: null,
  author: { name: 'A', url: null },
  body: id,
  createdAt: '2026-01-01T00:00:00Z',
  status: 'published',
});

/** A backend whose answers the test releases one at a time. */
function manualBackend() {
  const waiting: Array<{
    cursor: string | null;
    etag: string | null | undefined;
    resolve: (page: ThreadPage | null) => void;
    reject: (e: Error) => void;
  }> = [];
  const backend: CommentsBackend = {
    loadPage: (_thread, request) =>
      new Promise((resolve, reject) =>
        waiting.push({ cursor: request.cursor, etag: request.etag, resolve, reject }),
      ),
    postComment: () => Promise.reject(new Error('not used')),
  };
  return { backend, waiting };
}

const page = (ids: string[], nextCursor: string | null, total = 10): ThreadPage => ({
  thread: 't',
  total,
  comments: ids.map(comment),
  nextCursor,
  skipped: 0,
});

describe('ThreadController', () => {
  it('loads page by page and calls back after asking for the update that shows each page', async () => {
    const host = new FakeHost();
    const { backend, waiting } = manualBackend();
    const seen: number[] = [];
    const thread = new ThreadController(
      host,
      () => seen.push(host.updates),
      () => {},
    );
    const query: ThreadQuery = { backend, thread: 't', pageSize: 2, sort: 'oldest' };
    const first = thread.load(query);
    expect(thread.status).to.equal('loading');
    waiting.shift()!.resolve(page(['a', 'b'], 'next'));
    await first;
    expect(thread.status).to.equal('ready');
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
    expect(thread.total).to.equal(10);
    expect(seen).to.have.length(1);
    expect(seen[0], 'the update was asked for before the callback').to.equal(host.updates);
    const more = thread.loadMore();
    expect(thread.loadingMore).to.equal(true);
    expect(waiting[0]!.cursor).to.equal('next');
    waiting.shift()!.resolve(page(['b', 'c'], null));
    await more;
    expect(
      thread.comments.map((c) => c.id),
      'duplicates dropped',
    ).to.deep.equal(['a', 'b', 'c']);
    expect(thread.nextCursor).to.equal(null);
  });

  it('drops the answer of a query that was replaced', async () => {
    const { backend, waiting } = manualBackend();
    const thread = new ThreadController(
      new FakeHost(),
      () => {},
      () => {},
    );
    const old = thread.load({ backend, thread: 'old', pageSize: 2, sort: 'oldest' });
    const fresh = thread.load({ backend, thread: 'new', pageSize: 2, sort: 'oldest' });
    waiting[1]!.resolve(page(['new'], null));
    await fresh;
    waiting[0]!.resolve(page(['old'], null));
    await old;
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['new']);
  });

  it('keeps a first-page error for its retry, and a later-page error beside "load more"', async () => {
    const { backend, waiting } = manualBackend();
    const errors: BackendError[] = [];
    const thread = new ThreadController(
      new FakeHost(),
      () => {},
      (error) => errors.push(error),
    );
    const query: ThreadQuery = { backend, thread: 't', pageSize: 1, sort: 'oldest' };
    const first = thread.load(query);
    waiting.shift()!.reject(new BackendError('network', 'down'));
    await first;
    expect(thread.status).to.equal('error');
    expect(thread.error?.kind).to.equal('network');
    const again = thread.retry();
    waiting.shift()!.resolve(page(['a'], 'n'));
    await again;
    const more = thread.loadMore();
    waiting.shift()!.reject(new Error('garbage'));
    await more;
    expect(thread.status).to.equal('ready');
    expect(thread.moreError?.kind).to.equal('invalid-response');
    expect(errors).to.have.length(2);
  });

  it('shows the reader their own published comment once, counting it', () => {
    const thread = new ThreadController(
      new FakeHost(),
      () => {},
      () => {},
    );
    thread.add(comment('mine'));
    thread.add(comment('mine'));
    expect(thread.comments).to.have.length(1);
    expect(thread.total).to.equal(1);
  });

  describe('with a kept first page', () => {
    const kept = (ids: string[]) => ({ savedAt: 1234, page: { ...page(ids, null, 2), etag: '"kept"' } });
    /** The device: its index says `tag` (by default the stored page's own), its read resolves when released. */
    const keepingOf = (stored: ReturnType<typeof kept> | null, tag = stored?.page.etag ?? null) => {
      const keptPages: ThreadPage[] = [];
      let release = () => {};
      const read = new Promise<typeof stored>((resolve) => (release = () => resolve(stored)));
      const keeping: ThreadKeeping = {
        tag: () => tag,
        read: () => read,
        keep: (_query, page) => void keptPages.push(page),
      };
      return { keeping, keptPages, release };
    };
    const setup = (
      stored: ReturnType<typeof kept> | null,
      { tag = stored?.page.etag ?? null, held = false } = {},
    ) => {
      const { backend, waiting } = manualBackend();
      const { keeping, keptPages, release } = keepingOf(stored, tag);
      if (!held) release();
      const shown: boolean[] = [];
      const errors: BackendError[] = [];
      const host = new FakeHost();
      const thread = new ThreadController(
        host,
        (_query, fresh) => shown.push(fresh),
        (error) => errors.push(error),
        keeping,
      );
      const query: ThreadQuery = { backend, thread: 't', pageSize: 2, sort: 'oldest' };
      return { thread, query, waiting, keptPages, shown, errors, host, release };
    };
    const settle = () => new Promise((resolve) => setTimeout(resolve));

    it('shows it before the server answers, asks with its ETag, and a 304 keeps it, kept again as current', async () => {
      const { thread, query, waiting, keptPages, shown } = setup(kept(['a', 'b']));
      const loading = thread.load(query);
      await settle();
      expect(thread.status).to.equal('ready');
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
      expect(shown).to.deep.equal([false]);
      expect(waiting[0]!.etag).to.equal('"kept"');
      waiting.shift()!.resolve(null);
      await loading;
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
      expect(shown).to.deep.equal([false, true]);
      expect(keptPages.map((p) => p.etag)).to.deep.equal(['"kept"']);
      expect(thread.shownAsOf).to.equal(null);
    });

    it('a 304 for the kept page shown leaves what is shown as it is: the same comments, not built again', async () => {
      const { thread, query, waiting, shown, host } = setup(kept(['a', 'b']));
      const loading = thread.load(query);
      await settle();
      const comments = thread.comments;
      expect(comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
      waiting.shift()!.resolve(null);
      await loading;
      expect(shown).to.deep.equal([false, true]);
      // The same array: the thread view, which remembers its input, builds no tree for it.
      expect(thread.comments).to.equal(comments);
      expect(thread.status).to.equal('ready');
      expect(host.updates).to.be.greaterThan(0);
    });

    it('asks the server at once with the ETag the index gives, before the kept page is read', async () => {
      const { thread, query, waiting, shown, release } = setup(kept(['a', 'b']), { held: true });
      const loading = thread.load(query);
      expect(waiting, 'asked in the same task').to.have.length(1);
      expect(waiting[0]!.etag).to.equal('"kept"');
      expect(thread.comments).to.deep.equal([]);
      release();
      await settle();
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
      expect(shown).to.deep.equal([false]);
      waiting.shift()!.resolve(null);
      await loading;
      expect(shown).to.deep.equal([false, true]);
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
    });

    it('a server that answers before the kept page is read: the kept page is never shown', async () => {
      const { thread, query, waiting, shown, release } = setup(kept(['old']), { held: true });
      const loading = thread.load(query);
      waiting.shift()!.resolve(page(['a', 'b'], null, 2));
      await loading;
      expect(shown).to.deep.equal([true]);
      release();
      await settle();
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
      expect(shown).to.deep.equal([true]);
    });

    it('a 304 for an ETag whose page is not on the device: asked again without it, and shown', async () => {
      const { thread, query, waiting, shown, errors } = setup(null, { tag: '"gone"' });
      const loading = thread.load(query);
      expect(waiting[0]!.etag).to.equal('"gone"');
      waiting.shift()!.resolve(null);
      await settle();
      expect(waiting, 'asked again').to.have.length(1);
      expect(waiting[0]!.etag).to.equal(undefined);
      waiting.shift()!.resolve(page(['a'], null, 1));
      await loading;
      expect(thread.status).to.equal('ready');
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a']);
      expect(shown).to.deep.equal([true]);
      expect(errors).to.deep.equal([]);
    });

    it('a 304 for an ETag the kept page does not have (another version): asked again without it', async () => {
      const { thread, query, waiting, shown } = setup(kept(['old']), { tag: '"newer"' });
      const loading = thread.load(query);
      expect(waiting[0]!.etag).to.equal('"newer"');
      waiting.shift()!.resolve(null);
      await settle();
      expect(waiting[0]!.etag).to.equal(undefined);
      waiting.shift()!.resolve(page(['a', 'b'], null, 2));
      await loading;
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
      expect(shown).to.deep.equal([false, true]);
    });

    it('unreachable with the kept page still being read: it is shown once read, as of when it was kept', async () => {
      const { thread, query, waiting, shown, release } = setup(kept(['a']), { held: true });
      const loading = thread.load(query);
      waiting.shift()!.reject(new BackendError('network', 'down'));
      await settle();
      expect(thread.status, 'waits for the kept page').to.equal('loading');
      release();
      await loading;
      expect(thread.status).to.equal('ready');
      expect(thread.shownAsOf).to.equal(1234);
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a']);
      expect(shown).to.deep.equal([false, false]);
    });

    it("the server's page replaces it: a removed comment goes, the reader's own stays", async () => {
      const { thread, query, waiting, keptPages } = setup(kept(['a', 'gone']));
      const loading = thread.load(query);
      await settle();
      thread.add(comment('mine'));
      waiting.shift()!.resolve(page(['a', 'new'], null, 2));
      await loading;
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'new', 'mine']);
      expect(keptPages[0]!.comments.map((c) => c.id)).to.deep.equal(['a', 'new']);
    });

    it('"load more" waits for the refresh of the kept page, whose answer replaces what is shown', async () => {
      const stored = { savedAt: 1234, page: { ...page(['a'], 'p2', 3), etag: '"kept"' } };
      const { thread, query, waiting } = setup(stored);
      const loading = thread.load(query);
      await settle();
      expect(thread.nextCursor).to.equal('p2');
      await thread.loadMore();
      expect(waiting, 'only the refresh is asked for').to.have.length(1);
      waiting.shift()!.resolve(page(['a'], 'p2', 3));
      await loading;
      const more = thread.loadMore();
      expect(waiting[0]!.cursor).to.equal('p2');
      waiting.shift()!.resolve(page(['b'], null, 3));
      await more;
      expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
    });

    it('unreachable: it stays, shown as of when it was kept, and is refreshed by itself on "online"', async () => {
      const { thread, query, waiting, shown, errors, host } = setup(kept(['a']));
      document.body.append(host);
      try {
        const loading = thread.load(query);
        await settle();
        waiting.shift()!.reject(new BackendError('network', 'down'));
        await loading;
        expect(thread.status).to.equal('ready');
        expect(thread.shownAsOf).to.equal(1234);
        expect(thread.comments.map((c) => c.id)).to.deep.equal(['a']);
        expect(errors).to.have.length(1);
        // Told as it showed, and again once the server could not be reached (drafts restore then).
        expect(shown).to.deep.equal([false, false]);

        dispatchEvent(new Event('online'));
        expect(waiting).to.have.length(1);
        expect(waiting[0]!.etag).to.equal('"kept"');
        waiting.shift()!.resolve(page(['a', 'b'], null, 2));
        await settle();
        expect(thread.shownAsOf).to.equal(null);
        expect(thread.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
        expect(shown).to.deep.equal([false, false, true]);
      } finally {
        host.remove();
      }
    });

    it('a thread that failed with nothing kept loads on "online"; a thread shown fresh does not reload', async () => {
      const { thread, query, waiting, host } = setup(null);
      document.body.append(host);
      try {
        const loading = thread.load(query);
        await settle();
        waiting.shift()!.reject(new BackendError('network', 'down'));
        await loading;
        expect(thread.status).to.equal('error');
        dispatchEvent(new Event('online'));
        waiting.shift()!.resolve(page(['a'], null, 1));
        await settle();
        expect(thread.status).to.equal('ready');
        dispatchEvent(new Event('online'));
        expect(waiting).to.have.length(0);
      } finally {
        host.remove();
      }
    });
  });
});
