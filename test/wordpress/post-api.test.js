// @ts-check
// POST /threads/{postId}/comments through WordPress's own comment path: held for moderation,
// published for a previously approved author, exactly once by clientId (a resend, a lost
// answer), and WordPress's refusals (flood, closed, disallowed, missing fields) as the
// contract's statuses. No answer carries an email, an IP or an avatar.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFaultProxy } from '../support/fault-proxy.js';
import {
  assertNothingPrivate,
  createPost,
  newReaderIp,
  pluginEndpoint,
  postComment,
  request,
  setOptions,
  storedComments,
  threadUrl,
  wp,
} from './fixtures.js';

/** Every answer of this file, checked for private data at the end. */
const answers = /** @type {string[]} */ ([]);
/** Every email and IP this file sent. */
const secrets = /** @type {string[]} */ ([]);

/**
 * postComment(), remembering what must never come back.
 * @param {string} endpoint
 * @param {number} postId
 * @param {Parameters<typeof postComment>[2]} fields
 */
async function send(endpoint, postId, fields) {
  const ip = fields.ip ?? newReaderIp();
  const answer = await postComment(endpoint, postId, { ...fields, ip });
  answers.push(answer.text);
  secrets.push(ip);
  if (answer.sent.author.email) secrets.push(answer.sent.author.email);
  return answer;
}

