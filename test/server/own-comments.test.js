// @ts-check
// Contract v1.1: a reader edits or deletes their own comment with the edit token of the POST
// answer, within the edit window and before anyone replies; every refusal changes nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editTokenHash, newEditToken } from '../../server/edit-token.js';
import { selectRows } from './database.js';
import { THREAD, getJson, postJson, startTestServer, submission } from './helpers.js';

const WINDOW = 900;

/**
 * PATCHes or DELETEs a comment with a token (null: no Authorization header).
 * @param {string} url
 * @param {'PATCH' | 'DELETE'} method
 * @param {string | null} token
 * @param {unknown} [body]
 */
async function change(url, method, token, body) {
  /** @type {Record<string, string>} */
  const headers = token === null ? {} : { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: /** @type {any} */ (text === '' ? null : JSON.parse(text)),
  };
}

/** A server with editing on, a thread URL helper, and a reader's posted comment. */
async function withComment(/** @type {any} */ t, /** @type {Record<string, unknown>} */ options = {}) {
  const server = await startTestServer(t, { editWindowSeconds: WINDOW, moderation: 'off', ...options });
  const posted = await postJson(server.commentsUrl(), submission({ body: 'Day 30 todya.' }));
  const commentUrl = (/** @type {string} */ id = posted.body.id, thread = THREAD) =>
    `${server.commentsUrl(thread)}/${encodeURIComponent(id)}`;
  return { server, posted, commentUrl, token: /** @type {string} */ (posted.body.editToken) };
}

/** What is stored of a comment, for "changed nothing" checks. */
async function storedRow(/** @type {import('./helpers.js').TestServer} */ server, /** @type {string} */ id) {
  const [row] = await selectRows(
    server.store,
    'SELECT body, status, edited_at, edit_token_hash FROM comments WHERE id = ?',
    [id],
  );
  return row;
}

describe('edit tokens in the POST answer', () => {
  test('a secret token and editableUntil = createdAt + the window; pages offer the window and never show a token', async (t) => {
    const { server, posted, token } = await withComment(t);
    assert.equal(posted.status, 201);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(posted.body.editableUntil) - Date.parse(posted.body.createdAt), WINDOW * 1000);
    const page = await getJson(server.commentsUrl());
    assert.deepEqual(page.body.offers, { editWindowSeconds: WINDOW });
    assert.doesNotMatch(JSON.stringify(page.body), /editToken|editableUntil/);
    assert.ok(!JSON.stringify(page.body).includes(token));
    const row = await storedRow(server, posted.body.id);
    assert.equal(row.edit_token_hash, editTokenHash(token), 'only the hash is stored');
    assert.notEqual(row.edit_token_hash, token);
    const everything = JSON.stringify(await selectRows(server.store, 'SELECT * FROM comments'));
    assert.ok(!everything.includes(token), 'the token itself is nowhere in the database');
  });

  test('a replayed POST gets a fresh token; the one from the lost answer no longer works', async (t) => {
    const server = await startTestServer(t, { editWindowSeconds: WINDOW, moderation: 'off' });
    const sent = submission();
    const first = await postJson(server.commentsUrl(), sent);
    const replay = await postJson(server.commentsUrl(), sent);
    assert.equal(replay.status, 200);
    assert.equal(replay.body.id, first.body.id);
    assert.notEqual(replay.body.editToken, first.body.editToken);
    const url = `${server.commentsUrl()}/${first.body.id}`;
    assert.equal((await change(url, 'PATCH', first.body.editToken, { body: 'old token' })).status, 403);
    assert.equal((await change(url, 'PATCH', replay.body.editToken, { body: 'new token' })).status, 200);
  });

  test('--edit-window 0: no token, no offers, and editing is refused', async (t) => {
    const server = await startTestServer(t, { editWindowSeconds: 0, moderation: 'off' });
    const posted = await postJson(server.commentsUrl(), submission());
    assert.equal(posted.body.editToken, undefined);
    assert.equal(posted.body.editableUntil, undefined);
    assert.equal((await getJson(server.commentsUrl())).body.offers, undefined);
    const refused = await change(`${server.commentsUrl()}/${posted.body.id}`, 'PATCH', newEditToken(), {
      body: 'x',
    });
    assert.equal(refused.status, 403);
  });

  test('a honeypot answer carries a token like any other, which opens nothing', async (t) => {
    const server = await startTestServer(t, { editWindowSeconds: WINDOW });
    const trapped = await postJson(server.commentsUrl(), submission({ hp: 'http://spam.example' }));
    assert.equal(trapped.status, 202);
    assert.match(trapped.body.editToken, /^[A-Za-z0-9_-]{43}$/);
    const tried = await change(
      `${server.commentsUrl()}/${trapped.body.id}`,
      'DELETE',
      trapped.body.editToken,
    );
    assert.equal(tried.status, 404);
  });
});

