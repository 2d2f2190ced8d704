// @ts-check
// /admin/api, what the moderation app calls: sign-in (scrypt, throttled), the session cookie,
// CSRF and cross-site refusals, the queue with its four statuses, search, paging, bulk actions,
// edit, reply as moderator, trust settings; and what the public API shows after each.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword } from '../../server/owner/passwords.js';
import { getJson, postJson, startTestServer, submission, THREAD } from './helpers.js';

const EMAIL = 'mod@example.org';
const PASSWORD = 'correct horse battery';

/**
 * A server with one moderator, and a client that keeps its cookie and CSRF token.
 * @param {{ after: (fn: () => Promise<void> | void) => void }} t
 * @param {import('../../server/app.js').StartOptions} [options]
 */
async function setUp(t, options = {}) {
  const server = await startTestServer(t, options);
  await server.owner.owner.saveModerator({
    email: EMAIL,
    name: 'Mod',
    passwordHash: await hashPassword(PASSWORD),
  });
  return { server, client: adminClient(server.url) };
}

/** A minimal browser: the cookie it was given, the CSRF token from the session answer. */
function adminClient(/** @type {string} */ base) {
  let cookie = '';
  let csrf = '';
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {Record<string, string>} [headers]
   */
  async function call(method, path, body, headers = {}) {
    const response = await fetch(`${base}/admin/api/${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie === '' ? {} : { cookie }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    const match = setCookie === null ? null : /[^;]*rc_session=[^;]*/.exec(setCookie);
    if (match !== null) cookie = match[0];
    const text = await response.text();
    const json = text === '' ? null : JSON.parse(text);
    if (json?.csrfToken) csrf = json.csrfToken;
    return { status: response.status, headers: response.headers, body: json, setCookie };
  }
  return {
    call,
    signIn: (email = EMAIL, password = PASSWORD) => call('POST', 'session', { email, password }),
    get cookie() {
      return cookie;
    },
    set cookie(value) {
      cookie = value;
    },
    get csrf() {
      return csrf;
    },
  };
}

describe('signing in', () => {
  test('a right password gives an HttpOnly SameSite=Strict cookie; a wrong one a clear 401 and no cookie', async (t) => {
    const { client } = await setUp(t);
    assert.equal((await client.call('GET', 'session')).status, 401);
    const wrong = await client.signIn(EMAIL, 'wrong password!');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'invalid_credentials');
    assert.equal(wrong.setCookie, null);
    const unknown = await client.signIn('nobody@example.org', PASSWORD);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.message, wrong.body.error.message, 'an unknown email looks the same');

    const ok = await client.signIn();
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.moderator, { email: EMAIL, name: 'Mod' });
    assert.match(
      ok.setCookie ?? '',
      /^rc_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    assert.equal((await client.call('GET', 'session')).status, 200);
  });

  test('behind an https proxy the cookie is Secure and __Host- prefixed', async (t) => {
    const { server } = await setUp(t, { trustProxy: true });
    const response = await fetch(`${server.url}/admin/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    assert.equal(response.status, 200);
    assert.match(
      response.headers.get('set-cookie') ?? '',
      /^__Host-rc_session=[\w-]+; .*Path=\/; HttpOnly; Secure; SameSite=Strict/,
    );
  });

  test('failed attempts are throttled per email, with Retry-After, even for the right password', async (t) => {
    const { client } = await setUp(t, { signInThrottle: { perEmail: 3, perAddress: 100, windowMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) assert.equal((await client.signIn(EMAIL, `guess ${i} guess`)).status, 401);
    const blocked = await client.signIn();
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'sign_in_throttled');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal(blocked.setCookie, null);
  });

  test('sign-out ends the session on the server: the old cookie is worthless', async (t) => {
    const { client } = await setUp(t);
    await client.signIn();
    const saved = client.cookie;
    assert.equal((await client.call('DELETE', 'session')).status, 204);
    client.cookie = saved;
    assert.equal((await client.call('GET', 'session')).status, 401);
    assert.equal((await client.call('GET', 'comments')).status, 401);
  });

  test('a session cookie from another server signs nobody in', async (t) => {
    const first = await setUp(t);
    await first.client.signIn();
    const second = await setUp(t);
    second.client.cookie = first.client.cookie;
    assert.equal((await second.client.call('GET', 'session')).status, 401);
    assert.equal((await second.client.call('GET', 'comments?status=pending')).status, 401);
  });

  test('moderators removed or given a new password lose their sessions', async (t) => {
    const { server, client } = await setUp(t);
    await client.signIn();
    await server.owner.owner.saveModerator({
      email: EMAIL,
      name: 'Mod',
      passwordHash: await hashPassword('another password'),
    });
    assert.equal((await client.call('GET', 'session')).status, 401);
  });
});

