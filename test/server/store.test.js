// @ts-check
// The store on its own, through its interface, on the engine under test (test/server/run.js runs
// this file on both): paging, idempotency, moderation, deletion, seeding, the page cache.
// Engine-specific checks (query plans, journal mode, races) are in store.<engine>.test.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidCursorError, decodeCursor, encodeCursor } from '../../server/cursor.js';
import { newCommentId, openStore as openStoreAt } from '../../server/store.js';
import { openTestStore as openStore, persistentDatabase } from './helpers.js';

const at = (/** @type {number} */ minute) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

test('insertComment stores fields verbatim and returns the public view without email', async (t) => {
  const store = await openStore(t);
  const comment = await store.insertComment('/t', {
    id: 'a',
    author: { name: '<b>Anon</b>', email: 'anon@example.org', url: 'https://example.org' },
    body: '  <i>hi</i>\n',
    createdAt: at(1),
  });
  assert.deepEqual(comment, {
    id: 'a',
    parentId: null,
    author: { name: '<b>Anon</b>', url: 'https://example.org' },
    body: '  <i>hi</i>\n',
    createdAt: at(1),
    status: 'published',
  });
  assert.equal((await store.getComment('a'))?.author.email, 'anon@example.org');
});

test('insertComment refuses a parent from another thread, and bad dates', async (t) => {
  const store = await openStore(t);
  await store.insertComment('/one', { id: 'p', author: { name: 'A' }, body: 'x' });
  await assert.rejects(
    store.insertComment('/two', { parentId: 'p', author: { name: 'B' }, body: 'y' }),
    /not a comment of thread/,
  );
  await assert.rejects(
    store.insertComment('/two', { author: { name: 'B' }, body: 'y', createdAt: 'yesterday' }),
    RangeError,
  );
  assert.equal(await store.countComments('/two'), 0);
});

test('listThread pages top-level comments with all their replies, in both orders', async (t) => {
  const store = await openStore(t);
  // Three top-level comments; two share a timestamp, so the id decides their order.
  await store.insertComment('/t', { id: 'b', author: { name: 'B' }, body: 'b', createdAt: at(1) });
  await store.insertComment('/t', { id: 'a', author: { name: 'A' }, body: 'a', createdAt: at(1) });
  await store.insertComment('/t', { id: 'c', author: { name: 'C' }, body: 'c', createdAt: at(2) });
  await store.insertComment('/t', {
    id: 'a1',
    parentId: 'a',
    author: { name: 'X' },
    body: 'x',
    createdAt: at(5),
  });
  await store.insertComment('/t', {
    id: 'a1i',
    parentId: 'a1',
    author: { name: 'Y' },
    body: 'y',
    createdAt: at(4),
  });
  await store.insertComment('/t', {
    id: 'a2',
    parentId: 'a',
    author: { name: 'Z' },
    body: 'z',
    createdAt: at(3),
  });
  await store.insertComment('/t', {
    id: 'hidden',
    parentId: 'a',
    author: { name: 'P' },
    body: 'p',
    createdAt: at(3),
    status: 'pending',
  });

  const ids = (/** @type {import('../../server/store.js').ThreadPage} */ page) =>
    page.comments.map((c) => c.id);
  const first = await store.listThread('/t', { limit: 2 });
  assert.deepEqual(ids(first), ['a', 'a2', 'a1i', 'a1', 'b']);
  assert.equal(first.total, 6);
  assert.ok(first.nextCursor);
  const second = await store.listThread('/t', { limit: 2, cursor: first.nextCursor });
  assert.deepEqual(ids(second), ['c']);
  assert.equal(second.nextCursor, null);

  const newest = await store.listThread('/t', { limit: 1, sort: 'newest' });
  assert.deepEqual(ids(newest), ['c']);
  const newest2 = await store.listThread('/t', { limit: 1, sort: 'newest', cursor: newest.nextCursor });
  assert.deepEqual(ids(newest2), ['b']);
  const newest3 = await store.listThread('/t', { limit: 1, sort: 'newest', cursor: newest2.nextCursor });
  assert.deepEqual(ids(newest3), ['a', 'a2', 'a1i', 'a1']);
  assert.equal(newest3.nextCursor, null);
});

test('listThread rejects bad limits, sorts and cursors', async (t) => {
  const store = await openStore(t);
  for (const limit of [0, 201, 1.5, NaN]) await assert.rejects(store.listThread('/t', { limit }), RangeError);
  await assert.rejects(store.listThread('/t', { sort: /** @type {any} */ ('random') }), RangeError);
  await assert.rejects(store.listThread('/t', { cursor: 'nonsense' }), InvalidCursorError);
});

test('cursors round-trip and anything else is refused', () => {
  const key = { createdAt: at(7), id: 'x/y"z' };
  assert.deepEqual(decodeCursor(encodeCursor(key)), key);
  const b64 = (/** @type {string} */ text) => Buffer.from(text).toString('base64url');
  for (const bad of [
    '',
    '!!!',
    'abc',
    b64('{}'),
    b64('[1,2]'),
    b64('["2025-01-01","x"]'),
    b64(`["${at(1)}",""]`),
    b64(`["${at(1)}","a","b"]`),
    'A'.repeat(3000),
  ]) {
    assert.throws(() => decodeCursor(bad), InvalidCursorError, bad);
  }
});

