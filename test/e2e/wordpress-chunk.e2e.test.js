// @ts-check
// backend="wordpress" is a chunk of its own: the built bundle only imports it dynamically, and a
// page on the default `rest` backend never downloads it (the WordPress pages that do are tested
// against a real WordPress in test/wordpress/headless-backend.test.js).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../server/app.js';
import { launchChromium } from './browser.js';

test('the bundle loads the wordpress chunk only on demand, and a rest page never asks for it', async (t) => {
  assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
  const chunks = readdirSync('dist/backends').filter((file) => /^wordpress-[\w-]+\.js$/.test(file));
  assert.equal(chunks.length, 1);
  const bundle = readFileSync('dist/recovery-comments.js', 'utf8');
  // Whichever quotes the minifier chose.
  assert.ok(
    ['`', '"', "'"].some((quote) => bundle.includes(`import(${quote}./backends/${chunks[0]}${quote})`)),
    'imported dynamically',
  );
  assert.doesNotMatch(bundle, /from\s*["'`]\.\/backends\//, 'never statically');

  const dir = mkdtempSync(join(tmpdir(), 'rc-chunk-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rest page</title>
      <script type="module" src="/recovery-comments.js"></script></head>
      <body><h1>Rest page</h1><recovery-comments endpoint="/api" thread="/rest-page"></recovery-comments></body></html>`,
  );
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    moderation: 'off',
    staticDirs: [dir, 'dist'],
    logger: false,
  });
  t.after(() => server.close());
  await server.store.insertComment('/rest-page', {
    id: 'r1',
    author: { name: 'Ann' },
    body: 'Hello from rest.',
  });

  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  /** @type {string[]} */
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${server.url}/`);
  await page.locator('recovery-comments').scrollIntoViewIfNeeded();
  await page.locator('li[data-comment-id="r1"]').waitFor();
  assert.ok(requests.some((url) => url.endsWith('/recovery-comments.js')));
  assert.deepEqual(
    requests.filter((url) => url.includes('/backends/')),
    [],
  );
});