describe('PATCH own comment', () => {
  test('within the window: the body changes on the server, editedAt is set, the ETag changes', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t);
    const tagBefore = (await fetch(server.commentsUrl())).headers.get('etag');
    const edited = await change(commentUrl(), 'PATCH', token, { body: 'Day 30 today.' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'Day 30 today.');
    assert.equal(edited.body.status, 'published');
    assert.ok(Date.parse(edited.body.editedAt) >= Date.parse(posted.body.createdAt));
    assert.equal(edited.body.editToken, undefined, 'the token is never sent back');
    const page = await getJson(server.commentsUrl());
    assert.deepEqual(page.body.comments, [edited.body]);
    assert.notEqual(page.headers.get('etag'), tagBefore);
  });

  test('a resent PATCH (same body) is idempotent: same answer, editedAt unchanged', async (t) => {
    const { commentUrl, token } = await withComment(t);
    const first = await change(commentUrl(), 'PATCH', token, { body: 'Day 30 today.' });
    const again = await change(commentUrl(), 'PATCH', token, { body: 'Day 30 today.' });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
  });

  test('pre-moderation: an edited published comment goes back to pending, hidden until approved again', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t, { moderation: 'pre' });
    assert.equal(posted.status, 202);
    await server.store.setStatus(posted.body.id, 'published');
    const edited = await change(commentUrl(), 'PATCH', token, { body: 'Now with a link nobody checked.' });
    assert.equal(edited.status, 202);
    assert.equal(edited.body.status, 'pending');
    assert.deepEqual((await getJson(server.commentsUrl())).body.comments, []);
    const stored = await server.store.getComment(posted.body.id);
    assert.equal(stored?.status, 'pending');
    assert.equal(stored?.body, 'Now with a link nobody checked.');
    assert.equal(stored?.editedAt, edited.body.editedAt, 'the moderator sees it was edited');
  });

  test('pre-moderation: a pending comment edited stays pending; a rejected one stays rejected', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t, { moderation: 'pre' });
    assert.equal((await change(commentUrl(), 'PATCH', token, { body: 'typo fixed' })).body.status, 'pending');
    await server.store.setStatus(posted.body.id, 'rejected');
    const again = await change(commentUrl(), 'PATCH', token, { body: 'let me back in' });
    assert.equal(again.status, 202);
    assert.equal(again.body.status, 'pending', 'its author never learns it was rejected');
    assert.equal((await server.store.getComment(posted.body.id))?.status, 'rejected');
  });

  test('an invalid new body is refused like a POST, and extra fields cannot change the author', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t);
    const blank = await change(commentUrl(), 'PATCH', token, { body: '   ' });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.error.field, 'body');
    const long = await change(commentUrl(), 'PATCH', token, { body: 'x'.repeat(20_001) });
    assert.equal(long.status, 422);
    assert.equal(long.body.error.code, 'body_too_long');
    const sneaky = await change(commentUrl(), 'PATCH', token, {
      body: 'fine',
      author: { name: 'Moderator' },
      status: 'published',
    });
    assert.equal(sneaky.status, 200);
    assert.equal((await server.store.getComment(posted.body.id))?.author.name, 'Anon');
  });
});

describe('DELETE own comment', () => {
  test('within the window: 204, gone from the page and the count; a second DELETE is 404', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t);
    const deleted = await change(commentUrl(), 'DELETE', token);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, null);
    assert.deepEqual((await getJson(server.commentsUrl())).body.comments, []);
    assert.equal(await server.store.getComment(posted.body.id), null);
    const again = await change(commentUrl(), 'DELETE', token);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, 'comment_not_found');
  });
});

