// @ts-check
// Moderator notifications over real SMTP: one email per --notify address for each new comment,
// Approve/Reject links that only a button press on their page can use, signed, expiring and
// single-use; a webhook with retries; and mail that waits in the queue while SMTP is down.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import { selectRows } from './database.js';
import { getJson, postJson, startTestServer, submission, THREAD } from './helpers.js';
import { eventually, FAST_RETRY, linkAfter, startSmtpServer } from './owner-helpers.js';

const NOTIFY = ['owner@example.org', 'helper@example.org'];

/**
 * The emails and webhook calls still waiting in the job queue (a sent one is removed).
 * @param {import('../../server/store.js').CommentStore} store
 * @returns {Promise<{ attempts: number, last_error: string | null }[]>}
 */
const waiting = (store) =>
  selectRows(store, "SELECT attempts, last_error FROM jobs WHERE kind IN ('mail', 'webhook') ORDER BY id");

/**
 * A server with pre-moderation sending through `smtpUrl`.
 * @param {{ after: (fn: () => Promise<void> | void) => void }} t
 * @param {string} smtpUrl
 * @param {Partial<import('../../server/owner/owner.js').OwnerOptions>} [owner]
 */
function notifyingServer(t, smtpUrl, owner = {}) {
  return startTestServer(t, {
    origins: ['https://blog.example.org'],
    owner: { smtp: smtpUrl, from: 'comments@example.org', notify: NOTIFY, retry: FAST_RETRY, ...owner },
  });
}

/** @param {Record<string, unknown>} [overrides] */
const post = (overrides = {}) =>
  submission({
    author: { name: 'Anon', email: 'anon@example.org', url: null },
    body: 'Day 12. Thank you for writing this.',
    pageUrl: 'https://blog.example.org/posts/ninety-days',
    threadTitle: 'Ninety days',
    ...overrides,
  });

