// @ts-check
// GET /counts?thread=A&thread=B: published comments per thread, and clear refusals.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CACHE_CONTROL } from '../../server/http-cache.js';
import { getJson, startTestServer } from './helpers.js';

const author = { name: 'Anon', email: 'anon@example.org' };

/** The /counts URL for some threads. */
const countsUrl = (/** @type {string} */ endpoint, /** @type {string[]} */ threads) =>
  `${endpoint}/counts?${new URLSearchParams(threads.map((thread) => /** @type {[string, string]} */ (['thread', thread])))}`;

describe('GET /counts', () => {
  test('counts published comments and replies only, 0 for unknown threads', async (t) => {
    const server = await startTestServer(t);
    const { store } = server;
    await store.insertComment('/a', { id: 'a1', author, body: 'one' });
    await store.insertComment('/a', { id: 'a2', parentId: 'a1', author, body: 'reply' });
    await store.insertComment('/a', { id: 'a3', author, body: 'waiting', status: 'pending' });
    await store.insertComment('/a', { id: 'a4', author, body: 'spam', status: 'rejected' });
    await store.insertComment('/b', { id: 'b1', author, body: 'two' });
    const { status, body, headers } = await getJson(countsUrl(server.endpoint, ['/a', '/b', '/none']));
    assert.equal(status, 200);
    assert.deepEqual(body, { counts: { '/a': 2, '/b': 1, '/none': 0 } });
    assert.equal(headers.get('cache-control'), CACHE_CONTROL.counts);
    assert.ok(headers.get('etag'));
  });

  test('one thread, repeated threads, and thread ids that are Object property names', async (t) => {
    const server = await startTestServer(t);
    await server.store.insertComment('constructor', { author, body: 'hello' });
    const one = await getJson(countsUrl(server.endpoint, ['constructor']));
    assert.deepEqual(one.body, { counts: { constructor: 1 } });
    const names = ['__proto__', 'toString', 'hasOwnProperty', '__proto__'];
    const many = await getJson(countsUrl(server.endpoint, names));
    assert.equal(many.status, 200);
    assert.deepEqual(Object.entries(many.body.counts), [
      ['__proto__', 0],
      ['toString', 0],
      ['hasOwnProperty', 0],
    ]);
  });

  test('100 threads are answered; 101 are refused with a clear message', async (t) => {
    const server = await startTestServer(t);
    const threads = Array.from({ length: 101 }, (_, i) => `/posts/${i}`);
    const hundred = await getJson(countsUrl(server.endpoint, threads.slice(0, 100)));
    assert.equal(hundred.status, 200);
    assert.equal(Object.keys(hundred.body.counts).length, 100);
    const over = await getJson(countsUrl(server.endpoint, threads));
    assert.equal(over.status, 400);
    assert.equal(over.body.error.code, 'too_many_threads');
    assert.match(over.body.error.message, /At most 100 threads/);
  });

  test('10,000 threads get a 4xx, not an answer', async (t) => {
    const server = await startTestServer(t);
    const threads = Array.from({ length: 10_000 }, (_, i) => `t${i}`);
    const response = await fetch(countsUrl(server.endpoint, threads));
    // Node refuses a request line this long itself (431), before the server reads it.
    assert.equal(response.status, 431);
    const thousand = await getJson(countsUrl(server.endpoint, threads.slice(0, 1000)));
    assert.equal(thousand.status, 400);
    assert.equal(thousand.body.error.code, 'too_many_threads');
  });

  test('no thread, an empty id, an over-long id or a bracketed name are clear 400s', async (t) => {
    const server = await startTestServer(t);
    const cases = [
      [`${server.endpoint}/counts`, 'threads_required'],
      [`${server.endpoint}/counts?thread[]=a`, 'threads_required'],
      [`${server.endpoint}/counts?thread=`, 'invalid_thread'],
      [countsUrl(server.endpoint, ['ok', 'x'.repeat(513)]), 'invalid_thread'],
    ];
    for (const [url, code] of cases) {
      const { status, body, headers } = await getJson(url);
      assert.equal(status, 400, url);
      assert.equal(body.error.code, code, url);
      assert.equal(body.error.field, 'thread');
      assert.ok(body.error.message.length > 10);
      assert.equal(headers.get('cache-control'), 'no-store');
    }
  });

  test('hostile ids are counted as the strings they are, and never echo markup unescaped', async (t) => {
    const server = await startTestServer(t);
    const hostile = [
      '<script>alert(1)</script>',
      '../../etc/passwd',
      "'; DROP TABLE comments; --",
      '\u0000\u202e',
    ];
    await server.store.insertComment(hostile[2], { author, body: 'still here' });
    const response = await fetch(countsUrl(server.endpoint, hostile));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = /** @type {any} */ (await response.json());
    assert.deepEqual(Object.keys(body.counts), hostile);
    assert.equal(body.counts[hostile[2]], 1);
  });
});
