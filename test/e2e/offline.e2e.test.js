// @ts-check
// End to end, offline-first (DESIGN §5): the built bundle on the demo page (or a CSP-locked
// page), in Debian's Chromium. Drafts survive a reload, a crashed tab and a quick navigation;
// two tabs share a draft without silently overwriting each other; an outbox filled offline in
// one tab is sent exactly once when the connection returns; a CSP-blocked endpoint is a
// configuration error, not a retry storm.
//
// Every test has its own reference server, so its own origin and therefore its own IndexedDB
// and localStorage, and its own browser context.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { demoServer } from './demo-server.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { launchChromium } from './browser.js';
import { eventually, sleep } from './wait.js';

const THREAD = '/posts/first-ninety-days/';
const NAME = 'Quiet Harbor';
const CONFLICT_NOTICE = 'You also changed this draft in another tab.';
const WAITING = 'Waiting for a connection — it will be sent automatically.';
const TEST_TIMEOUT = 90_000;

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Locator} Locator */

/**
 * Records the element's public events (they bubble and are composed) in every page of a context.
 * @param {BrowserContext} context
 */
async function recordEvents(context) {
  await context.addInitScript(() => {
    const names = ['rc-draft-saved', 'rc-queued', 'rc-submitted', 'rc-failed', 'rc-loaded', 'rc-error'];
    /** @type {Array<{ type: string, detail: any, at: number }>} */
    const events = [];
    Object.defineProperty(window, '__rcEvents', { value: events });
    for (const name of names) {
      document.addEventListener(name, (event) => {
        events.push({
          type: name,
          detail: JSON.parse(JSON.stringify(/** @type {CustomEvent} */ (event).detail ?? null)),
          at: Date.now(),
        });
      });
    }
  });
}

/**
 * The recorded events of one type.
 * @param {Page} page
 * @param {string} type
 * @returns {Promise<Array<{ type: string, detail: any, at: number }>>}
 */
function eventsOf(page, type) {
  return page.evaluate(
    (name) => /** @type {any} */ (window).__rcEvents.filter((/** @type {any} */ e) => e.type === name),
    type,
  );
}

/**
 * Scrolls to the comment section (it loads its thread only near the viewport) and waits until
 * the seeded thread is shown.
 * @param {Page} page
 */
async function showThread(page) {
  await page.locator('recovery-comments').evaluate((element) => element.scrollIntoView());
  await page.locator('li[data-comment-id="c5"]').waitFor();
}

/**
 * Opens the demo page and waits until the seeded thread is shown.
 * @param {Page} page
 * @param {string} url
 */
async function openDemo(page, url) {
  await page.goto(url);
  await showThread(page);
}

/** The reply form when it is under comment `id` (its direct child, not a deeper reply's). */
const formUnder = (/** @type {Page} */ page, /** @type {string} */ id) =>
  page.locator(`li[data-comment-id="${id}"] > rc-composer`);
/** The form under the thread (no comment being replied to). */
const mainForm = (/** @type {Page} */ page) => page.locator('section[part="section"] > rc-composer');
/** A text field of a form, by its accessible name. */
const field = (/** @type {Locator} */ form, /** @type {string} */ name) =>
  form.getByRole('textbox', { name, exact: true });
/** The Reply button of comment `id`. */
const replyButton = (/** @type {Page} */ page, /** @type {string} */ id) =>
  page.locator(`li[data-comment-id="${id}"] > article [part="reply-button"]`);
/** The reader's own unsent comments (queued, sending or failed). */
const unsent = (/** @type {Page} */ page) => page.locator('li[part~="comment-unsent"]');
/** The texts of every comment shown (published, pending or unsent). */
// textContent, not innerText: comments far off screen skip rendering (content-visibility: auto),
// and innerText reports nothing for what is not rendered.
const shownBodies = (/** @type {Page} */ page) =>
  page
    .locator('li[part~="comment"] > article [part="body"]')
    .evaluateAll((bodies) => bodies.map((body) => body.textContent ?? ''));

/**
 * Drafts as stored in the component's own IndexedDB database (never creating it).
 * @param {Page} page
 * @returns {Promise<Array<{ parentId: string | null, fields: { body: string, name: string } }>>}
 */
