// @ts-check
// End to end, the split bundle (issue 14): the thread comes in the main file, the writing side
// (reply form, drafts, outbox) in a second file fetched as soon as the last comment is in. A
// reader whose connection drops the moment the comments appear must still be able to reply,
// and their comment must reach the server once when the connection returns.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../server/app.js';
import { launchChromium, watchedPage } from './browser.js';
import { demoServer } from './demo-server.js';
import { eventually, sleep } from './wait.js';

const THREAD = '/posts/first-ninety-days/';

/**
 * Opens the reply form under comment `id`, types `body` key by key and posts it as `name`.
 * @param {import('playwright-core').Page} page @param {string} id @param {string} body @param {string} name
 */
async function postReply(page, id, body, name) {
  await page.locator(`li[data-comment-id="${id}"] > article [part="reply-button"]`).click();
  const form = page.locator(`li[data-comment-id="${id}"] > rc-composer`);
  await form.waitFor();
  await form.getByRole('textbox', { name: 'Comment', exact: true }).pressSequentially(body);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await form.getByRole('button', { name: 'Post Comment' }).click();
}

/**
 * The published comments of `thread` whose text is `body`, as the server stored them.
 * @param {{ store: any }} server @param {string} thread @param {string} body
 */
async function storedWith(server, thread, body) {
  const all = await server.store.listForModeration({ status: 'published', thread, limit: 2000 });
  return /** @type {Array<{ parentId: string | null }>} */ (
    all.filter((/** @type {{ body: string }} */ comment) => comment.body === body)
  );
}

/**
 * Waits until `body` is stored (once so far), and checks it is a reply to `parentId`.
 * @param {{ store: any }} server @param {string} thread @param {string} body @param {string} parentId
 */
