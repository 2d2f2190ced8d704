// @ts-check
// End to end, what the build does to the bundle (issue 14): the styles it turns into static
// CSSResults still style the section, and the scrolling to a linked comment, its own file, is
// fetched only by a page that links to a comment, and still brings that comment to the top.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { SourceMapConsumer } from 'source-map-js';
import { launchChromium, watchedPage } from './browser.js';
import { demoServer } from './demo-server.js';
import { eventually, sleep } from './wait.js';

const SCROLL_CHUNK = /\/recovery-comments-comment-scroll-.+\.js$/;

/**
 * Strings only lit-html's built code has, whatever the minifier does: the version list it pushes
 * to on the global object, the brands on a template result and on a rendered container.
 */
const LIT_HTML_MARKERS = ['litHtmlVersions', '_$litType$', '_$litPart$'];
/** Strings only LitElement's and Lit's ReactiveElement's built code has (both were in the main file once). */
const LIT_ELEMENT_MARKERS = ['litElementVersions', '_$litElement$', 'reactiveElementVersions'];

describe('the built bundle', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Awaited<ReturnType<typeof demoServer>>} */
  let server;

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    server = await demoServer('off', 'e2e-built-bundle-admin');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * Opens the demo page at `hash`, with the scripts it fetched and its errors.
   * @param {string} hash
   * @param {{ width: number, height: number }} viewport
   */
  async function open(hash, viewport) {
    const context = await browser.newContext({ viewport });
    const { page, errors, scripts } = await watchedPage(context);
    await page.goto(server.url + '/' + hash);
    return { context, page, errors, scripts };
  }

  it('carries no lit-html and no Lit element class in either file, the main file or the writing side', () => {
    const main = readFileSync('dist/recovery-comments.js', 'utf8');
    const writeFile = readdirSync('dist').find((name) => /^recovery-comments-write-.+\.js$/.test(name));
    assert.ok(writeFile, 'the build has no write chunk');
    const writing = readFileSync(`dist/${writeFile}`, 'utf8');
    // The markers are there where Lit is, in the moderation app (LitElement, the same Vite and
    // no property mangling in either build): the check would see lit-html come back.
    const adminFile = readdirSync('dist/admin/assets').find((name) => name.endsWith('.js'));
    assert.ok(adminFile, 'the build has no moderation app');
    const admin = readFileSync(`dist/admin/assets/${adminFile}`, 'utf8');
    assert.deepEqual(
      [...LIT_HTML_MARKERS, ...LIT_ELEMENT_MARKERS].filter((marker) => !admin.includes(marker)),
      [],
      'the moderation app lost a marker',
    );
    // Both elements extend our own UpdatingElement and render plain DOM.
    for (const [name, code] of [
      ['the main file', main],
      ['the writing side', writing],
    ]) {
      assert.deepEqual(
        LIT_HTML_MARKERS.filter((marker) => code.includes(marker)),
        [],
        `lit-html is in ${name}`,
      );
      assert.deepEqual(
        LIT_ELEMENT_MARKERS.filter((marker) => code.includes(marker)),
        [],
        `LitElement or Lit's ReactiveElement is in ${name}`,
      );
    }
  });

  it('starts both entry files with the compile hint, and their source maps still point at our sources', () => {
    for (const file of ['dist/recovery-comments.js', 'dist/recovery-comments.iife.js']) {
      const lines = readFileSync(file, 'utf8').split('\n');
      assert.equal(lines[0], '//# allFunctionsCalledOnLoad', `${file} starts with the hint`);
      const map = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      // The one place the section emits rc-loaded: a map a line off would name no source here.
      const line = lines.findIndex((text) => text.includes('"rc-loaded"'));
      assert.ok(line > 0, `${file} emits rc-loaded`);
      const column = lines[line]?.indexOf('"rc-loaded"') ?? -1;
      const original = map.originalPositionFor({ line: line + 1, column });
      assert.match(
        String(original.source),
        /src\/recovery-comments\.ts$/,
        `${file}: ${JSON.stringify(original)}`,
      );
      const source = map.sourceContentFor(String(original.source));
      assert.match(source?.split('\n')[original.line - 1] ?? '', /'rc-loaded'/);
    }
  });

  it('styles the section, its themes and the reply form', { timeout: 60_000 }, async () => {
    // A screen tall enough that the section is in reach at once.
    const { context, page, errors } = await open('', { width: 1000, height: 6000 });
    try {
      await page.locator('li[data-comment-id="c5"]').waitFor({ state: 'attached' });
      const section = page.locator('recovery-comments');
      // The live region is hidden to the eye (tokens.ts), the comments list unstyled (thread.ts).
      const status = page.locator('recovery-comments [role="status"]');
      assert.deepEqual(
        await status.evaluate((element) => [element.clientWidth, getComputedStyle(element).position]),
        [1, 'absolute'],
      );
      assert.equal(
        await page
          .locator('recovery-comments ol[part="thread"]')
          .evaluate((list) => getComputedStyle(list).listStyleType),
        'none',
      );
      await section.evaluate((element) => element.setAttribute('theme', 'dark'));
      await eventually(async () =>
        assert.deepEqual(
          await section.evaluate((element) => {
            const style = getComputedStyle(element);
            return [style.colorScheme, style.color];
          }),
          ['dark', 'rgb(232, 230, 227)'],
        ),
      );
      // The reply form's own styles (composer.ts) come with the writing side.
      const submit = page.locator('recovery-comments rc-composer [part="submit-button"]').first();
      await submit.waitFor();
      assert.equal(await submit.evaluate((button) => getComputedStyle(button).fontWeight), '600');
      assert.notEqual(
        await submit.evaluate((button) => getComputedStyle(button).backgroundColor),
        'rgba(0, 0, 0, 0)',
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it(
    'fetches the scrolling code only for a link to a comment, and scrolls that comment to the top',
    {
      timeout: 60_000,
    },
    async () => {
      const plain = await open('', { width: 1000, height: 700 });
      try {
        await sleep(500);
        assert.ok(
          !plain.scripts.some((path) => SCROLL_CHUNK.test(path)),
          `fetched: ${plain.scripts.join(', ')}`,
        );
      } finally {
        await plain.context.close();
      }

      const linked = await open('#comment-c10', { width: 1000, height: 700 });
      try {
        const target = linked.page.locator('li[data-comment-id="c10"]');
        await eventually(async () =>
          assert.ok(
            Math.abs(await target.evaluate((element) => element.getBoundingClientRect().top)) < 2,
            'the linked comment is not at the top',
          ),
        );
        assert.ok(
          linked.scripts.some((path) => SCROLL_CHUNK.test(path)),
          `fetched: ${linked.scripts.join(', ')}`,
        );
        assert.equal(await target.getAttribute('part'), 'comment comment-target');
        assert.deepEqual(linked.errors, []);
      } finally {
        await linked.context.close();
      }
    },
  );

  it(
    'writes English dates as Intl does, in any time zone (they are written without Intl)',
    { timeout: 60_000 },
    async () => {
      // Half-hour and 45-minute offsets, and a 30-minute summer time, beside the usual ones.
      for (const timezoneId of [
        'America/New_York',
        'Asia/Kolkata',
        'Australia/Lord_Howe',
        'Pacific/Chatham',
      ]) {
        const context = await browser.newContext({ viewport: { width: 1000, height: 6000 }, timezoneId });
        try {
          const page = await context.newPage();
          await page.goto(server.url + '/');
          await page.locator('li[data-comment-id="c5"]').waitFor({ state: 'attached' });
          const dates = await page.evaluate(() => {
            const intl = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
            const root = /** @type {ShadowRoot} */ (document.querySelector('recovery-comments')?.shadowRoot);
            return [...root.querySelectorAll('time[part="date"]')].map((time) => [
              time.textContent,
              intl.format(new Date(/** @type {string} */ (time.getAttribute('datetime')))),
            ]);
          });
          assert.ok(dates.length >= 5, `${timezoneId}: only ${dates.length} dates`);
          for (const [shown, intl] of dates) assert.equal(shown, intl, timezoneId);
        } finally {
          await context.close();
        }
      }
    },
  );
});