function storedDrafts(page) {
  return page.evaluate(async () => {
    const databases = await indexedDB.databases();
    if (!databases.some((db) => db.name === 'recovery-comments')) return [];
    /** @type {IDBDatabase} */
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('recovery-comments');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('kv')) return [];
      const request = db
        .transaction('kv', 'readonly')
        .objectStore('kv')
        .getAll(IDBKeyRange.bound('draft|', 'draft|\uffff'));
      return await new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}

/**
 * Waits until the reply form is under comment `id` holding exactly `body` (and `name`, if given).
 * @param {Page} page
 * @param {string} id
 * @param {string} body
 * @param {string} [name]
 * @param {number} [timeout]
 */
async function expectDraftUnder(page, id, body, name, timeout = 15_000) {
  const form = formUnder(page, id);
  await eventually(async () => {
    assert.equal(await form.count(), 1, `the reply form is not under ${id}`);
    assert.equal(await field(form, 'Comment').inputValue(), body);
    if (name !== undefined) assert.equal(await field(form, 'Name').inputValue(), name);
  }, timeout);
}

/**
 * The demo thread's stored comments (any status) whose body is one of `bodies`.
 * @param {Awaited<ReturnType<typeof demoServer>>} server
 * @param {string[]} bodies
 */
async function storedWithBodies(server, bodies) {
  const lists = await Promise.all(
    ['pending', 'published', 'rejected'].map((status) =>
      server.store.listForModeration({ status: /** @type {any} */ (status), thread: THREAD }),
    ),
  );
  return lists.flat().filter((comment) => bodies.includes(comment.body));
}

describe('offline-first: drafts, outbox and CSP, end to end', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Array<() => Promise<unknown> | unknown>} */
  let cleanups = [];

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    browser = await launchChromium();
  });
  afterEach(async () => {
    // Last opened, first closed: contexts before the servers they talk to.
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
    cleanups = [];
  });
  after(() => browser?.close());

  /** A fresh demo server and browser context, both closed after the test. */
  async function setUp(/** @type {'pre' | 'off'} */ moderation = 'off') {
    const server = await demoServer(moderation, 'e2e-offline-admin');
    cleanups.push(() => server.close());
    const context = await browser.newContext();
    cleanups.push(() => context.close());
    context.setDefaultTimeout(20_000);
    await recordEvents(context);
    /** @type {string[]} */
    const errors = [];
    const newPage = async () => {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      return page;
    };
    return { server, context, url: server.url + '/', newPage, errors };
  }

  it(
    'keeps a reply typed under a nested comment across a reload, under that comment',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { url, newPage, errors } = await setUp();
      const page = await newPage();
      await openDemo(page, url);
      await replyButton(page, 'c5').click();
      const form = formUnder(page, 'c5');
      await form.waitFor();
      const body = `Day 12 here. The envelope list is going on my fridge (${Date.now()}).\nThank you, M.`;
      await field(form, 'Comment').pressSequentially(body);
      await field(form, 'Name').pressSequentially(NAME);

      // The quiet status line and the event say it is saved; the database holds the final text.
      await eventually(async () =>
        assert.match(
          (await form.locator('[part="draft-status"]').allInnerTexts()).join('\n'),
          /Draft saved on this device at /,
        ),
      );
      assert.ok(
        (await eventsOf(page, 'rc-draft-saved')).some((event) => event.detail.parentId === 'c5'),
        'no rc-draft-saved for c5',
      );
      await eventually(async () => {
        const drafts = await storedDrafts(page);
        assert.ok(
          drafts.some(
            (draft) => draft.parentId === 'c5' && draft.fields.body === body && draft.fields.name === NAME,
          ),
          `stored drafts: ${JSON.stringify(drafts)}`,
        );
      });

      await page.reload();
      await showThread(page);
      await expectDraftUnder(page, 'c5', body, NAME);
      assert.equal(await page.locator('rc-composer').count(), 1, 'one reply form');
      assert.deepEqual(errors, []);
    },
  );

  it(
    'keeps what was typed when the tab crashes 600 ms after the last keystroke',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { context, url, newPage } = await setUp();
      const page = await newPage();
      await openDemo(page, url);
      await replyButton(page, 'c7').click();
      const form = formUnder(page, 'c7');
      const body = `Written just before the tab went down (${Date.now()}): the long evening hour is mine now.`;
      await field(form, 'Comment').pressSequentially(body);
      await sleep(600);

      const crashed = new Promise((resolve) => page.once('crash', resolve));
      const cdp = await context.newCDPSession(page);
      // Page.crash never answers: the renderer is gone before it can.
      void cdp.send('Page.crash').catch(() => undefined);
      await Promise.race([crashed, sleep(10_000).then(() => assert.fail('the tab did not crash'))]);

      const again = await newPage();
      await openDemo(again, url);
      await expectDraftUnder(again, 'c7', body);
    },
  );

  it(
    'keeps what was typed when the reader navigates away 50 ms after the last keystroke (5 times)',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { server, url, newPage, errors } = await setUp();
      const page = await newPage();
      await openDemo(page, url);
      await replyButton(page, 'c5').click();
      /** @type {Array<{ round: number, expected: string, found: string, under: string }>} */
      const lost = [];
      for (let round = 1; round <= 5; round++) {
        const form = formUnder(page, 'c5');
        const comment = field(form, 'Comment');
        await comment.click();
        await page.keyboard.press('ControlOrMeta+A');
        const body = `Round ${round}: a fresh thought, typed quickly and left at once (${Date.now()}).`;
        await page.keyboard.type(body);
        await sleep(50);
        // Alternate a cross-document navigation to about:blank and to another same-origin URL.
        await page.goto(round % 2 === 1 ? 'about:blank' : `${server.url}/favicon.svg`);
        await openDemo(page, url);
        try {
          // The thread is shown; restoring the draft follows within moments, or never.
          await expectDraftUnder(page, 'c5', body, undefined, 5_000);
        } catch {
          const form = page.locator('rc-composer');
          const under = await form.evaluate(
            (element) => element.parentElement?.dataset.commentId ?? 'the thread',
          );
          lost.push({ round, expected: body, found: await field(form, 'Comment').inputValue(), under });
          // Put the form back under c5 for the next round.
          if (under !== 'c5') await replyButton(page, 'c5').click();
        }
      }
      assert.deepEqual(lost, [], 'a draft typed 50 ms before navigating away was lost');
      assert.deepEqual(errors, []);
    },
  );

  it(
    'shares a draft between two tabs, and never silently replaces text typed in both',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { url, newPage, errors } = await setUp();
      const tabA = await newPage();
      const tabB = await newPage();
      await openDemo(tabA, url);
      await openDemo(tabB, url);

      // B shows the same (empty) draft: the form under c2. Then A types there.
      await tabB.bringToFront();
      await replyButton(tabB, 'c2').click();
      await formUnder(tabB, 'c2').waitFor();
      await tabA.bringToFront();
      await replyButton(tabA, 'c2').click();
      const formA = formUnder(tabA, 'c2');
      const formB = formUnder(tabB, 'c2');
      const first = `From tab A (${Date.now()}): telling one person changed everything for me too.`;
      await field(formA, 'Comment').pressSequentially(first);

      // B, untouched, follows A.
      await eventually(async () => assert.equal(await field(formB, 'Comment').inputValue(), first));
      assert.equal(await formB.getByText(CONFLICT_NOTICE).count(), 0, 'no conflict while B is untouched');

      // Both edit: B keeps its own text and says that A changed the draft too.
      const fromB = `${first} And B adds this.`;
      await tabB.bringToFront();
      await field(formB, 'Comment').press('End');
      await field(formB, 'Comment').pressSequentially(' And B adds this.');
      await eventually(async () => {
        const drafts = await storedDrafts(tabB);
        assert.ok(
          drafts.some((draft) => draft.parentId === 'c2' && draft.fields.body === fromB),
          `stored drafts: ${JSON.stringify(drafts)}`,
        );
      });
      const fromA = `${first} A adds something else.`;
      await tabA.bringToFront();
      await field(formA, 'Comment').press('End');
      await field(formA, 'Comment').pressSequentially(' A adds something else.');
      await eventually(async () =>
        assert.equal(await formB.getByText(CONFLICT_NOTICE).count(), 1, 'B shows the conflict notice'),
      );
      assert.equal(await field(formB, 'Comment').inputValue(), fromB, 'B keeps its own text');
      assert.equal(await field(formA, 'Comment').inputValue(), fromA, 'A keeps its own text');

      // "Use that version" in B takes A's text.
      await tabB.bringToFront();
      await formB.getByRole('button', { name: 'Use that version' }).click();
      await eventually(async () => assert.equal(await field(formB, 'Comment').inputValue(), fromA));
      assert.equal(await formB.getByText(CONFLICT_NOTICE).count(), 0);
      assert.deepEqual(errors, []);
    },
  );

  it(
    'sends comments queued offline in one tab exactly once when the connection returns, with a second tab open',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { server, context, url, newPage, errors } = await setUp('off');
      const tabA = await newPage();
      const tabB = await newPage();
      await openDemo(tabA, url);
      await openDemo(tabB, url);

      // The tab in front gets animation frames; Playwright's clicks wait for them.
      await tabA.bringToFront();
      await context.setOffline(true);
      await tabA.waitForFunction(() => navigator.onLine === false);
      await tabB.waitForFunction(() => navigator.onLine === false);

      const stamp = Date.now();
      const replies = [
        { parent: 'c2', body: `Offline reply one (${stamp}): the lentils trick works.` },
        { parent: 'c5', body: `Offline reply two (${stamp}): boredom is not an emergency.` },
        { parent: 'c11', body: `Offline reply three (${stamp}): day forty-seven was mine too.` },
      ];
      const bodies = replies.map((reply) => reply.body);
      for (const [i, reply] of replies.entries()) {
        await replyButton(tabA, reply.parent).click();
        const form = formUnder(tabA, reply.parent);
        await field(form, 'Comment').fill(reply.body);
        await field(form, 'Name').fill(NAME);
        await form.getByRole('button', { name: 'Post Comment' }).click();
        await eventually(async () => assert.equal((await eventsOf(tabA, 'rc-queued')).length, i + 1));
        // Its echo waits in place, under its parent, saying it waits for the connection.
        const echo = tabA.locator(`li[data-comment-id="${reply.parent}"] li[part~="comment-unsent"]`, {
          has: tabA.locator(':scope > article', { hasText: reply.body }),
        });
        await echo.waitFor();
        assert.equal(await echo.locator('> article [part="status"]').innerText(), WAITING);
      }
      const clientIds = (await eventsOf(tabA, 'rc-queued'))
        .map((event) => event.detail.comment.clientId)
        .sort();
      assert.equal(new Set(clientIds).size, 3);
      await eventually(async () =>
        assert.equal(await unsent(tabB).count(), 3, 'tab B shows the queued comments too'),
      );
      assert.equal(
        (await storedWithBodies(server, bodies)).length,
        0,
        'nothing reached the server while offline',
      );

      await context.setOffline(false);
      await eventually(
        async () => assert.equal((await storedWithBodies(server, bodies)).length >= 3, true),
        30_000,
      );
      // Both outboxes empty (no echo left in either tab): nothing more can be sent.
      await eventually(async () => {
        assert.equal(await unsent(tabA).count(), 0, 'echoes left in tab A');
        assert.equal(await unsent(tabB).count(), 0, 'echoes left in tab B');
      }, 30_000);

      // Tab B, which did not send, shows the published replies in place without a reload.
      await eventually(async () => {
        const shownInB = await shownBodies(tabB);
        for (const body of bodies)
          assert.equal(shownInB.filter((text) => text === body).length, 1, `tab B shows: ${body}`);
      }, 30_000);

      const stored = await storedWithBodies(server, bodies);
      for (const body of bodies) {
        assert.equal(stored.filter((comment) => comment.body === body).length, 1, `stored once: ${body}`);
      }
      assert.deepEqual(stored.map((comment) => comment.clientId).sort(), clientIds);
      assert.ok(stored.every((comment) => comment.status === 'published'));
      for (const reply of replies) {
        assert.equal(stored.find((comment) => comment.body === reply.body)?.parentId, reply.parent);
      }

      for (const tab of [tabA, tabB]) {
        await tab.bringToFront();
        await tab.reload();
        await showThread(tab);
        await eventually(async () => {
          const shown = await shownBodies(tab);
          for (const body of bodies)
            assert.equal(shown.filter((text) => text === body).length, 1, `shown once: ${body}`);
        });
        assert.equal(await unsent(tab).count(), 0, 'no echo after a reload');
      }
      assert.deepEqual(errors, []);
    },
  );

  it(
    "says when the page's CSP blocks the endpoint, fails the send without retrying, and sends nothing",
    { timeout: TEST_TIMEOUT },
    async () => {
      const thread = '/csp-test/';
      const server = await demoServer('off', 'e2e-offline-admin');
      cleanups.push(() => server.close());
      // The proxy only counts: any request the browser makes to the API would show in its log.
      const proxy = await startFaultProxy({ target: server.url });
      cleanups.push(() => proxy.close());
      const apiOrigin = new URL(proxy.endpoint).origin;
      const page$ = await cspPage(proxy.endpoint, thread);
      cleanups.push(() => page$.close());

      const context = await browser.newContext();
      cleanups.push(() => context.close());
      context.setDefaultTimeout(20_000);
      await recordEvents(context);
      await context.addInitScript(() => {
        /** @type {Array<{ directive: string, blocked: string, at: number }>} */
        const violations = [];
        Object.defineProperty(window, '__violations', { value: violations });
        document.addEventListener('securitypolicyviolation', (event) => {
          violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, at: Date.now() });
        });
      });
      const page = await context.newPage();
      /** @type {string[]} */
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const violations = () =>
        page.evaluate(
          () =>
            /** @type {Array<{ directive: string, blocked: string, at: number }>} */ (
              /** @type {any} */ (window).__violations
            ),
        );

      const message = `This page's Content Security Policy does not allow connections to ${apiOrigin}. The site owner needs to add it to connect-src.`;
      await page.goto(page$.url);
      const state = page.locator('recovery-comments [part="state"]');
      await eventually(async () =>
        assert.ok(
          (await state.allInnerTexts()).some((text) => text.includes(message)),
          `state: ${await state.allInnerTexts()}`,
        ),
      );

      const form = mainForm(page);
      await field(form, 'Comment').fill(`Posted from a page whose CSP forbids the API (${Date.now()}).`);
      await field(form, 'Name').fill(NAME);
      await form.getByRole('button', { name: 'Post Comment' }).click();
      const echo = unsent(page);
      await eventually(async () => assert.equal(await echo.count(), 1));
      await eventually(async () =>
        assert.deepEqual(await echo.locator('> article [part="status"] p').allInnerTexts(), [
          `Couldn't send: ${message}`,
        ]),
      );
      assert.equal(await echo.locator('[part="retry-button"]').count(), 1);
      assert.equal(await echo.locator('[part="edit-button"]').count(), 1);
      const failed = await eventsOf(page, 'rc-failed');
      assert.equal(failed.length, 1);
      assert.equal(failed[0]?.detail.message, message);

      // Watch for ~3 s: no further attempts (each would be another violation).
      const watchedFrom = Date.now();
      await sleep(3_000);
      const seen = await violations();
      assert.ok(seen.length >= 1, 'the blocked load reports a violation');
      assert.ok(
        seen.length <= 2,
        `at most one violation for the load and one for the send, got ${JSON.stringify(seen)}`,
      );
      assert.ok(
        seen.every((violation) => violation.at < watchedFrom),
        `violations after the send failed: ${JSON.stringify(seen)}`,
      );
      assert.equal((await eventsOf(page, 'rc-failed')).length, 1, 'no further failures');
      assert.deepEqual(proxy.log(), [], 'the browser sent no request to the API');
      assert.equal(await server.store.countComments(thread), 0);
      assert.deepEqual(errors, []);
    },
  );
});

