// @ts-check
// The moderation app in real Chromium against the real server: sign in, the queue with its
// context, approve by click and by keyboard, reject, search, pages of a long queue, settings,
// sign out; axe on every screen; no CSP violation and no script error; usable on a phone.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../server/app.js';
import { hashPassword } from '../../server/owner/passwords.js';
import { launchChromium } from './browser.js';

const EMAIL = 'mod@example.org';
const PASSWORD = 'correct horse battery';
const THREAD = '/posts/ninety-days';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A server with one moderator and a thread whose page and title it knows. */
async function moderatedServer() {
  const server = await startServer({ port: 0, host: '127.0.0.1', logger: false });
  await server.owner.owner.saveModerator({
    email: EMAIL,
    name: 'Mod',
    passwordHash: await hashPassword(PASSWORD),
  });
  await server.owner.owner.noteThread(
    THREAD,
    { url: `${server.url}/posts/ninety-days`, title: 'Ninety days' },
    new Date().toISOString(),
  );
  return server;
}

/**
 * @param {import('../../server/app.js').RunningServer} server
 * @param {string} name
 * @param {string} body
 * @param {Partial<import('../../server/store.js').NewComment>} [extra]
 */
function pending(server, name, body, extra = {}) {
  return server.store.insertComment(THREAD, {
    author: { name, email: `${name.toLowerCase()}@example.org` },
    body,
    status: 'pending',
    ...extra,
  });
}

/** The published comments of the thread, as readers get them. */
async function publicIds(/** @type {import('../../server/app.js').RunningServer} */ server) {
  const page = await (
    await fetch(`${server.endpoint}/threads/${encodeURIComponent(THREAD)}/comments`)
  ).json();
  return page.comments.map((/** @type {{ id: string }} */ comment) => comment.id);
}

