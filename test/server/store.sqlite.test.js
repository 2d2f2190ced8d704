// @ts-check
// The SQLite store only: its read path uses indexes, a file is in WAL mode, and two processes
// racing on one clientId. (Everything both engines share is in store.test.js.)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../server/store.js';
import { QUERIES, SqliteStore } from '../../server/store/sqlite-store.js';
import { tempDir } from './helpers.js';

const at = (/** @type {number} */ minute) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

test('the read path is served from indexes', async (t) => {
  const store = await SqliteStore.open(':memory:');
  t.after(() => store.close());
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

test('a file database is put in WAL mode and keeps its comments across reopening', async (t) => {
  const dir = tempDir(t);
  const first = await SqliteStore.open(join(dir, 'comments.db'));
  assert.equal(first.db.pragma('journal_mode', { simple: true }), 'wal');
  await first.insertComment('/t', { id: 'x', author: { name: 'A' }, body: 'kept' });
  await first.close();
  await first.close();
  const second = await openStore(join(dir, 'comments.db'), { mustExist: true });
  t.after(() => second.close());
  assert.equal((await second.getComment('x'))?.body, 'kept');
  await assert.rejects(openStore(join(dir, 'missing.db'), { mustExist: true }));
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
