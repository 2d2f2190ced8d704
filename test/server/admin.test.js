// @ts-check
// The moderation API: bearer token, queue, approve, reject, delete.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearerTokenCheck } from '../../server/admin-routes.js';
import {
  THREAD,
  adminCall,
  getJson,
  launchTestServer,
  postJson,
  readJson,
  startTestServer,
  submission,
} from './helpers.js';

const TOKEN = 'moderator-token-0123456789';

describe('moderation API', () => {
  /** @type {import('./helpers.js').TestServer} */
  let server;
  /** @param {string} path */
  const admin = (path) => `${server.endpoint}/admin${path}`;
  before(async () => {
    server = await launchTestServer({ adminToken: TOKEN });
  });
  after(() => server.close());

  test('401 without a token, with a wrong one, or with another scheme', async () => {
    const calls = [
      ['GET', '/comments'],
      ['POST', '/comments/x/approve'],
      ['POST', '/comments/x/reject'],
      ['DELETE', '/comments/x'],
    ];
    for (const [method, path] of calls) {
      for (const authorization of [
        null,
        'Bearer wrong-token',
        `Bearer ${TOKEN}x`,
        `Basic ${TOKEN}`,
        TOKEN,
        'Bearer ',
      ]) {
        const response = await fetch(admin(path), {
          method,
          headers: authorization === null ? {} : { authorization },
        });
        assert.equal(response.status, 401, `${method} ${path} with ${authorization}`);
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
        const { error } = await readJson(response);
        assert.equal(error.code, 'unauthorized');
      }
    }
  });

  test('a pending comment is listed with email, thread and clientId, hidden until approved', async () => {
    const sent = submission({ author: { name: 'Anon', email: 'anon@example.org', url: null } });
    const posted = await postJson(server.commentsUrl(), sent);
    assert.equal(posted.status, 202);

    const queue = await adminCall(admin('/comments?status=pending'), 'GET', TOKEN);
    assert.equal(queue.status, 200);
    const listed = queue.body.comments.find((/** @type {{ id: string }} */ c) => c.id === posted.body.id);
    assert.equal(listed.author.email, 'anon@example.org');
    assert.equal(listed.thread, THREAD);
    assert.equal(listed.clientId, sent.clientId);
    assert.equal(listed.status, 'pending');

    const before = await getJson(server.commentsUrl());
    assert.equal(before.body.comments.length, 0);
    assert.equal(before.body.total, 0);

    const approved = await adminCall(admin(`/comments/${posted.body.id}/approve`), 'POST', TOKEN);
    assert.equal(approved.status, 200);
    assert.equal(approved.body.comment.status, 'published');

    const afterwards = await getJson(server.commentsUrl());
    assert.deepEqual(afterwards.body.comments, [{ ...posted.body, status: 'published' }]);
    assert.equal(afterwards.body.total, 1);
    // The author's retry now sees the published comment.
    const retry = await postJson(server.commentsUrl(), sent);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.status, 'published');
  });

  test('reject hides a comment again; the rejected queue lists it', async () => {
    const thread = '/posts/reject';
    const posted = await postJson(server.commentsUrl(thread), submission());
    await adminCall(admin(`/comments/${posted.body.id}/approve`), 'POST', TOKEN);
    assert.equal((await getJson(server.commentsUrl(thread))).body.comments.length, 1);

    const rejected = await adminCall(admin(`/comments/${posted.body.id}/reject`), 'POST', TOKEN);
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.comment.status, 'rejected');
    assert.equal((await getJson(server.commentsUrl(thread))).body.comments.length, 0);
    const queue = await adminCall(
      admin(`/comments?status=rejected&thread=${encodeURIComponent(thread)}`),
      'GET',
      TOKEN,
    );
    assert.deepEqual(
      queue.body.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [posted.body.id],
    );
  });

  test('delete removes a comment with its replies; unknown ids are 404', async () => {
    const thread = '/posts/delete';
    const top = await server.store.insertComment(thread, { author: { name: 'A' }, body: 'top' });
    const reply = await server.store.insertComment(thread, {
      parentId: top.id,
      author: { name: 'B' },
      body: 'reply',
    });
    await server.store.insertComment(thread, { parentId: reply.id, author: { name: 'C' }, body: 'deeper' });
    const kept = await server.store.insertComment(thread, { author: { name: 'D' }, body: 'kept' });

    const deleted = await adminCall(admin(`/comments/${top.id}`), 'DELETE', TOKEN);
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { id: top.id, deleted: 3 });
    assert.deepEqual(
      (await getJson(server.commentsUrl(thread))).body.comments.map(
        (/** @type {{ id: string }} */ c) => c.id,
      ),
      [kept.id],
    );

    for (const [method, path] of [
      ['DELETE', `/comments/${top.id}`],
      ['POST', '/comments/no-such-id/approve'],
      ['POST', '/comments/no-such-id/reject'],
    ]) {
      const { status, body } = await adminCall(admin(path), method, TOKEN);
      assert.equal(status, 404, `${method} ${path}`);
      assert.equal(body.error.code, 'comment_not_found');
    }
  });

  test('400 for an unknown status filter', async () => {
    const { status, body } = await adminCall(admin('/comments?status=spam'), 'GET', TOKEN);
    assert.equal(status, 400);
    assert.equal(body.error.field, 'status');
  });
});

test('with no admin token configured, the moderation API answers 401 to everything', async (t) => {
  const server = await startTestServer(t);
  for (const authorization of [null, 'Bearer ', 'Bearer null', 'Bearer undefined']) {
    const response = await fetch(`${server.endpoint}/admin/comments`, {
      headers: authorization === null ? {} : { authorization },
    });
    assert.equal(response.status, 401);
  }
});

test('bearerTokenCheck accepts exactly the configured token', () => {
  const check = bearerTokenCheck('s3cret');
  assert.equal(check('Bearer s3cret'), true);
  assert.equal(check('bearer s3cret'), true, 'the scheme is case-insensitive');
  for (const header of [
    undefined,
    '',
    'Bearer',
    'Bearer s3cre',
    'Bearer s3cret2',
    'Bearer s3cret extra',
    'Token s3cret',
  ]) {
    assert.equal(check(header), false, String(header));
  }
  assert.equal(bearerTokenCheck(null)('Bearer null'), false);
  assert.equal(bearerTokenCheck('')('Bearer '), false);
});
