// @ts-check
// POST /api/threads/:thread/comments: every status code of the contract.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { THREAD, getJson, launchTestServer, postJson, readJson, submission } from './helpers.js';

describe('POST a comment under pre-moderation (the default)', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer();
  });
  after(() => server.close());

  test('202 with a pending Comment, stored once, not shown to readers', async () => {
    const sent = submission();
    const { status, body } = await postJson(server.commentsUrl(), sent);
    assert.equal(status, 202);
    assert.equal(body.status, 'pending');
    assert.equal(body.body, sent.body);
    assert.deepEqual(body.author, { name: 'Anon', url: null });
    assert.equal(body.parentId, null);
    assert.match(body.id, /^[A-Za-z0-9_-]{16}$/);
    assert.ok(!Number.isNaN(Date.parse(body.createdAt)));
    assert.equal(await server.store.countComments(THREAD, sent.clientId), 1);

    const page = await getJson(server.commentsUrl());
    assert.equal(
      page.body.comments.some((/** @type {{ id: string }} */ c) => c.id === body.id),
      false,
    );
  });

  test('200 with the same stored Comment when the same request is sent again', async () => {
    const sent = submission();
    const first = await postJson(server.commentsUrl(), sent);
    const again = await postJson(server.commentsUrl(), sent);
    assert.equal(first.status, 202);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    assert.equal(await server.store.countComments(THREAD, sent.clientId), 1);
  });

  test('a retry with the clientId in upper case is still the same comment', async () => {
    const sent = submission();
    await postJson(server.commentsUrl(), sent);
    const again = await postJson(server.commentsUrl(), { ...sent, clientId: sent.clientId.toUpperCase() });
    assert.equal(again.status, 200);
    assert.equal(await server.store.countComments(THREAD, sent.clientId), 1);
  });

  test('concurrent retries of one request store exactly one comment', async () => {
    const sent = submission();
    const answers = await Promise.all(Array.from({ length: 8 }, () => postJson(server.commentsUrl(), sent)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 202]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(await server.store.countComments(THREAD, sent.clientId), 1);
  });

  test('409 when a clientId comes back with a different request', async () => {
    const sent = submission();
    await postJson(server.commentsUrl(), sent);
    for (const changed of [
      { ...sent, body: 'Something else entirely.' },
      { ...sent, author: { ...sent.author, name: 'Someone else' } },
      { ...sent, author: { ...sent.author, email: 'other@example.org' } },
    ]) {
      const { status, body } = await postJson(server.commentsUrl(), changed);
      assert.equal(status, 409);
      assert.equal(body.error.code, 'client_id_conflict');
      assert.equal(body.error.field, 'clientId');
    }
    // The same clientId on another thread is a different request too.
    const elsewhere = await postJson(server.commentsUrl('/posts/other'), sent);
    assert.equal(elsewhere.status, 409);
    assert.equal(await server.store.countComments(THREAD, sent.clientId), 1);
    assert.equal(await server.store.countComments('/posts/other'), 0);
  });

  test('honeypot: a filled hp field gets an ordinary 202 and nothing is stored', async () => {
    const thread = '/posts/honeypot';
    const sent = submission({ hp: 'http://cheap-pills.example' });
    const { status, body } = await postJson(server.commentsUrl(thread), sent);
    assert.equal(status, 202);
    assert.equal(body.status, 'pending');
    assert.equal(body.body, sent.body);
    assert.deepEqual(Object.keys(body).sort(), ['author', 'body', 'createdAt', 'id', 'parentId', 'status']);
    assert.equal(await server.store.countComments(thread), 0);
    assert.equal(await server.store.findByClientId(sent.clientId), null);
  });

  test('the email is stored for moderators but never in the answer', async () => {
    const sent = submission({
      author: { name: 'Anon', email: 'secret-address@example.org', url: 'https://example.org/me' },
    });
    const { body } = await postJson(server.commentsUrl(), sent);
    assert.doesNotMatch(JSON.stringify(body), /secret-address/);
    assert.equal(
      (await server.store.findByClientId(sent.clientId))?.author.email,
      'secret-address@example.org',
    );
  });

  test('unknown fields are ignored: a client cannot publish its own comment or pick its id', async () => {
    const sent = submission({
      status: 'published',
      id: 'chosen-id',
      createdAt: '2001-01-01T00:00:00.000Z',
      extra: { a: 1 },
    });
    sent.author = { ...sent.author, isAdmin: true };
    const { status, body } = await postJson(server.commentsUrl(), sent);
    assert.equal(status, 202);
    assert.equal(body.status, 'pending');
    assert.notEqual(body.id, 'chosen-id');
    assert.notEqual(body.createdAt, '2001-01-01T00:00:00.000Z');
    assert.equal((await server.store.findByClientId(sent.clientId))?.status, 'pending');
  });

  test('SQL and markup in every field are stored and returned verbatim', async () => {
    const thread = "/posts/x'); DROP TABLE comments; --";
    const hostile = {
      name: "Robert'); DROP TABLE comments;--",
      body: `' OR '1'='1' -- <script>alert(1)</script> &amp; "quotes" \\ back\\slash\n\u0000 nul ${'\u{1F600}'}`,
    };
    const sent = submission({
      author: {
        name: hostile.name,
        email: null,
        url: "https://example.org/?q=');DROP%20TABLE%20comments;--",
      },
      body: hostile.body,
    });
    const posted = await postJson(server.commentsUrl(thread), sent);
    assert.equal(posted.status, 202);
    assert.equal(posted.body.body, hostile.body);
    assert.equal(posted.body.author.name, hostile.name);
    assert.equal(posted.body.author.url, "https://example.org/?q=');DROP%20TABLE%20comments;--");

    const id = posted.body.id;
    await server.store.setStatus(id, 'published');
    const page = await getJson(server.commentsUrl(thread));
    assert.equal(page.status, 200);
    assert.equal(page.body.thread, thread);
    assert.deepEqual(
      page.body.comments.map((/** @type {{ body: string }} */ c) => c.body),
      [hostile.body],
    );
    // The table is still there and still holds the other threads' comments.
    assert.ok((await server.store.countComments(THREAD)) > 0);
  });

  test('a reply to a pending comment of the same thread is accepted', async () => {
    const parent = await postJson(server.commentsUrl(), submission());
    const reply = await postJson(server.commentsUrl(), submission({ parentId: parent.body.id }));
    assert.equal(reply.status, 202);
    assert.equal(reply.body.parentId, parent.body.id);
  });
});

