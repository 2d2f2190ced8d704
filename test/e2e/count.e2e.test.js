// @ts-check
// End to end: the built count script (dist/recovery-comments-count.js) on index pages served by
// one reference server, counting comments of another (a blog and its comments API on different
// origins), in Debian's Chromium: one request for a page of 20 counts, the right numbers, and
// German on a German page.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../server/app.js';
import { launchChromium } from './browser.js';

const SCRIPT = 'dist/recovery-comments-count.js';
const POSTS = 20;
const author = { name: 'Anon', email: 'anon@example.org' };
/** Post i has i published comments (some of them replies), plus one pending and one rejected. */
const threadOf = (/** @type {number} */ i) => `/posts/${i}/`;

/**
 * An index page: `POSTS` post titles, each with a count element.
 * @param {{ lang: string, endpoint: string, script: string }} options
 */
function indexPage({ lang, endpoint, script }) {
  const posts = Array.from(
    { length: POSTS },
    (_, i) =>
      `<article><h2>Post ${i}</h2><a href="${threadOf(i)}#comments">` +
      `<recovery-comments-count endpoint="${endpoint}" thread="${threadOf(i)}">Comments</recovery-comments-count></a></article>`,
  );
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Index</title>${script}</head>
<body>${posts.join('\n')}</body></html>`;
}

describe('the count script on index pages', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let api;
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let blog;
  /** @type {string} */
  let pages;

  before(async () => {
    assert.ok(existsSync(SCRIPT), 'run `npm run build` first');
    pages = mkdtempSync(join(tmpdir(), 'rc-count-e2e-'));
    blog = await startServer({ port: 0, host: '127.0.0.1', staticDirs: [pages, 'dist'], logger: false });
    api = await startServer({ port: 0, host: '127.0.0.1', origins: [blog.url], logger: false });
    for (let i = 0; i < POSTS; i++) {
      const thread = threadOf(i);
      for (let n = 0; n < i; n++) {
        const parentId = n % 3 === 2 ? `p${i}-${n - 1}` : null;
        await api.store.insertComment(thread, { id: `p${i}-${n}`, parentId, author, body: `comment ${n}` });
      }
      await api.store.insertComment(thread, { author, body: 'waiting', status: 'pending' });
      await api.store.insertComment(thread, { author, body: 'spam', status: 'rejected' });
    }
    const endpoint = api.endpoint;
    // A classic script in <head>: elements upgrade one by one as they are parsed.
    writeFileSync(
      join(pages, 'en.html'),
      indexPage({ lang: 'en', endpoint, script: '<script src="/recovery-comments-count.js"></script>' }),
    );
    // A module script: elements upgrade together once the page is parsed.
    writeFileSync(
      join(pages, 'de.html'),
      indexPage({
        lang: 'de',
        endpoint,
        script: '<script type="module" src="/recovery-comments-count.js"></script>',
      }),
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
    await blog?.close();
    if (pages) rmSync(pages, { recursive: true, force: true });
  });

  /**
   * Opens a page and returns the count texts once all are shown, and the requests to /counts.
   * @param {string} path
   */
  async function openIndex(path) {
    const page = await browser.newPage();
    /** @type {string[]} */
    const countRequests = [];
    /** @type {string[]} */
    const errors = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/counts') countRequests.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${blog.url}${path}`);
    const counts = page.locator('recovery-comments-count[count]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('recovery-comments-count[count]').length === n,
      POSTS,
    );
    const texts = await counts.allTextContents();
    const numbers = await counts.evaluateAll((elements) =>
      elements.map((element) => /** @type {any} */ (element).count),
    );
    await page.close();
    return { texts, numbers, countRequests, errors };
  }

  it('20 counts on an English page: one request, the published counts, "One Response" and "14 Responses"', async () => {
    const { texts, numbers, countRequests, errors } = await openIndex('/en.html');
    assert.deepEqual(errors, []);
    assert.equal(countRequests.length, 1, countRequests.join('\n'));
    assert.equal(new URL(countRequests[0]).searchParams.getAll('thread').length, POSTS);
    assert.deepEqual(
      numbers,
      Array.from({ length: POSTS }, (_, i) => i),
    );
    assert.equal(texts[0], '0 Responses');
    assert.equal(texts[1], 'One Response');
    assert.equal(texts[14], '14 Responses');
  });

  it('the same on a German page (lang="de"): "Eine Antwort", "14 Antworten"', async () => {
    const { texts, countRequests, errors } = await openIndex('/de.html');
    assert.deepEqual(errors, []);
    assert.equal(countRequests.length, 1);
    assert.equal(texts[1], 'Eine Antwort');
    assert.equal(texts[2], '2 Antworten');
    assert.equal(texts[14], '14 Antworten');
  });

  it('an unreachable endpoint leaves what the page wrote ("Comments") in place, without errors', async () => {
    writeFileSync(
      join(pages, 'down.html'),
      indexPage({
        lang: 'en',
        endpoint: 'http://127.0.0.1:9/api',
        script: '<script type="module" src="/recovery-comments-count.js"></script>',
      }),
    );
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const failed = page.waitForEvent('requestfailed', (request) => request.url().includes('/counts'));
    await page.goto(`${blog.url}/down.html`);
    await failed;
    const texts = await page.locator('recovery-comments-count').allTextContents();
    assert.deepEqual(new Set(texts), new Set(['Comments']));
    assert.equal(await page.locator('recovery-comments-count[count]').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
