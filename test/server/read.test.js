// @ts-check
// GET /api/threads/:thread/comments over HTTP, /api/health, and 404s.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from '../../server/app.js';
import { THREAD, freshDatabase, getJson, launchTestServer, postJson, submission } from './helpers.js';

const at = (/** @type {number} */ minute) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

describe('GET a thread', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer();
    const { store } = server;
    const author = (/** @type {string} */ name) => ({
      name,
      email: `${name.toLowerCase()}@example.org`,
      url: null,
    });
    // Five top-level comments t1..t5, each with a small reply tree, plus things that must not show.
    for (let n = 1; n <= 5; n++) {
      await store.insertComment(THREAD, {
        id: `t${n}`,
        author: author(`Top${n}`),
        body: `top ${n}`,
        createdAt: at(n * 10),
      });
      await store.insertComment(THREAD, {
        id: `t${n}r2`,
        parentId: `t${n}`,
        author: author('Late'),
        body: 'later reply',
        createdAt: at(n * 10 + 5),
      });
      await store.insertComment(THREAD, {
        id: `t${n}r1`,
        parentId: `t${n}`,
        author: author('Early'),
        body: 'first reply',
        createdAt: at(n * 10 + 1),
      });
      await store.insertComment(THREAD, {
        id: `t${n}r1a`,
        parentId: `t${n}r1`,
        author: author('Deep'),
        body: 'deep reply',
        createdAt: at(n * 10 + 2),
      });
    }
    await store.insertComment(THREAD, {
      id: 'pending-top',
      author: author('P'),
      body: 'waiting',
      createdAt: at(3),
      status: 'pending',
    });
    await store.insertComment(THREAD, {
      id: 'pending-reply',
      parentId: 't1',
      author: author('P'),
      body: 'waiting',
      createdAt: at(12),
      status: 'pending',
    });
    await store.insertComment(THREAD, {
      id: 'rejected-top',
      author: author('R'),
      body: 'spam',
      createdAt: at(4),
      status: 'rejected',
    });
    await store.insertComment('/posts/another', {
      id: 'other',
      author: author('O'),
      body: 'elsewhere',
      createdAt: at(1),
    });
  });
  after(() => server.close());

  /**
   * Fetches every page and returns the ids of each page.
   * @param {string} query
   */
  async function allPages(query) {
    /** @type {string[][]} */
    const pages = [];
    let cursor = null;
    do {
      const url = `${server.commentsUrl()}?${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const { status, body } = await getJson(url);
      assert.equal(status, 200);
      assert.equal(body.thread, THREAD);
      assert.equal(body.total, 20);
      pages.push(body.comments.map((/** @type {{ id: string }} */ c) => c.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    return pages;
  }

  const tree = (/** @type {number} */ n) => [`t${n}`, `t${n}r1`, `t${n}r1a`, `t${n}r2`];

  test('200 oldest first: pages of `limit` top-level comments, each followed by all its replies', async () => {
    assert.deepEqual(await allPages('limit=2'), [
      [...tree(1), ...tree(2)],
      [...tree(3), ...tree(4)],
      tree(5),
    ]);
  });

  test('200 newest first: top-level comments newest first, replies still oldest first', async () => {
    assert.deepEqual(await allPages('limit=2&sort=newest'), [
      [...tree(5), ...tree(4)],
      [...tree(3), ...tree(2)],
      tree(1),
    ]);
  });

  test('200 with defaults: one page of everything, nextCursor null', async () => {
    const { status, body, headers } = await getJson(server.commentsUrl());
    assert.equal(status, 200);
    assert.equal(body.comments.length, 20);
    assert.equal(body.nextCursor, null);
    assert.equal(headers.get('cache-control'), 'public, max-age=0, s-maxage=10');
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    const first = body.comments[0];
    assert.deepEqual(first, {
      id: 't1',
      parentId: null,
      author: { name: 'Top1', url: null },
      body: 'top 1',
      createdAt: at(10),
      status: 'published',
    });
  });

  test('only published comments are shown, and no email anywhere', async () => {
    const { body } = await getJson(server.commentsUrl());
    const ids = body.comments.map((/** @type {{ id: string }} */ c) => c.id);
    for (const hidden of ['pending-top', 'pending-reply', 'rejected-top', 'other'])
      assert.ok(!ids.includes(hidden), hidden);
    const text = JSON.stringify(body);
    assert.doesNotMatch(text, /@example\.org/);
    assert.doesNotMatch(text, /"email"/);
  });

  test('an empty thread is 200 with no comments', async () => {
    const { status, body } = await getJson(server.commentsUrl('/posts/nobody-here'));
    assert.equal(status, 200);
    assert.deepEqual(body, { thread: '/posts/nobody-here', total: 0, comments: [], nextCursor: null });
  });

  test('400 for a bad limit', async () => {
    for (const limit of ['0', '201', '-1', 'ten', '1.5', '01', '', '1e2']) {
      const { status, body } = await getJson(`${server.commentsUrl()}?limit=${limit}`);
      assert.equal(status, 400, `limit=${limit}`);
      assert.deepEqual([body.error.code, body.error.field], ['invalid_limit', 'limit']);
    }
    const twice = await getJson(`${server.commentsUrl()}?limit=1&limit=2`);
    assert.equal(twice.status, 400);
    const largest = await getJson(`${server.commentsUrl()}?limit=200`);
    assert.equal(largest.status, 200);
  });

  test('400 for a malformed cursor and for an unknown sort', async () => {
    const forged = Buffer.from('{"createdAt":"x"}').toString('base64url');
    for (const cursor of ['garbage!', 'abc', forged, 'x'.repeat(3000)]) {
      const { status, body } = await getJson(`${server.commentsUrl()}?cursor=${cursor}`);
      assert.equal(status, 400, cursor);
      assert.deepEqual([body.error.code, body.error.field], ['invalid_cursor', 'cursor']);
      assert.match(body.error.message, /cursor/);
    }
    const sort = await getJson(`${server.commentsUrl()}?sort=random`);
    assert.equal(sort.status, 400);
    assert.deepEqual([sort.body.error.code, sort.body.error.field], ['invalid_sort', 'sort']);
  });
});

describe('thread ids', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer({ moderation: 'off' });
  });
  after(() => server.close());

  test('a thread id with slashes and other URL characters round-trips as one path segment', async () => {
    const threads = [
      '/posts/ninety-days',
      '/posts/ninety-days/',
      '/a b/ç/✓/?q=1&x=%2F#frag',
      '%2F',
      "../../etc/passwd'",
      '/\u{1F331}',
    ];
    for (const thread of threads) {
      const posted = await postJson(server.commentsUrl(thread), submission());
      assert.equal(posted.status, 201, thread);
      const { body } = await getJson(server.commentsUrl(thread));
      assert.equal(body.thread, thread);
      assert.deepEqual(
        body.comments.map((/** @type {{ id: string }} */ c) => c.id),
        [posted.body.id],
        thread,
      );
      assert.equal(await server.store.countComments(thread), 1, thread);
    }
    // The raw encoded form really is what goes over the wire.
    assert.match(server.commentsUrl('/posts/ninety-days'), /\/threads\/%2Fposts%2Fninety-days\/comments$/);
  });
});

describe('health and unknown addresses', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer();
  });
  after(() => server.close());

  test('GET /api/health is 200 {"ok":true}', async () => {
    const { status, body } = await getJson(`${server.endpoint}/health`);
    assert.equal(status, 200);
    assert.deepEqual(body, { ok: true });
  });

  test('404 in the API error format, inside and outside /api', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api/threads/x'],
      ['PUT', '/api/threads/x/comments'],
      ['DELETE', '/api/threads/x/comments'],
      ['GET', '/index.html'],
    ]) {
      const response = await fetch(`${server.url}${path}`, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      // Outside /api the answer also names the API's address (an `endpoint` without /api).
      const message = path.startsWith('/api/')
        ? 'There is nothing at this address.'
        : `There is nothing at this address. The comments API of this server is at ${server.url}/api (the element's endpoint).`;
      assert.deepEqual(await response.json(), { error: { code: 'not_found', message, field: null } });
    }
  });
});

test('500 in the error format, without internals, when the database fails', async (t) => {
  const { app, store } = await createServer({ db: await freshDatabase() });
  t.after(() => app.close());
  await store.close();
  for (const request of [
    { method: /** @type {const} */ ('GET'), url: '/api/threads/x/comments' },
    { method: /** @type {const} */ ('POST'), url: '/api/threads/x/comments', payload: submission() },
  ]) {
    const response = await app.inject(request);
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), {
      error: {
        code: 'internal_error',
        message: 'Something went wrong on the server. Please try again in a moment.',
        field: null,
      },
    });
  }
});