describe('POST a comment with moderation off', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer({ moderation: 'off' });
  });
  after(() => server.close());

  test('201 with a published Comment that the next GET shows', async () => {
    const thread = '/posts/published-at-once';
    const { status, body } = await postJson(server.commentsUrl(thread), submission());
    assert.equal(status, 201);
    assert.equal(body.status, 'published');
    const page = await getJson(server.commentsUrl(thread));
    assert.deepEqual(page.body.comments, [body]);
    assert.equal(page.body.total, 1);
  });

  test('201 for a reply, and 200 when the reply is retried', async () => {
    const thread = '/posts/replies';
    const parent = await postJson(server.commentsUrl(thread), submission());
    const sent = submission({ parentId: parent.body.id });
    const reply = await postJson(server.commentsUrl(thread), sent);
    assert.equal(reply.status, 201);
    assert.equal(reply.body.parentId, parent.body.id);
    const retry = await postJson(server.commentsUrl(thread), sent);
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.body, reply.body);
  });

  test('the honeypot still answers 202 pending and stores nothing', async () => {
    const thread = '/posts/honeypot-off';
    const { status, body } = await postJson(server.commentsUrl(thread), submission({ hp: 'x' }));
    assert.equal(status, 202);
    assert.equal(body.status, 'pending');
    assert.equal(await server.store.countComments(thread), 0);
  });
});

