// @ts-check
// End to end, a failed load when nothing more can be downloaded (issue 14; run `npm run build`
// first). What only a failure needs comes in files of their own: the owner's hints (with the
// `rc-error` event that carries them) and the failure's wording (the writing side). Offline,
// neither can come, and the page and the reader are still told.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './browser.js';
import { demoServer } from './demo-server.js';
import { eventually } from './wait.js';

const HINTS_CHUNK = /\/backends\/owner-hints-[\w-]+\.js$/;

describe('a failed load offline', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Awaited<ReturnType<typeof demoServer>>} */
  let server;

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    server = await demoServer('off', 'e2e-failure-offline-admin');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'is still reported (rc-error) and shown, with Try again, though the hints and the writing side cannot come; back online it loads',
    { timeout: 60_000 },
    async () => {
      // A short screen: the section is far below, so it loads only once scrolled to.
      const context = await browser.newContext({ viewport: { width: 1000, height: 500 } });
      try {
        await context.addInitScript(() => {
          /** @type {unknown[]} */
          const errors = [];
          Object.defineProperty(window, '__rcErrors', { value: errors });
          document.addEventListener('rc-error', (event) =>
            errors.push(JSON.parse(JSON.stringify(/** @type {CustomEvent} */ (event).detail))),
          );
        });
        const page = await context.newPage();
        /** @type {string[]} */
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        /** @type {string[]} */
        const failed = [];
        page.on('requestfailed', (request) => failed.push(new URL(request.url()).pathname));
        // The writing side cannot come either, not even while online (a far section fetches it when
        // the page is idle): the failure must be said with the main file's words alone.
        const WRITE_CHUNK = /\/recovery-comments-write-.+\.js$/;
        await context.route(WRITE_CHUNK, (route) => route.abort());
        await page.goto(server.url + '/');
        await page.evaluate(() => customElements.whenDefined('recovery-comments'));
        const section = page.locator('recovery-comments');
        assert.equal(await section.locator('li[part~="comment"]').count(), 0, 'loaded before it was near');

        await context.setOffline(true);
        await section.evaluate((element) => element.scrollIntoView());
        const alert = section.locator('[part="state"][role="alert"]');
        await alert.waitFor();
        assert.match((await alert.textContent()) ?? '', /The comments could not be loaded\./);
        await eventually(async () =>
          assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__rcErrors), [
            { message: 'Could not reach the comments server.', status: null },
          ]),
        );
        // It was asked for, and could not come: the event came without it.
        assert.ok(
          failed.some((path) => HINTS_CHUNK.test(path)),
          `failed requests: ${failed.join(', ')}`,
        );
        // The writing side was asked for too, and could not come: the failure's words are the main file's.
        assert.ok(
          failed.some((path) => WRITE_CHUNK.test(path)),
          `failed requests: ${failed.join(', ')}`,
        );

        assert.equal(await section.getByRole('button', { name: 'Try again' }).count(), 1);
        // Back online, the thread loads by itself.
        await context.unroute(WRITE_CHUNK);
        await context.setOffline(false);
        await section.locator('li[data-comment-id="c5"]').waitFor();
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    },
  );
});