test('a 10,000-comment thread pages through every published comment exactly once', async (t) => {
  const store = await openStore(t);
  /** @type {import('../../server/store.js').NewComment[]} */
  const comments = [];
  for (let top = 0; top < 2_000; top++) {
    const id = `t${top}`;
    comments.push({
      id,
      author: { name: 'A' },
      body: 'x',
      createdAt: new Date(Date.UTC(2025, 0, 1) + top * 60_000),
    });
    let parent = id;
    for (let depth = 1; depth <= 4; depth++) {
      const child = `${id}-${depth}`;
      comments.push({
        id: child,
        parentId: parent,
        author: { name: 'B' },
        body: 'y',
        createdAt: new Date(Date.UTC(2025, 1, 1) + top * 60_000 + depth),
      });
      parent = child;
    }
  }
  assert.equal(await store.insertComments('/big', comments), 10_000);
  assert.equal(await store.countPublished('/big'), 10_000);

  const seen = new Set();
  let cursor = null;
  let pages = 0;
  const started = performance.now();
  do {
    const page = await store.listThread('/big', { limit: 200, cursor, sort: 'newest' });
    for (const comment of page.comments) seen.add(comment.id);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null);
  t.diagnostic(`10 pages of a 10,000-comment thread in ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(pages, 10);
  assert.equal(seen.size, 10_000);
});

test('submitComment: created once, replayed by the same request, conflict for another', async (t) => {
  const store = await openStore(t);
  const clientId = crypto.randomUUID();
  const submission = {
    clientId,
    parentId: null,
    author: { name: 'A', email: null, url: null },
    body: 'hello',
  };
  const created = await store.submitComment('/t', submission, 'pending');
  assert.equal(created.kind, 'created');
  const replayed = await store.submitComment('/t', submission, 'pending');
  assert.deepEqual(replayed, {
    kind: 'replayed',
    comment: created.kind === 'created' ? created.comment : null,
  });
  assert.deepEqual(await store.submitComment('/t', { ...submission, body: 'hello!' }, 'pending'), {
    kind: 'conflict',
  });
  assert.deepEqual(
    await store.submitComment(
      '/t',
      { ...submission, clientId: crypto.randomUUID(), parentId: 'nope' },
      'pending',
    ),
    {
      kind: 'unknown_parent',
    },
  );
  assert.equal(await store.countComments('/t'), 1);
  assert.equal(await store.countComments('/t', clientId), 1);
});

test('a rejected comment replays as pending: its author is not told, and it stays hidden', async (t) => {
  const store = await openStore(t);
  const submission = {
    clientId: crypto.randomUUID(),
    parentId: null,
    author: { name: 'A', email: null, url: null },
    body: 'spam',
  };
  const created = await store.submitComment('/t', submission, 'pending');
  assert.equal(created.kind, 'created');
  await store.setStatus(created.kind === 'created' ? created.comment.id : '', 'rejected');
  const replayed = await store.submitComment('/t', submission, 'pending');
  assert.equal(replayed.kind === 'replayed' && replayed.comment.status, 'pending');
  assert.equal((await store.listThread('/t')).comments.length, 0);
});

test('deleteComment removes the whole subtree, even a 1,000-deep chain', async (t) => {
  const store = await openStore(t);
  await store.insertComment('/t', { id: 'keep', author: { name: 'K' }, body: 'k' });
  await store.insertComment('/t', { id: 'c0', author: { name: 'A' }, body: 'x' });
  for (let depth = 1; depth <= 1_000; depth++) {
    await store.insertComment('/t', {
      id: `c${depth}`,
      parentId: `c${depth - 1}`,
      author: { name: 'A' },
      body: 'x',
    });
  }
  assert.equal(await store.deleteComment('c500'), 501);
  assert.equal(await store.countComments('/t'), 501);
  assert.equal(await store.deleteComment('c0'), 500);
  assert.deepEqual(
    (await store.listThread('/t')).comments.map((c) => c.id),
    ['keep'],
  );
  assert.equal(await store.deleteComment('c0'), 0);
});

test('setStatus and listForModeration', async (t) => {
  const store = await openStore(t);
  await store.insertComment('/a', {
    id: 'p1',
    author: { name: 'A', email: 'a@example.org' },
    body: 'x',
    status: 'pending',
    createdAt: at(2),
  });
  await store.insertComment('/b', {
    id: 'p2',
    author: { name: 'B' },
    body: 'y',
    status: 'pending',
    createdAt: at(1),
  });
  assert.deepEqual(
    (await store.listForModeration()).map((c) => c.id),
    ['p2', 'p1'],
  );
  assert.deepEqual(
    (await store.listForModeration({ thread: '/a' })).map((c) => c.author.email),
    ['a@example.org'],
  );
  assert.equal((await store.setStatus('p1', 'published'))?.status, 'published');
  assert.equal(await store.setStatus('nope', 'published'), null);
  assert.deepEqual(
    (await store.listForModeration({ status: 'published' })).map((c) => c.id),
    ['p1'],
  );
});

test('seedThread inserts only into an empty thread', async (t) => {
  const store = await openStore(t);
  const comments = [
    { id: 's1', author: { name: 'A' }, body: 'x' },
    { id: 's2', parentId: 's1', author: { name: 'B' }, body: 'y' },
  ];
  assert.equal(await store.seedThread('/t', comments), 2);
  assert.equal(await store.seedThread('/t', comments), 0);
  assert.equal(await store.countComments('/t'), 2);
});

test('hitRateLimit counts hits per key in fixed windows, and a new window starts after the last one ended', async (t) => {
  const store = await openStore(t);
  const first = await store.hitRateLimit('post:203.0.113.7', 400);
  assert.equal(first.current, 1);
  assert.ok(first.ttl > 0 && first.ttl <= 400, `ttl ${first.ttl}`);
  assert.equal((await store.hitRateLimit('post:203.0.113.7', 400)).current, 2);
  const third = await store.hitRateLimit('post:203.0.113.7', 400);
  assert.equal(third.current, 3);
  assert.ok(third.ttl <= first.ttl, 'the window does not move with each hit');
  assert.equal((await store.hitRateLimit('post:198.51.100.1', 400)).current, 1, 'another client');
  assert.equal((await store.hitRateLimit('read:203.0.113.7', 400)).current, 1, 'another scope');
  await new Promise((resolve) => setTimeout(resolve, first.ttl + 50));
  const fresh = await store.hitRateLimit('post:203.0.113.7', 400);
  assert.equal(fresh.current, 1);
  assert.ok(fresh.ttl > 300, `a whole new window, ttl ${fresh.ttl}`);
});

test('hitRateLimit: concurrent hits are all counted, none lost', async (t) => {
  const store = await openStore(t);
  const hits = await Promise.all(Array.from({ length: 25 }, () => store.hitRateLimit('post:x', 60_000)));
  assert.deepEqual(
    hits.map((hit) => hit.current).sort((a, b) => a - b),
    Array.from({ length: 25 }, (_, i) => i + 1),
  );
});

test('the page cache answers repeated reads, and any change to the thread is seen at the next read', async (t) => {
  const store = await openStore(t);
  await store.insertComment('/t', { id: 'a', author: { name: 'A' }, body: 'first', createdAt: at(1) });
  const first = await store.listThread('/t');
  assert.equal(await store.listThread('/t'), first, 'the same page object: served from the cache');
  const ids = async () => (await store.listThread('/t')).comments.map((c) => `${c.id}:${c.status}`);

  await store.insertComment('/t', { id: 'b', author: { name: 'B' }, body: 'second', createdAt: at(2) });
  assert.deepEqual(await ids(), ['a:published', 'b:published']);
  const submitted = await store.submitComment(
    '/t',
    {
      clientId: crypto.randomUUID(),
      parentId: 'a',
      author: { name: 'C', email: null, url: null },
      body: 'reply',
    },
    'published',
  );
  assert.equal(submitted.kind, 'created');
  const replyId = submitted.kind === 'created' ? submitted.comment.id : '';
  assert.deepEqual(await ids(), ['a:published', `${replyId}:published`, 'b:published']);
  await store.setStatus('b', 'rejected');
  assert.deepEqual(await ids(), ['a:published', `${replyId}:published`]);
  await store.deleteComment('a');
  assert.deepEqual(await ids(), []);
  await store.seedThread('/other', [{ id: 'o', author: { name: 'O' }, body: 'o' }]);
  assert.deepEqual(await ids(), [], 'another thread changing leaves this one as it was');
  assert.equal((await store.listThread('/other')).total, 1);
});

test('a change made through another store on the same database (an instance, the CLI) is seen at the next read', async (t) => {
  const location = await persistentDatabase(t);
  const reader = await openStoreAt(location);
  t.after(() => reader.close());
  const writer = await openStoreAt(location);
  t.after(() => writer.close());
  await writer.insertComment('/t', { id: 'a', author: { name: 'A' }, body: 'first', createdAt: at(1) });
  const page = await reader.listThread('/t');
  assert.equal(await reader.listThread('/t'), page, 'cached');
  await writer.insertComment('/t', { id: 'b', author: { name: 'B' }, body: 'second', createdAt: at(2) });
  assert.deepEqual(
    (await reader.listThread('/t')).comments.map((c) => c.id),
    ['a', 'b'],
  );
  await writer.setStatus('a', 'pending');
  assert.deepEqual(
    (await reader.listThread('/t')).comments.map((c) => c.id),
    ['b'],
  );
});

test('comment ids are 16 URL-safe characters and never start with "-" (the CLI would read one as an option)', () => {
  const ids = Array.from({ length: 5000 }, () => newCommentId());
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{15}$/);
  assert.equal(new Set(ids).size, ids.length);
});
