import { expect } from '@open-wc/testing';
import type { Comment, ThreadPage } from '../../src/model/types.js';
import { KEPT_INDEX, keptKey, keptPageOf, keptTag, readKeptPage } from '../../src/offline/kept-thread.js';
import { DeviceStore, type KeyValueStore } from '../../src/offline/storage.js';
import { keepThread } from '../../src/offline/thread-cache.js';
import { MemoryStore } from '../helpers/memory-store.js';

// The thread kept on the device: written by keepThread (the writing side), read back by
// readKeptPage / keptPageOf (before the first render). Both halves are tested together.

const ENDPOINT = 'https://comments.example.org/api';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;

const comment = (id: string, body = `Comment ${id}`): Comment => ({
  id,
  parentId: null,
  author: { name: 'Sam', url: null },
  body,
  createdAt: '2026-01-01T00:00:00.000Z',
  status: 'published',
});

const page = (thread: string, ids: string[], etag: string | null = '"tag-1"'): ThreadPage => ({
  thread,
  total: ids.length,
  comments: ids.map((id) => comment(id)),
  nextCursor: null,
  skipped: 0,
  etag,
});

const key = (thread: string, endpoint = ENDPOINT) => keptKey(endpoint, thread, 'oldest');

/** A clock the test moves. */
function clock(start = 1_000_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** What is kept under a key, read as the element reads it, at the clock's time. */
const readAt = (store: MemoryStore, thread: string, now: number, maxAgeMs = MONTH) =>
  keptPageOf(store.data.get(key(thread)), key(thread), maxAgeMs, now);

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

describe('the thread kept on the device', () => {
  // The index of kept ETags lives in the page's localStorage: each test starts without one.
  beforeEach(() => localStorage.removeItem(KEPT_INDEX));

  it('keeps a first page per endpoint, thread and order, and gives it back as it was, with its ETag', async () => {
    const store = new MemoryStore();
    await keepThread(store, key('/t/'), page('/t/', ['a', 'b']), MONTH);
    await keepThread(store, key('/t/', 'https://other.example/api'), page('/t/', ['z'], null), MONTH);
    const back = await readKeptPage(store, key('/t/'), MONTH);
    expect(back!.page).to.deep.equal(page('/t/', ['a', 'b']));
    expect(back!.savedAt).to.be.closeTo(Date.now(), 5000);
    const other = await readKeptPage(store, key('/t/', 'https://other.example/api'), MONTH);
    expect(other!.page.comments.map((c) => c.id)).to.deep.equal(['z']);
    expect(other!.page.etag).to.equal(null);
    expect(await readKeptPage(store, keptKey(ENDPOINT, '/t/', 'newest'), MONTH), 'another order').to.equal(
      null,
    );
    expect(await readKeptPage(store, key('/unknown/'), MONTH)).to.equal(null);
  });

  it('replaces what was kept for a thread', async () => {
    const store = new MemoryStore();
    await keepThread(store, key('/t/'), page('/t/', ['a']), MONTH);
    await keepThread(store, key('/t/'), page('/t/', ['z'], '"tag-2"'), MONTH);
    const back = await readKeptPage(store, key('/t/'), MONTH);
    expect(back!.page.etag).to.equal('"tag-2"');
    expect(back!.page.comments.map((c) => c.id)).to.deep.equal(['z']);
  });

  it('keeps the 50 most recent threads, evicting the oldest', async () => {
    const time = clock();
    const store = new MemoryStore();
    for (let i = 0; i < 53; i++) {
      await keepThread(store, key(`/post-${i}/`), page(`/post-${i}/`, ['a']), MONTH, { now: time.now });
      time.advance(1000);
    }
    for (let i = 0; i < 3; i++) {
      expect(store.data.has(key(`/post-${i}/`)), `post ${i}`).to.equal(false);
      // Out of the index too: the next visit must not revalidate a page that is gone.
      expect(keptTag(key(`/post-${i}/`), MONTH, time.now()), `post ${i} in the index`).to.equal(null);
    }
    expect(keptTag(key('/post-52/'), MONTH, time.now())).to.equal('"tag-1"');
    for (let i = 3; i < 53; i++)
      expect(readAt(store, `/post-${i}/`, time.now()), `post ${i}`).to.not.equal(null);
    const keys = [...store.data.keys()];
    expect(keys.filter((k) => k.startsWith('thread|')).length).to.equal(50);
    expect(keys.filter((k) => k.startsWith('thread-meta|')).length).to.equal(50);
  });

  it('keeps within a size cap, oldest out first, and never keeps one page above the cap', async () => {
    const time = clock();
    const store = new MemoryStore();
    const options = { now: time.now, maxSize: 3000 };
    const big = (thread: string) => ({ ...page(thread, []), comments: [comment('b', 'x'.repeat(1000))] });
    for (const thread of ['/1/', '/2/', '/3/']) {
      await keepThread(store, key(thread), big(thread), MONTH, options);
      time.advance(1000);
    }
    expect(store.data.has(key('/1/'))).to.equal(false);
    expect(keptTag(key('/1/'), MONTH, time.now()), '/1/ in the index').to.equal(null);
    expect(readAt(store, '/2/', time.now())).to.not.equal(null);
    expect(readAt(store, '/3/', time.now())).to.not.equal(null);

    await keepThread(
      store,
      key('/3/'),
      { ...big('/3/'), comments: [comment('h', 'é'.repeat(4000))] },
      MONTH,
      options,
    );
    expect(store.data.has(key('/3/')), 'a page above the cap replaces nothing: the old one goes').to.equal(
      false,
    );
    expect(readAt(store, '/2/', time.now()), 'nothing else lost for it').to.not.equal(null);
    expect(keptTag(key('/3/'), MONTH, time.now()), '/3/ in the index').to.equal(null);
  });

  it('keptTag gives the ETag a page was kept with, only while fresh and well-formed', async () => {
    const time = clock();
    await keepThread(new MemoryStore(), key('/t/'), page('/t/', ['a']), MONTH, { now: time.now });
    expect(keptTag(key('/t/'), MONTH, time.now())).to.equal('"tag-1"');
    expect(keptTag(key('/other/'), MONTH, time.now()), 'another thread').to.equal(null);
    expect(keptTag(key('/t/'), MONTH, time.now() + MONTH + 1), 'expired').to.equal(null);
    expect(keptTag(key('/t/'), MONTH, time.now() - 1), 'saved in the future').to.equal(null);
    // Whatever else the index holds (edited by hand, another version) is never sent as a header.
    localStorage.setItem(KEPT_INDEX, JSON.stringify({ [key('/t/')]: ['"a"\r\nX-Injected: 1', time.now()] }));
    expect(keptTag(key('/t/'), MONTH, time.now()), 'a header injection').to.equal(null);
    localStorage.setItem(KEPT_INDEX, JSON.stringify({ [key('/t/')]: [42, time.now()] }));
    expect(keptTag(key('/t/'), MONTH, time.now()), 'not a string').to.equal(null);
    localStorage.setItem(KEPT_INDEX, '[not json');
    expect(keptTag(key('/t/'), MONTH, time.now()), 'not JSON').to.equal(null);
  });

  it('reads nothing older than the max age, or dated in the future', async () => {
    const time = clock();
    const store = new MemoryStore();
    await keepThread(store, key('/old/'), page('/old/', ['a']), DAY, { now: time.now });
    time.advance(23 * HOUR);
    expect(readAt(store, '/old/', time.now(), DAY)).to.not.equal(null);
    time.advance(2 * HOUR);
    expect(readAt(store, '/old/', time.now(), DAY)).to.equal(null);
    expect(readAt(store, '/old/', time.now() - 26 * HOUR, DAY), 'saved after "now"').to.equal(null);
  });

  it('removes expired threads from the device when it next keeps one', async () => {
    const time = clock();
    const store = new MemoryStore();
    await keepThread(store, key('/forgotten/'), page('/forgotten/', ['a']), DAY, { now: time.now });
    time.advance(25 * HOUR);
    await keepThread(store, key('/today/'), page('/today/', ['a']), DAY, { now: time.now });
    expect([...store.data.keys()].some((k) => k.includes('/forgotten/'))).to.equal(false);
    expect(readAt(store, '/today/', time.now(), DAY)).to.not.equal(null);
  });

  describe('a corrupt or foreign entry is never read', () => {
    const corruptions: Array<[string, (entry: Record<string, any>) => unknown]> = [
      ['not an object', () => 'garbage'],
      ['null', () => null],
      ['an array', () => []],
      ["another thread's page put in its place", (entry) => ({ ...entry, kept: key('/someone-else/') })],
      ["another endpoint's", (entry) => ({ ...entry, kept: key('/t/', 'https://evil.example/api') })],
      ['of a newer layout', (entry) => ({ ...entry, kept: entry.kept.replace('[1,', '[2,') })],
      ['no key', ({ kept: _kept, ...entry }) => entry],
      ['comments not a list', (entry) => ({ ...entry, comments: { 0: entry.comments[0] } })],
      ['a broken comment', (entry) => ({ ...entry, comments: [{ id: 7 }, { nope: 1 }] })],
      ['savedAt not a number', (entry) => ({ ...entry, savedAt: '2026-01-01' })],
      ['savedAt NaN', (entry) => ({ ...entry, savedAt: NaN })],
      ['an ETag of the wrong type', (entry) => ({ ...entry, etag: 42 })],
      [
        'an ETag that is no entity tag (it would break the request)',
        (entry) => ({ ...entry, etag: 'a\r\nX: 1' }),
      ],
    ];
    for (const [name, corrupt] of corruptions) {
      it(name, async () => {
        const store = new MemoryStore();
        await keepThread(store, key('/t/'), page('/t/', ['a']), MONTH);
        store.data.set(key('/t/'), corrupt(store.data.get(key('/t/')) as Record<string, any>));
        expect(await readKeptPage(store, key('/t/'), MONTH)).to.equal(null);
        // Keeping goes on working.
        await keepThread(store, key('/t/'), page('/t/', ['a']), MONTH);
        expect(await readKeptPage(store, key('/t/'), MONTH)).to.not.equal(null);
      });
    }

    it('hostile text inside a kept comment comes back as the text it is, through the model parser', async () => {
      const store = new MemoryStore();
      await keepThread(store, key('/t/'), page('/t/', ['a']), MONTH);
      const entry = store.data.get(key('/t/')) as Record<string, any>;
      entry.comments[0].author = { name: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' };
      const back = await readKeptPage(store, key('/t/'), MONTH);
      expect(back!.page.comments[0]!.author).to.deep.equal({
        name: '<img src=x onerror=alert(1)>',
        url: null,
      });
    });

    it('a corrupt eviction record is cleaned up and does not stop eviction', async () => {
      const time = clock();
      const store = new MemoryStore();
      store.data.set(`thread-meta|${key('/ghost/')}`, { bytes: 'lots' });
      for (const thread of ['/1/', '/2/', '/3/']) {
        await keepThread(store, key(thread), page(thread, ['a']), MONTH, { now: time.now, maxThreads: 2 });
        time.advance(1000);
      }
      expect([...store.data.keys()].some((k) => k.includes('/ghost/'))).to.equal(false);
      expect(store.data.has(key('/1/'))).to.equal(false);
      expect(readAt(store, '/3/', time.now())).to.not.equal(null);
    });
  });

  describe('a failing store', () => {
    it('a store that throws on every call: nothing kept, nothing thrown', async () => {
      const store = new FailingStore();
      await keepThread(store, key('/t/'), page('/t/', ['a']), MONTH);
      expect(await readKeptPage(store, key('/t/'), MONTH)).to.equal(null);
      expect(store.calls).to.be.greaterThan(0);
    });

    it('a full disk: what was kept still reads, a new page is simply not kept', async () => {
      const store = new FullStore();
      store.data.set(key('/old/'), {
        ...page('/old/', ['a']),
        kept: key('/old/'),
        savedAt: Date.now(),
      });
      await keepThread(store, key('/new/'), page('/new/', ['a']), MONTH);
      expect(await readKeptPage(store, key('/new/'), MONTH)).to.equal(null);
      expect((await readKeptPage(store, key('/old/'), MONTH))!.page.comments).to.have.length(1);
    });

    it('a store that never answers: nothing kept is shown, soon', async () => {
      const hanging = new MemoryStore();
      hanging.get = () => new Promise(() => {});
      const started = Date.now();
      expect(await readKeptPage(hanging, key('/t/'), MONTH)).to.equal(null);
      expect(Date.now() - started).to.be.below(3000);
    });

    it('a page that is not JSON (a cycle) is not kept, and nothing throws', async () => {
      const store = new MemoryStore();
      const cyclic = page('/t/', ['a']) as ThreadPage & { self?: unknown };
      cyclic.self = cyclic;
      await keepThread(store, key('/t/'), cyclic, MONTH);
      expect(await readKeptPage(store, key('/t/'), MONTH)).to.equal(null);
    });
  });

  it("without a store of the page's own, the device's: what DeviceStore wrote is read without it", async () => {
    const thread = `/device-${Date.now()}/`;
    await keepThread(null, key(thread), page(thread, ['a', 'b']), MONTH);
    const back = await readKeptPage(null, key(thread), MONTH);
    expect(back!.page.comments.map((c) => c.id)).to.deep.equal(['a', 'b']);
    // The same database and object store as every other DeviceStore of the page.
    const entry = await new DeviceStore().get<{ kept: string }>(key(thread));
    expect(entry!.kept).to.equal(key(thread));
  });
});
