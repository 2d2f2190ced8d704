// @ts-check
// End to end, the split bundle (issue 14): the thread comes in the main file, the writing side
// (reply form, drafts, outbox) in a second file fetched as soon as the comments are shown. A
// reader whose connection drops the moment the comments appear must still be able to reply,
// and their comment must reach the server once when the connection returns.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './browser.js';
import { demoServer } from './demo-server.js';
import { eventually, sleep } from './wait.js';

const THREAD = '/posts/first-ninety-days/';

describe('the writing side, loaded after the thread', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Awaited<ReturnType<typeof demoServer>>} */
  let server;

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    assert.ok(
      readdirSync('dist').some((name) => /^recovery-comments-write-.+\.js$/.test(name)),
      'the build has no write chunk',
    );
    server = await demoServer('off', 'e2e-write-chunk-admin');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'a reader who goes offline as the comments appear can still reply, and it is sent once back online',
    { timeout: 90_000 },
    async () => {
      // A screen tall enough that the section is in reach at once: it loads the thread without
      // scrolling, so nothing but the shown comments can have asked for the writing side.
      const context = await browser.newContext({ viewport: { width: 1000, height: 6000 } });
      try {
        const page = await context.newPage();
        /** @type {string[]} */
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        /** @type {string[]} */
        const scripts = [];
        page.on('request', (request) => {
          if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
        });

        await page.goto(server.url + '/');
        const shown = page.locator('li[data-comment-id="c5"]');
        await shown.waitFor({ state: 'attached' });
        // Every request fails from here on: nothing more can be fetched.
        await context.setOffline(true);
        assert.equal(
          await page.evaluate(() => navigator.onLine),
          false,
          'the page does not know it is offline',
        );

        await page.locator('li[data-comment-id="c5"] > article [part="reply-button"]').click();
        const form = page.locator('li[data-comment-id="c5"] > rc-composer');
        await form.waitFor();
        const body = `Written on the train as the signal went (${Date.now()}).`;
        await form.getByRole('textbox', { name: 'Comment', exact: true }).pressSequentially(body);
        await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Night Train');
        await form.getByRole('button', { name: 'Post Comment' }).click();
        const echo = page.locator('li[part~="comment-unsent"]', { hasText: body });
        await echo.waitFor();

        const stored = async () => {
          const all = await server.store.listForModeration({ status: 'published', thread: THREAD });
          return all.filter((comment) => comment.body === body);
        };
        assert.equal((await stored()).length, 0, 'sent while offline');

        await context.setOffline(false);
        await eventually(async () => assert.equal((await stored()).length, 1));
        await eventually(async () => assert.equal(await echo.count(), 0, 'its echo stayed'));
        // Still once, after the outbox has had time to send it again if it were going to.
        await sleep(1500);
        assert.equal((await stored()).length, 1, 'sent more than once');
        assert.equal((await stored())[0]?.parentId, 'c5');

        // The writing side came as its own file, after the thread's.
        assert.ok(
          scripts.some((path) => /\/recovery-comments-write-.+\.js$/.test(path)),
          `scripts fetched: ${scripts.join(', ')}`,
        );
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    },
  );
});
