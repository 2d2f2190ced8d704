// @ts-check
// Reader reply notifications through the HTTP API and a real SMTP server: the offer in page
// answers, the double opt-in, one email per published reply (never the reader's own, never a
// pending one, never before confirming), and RFC 8058 one-click unsubscribe.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getJson, postJson, startTestServer, submission, tempDir } from './helpers.js';
import { FAST_RETRY, linkAfter, startSmtpServer } from './owner-helpers.js';

const PAGE = 'https://blog.example.org/posts/ninety-days';

/** @param {{ after: (fn: () => Promise<void> | void) => void }} t @param {'pre' | 'off'} moderation */
async function setUp(t, moderation = 'off') {
  const smtp = await startSmtpServer();
  t.after(() => smtp.close());
  const server = await startTestServer(t, {
    moderation,
    adminToken: 'token',
    origins: ['https://blog.example.org'],
    owner: { smtp: smtp.url, retry: FAST_RETRY },
  });
  return { smtp, server };
}

/** @param {string} name @param {string | null} email @param {Record<string, unknown>} [extra] */
const by = (name, email, extra = {}) =>
  submission({ author: { name, email, url: null }, pageUrl: PAGE, threadTitle: 'Ninety days', ...extra });

/** Lets the delivery worker run, to show that nothing more arrives. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('reply notifications', () => {
  test('page answers offer them only when SMTP is configured', async (t) => {
    const { server } = await setUp(t);
    assert.deepEqual((await getJson(server.commentsUrl())).body.offers, { notify: true });
    const plain = await startTestServer(t, { owner: { notify: ['owner@example.org'] } });
    assert.equal(
      (await getJson(plain.commentsUrl())).body.offers,
      undefined,
      'emails to the log offer readers nothing',
    );
  });

  test('notify without an email is a clear 422 on the email field, and nothing is stored', async (t) => {
    const { server } = await setUp(t);
    const answer = await postJson(server.commentsUrl(), by('Anon', null, { notify: true }));
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.field, 'author.email');
    assert.equal(answer.body.error.code, 'email_required');
    assert.equal(await server.store.countComments('/posts/ninety-days'), 0);
    const control = await postJson(
      server.commentsUrl(),
      by('Anon', 'a\u0007b@example.org', { notify: true }),
    );
    assert.equal(control.status, 422);
    assert.equal(control.body.error.code, 'email_invalid');
  });

  test('opt in, confirm, get one email per published reply with its link, unsubscribe in one click', async (t) => {
    const { smtp, server } = await setUp(t);
    const asked = await postJson(server.commentsUrl(), by('Reader', 'reader@example.org', { notify: true }));
    assert.equal(asked.status, 201);
    const [confirmation] = await smtp.waitFor(1);
    assert.deepEqual(confirmation.envelopeTo, ['reader@example.org']);
    assert.match(confirmation.subject ?? '', /^Confirm: emails about replies on "Ninety days"/);
    const confirmUrl =
      /(http:\/\/\S+\/links\/\S+)/.exec(confirmation.text ?? '')?.[1] ?? assert.fail('no link');

    // Before confirming, a reply sends nothing.
    await postJson(server.commentsUrl(), by('Early', 'early@example.org', { parentId: asked.body.id }));
    await settle();
    assert.equal(smtp.messages.length, 1);

    // Opening the link only shows the button; pressing it confirms.
    assert.match(await (await fetch(confirmUrl)).text(), /Yes, email me about replies/);
    await settle();
    assert.equal(smtp.messages.length, 1);
    const confirmed = await fetch(confirmUrl, { method: 'POST' });
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /<h1>Confirmed<\/h1>/);

    // The reader's own reply in the thread: no email about it.
    await postJson(server.commentsUrl(), by('Reader', 'READER@example.org', { parentId: asked.body.id }));
    // Someone else's reply: one email.
    const reply = await postJson(
      server.commentsUrl(),
      by('Sam', 'sam@example.org', { parentId: asked.body.id, body: 'Same here.' }),
    );
    const mails = await smtp.waitFor(2);
    await settle();
    assert.equal(smtp.messages.length, 2);
    const notice = mails[1];
    assert.deepEqual(notice.envelopeTo, ['reader@example.org']);
    assert.match(notice.subject ?? '', /^Sam replied to you on "Ninety days"/);
    assert.match(notice.text ?? '', /> Same here\./);
    assert.match(notice.text ?? '', new RegExp(`Read it on the page: ${PAGE}#comment-${reply.body.id}`));
    // The raw header lines, as a mail client reads them (mailparser folds List-* into `list`).
    const header = (/** @type {string} */ name) =>
      notice.headerLines
        .find((line) => line.key === name)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, '');
    const unsubscribe = header('list-unsubscribe') ?? assert.fail('no List-Unsubscribe');
    assert.match(unsubscribe, /^<http:\/\/127\.0\.0\.1:\d+\/links\/[^>]+>$/);
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(linkAfter(notice.text ?? '', 'Stop these emails: '), unsubscribe.slice(1, -1));

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to that URL.
    const clicked = await fetch(unsubscribe.slice(1, -1), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(clicked.status, 200);
    const twice = await fetch(unsubscribe.slice(1, -1), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    assert.equal(twice.status, 200, 'unsubscribing again is not an error');

    await postJson(server.commentsUrl(), by('Kim', 'kim@example.org', { parentId: asked.body.id }));
    await settle();
    assert.equal(smtp.messages.length, 2, 'nothing after unsubscribing');
  });

  test('under pre-moderation a reply is announced when it is approved, once', async (t) => {
    const { smtp, server } = await setUp(t, 'pre');
    const parent = await server.store.insertComment('/posts/ninety-days', {
      author: { name: 'Reader', email: 'reader@example.org' },
      body: 'Day 3.',
    });
    const subscription = 'sub-1';
    await server.owner.owner.addSubscription({
      id: subscription,
      commentId: parent.id,
      email: 'reader@example.org',
      now: new Date().toISOString(),
    });
    await server.owner.owner.setSubscriptionState(subscription, 'confirmed');

    const reply = await postJson(server.commentsUrl(), by('Sam', 'sam@example.org', { parentId: parent.id }));
    assert.equal(reply.status, 202);
    await settle();
    assert.equal(smtp.messages.length, 0, 'never before the reply is published');

    const admin = { authorization: 'Bearer token' };
    await postJson(`${server.endpoint}/admin/comments/${reply.body.id}/approve`, {}, admin);
    const [mail] = await smtp.waitFor(1);
    assert.match(mail.subject ?? '', /^Sam replied to you/);
    await postJson(`${server.endpoint}/admin/comments/${reply.body.id}/reject`, {}, admin);
    await postJson(`${server.endpoint}/admin/comments/${reply.body.id}/approve`, {}, admin);
    await settle();
    assert.equal(smtp.messages.length, 1, 'approving again sends nothing more');
  });

  test('a spam comment asking for notifications gets no confirmation email', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const server = await startTestServer(t, {
      owner: { smtp: smtp.url, retry: FAST_RETRY, trustRules: { blockedWords: ['casino'] } },
    });
    const posted = await postJson(
      server.commentsUrl(),
      by('Bot', 'bot@example.org', { notify: true, body: 'Best casino here' }),
    );
    assert.equal(posted.status, 202);
    await settle();
    assert.equal(smtp.messages.length, 0);
  });
});

