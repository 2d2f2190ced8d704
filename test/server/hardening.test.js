// @ts-check
// Hostile input and security: what the other server tests do not already pin down. Covered
// elsewhere and not repeated here: malformed JSON 400, wrong content type 415, oversized body 413
// (post.test.js); admin 401 without a token or with a token of another length (admin.test.js);
// CORS for allowed and disallowed origins, simple and preflight, and 429 + Retry-After
// (cors-rate-limit.test.js); WAL mode after opening a file (store.test.js).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../server/store.js';
import { integrityReport, selectRows, tableNames } from './database.js';
import {
  ENGINE,
  adminCall,
  createDatabase,
  getJson,
  launchTestServer,
  postJson,
  startTestServer,
  submission,
  tempDir,
} from './helpers.js';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));
const TOKEN = 'moderator-token-0123456789';
const BLOG = 'https://blog.example.org';

describe('unknown and extra request fields are stripped, never stored or echoed', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer({ adminToken: TOKEN });
  });
  after(() => server.close());

  test('top-level, nested and column-named extras change nothing, not even the idempotency key', async () => {
    const thread = '/posts/extras';
    const clean = submission({ author: { name: 'Anon', email: 'hidden@example.org', url: null } });
    const hostile = {
      ...clean,
      // The public and the stored names of fields a client must not choose.
      id: 'chosen-id',
      status: 'published',
      createdAt: '2001-01-01T00:00:00.000Z',
      thread: '/posts/somewhere-else',
      email: 'exposed@example.org',
      total: 1e9,
      root_id: 'chosen-root',
      parent_id: 'chosen-parent',
      client_id: 'chosen-client-id',
      request_hash: 'x',
      author_email: 'exposed@example.org',
      nested: { status: 'published', deeper: { id: 'x' } },
      author: {
        ...clean.author,
        id: 'author-id',
        isAdmin: true,
        status: 'published',
        email_visible: true,
        profile: { email: 'exposed@example.org', role: 'admin' },
      },
    };
    const posted = await postJson(server.commentsUrl(thread), hostile);
    assert.equal(posted.status, 202, JSON.stringify(posted.body));
    // The answer is exactly the public Comment: no extra key anywhere, no email of any kind.
    assert.deepEqual(Object.keys(posted.body).sort(), [
      'author',
      'body',
      'createdAt',
      'id',
      'parentId',
      'status',
    ]);
    assert.deepEqual(posted.body.author, { name: 'Anon', url: null });
    assert.equal(posted.body.status, 'pending');
    assert.equal(posted.body.parentId, null);
    assert.notEqual(posted.body.id, 'chosen-id');
    assert.ok(Math.abs(Date.parse(posted.body.createdAt) - Date.now()) < 60_000, 'the server picks the time');
    assert.doesNotMatch(JSON.stringify(posted.body), /example\.org|admin|chosen|nested|deeper/);

    // What was stored is the clean submission, on the thread of the URL.
    const stored = await server.store.findByClientId(clean.clientId);
    assert.ok(stored);
    assert.deepEqual(stored, {
      id: posted.body.id,
      thread,
      parentId: null,
      author: { name: 'Anon', email: 'hidden@example.org', url: null },
      body: clean.body,
      createdAt: posted.body.createdAt,
      status: 'pending',
      clientId: clean.clientId,
    });
    const [row] = await selectRows(
      server.store,
      'SELECT root_id, request_hash FROM comments WHERE client_id = ?',
      [clean.clientId],
    );
    assert.equal(row.root_id, stored.id);
    assert.notEqual(row.request_hash, 'x');
    assert.equal(await server.store.countComments('/posts/somewhere-else'), 0);
    assert.equal(await server.store.findByClientId('chosen-client-id'), null);

    // Extras are not part of the request's identity: the clean retry is the same comment (200), so
    // the stripping happened before the fingerprint was taken.
    const retry = await postJson(server.commentsUrl(thread), clean);
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.body, posted.body);

    // Once approved, readers see it without email or extras too.
    await adminCall(`${server.endpoint}/admin/comments/${posted.body.id}/approve`, 'POST', TOKEN);
    const page = await getJson(server.commentsUrl(thread));
    assert.deepEqual(page.body.comments, [{ ...posted.body, status: 'published' }]);
    assert.doesNotMatch(JSON.stringify(page.body), /@example\.org/);
  });

  test('prototype-pollution keys are refused with 400 and pollute nothing', async () => {
    const valid = submission();
    for (const extra of [
      '"__proto__": {"polluted": "yes"}',
      '"constructor": {"prototype": {"polluted": "yes"}}',
    ]) {
      const raw = `${JSON.stringify(valid).slice(0, -1)}, ${extra}}`;
      const { status, body } = await postJson(server.commentsUrl('/posts/proto'), raw);
      assert.equal(status, 400, extra);
      assert.equal(body.error.code, 'invalid_json');
    }
    const nested = JSON.stringify(valid).replace('"author":{', '"author":{"__proto__":{"polluted":"yes"},');
    assert.equal((await postJson(server.commentsUrl('/posts/proto'), nested)).status, 400);
    assert.equal(/** @type {Record<string, unknown>} */ ({}).polluted, undefined);
    assert.equal(await server.store.countComments('/posts/proto'), 0);
  });
});

