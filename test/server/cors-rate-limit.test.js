// @ts-check
// CORS allow-list and rate limits, over real HTTP.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { getJson, launchTestServer, postJson, startTestServer, submission } from './helpers.js';

const BLOG = 'https://blog.example.org';

describe('CORS', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer({ origins: [BLOG, 'http://localhost:8000'], moderation: 'off' });
  });
  after(() => server.close());

  test('an allowed origin gets Access-Control-Allow-Origin on GET and POST, and can read Retry-After', async () => {
    const read = await getJson(server.commentsUrl(), { origin: BLOG });
    assert.equal(read.headers.get('access-control-allow-origin'), BLOG);
    assert.match(read.headers.get('vary') ?? '', /Origin/);
    assert.match(read.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const written = await postJson(server.commentsUrl(), submission(), { origin: 'http://localhost:8000' });
    assert.equal(written.status, 201);
    assert.equal(written.headers.get('access-control-allow-origin'), 'http://localhost:8000');
  });

  test('an origin not on the list gets no CORS headers (the browser then blocks the answer)', async () => {
    for (const origin of [
      'https://evil.example',
      'http://blog.example.org',
      'https://blog.example.org.evil.example',
      'https://sub.blog.example.org',
      'https://blog.example.org:8443',
      'null',
    ]) {
      const read = await getJson(server.commentsUrl(), { origin });
      assert.equal(read.headers.get('access-control-allow-origin'), null, origin);
      const written = await postJson(server.commentsUrl('/posts/cors-denied'), submission(), { origin });
      assert.equal(written.headers.get('access-control-allow-origin'), null, origin);
    }
  });

  test('preflight: allowed origin gets methods, the Content-Type header and a max age', async () => {
    const response = await fetch(server.commentsUrl(), {
      method: 'OPTIONS',
      headers: {
        origin: BLOG,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), BLOG);
    assert.deepEqual(response.headers.get('access-control-allow-methods')?.split(/,\s*/), [
      'GET',
      'POST',
      'OPTIONS',
    ]);
    assert.equal(response.headers.get('access-control-allow-headers'), 'Content-Type');
    assert.equal(response.headers.get('access-control-max-age'), '600');
  });

  test('preflight: a disallowed origin gets no CORS headers at all', async () => {
    const response = await fetch(server.commentsUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.notEqual(response.status, 204);
    for (const header of [
      'access-control-allow-origin',
      'access-control-allow-methods',
      'access-control-allow-headers',
    ]) {
      assert.equal(response.headers.get(header), null, header);
    }
    await response.body?.cancel();
  });

  test('no origins configured: nobody gets CORS headers', async (t) => {
    const closed = await startTestServer(t);
    const read = await getJson(closed.commentsUrl(), { origin: BLOG });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), null);
  });
});

describe('rate limits', () => {
  test('429 with Retry-After after `max` POSTs in a window; GETs unaffected; CORS headers kept', async (t) => {
    const server = await startTestServer(t, { rateLimit: { max: 2, windowMs: 60_000 }, origins: [BLOG] });
    assert.equal((await postJson(server.commentsUrl(), submission())).status, 202);
    assert.equal((await postJson(server.commentsUrl(), submission())).status, 202);
    const limited = await postJson(server.commentsUrl(), submission(), { origin: BLOG });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After: ${retryAfter}`,
    );
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.equal(limited.body.error.field, null);
    assert.match(limited.body.error.message, /wait \d+ seconds/);
    assert.equal(
      limited.headers.get('access-control-allow-origin'),
      BLOG,
      'the client must be able to read the 429',
    );
    assert.equal(await server.store.countComments('/posts/ninety-days'), 2);
    assert.equal((await getJson(server.commentsUrl())).status, 200);
  });

  test('the window is configurable, and posting works again once it has passed', async (t) => {
    const server = await startTestServer(t, { rateLimit: { max: 1, windowMs: 300 } });
    assert.equal((await postJson(server.commentsUrl(), submission())).status, 202);
    const limited = await postJson(server.commentsUrl(), submission());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    await sleep(350);
    assert.equal((await postJson(server.commentsUrl(), submission())).status, 202);
  });

  test('GETs have their own, larger limit', async (t) => {
    const server = await startTestServer(t, { readRateLimit: { max: 3, windowMs: 60_000 } });
    for (let n = 0; n < 3; n++) assert.equal((await getJson(server.commentsUrl())).status, 200);
    const limited = await getJson(server.commentsUrl());
    assert.equal(limited.status, 429);
    assert.ok(limited.headers.get('retry-after'));
  });
});
