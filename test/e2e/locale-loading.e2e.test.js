// @ts-check
// End to end, the locales on demand (issue 14; run `npm run build` first): an English page
// fetches no locale file, not even the loaders' (`locales/locales-….js`); a page in another
// language fetches the loaders, then its own locale's file, and speaks it, right to left for
// Arabic.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../server/app.js';
import { launchChromium, watchedPage } from './browser.js';
import { sleep } from './wait.js';

const THREAD = '/posts/first-ninety-days/';
const LOADERS = /\/locales\/locales-[\w-]+\.js$/;

describe('the locales, loaded on demand', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {string} */
  let folder;

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    folder = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-locales-'));
    for (const lang of ['en', 'de', 'ar'])
      writeFileSync(
        path.join(folder, `${lang}.html`),
        `<!doctype html><html lang="${lang}"><title>Day ninety-one</title><h1>Day ninety-one</h1>
        <recovery-comments endpoint="/api" thread="${THREAD}"></recovery-comments>
        <script type="module" src="/recovery-comments.js"></script>`,
      );
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      moderation: 'off',
      adminToken: 'e2e-locale-loading-admin',
      staticDirs: [folder, 'dist'],
      seedFile: 'demo/seed.json',
      logger: false,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /**
   * Opens the page in `lang`, with the scripts it fetched (in order) and its errors.
   * @param {string} lang
   */
  async function open(lang) {
    // A screen tall enough that the section is in reach at once.
    const context = await browser.newContext({ viewport: { width: 1000, height: 6000 } });
    const { page, errors, scripts } = await watchedPage(context);
    await page.goto(`${server.url}/${lang}.html`);
    await page.locator('li[data-comment-id="c5"]').waitFor({ state: 'attached' });
    return { context, page, errors, scripts };
  }

  it('an English page fetches no locale file, not even the loaders', { timeout: 60_000 }, async () => {
    const { context, page, errors, scripts } = await open('en');
    try {
      // Time for anything asked for after the comments showed (the writing side) to be asked for.
      await sleep(500);
      assert.ok(
        scripts.some((script) => /\/recovery-comments-write-.+\.js$/.test(script)),
        `the writing side was not fetched, so the wait was too short: ${scripts.join(', ')}`,
      );
      assert.deepEqual(
        scripts.filter((script) => script.includes('/locales/')),
        [],
        `fetched: ${scripts.join(', ')}`,
      );
      const section = page.locator('recovery-comments section[part="section"]');
      assert.equal(await section.getAttribute('lang'), 'en');
      assert.equal(await section.getAttribute('dir'), 'ltr');
      assert.match((await page.locator('recovery-comments h2').textContent()) ?? '', /Responses to/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const [lang, dir] of [
    ['de', 'ltr'],
    ['ar', 'rtl'],
  ])
    it(
      `a page in ${lang} fetches the loaders, then its locale, and speaks it (${dir})`,
      { timeout: 60_000 },
      async () => {
        const { context, page, errors, scripts } = await open(lang);
        try {
          const section = page.locator(`recovery-comments section[part="section"][lang="${lang}"]`);
          await section.waitFor({ state: 'attached' });
          assert.equal(await section.getAttribute('dir'), dir);
          const reply = page.locator('li[data-comment-id="c5"] > article [part="reply-button"]');
          assert.notEqual((await reply.textContent())?.trim(), 'Reply', 'the Reply button is still English');
          const loaders = scripts.findIndex((script) => LOADERS.test(script));
          const own = scripts.findIndex((script) =>
            new RegExp(`/locales/${lang}-[\\w-]+\\.js$`).test(script),
          );
          assert.ok(loaders >= 0 && own > loaders, `fetched: ${scripts.join(', ')}`);
          assert.equal(
            scripts.filter((script) => script.includes('/locales/')).length,
            2,
            `other locales fetched too: ${scripts.join(', ')}`,
          );
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      },
    );
});
