// @ts-check
// End to end under a strict Content Security Policy with Trusted Types enforced (DESIGN §7):
// the demo page and the built bundle from a page server of our own, the API on a reference
// server on another origin. A reader replies to a nested comment; the browser must report no
// policy violation and the page no console error at any point.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../server/app.js';
import { launchChromium } from './browser.js';

const TEST_TIMEOUT = 60_000;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * Serves demo/index.html (its endpoint rewritten to `endpoint()`), demo/*.css|js|svg and dist/**.js
 * with `csp` on every answer. `endpoint` is read per request: the API server is started after
 * this one, because it needs this server's origin for its CORS allow-list.
 * @param {() => string} endpoint
 * @param {() => string} csp
 */
async function pageServer(endpoint, csp) {
  const demo = resolve('demo');
  const dist = resolve('dist');
  /** @type {string[]} */
  const notFound = [];
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const headers = {
      'Content-Security-Policy': csp(),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (path === '/' || path === '/index.html') {
      const html = readFileSync(join(demo, 'index.html'), 'utf8');
      const rewritten = html.replace(
        '<recovery-comments endpoint="/api"',
        `<recovery-comments endpoint="${endpoint()}"`,
      );
      assert.notEqual(rewritten, html, 'the demo page has <recovery-comments endpoint="/api">');
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
      res.end(rewritten);
      return;
    }
    const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(path))];
    const file = [join(demo, path), join(dist, path)].find(
      (candidate) =>
        (candidate.startsWith(demo + sep) || candidate.startsWith(dist + sep)) &&
        (candidate.startsWith(dist + sep)
          ? /\.(?:js|map)$/.test(candidate)
          : /\.(?:css|js|svg)$/.test(candidate)) &&
        existsSync(candidate),
    );
    if (type === undefined || file === undefined) {
      notFound.push(path);
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type });
    res.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    notFound,
    close: () => new Promise((done) => server.close(() => done(undefined))),
  };
}

/** Runs in the page before any of its scripts: records every CSP and Trusted Types violation. */
function recordViolations() {
  /** @type {any} */ (window).__violations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      /** @type {any} */ (window).__violations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
      });
    },
    true,
  );
}

describe('the demo page under a strict CSP with Trusted Types', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Awaited<ReturnType<typeof pageServer>>} */
  let site;
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let api;
  let policy = '';

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    site = await pageServer(
      () => api.endpoint,
      () => policy,
    );
    api = await startServer({
      port: 0,
      host: '127.0.0.1',
      moderation: 'off',
      origins: [site.origin],
      seedFile: 'demo/seed.json',
      logger: false,
    });
    policy = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src ${new URL(api.endpoint).origin}`,
      "require-trusted-types-for 'script'",
      // No policy at all: the section makes no markup from strings (lit-html, which made one, is gone).
      "trusted-types 'none'",
    ].join('; ');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
    await site?.close();
  });

  it(
    'loads the thread and publishes a reply to a nested comment with zero violations and no console errors',
    { timeout: TEST_TIMEOUT },
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(recordViolations);
      /** @type {string[]} */
      const consoleErrors = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
      const violations = () => page.evaluate(() => /** @type {any} */ (window).__violations);

      const response = await page.goto(site.origin + '/');
      assert.equal(response?.headers()['content-security-policy'], policy);
      // The section loads when it nears the viewport, at the end of the post.
      await page.locator('recovery-comments').scrollIntoViewIfNeeded();
      const parent = page.locator('[data-comment-id="c5"]');
      // When the policy breaks the element, say how rather than only timing out.
      await parent.waitFor({ timeout: 15_000 }).catch(async (error) => {
        throw new Error(
          `the thread never showed: ${error.message}\nviolations: ${JSON.stringify(await violations())}\nconsole: ${JSON.stringify(consoleErrors)}`,
        );
      });
      assert.deepEqual(await violations(), [], 'violations while loading');

      const body = `Posted under a strict CSP with Trusted Types. (${Date.now()})`;
      await parent.locator('> article [part="reply-button"]').click();
      const form = parent.locator('rc-composer');
      await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Quiet Harbor');
      await form.getByRole('button', { name: 'Post Comment' }).click();

      // Published, nested under c5, with its server id.
      const reply = parent.locator('li[part="comment"]', {
        has: page.locator(':scope > article', { hasText: body }),
      });
      await reply.waitFor();
      const id = await reply.getAttribute('data-comment-id');
      assert.ok(id && !id.startsWith('local-'), `a published id, got ${id}`);
      const stored = await fetch(
        `${api.endpoint}/threads/${encodeURIComponent('/posts/first-ninety-days/')}/comments?limit=200`,
      ).then((answer) => answer.json());
      assert.ok(
        stored.comments.some(
          (/** @type {any} */ comment) =>
            comment.id === id && comment.parentId === 'c5' && comment.body === body,
        ),
      );

      assert.deepEqual(await violations(), [], 'violations while replying');
      assert.deepEqual(consoleErrors, [], 'console errors');
      assert.deepEqual(site.notFound, [], 'files the page asked for that the page server does not have');

      // The policy is really enforced: markup from a plain string needs a Trusted Type.
      const parsed = await page.evaluate(() => {
        try {
          new DOMParser().parseFromString('<b>x</b>', 'text/html');
          return 'allowed';
        } catch (error) {
          return /** @type {Error} */ (error).name;
        }
      });
      assert.equal(parsed, 'TypeError');
      await context.close();
    },
  );
});