// Bugs found while writing the tests above, fixed since; these keep them fixed.
describe('offline-first: bugs found and fixed', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  /** @type {Array<() => Promise<unknown> | unknown>} */
  let cleanups = [];

  before(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
    cleanups = [];
  });
  after(() => browser?.close());

  async function demoPage() {
    const server = await demoServer('off', 'e2e-offline-admin');
    cleanups.push(() => server.close());
    const context = await browser.newContext();
    cleanups.push(() => context.close());
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openDemo(page, server.url + '/');
    return { server, page, errors };
  }

  it(
    'does not bring back a reply as a draft after it was posted, when the tab was hidden while its draft was being written',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { server, page } = await demoPage();
      await replyButton(page, 'c5').click();
      const form = formUnder(page, 'c5');
      const comment = field(form, 'Comment');
      await comment.pressSequentially('Half a thought');
      // One more keystroke, and the tab is hidden (the reader switches tabs or apps) before its
      // IndexedDB write can finish; then visible again. Headless Chromium never hides a page, so
      // the visibility change is simulated: the component reads document.visibilityState.
      await comment.evaluate((textarea) => {
        const input = /** @type {HTMLTextAreaElement} */ (textarea);
        input.value += ',';
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
        delete (/** @type {any} */ (document).visibilityState);
        document.dispatchEvent(new Event('visibilitychange'));
      });
      const body = 'Half a thought, finished and posted.';
      await comment.pressSequentially(' finished and posted.');
      await field(form, 'Name').fill(NAME);
      await form.getByRole('button', { name: 'Post Comment' }).click();
      await page
        .locator('li[part="comment"]', { has: page.locator(':scope > article', { hasText: body }) })
        .waitFor();
      assert.equal((await storedWithBodies(server, [body])).length, 1);

      await page.reload();
      await showThread(page);
      // Give a wrongly restored draft the time to show up (restoring takes milliseconds).
      await sleep(1_500);
      const shown = page.locator('rc-composer');
      const under = await shown.evaluate(
        (element) => element.parentElement?.dataset.commentId ?? 'the thread',
      );
      const text = await field(shown, 'Comment').inputValue();
      assert.deepEqual(
        { under, text },
        { under: 'the thread', text: '' },
        'the posted reply came back as a draft',
      );
    },
  );

  it(
    'keeps saving drafts and sending replies after the page moves the comment section in the DOM',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { server, page, errors } = await demoPage();
      // A theme putting the comments in a tab, a framework re-parenting it: disconnected, then connected again.
      await page.locator('recovery-comments').evaluate((element) => {
        const box = document.createElement('div');
        element.parentElement?.append(box);
        box.append(element);
      });
      await replyButton(page, 'c5').click();
      const form = formUnder(page, 'c5');
      const body = `Typed after the section moved (${Date.now()}).`;
      await field(form, 'Comment').pressSequentially(body);
      await field(form, 'Name').fill(NAME);
      /** @type {string[]} */
      const problems = [];
      try {
        await eventually(
          async () =>
            assert.match(
              (await form.locator('[part="draft-status"]').allInnerTexts()).join('\n'),
              /Draft saved on this device/,
            ),
          5_000,
        );
      } catch {
        problems.push('no "Draft saved on this device" status: the draft is not saved');
      }
      await form.getByRole('button', { name: 'Post Comment' }).click();
      try {
        await eventually(async () => assert.equal((await storedWithBodies(server, [body])).length, 1), 5_000);
      } catch {
        problems.push(`Post Comment sent nothing; page errors: ${JSON.stringify(errors)}`);
      }
      assert.deepEqual(problems, []);
    },
  );
});

/**
 * A one-page site on its own origin with a strict CSP: the API on any other origin is forbidden.
 * @param {string} endpoint
 * @param {string} thread
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function cspPage(endpoint, thread) {
  const dist = resolve('dist');
  const attribute = (/** @type {string} */ value) =>
    value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A page with a strict CSP</title></head>
<body>
  <h1>A page with a strict CSP</h1>
  <recovery-comments endpoint="${attribute(endpoint)}" thread="${attribute(thread)}"></recovery-comments>
  <script type="module" src="/recovery-comments.js"></script>
</body>
</html>
`;
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-store',
      });
      res.end(page);
    } else if (/^\/(?:locales\/)?[\w.-]+\.js$/.test(path) && existsSync(join(dist, path))) {
      // The bundle and the locale chunks it may load, from the same origin as the page.
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(readFileSync(join(dist, path)));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