describe('refusals change nothing', () => {
  test('after the window: 403 with the window in words, for PATCH and DELETE', async (t) => {
    const server = await startTestServer(t, { editWindowSeconds: WINDOW, moderation: 'off' });
    const token = newEditToken();
    await server.store.insertComment(THREAD, {
      id: 'old',
      author: { name: 'Anon' },
      body: 'Sixteen minutes ago.',
      createdAt: new Date(Date.now() - 16 * 60_000),
      editTokenHash: editTokenHash(token),
    });
    const before = await storedRow(server, 'old');
    const url = `${server.commentsUrl()}/old`;
    for (const [method, body] of /** @type {const} */ ([
      ['PATCH', { body: 'too late' }],
      ['DELETE', undefined],
    ])) {
      const refused = await change(url, method, token, body);
      assert.equal(refused.status, 403, method);
      assert.equal(refused.body.error.code, 'edit_window_closed');
      assert.match(refused.body.error.message, /15 minutes/);
    }
    assert.deepEqual(await storedRow(server, 'old'), before);
  });

  test('once someone replied (published or pending, not rejected): 409', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t);
    const reply = await postJson(
      server.commentsUrl(),
      submission({ parentId: posted.body.id, body: 'Same here.' }),
    );
    const before = await storedRow(server, posted.body.id);
    for (const status of /** @type {const} */ (['published', 'pending'])) {
      await server.store.setStatus(reply.body.id, status);
      const edit = await change(commentUrl(), 'PATCH', token, { body: 'changed after a reply' });
      assert.equal(edit.status, 409, status);
      assert.equal(edit.body.error.code, 'comment_has_replies');
      assert.equal((await change(commentUrl(), 'DELETE', token)).status, 409);
    }
    assert.deepEqual(await storedRow(server, posted.body.id), before);
    await server.store.setStatus(reply.body.id, 'rejected');
    assert.equal((await change(commentUrl(), 'PATCH', token, { body: 'the reply was spam' })).status, 200);
  });

  test('a forged token, another comment’s token, no token or a malformed one', async (t) => {
    const { server, posted, commentUrl, token } = await withComment(t);
    const other = await postJson(server.commentsUrl(), submission({ body: 'Someone else.' }));
    const before = await storedRow(server, posted.body.id);
    const forged = await change(commentUrl(), 'PATCH', newEditToken(), { body: 'forged' });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'edit_token_invalid');
    const borrowed = await change(commentUrl(), 'DELETE', other.body.editToken);
    assert.equal(borrowed.status, 403);
    const mine = await change(commentUrl(other.body.id), 'DELETE', token);
    assert.equal(mine.status, 403, 'my token does not open their comment');

    for (const authorization of [
      null,
      'Bearer',
      `Basic ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
    ]) {
      const response = await fetch(commentUrl(), {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          ...(authorization === null ? {} : { authorization }),
        },
        body: JSON.stringify({ body: 'no token' }),
      });
      assert.equal(response.status, 401, String(authorization));
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal(/** @type {any} */ (await response.json()).error.code, 'edit_token_required');
    }
    assert.deepEqual(await storedRow(server, posted.body.id), before);
    assert.equal((await getJson(server.commentsUrl())).body.total, 2);
  });

  test('the right token at another thread’s address, or an unknown id: 404', async (t) => {
    const { commentUrl, token, posted } = await withComment(t);
    assert.equal((await change(commentUrl(posted.body.id, '/elsewhere'), 'DELETE', token)).status, 404);
    assert.equal((await change(commentUrl('no-such-id'), 'DELETE', token)).status, 404);
  });

  test('seeded and imported comments have no token, so nobody can change them', async (t) => {
    const server = await startTestServer(t, { editWindowSeconds: WINDOW });
    await server.store.insertComment(THREAD, { id: 'seeded', author: { name: 'A' }, body: 'seeded' });
    const refused = await change(`${server.commentsUrl()}/seeded`, 'DELETE', newEditToken());
    assert.equal(refused.status, 403);
  });
});

describe('CORS for editing', () => {
  test('a comment’s own address lets an allowed blog send Authorization with PATCH and DELETE', async (t) => {
    const origin = 'https://blog.example.org';
    const { commentUrl } = await withComment(t, { origins: [origin] });
    const preflight = await fetch(commentUrl(), {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });
});