describe('the moderation app', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  before(async () => {
    assert.ok(existsSync('dist/admin/index.html'), 'run `npm run build` first');
    browser = await launchChromium();
  });
  after(() => browser?.close());

  /** A page that records CSP violations and script errors, and can run axe. */
  async function openApp(
    /** @type {string} */ url,
    /** @type {{ width: number, height: number }} */ viewport = { width: 1280, height: 900 },
  ) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page.on('console', (message) => {
      // Expected refusals the pages show (signed out, a wrong password: 401; a used link: 409; a bad rule: 422)
      // are logged by Chromium as failed loads; anything else is a problem.
      if (message.type() === 'error' && !/status of (401|409|422) /.test(message.text()))
        problems.push(message.text());
    });
    await page.goto(url);
    /** axe on the whole page, shadow roots included; returns the serious and critical violations. */
    const axe = async (/** @type {string} */ screen) => {
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        // @ts-expect-error axe is injected above
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((/** @type {any} */ v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.length,
        }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], `axe on ${screen}: ${JSON.stringify(violations)}`);
    };
    return { page, context, problems, axe };
  }

  it('sign in, see the context, approve by click and by keyboard, reject, search, settings, sign out', async () => {
    const server = await moderatedServer();
    try {
      const parent = await server.store.insertComment(THREAD, {
        author: { name: 'Sam' },
        body: 'Week one was the hardest.',
      });
      const first = await pending(server, 'Ana', 'It gets easier, Sam.', {
        parentId: parent.id,
        createdAt: '2026-11-01T10:00:00Z',
      });
      const second = await pending(server, 'Ben', 'Day 40 here.', { createdAt: '2026-11-01T11:00:00Z' });
      const third = await pending(server, 'Cy', 'Selling things.', { createdAt: '2026-11-01T12:00:00Z' });
      const fourth = await pending(server, 'Dee', 'Looking for a meeting near the river.', {
        createdAt: '2026-11-01T13:00:00Z',
      });
      const { page, problems, axe } = await openApp(`${server.url}/admin/`);

      // Sign-in screen, then a wrong password: a clear message tied to the field.
      await page.getByRole('heading', { name: 'Sign in to moderate comments' }).waitFor();
      await axe('sign-in');
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill('wrong password!');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
      assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
      await axe('sign-in error');

      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const anaCard = page.locator('article', { hasText: 'It gets easier, Sam.' });
      await anaCard.waitFor();
      await axe('queue');
      // Oldest first, with the thread, the comment it answers, name, email and when.
      const names = await page.locator('article .who').allInnerTexts();
      assert.deepEqual(names, ['Ana', 'Ben', 'Cy', 'Dee']);
      assert.match(await anaCard.innerText(), /ana@example\.org/);
      assert.match(await anaCard.innerText(), /Nov 1, 2026, 10:00 AM UTC/);
      assert.match(await anaCard.innerText(), /In reply to Sam:\s*Week one was the hardest\./);
      assert.equal(
        await anaCard.getByRole('link', { name: 'Ninety days' }).getAttribute('href'),
        `${server.url}/posts/ninety-days#comment-${first.id}`,
      );
      assert.match(await page.getByRole('button', { name: /^Pending/ }).innerText(), /\(4\)/);

      // Approve with a click: gone from the queue, in the public thread at once.
      await anaCard.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Approved 1 comment.' }).waitFor();
      await anaCard.waitFor({ state: 'detached' });
      assert.deepEqual(await publicIds(server), [parent.id, first.id]);

      // Approve with the keyboard: j to the first comment (Ben), a to approve.
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      const focused = () =>
        page.evaluate(() => {
          const queue = document.querySelector('rc-admin-app')?.shadowRoot?.querySelector('rc-admin-queue');
          return queue?.shadowRoot?.activeElement?.textContent ?? '';
        });
      assert.match(await focused(), /Day 40 here\./);
      await page.keyboard.press('a');
      await page.locator('article', { hasText: 'Day 40 here.' }).waitFor({ state: 'detached' });
      assert.ok((await publicIds(server)).includes(second.id));
      // The comment that took its place has the focus: the next key acts on it.
      await page.waitForFunction(
        () =>
          document
            .querySelector('rc-admin-app')
            ?.shadowRoot?.querySelector('rc-admin-queue')
            ?.shadowRoot?.activeElement?.textContent?.includes('Selling things.') ?? false,
      );
      assert.match(await focused(), /Selling things\./);

      // Reject another: it leaves the queue, the Rejected tab counts it, readers never see it.
      await page
        .locator('article', { hasText: 'Selling things.' })
        .getByRole('button', { name: 'Reject', exact: true })
        .click();
      await page.getByRole('button', { name: /^Rejected \(1\)/ }).waitFor();
      assert.ok(!(await publicIds(server)).includes(third.id));

      // Search for a third.
      await pending(server, 'Eve', 'Thank you all for this thread.');
      await page.getByLabel('Search text, name or email').fill('river');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Pending comments matching “river”/ }).waitFor();
      assert.deepEqual(await page.locator('article .who').allInnerTexts(), ['Dee']);
      await axe('search results');
      assert.ok(fourth.id);

      // Settings, then sign out: the session ends on the server too.
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Trust rules' }).waitFor();
      await axe('settings');
      await page.getByLabel('IP addresses or ranges (203.0.113.0/24)').fill('10.0.0.0/33');
      await page.getByRole('button', { name: 'Save the rules' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: '"10.0.0.0/33" is not an IP address or range' })
        .waitFor();
      assert.equal(
        await page.getByLabel('IP addresses or ranges (203.0.113.0/24)').getAttribute('aria-describedby'),
        'settings-error',
      );
      await axe('settings error');
      await page.getByLabel('IP addresses or ranges (203.0.113.0/24)').fill('203.0.113.0/24');
      await page.getByLabel('Hold comments with more links than').fill('4');
      await page.getByRole('button', { name: 'Save the rules' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      assert.deepEqual(
        [(await server.owner.rules()).maxLinks, (await server.owner.rules()).blockedIps],
        [4, ['203.0.113.0/24']],
      );

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to moderate comments' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in to moderate comments' }).waitFor();
      const cookies = await page.context().cookies();
      assert.equal(cookies.find((cookie) => cookie.name === 'rc_session')?.value ?? '', '');
      assert.deepEqual(problems, [], 'no CSP violation, no script error');
    } finally {
      await server.close();
    }
  });

  it('several at once, delete with a confirmation, reply as moderator', async () => {
    const server = await moderatedServer();
    try {
      const ids = [];
      for (const name of ['Ana', 'Ben', 'Cy'])
        ids.push((await pending(server, name, `Hello from ${name}.`)).id);
      const { page, problems, axe } = await openApp(`${server.url}/admin/`);
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.keyboard.press('Enter');
      await page.locator('article').first().waitFor();

      await page.getByRole('checkbox', { name: 'Select the comment by Ana' }).check();
      await page.getByRole('checkbox', { name: 'Select the comment by Ben' }).check();
      await page.getByRole('button', { name: 'Approve selected' }).click();
      await page.getByRole('status').filter({ hasText: 'Approved 2 comments.' }).waitFor();
      assert.deepEqual((await publicIds(server)).sort(), [ids[0], ids[1]].sort());

      await page
        .locator('article', { hasText: 'Hello from Cy.' })
        .getByRole('button', { name: 'Delete', exact: true })
        .click();
      await page.getByRole('alertdialog').waitFor();
      await axe('delete confirmation');
      await page.getByRole('button', { name: 'Delete for good' }).click();
      await page.getByText('Nothing here.').waitFor();
      assert.equal(await server.store.getComment(ids[2]), null);

      await page.getByRole('button', { name: /^Published/ }).click();
      const ana = page.locator('article', { hasText: 'Hello from Ana.' });
      await ana.getByRole('button', { name: 'Reply' }).click();
      await page.getByLabel('Your reply to Ana').fill('Welcome, Ana.');
      await page.getByRole('button', { name: 'Publish reply' }).click();
      await page.getByRole('status').filter({ hasText: 'Your reply is published.' }).waitFor();
      const thread = await (
        await fetch(`${server.endpoint}/threads/${encodeURIComponent(THREAD)}/comments`)
      ).json();
      const reply = thread.comments.find((/** @type {any} */ c) => c.body === 'Welcome, Ana.');
      assert.equal(reply?.byOwner, true);
      assert.equal(reply?.parentId, ids[0]);
      assert.deepEqual(problems, []);
    } finally {
      await server.close();
    }
  });

  it('1,000 pending comments come in pages of 50; on a phone nothing overflows sideways', async () => {
    const server = await moderatedServer();
    try {
      await server.store.insertComments(
        THREAD,
        Array.from({ length: 1000 }, (_, i) => ({
          id: `p${String(i).padStart(4, '0')}`,
          author: { name: `Reader ${i}`, email: `r${i}@example.org` },
          body: `Comment number ${i}, with a long unbroken word: ${'a'.repeat(80)}`,
          status: /** @type {const} */ ('pending'),
          createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000),
        })),
      );
      const { page, problems, axe } = await openApp(`${server.url}/admin/`, { width: 390, height: 844 });
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Showing 1–50 of 1,000.').waitFor();
      assert.equal(await page.locator('article').count(), 50);
      await axe('queue on a phone');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Showing 51–100 of 1,000.').waitFor();
      assert.match(await page.locator('article .who').first().innerText(), /^Reader 50$/);
      assert.deepEqual(problems, []);
    } finally {
      await server.close();
    }
  });

  it('an Approve link from an email: the page only asks; its button publishes; both pages pass axe', async () => {
    const server = await moderatedServer();
    try {
      const comment = await pending(server, 'Ana', 'Approve me <b>as text</b>.');
      const token = server.owner.signer.sign('approve', comment.id);
      const { page, problems, axe } = await openApp(`${server.url}/links/${token}`);
      await page.getByRole('heading', { name: 'Approve this comment?' }).waitFor();
      assert.match(await page.locator('blockquote').innerText(), /Approve me <b>as text<\/b>\./);
      await axe('approve link page');
      assert.deepEqual(await publicIds(server), [], 'opening the link changed nothing');
      await page.getByRole('button', { name: 'Approve this comment' }).click();
      await page.getByRole('heading', { name: 'Approved' }).waitFor();
      await axe('approved page');
      assert.deepEqual(await publicIds(server), [comment.id]);
      await page.reload();
      await page.getByRole('heading', { name: 'This link was already used' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await server.close();
    }
  });
});