describe('new-comment emails', () => {
  test('a held comment: one email per address with its text and an Approve link; the link page changes nothing, its button publishes', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const server = await notifyingServer(t, smtp.url);

    const posted = await postJson(server.commentsUrl(), post());
    assert.equal(posted.status, 202);
    const mails = await smtp.waitFor(2);
    assert.deepEqual(mails.map((mail) => mail.envelopeTo[0]).sort(), [...NOTIFY].sort());
    for (const mail of mails) {
      assert.equal(mail.from?.value[0].address, 'comments@example.org');
      assert.match(mail.subject ?? '', /Please moderate: Anon on "Ninety days"/);
      assert.match(mail.text ?? '', /> Day 12\. Thank you for writing this\./);
      assert.match(mail.text ?? '', /Page: https:\/\/blog\.example\.org\/posts\/ninety-days/);
      assert.match(mail.text ?? '', /Email: anon@example\.org/);
      assert.equal(mail.html, false, 'text only');
    }
    const approve = linkAfter(mails[0].text ?? '', 'Approve: ');
    assert.ok(approve.startsWith(`${server.url}/links/`), approve);

    // What a link scanner does: GET (and HEAD). The comment stays pending.
    const opened = await fetch(approve);
    assert.equal(opened.status, 200);
    const page = await opened.text();
    assert.match(page, /<form method="post"><button type="submit">Approve this comment<\/button><\/form>/);
    assert.match(opened.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal((await fetch(approve, { method: 'HEAD' })).status, 200);
    const before = await getJson(server.commentsUrl());
    assert.equal(before.body.total, 0);
    assert.equal((await server.store.getComment(posted.body.id))?.status, 'pending');

    // The button: a form POST to the same address.
    const pressed = await fetch(approve, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    assert.equal(pressed.status, 200);
    assert.match(await pressed.text(), /<h1>Approved<\/h1>[\s\S]*The comment by Anon is published\./);
    const listed = await getJson(server.commentsUrl());
    assert.deepEqual(
      listed.body.comments.map((/** @type {{ id: string }} */ c) => c.id),
      [posted.body.id],
    );

    // Used once: the second press and the Reject link of the other email change nothing now.
    const again = await fetch(approve, { method: 'POST' });
    assert.equal(again.status, 409);
    assert.match(await again.text(), /This link was already used/);
    const reject = await fetch(linkAfter(mails[1].text ?? '', 'Reject: '), { method: 'POST' });
    assert.equal(reject.status, 200);
    assert.match(await reject.text(), /<h1>Rejected<\/h1>/);
    assert.equal((await getJson(server.commentsUrl())).body.total, 0);
  });

  test('a published comment (moderation off) is announced without Approve links', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const server = await startTestServer(t, {
      moderation: 'off',
      owner: { smtp: smtp.url, notify: ['owner@example.org'], retry: FAST_RETRY },
    });
    assert.equal((await postJson(server.commentsUrl(), post())).status, 201);
    const [mail] = await smtp.waitFor(1);
    assert.match(mail.subject ?? '', /^New comment: Anon/);
    assert.doesNotMatch(mail.text ?? '', /Approve:/);
  });

  test('a reply carries the comment it answers', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const server = await notifyingServer(t, smtp.url, { notify: ['owner@example.org'] });
    const parent = await server.store.insertComment(THREAD, {
      author: { name: 'Sam' },
      body: 'Week one was the worst.',
    });
    await postJson(server.commentsUrl(), post({ parentId: parent.id, body: 'It gets easier.' }));
    const [mail] = await smtp.waitFor(1);
    assert.match(mail.text ?? '', /In reply to Sam \([^)]+\):\n> Week one was the worst\./);
    assert.match(mail.text ?? '', /Comment:\n> It gets easier\./);
  });

  test('HTML and a fake link in a comment stay text: no HTML part, every line quoted, our links apart', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const server = await notifyingServer(t, smtp.url, { notify: ['owner@example.org'] });
    const hostile =
      '<a href="https://evil.example/steal">Approve</a><script>alert(1)</script>\n' +
      'Approve: https://evil.example/approve\n[Reject](https://evil.example/reject)';
    await postJson(
      server.commentsUrl(),
      post({ body: hostile, author: { name: 'Mallory\r\nBcc: victim@example.org', email: null, url: null } }),
    );
    const [mail] = await smtp.waitFor(1);
    assert.equal(mail.html, false);
    assert.deepEqual(mail.envelopeTo, ['owner@example.org'], 'no header injection from the name');
    assert.equal(mail.bcc, undefined);
    assert.match(mail.subject ?? '', /^Please moderate: Mallory Bcc: victim@example\.org on/);
    const text = mail.text ?? '';
    assert.ok(text.includes('> <a href="https://evil.example/steal">Approve</a><script>alert(1)</script>'));
    assert.ok(text.includes('> Approve: https://evil.example/approve'));
    const ours = text.split('\n').filter((line) => line.startsWith('Approve: '));
    assert.equal(ours.length, 1);
    assert.ok(ours[0].startsWith(`Approve: ${server.url}/links/`));
  });

  test('bad links: tampered, malformed, expired, for a deleted comment: a clear page and nothing changes', async (t) => {
    const server = await startTestServer(t, { owner: { smtp: 'log', mailLog: () => {} } });
    const comment = await server.store.insertComment(THREAD, {
      author: { name: 'A' },
      body: 'x',
      status: 'pending',
    });
    const signer = server.owner.signer;
    const good = signer.sign('approve', comment.id);
    const [payload, mac] = good.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        purpose: 'approve',
        subject: 'other',
      }),
    ).toString('base64url');
    const cases = [
      [`${forged}.${mac}`, 400, /This link is not valid/],
      [`${payload}.${mac.slice(0, -2)}AA`, 400, /This link is not valid/],
      ['not-a-token', 400, /This link is not valid/],
      [
        signer.sign('approve', comment.id, { now: Date.now() - 8 * 24 * 3600_000 }),
        410,
        /This link has expired/,
      ],
      [signer.sign('approve', 'deleted-comment'), 404, /no longer exists/],
    ];
    for (const [token, status, text] of /** @type {[string, number, RegExp][]} */ (cases)) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${server.url}/links/${token}`, { method });
        assert.equal(response.status, status, `${method} ${token}`);
        assert.match(await response.text(), text);
      }
    }
    assert.equal((await server.store.getComment(comment.id))?.status, 'pending');
    // And a link of the right shape from another server (another secret) is not valid here.
    const other = await startTestServer(t, {});
    const foreign = other.owner.signer.sign('approve', comment.id);
    assert.equal((await fetch(`${server.url}/links/${foreign}`, { method: 'POST' })).status, 400);
    assert.equal((await server.store.getComment(comment.id))?.status, 'pending');
  });

  test('the SMTP server down while comments arrive: every POST answers at once; the mail goes out when it returns', async (t) => {
    // Find a free port, then leave it closed: connections are refused, as with a server down.
    const probe = await startSmtpServer();
    const port = probe.port;
    await probe.close();
    const server = await notifyingServer(t, `smtp://rc:secret@127.0.0.1:${port}`, {
      notify: ['owner@example.org'],
    });

    const ids = [];
    for (let i = 0; i < 5; i += 1) {
      const posted = await postJson(server.commentsUrl(), post({ body: `Comment ${i} while mail is down.` }));
      assert.equal(posted.status, 202);
      ids.push(posted.body.id);
    }
    // Every attempt so far was refused and rescheduled; all five are still queued.
    await eventually(async () => {
      const jobs = await waiting(server.store);
      return jobs.length === 5 && jobs.every((job) => job.attempts >= 1 && job.last_error !== null);
    });

    const smtp = await startSmtpServer({ port });
    t.after(() => smtp.close());
    const mails = await smtp.waitFor(5);
    assert.deepEqual(
      mails.map((mail) => /Comment (\d) while mail is down/.exec(mail.text ?? '')?.[1]).sort(),
      ['0', '1', '2', '3', '4'],
    );
    await eventually(async () => (await waiting(server.store)).length === 0);
  });

  test('wrong SMTP credentials: refused, retried, never a failed POST', async (t) => {
    const smtp = await startSmtpServer();
    t.after(() => smtp.close());
    const server = await notifyingServer(t, `smtp://rc:wrong@127.0.0.1:${smtp.port}`, {
      notify: ['owner@example.org'],
    });
    assert.equal((await postJson(server.commentsUrl(), post())).status, 202);
    await eventually(async () => {
      const [job] = await waiting(server.store);
      return job !== undefined && job.attempts >= 2 && /auth|credentials|535/i.test(job.last_error ?? '');
    });
    assert.equal(smtp.messages.length, 0);
  });

  test('the webhook gets the event as JSON, retried until it answers 2xx', async (t) => {
    /** @type {unknown[]} */
    const received = [];
    let calls = 0;
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        calls += 1;
        // Down twice, then up.
        if (calls <= 2) {
          response.writeHead(503).end();
          return;
        }
        received.push({ type: request.headers['content-type'], body: JSON.parse(body) });
        response.writeHead(204).end();
      });
    });
    await new Promise((resolve) => hook.listen(0, '127.0.0.1', () => resolve(undefined)));
    t.after(() => new Promise((resolve) => hook.close(() => resolve(undefined))));
    const { port } = /** @type {import('node:net').AddressInfo} */ (hook.address());
    const server = await startTestServer(t, {
      origins: ['https://blog.example.org'],
      owner: { webhook: `http://127.0.0.1:${port}/hook`, retry: FAST_RETRY },
    });
    const posted = await postJson(server.commentsUrl(), post());
    await eventually(() => received.length === 1);
    assert.equal(calls, 3);
    const event = /** @type {{ type: string, body: any }} */ (received[0]);
    assert.equal(event.type, 'application/json');
    assert.equal(event.body.event, 'comment.created');
    assert.match(
      event.body.text,
      /^Waiting for approval: Anon on "Ninety days": Day 12\. Thank you for writing this\. http:\/\/127\.0\.0\.1:\d+\/admin\/$/,
    );
    assert.equal(event.body.comment.id, posted.body.id);
    assert.equal(event.body.comment.body, 'Day 12. Thank you for writing this.');
    assert.equal(event.body.comment.author.email, undefined, 'no email in the webhook');
    assert.equal(event.body.thread.url, 'https://blog.example.org/posts/ninety-days');
    assert.match(event.body.links.approve, /\/links\//);
  });

  test('nothing is sent when nothing is configured', async (t) => {
    const server = await startTestServer(t, {});
    await postJson(server.commentsUrl(), post());
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(await waiting(server.store), []);
    assert.equal((await getJson(server.commentsUrl())).body.offers, undefined);
  });
});
