// @ts-check
// The fault proxy in front of two targets: a tiny echo server (to see exactly what was
// forwarded) and the real reference server (to see that a forwarded comment is committed).
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { startServer } from '../../server/app.js';
import { startFaultProxy } from './fault-proxy.js';
import { submission } from '../server/helpers.js';

const ORIGIN = 'http://blog.test';
const THREAD = '/posts/ninety-days';

/** @typedef {{ method: string, url: string, headers: http.IncomingHttpHeaders, body: string }} Seen */

/**
 * A target that records every request and answers 201 with a JSON echo and a custom header.
 * @returns {Promise<{ url: string, seen: Seen[], close: () => Promise<void> }>}
 */
async function startEchoTarget() {
  /** @type {Seen[]} */
  const seen = [];
  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(201, { 'content-type': 'application/json', 'x-echo': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * POSTs JSON with fetch.
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function postJson(url, body, headers = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('fault proxy in front of an echo target', () => {
  /** @type {Awaited<ReturnType<typeof startEchoTarget>>} */
  let target;
  /** @type {import('./fault-proxy.js').FaultProxy} */
  let proxy;
  before(async () => {
    target = await startEchoTarget();
    proxy = await startFaultProxy({ target: target.url });
  });
  afterEach(() => {
    proxy.reset();
    target.seen.length = 0;
  });
  after(async () => {
    await proxy.close();
    await target.close();
  });

  test('forwards a GET with its path, query and headers, and returns status, headers and body', async () => {
    const response = await fetch(`${proxy.url}/api/things?limit=5&sort=newest`, {
      headers: { 'x-test': 'kept', origin: ORIGIN },
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-echo'), 'yes');
    assert.deepEqual(await response.json(), {
      method: 'GET',
      url: '/api/things?limit=5&sort=newest',
      body: '',
    });

    assert.equal(target.seen.length, 1);
    const [seen] = target.seen;
    assert.equal(seen.headers['x-test'], 'kept');
    assert.equal(seen.headers.origin, ORIGIN);
    assert.equal(seen.headers.host, new URL(target.url).host, 'Host names the target, not the proxy');
  });

  test('forwards a POST body byte for byte with its Content-Type', async () => {
    const sent = JSON.stringify({ clientId: 'abc', text: 'ünïcode ✓' });
    const response = await fetch(`${proxy.url}/api/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: sent,
    });
    assert.equal(response.status, 201);
    assert.equal((await response.json()).body, sent);
    assert.equal(target.seen[0].method, 'POST');
    assert.equal(target.seen[0].body, sent);
    assert.equal(target.seen[0].headers['content-type'], 'application/json; charset=utf-8');
  });

  test('answers on a fresh connection each time (Connection: close)', async () => {
    const headers = await new Promise((resolve, reject) => {
      http
        .get(`${proxy.url}/x`, (response) => {
          response.resume();
          response.on('end', () => resolve(response.headers));
        })
        .on('error', reject);
    });
    assert.equal(headers.connection, 'close');
  });

  test('a respond fault answers `times` times, matched by method and path, then forwarding resumes', async () => {
    proxy.inject([
      {
        method: 'POST',
        path: '/posts$',
        times: 2,
        action: { kind: 'respond', status: 503, body: { error: 'busy' } },
      },
    ]);
    const other = await fetch(`${proxy.url}/api/posts`);
    assert.equal(other.status, 201, 'a GET does not match a POST fault');
    for (let i = 0; i < 2; i += 1) {
      const response = await postJson(`${proxy.url}/api/posts`, {});
      assert.equal(response.status, 503);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await response.json(), { error: 'busy' });
    }
    const third = await postJson(`${proxy.url}/api/posts`, {});
    assert.equal(third.status, 201);
    assert.deepEqual(
      target.seen.map((seen) => seen.method),
      ['GET', 'POST'],
      'the faulted POSTs never reached the target',
    );
  });

  test('a respond fault can send any body and headers, e.g. a 200 with an HTML page', async () => {
    proxy.inject([
      {
        path: '^/api/html',
        action: {
          kind: 'respond',
          status: 200,
          body: '<!doctype html><p>Hi',
          headers: { 'Content-Type': 'text/html' },
        },
      },
    ]);
    const response = await fetch(`${proxy.url}/api/html`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html');
    assert.equal(await response.text(), '<!doctype html><p>Hi');
  });

  test('the first matching fault that is not used up wins', async () => {
    proxy.inject([
      { method: 'GET', action: { kind: 'respond', status: 500 } },
      { method: 'GET', times: 2, action: { kind: 'respond', status: 503 } },
    ]);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${proxy.url}/x`)).status);
    assert.deepEqual(statuses, [500, 503, 503, 201]);
  });

  test('drop destroys the connection without forwarding', async () => {
    proxy.inject([{ method: 'POST', action: { kind: 'drop' } }]);
    await assert.rejects(postJson(`${proxy.url}/api/posts`, { clientId: 'dropped-1' }), TypeError);
    assert.equal(target.seen.length, 0);
    assert.deepEqual(
      proxy.log().map(({ method, status, clientId, fault }) => ({ method, status, clientId, fault })),
      [{ method: 'POST', status: 'dropped', clientId: 'dropped-1', fault: 'drop' }],
    );
  });

  test('delay waits, then forwards normally', async () => {
    proxy.inject([{ method: 'GET', action: { kind: 'delay', ms: 300 } }]);
    const started = Date.now();
    const response = await fetch(`${proxy.url}/slow`);
    assert.equal(response.status, 201);
    assert.ok(Date.now() - started >= 250, `answered after ${Date.now() - started} ms`);
    assert.equal(target.seen.length, 1);
    assert.equal(proxy.log()[0].fault, 'delay');
  });

  test('the log records method, path, status, clientId and fault; reset() clears it and the faults', async () => {
    proxy.inject([
      { method: 'POST', action: { kind: 'respond', status: 429, headers: { 'Retry-After': '2' } } },
    ]);
    const before = Date.now();
    await fetch(`${proxy.url}/api/a?x=1`);
    await postJson(`${proxy.url}/api/b`, { clientId: 'client-1', body: 'x' });
    await postJson(`${proxy.url}/api/b`, { body: 'no id' });
    await fetch(`${proxy.url}/api/c`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"clientId":"x"}',
    });

    const log = proxy.log();
    assert.deepEqual(
      log.map(({ method, path, status, clientId, fault }) => ({ method, path, status, clientId, fault })),
      [
        { method: 'GET', path: '/api/a?x=1', status: 201, clientId: null, fault: null },
        { method: 'POST', path: '/api/b', status: 429, clientId: 'client-1', fault: 'respond' },
        { method: 'POST', path: '/api/b', status: 201, clientId: null, fault: null },
        { method: 'POST', path: '/api/c', status: 201, clientId: null, fault: null },
      ],
    );
    assert.ok(log.every((entry) => entry.at >= before && entry.at <= Date.now()));

    proxy.log().length = 0;
    assert.equal(proxy.log().length, 4, 'log() returns a copy');

    proxy.inject([{ action: { kind: 'respond', status: 500 } }]);
    proxy.reset();
    assert.deepEqual(proxy.log(), []);
    assert.equal((await fetch(`${proxy.url}/after-reset`)).status, 201, 'reset() also cleared the faults');
  });

  test('inject() refuses a malformed fault at once', () => {
    assert.throws(() => proxy.inject([{ path: '(', action: { kind: 'drop' } }]), SyntaxError);
    assert.throws(
      () => proxy.inject([/** @type {any} */ ({ action: { kind: 'explode' } })]),
      /unknown action/,
    );
  });
});

describe('fault proxy in front of the reference server', () => {
  /** @type {import('../../server/app.js').RunningServer} */
  let server;
  /** @type {import('./fault-proxy.js').FaultProxy} */
  let proxy;
  /** @type {string} */
  let commentsUrl;
  before(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      moderation: 'off',
      logger: false,
      origins: [ORIGIN],
      rateLimit: { max: 1_000, windowMs: 60_000 },
    });
    proxy = await startFaultProxy({ target: server.url });
    commentsUrl = `${proxy.endpoint}/threads/${encodeURIComponent(THREAD)}/comments`;
  });
  afterEach(() => proxy.reset());
  after(async () => {
    await proxy.close();
    await server.close();
  });

  test('forwards POST and GET of comments transparently', async () => {
    const sent = submission();
    const posted = await postJson(commentsUrl, sent, { origin: ORIGIN });
    assert.equal(posted.status, 201);
    assert.equal(
      posted.headers.get('access-control-allow-origin'),
      ORIGIN,
      "the server's own CORS headers come back",
    );
    const comment = await posted.json();
    assert.equal(comment.body, sent.body);
    assert.equal(server.store.findByClientId(sent.clientId)?.id, comment.id);

    const page = await fetch(commentsUrl);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const body = await page.json();
    assert.equal(body.thread, THREAD);
    assert.ok(body.comments.some((/** @type {{ id: string }} */ c) => c.id === comment.id));
  });

  test('a respond fault carries CORS headers; the preflight is forwarded, not faulted', async () => {
    // No method on purpose: even a fault that names none must leave the preflight alone.
    proxy.inject([
      {
        path: '/comments$',
        action: {
          kind: 'respond',
          status: 429,
          headers: { 'Retry-After': '3' },
          body: { error: { code: 'rate_limited' } },
        },
      },
    ]);
    const preflight = await fetch(commentsUrl, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204, "the reference server's own preflight answer");
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);

    const sent = submission();
    const limited = await postJson(commentsUrl, sent, { origin: ORIGIN });
    assert.equal(limited.status, 429, 'the fault was still there for the POST');
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal(limited.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(limited.headers.get('vary'), 'Origin');
    assert.equal(limited.headers.get('access-control-expose-headers'), 'Retry-After');
    assert.equal(server.store.findByClientId(sent.clientId), null);

    assert.deepEqual(
      proxy.log().map(({ method, status, fault }) => ({ method, status, fault })),
      [
        { method: 'OPTIONS', status: 204, fault: null },
        { method: 'POST', status: 429, fault: 'respond' },
      ],
    );
  });

  test('a respond fault without an Origin gets no CORS headers', async () => {
    proxy.inject([{ method: 'GET', action: { kind: 'respond', status: 503 } }]);
    const response = await fetch(commentsUrl);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('forward-then-drop: the fetch fails but the server has the comment', async () => {
    proxy.inject([{ method: 'POST', action: { kind: 'forward-then-drop' } }]);
    const sent = submission();
    await assert.rejects(postJson(commentsUrl, sent, { origin: ORIGIN }), TypeError);
    assert.notEqual(server.store.findByClientId(sent.clientId), null, 'the comment was committed');
    assert.deepEqual(
      proxy.log().map(({ method, status, clientId, fault }) => ({ method, status, clientId, fault })),
      [{ method: 'POST', status: 'dropped', clientId: sent.clientId, fault: 'forward-then-drop' }],
    );

    // The retry a client makes afterwards goes through and finds the same comment.
    const retry = await postJson(commentsUrl, sent, { origin: ORIGIN });
    assert.equal(retry.status, 200);
  });
});

describe('fault proxy in front of a target that is down', () => {
  test('answers 502 with CORS headers and keeps running', async (t) => {
    // A port that was just free: listen, note it, close.
    const probe = http.createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
    const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
    await new Promise((resolve) => probe.close(() => resolve(undefined)));

    const proxy = await startFaultProxy({ target: `http://127.0.0.1:${port}` });
    t.after(() => proxy.close());
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${proxy.endpoint}/health`, { headers: { origin: ORIGIN } });
      assert.equal(response.status, 502);
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal((await response.json()).error.code, 'bad_gateway');
    }
    assert.deepEqual(
      proxy.log().map((entry) => entry.status),
      [502, 502],
    );
  });
});

describe('close()', () => {
  test('returns promptly with a delayed request in flight and an idle connection open', async () => {
    const target = await startEchoTarget();
    const proxy = await startFaultProxy({ target: target.url });
    // An idle client connection, as a browser keeps one.
    const idle = net.connect(Number(new URL(proxy.url).port), '127.0.0.1');
    idle.on('error', () => {});
    await new Promise((resolve) => idle.once('connect', resolve));
    const idleClosed = new Promise((resolve) => idle.once('close', resolve));

    proxy.inject([{ action: { kind: 'delay', ms: 60_000 } }]);
    const pending = fetch(`${proxy.url}/slow`).then(
      (response) => response.status,
      () => 'failed',
    );
    // Let the request reach the proxy and start its delay (the log only lists finished ones).
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = Date.now();
    await proxy.close();
    assert.ok(Date.now() - started < 1_000, `close() took ${Date.now() - started} ms`);
    assert.equal(await pending, 'failed');
    await idleClosed;
    assert.equal(target.seen.length, 0, 'the delayed request was never forwarded');
    await target.close();
  });
});