describe('the queue', () => {
  /** @param {import('./helpers.js').TestServer} server */
  async function seed(server) {
    const post = (/** @type {Record<string, unknown>} */ overrides) =>
      postJson(server.commentsUrl(), submission(overrides));
    const first = await post({
      author: { name: 'Ana', email: 'ana@example.org', url: null },
      body: 'Day one.',
      pageUrl: `${server.url}/p`,
      threadTitle: 'Ninety days',
    });
    const second = await post({
      author: { name: 'Ben', email: 'ben@example.org', url: 'https://ben.example' },
      body: 'Hang in there.',
      parentId: null,
    });
    const third = await post({
      author: { name: 'Cy', email: 'cy@example.org', url: null },
      body: 'Looking for 100% fixes_',
      parentId: null,
    });
    return [first.body.id, second.body.id, third.body.id];
  }

  test('pending oldest first with context, counts, search by text, name or email', async (t) => {
    const { server, client } = await setUp(t);
    const parent = await server.store.insertComment(THREAD, {
      author: { name: 'Old' },
      body: 'Published before.',
    });
    const [ana, ben, cy] = await seed(server);
    const reply = await postJson(server.commentsUrl(), submission({ parentId: parent.id, body: 'A reply.' }));
    await client.signIn();
    const queue = await client.call('GET', 'comments?status=pending');
    assert.equal(queue.status, 200);
    assert.deepEqual(queue.body.counts, { pending: 4, published: 1, spam: 0, rejected: 0 });
    assert.deepEqual(
      queue.body.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [ana, ben, cy, reply.body.id],
    );
    const first = queue.body.comments[0];
    assert.deepEqual(first.thread, { id: THREAD, url: `${server.url}/p`, title: 'Ninety days' });
    assert.deepEqual(first.author, { name: 'Ana', email: 'ana@example.org', url: null });
    assert.equal(first.link, `${server.url}/p#comment-${ana}`);
    assert.deepEqual(queue.body.comments[3].parent, {
      id: parent.id,
      author: { name: 'Old' },
      body: 'Published before.',
      status: 'published',
    });

    const ids = async (/** @type {string} */ q) =>
      (await client.call('GET', `comments?status=pending&q=${encodeURIComponent(q)}`)).body.comments.map(
        (/** @type {{ id: string }} */ c) => c.id,
      );
    assert.deepEqual(await ids('hang in'), [ben]);
    assert.deepEqual(await ids('CY'), [cy]);
    assert.deepEqual(await ids('ana@example'), [ana]);
    assert.deepEqual(await ids('100%'), [cy], 'LIKE wildcards are literal');
    assert.deepEqual(await ids('s_f'), [], 'an underscore is literal too');
  });

  test('approve, reject, spam and delete, one or several at once; the public thread follows at once', async (t) => {
    const { server, client } = await setUp(t);
    const [ana, ben, cy] = await seed(server);
    await client.signIn();
    assert.deepEqual(
      (await client.call('POST', 'comments/actions', { action: 'approve', ids: [ana, ben] })).body,
      { changed: 2 },
    );
    const published = await getJson(server.commentsUrl());
    assert.deepEqual(
      published.body.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [ana, ben],
    );
    assert.deepEqual((await client.call('POST', 'comments/actions', { action: 'spam', ids: [cy] })).body, {
      changed: 1,
    });
    assert.deepEqual((await client.call('POST', 'comments/actions', { action: 'reject', ids: [ben] })).body, {
      changed: 1,
    });
    assert.deepEqual(
      (await getJson(server.commentsUrl())).body.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [ana],
    );
    const counts = (await client.call('GET', 'comments?status=spam')).body;
    assert.deepEqual(counts.counts, { pending: 0, published: 1, spam: 1, rejected: 1 });
    assert.deepEqual(
      counts.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [cy],
    );
    assert.deepEqual(
      (await client.call('POST', 'comments/actions', { action: 'delete', ids: [cy, 'nope'] })).body,
      { changed: 1 },
    );
    assert.equal(await server.store.getComment(cy), null);
    // Approving what is already published changes nothing.
    assert.deepEqual(
      (await client.call('POST', 'comments/actions', { action: 'approve', ids: [ana] })).body,
      { changed: 0 },
    );
  });

  test('edit, and reply as moderator: published at once, marked byOwner in the public thread', async (t) => {
    const { server, client } = await setUp(t);
    const [ana] = await seed(server);
    await client.signIn();
    const edited = await client.call('PATCH', `comments/${ana}`, { body: 'Day one (edited).' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.comment.body, 'Day one (edited).');
    const blank = await client.call('PATCH', `comments/${ana}`, { body: '   ' });
    assert.equal(blank.status, 422);
    assert.equal((await server.store.getComment(ana))?.body, 'Day one (edited).');

    const replied = await client.call('POST', `comments/${ana}/replies`, { body: 'Welcome, Ana.' });
    assert.equal(replied.status, 201);
    assert.equal(replied.body.comment.byOwner, true);
    const thread = await getJson(server.commentsUrl());
    // Replying to a waiting comment approved it, so the reply is not shown without it.
    assert.deepEqual(
      thread.body.comments.map((/** @type {any} */ c) => [c.author.name, c.body, c.byOwner ?? false]),
      [
        ['Ana', 'Day one (edited).', false],
        ['Mod', 'Welcome, Ana.', true],
      ],
    );
    assert.equal(thread.body.comments[0].byOwner, undefined, 'readers see byOwner only when true');
  });

  test('1,000 pending comments come in pages of 50, oldest first, with the total', async (t) => {
    const { server, client } = await setUp(t);
    const start = Date.parse('2026-01-01T00:00:00Z');
    await server.store.insertComments(
      THREAD,
      Array.from({ length: 1000 }, (_, i) => ({
        id: `p${String(i).padStart(4, '0')}`,
        author: { name: `Reader ${i}` },
        body: `Comment ${i}`,
        status: /** @type {const} */ ('pending'),
        createdAt: new Date(start + i * 1000),
      })),
    );
    await client.signIn();
    const first = await client.call('GET', 'comments?status=pending&limit=50');
    assert.equal(first.body.total, 1000);
    assert.equal(first.body.comments.length, 50);
    assert.equal(first.body.comments[0].id, 'p0000');
    const last = await client.call('GET', 'comments?status=pending&limit=50&offset=950');
    assert.equal(last.body.comments.at(-1).id, 'p0999');
    assert.equal(
      (await client.call('GET', 'comments?status=pending&limit=5000')).status,
      400,
      'no unbounded page',
    );
    const tooMany = await client.call('POST', 'comments/actions', {
      action: 'approve',
      ids: Array.from({ length: 201 }, (_, i) => `p${String(i).padStart(4, '0')}`),
    });
    assert.equal(tooMany.status, 400);
    assert.equal((await client.call('GET', 'comments?status=pending')).body.total, 1000, 'nothing changed');
  });
});

describe('forged requests', () => {
  test('a cross-site POST, a missing or wrong CSRF token, or no session: refused, nothing changes', async (t) => {
    const { server, client } = await setUp(t);
    const posted = await postJson(server.commentsUrl(), submission());
    await client.signIn();
    const approve = { action: 'approve', ids: [posted.body.id] };
    /** @type {Record<string, string>[]} */
    const attempts = [
      { 'x-csrf-token': '' },
      { 'x-csrf-token': 'forged' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      const answer = await client.call('POST', 'comments/actions', approve, headers);
      assert.equal(answer.status, 403, JSON.stringify(headers));
    }
    const noCookie = await fetch(`${server.url}/admin/api/comments/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
      body: JSON.stringify(approve),
    });
    assert.equal(noCookie.status, 401);
    // An HTML form can send only simple content types: the API takes JSON alone.
    const form = await client.call('POST', 'comments/actions', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.ok(form.status === 415 || form.status === 400, String(form.status));
    // Sign-in itself refuses a cross-site POST (login CSRF).
    const crossSignIn = await client.call(
      'POST',
      'session',
      { email: EMAIL, password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    assert.equal(crossSignIn.status, 403);
    assert.equal((await server.store.getComment(posted.body.id))?.status, 'pending');
    // The real app's request passes.
    assert.equal(
      (await client.call('POST', 'comments/actions', approve, { origin: server.url })).status,
      200,
    );
  });
});

describe('trust rules', () => {
  test('settings: read, saved, and bad rules refused with the rule named', async (t) => {
    const { client } = await setUp(t);
    await client.signIn();
    const read = await client.call('GET', 'settings');
    assert.deepEqual(read.body.rules, {
      trustApproved: true,
      maxLinks: 2,
      blockedWords: [],
      blockedEmails: [],
      blockedIps: [],
    });
    const bad = await client.call('PUT', 'settings', {
      rules: { ...read.body.rules, blockedIps: ['10.0.0.0/33'] },
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, 'blockedIps');
    assert.match(bad.body.error.message, /10\.0\.0\.0\/33/);
    const saved = await client.call('PUT', 'settings', {
      rules: { ...read.body.rules, maxLinks: 0, blockedWords: [' casino ', ''] },
    });
    assert.deepEqual(saved.body.rules.blockedWords, ['casino']);
    assert.equal((await client.call('GET', 'settings')).body.rules.maxLinks, 0);
  });

  test('an email with an approved comment is published at once; others wait', async (t) => {
    const { server } = await setUp(t);
    await server.store.insertComment(THREAD, {
      author: { name: 'Ana', email: 'Ana@Example.org' },
      body: 'Earlier.',
    });
    const trusted = await postJson(
      server.commentsUrl(),
      submission({ author: { name: 'Ana', email: 'ana@example.org', url: null } }),
    );
    assert.equal(trusted.status, 201);
    const stranger = await postJson(
      server.commentsUrl(),
      submission({ author: { name: 'Ana', email: 'other@example.org', url: null } }),
    );
    assert.equal(stranger.status, 202);
    const noEmail = await postJson(
      server.commentsUrl(),
      submission({ author: { name: 'Ana', email: null, url: null } }),
    );
    assert.equal(noEmail.status, 202);
  });

  test('more links than allowed are held, even with moderation off', async (t) => {
    const { server } = await setUp(t, { moderation: 'off' });
    const two = await postJson(
      server.commentsUrl(),
      submission({ body: 'See https://a.example and www.b.example' }),
    );
    assert.equal(two.status, 201);
    const three = await postJson(
      server.commentsUrl(),
      submission({ body: 'https://a.example https://b.example www.c.example' }),
    );
    assert.equal(three.status, 202);
  });

  test('blocked words, emails and IP ranges go to Spam; the reader gets the same answer as a held comment', async (t) => {
    const { server, client } = await setUp(t, {
      owner: { trustRules: { blockedWords: ['casino'], blockedEmails: ['@spam.example'], blockedIps: [] } },
    });
    const held = await postJson(server.commentsUrl(), submission());
    const word = await postJson(server.commentsUrl(), submission({ body: 'Best CASINO bonus' }));
    const email = await postJson(
      server.commentsUrl(),
      submission({ author: { name: 'X', email: 'a@spam.example', url: null } }),
    );
    for (const answer of [held, word, email]) {
      assert.equal(answer.status, 202);
      assert.deepEqual(Object.keys(answer.body).sort(), Object.keys(held.body).sort());
      assert.equal(answer.body.status, 'pending');
    }
    await client.signIn();
    await client.call('PUT', 'settings', {
      rules: { ...(await client.call('GET', 'settings')).body.rules, blockedIps: ['127.0.0.0/8'] },
    });
    const ip = await postJson(server.commentsUrl(), submission({ body: 'From a blocked range.' }));
    assert.equal(ip.status, 202);
    const spam = (await client.call('GET', 'comments?status=spam')).body;
    assert.deepEqual(
      spam.comments.map((/** @type {{ id: string }} */ c) => c.id).sort(),
      [word.body.id, email.body.id, ip.body.id].sort(),
    );
    assert.equal(spam.counts.pending, 1);
  });
});

describe('the app itself', () => {
  test('/admin/ is served under a strict CSP, /admin redirects there', async (t) => {
    const { server } = await setUp(t);
    const page = await fetch(`${server.url}/admin/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(await page.text(), /<rc-admin-app><\/rc-admin-app>/);
    const bare = await fetch(`${server.url}/admin`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/admin/');
  });
});