describe('POST errors', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  before(async () => {
    server = await launchTestServer({ moderation: 'off' });
  });
  after(() => server.close());

  /**
   * Asserts a 422 with the given field and code, and that nothing was stored.
   * @param {Record<string, unknown>} sent
   * @param {string} field
   * @param {string} code
   */
  async function expect422(sent, field, code) {
    const thread = `/posts/invalid-${field}-${code}`;
    const { status, body } = await postJson(server.commentsUrl(thread), sent);
    assert.equal(status, 422, `${field}: ${JSON.stringify(body)}`);
    assert.equal(body.error.field, field);
    assert.equal(body.error.code, code);
    assert.match(body.error.message, /^[A-Z].*\.$/, 'a sentence');
    assert.equal(await server.store.countComments(thread), 0);
  }

  test('422 body: missing, empty, blank, too long (counted in code points)', async () => {
    const { body: _omitted, ...withoutBody } = submission();
    await expect422(withoutBody, 'body', 'body_required');
    await expect422(submission({ body: '' }), 'body', 'body_required');
    await expect422(submission({ body: ' \n\t\u00a0 ' }), 'body', 'body_required');
    await expect422(submission({ body: 'é'.repeat(20_001) }), 'body', 'body_too_long');

    const longest = await postJson(
      server.commentsUrl('/posts/long'),
      submission({ body: 'é'.repeat(20_000) }),
    );
    assert.equal(longest.status, 201);
    // 15,000 emoji are 30,000 UTF-16 units but 15,000 characters: allowed.
    const emoji = await postJson(
      server.commentsUrl('/posts/long'),
      submission({ body: '\u{1F331}'.repeat(15_000) }),
    );
    assert.equal(emoji.status, 201);
    assert.equal(emoji.body.body, '\u{1F331}'.repeat(15_000));
  });

  test('422 author.name: missing, blank, too long; a missing author counts as a missing name', async () => {
    const { message } = (await postJson(server.commentsUrl(), submission({ author: { name: '  ' } }))).body
      .error;
    assert.equal(message, 'Please enter your name.');
    await expect422(submission({ author: { email: null } }), 'author.name', 'name_required');
    await expect422(submission({ author: { name: '' } }), 'author.name', 'name_required');
    await expect422(submission({ author: { name: 'x'.repeat(101) } }), 'author.name', 'name_too_long');
    const { author: _omitted, ...withoutAuthor } = submission();
    await expect422(withoutAuthor, 'author.name', 'name_required');
  });

  test('422 author.email: implausible or too long; blank and null mean "not given"', async () => {
    for (const email of [
      'not-an-email',
      'a@b',
      'two@@example.org',
      'with space@example.org',
      'a@example.org ',
    ]) {
      await expect422(submission({ author: { name: 'A', email } }), 'author.email', 'email_invalid');
    }
    await expect422(
      submission({ author: { name: 'A', email: `${'a'.repeat(250)}@example.org` } }),
      'author.email',
      'email_too_long',
    );
    for (const email of [null, '', '  ']) {
      const sent = submission({ author: { name: 'A', email } });
      assert.equal((await postJson(server.commentsUrl('/posts/no-email'), sent)).status, 201);
      assert.equal((await server.store.findByClientId(sent.clientId))?.author.email, null);
    }
  });

  test('422 author.url: only absolute http(s) addresses; blank means "not given"', async () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org/',
      '//example.org',
      'example.org',
      'https:example.org',
      'https://',
      'https://user:pass@example.org/',
      ' https://example.org',
    ]) {
      await expect422(submission({ author: { name: 'A', url } }), 'author.url', 'url_invalid');
    }
    await expect422(
      submission({ author: { name: 'A', url: `https://example.org/${'a'.repeat(2000)}` } }),
      'author.url',
      'url_too_long',
    );
    for (const url of ['https://example.org', 'HTTP://EXAMPLE.ORG/a?b#c', 'http://127.0.0.1:8080/x']) {
      const { status, body } = await postJson(
        server.commentsUrl('/posts/urls'),
        submission({ author: { name: 'A', url } }),
      );
      assert.equal(status, 201, url);
      assert.equal(body.author.url, url, 'stored verbatim');
    }
    const blank = await postJson(
      server.commentsUrl('/posts/urls'),
      submission({ author: { name: 'A', url: '' } }),
    );
    assert.equal(blank.body.author.url, null);
  });

  test('422 clientId: missing or not a UUID v4', async () => {
    const { clientId: _omitted, ...withoutClientId } = submission();
    await expect422(withoutClientId, 'clientId', 'client_id_invalid');
    for (const clientId of ['', 'abc', '00000000-0000-1000-8000-000000000000', `${crypto.randomUUID()}x`]) {
      await expect422(submission({ clientId }), 'clientId', 'client_id_invalid');
    }
  });

  test('422 parentId: unknown, from another thread, or rejected', async () => {
    await expect422(submission({ parentId: 'no-such-comment' }), 'parentId', 'parent_not_found');
    await expect422(submission({ parentId: '' }), 'parentId', 'parent_not_found');
    const elsewhere = await postJson(server.commentsUrl('/posts/elsewhere'), submission());
    await expect422(submission({ parentId: elsewhere.body.id }), 'parentId', 'parent_not_found');
    const rejected = await postJson(
      server.commentsUrl('/posts/invalid-parentId-parent_not_found'),
      submission(),
    );
    await server.store.setStatus(rejected.body.id, 'rejected');
    const { status } = await postJson(
      server.commentsUrl('/posts/invalid-parentId-parent_not_found'),
      submission({ parentId: rejected.body.id }),
    );
    assert.equal(status, 422);
  });

  test('400 for malformed JSON, an empty body, or the wrong shape', async () => {
    for (const raw of ['{"clientId": ', '', 'null', '[]', '"a comment"', '{"__proto__": {"x": 1}}']) {
      const { status, body } = await postJson(server.commentsUrl(), raw);
      assert.equal(status, 400, raw);
      assert.match(body.error.code, /^invalid_(json|request)$/);
      assert.equal(typeof body.error.message, 'string');
    }
    for (const [wrong, field] of /** @type {const} */ ([
      [{ body: 5 }, 'body'],
      [{ body: null }, 'body'],
      [{ author: 'Anon' }, 'author'],
      [{ author: { name: ['A'] } }, 'author.name'],
      [{ parentId: 7 }, 'parentId'],
      [{ hp: false }, 'hp'],
    ])) {
      const { status, body } = await postJson(server.commentsUrl(), submission(wrong));
      assert.equal(status, 400, JSON.stringify(wrong));
      assert.deepEqual([body.error.code, body.error.field], ['invalid_request', field]);
    }
  });

  test('415 for anything but JSON', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await fetch(server.commentsUrl(), {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify(submission()),
      });
      assert.equal(response.status, 415, contentType);
      const { error } = await readJson(response);
      assert.equal(error.code, 'unsupported_media_type');
    }
    const charset = await fetch(server.commentsUrl('/posts/charset'), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(submission()),
    });
    assert.equal(charset.status, 201);
  });

  test('413 for a body over the limit, in the error format, tied to the body field', async () => {
    const { status, body } = await postJson(server.commentsUrl(), submission({ body: 'x'.repeat(140_000) }));
    assert.equal(status, 413);
    assert.deepEqual(body.error, {
      code: 'payload_too_large',
      message: 'This comment is too large to send. Please shorten it.',
      field: 'body',
    });
  });

  test('the longest allowed comment fits the body limit even in 4-byte characters', async () => {
    const { status, body } = await postJson(
      server.commentsUrl(),
      submission({ body: '\u{1F331}'.repeat(20_000) }),
    );
    assert.equal(status, 201);
    assert.equal([...body.body].length, 20_000);
  });

  test('400 for a thread id over 512 characters; 512 is fine', async () => {
    const tooLong = await postJson(server.commentsUrl('/'.padEnd(513, 'x')), submission());
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.error.field, 'thread');
    // 512 characters in code points, though 1,023 in UTF-16 units.
    const longest = await postJson(server.commentsUrl(`/${'\u{1F331}'.repeat(511)}`), submission());
    assert.equal(longest.status, 201);
  });
});