describe('approved from the terminal', () => {
  test('`moderate approve` queues the reply email; the running server sends it', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const db = join(tempDir(t), 'comments.db');
    const server = await startTestServer(t, {
      db,
      origins: ['https://blog.example.org'],
      owner: { smtp: smtp.url, retry: FAST_RETRY },
    });
    const parent = await server.store.insertComment('/posts/ninety-days', {
      author: { name: 'Reader', email: 'reader@example.org' },
      body: 'Day 3.',
    });
    await server.owner.owner.addSubscription({
      id: 'sub-cli',
      commentId: parent.id,
      email: 'reader@example.org',
      now: new Date().toISOString(),
    });
    await server.owner.owner.setSubscriptionState('sub-cli', 'confirmed');
    const reply = await postJson(
      server.commentsUrl(),
      by('Sam', 'sam@example.org', { parentId: parent.id, body: 'Approved by hand.' }),
    );
    assert.equal(reply.status, 202);

    const bin = fileURLToPath(new URL('../../server/bin.js', import.meta.url));
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, 'moderate', 'approve', reply.body.id, '--db', db], {
        stdio: 'ignore',
      });
      child.on('close', resolve);
    });
    assert.equal(code, 0);
    const [mail] = await smtp.waitFor(1, 15_000);
    assert.match(mail.subject ?? '', /^Sam replied to you/);
    assert.match(mail.text ?? '', /> Approved by hand\./);
    assert.match(mail.text ?? '', new RegExp(`Stop these emails: ${server.url}/links/`));
  });
});
