// @ts-check
// HTTP caching of thread pages: ETag, 304 on If-None-Match, Cache-Control, and a new tag on
// every change a reader could see.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CACHE_CONTROL, entityTag, ifNoneMatchHits } from '../../server/http-cache.js';
import { THREAD, getJson, postJson, startTestServer, submission } from './helpers.js';

/** GETs the thread's first page and returns status, ETag, Cache-Control and body text. */
async function page(/** @type {string} */ url, /** @type {Record<string, string>} */ headers = {}) {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    text: await response.text(),
  };
}

describe('ifNoneMatchHits (RFC 9110 weak comparison)', () => {
  const tag = '"abc"';
  test('matches the tag itself, weakened either way, in a list, and *', () => {
    assert.equal(ifNoneMatchHits('"abc"', tag), true);
    assert.equal(ifNoneMatchHits('W/"abc"', tag), true);
    assert.equal(ifNoneMatchHits('"x", W/"abc" , "y"', tag), true);
    assert.equal(ifNoneMatchHits('*', tag), true);
  });
  test('does not match another tag, a missing header, or a prefix of the tag', () => {
    assert.equal(ifNoneMatchHits(undefined, tag), false);
    assert.equal(ifNoneMatchHits('"abd"', tag), false);
    assert.equal(ifNoneMatchHits('"ab"', tag), false);
    assert.equal(ifNoneMatchHits('abc', tag), false);
    assert.equal(ifNoneMatchHits('', tag), false);
  });
  test('entityTag differs for different bytes and is a quoted string', () => {
    assert.match(entityTag('a'), /^"[\w-]+"$/);
    assert.notEqual(entityTag('a'), entityTag('b'));
    assert.equal(entityTag(Buffer.from('a')), entityTag('a'));
  });
});

describe('GET a thread page with caching', () => {
  test('carries an ETag and the page Cache-Control; If-None-Match with it gives an empty 304', async (t) => {
    const server = await startTestServer(t, { moderation: 'off' });
    await postJson(server.commentsUrl(), submission());
    const first = await page(server.commentsUrl());
    assert.equal(first.status, 200);
    assert.ok(first.etag, 'an ETag');
    assert.equal(first.cacheControl, CACHE_CONTROL.page);

    const again = await page(server.commentsUrl(), { 'if-none-match': /** @type {string} */ (first.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.etag, first.etag);
    assert.equal(again.cacheControl, CACHE_CONTROL.page);

    const weak = await page(server.commentsUrl(), { 'if-none-match': `W/${first.etag}` });
    assert.equal(weak.status, 304, 'a tag weakened by a CDN still matches');
    const other = await page(server.commentsUrl(), { 'if-none-match': '"not-the-tag"' });
    assert.equal(other.status, 200);
    assert.equal(other.text, first.text);
  });

  test('a new comment changes the ETag, and the old tag then gets the new page', async (t) => {
    const server = await startTestServer(t, { moderation: 'off' });
    await postJson(server.commentsUrl(), submission());
    const before = await page(server.commentsUrl());
    await postJson(server.commentsUrl(), submission({ body: 'A second comment.' }));
    const after = await page(server.commentsUrl(), { 'if-none-match': /** @type {string} */ (before.etag) });
    assert.equal(after.status, 200);
    assert.notEqual(after.etag, before.etag);
    assert.match(after.text, /A second comment/);
  });

  test('a moderator publishing, rejecting or deleting a comment changes the ETag', async (t) => {
    const server = await startTestServer(t);
    const posted = await postJson(server.commentsUrl(), submission());
    assert.equal(posted.status, 202);
    const tags = [(await page(server.commentsUrl())).etag];
    await server.store.setStatus(posted.body.id, 'published');
    tags.push((await page(server.commentsUrl())).etag);
    await server.store.setStatus(posted.body.id, 'rejected');
    tags.push((await page(server.commentsUrl())).etag);
    await server.store.setStatus(posted.body.id, 'published');
    await server.store.deleteComment(posted.body.id);
    tags.push((await page(server.commentsUrl())).etag);
    assert.notEqual(tags[1], tags[0], 'published');
    assert.notEqual(tags[2], tags[1], 'rejected');
    assert.equal(tags[2], tags[0], 'rejected: the page is what it was before');
    assert.notEqual(tags[3], tags[1], 'deleted');
  });

  test('a pending comment changes nothing readers see, so the tag stays', async (t) => {
    const server = await startTestServer(t);
    const before = await page(server.commentsUrl());
    await postJson(server.commentsUrl(), submission());
    const after = await page(server.commentsUrl(), { 'if-none-match': /** @type {string} */ (before.etag) });
    assert.equal(after.status, 304);
  });

  test('different page requests of one thread have different tags', async (t) => {
    const server = await startTestServer(t, { moderation: 'off' });
    for (const body of ['one', 'two', 'three']) await postJson(server.commentsUrl(), submission({ body }));
    const oldest = await page(`${server.commentsUrl()}?limit=2`);
    const newest = await page(`${server.commentsUrl()}?limit=2&sort=newest`);
    assert.notEqual(oldest.etag, newest.etag);
  });

  test('errors carry no ETag and stay no-store; POST answers are not cached', async (t) => {
    const server = await startTestServer(t, { moderation: 'off' });
    const bad = await getJson(`${server.commentsUrl()}?limit=0`);
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('etag'), null);
    assert.equal(bad.headers.get('cache-control'), 'no-store');
    const posted = await postJson(server.commentsUrl(THREAD), submission());
    assert.equal(posted.headers.get('etag'), null);
    assert.equal(posted.headers.get('cache-control'), 'no-store');
  });

  test('a browser on an allowed origin may send If-None-Match and read the ETag (CORS)', async (t) => {
    const origin = 'https://blog.example.org';
    const server = await startTestServer(t, { origins: [origin] });
    const preflight = await fetch(server.commentsUrl(), {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /If-None-Match/i);
    const response = await fetch(server.commentsUrl(), { headers: { origin } });
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /ETag/i);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });
});
