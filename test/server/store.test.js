// @ts-check
// The SQLite store on its own: paging, indexes, idempotency, moderation, deletion.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidCursorError, decodeCursor, encodeCursor } from '../../server/cursor.js';
import { openStore as openStoreAt } from '../../server/store.js';
import { QUERIES, SqliteStore } from '../../server/store/sqlite-store.js';
import { tempDir } from './helpers.js';

/** A store for one test, closed when it ends. */
async function openStore(/** @type {import('node:test').TestContext} */ t) {
  const store = await SqliteStore.open(':memory:');
  t.after(() => store.close());
  return store;
}

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

test('the read path is served from indexes', async (t) => {
  const store = await openStore(t);
  /** @type {Record<keyof typeof QUERIES, unknown[]>} */
  const params = {
    firstPageOldest: ['/t', 51],
    nextPageOldest: ['/t', at(1), 'a', 51],
    firstPageNewest: ['/t', 51],
    nextPageNewest: ['/t', at(1), 'a', 51],
    repliesOfRoots: ['["a","b"]'],
    countPublished: ['/t'],
  };
  for (const [name, sql] of Object.entries(QUERIES)) {
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params[/** @type {keyof typeof QUERIES} */ (name)])
      .map((/** @type {{ detail: string }} */ row) => row.detail)
      .join('\n');
    assert.match(
      plan,
      /SEARCH comments USING (COVERING )?INDEX comments_by_(page|root)/,
      `${name}:\n${plan}`,
    );
    assert.doesNotMatch(plan, /SCAN comments/, `${name}:\n${plan}`);
    if (name.includes('Page')) assert.doesNotMatch(plan, /TEMP B-TREE/, `${name} needs no sort:\n${plan}`);
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

test('a file database is put in WAL mode and keeps its comments across reopening', async (t) => {
  const dir = tempDir(t);
  const first = await SqliteStore.open(join(dir, 'comments.db'));
  assert.equal(first.db.pragma('journal_mode', { simple: true }), 'wal');
  await first.insertComment('/t', { id: 'x', author: { name: 'A' }, body: 'kept' });
  await first.close();
  await first.close();
  const second = await openStoreAt(join(dir, 'comments.db'), { mustExist: true });
  t.after(() => second.close());
  assert.equal((await second.getComment('x'))?.body, 'kept');
  await assert.rejects(openStoreAt(join(dir, 'missing.db'), { mustExist: true }));
});

test('two processes racing on one clientId: the unique index refuses the second row, the loser replays', async (t) => {
  const path = join(tempDir(t), 'race.db');
  const winner = await SqliteStore.open(path);
  const loser = await SqliteStore.open(path);
  t.after(async () => {
    await winner.close();
    await loser.close();
  });
  const submission = {
    clientId: crypto.randomUUID(),
    parentId: null,
    author: { name: 'A', email: null, url: null },
    body: 'once',
  };
  const won = await winner.submitComment('/t', submission, 'pending');
  assert.equal(won.kind, 'created');

  // The loser looked the clientId up just before the winner committed, so its lookup missed.
  const lookup = loser.sql.byClientId;
  let missesLeft = 1;
  loser.sql.byClientId = {
    get: (...params) => (missesLeft-- > 0 ? undefined : lookup.get(...params)),
    all: (...params) => lookup.all(...params),
    run: (...params) => lookup.run(...params),
  };
  const lost = await loser.submitComment('/t', submission, 'pending');
  assert.deepEqual(lost, { kind: 'replayed', comment: won.kind === 'created' ? won.comment : null });
  missesLeft = 1;
  assert.deepEqual(await loser.submitComment('/t', { ...submission, body: 'twice' }, 'pending'), {
    kind: 'conflict',
  });
  assert.equal(await loser.countComments('/t'), 1);
});
