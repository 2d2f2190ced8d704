// @ts-check
// Seeding from a JSON file, and serving static files.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServer } from '../../server/app.js';
import { SeedError, parseSeed, parseSeedTime, readSeedFile } from '../../server/seed.js';
import { freshDatabase, getJson, persistentDatabase, readJson, startTestServer, tempDir } from './helpers.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const HOUR = 3_600_000;

test('seed times: relative to now, "now", or ISO dates', () => {
  assert.equal(parseSeedTime('-3d', NOW)?.getTime(), NOW - 72 * HOUR);
  assert.equal(parseSeedTime('-5h', NOW)?.getTime(), NOW - 5 * HOUR);
  assert.equal(parseSeedTime('-40m', NOW)?.getTime(), NOW - 40 * 60_000);
  assert.equal(parseSeedTime('-30s', NOW)?.getTime(), NOW - 30_000);
  assert.equal(parseSeedTime('-2w', NOW)?.getTime(), NOW - 14 * 24 * HOUR);
  assert.equal(parseSeedTime('now', NOW)?.getTime(), NOW);
  assert.equal(parseSeedTime('2024-02-29T10:00:00Z', NOW)?.toISOString(), '2024-02-29T10:00:00.000Z');
  for (const bad of ['3d', '-3y', '-d', '+3d', 'March 3', '2024-02-30T10:00:00Z', '', '2024']) {
    assert.equal(parseSeedTime(bad, NOW), null, bad);
  }
});

test('parseSeed puts parents before replies and fills defaults', () => {
  const seed = parseSeed(
    {
      threads: {
        '/t': [
          { id: 'r', parentId: 'p', author: { name: 'B' }, body: 'reply', createdAt: '-1h' },
          {
            id: 'p',
            author: { name: 'A', email: 'a@example.org', url: 'https://a.example' },
            body: 'top',
            createdAt: '-2h',
          },
        ],
      },
    },
    NOW,
  );
  const comments = seed.get('/t') ?? [];
  assert.deepEqual(
    comments.map((c) => c.id),
    ['p', 'r'],
  );
  assert.deepEqual(comments[0], {
    id: 'p',
    parentId: null,
    author: { name: 'A', email: 'a@example.org', url: 'https://a.example' },
    body: 'top',
    createdAt: new Date(NOW - 2 * HOUR),
    status: 'published',
  });
});

test('parseSeed explains what is wrong, and where', () => {
  const one = (/** @type {Record<string, unknown>} */ comment) => ({
    threads: { '/t': [{ id: 'a', author: { name: 'A' }, body: 'x', ...comment }] },
  });
  const cases = [
    [[], /"threads" object/],
    [{ threads: [] }, /"threads" object/],
    [{ threads: { '/t': {} } }, /threads\["\/t"\] must be an array/],
    [one({ id: '' }), /\[0\]\.id/],
    [one({ author: {} }), /author\.name/],
    [one({ body: '  ' }), /\.body/],
    [one({ createdAt: 'yesterday' }), /createdAt/],
    [one({ status: 'spam' }), /status/],
    [one({ author: { name: 'A', url: 'javascript:alert(1)' } }), /author\.url/],
    [one({ parentId: 'ghost' }), /replies to "ghost"/],
    [
      {
        threads: {
          '/t': [
            { id: 'a', author: { name: 'A' }, body: 'x' },
            { id: 'a', author: { name: 'B' }, body: 'y' },
          ],
        },
      },
      /used twice/,
    ],
    [
      {
        threads: {
          '/t': [
            { id: 'a', parentId: 'b', author: { name: 'A' }, body: 'x' },
            { id: 'b', parentId: 'a', author: { name: 'B' }, body: 'y' },
          ],
        },
      },
      /cycle/,
    ],
  ];
  for (const [data, message] of cases) {
    assert.throws(
      () => parseSeed(data, NOW),
      (error) => error instanceof SeedError && /** @type {RegExp} */ (message).test(error.message),
      String(message),
    );
  }
});

test('readSeedFile names the file in its errors', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'seed.json');
  writeFileSync(path, '{ not json');
  assert.throws(
    () => readSeedFile(path),
    (error) => error instanceof SeedError && error.message.includes(path),
  );
  assert.throws(() => readSeedFile(join(dir, 'missing.json')), SeedError);
});