describe('SQL injection strings are data', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  /** @type {string[]} */
  let tablesBefore;
  before(async () => {
    server = await launchTestServer({ moderation: 'off', adminToken: TOKEN });
    tablesBefore = await tableNames(server.store);
  });
  after(() => server.close());

  const HOSTILE = [
    "'; DROP TABLE comments; --",
    '" OR 1=1 --',
    '\\x00',
    'nul \u0000 inside',
    "Robert'); DROP TABLE comments;--",
    "1' UNION SELECT author_email, 1, 1 FROM comments --",
    "%' OR '%'='",
    '*/ DELETE FROM comments; /*',
    '?; ?1; :id; @thread; $x',
  ];

  test('stored and returned verbatim as body, author name and thread id (the URL path)', async () => {
    for (const text of HOSTILE) {
      const thread = `/posts/${text}`;
      const sent = submission({ author: { name: text, email: null, url: null }, body: text });
      const posted = await postJson(server.commentsUrl(thread), sent);
      assert.equal(posted.status, 201, `${JSON.stringify(text)}: ${JSON.stringify(posted.body)}`);
      assert.equal(posted.body.body, text);
      assert.equal(posted.body.author.name, text);

      const page = await getJson(server.commentsUrl(thread));
      assert.equal(page.status, 200);
      assert.equal(page.body.thread, thread);
      assert.equal(page.body.total, 1, JSON.stringify(text));
      assert.deepEqual(page.body.comments, [posted.body]);

      const stored = await server.store.findByClientId(sent.clientId);
      assert.deepEqual([stored?.thread, stored?.author.name, stored?.body], [thread, text, text]);
    }
  });

  test('in query strings and admin paths they are refused or matched exactly, never interpreted', async () => {
    for (const text of HOSTILE) {
      const q = encodeURIComponent(text);
      for (const [param, field] of [
        [`cursor=${q}`, 'cursor'],
        [`sort=${q}`, 'sort'],
        [`limit=${q}`, 'limit'],
      ]) {
        const { status, body } = await getJson(`${server.commentsUrl()}?${param}`);
        assert.equal(status, 400, `${param}`);
        assert.equal(body.error.field, field);
      }
      // The moderation filter is an exact match: the hostile thread holds exactly its own comment.
      const listed = await adminCall(
        `${server.endpoint}/admin/comments?status=published&thread=${encodeURIComponent(`/posts/${text}`)}`,
        'GET',
        TOKEN,
      );
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.comments.map((/** @type {{ body: string }} */ c) => c.body),
        [text],
      );
      const injected = await adminCall(
        `${server.endpoint}/admin/comments?status=published&thread=${q}`,
        'GET',
        TOKEN,
      );
      assert.deepEqual(injected.body.comments, []);
      for (const [method, path] of [
        ['POST', `/comments/${q}/approve`],
        ['POST', `/comments/${q}/reject`],
        ['DELETE', `/comments/${q}`],
      ]) {
        const answer = await adminCall(`${server.endpoint}/admin${path}`, method, TOKEN);
        assert.equal(answer.status, 404, `${method} ${path}`);
      }
    }
  });

  test('afterwards the table is intact and still takes and serves comments', async () => {
    assert.deepEqual(await tableNames(server.store), tablesBefore);
    assert.equal(await integrityReport(server.store), 'ok');
    for (const text of HOSTILE)
      assert.equal(await server.store.countComments(`/posts/${text}`), 1, JSON.stringify(text));
    const posted = await postJson(server.commentsUrl('/posts/after-the-attack'), submission());
    assert.equal(posted.status, 201);
    assert.deepEqual((await getJson(server.commentsUrl('/posts/after-the-attack'))).body.comments, [
      posted.body,
    ]);
  });
});