describe('POST a comment', () => {
  /** @type {string} */
  let endpoint;
  /** @type {() => Promise<void>} */
  let restoreOptions;

  before(async () => {
    endpoint = await pluginEndpoint();
    // WordPress's defaults, stated: hold a first comment until its author has one approved,
    // require name and email, tell the moderator and the post's author.
    restoreOptions = await setOptions({
      comment_moderation: 0,
      comment_previously_approved: 1,
      require_name_email: 1,
      moderation_notify: 1,
      comments_notify: 1,
      disallowed_keys: '',
    });
  });
  after(async () => {
    await restoreOptions();
    for (const text of answers) assertNothingPrivate(text, secrets);
  });

  test("a first-time commenter's reply is held under the right parent, and the moderator is emailed", async () => {
    const post = await createPost({ comments: [{ key: 'A' }, { key: 'B', parent: 'A' }] });
    const mailsBefore = (await wp.mails()).length;
    const answer = await send(endpoint, post.id, {
      parentId: String(post.comments.B),
      name: 'Anon',
      body: 'First line.\nSecond line, with <b>no</b> markup & "quotes".',
    });
    assert.equal(answer.status, 202);
    assert.equal(answer.json.status, 'pending');
    assert.equal(answer.json.parentId, String(post.comments.B));
    assert.equal(answer.json.body, answer.sent.body);
    assert.deepEqual(answer.json.author, { name: 'Anon', url: null });
    assert.equal(answer.headers.get('cache-control'), 'no-store');

    const stored = (await storedComments(post.id)).find((c) => String(c.id) === answer.json.id);
    assert.ok(stored);
    assert.equal(stored.approved, '0');
    assert.equal(stored.parent, post.comments.B);
    assert.equal(stored.clientId, answer.sent.clientId);

    const mails = (await wp.mails()).slice(mailsBefore);
    const moderation = mails.find((mail) => /Please moderate/.test(mail.subject));
    assert.ok(moderation, `no moderation email among ${JSON.stringify(mails.map((m) => m.subject))}`);
    assert.deepEqual(moderation.to, ['admin@example.test']);
    assert.match(moderation.message, /Second line, with <b>no<\/b> markup & "quotes"\./);

    // Held comments are for their author only: the thread does not show it to anyone.
    const page = (await request(threadUrl(endpoint, post.id))).json;
    assert.ok(!page.comments.some((/** @type {any} */ c) => c.id === answer.json.id));
  });

  test('a previously approved author is published at once (201), and the post author is told', async () => {
    const email = `regular-${randomUUID()}@example.test`;
    const post = await createPost({ comments: [{ key: 'A', author: 'Regular', email }] });
    const mailsBefore = (await wp.mails()).length;
    const answer = await send(endpoint, post.id, { name: 'Regular', email, body: 'Back again.' });
    assert.equal(answer.status, 201);
    assert.equal(answer.json.status, 'published');
    const page = (await request(threadUrl(endpoint, post.id))).json;
    assert.ok(page.comments.some((/** @type {any} */ c) => c.id === answer.json.id));
    const mails = (await wp.mails()).slice(mailsBefore);
    assert.ok(
      mails.some((mail) => /^\[Recovery Stories\] Comment: "/.test(mail.subject)),
      JSON.stringify(mails.map((m) => m.subject)),
    );
  });

  test('"Comment must be manually approved" holds even a previously approved author (202)', async () => {
    const restore = await setOptions({ comment_moderation: 1 });
    try {
      const email = `regular-${randomUUID()}@example.test`;
      const post = await createPost({ comments: [{ key: 'A', author: 'Regular', email }] });
      const answer = await send(endpoint, post.id, { name: 'Regular', email, body: 'Held anyway.' });
      assert.equal(answer.status, 202);
      assert.equal(answer.json.status, 'pending');
    } finally {
      await restore();
    }
  });

  test('an anti-spam plugin hooked into WordPress marks it spam: answered like a held comment, never shown', async () => {
    // What Akismet and its kind do: decide on pre_comment_approved.
    const muPlugin = path.join(wp.root, 'wp-content', 'mu-plugins', 'rc-test-antispam.php');
    await writeFile(
      muPlugin,
      `<?php add_filter('pre_comment_approved', function ($approved, $data) {
        return false !== strpos($data['comment_content'], 'cheap pills') ? 'spam' : $approved;
      }, 10, 2);\n`,
    );
    try {
      const post = await createPost();
      const answer = await send(endpoint, post.id, { body: 'Buy cheap pills now' });
      assert.equal(answer.status, 202);
      assert.equal(answer.json.status, 'pending');
      const stored = await storedComments(post.id);
      assert.deepEqual(
        stored.map((c) => c.approved),
        ['spam'],
      );
      assert.deepEqual((await request(threadUrl(endpoint, post.id))).json.comments, []);
    } finally {
      await rm(muPlugin, { force: true });
    }
  });

  test('the same POST resent answers 200 with the same comment and leaves one comment', async () => {
    const post = await createPost({ comments: [{ key: 'A' }] });
    const ip = newReaderIp();
    const first = await send(endpoint, post.id, { ip, body: 'Sent once, received once.' });
    assert.equal(first.status, 202);
    const again = await request(threadUrl(endpoint, post.id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(first.sent),
      ip,
    });
    answers.push(again.text);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, first.json);
    // An upper-case spelling of the same UUID is the same key.
    const upper = await request(threadUrl(endpoint, post.id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...first.sent, clientId: first.sent.clientId.toUpperCase() }),
      ip,
    });
    assert.equal(upper.status, 200);
    assert.equal(upper.json.id, first.json.id);
    const mine = (await storedComments(post.id)).filter((c) => c.clientId === first.sent.clientId);
    assert.equal(mine.length, 1);
  });

  test('the same clientId with another text is a 409, and stores nothing', async () => {
    const post = await createPost();
    const first = await send(endpoint, post.id, { body: 'The original.' });
    const other = await send(endpoint, post.id, {
      ...first.sent,
      name: 'Quiet Harbor',
      body: 'Something else.',
    });
    assert.equal(other.status, 409);
    assert.equal(other.json.error.code, 'client_id_conflict');
    assert.equal((await storedComments(post.id)).length, 1);
  });

  test('an answer lost after WordPress committed the comment: the resend gets it, one comment in all', async () => {
    const post = await createPost();
    const proxy = await startFaultProxy({ target: wp.url });
    try {
      const proxied = endpoint.replace(wp.url, proxy.url);
      proxy.inject([{ method: 'POST', action: { kind: 'forward-then-drop' } }]);
      const ip = newReaderIp();
      const body = {
        clientId: randomUUID(),
        parentId: null,
        author: { name: 'Night Owl', email: `owl-${randomUUID()}@example.test`, url: null },
        body: 'Posted on a train, in a tunnel.',
        hp: '',
      };
      const init = {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        ip,
      };
      await assert.rejects(request(threadUrl(proxied, post.id), init));
      assert.deepEqual(
        proxy.log().map((entry) => entry.status),
        ['dropped'],
      );
      const retry = await request(threadUrl(proxied, post.id), init);
      answers.push(retry.text);
      assert.equal(retry.status, 200);
      const stored = await storedComments(post.id);
      assert.equal(stored.length, 1);
      assert.equal(String(stored[0].id), retry.json.id);
    } finally {
      await proxy.close();
    }
  });

  test('a second comment within 15 s from one reader is a flood: 429 with Retry-After, nothing stored', async () => {
    const post = await createPost();
    const ip = newReaderIp();
    const first = await send(endpoint, post.id, { ip });
    assert.equal(first.status, 202);
    const second = await send(endpoint, post.id, { ip, body: 'And another thing.' });
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), '15');
    assert.equal(second.json.error.code, 'too_fast');
    assert.equal((await storedComments(post.id)).length, 1);
  });

  test('comments closed: 403 with a clear message', async () => {
    const post = await createPost({ open: false });
    const answer = await send(endpoint, post.id, {});
    assert.equal(answer.status, 403);
    assert.equal(answer.json.error.code, 'comments_closed');
    assert.match(answer.json.error.message, /closed/);
    assert.equal((await storedComments(post.id)).length, 0);
  });

  test('a disallowed word: answered like a held comment, binned, never published, no email', async () => {
    const restore = await setOptions({ disallowed_keys: 'forbiddenword' });
    try {
      const post = await createPost();
      const mailsBefore = (await wp.mails()).length;
      const answer = await send(endpoint, post.id, { body: 'This has a forbiddenword in it.' });
      assert.equal(answer.status, 202);
      assert.equal(answer.json.status, 'pending');
      const stored = await storedComments(post.id);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].approved, 'trash');
      // WordPress's duplicate check skips the bin, so only the clientId stops a resend here.
      const resent = await request(threadUrl(endpoint, post.id), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(answer.sent),
        ip: newReaderIp(),
      });
      answers.push(resent.text);
      assert.equal(resent.status, 200);
      assert.equal(resent.json.id, answer.json.id);
      assert.equal((await storedComments(post.id)).length, 1);
      const page = (await request(threadUrl(endpoint, post.id))).json;
      assert.deepEqual(page.comments, []);
      const mails = (await wp.mails()).slice(mailsBefore);
      assert.deepEqual(
        mails.filter((mail) => /moderate/i.test(mail.subject)),
        [],
      );
    } finally {
      await restore();
    }
  });

  test('missing or wrong fields: 422 naming the field, nothing stored', async () => {
    const post = await createPost({ comments: [{ key: 'A' }] });
    const cases = /** @type {Array<[Parameters<typeof postComment>[2], string, string]>} */ ([
      [{ name: '  ' }, 'author.name', 'name_required'],
      [{ email: null }, 'author.email', 'email_required'],
      [{ email: 'not an email' }, 'author.email', 'email_invalid'],
      [{ body: ' \n ' }, 'body', 'body_required'],
      [{ url: 'javascript:alert(1)' }, 'author.url', 'url_invalid'],
      [{ parentId: '99999999' }, 'parentId', 'parent_not_found'],
    ]);
    for (const [fields, field, code] of cases) {
      const answer = await send(endpoint, post.id, fields);
      assert.equal(answer.status, 422, `${JSON.stringify(fields)}: ${answer.text}`);
      assert.equal(answer.json.error.field, field);
      assert.equal(answer.json.error.code, code);
      assert.ok(answer.json.error.message.length > 0);
    }
    assert.equal((await storedComments(post.id)).length, 1);
  });

  test('a reply to a comment of another post is a 422 on parentId', async () => {
    const other = await createPost({ comments: [{ key: 'A' }] });
    const post = await createPost();
    const answer = await send(endpoint, post.id, { parentId: String(other.comments.A) });
    assert.equal(answer.status, 422);
    assert.equal(answer.json.error.field, 'parentId');
  });

  test('without required name and email, an anonymous comment goes through', async () => {
    const restore = await setOptions({ require_name_email: 0 });
    try {
      const post = await createPost();
      const answer = await send(endpoint, post.id, { name: '', email: null });
      assert.equal(answer.status, 202);
      // As WordPress itself names a comment without a name.
      assert.equal(answer.json.author.name, 'Anonymous');
    } finally {
      await restore();
    }
  });

  test('wrong JSON types are a 400 naming the field', async () => {
    const post = await createPost();
    const wrong = await request(threadUrl(endpoint, post.id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        author: { name: 'A', email: 5 },
        body: 'x',
      }),
      ip: newReaderIp(),
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.field, 'author.email');
    const noKey = await request(threadUrl(endpoint, post.id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ author: { name: 'A' }, body: 'x' }),
      ip: newReaderIp(),
    });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.json.error.field, 'clientId');
    assert.equal((await storedComments(post.id)).length, 0);
  });

  test("WordPress's duplicate check still refuses the same text sent again as a new comment", async () => {
    const post = await createPost();
    const first = await send(endpoint, post.id, { body: 'Exactly this.' });
    const copy = await send(endpoint, post.id, {
      name: first.sent.author.name,
      email: first.sent.author.email,
      body: 'Exactly this.',
    });
    assert.equal(copy.status, 409);
    assert.equal(copy.json.error.code, 'duplicate_comment');
    assert.equal((await storedComments(post.id)).length, 1);
  });

  test('a filled honeypot looks held and keeps nothing', async () => {
    const post = await createPost();
    const answer = await send(endpoint, post.id, { hp: 'https://spam.example/' });
    assert.equal(answer.status, 202);
    assert.equal(answer.json.status, 'pending');
    assert.equal((await storedComments(post.id)).length, 0);
  });
});