test('seeding a file database happens once: restarts do not duplicate, new seed threads are added', async (t) => {
  const dir = tempDir(t);
  const db = await persistentDatabase(t);
  const seedFile = join(dir, 'seed.json');
  const thread = '/posts/first-ninety-days/';
  const seedComments = [
    {
      id: 'c1',
      parentId: null,
      author: { name: 'Quiet Harbor', email: 'qh@example.org', url: null },
      body: 'Day 23.',
      createdAt: '-3d',
      status: 'published',
    },
    {
      id: 'c2',
      parentId: 'c1',
      author: { name: 'Rowan', email: null, url: 'https://example.org/' },
      body: 'Keep going.',
      createdAt: '-5h',
      status: 'published',
    },
    {
      id: 'c3',
      parentId: null,
      author: { name: 'T.' },
      body: 'Day 2.',
      createdAt: '-40m',
      status: 'pending',
    },
  ];
  writeFileSync(seedFile, JSON.stringify({ threads: { [thread]: seedComments } }));

  const started = Date.now();
  const first = await startTestServer(t, { db, seedFile });
  const page = await getJson(first.commentsUrl(thread));
  assert.deepEqual(
    page.body.comments.map((/** @type {{ id: string }} */ c) => c.id),
    ['c1', 'c2'],
  );
  assert.equal(page.body.total, 2);
  const c1Time = Date.parse(page.body.comments[0].createdAt);
  assert.ok(Math.abs(c1Time - (started - 72 * HOUR)) < 60_000, 'relative to now');
  assert.doesNotMatch(JSON.stringify(page.body), /qh@example\.org/);
  await first.store.insertComment(thread, { id: 'live', author: { name: 'Reader' }, body: 'A new comment.' });
  await first.close();

  writeFileSync(
    seedFile,
    JSON.stringify({
      threads: {
        [thread]: seedComments,
        '/posts/new': [{ id: 'n1', author: { name: 'N' }, body: 'New.', createdAt: '-1d' }],
      },
    }),
  );
  const second = await startTestServer(t, { db, seedFile });
  assert.equal(
    await second.store.countComments(thread),
    4,
    'the three seeded comments and the live one, once each',
  );
  assert.equal(await second.store.countComments('/posts/new'), 1);
  await second.close();

  const { app, store } = await createServer({ db, seedFile });
  assert.equal(await store.countComments(thread), 4);
  await app.close();
});

test('a bad seed file stops the server from starting', async (t) => {
  const dir = tempDir(t);
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ threads: { '/t': [{ id: 'a', author: {}, body: 'x' }] } }));
  await assert.rejects(createServer({ db: await freshDatabase(), seedFile }), SeedError);
});

test('static files: the first directory that has a file wins, / serves index.html, API still works', async (t) => {
  const dir = tempDir(t);
  const first = join(dir, 'first');
  const second = join(dir, 'second');
  mkdirSync(first);
  mkdirSync(second);
  writeFileSync(join(dir, 'secret.txt'), 'outside the roots');
  writeFileSync(join(first, 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(first, 'shared.txt'), 'from first');
  writeFileSync(join(second, 'shared.txt'), 'from second');
  writeFileSync(join(second, 'bundle.js'), 'export {}');

  const server = await startTestServer(t, {
    staticDirs: [first, second],
    origins: ['https://blog.example.org'],
  });
  const index = await fetch(`${server.url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(await index.text(), '<!doctype html><title>demo</title>');
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('x-frame-options'), 'SAMEORIGIN');
  assert.ok(index.headers.get('referrer-policy'));

  assert.equal(await (await fetch(`${server.url}/shared.txt`)).text(), 'from first');
  const bundle = await fetch(`${server.url}/bundle.js`, { headers: { origin: 'https://blog.example.org' } });
  assert.equal(bundle.status, 200);
  assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  assert.equal(
    bundle.headers.get('access-control-allow-origin'),
    'https://blog.example.org',
    'module scripts load with CORS',
  );
  assert.equal(await bundle.text(), 'export {}');

  for (const path of ['/missing.html', '/../secret.txt', '/%2e%2e/secret.txt']) {
    const response = await fetch(`${server.url}${path}`);
    assert.equal(response.status, 404, path);
    assert.equal((await readJson(response)).error.code, 'not_found');
  }
  assert.equal((await getJson(`${server.endpoint}/health`)).status, 200);
});