describe('moderation API: refused calls do nothing', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer({ adminToken: TOKEN });
  });
  after(() => server.close());

  test('401 for every route and method (HEAD too) with no token or a wrong one of the same length', async () => {
    const thread = '/posts/guarded';
    const target = await server.store.insertComment(thread, {
      author: { name: 'A', email: 'a@example.org' },
      body: 'waiting',
      status: 'pending',
    });
    const sameLength = [
      'x'.repeat(TOKEN.length),
      `${TOKEN.slice(0, -1)}${TOKEN.at(-1) === '9' ? '8' : '9'}`,
      `${TOKEN[0] === 'm' ? 'n' : 'm'}${TOKEN.slice(1)}`,
      TOKEN.toUpperCase(),
    ];
    for (const wrong of sameLength) assert.equal(wrong.length, TOKEN.length);
    const calls = [
      ['GET', '/comments?status=pending'],
      ['HEAD', '/comments?status=pending'],
      ['POST', `/comments/${target.id}/approve`],
      ['POST', `/comments/${target.id}/reject`],
      ['DELETE', `/comments/${target.id}`],
    ];
    for (const [method, path] of calls) {
      for (const authorization of [null, ...sameLength.map((wrong) => `Bearer ${wrong}`)]) {
        const response = await fetch(`${server.endpoint}/admin${path}`, {
          method,
          headers: authorization === null ? {} : { authorization },
        });
        assert.equal(response.status, 401, `${method} ${path} with ${authorization}`);
        const text = await response.text();
        assert.doesNotMatch(text, /a@example\.org|waiting/, 'nothing of the queue leaks');
      }
    }
    // A body is not even parsed before the token is checked.
    const unparsed = await fetch(`${server.endpoint}/admin/comments/${target.id}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    assert.equal(unparsed.status, 401);
    await unparsed.body?.cancel();

    // None of the refused approve / reject / delete calls changed anything.
    assert.equal((await server.store.getComment(target.id))?.status, 'pending');
    // And the right token does work, so the 401s above were about the token.
    const queue = await adminCall(`${server.endpoint}/admin/comments?status=pending`, 'GET', TOKEN);
    assert.equal(queue.status, 200);
    assert.deepEqual(
      queue.body.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [target.id],
    );
  });

  test('a browser on an allowed blog cannot call it cross-origin: Authorization is not an allowed header', async (t) => {
    const cors = await startTestServer(t, { adminToken: TOKEN, origins: [BLOG] });
    const response = await fetch(`${cors.endpoint}/admin/comments/x`, {
      method: 'OPTIONS',
      headers: {
        origin: BLOG,
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization',
      },
    });
    await response.body?.cancel();
    assert.doesNotMatch(response.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    assert.doesNotMatch(response.headers.get('access-control-allow-methods') ?? '', /DELETE/);
  });
});

describe('CORS: what the existing tests leave open', () => {
  test('never a wildcard or credentials; a cross-site form POST (no preflight) stores nothing', async (t) => {
    const server = await startTestServer(t, { origins: [BLOG], moderation: 'off' });
    const allowed = await getJson(server.commentsUrl(), { origin: BLOG });
    assert.equal(allowed.headers.get('access-control-allow-origin'), BLOG);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), null);
    const preflight = await fetch(server.commentsUrl(), {
      method: 'OPTIONS',
      headers: {
        origin: BLOG,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
    await preflight.body?.cancel();

    // The simple requests a hostile page can send without a preflight are not JSON: all refused.
    const thread = '/posts/csrf';
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await fetch(server.commentsUrl(thread), {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': contentType },
        body: JSON.stringify(submission()),
      });
      assert.equal(response.status, 415, contentType);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      await response.body?.cancel();
    }
    assert.equal(await server.store.countComments(thread), 0);
    // Error answers do not grant a disallowed origin anything either.
    const missing = await fetch(`${server.endpoint}/nope`, { headers: { origin: 'https://evil.example' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('access-control-allow-origin'), null);
    await missing.body?.cancel();
  });
});

describe('rate limits are per client', () => {
  const A = '203.0.113.10';
  const B = '198.51.100.20';

  test('behind a proxy (trustProxy), each X-Forwarded-For client has its own allowance; 429 has Retry-After', async (t) => {
    const server = await startTestServer(t, { trustProxy: true, rateLimit: { max: 2, windowMs: 60_000 } });
    const post = (/** @type {string} */ forwardedFor) =>
      postJson(server.commentsUrl(), submission(), { 'x-forwarded-for': forwardedFor });
    assert.equal((await post(A)).status, 202);
    assert.equal((await post(A)).status, 202);
    const limited = await post(A);
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After: ${retryAfter}`,
    );
    assert.equal(limited.body.error.code, 'rate_limited');

    // B is untouched by A's use, and is then limited on its own.
    assert.equal((await post(B)).status, 202);
    assert.equal((await post(B)).status, 202);
    assert.equal((await post(B)).status, 429);
    assert.equal(await server.store.countComments('/posts/ninety-days'), 4);
  });

  test('behind a proxy, a client cannot reset its allowance by sending its own X-Forwarded-For', async (t) => {
    const server = await startTestServer(t, { trustProxy: true, rateLimit: { max: 2, windowMs: 60_000 } });
    // A reverse proxy appends the address it saw to whatever the client sent: the client controls
    // everything but the last entry.
    const viaProxy = (/** @type {string} */ spoofed) =>
      postJson(server.commentsUrl(), submission(), { 'x-forwarded-for': `${spoofed}, ${A}` });
    assert.equal((await viaProxy('10.0.0.1')).status, 202);
    assert.equal((await viaProxy('10.0.0.2')).status, 202);
    for (const spoofed of ['10.0.0.3', B, '127.0.0.1', 'unknown']) {
      assert.equal((await viaProxy(spoofed)).status, 429, `spoofed ${spoofed}`);
    }
  });

  test('without trustProxy, X-Forwarded-For is ignored: varying it gains nothing', async (t) => {
    const server = await startTestServer(t, {
      rateLimit: { max: 2, windowMs: 60_000 },
      readRateLimit: { max: 3, windowMs: 60_000 },
    });
    const statuses = [];
    for (let n = 0; n < 4; n++) {
      statuses.push(
        (await postJson(server.commentsUrl(), submission(), { 'x-forwarded-for': `10.0.0.${n}` })).status,
      );
    }
    assert.deepEqual(statuses, [202, 202, 429, 429]);
    const reads = [];
    for (let n = 0; n < 4; n++)
      reads.push((await getJson(server.commentsUrl(), { 'x-forwarded-for': `10.1.0.${n}` })).status);
    assert.deepEqual(reads, [200, 200, 200, 429]);
  });

  test('reads are limited per client too', async (t) => {
    const server = await startTestServer(t, {
      trustProxy: true,
      readRateLimit: { max: 2, windowMs: 60_000 },
    });
    const read = (/** @type {string} */ forwardedFor) =>
      getJson(server.commentsUrl(), { 'x-forwarded-for': forwardedFor });
    assert.deepEqual(
      [(await read(A)).status, (await read(A)).status, (await read(A)).status],
      [200, 200, 429],
    );
    assert.deepEqual(
      [(await read(B)).status, (await read(B)).status, (await read(B)).status],
      [200, 200, 429],
    );
  });
});