async function storedUnder(server, thread, body, parentId) {
  await eventually(async () => assert.equal((await storedWith(server, thread, body)).length, 1));
  assert.equal((await storedWith(server, thread, body))[0]?.parentId, parentId);
}

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
        const { page, errors, scripts } = await watchedPage(context);

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

        const body = `Written on the train as the signal went (${Date.now()}).`;
        await postReply(page, 'c5', body, 'Night Train');
        const echo = page.locator('li[part~="comment-unsent"]', { hasText: body });
        await echo.waitFor();

        const stored = () => storedWith(server, THREAD, body);
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

  it(
    'a thread that fills in over several frames: the writing side is asked for once the last comment is in, and a reader offline right then can still reply',
    { timeout: 90_000 },
    async () => {
      // 50 conversations of 30 comments: more than render at once, so they come in chunks.
      const thread = '/posts/a-long-night/';
      /** @type {Array<{ id: string, parentId: string | null, author: { name: string }, body: string, createdAt: string }>} */
      const comments = [];
      for (let top = 0; top < 50; top++)
        for (let reply = 0; reply < 30; reply++)
          comments.push({
            id: `t${top}-${reply}`,
            // Three replies a comment at most, three levels deep: none is held back or flattened.
            parentId: reply === 0 ? null : `t${top}-${Math.floor((reply - 1) / 3)}`,
            author: { name: `Reader ${top}.${reply}` },
            body: `Comment ${reply} of conversation ${top}.`,
            createdAt: new Date(Date.UTC(2026, 0, 1, 0, top, reply)).toISOString(),
          });
      const folder = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-long-'));
      writeFileSync(
        path.join(folder, 'long.html'),
        `<!doctype html><html lang="en"><title>A long night</title><h1>A long night</h1>
        <recovery-comments endpoint="/api" thread="${thread}"></recovery-comments>
        <script type="module" src="/recovery-comments.js"></script>`,
      );
      const long = await startServer({
        port: 0,
        host: '127.0.0.1',
        moderation: 'off',
        adminToken: 'e2e-write-chunk-long-admin',
        staticDirs: [folder, 'dist'],
        logger: false,
      });
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      try {
        await long.store.insertComments(thread, comments);
        const page = await context.newPage();
        /** @type {string[]} */
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        // When each batch of comments lands in the shadow root (a mutation observer runs before
        // any promise callback queued after the same update), and how many there were.
        await page.addInitScript(() => {
          const seen = /** @type {Array<[number, number]>} */ ([]);
          Object.defineProperty(window, '__filling', { value: seen });
          customElements.whenDefined('recovery-comments').then(() => {
            const root = /** @type {ShadowRoot} */ (document.querySelector('recovery-comments')?.shadowRoot);
            new MutationObserver(() =>
              seen.push([performance.now(), root.querySelectorAll('[part~="comment"]').length]),
            ).observe(root, { childList: true, subtree: true });
          });
        });
        const writingSide = page.waitForResponse((response) =>
          /\/recovery-comments-write-.+\.js$/.test(response.url()),
        );
        await page.goto(`${long.url}/long.html`);
        await page.waitForFunction(
          () =>
            document.querySelector('recovery-comments')?.shadowRoot?.querySelectorAll('[part~="comment"]')
              .length === 1500,
          null,
          { polling: 'raf', timeout: 30_000 },
        );
        // Offline as soon as the writing side, asked for once the comments are in, has come.
        await writingSide;
        await context.setOffline(true);

        const { filling, asked } = await page.evaluate(() => ({
          filling: /** @type {Array<[number, number]>} */ (/** @type {any} */ (window).__filling),
          asked: performance
            .getEntriesByType('resource')
            .filter((entry) => /\/recovery-comments-write-.+\.js$/.test(entry.name))
            .map((entry) => entry.startTime),
        }));
        const counts = [...new Set(filling.map(([, count]) => count).filter((count) => count > 0))];
        assert.ok(counts.length > 2, `rendered in one go, not in chunks: ${counts.join(', ')}`);
        const allIn = filling.find(([, count]) => count === 1500)?.[0];
        assert.ok(allIn !== undefined, 'never saw all 1,500 comments');
        assert.equal(asked.length, 1, 'the writing side was not asked for exactly once');
        assert.ok(
          /** @type {number} */ (asked[0]) >= allIn,
          `the writing side was asked for at ${asked[0]} ms, before the last comment was in at ${allIn} ms`,
        );

        const body = `Still here at the end of the thread (${Date.now()}).`;
        await postReply(page, 't49-0', body, 'Late Reader');
        await page.locator('li[part~="comment-unsent"]', { hasText: body }).waitFor();

        await context.setOffline(false);
        await storedUnder(long, thread, body, 't49-0');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
        await long.close();
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );

  it(
    'a first load that failed with the connection (the writing side could not come either) recovers on `online`: the thread shows and a reply is sent',
    { timeout: 90_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1000, height: 6000 } });
      try {
        const page = await context.newPage();
        /** @type {string[]} */
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        // The connection goes right after the page and the main file came: the thread request
        // fails, and so does the writing side, which a failed load asks for (its wording).
        const dropped = /\/api\/|\/recovery-comments-write-.+\.js$/;
        /** @type {string[]} */
        const refused = [];
        await context.route(dropped, (route) => {
          refused.push(new URL(route.request().url()).pathname);
          return route.abort('internetdisconnected');
        });
        await page.goto(server.url + '/');
        await page.locator('[part="state"][role="alert"]').waitFor();
        await eventually(async () =>
          assert.ok(
            refused.some((path) => /\/recovery-comments-write-.+\.js$/.test(path)),
            `refused: ${refused.join(', ')}`,
          ),
        );

        // The connection comes back: the browser says so with `online`.
        await context.setOffline(true);
        await context.unroute(dropped);
        await context.setOffline(false);
        const shown = page.locator('li[data-comment-id="c5"]');
        await shown.waitFor({ state: 'attached' });

        // The writing side is fetched again, not remembered as failed: the form opens and sends.
        const body = `Back on the network after a bad start (${Date.now()}).`;
        await postReply(page, 'c5', body, 'Slow Start');
        await storedUnder(server, THREAD, body, 'c5');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    },
  );
});
