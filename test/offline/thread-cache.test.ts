import { expect } from '@open-wc/testing';
import type { Comment, ThreadPage } from '../../src/model/types.js';
import type { KeyValueStore } from '../../src/offline/storage.js';
import { THREAD_CACHE_VERSION, ThreadCache, type KeptThread } from '../../src/offline/thread-cache.js';
import { MemoryStore } from '../helpers/memory-store.js';

const ENDPOINT = 'https://comments.example.org/api';
const HOUR = 60 * 60 * 1000;

const comment = (id: string, body = `Comment ${id}`): Comment => ({
  id,
  parentId: null,
  author: { name: 'Sam', url: null },
  body,
  createdAt: '2026-01-01T00:00:00.000Z',
  status: 'published',
});

const page = (thread: string, ids: string[], nextCursor: string | null = null): ThreadPage => ({
  thread,
  total: ids.length,
  comments: ids.map((id) => comment(id)),
  nextCursor,
  skipped: 0,
});

const kept = (thread: string, savedAt: number, pages = [page(thread, ['a', 'b'])]): KeptThread => ({
  endpoint: ENDPOINT,
  thread,
  sort: 'oldest',
  etag: '"tag-1"',
  savedAt,
  pages,
});

/** A clock the test moves. */
function clock(start = 1_000_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** The raw stored entry of a thread, to corrupt on purpose. */
const rawKey = (thread: string, endpoint = ENDPOINT) => `thread|${JSON.stringify([endpoint, thread])}`;

/** A store whose every call fails, as a full or broken disk does. */
class FailingStore implements KeyValueStore {
  readonly memoryOnly = false;
  calls = 0;
  async get<T>(): Promise<T | undefined> {
    this.calls++;
    throw new DOMException('The disk is full', 'QuotaExceededError');
  }
  async set(): Promise<void> {
    this.calls++;
    throw new DOMException('The disk is full', 'QuotaExceededError');
  }
  async delete(): Promise<void> {
    this.calls++;
    throw new DOMException('The disk is full', 'QuotaExceededError');
  }
  async entries<T>(): Promise<Array<[string, T]>> {
    this.calls++;
    throw new DOMException('The disk is full', 'QuotaExceededError');
  }
  onMemoryOnly(): void {}
}

/** A store that keeps reading but refuses writes: a disk that filled up after the last visit. */
class FullStore extends MemoryStore {
  override async set(): Promise<void> {
    throw new DOMException('The disk is full', 'QuotaExceededError');
  }
}

describe('ThreadCache', () => {
  it('keeps the pages of a thread per endpoint and thread, and gives them back as they were', async () => {
    const time = clock();
    const cache = new ThreadCache(new MemoryStore(), { now: time.now });
    const two = [page('/t/', ['a', 'b'], 'cursor-2'), page('/t/', ['c'])];
    await cache.put(kept('/t/', time.now(), two));
    await cache.put({ ...kept('/t/', time.now()), endpoint: 'https://other.example/api', etag: null });
    const back = await cache.get(ENDPOINT, '/t/');
    expect(back).to.deep.equal(kept('/t/', time.now(), two));
    expect((await cache.get('https://other.example/api', '/t/'))?.etag).to.equal(null);
    expect(await cache.get(ENDPOINT, '/unknown/')).to.equal(null);
  });

  it('replaces what was kept for a thread, and forgets it on delete', async () => {
    const time = clock();
    const cache = new ThreadCache(new MemoryStore(), { now: time.now });
    await cache.put(kept('/t/', time.now()));
    await cache.put({ ...kept('/t/', time.now(), [page('/t/', ['z'])]), etag: '"tag-2"' });
    const back = await cache.get(ENDPOINT, '/t/');
    expect(back?.etag).to.equal('"tag-2"');
    expect(back?.pages[0]?.comments.map((c) => c.id)).to.deep.equal(['z']);
    await cache.delete(ENDPOINT, '/t/');
    expect(await cache.get(ENDPOINT, '/t/')).to.equal(null);
  });

  it('keeps the 50 most recent threads, evicting the oldest', async () => {
    const time = clock();
    const store = new MemoryStore();
    const cache = new ThreadCache(store, { now: time.now });
    for (let i = 0; i < 53; i++) {
      await cache.put(kept(`/post-${i}/`, time.now()));
      time.advance(1000);
    }
    for (let i = 0; i < 3; i++) expect(await cache.get(ENDPOINT, `/post-${i}/`), `post ${i}`).to.equal(null);
    for (let i = 3; i < 53; i++)
      expect(await cache.get(ENDPOINT, `/post-${i}/`), `post ${i}`).to.not.equal(null);
    expect([...store.data.keys()].filter((key) => key.startsWith('thread|')).length).to.equal(50);
    expect([...store.data.keys()].filter((key) => key.startsWith('thread-meta|')).length).to.equal(50);
  });

  it('keeps within a byte cap, oldest out first, and never keeps one thread above the cap', async () => {
    const time = clock();
    const cache = new ThreadCache(new MemoryStore(), { now: time.now, maxBytes: 3000 });
    const big = (thread: string) => [
      page(thread, ['a']),
      { ...page(thread, ['b']), comments: [comment('b', 'x'.repeat(800))] },
    ];
    for (const thread of ['/1/', '/2/', '/3/']) {
      await cache.put(kept(thread, time.now(), big(thread)));
      time.advance(1000);
    }
    expect(await cache.get(ENDPOINT, '/1/')).to.equal(null);
    expect(await cache.get(ENDPOINT, '/2/')).to.not.equal(null);
    expect(await cache.get(ENDPOINT, '/3/')).to.not.equal(null);

    const huge = [{ ...page('/huge/', ['h']), comments: [comment('h', 'é'.repeat(2000))] }];
    await cache.put(kept('/huge/', time.now(), huge));
    expect(await cache.get(ENDPOINT, '/huge/'), '4,000 bytes of UTF-8').to.equal(null);
    expect(await cache.get(ENDPOINT, '/3/'), 'nothing else lost for it').to.not.equal(null);
  });

  it('drops what is older than the max age, or dated in the future', async () => {
    const time = clock();
    const store = new MemoryStore();
    const cache = new ThreadCache(store, { now: time.now, maxAgeMs: 24 * HOUR });
    await cache.put(kept('/old/', time.now()));
    await cache.put(kept('/future/', time.now() + HOUR));
    time.advance(23 * HOUR);
    expect(await cache.get(ENDPOINT, '/old/')).to.not.equal(null);
    time.advance(2 * HOUR);
    expect(await cache.get(ENDPOINT, '/old/')).to.equal(null);
    expect(store.data.has(rawKey('/old/')), 'and removed from the device').to.equal(false);
    const fresh = new ThreadCache(store, { now: () => 0, maxAgeMs: 24 * HOUR });
    expect(await fresh.get(ENDPOINT, '/future/')).to.equal(null);
  });

  it('removes expired threads from the device when it next keeps one, without being asked for them', async () => {
    const time = clock();
    const store = new MemoryStore();
    const cache = new ThreadCache(store, { now: time.now, maxAgeMs: 24 * HOUR });
    await cache.put(kept('/forgotten/', time.now()));
    time.advance(25 * HOUR);
    await cache.put(kept('/today/', time.now()));
    expect([...store.data.keys()].some((key) => key.includes('/forgotten/'))).to.equal(false);
    expect(await cache.get(ENDPOINT, '/today/')).to.not.equal(null);
  });

  describe('a corrupt or foreign entry is dropped, never returned', () => {
    const corruptions: Array<[string, (entry: Record<string, any>) => unknown]> = [
      ['not an object', () => 'garbage'],
      ['null', () => null],
      ['an array', () => []],
      ['a newer version', (entry) => ({ ...entry, version: THREAD_CACHE_VERSION + 1 })],
      ['an older version', (entry) => ({ ...entry, version: THREAD_CACHE_VERSION - 1 })],
      ['no version', ({ version: _version, ...entry }) => entry],
      ["another thread's id", (entry) => ({ ...entry, thread: '/someone-else/' })],
      ["another endpoint's", (entry) => ({ ...entry, endpoint: 'https://evil.example/api' })],
      [
        'a page of another thread',
        (entry) => ({ ...entry, pages: [{ ...entry.pages[0], thread: '/someone-else/' }] }),
      ],
      ['no pages', (entry) => ({ ...entry, pages: [] })],
      ['pages not a list', (entry) => ({ ...entry, pages: { 0: entry.pages[0] } })],
      ['a page of the wrong shape', (entry) => ({ ...entry, pages: [{ comments: 'x' }] })],
      [
        'a broken comment',
        (entry) => ({ ...entry, pages: [{ ...entry.pages[0], comments: [{ id: 7 }, { nope: 1 }] }] }),
      ],
      ['savedAt not a number', (entry) => ({ ...entry, savedAt: '2026-01-01' })],
      ['savedAt NaN', (entry) => ({ ...entry, savedAt: NaN })],
      ['an etag of the wrong type', (entry) => ({ ...entry, etag: 42 })],
      ['an unknown sort', (entry) => ({ ...entry, sort: 'random' })],
    ];
    for (const [name, corrupt] of corruptions) {
      it(name, async () => {
        const time = clock();
        const store = new MemoryStore();
        const cache = new ThreadCache(store, { now: time.now });
        await cache.put(kept('/t/', time.now()));
        store.data.set(rawKey('/t/'), corrupt(store.data.get(rawKey('/t/')) as Record<string, any>));
        expect(await cache.get(ENDPOINT, '/t/')).to.equal(null);
        expect(store.data.has(rawKey('/t/')), 'removed').to.equal(false);
        // The cache goes on working.
        await cache.put(kept('/t/', time.now()));
        expect(await cache.get(ENDPOINT, '/t/')).to.not.equal(null);
      });
    }

    it('hostile text inside a kept comment comes back as the text it is, through the model parser', async () => {
      const time = clock();
      const store = new MemoryStore();
      const cache = new ThreadCache(store, { now: time.now });
      await cache.put(kept('/t/', time.now()));
      const entry = store.data.get(rawKey('/t/')) as Record<string, any>;
      entry.pages[0].comments[0].author = {
        name: '<img src=x onerror=alert(1)>',
        url: 'javascript:alert(1)',
      };
      const back = await cache.get(ENDPOINT, '/t/');
      expect(back?.pages[0]?.comments[0]?.author).to.deep.equal({
        name: '<img src=x onerror=alert(1)>',
        url: null,
      });
    });

    it('a corrupt eviction record is cleaned up and does not stop eviction', async () => {
      const time = clock();
      const store = new MemoryStore();
      const cache = new ThreadCache(store, { now: time.now, maxThreads: 2 });
      store.data.set(`thread-meta|${JSON.stringify([ENDPOINT, '/ghost/'])}`, { bytes: 'lots' });
      for (const thread of ['/1/', '/2/', '/3/']) {
        await cache.put(kept(thread, time.now()));
        time.advance(1000);
      }
      expect([...store.data.keys()].some((key) => key.includes('/ghost/'))).to.equal(false);
      expect(await cache.get(ENDPOINT, '/1/')).to.equal(null);
      expect(await cache.get(ENDPOINT, '/3/')).to.not.equal(null);
    });
  });

  describe('a failing store', () => {
    it('a store that throws on every call: nothing kept, nothing thrown', async () => {
      const store = new FailingStore();
      const cache = new ThreadCache(store);
      await cache.put(kept('/t/', Date.now()));
      expect(await cache.get(ENDPOINT, '/t/')).to.equal(null);
      await cache.delete(ENDPOINT, '/t/');
      expect(store.calls).to.be.greaterThan(0);
    });

    it('a full disk: what was kept still reads, new pages are simply not kept', async () => {
      const time = clock();
      const store = new FullStore();
      const cache = new ThreadCache(store, { now: time.now });
      store.data.set(rawKey('/old/'), { version: THREAD_CACHE_VERSION, ...kept('/old/', time.now()) });
      await cache.put(kept('/new/', time.now()));
      expect(await cache.get(ENDPOINT, '/new/')).to.equal(null);
      expect((await cache.get(ENDPOINT, '/old/'))?.thread).to.equal('/old/');
    });

    it('pages that are not JSON (a cycle) are not kept, and nothing throws', async () => {
      const cache = new ThreadCache(new MemoryStore());
      const cyclic = page('/t/', ['a']) as ThreadPage & { self?: unknown };
      cyclic.self = cyclic;
      await cache.put(kept('/t/', Date.now(), [cyclic]));
      expect(await cache.get(ENDPOINT, '/t/')).to.equal(null);
    });
  });
});