/** The parent's environment without RC_* variables, so a developer's shell cannot change results. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RC_')));
}

/**
 * Resolves with the server's URL once the child prints its listening line.
 * @param {import('node:child_process').ChildProcessWithoutNullStreams} child
 * @returns {Promise<string>}
 */
function listeningUrl(child) {
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 10 s; stderr: ${stderr}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+),/.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before listening; stderr: ${stderr}`));
    });
  });
}

/** The journal mode recorded in a database file's header: bytes 18 and 19 are 2 for WAL. */
function headerSaysWal(/** @type {string} */ file) {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return header[18] === 2 && header[19] === 2;
}

/**
 * One crash: starts the executable on `file`, sends up to 300 POSTs of a few kilobytes in bursts
 * of 30 every 100 ms (about a second), and once a third have been acknowledged kills it with
 * SIGKILL right after the next burst went out: as soon as the first answer to that burst arrives
 * (the server is then working through the rest of it), or 20 ms later. Nothing is sent after.
 * @param {import('node:test').TestContext} t
 * @param {string} file
 * @param {string} thread
 */
async function postUntilKilled(t, file, thread) {
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--port',
      '0',
      '--db',
      file,
      '--moderation',
      'off',
      '--rate-limit',
      '100000',
      '--log-level',
      'silent',
    ],
    { env: cleanEnv() },
  );
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await listeningUrl(child);
  const commentsUrl = `${url}/api/threads/${encodeURIComponent(thread)}/comments`;

  const TOTAL = 300;
  const BURST = 30;
  const KILL_AFTER_ACKS = 100;
  /** @type {Map<string, string>} clientId -> body, of every POST sent */
  const sent = new Map();
  /** @type {string[]} clientIds answered 2xx, whenever the answer arrived */
  const acknowledged = [];
  let failed = 0;
  let killed = false;
  /** @type {number | null} the burst whose first answer pulls the trigger */
  let armedBurst = null;
  const kill = () => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  /** @type {Promise<void>[]} */
  const requests = [];
  for (let burst = 0; burst * BURST < TOTAL && !killed; burst++) {
    for (let i = 0; i < BURST; i++) {
      const body = submission({
        body: `crash test comment ${burst * BURST + i}\n${'All the words. '.repeat(200)}`,
      });
      sent.set(body.clientId, body.body);
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      };
      requests.push(
        fetch(commentsUrl, init).then(
          async (response) => {
            // The status line is enough: the server answers only after the commit.
            if (response.status >= 200 && response.status < 300) acknowledged.push(body.clientId);
            else failed++;
            if (armedBurst === burst) kill();
            await response.arrayBuffer().catch(() => undefined);
          },
          () => {
            failed++;
          },
        ),
      );
    }
    if (acknowledged.length >= KILL_AFTER_ACKS) {
      armedBurst = burst;
      await sleep(20);
      kill();
    } else {
      await sleep(100);
    }
  }
  // A slow machine got through the whole schedule first: kill as soon as anything is acknowledged.
  const deadline = Date.now() + 15_000;
  while (!killed && acknowledged.length === 0 && Date.now() < deadline) await sleep(1);
  kill();
  await Promise.all(requests);
  assert.deepEqual(await exited, { code: null, signal: 'SIGKILL' });
  return { sent, acknowledged, died: failed };
}

test('kill -9 under load: every acknowledged POST is in the database, which is intact and in WAL mode', async (t) => {
  const dir = tempDir(t);
  const thread = '/posts/crash';
  // The kill is meant to land while POSTs are in flight. On a very busy machine the server can
  // answer a whole burst before the client gets to pull the trigger, so try up to three times;
  // every attempt is checked in full either way.
  let diedInFlight = 0;
  for (let attempt = 1; attempt <= 3 && diedInFlight === 0; attempt++) {
    // On PostgreSQL the server holds no file: the database outlives the killed process anyway.
    const file = ENGINE === 'sqlite' ? join(dir, `crash-${attempt}.db`) : await createDatabase();
    const { sent, acknowledged, died } = await postUntilKilled(t, file, thread);
    diedInFlight = died;
    assert.ok(acknowledged.length > 0, 'some POSTs were acknowledged before the kill');

    if (ENGINE === 'sqlite') {
      // The server had the file in WAL mode: the header says so, and the log was not checkpointed away.
      assert.equal(headerSaysWal(file), true, 'journal mode WAL in the file header');
      assert.equal(existsSync(`${file}-wal`), true, 'a write-ahead log next to the file');
    }

    const store = await openStore(file, { mustExist: true });
    t.after(() => store.close());
    assert.equal(await integrityReport(store), 'ok');
    if (ENGINE === 'sqlite') {
      assert.deepEqual(await selectRows(store, 'PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
    }
    const missing = [];
    for (const clientId of acknowledged)
      if ((await store.findByClientId(clientId)) === null) missing.push(clientId);
    assert.deepEqual(missing, [], 'acknowledged but lost');
    for (const clientId of acknowledged) {
      const comment = await store.findByClientId(clientId);
      assert.deepEqual(
        [comment?.thread, comment?.body, comment?.status],
        [thread, sent.get(clientId), 'published'],
      );
    }
    // Nothing half-written or unknown: every row is one of ours, whole, and the thread reads back.
    const stored = await store.listThread(thread, { limit: 200 });
    assert.equal(stored.total, await store.countComments(thread));
    assert.ok(stored.total >= acknowledged.length && stored.total <= sent.size);
    const rows = await selectRows(store, 'SELECT client_id, body FROM comments');
    for (const row of rows) assert.equal(sent.get(row.client_id), row.body);
    // And the database still takes writes.
    await store.insertComment(thread, { author: { name: 'After' }, body: 'after the crash' });
    assert.equal(await store.countComments(thread), stored.total + 1);
    await store.close();
    t.diagnostic(
      `attempt ${attempt}: sent ${sent.size}, acknowledged ${acknowledged.length}, died in flight ${died}, stored ${stored.total}`,
    );
  }
  assert.ok(diedInFlight > 0, 'the kill came while POSTs were in flight, and they died with the server');
});
